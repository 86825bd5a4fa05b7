"""The formats as registries: writers, compare reports and accessibility checkers each register
themselves, and the build makes one outline (charts drawn once) that every writer reads."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace

import pytest

from reportgen import accessibility, charts
from reportgen.accessibility import Checker, check_bytes, checker
from reportgen.compare import compare, render_report, report_format, report_names
from reportgen.core.errors import ReportgenError
from reportgen.outline import outlined
from reportgen.outline.outlined import OutlinedEdition, outline_edition
from reportgen.pipeline import build as build_module
from reportgen.pipeline.build import build, output_paths, parse_formats
from reportgen.workbook.reader import load
from reportgen.writers import WRITERS, WriteOptions, Writer, register, write_edition, writer

from ..builders import make
from ..render_fixtures import with_charts


def test_each_format_folder_registers_its_writer_in_the_build_s_order():
    assert [(w.name, w.suffix) for w in WRITERS.values()] == [("docx", ".docx"), ("pdf", ".pdf"), ("html", ".html")]
    # The slow PDF is the one written in a process of its own, and the one warmed up there.
    assert [w.name for w in WRITERS.values() if w.separate_process] == ["pdf"]
    assert writer("pdf").warm_up is not None
    # Only the PDF can need more memory than the machine has: it refuses such an edition before any work.
    assert [w.name for w in WRITERS.values() if w.refuse_early is not None] == ["pdf"]
    for name, registered in WRITERS.items():
        assert registered.write.__module__ == f"reportgen.writers.{name}"  # registered from its own folder


def test_a_new_format_needs_only_its_writer_registered(tmp_path, monkeypatch):
    monkeypatch.setattr("reportgen.writers.WRITERS", dict(WRITERS))
    from reportgen import writers

    monkeypatch.setattr(build_module, "WRITERS", writers.WRITERS)
    monkeypatch.setattr("reportgen.pipeline.parallel.WRITERS", writers.WRITERS)
    monkeypatch.setenv("REPORTGEN_NO_FORK", "1")
    seen = []

    def write(document, options):
        seen.append(document)
        return document.outline.window_title.encode()

    register(Writer("txt", ".txt", "plain text", 0, write))
    assert parse_formats(None) == ["txt", "docx", "pdf", "html"]  # by its order
    workbook = make(tmp_path, name="q2.xlsx")
    assert output_paths(workbook, tmp_path, ["txt"]) == {"txt": tmp_path / "q2.txt"}
    result = build(workbook, tmp_path / "out", parse_formats("txt"), check_outputs=False)
    assert [p.name for p in result.written] == ["q2.txt"]
    assert (tmp_path / "out" / "q2.txt").read_text() == seen[0].outline.window_title


def test_write_edition_is_the_writer_on_the_outline(tmp_path):
    edition = load(make(tmp_path)).edition
    assert write_edition("html", edition) == writer("html").write(outline_edition(edition), WriteOptions())


def test_a_build_makes_one_outline_and_draws_each_chart_once_for_every_format(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORTGEN_NO_FORK", "1")  # every writer in this process, so every call is counted here
    monkeypatch.setenv("REPORTGEN_CACHE", "off")  # drawn, not read back from the cache folder
    outlines, drawn = [], []
    real_outline, real_figures = outlined.build_outline, charts.chart_figures

    def counted_outline(edition, *args):
        outlines.append(edition)
        return real_outline(edition, *args)

    def counted_figures(edition):
        figures = real_figures(edition)
        drawn.extend(figure.group for figure in figures)
        return figures

    monkeypatch.setattr(outlined, "build_outline", counted_outline)
    monkeypatch.setattr(charts, "chart_figures", counted_figures)
    result = build(make(tmp_path, with_charts), tmp_path / "out", ["docx", "pdf", "html"], check_outputs=False)
    assert len(result.written) == 3
    assert len(outlines) == 1 and drawn == ["G1"]


def test_the_outline_the_pdf_process_receives_writes_the_same_pdf(tmp_path):
    # The fork gets the outlined edition by pickle: chapters must stay the very objects the edition holds.
    document = outline_edition(load(make(tmp_path, with_charts)).edition)
    copy = pickle.loads(pickle.dumps(document))
    [chapter] = [part for part in copy.outline.parts if part.kind == "chapter" and part.figures]
    assert any(chapter.chapter is each for each in copy.edition.chapters)
    assert writer("pdf").write(copy, WriteOptions()) == writer("pdf").write(document, WriteOptions())


def test_writers_only_read_the_outline(tmp_path):
    document = outline_edition(load(make(tmp_path, with_charts)).edition)
    before = pickle.dumps(document)
    for name in WRITERS:
        writer(name).write(document, WriteOptions())
    assert pickle.dumps(document) == before
    assert isinstance(document, OutlinedEdition)


def test_each_compare_report_is_a_module_that_registers_itself():
    assert report_names() == ["docx", "html", "json", "text"]
    assert [(report_format(n).suffix, report_format(n).binary) for n in report_names()] == [
        (".docx", True),
        (".html", False),
        (".json", False),
        (".txt", False),
    ]
    with pytest.raises(ReportgenError, match="no such report; choose from docx, html, json, text"):
        report_format("rtf")


def test_a_text_report_imports_only_its_own_module():
    code = (
        "import sys; from reportgen.compare import compare, render_report; from reportgen.core.model import Edition; "
        "render_report(compare(Edition(title='A'), Edition(title='A')), 'text'); "
        "print(sorted(m for m in sys.modules if m.startswith('reportgen.compare.report_')), 'docx' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["['reportgen.compare.report_text']", "False"]


def test_the_text_report_s_colour_travels_in_its_options(tmp_path):
    from reportgen.core.model import Edition

    comparison = compare(Edition(title="A", edition="Q1"), Edition(title="B", edition="Q2"))
    assert "\x1b[" in render_report(comparison, "text", colour=True).decode()
    assert "\x1b[" not in render_report(comparison, "text").decode()


def test_each_checker_registers_itself_and_is_given_only_the_options_it_takes(monkeypatch):
    assert {kind: checker(kind).takes for kind in accessibility.KINDS} == {
        "pdf": ("executor",),
        "docx": (),
        "html": ("runner", "remember_shapes"),
    }
    calls = []
    for kind in accessibility.KINDS:
        real = checker(kind)

        def fake(data, name, readability=False, _kind=kind, **options):
            calls.append((_kind, options))
            return []

        monkeypatch.setitem(accessibility._CHECKERS, kind, replace(real, check=fake))
        check_bytes(b"", kind, f"x.{kind}", runner="browser", executor="pool", remember_shapes=True)
    assert calls == [
        ("pdf", {"executor": "pool"}),
        ("docx", {}),
        ("html", {"runner": "browser", "remember_shapes": True}),
    ]


def test_a_kind_nobody_registered_is_refused():
    assert checker("rtf") is None
    with pytest.raises(ReportgenError, match="cannot check files of kind 'rtf'; choose one of pdf, docx, html"):
        check_bytes(b"", "rtf", "x.rtf")
    assert isinstance(checker("docx"), Checker)
