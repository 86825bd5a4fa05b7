"""The size limit: an edition the machine lacks the memory to lay out as a PDF is refused before any work."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.core.errors import ReportgenError
from reportgen.workbook.reader import load
from reportgen.writers.pdf import limits

from ..builders import make


def test_the_estimate_grows_with_commitments_and_text():
    small = limits.estimated_pdf_memory(100, 100_000)
    assert limits.estimated_pdf_memory(1_000, 100_000) > small
    assert limits.estimated_pdf_memory(100, 1_000_000) > small
    # The figures measured by benchmarks/pdf_memory_bench.py, within 5%.
    for commitments, characters, measured_mib in [
        (100, 111_431, 167),
        (250, 284_030, 285),
        (500, 558_744, 479),
        (500, 16_429, 200),
    ]:
        estimate = limits.estimated_pdf_memory(commitments, characters) / limits.MIB
        assert abs(estimate - measured_mib) / measured_mib < 0.05, (commitments, estimate)


def test_published_characters_count_what_the_pdf_lays_out(tmp_path):
    def change(sheets):
        sheets["Commitments"][0]["Update"] = "u" * 1000
        sheets["Commitments"][0]["Notes"] = "n" * 5000  # never published

    edition = load(make(tmp_path, change)).edition
    plain = load(make(tmp_path, name="plain.xlsx")).edition
    assert limits.published_characters(edition) - limits.published_characters(plain) == 1000 - len(
        "The pilot finished in August."
    )


def test_an_edition_too_big_for_the_free_memory_is_refused_before_any_work(tmp_path, monkeypatch, fake_renderers):
    workbook = make(tmp_path)
    monkeypatch.setenv("REPORTGEN_MEMORY_AVAILABLE", "100")
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith(
        f"reportgen: {workbook}: 4 commitments are too many to lay out as a PDF on this machine: it would need about "
    )
    assert "and 100 MiB is free" in message and "--only docx,html" in message
    assert fake_renderers == [] and not (tmp_path / "out").exists()


def test_without_a_pdf_the_limit_does_not_apply(tmp_path, monkeypatch, fake_renderers):
    workbook = make(tmp_path)
    monkeypatch.setenv("REPORTGEN_MEMORY_AVAILABLE", "100")
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(tmp_path / "out"), "--only", "docx,html"])
    assert result.exit_code == 0, result.output
    assert sorted(fake_renderers) == ["docx", "html"]


def test_enough_memory_builds(tmp_path, monkeypatch, fake_renderers):
    workbook = make(tmp_path)
    needed = limits.memory_needed(4, limits.published_characters(load(workbook).edition))
    monkeypatch.setenv("REPORTGEN_MEMORY_AVAILABLE", str(needed / limits.MIB + 1))
    result = CliRunner().invoke(cli, ["build", str(workbook), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_available_memory_comes_from_the_system_or_the_setting(monkeypatch):
    monkeypatch.delenv("REPORTGEN_MEMORY_AVAILABLE", raising=False)
    found = limits.available_memory()
    assert found is None or found > 0
    monkeypatch.setenv("REPORTGEN_MEMORY_AVAILABLE", "2048")
    assert limits.available_memory() == 2 * 2**30
    monkeypatch.setenv("REPORTGEN_MEMORY_AVAILABLE", "lots")
    with pytest.raises(ReportgenError, match="REPORTGEN_MEMORY_AVAILABLE is 'lots'; give a number of MiB"):
        limits.available_memory()


def test_a_5000_commitment_edition_needs_more_than_a_small_machine_has():
    # The case: 5,000 generated commitments (about 1,110 characters each) reached 5.3 GB
    # and had not finished; the estimate says so up front.
    needed = limits.memory_needed(5_000, 5_000 * 1_110)
    assert 4 * 2**30 < needed < 8 * 2**30
