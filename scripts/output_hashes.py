"""Prints a SHA-256 for every output reportgen makes from the example and generated editions.

A refactor that must not change behaviour runs this before and after and compares the lists:

    .venv/bin/python scripts/output_hashes.py > before.txt   # on the old commit
    .venv/bin/python scripts/output_hashes.py > after.txt    # on the new one
    diff before.txt after.txt

It covers build (DOCX, PDF, HTML) for the example edition, the example meeting and two generated
editions, the four compare reports, new, next, import and reference-doc. Workbooks (.xlsx) are
hashed by their parts' contents, since openpyxl stamps the time of writing into docProps/core.xml.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

REPORTGEN = [sys.executable, "-m", "reportgen"]


def run(*args: str, stdout: Path | None = None, cwd: Path | None = None) -> None:
    done = subprocess.run([*REPORTGEN, *args], capture_output=True, cwd=cwd)
    if done.returncode not in (0, 1):
        raise SystemExit(f"reportgen {' '.join(args)} exited {done.returncode}:\n{done.stderr.decode()}")
    if stdout is not None:  # what the command printed is output too: findings' wording and order
        stdout.parent.mkdir(parents=True, exist_ok=True)
        stdout.write_bytes(done.stdout)


def digest(path: Path) -> str:
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            parts = sorted(n for n in archive.namelist() if n != "docProps/core.xml")
            h = hashlib.sha256()
            for name in parts:
                h.update(name.encode() + b"\0" + archive.read(name))
            return h.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        shutil.copy(ROOT / "inputs/example.xlsx", out / "example.xlsx")
        run("build", str(ROOT / "inputs/example.xlsx"), "-o", str(out / "example"))
        run(
            "build",
            str(ROOT / "inputs/meeting-example.xlsx"),
            "--plan",
            str(ROOT / "inputs/example.xlsx"),
            "-o",
            str(out / "meeting"),
        )
        for size in (12, 60):
            book = generate.write(out / f"generated-{size}.xlsx", size)
            run("build", str(book), "-o", str(out / f"generated-{size}"))
        run("next", str(ROOT / "inputs/example.xlsx"), "-o", str(out / "next/example-next.xlsx"))
        for fmt, suffix in (("text", "txt"), ("json", "json"), ("html", "html"), ("docx", "docx")):
            run(
                "compare",
                str(ROOT / "inputs/example.xlsx"),
                str(out / "next/example-next.xlsx"),
                "--format",
                fmt,
                "-o",
                str(out / f"compare/report.{suffix}"),
            )
            run(
                "compare",
                str(out / "generated-12.xlsx"),
                str(ROOT / "inputs/example.xlsx"),
                "--format",
                fmt,
                "-o",
                str(out / f"compare/cross.{suffix}"),
            )
        run("new", str(out / "new/blank.xlsx"))
        run("new", "--meeting", str(out / "new/blank-meeting.xlsx"))
        run("next", str(ROOT / "inputs/meeting-example.xlsx"), "-o", str(out / "next/meeting-next.xlsx"))
        run(
            "compare",
            str(ROOT / "inputs/meeting-example.xlsx"),
            str(out / "next/meeting-next.xlsx"),
            "-o",
            str(out / "compare/meeting.json"),
        )
        run("import", str(out / "example/example.docx"), "-o", str(out / "import/example-imported.xlsx"))
        run("import", str(out / "meeting/meeting-example.docx"), "-o", str(out / "import/meeting-imported.xlsx"))
        run("reference-doc", str(out / "reference/reference.docx"))
        # Run from the folder with relative names, so that the printed text does not vary with its name.
        printed = out / "printed"
        run("validate", "example.xlsx", "--format", "json", stdout=printed / "validate-example.json", cwd=out)
        run(
            "validate",
            "next/example-next.xlsx",
            "--previous",
            "example.xlsx",
            "--readability",
            stdout=printed / "validate-next.txt",
            cwd=out,
        )
        run("validate", "import/example-imported.xlsx", stdout=printed / "validate-imported.txt", cwd=out)
        run("validate", "new/blank.xlsx", stdout=printed / "validate-blank.txt", cwd=out)
        run("validate", "import/meeting-imported.xlsx", stdout=printed / "validate-meeting-imported.txt", cwd=out)
        for name in ("example/example.pdf", "example/example.docx", "example/example.html"):
            run("check", name, "--readability", stdout=printed / f"check-{Path(name).name}.txt", cwd=out)
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            print(f"{digest(path)}  {path.relative_to(out)}")


if __name__ == "__main__":
    main()
