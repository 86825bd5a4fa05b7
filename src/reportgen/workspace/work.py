"""What the workspace does with files, through the same library functions the CLI calls.

Each function takes bytes or a stored path and a scratch folder, and returns bytes or
findings; none knows about HTTP. A file the library refuses raises ReportgenError with
the person's own file name in its message, never a path of the server's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import ReportgenError
from ..core.findings import Finding, Source, sort_findings
from ..core.wording import numeric_date
from .store import KIND_MEETING

# The longest cell text shown beside a finding; the officer opens Excel for the rest.
CELL_TEXT_LIMIT = 600


@dataclass
class ValidatedUpload:
    facts: dict[str, Any]
    findings: list[dict]
    edition: Any = None  # the model read for validation, so the preview need not read the file again


def finding_rows(findings: Iterable[Finding], raw=None) -> list[dict]:
    """Findings as the CLI's JSON gives them, plus the place as the CLI's text prints it and the cell's text."""
    rows = []
    for finding in findings:
        row = finding.as_dict()
        row["place"] = finding.source.describe()
        row["cell_text"] = cell_text(raw, finding.source) if raw is not None else None
        rows.append(row)
    return rows


def cell_text(raw, source: Source) -> str | None:
    if source.sheet is None or source.row is None or source.column is None:
        return None
    sheet = raw.sheet(source.sheet)
    if sheet is None:
        return None
    row = next((r for r in sheet.rows if r.number == source.row), None)
    if row is None:
        return None
    cell = next((c for c in row.cells.values() if c.source.column == source.column), None)
    if cell is None or cell.is_blank:
        return None
    text = cell.formula if cell.formula and not cell.cached else cell.text
    if text and len(text) > CELL_TEXT_LIMIT:
        text = text[:CELL_TEXT_LIMIT] + "…"
    return text


@contextmanager
def _named(path: Path, name: str) -> Iterator[None]:
    """A refusal of the file at `path` names it as the person does, never by the server's path."""
    try:
        yield
    except ReportgenError as exc:
        raise ReportgenError(exc.message.replace(str(path), name)) from None


def check_workbook_upload(data: bytes, name: str) -> None:
    """The workbook safety checks (zip and entity bombs, encryption, kind of file), on the bytes alone."""
    from ..workbook.safety import check_workbook_bytes

    if check_workbook_bytes(name, data):
        raise ReportgenError(
            f"{name}: is a macro-enabled workbook (.xlsm). The workspace keeps plain workbooks "
            "only: in Excel, choose File > Save As > Excel Workbook (.xlsx) and upload that"
        )


def validate_upload(data: bytes, name: str, scratch: Path) -> ValidatedUpload:
    """`reportgen validate` on uploaded bytes: the edition's (or meeting's) facts and every finding with its cell's
    text."""
    from ..meeting.kind import load_and_validate

    check_workbook_upload(data, name)
    path = scratch / "upload.xlsx"
    path.write_bytes(data)
    with _named(path, name):
        loaded, findings = load_and_validate(path)  # an edition or a board meeting workbook
    meeting = getattr(loaded, "meeting", None)
    if meeting is not None:
        from ..meeting.document import meeting_line, title

        day = meeting.date.isoformat() if meeting.date else None
        facts = {
            "kind": KIND_MEETING,
            "title": title(meeting),
            "label": meeting_line(meeting),
            "status": meeting.status or "Draft",
            "period_start": day,
            "period_end": day,
        }
        return ValidatedUpload(facts, finding_rows(findings, loaded.raw), loaded.edition)
    edition = loaded.edition
    facts = {
        "title": edition.title,
        "label": edition.edition,
        "status": edition.status or "Draft",
        "period_start": edition.period_start.isoformat() if edition.period_start else None,
        "period_end": edition.period_end.isoformat() if edition.period_end else None,
    }
    return ValidatedUpload(facts, finding_rows(findings, loaded.raw), edition)


