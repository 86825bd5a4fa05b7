"""Editions for the HTML and PDF renderer tests, built in code from tests/builders.py."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass
from pathlib import Path

from reportgen.core.model import Edition
from reportgen.workbook.reader import load

from .builders import make

SECRET_NOTE = "Secret internal note"


def edition(tmp_path: Path, change=None, name: str = "edition.xlsx") -> Edition:
    return load(make(tmp_path, change=change, name=name)).edition


def rich_edition(sheets) -> None:
    """Leads, nested bullets, formatting, links (one unsafe), a metric citation, narrative both sides, glossary."""
    rows = sheets["Commitments"]
    rows[0]["Lead"] = "MPS"
    rows[0]["Update"] = (
        "The pilot finished in August.\n\n- Training began\n  - for all officers\n- Data published\n\n"
        "See [the review](https://example.org/review) and **bold words** and *italic words*. "
        "[Dangerous](javascript:alert(1)) stays text. Officers: {metric:OFFICERS}."
    )
    rows[3]["Lead"] = "MOPAC"
    sheets["Narrative"] += [
        {
            "ID": "NAR-DATA",
            "Heading": "What the data shows",
            "Body": "Figures from the workforce survey.",
            "Placement": "Before chapters",
            "Level": 2,
        },
        {
            "ID": "NAR-NEXT",
            "Heading": "Next steps",
            "Body": "The next update follows in February.",
            "Placement": "After chapters",
            "Level": 1,
        },
    ]
    sheets["Metrics"] = [{"ID": "OFFICERS", "Label": "Police officers", "Value": 32920, "Unit": "count"}]
    sheets["Glossary"] = [
        {"Term": "MOPAC", "Meaning": "Mayor's Office for Policing and Crime"},
        {"Term": "MPS", "Meaning": "Metropolitan Police Service"},
    ]


def final(sheets) -> None:
    sheets["Edition"]["Status"] = "Final"


LONG_UPDATE = " ".join(
    f"Sentence {n} of the update reports what the working group agreed, who attended and what happens next."
    for n in range(1, 16)
)


def long_edition(sheets) -> None:
    """Enough commitments, with long updates and shared Refs, to run a chapter's table over several pages."""
    rows = []
    for group in range(1, 9):
        for part in range(2 if group % 2 else 1):
            rows.append(
                {
                    "ID": f"L-{group}-{part}",
                    "Ref": f"1.{group}",
                    "Chapter": "1",
                    "Commitment": f"Long commitment {group}.{part} to review the way the service works.",
                    "Status": "On track",
                    "Update": f"Update {group}.{part} begins. {LONG_UPDATE}",
                    "Approved": "Yes",
                    "Notes": SECRET_NOTE,
                }
            )
    rows.append(
        {
            "ID": "L-W",
            "Ref": "2.1",
            "Chapter": "2",
            "Commitment": "Meet schools.",
            "Status": "On track",
            "Update": "Twelve meetings were held.",
            "Approved": "Yes",
        }
    )
    sheets["Commitments"] = rows


@dataclass(frozen=True)
class FakeChartFigure:
    """The shape reportgen.charts.ChartFigure promises (see the charts interface)."""

    group: str
    title: str
    chapter: object
    svg: str
    png: bytes
    alt: str
    table: tuple
    width_cm: float
    height_cm: float


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
    '<rect x="0" y="0" width="40" height="50" fill="#0b3d6e"/></svg>'
)


def fake_charts(monkeypatch, figures_for) -> None:
    """Stand in for reportgen.charts: `figures_for(edition)` returns the figures to place."""
    import reportgen

    module = types.ModuleType("reportgen.charts")
    module.ChartFigure = FakeChartFigure
    module.chart_figures = figures_for
    monkeypatch.setitem(sys.modules, "reportgen.charts", module)
    monkeypatch.setattr(reportgen, "charts", module, raising=False)
    monkeypatch.setattr("reportgen.outline.document.charts", module)  # the outline's own binding


def with_charts(sheets) -> None:
    sheets["Metrics"] = [{"ID": "M1", "Label": "Officers", "Value": 10, "Unit": "count", "Chart": "G1"}]
    sheets["Charts"] = [
        {"Group": "G1", "Title": "Officers by year", "Type": "bar", "Chapter": "1"},
        {"Group": "G2", "Title": "Trust in the police", "Type": "bar"},
    ]


def figure(chapter, title: str, svg: str = SVG, alt: str = "Bars rising from 10 to 40") -> FakeChartFigure:
    return FakeChartFigure(
        group=title.split()[0].upper(),
        title=title,
        chapter=chapter,
        svg=svg,
        png=b"",
        alt=alt,
        table=(("Year", "Officers"), ("2020", "10"), ("2021", "40")),
        width_cm=16.0,
        height_cm=8.0,
    )
