"""The build pipeline's guarantees: the validation gate, all-or-nothing writes, format choice."""

from __future__ import annotations

import contextlib
import os

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.core.findings import warning
from reportgen.outline.outlined import OutlinedEdition
from reportgen.pipeline import build as build_module
from reportgen.pipeline import parallel
from reportgen.pipeline.build import build, parse_formats

from ..builders import make


def test_it_writes_every_format_named_after_the_workbook(tmp_path, fake_renderers):
    workbook = make(tmp_path, name="q2.xlsx")
    result = build(workbook, tmp_path / "out", ["docx", "pdf", "html"])
    assert [p.name for p in result.written] == ["q2.docx", "q2.pdf", "q2.html"]
    assert (tmp_path / "out" / "q2.pdf").read_bytes() == b"pdf:C-001"
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_it_refuses_to_write_anything_when_validation_finds_errors(tmp_path, fake_renderers):
    def break_it(sheets):
        sheets["Edition"]["Title"] = None

    workbook = make(tmp_path, break_it)
    out = tmp_path / "out"
    result = build(workbook, out, ["html"])
    assert result.failed and result.written == [] and fake_renderers == []
    assert not out.exists()


def test_a_failed_render_keeps_the_earlier_good_output(tmp_path, monkeypatch, fake_renderers):
    workbook = make(tmp_path)
    out = tmp_path / "out"
    build(workbook, out, ["docx", "html"])
    good = (out / "edition.docx").read_bytes()

    def failing(document, name, options):
        if name == "html":
            raise RuntimeError("renderer crashed")
        return b"new"

    monkeypatch.setattr(parallel, "_write", failing)
    with pytest.raises(RuntimeError):
        build(workbook, out, ["docx", "html"])
    assert (out / "edition.docx").read_bytes() == good
    assert sorted(p.name for p in out.iterdir()) == ["edition.docx", "edition.html"]


def test_check_findings_name_the_file_they_are_about(tmp_path, monkeypatch):
    from reportgen import accessibility
    from reportgen.core.findings import Source, warning

    monkeypatch.setattr(
        accessibility,
        "check_bytes",
        lambda data, kind, name: [
            warning("docx-x", "something", Source(where="table 2, row 3")),
            warning("docx-y", "whole file"),
        ],
    )
    found = parallel._check(b"", "docx", "q2.docx", lambda step, detail: None)
    assert [f.source.describe() for f in found] == ["q2.docx, table 2, row 3", "q2.docx"]


def test_check_errors_stop_the_write(tmp_path, monkeypatch, fake_renderers):
    from reportgen.core.findings import Source, error

    workbook = make(tmp_path)
    monkeypatch.setattr(
        parallel,
        "_check",
        lambda data, name, file_name, notify: [error("pdf-untagged", "no structure tree", Source(where="edition.pdf"))],
    )
    result = build(workbook, tmp_path / "out", ["pdf"])
    assert result.failed and result.written == []
    assert not (tmp_path / "out" / "edition.pdf").exists()


def test_formats_are_parsed_in_registry_order():
    assert parse_formats("html,docx") == ["docx", "html"]
    assert parse_formats(None) == ["docx", "pdf", "html"]
    with pytest.raises(ReportgenError, match="unknown format rtf"):
        parse_formats("docx,rtf")


def test_cli_build_exit_statuses(tmp_path, fake_renderers):
    runner = CliRunner()
    workbook = make(tmp_path)
    ok = runner.invoke(cli, ["build", str(workbook), "-o", str(tmp_path / "out"), "--only", "html"])
    assert ok.exit_code == 0, ok.output
    assert f"Wrote {tmp_path / 'out' / 'edition.html'}" in ok.output
    bad_option = runner.invoke(cli, ["build", str(workbook), "--only", "rtf"])
    assert bad_option.exit_code == 2 and "unknown format rtf" in bad_option.output
    missing = runner.invoke(cli, ["build", str(tmp_path / "nope.xlsx")])
    assert missing.exit_code == 2 and "no such file" in missing.output

    def break_it(sheets):
        sheets["Commitments"][0]["ID"] = None

    broken = make(tmp_path, break_it, name="broken.xlsx")
    failed = runner.invoke(cli, ["build", str(broken), "-o", str(tmp_path / "out2")])
    assert failed.exit_code == 1
    assert "Nothing was written" in failed.output
    assert not (tmp_path / "out2").exists()


def test_the_browser_started_early_is_closed_when_the_page_never_comes(tmp_path, monkeypatch, fake_renderers):
    opened, closed = [], []

    @contextlib.contextmanager
    def browser():
        opened.append(True)
        try:
            yield None
        finally:
            closed.append(True)

    def failing(document, name, options):
        raise RuntimeError(f"{name} renderer crashed")

    monkeypatch.setattr(parallel, "_start_early", lambda name: browser())
    monkeypatch.setattr(parallel, "_write", failing)
    with pytest.raises(RuntimeError, match="html renderer crashed"):
        build(make(tmp_path), tmp_path / "out", ["docx", "html"])
    assert opened == [True] and closed == [True]
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_html_check_gets_the_rendered_page_and_its_browser(tmp_path, monkeypatch, fake_renderers):
    seen = []

    @contextlib.contextmanager
    def browser():
        yield "the browser"

    def check(data, name, file_name, notify, **options):
        seen.append((name, data, options))
        return []

    monkeypatch.setattr(parallel, "_start_early", lambda name: browser())
    monkeypatch.setattr(parallel, "_check", check)
    result = build(make(tmp_path), tmp_path / "out", ["docx", "html"])
    assert [p.name for p in result.written] == ["edition.docx", "edition.html"]
    assert sorted(seen) == [("docx", b"docx:C-001", {}), ("html", b"html:C-001", {"runner": "the browser"})]


def test_the_pdf_process_gets_the_outline_built_once_and_helps_check_the_pdf(tmp_path, monkeypatch, fake_renderers):
    monkeypatch.delenv("REPORTGEN_NO_FORK")
    if not parallel.can_fork():
        pytest.skip("this machine cannot fork a PDF process")
    outlined = []

    def outline_edition(edition):
        outlined.append(edition)
        return OutlinedEdition(edition, "built once")  # stands in for the outline and its drawn charts

    def fake(document, name, options):
        return f"{name}:{document.outline}:{os.getpid()}".encode()

    def check(data, name, file_name, notify, **options):
        helper = options["executor"].submit(os.getpid).result() if "executor" in options else None
        return [warning("seen", f"{name} checked by {os.getpid()} with help from {helper}")]

    monkeypatch.setattr(parallel, "_write", fake)
    monkeypatch.setattr(build_module, "outline_edition", outline_edition)
    monkeypatch.setattr(parallel, "_check", check)
    result = build(make(tmp_path), tmp_path / "out", ["docx", "pdf", "html"])
    name, outline, pid = (tmp_path / "out" / "edition.pdf").read_text().split(":")
    assert outline == "built once" and int(pid) != os.getpid() and len(outlined) == 1
    assert (tmp_path / "out" / "edition.docx").read_text().startswith("docx:built once:")
    assert f"pdf checked by {os.getpid()} with help from {pid}" in [f.message for f in result.findings]
