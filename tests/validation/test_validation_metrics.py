"""The figure and chart rules: each triggered at its cell, and quiet on a sound edition."""

from __future__ import annotations

import datetime as dt

import pytest

from reportgen.core.findings import Severity
from reportgen.validation import CODES

from ..validation_support import findings_for, only, place, with_code

AUGUST = dt.date(2025, 8, 31)
MARCH = dt.date(2025, 3, 31)
CODES_HERE = (
    "metric-percent-range",
    "metric-negative",
    "metric-of-unknown",
    "metric-of-unit",
    "metric-of-smaller",
    "metric-share-mismatch",
    "metric-share-impossible",
    "metric-as-at-late",
    "metric-chart-unknown",
    "chart-unused",
    "chart-mixed-units",
    "chart-single-value",
    "chart-as-at-missing",
    "chart-duplicate-point",
    "chart-too-many-series",
    "chart-crowded",
)


def figures(sheets) -> None:
    """Metrics rows 2-5 (ALL, BLACK, WOMEN, BLACK-PCT) and one chart of BLACK and WOMEN in chapter 1.

    Metrics columns: A ID, B Label, C Value, D Unit, E Chart, F Category, G Of, H As at, I Source.
    """
    sheets["Metrics"] = [
        {
            "ID": "ALL",
            "Label": "Police officers",
            "Value": 32920,
            "Unit": "count",
            "Category": "All officers",
            "As at": AUGUST,
        },
        {
            "ID": "BLACK",
            "Label": "Black officers",
            "Value": 1182,
            "Unit": "count",
            "Chart": "WORKFORCE",
            "Category": "Black",
            "Of": "ALL",
            "As at": AUGUST,
        },
        {
            "ID": "WOMEN",
            "Label": "Female officers",
            "Value": 9511,
            "Unit": "count",
            "Chart": "WORKFORCE",
            "Category": "Women",
            "Of": "ALL",
            "As at": AUGUST,
        },
        {
            "ID": "BLACK-PCT",
            "Label": "Black officers",
            "Value": 3.6,
            "Unit": "percent",
            "Category": "Black",
            "Of": "ALL",
            "As at": AUGUST,
        },
    ]
    sheets["Charts"] = [{"Group": "WORKFORCE", "Title": "Officers by ethnicity and sex", "Type": "bar", "Chapter": "1"}]
    sheets["Narrative"][0]["Body"] = (
        "There were {metric:ALL} officers, {metric:BLACK} of them Black ({metric:BLACK:share})."
    )


def run(tmp_path, change=None):
    def both(sheets):
        figures(sheets)
        if change is not None:
            change(sheets)

    return findings_for(tmp_path, both)


def metric_row(sheets, metric_id: str) -> dict:
    return next(row for row in sheets["Metrics"] if row["ID"] == metric_id)


def test_sound_figures_and_charts_have_no_findings(tmp_path):
    findings = run(tmp_path)
    assert [f.as_text() for f in findings if f.code in CODES_HERE or f.is_error] == []


def test_every_code_is_registered_with_a_description():
    for code in CODES_HERE:
        assert CODES.get(code), code


# ------------------------------------------------------------------ values in range


def test_a_percentage_above_100_is_an_error_at_its_value(tmp_path):
    def change(sheets):
        sheets["Metrics"].append({"ID": "TRUST", "Label": "Trust", "Value": 103, "Unit": "percent"})

    finding = only(run(tmp_path, change), "metric-percent-range")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!C6")
    assert "outside 0 to 100" in finding.message


@pytest.mark.parametrize("value", [0, 100, 55.5])
def test_a_percentage_from_0_to_100_is_in_range(tmp_path, value):
    def change(sheets):
        sheets["Metrics"].append({"ID": "TRUST", "Label": "Trust", "Value": value, "Unit": "percent"})

    assert with_code(run(tmp_path, change), "metric-percent-range") == []


