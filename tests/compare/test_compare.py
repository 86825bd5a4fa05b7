"""Edition comparison: pairs of editions built in code, one kind of change each."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.compare import compare
from reportgen.workbook.reader import load

from ..builders import make


def editions(tmp_path: Path, change_new=None, change_old=None):
    """The builders' valid edition as the previous edition, and a changed copy as the new one."""
    old = load(make(tmp_path, change_old, name="old.xlsx")).edition
    new = load(make(tmp_path, change_new, name="new.xlsx")).edition
    return old, new


def kinds(comparison, item: str | None = None) -> list[tuple[str, str]]:
    return [(c.kind, c.id) for c in comparison.changes if item is None or c.item == item]


def only(comparison, kind: str):
    found = comparison.of_kind(kind)
    assert len(found) == 1, [(c.kind, c.id) for c in comparison.changes]
    return found[0]


def new_updates(sheets):
    """Every update rewritten, so tests about one change are not crowded by carried-over updates."""
    for row in sheets["Commitments"]:
        row["Update"] = f"Fresh news for {row['ID']} this quarter."


def test_identical_editions_report_every_update_as_carried_over_and_nothing_else(tmp_path):
    old, new = editions(tmp_path)
    comparison = compare(old, new)
    assert {kind for kind, _ in kinds(comparison)} == {"carried-over"}
    assert [c.id for c in comparison.of_kind("carried-over")] == ["C-001", "C-002", "C-003", "C-004"]
    assert comparison.total_changes == 0
    assert comparison.unchanged_commitments == 4


def test_carried_over_update_is_reported_at_the_update_cell_of_the_new_workbook(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][3]["Update"] = "Twelve meetings were held."

    comparison = compare(*editions(tmp_path, change))
    carried = only(comparison, "carried-over")
    assert carried.id == "C-004"
    assert (carried.source.sheet, carried.source.cell) == ("Commitments", "G5")
    assert carried.diff.level == "same"


def test_an_update_copied_from_another_commitment_is_carried_over_too(tmp_path):
    long_update = "The board met twice and agreed the plan for next year."

    def old(sheets):
        sheets["Commitments"][1]["Update"] = long_update

    def new(sheets):
        new_updates(sheets)
        sheets["Commitments"][3]["Update"] = long_update
        sheets["Commitments"].append(
            {"ID": "C-005", "Ref": "2.2", "Chapter": "2", "Commitment": "Visit colleges.", "Update": long_update}
        )
        sheets["Commitments"][0]["Update"] = "Training began in October."  # too short to call copied

    comparison = compare(*editions(tmp_path, new, old))
    carried = {c.id: c for c in comparison.of_kind("carried-over")}
    assert set(carried) == {"C-004", "C-005"}
    assert carried["C-004"].old_source.cell == "G3" and carried["C-004"].source.cell == "G5"
    assert carried["C-004"].copied_from == "1.1 C-002" and carried["C-005"].copied_from == "1.1 C-002"
    assert only(comparison, "added").id == "C-005"


def test_edited_update_is_a_word_level_redline_and_never_carried_over(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][0]["Update"] = "The pilot finished in September."

    comparison = compare(*editions(tmp_path, change))
    assert not comparison.of_kind("carried-over") or "C-001" not in [c.id for c in comparison.of_kind("carried-over")]
    edited = [c for c in comparison.of_kind("update-changed") if c.id == "C-001"][0]
    assert [(s.op, s.text) for s in edited.diff.segments if s.op != "equal"] == [
        ("delete", "August"),
        ("insert", "September"),
    ]
    assert edited.diff.level == "words"
    assert edited.source.cell == "G2"


def test_one_changed_word_in_a_long_update_is_still_a_change(tmp_path):
    long_update = " ".join(["The board reviewed the report and the data."] * 60)
    edited = long_update.replace("data", "figures", 1)

    def old(sheets):
        sheets["Commitments"][0]["Update"] = long_update

    def new(sheets):
        sheets["Commitments"][0]["Update"] = edited

    comparison = compare(*editions(tmp_path, new, old))
    change = [c for c in comparison.changes if c.id == "C-001" and c.field == "Update"][0]
    assert change.kind == "update-changed"
    assert [(s.op, s.text) for s in change.diff.segments if s.op != "equal"] == [
        ("delete", "data"),
        ("insert", "figures"),
    ]