def preview_html(workbook: Path, name: str, edition=None, helper: Executor | None = None) -> bytes:
    """The HTML edition alone, as `build --only html` renders it (unchecked: a preview is not published).

    `name` is the person's own name for the workbook, which a refusal names. `edition` is the workbook's model (an edition's or a meeting's) when the caller has just read it.
    `helper` (from start_chart_helper) draws some of the charts while this process draws the others.
    """
    from ..meeting.kind import is_meeting
    from ..meeting.reader import load_meeting
    from ..workbook.reader import load
    from ..writers import write_edition

    if edition is None:
        with _named(workbook, name):
            edition = (load_meeting if is_meeting(workbook) else load)(workbook).edition
    if helper is not None:
        _draw_charts_beside(edition, helper)
    return write_edition("html", edition)


def start_chart_helper() -> Executor:
    """A process that draws charts for previews beside the server (see _draw_charts_beside).

    Drawing the charts is nearly all of a preview's time (the example's eight drawings, four for
    each width, take about 0.6 s of CPU in matplotlib, which holds the GIL), so a second process
    halves the wait when a second core is free. It is the build's kind of worker (forked, and it
    dies with the server: runtime/lifetime.py), so call this before the server starts a thread.
    It imports matplotlib and draws once straight away. Stop it with lifetime.stop_pool.
    """
    from ..runtime.lifetime import worker_pool

    helper = worker_pool()
    helper.submit(_warm_helper)
    return helper


def _warm_helper() -> None:
    from ..charts import chart_data
    from ..charts.draw import draw_svg

    edition = _warm_up_edition()
    draw_svg(chart_data(edition, edition.charts[0]), narrow=True)


def _draw_charts_beside(edition, helper: Executor) -> None:
    """Put the edition's drawings in the chart cache, shared out between this process and `helper`.

    This process draws them first to last and the helper last to first, one at a time each, so
    the two meet about halfway whatever the drawings cost. The page is then rendered as without a
    helper and reads every drawing from the cache, which is keyed by the chart's figures
    (charts/store.py): a changed workbook is drawn afresh, never shown with another's charts.
    Without a cache folder there is nowhere to hand the drawings over, so the page draws them
    itself; so it does any drawing that failed here or in the helper (or that the helper, gone,
    never made), and names the problem as a build would.
    """
    from ..charts import chart_data
    from ..charts.store import is_stored, stored_svg
    from ..runtime import cache

    if cache.cache_dir() is None:
        return
    charts = [
        data for data in (chart_data(edition, chart) for chart in getattr(edition, "charts", ())) if data is not None
    ]
    drawings = [(data, narrow) for narrow in (False, True) for data in charts if not is_stored(data, _FORMS[narrow])]
    shared = _SharedDrawings(drawings, helper)
    shared.feed_helper()
    while (index := shared.take(first=True)) is not None:
        data, narrow = drawings[index]
        try:
            stored_svg(data, lambda data, narrow=narrow: draw_chart(data, narrow), form=_FORMS[narrow])
        except Exception:  # noqa: BLE001 - the page draws it again and reports the problem
            pass
    shared.helper_done.wait(HELPER_PATIENCE)
    for index, result in list(shared.results.items()):
        data, narrow = drawings[index]
        stored_svg(data, lambda _, result=result: result, form=_FORMS[narrow])


# Seconds a preview waits for the helper's last drawing before the page draws what is missing.
HELPER_PATIENCE = 60.0


class _SharedDrawings:
    """The drawings of one preview, taken from the front by this process and from the back by the helper.

    The helper gets one drawing at a time (the next is sent when it returns the last), so it
    never holds one this process could be drawing.
    """

    def __init__(self, drawings: list, helper: Executor):
        import threading

        self.drawings = drawings
        self.helper = helper
        self.front, self.back = 0, len(drawings)
        self.lock = threading.Lock()
        self.results: dict[int, tuple[str, float, float]] = {}
        self.helper_done = threading.Event()

    def take(self, first: bool) -> int | None:
        with self.lock:
            if self.front >= self.back:
                return None
            if first:
                self.front += 1
                return self.front - 1
            self.back -= 1
            return self.back

    def feed_helper(self) -> None:
        index = self.take(first=False)
        if index is None:
            self.helper_done.set()
            return
        try:
            drawing = self.helper.submit(_draw_in_helper, *self.drawings[index])
        except RuntimeError:  # the helper died (BrokenExecutor) or was shut down: the page draws this one
            self.helper_done.set()
            return
        drawing.add_done_callback(lambda future: self._returned(index, future))

    def _returned(self, index: int, future) -> None:
        # Runs in the executor's own thread: record the drawing, then send the next one.
        if not future.cancelled() and future.exception() is None:
            self.results[index] = future.result()
        self.feed_helper()


