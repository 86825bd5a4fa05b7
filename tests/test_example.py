"""The example edition: committed workbook matches its script, validates, and reads like a real edition."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import openpyxl
import pytest

from reportgen.core import schema
from reportgen.core import wording as metrics
from reportgen.validation import validate
from reportgen.validation.registry import Options
from reportgen.workbook.reader import load

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inputs" / "example.xlsx"
SCRIPTS = ROOT / "scripts"
# The published seed edition sits beside the clone (../shared) in CI and on the team's machines.
SEEDS = ROOT.parent / "shared" / "seeds"

# Proper names are quoted, not copied prose: the titles of the plan and of a sister plan.
PROPER_NAMES = (
    "Mayor's Action Plan for Improving Transparency, Accountability and Trust in Policing",
    "Action Plan to Tackle Ethnic Disproportionality in Youth Justice",
)
COPIED_WORDS = 8


def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"_example_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(SCRIPTS))
    return module


@pytest.fixture(scope="module")
def content():
    return _script("example_content").CONTENT


@pytest.fixture(scope="module")
def loaded():
    return load(EXAMPLE)


def _values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    try:
        return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}
    finally:
        book.close()


def test_committed_example_matches_the_script(tmp_path):
    fresh = _script("make_example").make_example(tmp_path / "example.xlsx")
    committed, regenerated = _values(EXAMPLE), _values(fresh)
    assert list(committed) == list(regenerated)
    for name in regenerated:
        assert committed[name] == regenerated[name], (
            f"sheet {name} of inputs/example.xlsx is out of date: run scripts/make_example.py and commit it"
        )


def test_make_example_writes_where_told_and_replaces_an_old_copy(tmp_path):
    from click.testing import CliRunner

    target = tmp_path / "out.xlsx"
    target.write_bytes(b"an old copy")
    result = CliRunner().invoke(_script("make_example").main, ["--output", str(target)])
    assert result.exit_code == 0, result.output
    assert load(target).edition.edition == "2021/22 Quarter 2 Update"


def test_make_example_refuses_a_folder_with_one_line(tmp_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(_script("make_example").main, ["--output", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert str(tmp_path) in result.output


def test_example_validates_cleanly(loaded):
    # Errors would stop the README's first command; warnings would teach new users to ignore them.
    findings = [f"{f.severity.value} {f.source} [{f.code}] {f.message}" for f in validate(loaded, Options())]
    assert findings == []


def test_example_has_four_numbered_chapters_then_next_steps(loaded):
    chapters = loaded.edition.chapters
    assert [c.number for c in chapters] == ["1", "2", "3", "4", None]
    assert chapters[-1].title == "Next steps"
    assert all(c.commitments and c.introduction.blocks for c in chapters)


def test_example_has_about_thirty_commitments_some_sharing_a_ref(loaded):
    commitments = [c for chapter in loaded.edition.chapters for c in chapter.commitments]
    assert 25 <= len(commitments) <= 35
    shared = [g for chapter in loaded.edition.chapters for g in chapter.ref_groups if g.ref and len(g.commitments) > 1]
    assert len(shared) >= 3


def test_example_updates_are_long_with_bullets_links_and_bold(content):
    updates = [row["Update"] for row in content["Commitments"]]
    assert sum(1000 <= len(text) <= 2000 for text in updates) >= 5
    assert max(len(text) for text in updates) < schema.LONG_CELL_CHARACTERS
    everything = "\n".join(updates + [row["Body"] for row in content["Narrative"]])
    assert re.search(r"^- ", everything, re.MULTILINE) and re.search(r"^• ", everything, re.MULTILINE)
    assert re.search(r"\[[^\]]+\]\(https://", everything)
    assert re.search(r"\[[^\]]+\]\(mailto:", everything)
    assert "**" in everything
    assert re.search(r"\{metric:[A-Z0-9-]+:share\}", everything)


def test_example_rich_text_reaches_the_model(loaded):
    from reportgen.core.richtext import BulletList, Link

    def walk(nodes):
        for node in nodes:
            yield node
            yield from walk(getattr(node, "children", ()) or ())
            yield from walk(getattr(node, "items", ()) or ())

    nodes = [node for chapter in loaded.edition.chapters for c in chapter.commitments for node in walk(c.update.blocks)]
    assert any(isinstance(node, BulletList) for node in nodes)
    links = [node for node in nodes if isinstance(node, Link)]
    assert links and all(link.is_safe for link in links)


def test_example_narrative_metrics_and_charts(loaded):
    edition = loaded.edition
    levels = [(s.level, s.after_chapters) for s in edition.narrative]
    assert (2, False) in levels and any(after for _, after in levels)
    assert {m.unit for m in edition.metrics} == set(schema.UNITS)
    types = [chart.type for chart in edition.charts]
    assert types.count("bar") >= 2 and types.count("line") == 1
    assert any(not chart.chapter for chart in edition.charts)
    for chart in edition.charts:
        units = {m.unit for m in edition.metrics if m.chart == chart.group}
        assert len(units) == 1, f"chart {chart.group} mixes units {units}"
        assert sum(m.chart == chart.group for m in edition.metrics) >= 2


def test_example_shares_agree_with_the_percentages_printed_in_the_seed(loaded):
    # The published edition printed these shares; the counts typed here must reproduce them.
    expected = {
        "OFFICERS-BAME": 16.0,
        "OFFICERS-BLACK": 3.6,
        "OFFICERS-FEMALE": 28.9,
        "OFFICERS-MAR21-BAME": 15.6,
        "OFFICERS-MAR21-BLACK": 3.6,
        "OFFICERS-MAR21-FEMALE": 28.5,
        "RECRUITS-FEMALE": 49.2,
        "RECRUITS-BAME": 21.9,
        "RECRUITS-BLACK": 3.6,
    }
    edition = loaded.edition
    for metric_id, percent in expected.items():
        assert metrics.share(edition, edition.metric(metric_id)) == pytest.approx(percent, abs=0.05), metric_id


def test_example_as_at_dates_fall_within_the_period(loaded):
    edition = loaded.edition
    assert all(m.as_at <= edition.period_end for m in edition.metrics if m.as_at)


def _published_strings(content) -> list[str]:
    """Every published cell of the content as typed (Notes are never published)."""
    texts = [
        str(value)
        for key, value in content["Edition"].items()
        if key not in ("Period start", "Period end", "Publication date", "Language", "Contact")
    ]
    for name, rows in content.items():
        if name == "Edition":
            continue
        spec = schema.sheet(name)
        published = {column.name for column in spec.columns if column.published}
        texts += [
            str(value)
            for row in rows
            for key, value in row.items()
            if key in published and isinstance(value, str) and key not in ("ID", "Group", "Of", "Chart")
        ]
    return texts


def _visible(text: str, citations: str = " ") -> str:
    """Link text is seen, the address is not; a citation is a number, not a word."""
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    return text if citations is None else re.sub(r"\{metric:[^{}]*\}", citations, text)


ABBREVIATION = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z])(?:s|'s)?(?![\w-])")


def test_every_abbreviation_is_in_the_glossary(content):
    used = {match.group(1) for text in _published_strings(content) for match in ABBREVIATION.finditer(_visible(text))}
    defined = {row["Term"] for row in content["Glossary"]}
    assert used, "the example should use abbreviations, as real editions do"
    assert used - defined == set()


def test_example_has_no_review_residue_or_vague_links(content):
    for text in _published_strings(content):
        assert not re.search(r"\b(TBC|TBD|TODO|FIXME)\b|XX|\?\?|(?<![\w.])@\w|\[insert", text, re.IGNORECASE), text
        for label in re.findall(r"\[([^\]]+)\]\(", text):
            assert label.casefold() not in ("here", "click here", "link", "this link"), text
            assert not re.match(r"(https?://|www\.)", label), text


def _words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text).replace("’", "'").casefold()
    return re.findall(r"[a-z0-9]+", text)


def _resolved(text: str, by_id: dict) -> str:
    """The text with each {metric:...} citation printed, as a reader would see it."""

    def cite(match: re.Match) -> str:
        metric_id, _, form = match.group(1).partition(":")
        row = by_id[metric_id]
        if form == "share":
            return metrics.format_number(100 * row["Value"] / by_id[row["Of"]]["Value"], 1) + "%"
        return metrics.format_value(row["Value"], row["Unit"])

    return re.sub(r"\{metric:([^{}]*)\}", cite, text)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed edition (shared/seeds) is not beside this clone")
def test_no_run_of_eight_words_is_copied_from_the_seed_edition(content):
    seed_words = _words(" ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))))
    seed_runs = {tuple(seed_words[i : i + COPIED_WORDS]) for i in range(len(seed_words) - COPIED_WORDS + 1)}
    by_id = {row["ID"]: row for row in content["Metrics"]}
    copied = []
    for text in _published_strings(content) + [row["Notes"] for row in content["Commitments"] if row["Notes"]]:
        for name in PROPER_NAMES:
            text = text.replace(name, " ")
        words = _words(_resolved(_visible(text, citations=None), by_id))
        copied += [
            " ".join(words[i : i + COPIED_WORDS])
            for i in range(len(words) - COPIED_WORDS + 1)
            if tuple(words[i : i + COPIED_WORDS]) in seed_runs
        ]
    assert copied == []
