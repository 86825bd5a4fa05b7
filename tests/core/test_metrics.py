"""Metric values as printed: the British number style by unit, shares of a total, and citations."""

from __future__ import annotations

import pytest

from reportgen.core.model import Edition, Metric
from reportgen.core.richtext import MetricRef
from reportgen.core.wording import (
    format_axis,
    format_number,
    format_value,
    matching_count,
    metric_text,
    share,
    typed_decimals,
    unit_noun,
)


@pytest.mark.parametrize(
    "value, unit, printed",
    [
        (32920, "count", "32,920"),
        (1182, "count", "1,182"),
        (0, "count", "0"),
        (12.5, "count", "12.5"),
        (1234567, "count", "1,234,567"),
        (16, "percent", "16%"),  # the decimals the value needs (GOV.UK style)
        (91.0, "percent", "91%"),
        (16.5, "percent", "16.5%"),
        (16.0024, "percent", "16.00%"),  # a pasted long decimal keeps two places
        (15.63, "percent", "15.63%"),
        (2.675, "percent", "2.68%"),  # half up, as people round, not the float's 2.67
        (0.05, "percent", "0.05%"),
        (100, "percent", "100%"),
        (2.9, "ratio", "2.9x"),
        (3, "ratio", "3.0x"),
        (1_200_000, "currency", "£1.2m"),
        (1_250_000, "currency", "£1.25m"),
        (1_000_000, "currency", "£1m"),
        (2_500_000_000, "currency", "£2.5bn"),
        (700_000, "currency", "£700,000"),
        (12.5, "currency", "£12.50"),
        (-1_500_000, "currency", "-£1.5m"),
        (26, "points", "26 points"),
        (1, "points", "1 point"),
        (-1, "points", "-1 point"),
        (-3, "points", "-3 points"),
        (2.5, "points", "2.5 points"),
        (5, "PERCENT", "5%"),
        (5, "", "5"),
    ],
)
def test_values_print_in_british_style_by_unit(value, unit, printed):
    assert format_value(value, unit) == printed


@pytest.mark.parametrize("value, printed", [(3.5907, "3.6%"), (28.89, "28.9%"), (25.0, "25%"), (24.96, "25%")])
def test_a_computed_share_has_one_place_unless_it_is_whole(value, printed):
    from reportgen.core.wording import format_share

    assert format_share(value) == printed


def test_rounding_never_prints_a_negative_zero():
    assert format_number(-0.04, 1) == "0.0"


@pytest.mark.parametrize("value, default, decimals", [(16, 1, 1), (15.63, 1, 2), (2.123456, 0, 2), (3.5, 0, 1)])
def test_the_places_printed_follow_what_was_typed_up_to_two(value, default, decimals):
    assert typed_decimals(value, default) == decimals


@pytest.mark.parametrize(
    "value, unit, tick",
    [
        (50, "percent", "50%"),
        (12.5, "percent", "12.5%"),
        (10000, "count", "10,000"),
        (1_500_000, "currency", "£1.5m"),
        (2, "ratio", "2x"),
        (20, "points", "20"),
    ],
)
def test_axis_ticks_are_short(value, unit, tick):
    assert format_axis(value, unit) == tick


def test_each_unit_has_a_column_name():
    assert [unit_noun(u) for u in ("percent", "count", "ratio", "currency", "points", "other")] == [
        "Percentage",
        "Number",
        "Ratio",
        "Amount",
        "Percentage points",
        "Value",
    ]


def officers() -> Edition:
    return Edition(
        metrics=[
            Metric("ALL", "Police officers", 32920, "count"),
            Metric("BLACK", "Black officers", 1182, "count", category="Black", of="ALL"),
            Metric("BLACK-PCT", "Black officers", 3.6, "percent", category="Black", of="ALL"),
            Metric("RATIO", "Likelihood", 2.9, "ratio", of="ALL"),
            Metric("ORPHAN", "Recruits", 12, "count", of="MISSING"),
            Metric("ZERO", "Nobody", 0, "count"),
            Metric("OF-ZERO", "Someone", 0, "count", of="ZERO"),
        ]
    )


def test_a_count_share_is_computed_from_its_total():
    edition = officers()
    assert share(edition, edition.metric("BLACK")) == pytest.approx(3.5905, abs=1e-4)
    assert metric_text(edition, MetricRef("black", "share")) == "3.6%"
    assert metric_text(edition, MetricRef("BLACK")) == "1,182"


@pytest.mark.parametrize("metric_id", ["BLACK-PCT", "RATIO", "ORPHAN", "ALL", "OF-ZERO"])
def test_only_a_count_with_a_nonzero_total_has_a_share(metric_id):
    edition = officers()
    assert share(edition, edition.metric(metric_id)) is None
    typed = f"{{metric:{metric_id}:share}}"
    assert metric_text(edition, MetricRef(metric_id, "share", typed)) == typed


def test_an_unknown_citation_prints_as_typed():
    assert metric_text(officers(), MetricRef("NOPE", "value", "{metric:NOPE}")) == "{metric:NOPE}"


def test_a_percentage_is_matched_to_the_count_with_its_total_and_category():
    edition = officers()
    assert matching_count(edition, edition.metric("BLACK-PCT")) is edition.metric("BLACK")
    assert matching_count(edition, edition.metric("BLACK")) is None  # a count is not a percentage
    edition.metric("BLACK").category = "White"
    assert matching_count(edition, edition.metric("BLACK-PCT")) is None


def test_clip_quotes_text_on_one_line_and_cuts_it_with_an_ellipsis():
    from reportgen.core.wording import clip

    assert clip("a  short\nquote") == "a short quote"
    assert clip("the report is late", 12) == "the report …"
    assert clip("the report is late", 12, trim=True) == "the report…"
    assert len(clip("x" * 200)) == 80