# The chart cache's names for the two drawings of a chart (as ChartFigure.svg and .svg_narrow ask).
_FORMS = {False: "svg", True: "svg-narrow"}


def draw_chart(data, narrow: bool) -> tuple[str, float, float]:
    """One chart's SVG drawing, wide or for a phone (in either process)."""
    from ..charts.draw import draw_svg

    return draw_svg(data, narrow=narrow)


def _draw_in_helper(data, narrow: bool) -> tuple[str, float, float]:
    """draw_chart, forgetting the drawing at once: the server keeps it (in the chart cache), and the
    helper would otherwise hold the last few dozen drawings and their figures for nothing."""
    from ..charts.draw import clear_cache

    try:
        return draw_chart(data, narrow)
    finally:
        clear_cache()


def warm_up(scratch: Path | None = None) -> None:
    """Pay once, at start, what the first upload and preview would: imports, fonts, matplotlib's caches."""
    import tempfile

    from ..validation import validate
    from ..workbook.reader import load
    from ..writers import write_edition

    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        blank_workbook(Path(folder))
        validate(load(Path(folder) / "blank.xlsx"))
    write_edition("html", _warm_up_edition())
    from ..charts.draw import clear_cache

    clear_cache()


def _warm_up_edition():
    """One small bar chart: drawing it imports matplotlib and reads the fonts."""
    from ..core.model import Chart, Edition, Metric

    return Edition(
        title="Warm-up",
        edition="Warm-up",
        metrics=[Metric(id="M1", label="Warm-up", value=1.0, unit="count", chart="W")],
        charts=[Chart(group="W", title="Warm-up", type="bar")],
    )


@dataclass
class Comparison:
    counts: list[tuple[str, int]]
    total: int
    reports: dict[str, bytes]  # html, json, docx


def compare_editions(old: Path, new: Path, old_name: str, new_name: str) -> Comparison:
    """`reportgen compare OLD NEW` in HTML, JSON and DOCX (HTML and JSON for two board meetings)."""
    from ..compare import KINDS, compare, load_edition, render_report
    from ..meeting.kind import is_meeting

    if is_meeting(old) and is_meeting(new):
        return _compare_meetings(old, new, old_name, new_name)

    with _named(old, old_name):
        old_loaded = load_edition(old)
    with _named(new, new_name):
        new_loaded = load_edition(new)
    # The reports name each workbook: the person's names, not the store's.
    old_loaded.edition.file_name, new_loaded.edition.file_name = old_name, new_name
    comparison = compare(old_loaded.edition, new_loaded.edition)
    reports = {name: render_report(comparison, name) for name in ("html", "json", "docx")}
    counts = comparison.counts()
    # The two gates first (reworded commitments, updates carried over), then the rest, as the report orders them.
    return Comparison([(kind.title, counts[kind.code]) for kind in KINDS], comparison.total_changes, reports)


def _compare_meetings(old: Path, new: Path, old_name: str, new_name: str) -> Comparison:
    from ..meeting.compare import SECTIONS, compare_meetings, to_html, to_json
    from ..meeting.reader import load_meeting

    loaded = []
    for path, name in ((old, old_name), (new, new_name)):
        with _named(path, name):
            loaded.append(load_meeting(path))
    result = compare_meetings(*loaded)
    result.old_name, result.new_name = old_name, new_name
    counts = result.counts()
    return Comparison(
        [(title, counts[key]) for key, title in SECTIONS],
        sum(counts.values()),
        {"html": to_html(result).encode("utf-8"), "json": to_json(result).encode("utf-8")},
    )