def test_renumbering_is_reported_as_renumbering_not_as_a_text_change(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][2]["Ref"] = "1.3"

    comparison = compare(*editions(tmp_path, change))
    renumbered = only(comparison, "renumbered")
    assert (renumbered.id, renumbered.old, renumbered.new) == ("C-003", "1.2", "1.3")
    assert renumbered.source.cell == "B4"
    assert not comparison.of_kind("boilerplate-changed")
    assert not comparison.of_kind("moved")


def test_moving_a_commitment_to_another_chapter_is_a_move(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][3].update({"Chapter": "1", "Ref": "1.3"})

    comparison = compare(*editions(tmp_path, change))
    moved = only(comparison, "moved")
    assert moved.id == "C-004"
    assert (moved.old, moved.new) == ("2 Working together", "1 Fairer use of police powers")
    assert only(comparison, "renumbered").id == "C-004"
    assert not comparison.of_kind("boilerplate-changed")


def test_a_renumbered_chapter_does_not_make_its_commitments_moved(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Chapters"][1]["Number"] = "3"
        sheets["Commitments"][3].update({"Chapter": "3", "Ref": "3.1"})

    comparison = compare(*editions(tmp_path, change))
    assert not comparison.of_kind("moved")
    assert kinds(comparison, "chapter") == [("renumbered", "3 Working together")]
    assert [c.id for c in comparison.of_kind("renumbered") if c.item == "commitment"] == ["C-004"]


def test_reworded_commitment_is_boilerplate_changed_and_listed_first(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][2]["Commitment"] = "Review the use of handcuffs."
        sheets["Commitments"].append(
            {"ID": "C-005", "Ref": "2.2", "Chapter": "2", "Commitment": "Visit colleges.", "Update": "Two visits."}
        )

    comparison = compare(*editions(tmp_path, change))
    first = comparison.changes[0]
    assert (first.kind, first.id, first.field) == ("boilerplate-changed", "C-003", "Commitment")
    assert first.source.cell == "D4"
    assert [(s.op, s.text) for s in first.diff.segments if s.op != "equal"] == [
        ("delete", "handcuffing"),
        ("insert", "the use of handcuffs"),
    ]


def test_added_and_removed_commitments(tmp_path):
    def change(sheets):
        new_updates(sheets)
        del sheets["Commitments"][1]
        sheets["Commitments"].append(
            {
                "ID": "C-005",
                "Ref": "2.2",
                "Chapter": "2",
                "Commitment": "Publish a youth engagement plan.",
                "Update": "Drafted.",
            }
        )

    comparison = compare(*editions(tmp_path, change))
    added, removed = only(comparison, "added"), only(comparison, "removed")
    assert (added.id, added.new, added.source.cell, added.chapter) == (
        "C-005",
        "Publish a youth engagement plan.",
        "D5",
        "2 Working together",
    )
    assert (removed.id, removed.old, removed.old_source.cell) == ("C-002", "Publish the findings.", "D3")
    assert removed.source is None


def test_formatting_only_edits_are_not_counted_unless_strict(tmp_path):
    def old(sheets):
        sheets["Commitments"][0]["Commitment"] = 'Review vehicle stops - the "high-risk" ones.'
        sheets["Commitments"][1]["Update"] = "- The report is with the board.\n- It meets in May."

    def new(sheets):
        new_updates(sheets)
        sheets["Commitments"][0]["Commitment"] = "Review  vehicle stops \u2013 the \u201chigh-risk\u201d ones."
        sheets["Commitments"][1]["Update"] = "\u2022 The report is with the board.\n\u2022 It meets in May."

    old_edition, new_edition = editions(tmp_path, new, old)
    comparison = compare(old_edition, new_edition)
    formatting = only(comparison, "formatting-only")
    assert (formatting.id, formatting.field) == ("C-001", "Commitment")
    assert set(formatting.diff.notes) >= {"quotation marks", "dashes"}
    assert not comparison.of_kind("boilerplate-changed")
    carried = only(comparison, "carried-over")
    assert carried.id == "C-002" and carried.diff.level == "same"
    counted = comparison.total_changes

    strict = compare(old_edition, new_edition, strict=True)
    assert only(strict, "boilerplate-changed").formatting_only
    assert strict.total_changes == counted + 1


def test_a_retyped_update_with_only_typographic_differences_is_still_carried_over(tmp_path):
    def old(sheets):
        sheets["Commitments"][0]["Update"] = "The pilot's report - 12 pages - is done."

    def new(sheets):
        new_updates(sheets)
        sheets["Commitments"][0]["Update"] = "The pilot\u2019s report \u2014 12 pages \u2014  is done."

    old_edition, new_edition = editions(tmp_path, new, old)
    carried = only(compare(old_edition, new_edition), "carried-over")
    assert carried.id == "C-001" and carried.formatting_only
    strict = compare(old_edition, new_edition, strict=True)
    assert not strict.of_kind("carried-over")
    assert [c.id for c in strict.of_kind("update-changed")][0] == "C-001"


def test_a_changed_link_target_is_a_real_change(tmp_path):
    def old(sheets):
        sheets["Commitments"][0]["Update"] = "Read [the report](https://example.org/a)."

    def new(sheets):
        new_updates(sheets)
        sheets["Commitments"][0]["Update"] = "Read [the report](https://example.org/b)."

    comparison = compare(*editions(tmp_path, new, old))
    change = [c for c in comparison.of_kind("update-changed") if c.id == "C-001"][0]
    assert change.diff.level == "words"
    assert any("https://example.org/b" in note for note in change.diff.notes)


def test_an_id_typo_is_rescued_by_text_matching(tmp_path):
    def change(sheets):
        sheets["Commitments"][2]["ID"] = "C-0O3"

    comparison = compare(*editions(tmp_path, change))
    assert not comparison.of_kind("added") and not comparison.of_kind("removed")
    [match] = comparison.text_matches
    assert (match.old_id, match.new_id, match.score, match.confidence) == ("C-003", "C-0O3", 100.0, "near certain")
    changed = only(comparison, "id-changed")
    assert (changed.old, changed.new, changed.source.cell) == ("C-003", "C-0O3", "A4")
    assert "C-0O3" in [c.id for c in comparison.of_kind("carried-over")]


def test_a_slightly_reworded_commitment_with_a_new_id_is_proposed_with_its_score(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][0].update({"ID": "X-1", "Commitment": "Review all vehicle stops."})

    comparison = compare(*editions(tmp_path, change))
    [match] = comparison.text_matches
    assert (match.old_id, match.new_id) == ("C-001", "X-1")
    assert 80 <= match.score < 100
    assert only(comparison, "boilerplate-changed").id == "X-1"


def test_unrelated_new_commitment_is_not_matched_to_a_removed_one(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][3].update({"ID": "C-009", "Commitment": "Publish quarterly complaint figures."})

    comparison = compare(*editions(tmp_path, change))
    assert not comparison.text_matches
    assert only(comparison, "added").id == "C-009"
    assert only(comparison, "removed").id == "C-004"


def test_match_by_text_ignores_ids_entirely(tmp_path):
    def change(sheets):
        new_updates(sheets)
        for index, row in enumerate(reversed(sheets["Commitments"])):
            row["ID"] = f"IMPORTED-{index}"

    old, new = editions(tmp_path, change)
    by_id = compare(old, new)
    assert len(by_id.text_matches) == 4  # rescued one by one, each reported
    by_text = compare(old, new, match_by="text")
    assert {(m.old_id, m.new_id) for m in by_text.text_matches} == {
        ("C-001", "IMPORTED-3"),
        ("C-002", "IMPORTED-2"),
        ("C-003", "IMPORTED-1"),
        ("C-004", "IMPORTED-0"),
    }
    assert not by_text.of_kind("added") and not by_text.of_kind("removed")


def test_swapped_ids_are_paired_by_wording_and_noted(tmp_path):
    def change(sheets):
        new_updates(sheets)
        rows = sheets["Commitments"]
        rows[0]["ID"], rows[1]["ID"] = rows[1]["ID"], rows[0]["ID"]

    old, new = editions(tmp_path, change)
    for comparison in (compare(old, new), compare(old, new, match_by="text")):
        assert not comparison.of_kind("boilerplate-changed")
        assert {(m.old_id, m.new_id) for m in comparison.text_matches} == {("C-001", "C-002"), ("C-002", "C-001")}
    assert any("renumbered" in note for note in compare(old, new).notes)


def test_sequential_ids_shifted_by_an_inserted_row_do_not_make_text_changes(tmp_path):
    """An edition whose IDs follow row order (as typed by hand, or imported) gets a new row in the middle."""

    def renumber(sheets):
        for index, row in enumerate(sheets["Commitments"], start=1):
            row["ID"] = f"ROW-{index}"

    def change(sheets):
        sheets["Commitments"].insert(
            1,
            {
                "ID": "",
                "Ref": "1.1",
                "Chapter": "1",
                "Commitment": "Train every new officer in stop and search law.",
                "Update": "Course written.",
            },
        )
        renumber(sheets)

    comparison = compare(*editions(tmp_path, change, renumber))
    assert not comparison.of_kind("boilerplate-changed")
    assert only(comparison, "added").new == "Train every new officer in stop and search law."
    assert {c.id for c in comparison.of_kind("carried-over")} == {"ROW-1", "ROW-3", "ROW-4", "ROW-5"}


def test_a_rewritten_commitment_keeps_its_id_pair_when_nothing_closer_exists(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][2]["Commitment"] = "Publish an annual account of restraint by officers."

    comparison = compare(*editions(tmp_path, change))
    assert only(comparison, "boilerplate-changed").id == "C-003"
    assert not comparison.text_matches and not comparison.notes


def test_metric_changes_show_old_new_and_difference(tmp_path):
    def metrics(values):
        def change(sheets):
            sheets["Metrics"] = [
                {"ID": "TRUST-GAP", "Label": "Trust gap", "Value": values[0], "Unit": "percent"},
                {"ID": "OFFICERS", "Label": "Police officers", "Value": values[1], "Unit": "count"},
                {"ID": "STEADY", "Label": "Panels", "Value": 32, "Unit": "count"},
            ]

        return change

    comparison = compare(*editions(tmp_path, metrics((17.2, 33040)), metrics((16.0, 32920))))
    changed = {c.id: c for c in comparison.of_kind("metric-changed")}
    assert set(changed) == {"TRUST-GAP", "OFFICERS"}
    assert (changed["TRUST-GAP"].old, changed["TRUST-GAP"].new) == ("16%", "17.2%")
    assert changed["TRUST-GAP"].difference == "+1.2 percentage points"
    assert changed["OFFICERS"].difference == "+120 (+0.4%)"
    assert changed["OFFICERS"].source.sheet == "Metrics" and changed["OFFICERS"].source.cell == "C3"


def test_edition_fields_narrative_and_chapter_titles(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Edition"]["Edition"] = "2025/26 Quarter 3 Update"
        sheets["Chapters"][1]["Title"] = "Working together with schools"
        sheets["Commitments"][3]["Chapter"] = "Working together with schools"
        sheets["Narrative"][0]["Body"] = "This update covers October to December."
        sheets["Narrative"].append(
            {"ID": "NAR-NEXT", "Heading": "Next steps", "Body": "More to come.", "Placement": "After chapters"}
        )

    comparison = compare(*editions(tmp_path, change))
    edition = only(comparison, "edition-changed")
    assert (edition.field, edition.old, edition.new) == (
        "Edition",
        "2025/26 Quarter 2 Update",
        "2025/26 Quarter 3 Update",
    )
    assert edition.source.cell == "B3"
    text_changes = {(c.item, c.field) for c in comparison.of_kind("text-changed")}
    assert text_changes == {("chapter", "Title"), ("narrative", "Body")}
    assert only(comparison, "added").id == "NAR-NEXT"
    assert not comparison.of_kind("moved")


def test_repeated_ids_are_noted(tmp_path):
    def change(sheets):
        new_updates(sheets)
        sheets["Commitments"][1]["ID"] = "C-001"

    comparison = compare(*editions(tmp_path, change))
    assert any("C-001" in note and "new edition" in note for note in comparison.notes)
    assert not comparison.of_kind("removed")


@pytest.mark.parametrize("match_by", ["id", "text"])
def test_changes_are_in_report_order(tmp_path, match_by):
    def change(sheets):
        sheets["Commitments"][0]["Commitment"] = "Review every vehicle stop."
        sheets["Commitments"][2]["Ref"] = "1.5"

    comparison = compare(*editions(tmp_path, change), match_by=match_by)
    order = [c.kind for c in comparison.changes]
    assert order[0] == "boilerplate-changed"
    assert order.index("carried-over") < order.index("renumbered")
