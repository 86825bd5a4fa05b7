"""Every value the schema allows, at its limits, builds: DOCX, HTML and PDF (each checked) and
`reportgen next`. Just past a limit, validation reports it at its cell, so a workbook that
validates clean can never fail later with an internal error."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.pipeline.build import build
from reportgen.rollover.edition import roll_forward
from reportgen.validation import validate
from reportgen.workbook.reader import load

from ..builders import make
from ..validation_support import findings_for

FORMATS = ["docx", "pdf", "html"]


def highest(sheets):
    """The largest value of every kind: dates at the window's end, properties at 255 characters,
    long text, huge and tiny figures, long IDs, Refs and chapter numbers. (Every script is
    built in test_glyphs; Chinese fonts alone would double this test's time.)"""
    sheets["Edition"].update(
        {
            "Title": ("Action plan " * 30)[:255],
            "Edition": "Quarter 4 " + "update " * 30,
            "Period start": dt.date(2099, 10, 1),
            "Period end": dt.date(2099, 12, 30),
            "Publication date": dt.date(2099, 12, 31),
            "Publisher": "Office " * 36,
            "Author": ("Team " * 60)[:255],
            "Subject": ("Progress " * 40)[:255],
            "Keywords": ("policing, " * 30)[:255],
            "Language": "zh-Hant-TW",
            "Contact": "a" * 60 + "@" + "example-" * 8 + "gov.uk",
            "Status": "Draft",
        }
    )
    sheets["Chapters"][0].update({"Number": "9" * 20, "Title": "Fairer " * 28, "Introduction": "Intro " * 100})
    for row in sheets["Commitments"][:3]:
        row.update({"Chapter": "9" * 20, "Ref": "9" * 20 + ".1"})
    sheets["Commitments"][0].update(
        {
            "ID": "C" + "-0" * 99,
            "Lead": "Police service and partners " * 9,
            "Update": "Progress in words. " * 60
            + "\n\n- item\n  - sub-item\n\n"
            + "Zażółć Ελληνικά العربية"
            + "\n\n[The full report](https://example.gov.uk/"
            + "p" * 1500
            + ")",
        }
    )
    sheets["Commitments"][1]["Update"] = "Cited: {metric:BIG}, {metric:TINY}, {metric:NEG} and {metric:BIG:share}."
    sheets["Metrics"] = [
        {
            "ID": "ALL",
            "Label": "All",
            "Value": 1e300,
            "Unit": "count",
            "Chart": "LINE",
            "Category": "All",
            "As at": dt.date(1900, 1, 1),
        },
        {
            "ID": "BIG",
            "Label": "Most",
            "Value": 9.99e299,
            "Unit": "count",
            "Chart": "LINE",
            "Category": "All",
            "Of": "ALL",
            "As at": dt.date(2099, 12, 30),
        },
        {"ID": "TINY", "Label": "Tiny", "Value": 1e-300, "Unit": "currency", "Chart": "BAR", "Category": "A"},
        {"ID": "NEG", "Label": "Fall", "Value": -1e300, "Unit": "currency", "Chart": "BAR", "Category": "B"},
        {"ID": "PCT", "Label": "Share", "Value": 100, "Unit": "percent"},
        {"ID": "RATIO", "Label": "Ratio", "Value": 1e300, "Unit": "ratio"},
        {"ID": "PTS", "Label": "Change", "Value": -1e300, "Unit": "points", "Source": "Source " * 100},
    ] + [
        {
            "ID": f"C{index}",
            "Label": "Group",
            "Value": index,
            "Unit": "count",
            "Chart": "WIDE",
            "Category": f"Group {index} " + "name " * 10,
        }
        for index in range(30)
    ]
    sheets["Charts"] = [
        {"Group": "LINE", "Title": "Line " * 40, "Type": "line"},
        {"Group": "BAR", "Title": "Bar", "Type": "bar", "Chapter": "9" * 20},
        {"Group": "WIDE", "Title": "Thirty groups", "Type": "bar", "Description": "D " * 200},
    ]
    sheets["Narrative"] = [
        {"ID": "N" * 60, "Heading": "Heading " * 30, "Body": "Body " * 50, "Level": 2},
        {"ID": "N2", "Heading": "Sub", "Body": "b", "Level": 3},
        {"ID": "N3", "Heading": "After", "Body": "b", "Level": 2, "Placement": "After chapters"},
    ]
    sheets["Glossary"] = [{"Term": "Ζ", "Meaning": "Meaning " * 100}]


def lowest(sheets):
    """The smallest: dates at the window's start, one-character texts, zero figures, no optional cells."""
    sheets["Edition"] = {
        "Title": "T",
        "Edition": "E",
        "Period start": dt.date(1990, 1, 1),
        "Period end": dt.date(1990, 1, 1),
        "Publication date": dt.date(1990, 1, 1),
        "Publisher": "P",
    }
    sheets["Chapters"] = [{"Title": "C"}]
    sheets["Commitments"] = [{"ID": "X", "Chapter": "C", "Commitment": "c"}]
    sheets["Narrative"] = [{"ID": "N", "Heading": "H", "Body": "b"}]
    sheets["Metrics"] = [{"ID": "Z", "Label": "z", "Value": 0, "Unit": unit} for unit in ["count"]] + [
        {
            "ID": f"Z{index}",
            "Label": "z",
            "Value": 0,
            "Unit": unit,
            "As at": dt.date(1900, 1, 1),
            "Chart": unit,
            "Category": str(index),
        }
        for index, unit in enumerate(["percent", "ratio", "currency", "points"] * 2)
    ]
    sheets["Charts"] = [
        {"Group": unit, "Title": "t", "Type": "line" if unit == "ratio" else "bar"}
        for unit in ["percent", "ratio", "currency", "points"]
    ]
    sheets["Glossary"] = [{"Term": "T", "Meaning": "m"}]


@pytest.mark.parametrize("extreme", [highest, lowest], ids=["highest", "lowest"])
def test_values_at_the_schemas_limits_validate_clean_build_every_format_and_roll_forward(tmp_path, extreme):
    workbook = make(tmp_path, extreme)
    findings = validate(load(workbook))
    assert [f.as_text()[:160] for f in findings if f.is_error] == []
    result = build(workbook, tmp_path / "out", FORMATS)
    assert [f.as_text()[:200] for f in result.findings if f.is_error] == []
    assert sorted(path.suffix for path in result.written) == [".docx", ".html", ".pdf"]
    plan = roll_forward(workbook, tmp_path / "next.xlsx")
    assert (tmp_path / "next.xlsx").exists() and not plan.failed, [f.as_text() for f in plan.findings]


PAST_THE_LIMITS = {
    "title-256": (lambda s: s["Edition"].update({"Title": "T" * 256}), "property-too-long"),
    "author-256": (lambda s: s["Edition"].update({"Author": "A" * 256}), "property-too-long"),
    "subject-256": (lambda s: s["Edition"].update({"Subject": "S" * 256}), "property-too-long"),
    "keywords-256": (lambda s: s["Edition"].update({"Keywords": "k" * 256}), "property-too-long"),
    "publisher-256-no-author": (lambda s: s["Edition"].update({"Publisher": "P" * 256}), "property-too-long"),
    "edition-label-256": (lambda s: s["Edition"].update({"Edition": "E" * 256}), "property-too-long"),
    "period-start-1989": (lambda s: s["Edition"].update({"Period start": dt.date(1989, 12, 31)}), "date-out-of-range"),
    "publication-2100": (lambda s: s["Edition"].update({"Publication date": dt.date(2100, 1, 1)}), "date-out-of-range"),
    "publication-2205": (
        lambda s: s["Edition"].update({"Publication date": dt.date(2205, 11, 14)}),
        "date-out-of-range",
    ),
    "period-end-9999": (
        lambda s: s["Edition"].update({"Period end": dt.date(9999, 12, 31), "Publication date": dt.date(9999, 12, 31)}),
        "date-out-of-range",
    ),
    "as-at-1899": (
        lambda s: s.update(
            {"Metrics": [{"ID": "M", "Label": "m", "Value": 1, "Unit": "count", "As at": "31/12/1899"}]}
        ),
        "date-out-of-range",
    ),
    "lead-bullet": (lambda s: s["Commitments"][0].update({"Lead": "- Police"}), "text-typed-bullet"),
    "no-glyph": (lambda s: s["Commitments"][0].update({"Update": "\ue000"}), "glyph-missing"),
    "image": (lambda s: s["Commitments"][0].update({"Update": "![a](https://example.gov.uk/a.png)"}), "image-markup"),
    "error-value": (lambda s: s["Commitments"][0].update({"Update": "#REF!"}), "excel-error"),
    "level-3-after-a-chapter": (
        lambda s: s.update(
            {"Narrative": [{"ID": "N", "Heading": "H", "Body": "b", "Level": 3, "Placement": "After chapters"}]}
        ),
        "narrative-level-skipped",
    ),
}


@pytest.mark.parametrize("name", sorted(PAST_THE_LIMITS))
def test_just_past_a_limit_validation_reports_it(tmp_path, name):
    change, code = PAST_THE_LIMITS[name]
    assert code in {f.code for f in findings_for(tmp_path, change) if f.is_error}
