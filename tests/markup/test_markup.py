"""Cell markup to the rich-text tree: what officers type, and what Excel's own formatting carries."""

from __future__ import annotations

import pytest

from reportgen.core.richtext import BulletList, LineBreak, Link, MetricRef, Paragraph, RichText, Text
from reportgen.markup import parse as markup
from reportgen.markup.parse import Run, parse


def blocks(text, **kwargs):
    return parse(text, **kwargs).blocks


def test_a_blank_line_separates_paragraphs_and_a_single_break_stays_a_break():
    assert blocks("First line\nsecond line\n\nNext paragraph") == (
        Paragraph((Text("First line"), LineBreak(), Text("second line"))),
        Paragraph((Text("Next paragraph"),)),
    )


@pytest.mark.parametrize("bullet", ["-", "*", "•", "▪"])
def test_lines_starting_with_a_bullet_make_a_list(bullet):
    result = blocks(f"Progress:\n{bullet} one\n{bullet} two")
    assert result[0] == Paragraph((Text("Progress:"),))
    assert result[1] == BulletList(tuple(markup.ListItem((Text(word),)) for word in ("one", "two")))


def test_a_bullet_pasted_from_word_with_a_tab_is_a_bullet():
    assert isinstance(blocks("•\tThe pilot ended")[0], BulletList)


@pytest.mark.parametrize(
    "text", ["2. The review finished.", "+ 5 officers joined.", "-5 fewer stops.", "=Fair treatment", "1) First of all"]
)
def test_numbers_plus_signs_and_formula_signs_at_the_start_are_prose(text):
    assert blocks(text) == (Paragraph((Text(text),)),)


def test_bold_and_italic_markup():
    assert blocks("**Bold** and *italic*") == (
        Paragraph((Text("Bold", bold=True), Text(" and "), Text("italic", italic=True))),
    )


def test_a_markdown_link_and_a_bare_url_and_an_email_address_become_links():
    (paragraph,) = blocks("[The review](https://example.gov.uk/r) at https://example.gov.uk/q2 or a.b@example.org")
    links = [node for node in paragraph.children if isinstance(node, Link)]
    assert [(link.href, link.text) for link in links] == [
        ("https://example.gov.uk/r", "The review"),
        ("https://example.gov.uk/q2", "https://example.gov.uk/q2"),
        ("mailto:a.b@example.org", "a.b@example.org"),
    ]


def test_any_link_scheme_is_kept_as_a_link_so_the_rules_can_report_it():
    (paragraph,) = blocks("[run](javascript:alert(1))")
    (link,) = paragraph.children
    assert link.href == "javascript:alert(1)" and not link.is_safe


def test_html_and_entities_stay_text():
    assert blocks("<b>bold</b> &nbsp; <ul>") == (Paragraph((Text("<b>bold</b> &nbsp; <ul>"),)),)


def test_metric_citations_become_nodes_with_their_form_in_lower_case():
    (paragraph,) = blocks("{metric:OFFICERS} and {metric: BLACK : Share }")
    refs = [node for node in paragraph.children if isinstance(node, MetricRef)]
    assert [(ref.metric_id, ref.form) for ref in refs] == [("OFFICERS", "value"), ("BLACK", "share")]


def test_excel_runs_keep_their_formatting_inside_bullets():
    runs = [Run("Done:\n- the "), Run("pilot", bold=True), Run(" ended\n- the "), Run("report", italic=True)]
    result = blocks(None, runs=runs)
    assert result[1].items[0].children == (Text("the "), Text("pilot", bold=True), Text(" ended"))
    assert result[1].items[1].children == (Text("the "), Text("report", italic=True))


def test_an_underlined_run_stays_underlined():
    (paragraph,) = blocks(None, runs=[Run("See "), Run("the review", underline=True)])
    assert paragraph.children == (Text("See "), Text("the review", underline=True))


def test_a_cell_hyperlink_links_the_whole_text():
    (paragraph,) = blocks("Read the review", hyperlink="https://example.gov.uk/r")
    assert paragraph.children == (Link("https://example.gov.uk/r", (Text("Read the review"),)),)


def test_empty_and_blank_cells_have_no_blocks():
    assert blocks("") == () and blocks("  \n \n") == () and blocks(None) == ()


@pytest.mark.parametrize(
    "text",
    [
        "One line",
        "Two\nlines",
        "Para one\n\nPara two\n\n\nPara three",
        "  Indented start\n   and more  \n",
        "Trailing spaces   \nkept apart",
        "Commas, full stops. Question? Exclamation! Semi; colon: dash – quote ‘x’",
    ],
)
def test_the_fast_path_for_plain_text_gives_the_parsers_tree(text):
    parsed = tuple(markup._Builder().blocks(markup._parser(False).parse(markup._prepare(text))))
    assert markup.plain_paragraphs(text) == parsed
    assert blocks(text) == parsed


def test_linkify_is_skipped_where_no_address_can_be_but_never_misses_one():
    md = markup._parser(True)
    assert not md.linkify.pretest("Plain words: no addresses here.")
    assert md.linkify.pretest("see https://example.gov.uk")
    assert md.linkify.pretest("write to team@example.gov.uk")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("- 1. Review\n- 2) Report", "• 1. Review\n• 2) Report"),
        ("* 10. Tenth", "• 10. Tenth"),
        ("- item\n  1. continued", "• item\n1. continued"),
        ("  - a\n    + b", "• a\n+ b"),
    ],
)
def test_numbers_typed_after_a_bullet_or_indented_are_kept_as_words(typed, expected):
    assert parse(typed).plain_text() == expected


def test_an_ordered_list_reaching_the_tree_builder_keeps_its_numbers():
    from reportgen.markup import parse as markup

    tokens = markup._parser(False).parse("1. first\n2. second\n   - sub")
    blocks = markup._Builder().blocks(tokens)
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "BulletList"]
    assert RichText(tuple(blocks)).plain_text() == "1. first\n2. second\n• sub"