def test_a_negative_count_is_an_error_but_negative_points_are_a_fall(tmp_path):
    def change(sheets):
        metric_row(sheets, "BLACK")["Value"] = -5
        sheets["Metrics"].append({"ID": "FALL", "Label": "Change in trust", "Value": -3, "Unit": "points"})

    finding = only(run(tmp_path, change), "metric-negative")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!C3")


# ------------------------------------------------------------------ totals


def test_of_naming_a_missing_metric_suggests_the_closest(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Of"] = "AL"

    finding = only(run(tmp_path, change), "metric-of-unknown")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!G4")
    assert "did you mean ALL?" in finding.message


def test_of_naming_the_figure_itself_is_unknown(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Of"] = "women"

    assert place(only(run(tmp_path, change), "metric-of-unknown")) == "Metrics!G4"


def test_of_on_a_ratio_or_naming_a_percentage_is_the_wrong_unit(tmp_path):
    def change(sheets):
        sheets["Metrics"].append({"ID": "RATIO", "Label": "Likelihood", "Value": 2.9, "Unit": "ratio", "Of": "ALL"})
        metric_row(sheets, "WOMEN")["Of"] = "BLACK-PCT"

    findings = with_code(run(tmp_path, change), "metric-of-unit")
    assert [place(f) for f in findings] == ["Metrics!G4", "Metrics!G6"]
    assert "must be a count" in findings[0].message and "not a part of a total" in findings[1].message


def test_a_count_larger_than_its_total_is_an_error_at_its_value(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Value"] = 40000

    finding = only(run(tmp_path, change), "metric-of-smaller")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!C4")
    assert "40,000" in finding.message and "32,920" in finding.message


def test_a_total_of_zero_gives_no_share(tmp_path):
    def change(sheets):
        metric_row(sheets, "ALL")["Value"] = 0
        metric_row(sheets, "BLACK")["Value"] = 0
        metric_row(sheets, "WOMEN")["Value"] = 0
        metric_row(sheets, "BLACK-PCT")["Of"] = None

    findings = with_code(run(tmp_path, change), "metric-of-smaller")
    assert [place(f) for f in findings] == ["Metrics!C3", "Metrics!C4"]


def test_a_count_equal_to_its_total_is_fine(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Value"] = 32920

    assert with_code(run(tmp_path, change), "metric-of-smaller") == []


# ------------------------------------------------------------------ percentages against their counts


@pytest.mark.parametrize("typed, reported", [(3.6, False), (3.64, False), (3.55, False), (3.65, True), (4, True)])
def test_a_typed_percentage_must_agree_with_its_counts_within_005_points(tmp_path, typed, reported):
    def change(sheets):
        metric_row(sheets, "BLACK-PCT")["Value"] = typed

    findings = with_code(run(tmp_path, change), "metric-share-mismatch")
    assert bool(findings) is reported
    if reported:
        assert (findings[0].severity, place(findings[0])) == (Severity.ERROR, "Metrics!C5")
        assert "3.6%" in findings[0].message and "{metric:BLACK:share}" in findings[0].message


def test_a_percentage_with_a_different_category_is_not_compared(tmp_path):
    def change(sheets):
        metric_row(sheets, "BLACK-PCT").update({"Value": 40, "Category": "Asian"})

    assert with_code(run(tmp_path, change), "metric-share-mismatch") == []


# ------------------------------------------------------------------ share citations


def test_citing_the_share_of_a_percentage_is_an_error_at_the_citing_cell(tmp_path):
    def change(sheets):
        sheets["Narrative"][0]["Body"] = "About {metric:BLACK-PCT:share} of officers are Black."

    finding = only(run(tmp_path, change), "metric-share-impossible")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Narrative!C2")
    assert "{metric:BLACK-PCT}" in finding.message


def test_citing_the_share_of_a_count_without_a_total_names_the_of_cell(tmp_path):
    def change(sheets):
        sheets["Narrative"][0]["Body"] = "{metric:ALL:share}"

    assert "Of cell" in only(run(tmp_path, change), "metric-share-impossible").message


# ------------------------------------------------------------------ dates


def test_a_figure_dated_after_the_period_is_a_warning_at_its_date(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["As at"] = dt.date(2025, 10, 31)

    finding = only(run(tmp_path, change), "metric-as-at-late")
    assert (finding.severity, place(finding)) == (Severity.WARNING, "Metrics!H4")
    assert "31 October 2025" in finding.message


def test_a_figure_dated_on_the_last_day_of_the_period_is_fine(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["As at"] = dt.date(2025, 9, 30)

    assert with_code(run(tmp_path, change), "metric-as-at-late") == []


# ------------------------------------------------------------------ charts


def test_a_chart_cell_naming_no_chart_is_an_error_with_a_suggestion(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Chart"] = "WORKFORC"

    finding = only(run(tmp_path, change), "metric-chart-unknown")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!E4")
    assert "did you mean WORKFORCE?" in finding.message


def test_a_chart_no_figure_names_is_a_warning_at_its_group(tmp_path):
    def change(sheets):
        sheets["Charts"].append({"Group": "EMPTY", "Title": "Nothing yet", "Type": "bar"})

    finding = only(run(tmp_path, change), "chart-unused")
    assert (finding.severity, place(finding)) == (Severity.WARNING, "Charts!A3")
    assert "will not be printed" in finding.message


def test_a_chart_mixing_units_is_an_error_at_the_odd_unit(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN").update({"Unit": "percent", "Value": 28.9})

    finding = only(run(tmp_path, change), "chart-mixed-units")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!D4")


def test_a_chart_with_one_figure_is_a_warning_at_its_group(tmp_path):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Chart"] = None

    finding = only(run(tmp_path, change), "chart-single-value")
    assert (finding.severity, place(finding)) == (Severity.WARNING, "Charts!A2")


def test_a_chart_over_several_dates_needs_every_date(tmp_path):
    def change(sheets):
        metric_row(sheets, "BLACK")["As at"] = MARCH
        metric_row(sheets, "WOMEN")["As at"] = None
        sheets["Metrics"].append(
            {
                "ID": "BLACK-AUG",
                "Label": "Black officers",
                "Value": 1190,
                "Unit": "count",
                "Chart": "WORKFORCE",
                "Category": "Black",
                "As at": AUGUST,
            }
        )

    finding = only(run(tmp_path, change), "chart-as-at-missing")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!H4")
    assert with_code(run(tmp_path, change), "chart-duplicate-point") == []  # Black twice, at two dates


def test_two_figures_in_one_place_are_an_error_at_the_second(tmp_path):
    def change(sheets):
        sheets["Metrics"].append(
            {
                "ID": "BLACK-2",
                "Label": "Black officers",
                "Value": 1190,
                "Unit": "count",
                "Chart": "WORKFORCE",
                "Category": " black ",
                "As at": AUGUST,
            }
        )

    finding = only(run(tmp_path, change), "chart-duplicate-point")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!F6")
    assert "BLACK-2 and BLACK" in finding.message


def test_two_measures_of_one_category_are_two_bars_not_a_duplicate(tmp_path):
    def change(sheets):
        sheets["Metrics"] += [
            {
                "ID": "TRUST",
                "Label": "Trust the police",
                "Value": 72,
                "Unit": "percent",
                "Chart": "SURVEY",
                "Category": "All Londoners",
                "As at": AUGUST,
            },
            {
                "ID": "GOOD-JOB",
                "Label": "Police do a good job",
                "Value": 55,
                "Unit": "percent",
                "Chart": "SURVEY",
                "Category": "All Londoners",
                "As at": AUGUST,
            },
        ]
        sheets["Charts"].append({"Group": "SURVEY", "Title": "What Londoners think", "Type": "bar"})

    assert with_code(run(tmp_path, change), "chart-duplicate-point") == []


def test_the_same_category_label_and_date_twice_is_still_a_duplicate_at_the_cell(tmp_path):
    def change(sheets):
        sheets["Metrics"] += [
            {
                "ID": "TRUST",
                "Label": "Trust the police",
                "Value": 72,
                "Unit": "percent",
                "Chart": "SURVEY",
                "Category": "All Londoners",
                "As at": AUGUST,
            },
            {
                "ID": "GOOD-JOB",
                "Label": "Police do a good job",
                "Value": 55,
                "Unit": "percent",
                "Chart": "SURVEY",
                "Category": "All Londoners",
                "As at": AUGUST,
            },
            {
                "ID": "TRUST-2",
                "Label": "trust the  police",
                "Value": 71,
                "Unit": "percent",
                "Chart": "SURVEY",
                "Category": "All Londoners",
                "As at": AUGUST,
            },
        ]
        sheets["Charts"].append({"Group": "SURVEY", "Title": "What Londoners think", "Type": "bar"})

    finding = only(run(tmp_path, change), "chart-duplicate-point")
    assert (finding.severity, place(finding)) == (Severity.ERROR, "Metrics!F8")
    assert "TRUST-2 and TRUST are both 'All Londoners' measuring 'trust the police'" in finding.message
    assert "the same Category, Label" in finding.message


def test_a_chart_with_more_series_than_distinct_looks_is_a_warning(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [
            {
                "ID": f"T{year}-{group}",
                "Label": "Trust",
                "Value": 50 + year - 2020,
                "Unit": "percent",
                "Chart": "TRUST",
                "Category": group,
                "As at": dt.date(year, 3, 31),
            }
            for year in (2020, 2021)
            for group in ("A", "B", "C", "D", "E")
        ]
        sheets["Charts"] = [{"Group": "TRUST", "Title": "Trust by group", "Type": "line"}]
        sheets["Narrative"][0]["Body"] = "Trust rose."

    finding = only(findings_for(tmp_path, change), "chart-too-many-series")
    assert (finding.severity, place(finding)) == (Severity.WARNING, "Charts!A2")
    assert "5 series (A, B, C, D, E)" in finding.message


def test_four_series_are_fine(tmp_path):
    def change(sheets):
        sheets["Metrics"] = [
            {
                "ID": f"T{year}-{group}",
                "Label": "Trust",
                "Value": 50,
                "Unit": "percent",
                "Chart": "TRUST",
                "Category": group,
                "As at": dt.date(year, 3, 31),
            }
            for year in (2020, 2021)
            for group in ("A", "B", "C", "D")
        ]
        sheets["Charts"] = [{"Group": "TRUST", "Title": "Trust by group", "Type": "line"}]
        sheets["Narrative"][0]["Body"] = "Trust rose."

    assert with_code(findings_for(tmp_path, change), "chart-too-many-series") == []


def many_bars(count: int):
    def change(sheets):
        sheets["Metrics"] = [
            {"ID": f"B{n}", "Label": "Officers", "Value": n, "Unit": "count", "Chart": "BCU", "Category": f"Area {n}"}
            for n in range(1, count + 1)
        ]
        sheets["Charts"] = [{"Group": "BCU", "Title": "Officers by area", "Type": "bar"}]
        sheets["Narrative"][0]["Body"] = "Officers by area."

    return change


def test_a_chart_with_more_than_30_bars_is_crowded(tmp_path):
    finding = only(findings_for(tmp_path, many_bars(31)), "chart-crowded")
    assert (finding.severity, place(finding)) == (Severity.WARNING, "Charts!A2")
    assert "31 category values" in finding.message


def test_a_chart_with_30_bars_is_not_crowded(tmp_path):
    assert with_code(findings_for(tmp_path, many_bars(30)), "chart-crowded") == []


@pytest.mark.parametrize("typed", ["nan", "inf", "-Infinity"])
def test_a_value_typed_as_nan_or_infinity_is_not_a_number(tmp_path, typed):
    def change(sheets):
        metric_row(sheets, "WOMEN")["Value"] = typed

    finding = only(run(tmp_path, change), "number-invalid")
    assert place(finding) == "Metrics!C4"