@dataclass
class Made:
    """A workbook made for download (or None when errors stopped it) and what the command reported."""

    data: bytes | None
    findings: list[dict]
    summary: str
    label: str = ""  # the new edition's label, for the downloaded file's name


def blank_workbook(scratch: Path, meeting: bool = False) -> bytes:
    """`reportgen new` (with `--meeting`, the board meeting workbook)."""
    from ..meeting.blank import write_blank_meeting
    from ..workbook.blank import write_blank_workbook

    path = scratch / "blank.xlsx"
    (write_blank_meeting if meeting else write_blank_workbook)(path)
    return path.read_bytes()


def next_workbook(workbook: Path, name: str, scratch: Path) -> Made:
    """`reportgen next`: the next quarter's workbook (or the next board meeting's)."""
    from ..meeting.kind import is_meeting
    from ..rollover.edition import roll_forward

    output = scratch / "next.xlsx"
    if is_meeting(workbook):
        return _next_meeting(workbook, name, output)
    with _named(workbook, name):
        plan = roll_forward(workbook, output)
    findings = finding_rows(sort_findings(plan.findings))
    if plan.failed:
        return Made(None, findings, "")
    start, end = plan.period
    dates = f", {numeric_date(start)} to {numeric_date(end)}" if start and end else ""
    return Made(
        output.read_bytes(),
        findings,
        f"{plan.edition_label or 'edition'}{dates}; {plan.commitments} commitments carried over, "
        f"{plan.complete} marked Complete last time.",
        plan.edition_label or "",
    )


def _next_meeting(workbook: Path, name: str, output: Path) -> Made:
    from ..meeting.rollover import roll_meeting_forward

    with _named(workbook, name):
        plan = roll_meeting_forward(workbook, output)
    findings = finding_rows(plan.findings)
    if plan.failed:
        return Made(None, findings, "")
    when = f"the meeting of {plan.edition_label}" if plan.edition_label else "the next meeting"
    return Made(
        output.read_bytes(),
        findings,
        f"{when}; {plan.commitments} open actions carried forward, {plan.complete} Done or Dropped left behind.",
    )


def import_docx(data: bytes, name: str, scratch: Path) -> Made:
    """`reportgen import`: a workbook from a Word edition, once the DOCX safety checks pass on the bytes."""
    from ..importer import import_edition
    from ..importer.package import check_docx_bytes

    check_docx_bytes(name, data)
    source = scratch / "edition.docx"
    source.write_bytes(data)
    output = scratch / "imported.xlsx"
    from ..meeting.importer import import_meeting, looks_like_meeting_notes

    with _named(source, name):
        meeting = looks_like_meeting_notes(source)
        result = (import_meeting if meeting else import_edition)(source, output)
    findings = [
        dict(row, where=(row["where"] or "").replace(str(source), name)) for row in finding_rows(result.findings)
    ]
    if result.failed:
        return Made(None, findings, "")
    if meeting:
        return Made(
            output.read_bytes(),
            findings,
            f"Board meeting notes: {result.count('People')} people, "
            f"{result.count('Agenda')} agenda items, {result.count('Actions')} actions.",
        )
    return Made(
        output.read_bytes(),
        findings,
        f"{result.count('Chapters')} chapters, {result.count('Commitments')} commitments, "
        f"{result.count('Narrative')} narrative sections, {result.count('Glossary')} glossary terms.",
    )


def document_kind(data: bytes, name: str) -> str:
    """'pdf', 'docx' or 'html', decided from the bytes (`reportgen check`'s own detection)."""
    from ..accessibility import detect_kind

    kind = detect_kind(data, name)
    if kind == "docx":
        from ..importer.package import check_docx_bytes

        check_docx_bytes(name, data)
    return kind


def check_json_findings(output: str) -> list[dict]:
    """The findings of `reportgen check --format json`, ready for the findings table."""
    document = json.loads(output)
    rows = []
    for row in document["findings"]:
        row = dict(row)
        row["place"] = row.get("where") or row.get("sheet") or "document"
        row["cell_text"] = None
        rows.append(row)
    return rows
