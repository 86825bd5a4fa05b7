"""One build, in its own process: `python -m reportgen.workspace.worker DATA BUILD_ID`.

The server starts one of these per build (as many at once as --builds allows). In its own
process a build neither holds the server's interpreter lock, so pages stay fast, nor
forks the PDF's process from a server full of threads. It calls `reportgen.pipeline.build.build`,
exactly what `reportgen build` calls, and records each step in the build's row so the
page can show it. The outputs are written by the build (temporary name, then rename);
the row that names them is committed last.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import sys
import uuid
from pathlib import Path

from ..core.errors import ReportgenError
from .store import CHECKING, DONE, FAILED, INTERRUPTED, REFUSED, RENDERING, RUNNING_STATES, Store, now

log = logging.getLogger("reportgen.workspace")

# The stem of every build's files; the person's own file name is used only in downloads.
STEM = "edition"


def run_build(store: Store, build_id: int) -> str:
    """Build one queued build; return its final state."""
    from ..pipeline.build import build, parse_formats
    from ..validation import Options
    from .work import finding_rows

    record = store.build(build_id)
    document = store.document(record.document_id) if record else None
    if record is None or document is None:
        return FAILED
    formats = parse_formats(None)
    steps = {"done": 0}
    total = 1 + 3 * len(formats)
    store.update_build(build_id, state=RENDERING, detail="Validating the workbook.", steps_done=0, steps_total=total)

    def progress(step: str, detail: str) -> None:
        steps["done"] += 1
        if step == "validated":
            state, text = RENDERING, f"Validated ({detail}); rendering DOCX, PDF and HTML."
        elif step == "rendered":
            state, text = RENDERING, f"Rendered the {detail.upper()}."
        elif step == "checked":
            state, text = CHECKING, f"Checked the {detail.upper()} for accessibility."
        else:
            state, text = CHECKING, "Saving the files."
        store.update_build(build_id, state=state, detail=text, steps_done=min(steps["done"], total))

    folder = store.build_folder(build_id)
    folder.mkdir(parents=True, exist_ok=True)
    workbook = folder / f"{STEM}.xlsx"
    shutil.copyfile(store.original_path(document), workbook)
    try:
        result = build(workbook, folder, formats, Options(), progress=progress)
    except ReportgenError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        store.update_build(build_id, state=FAILED, detail=exc.message.replace(str(workbook), document.file_name))
        return FAILED
    finally:
        workbook.unlink(missing_ok=True)
    findings = finding_rows(result.findings)
    if result.failed:
        shutil.rmtree(folder, ignore_errors=True)
        store.update_build(
            build_id,
            state=REFUSED,
            findings=findings,
            detail="the findings below must be fixed first. Nothing was made.",
        )
        return REFUSED
    outputs = {name: str((folder / f"{STEM}.{name}").relative_to(store.root)) for name in formats}
    # The row last, and only if the server has not given the build up meanwhile.
    with store.connect() as connection:
        connection.execute(
            "UPDATE builds SET state = ?, detail = ?, steps_done = steps_total, findings = ?, outputs = ?, "
            "finished_at = ? WHERE id = ? AND state IN (?, ?)",
            (
                DONE,
                "the three files passed their accessibility checks.",
                json.dumps(findings),
                json.dumps(outputs),
                now(),
                build_id,
                *RUNNING_STATES,
            ),
        )
    return DONE


def _die_with_parent() -> None:
    """Ask Linux to kill this process if the server dies, so a build never outlives its server."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(argv: list[str]) -> int:
    _die_with_parent()
    # Pages first: on a small machine the build takes the time the people clicking leave over.
    os.nice(10)
    from ..runtime.lifetime import run_folder, signals_stop_cleanly

    store = Store(Path(argv[0]))
    build_id = int(argv[1])
    try:
        # As for `reportgen build`: a stop signal unwinds the build, its PDF process and Chromium
        # go with it, and so do the temporary files they made.
        with signals_stop_cleanly(), run_folder():
            run_build(store, build_id)
    except KeyboardInterrupt:  # the server is stopping
        shutil.rmtree(store.build_folder(build_id), ignore_errors=True)
        store.update_build(
            build_id,
            state=INTERRUPTED,
            detail="The workspace was stopped during this build; nothing from it was kept. Build again.",
        )
        return 130
    except Exception:  # noqa: BLE001 - logged with a reference; the page shows the reference only
        reference = uuid.uuid4().hex[:8]
        logging.basicConfig(level=logging.INFO)
        log.exception("build %s failed, reference %s", build_id, reference)
        store.update_build(
            build_id,
            state=FAILED,
            detail=f"The build stopped on an internal error (reference {reference}, in the server's log).",
        )
        shutil.rmtree(store.build_folder(build_id), ignore_errors=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
