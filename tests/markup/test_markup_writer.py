"""to_markup is the inverse of markup.parse: whatever it writes reads back as the same tree."""

from __future__ import annotations

import random

import pytest

from reportgen.core.richtext import BulletList, LineBreak, Link, ListItem, MetricRef, Paragraph, RichText, Text
from reportgen.markup.parse import parse
from reportgen.markup.write import to_markup


def tree(*blocks) -> RichText:
    return RichText(tuple(blocks))


def para(*inlines) -> Paragraph:
    return Paragraph(tuple(inlines))


def bullets(*items) -> BulletList:
    return BulletList(tuple(item if isinstance(item, ListItem) else ListItem((Text(item),)) for item in items))


def round_trips(rich: RichText) -> str:
    markup = to_markup(rich)
    assert parse(markup).blocks == rich.blocks, markup
    return markup


def test_it_writes_paragraphs_apart_and_line_breaks_as_newlines():
    markup = round_trips(tree(para(Text("First line"), LineBreak(), Text("second line")), para(Text("Next"))))
    assert markup == "First line\nsecond line\n\nNext"


def test_it_writes_bullets_with_dashes_and_nests_them_two_spaces_in():
    nested = ListItem((Text("Parent"),), bullets("Child one", "Child two"))
    markup = round_trips(tree(para(Text("Includes:")), BulletList((nested, ListItem((Text("Sibling"),))))))
    assert markup == "Includes:\n\n- Parent\n  - Child one\n  - Child two\n- Sibling"


def test_a_bullet_with_several_lines_keeps_them_in_the_item():
    item = ListItem((Text("Line one"), LineBreak(), Text("line two")))
    assert round_trips(tree(BulletList((item,)))) == "- Line one\n  line two"


def test_two_lists_in_a_row_stay_two_lists():
    markup = round_trips(tree(bullets("a"), bullets("b")))
    assert markup == "- a\n\n* b"


def test_bold_italic_and_links():
    rich = tree(
        para(
            Text("A "),
            Text("review of MARACs", bold=True),
            Text(" and "),
            Text("more", italic=True),
            Text(": "),
            Link("https://example.org/report", (Text("the report"),)),
        )
    )
    assert round_trips(rich) == "A **review of MARACs** and *more*: [the report](https://example.org/report)"


@pytest.mark.parametrize(
    "inlines",
    [
        (Text("a", bold=True, italic=True), Text("b", italic=True)),
        (Text("a", italic=True), Text("b", bold=True, italic=True)),
        (Text("x "), Text("bold", bold=True), Text("word")),
        (Text("Total "), Text("up 3%.", bold=True), Text(" Next")),
        (Link("https://example.org", (Text("bold link", bold=True),)), Text(" after")),
        (Text("Officers: ", bold=True), MetricRef("OFFICERS", typed="{metric:OFFICERS}"), Text(" in all", bold=True)),
    ],
)
def test_overlapping_and_neighbouring_emphasis_round_trips(inlines):
    round_trips(tree(para(*inlines)))


@pytest.mark.parametrize(
    "text",
    [
        "2 * 3 = 6",
        "a_b and _c_",
        "[draft]",
        "C:\\folder\\file",
        "<b>not html</b>",
        "<draft>",
        "£1.2m (over 3 years)",
        "50% of staff",
        "7th October",
        "x ** y",
    ],
)
def test_literal_markup_characters_are_escaped(text):
    round_trips(tree(para(Text(text))))


@pytest.mark.parametrize("text", ["- not a bullet", "+ 5 officers", "* starred", "2. The review", "3) later", "-"])
def test_text_that_would_start_a_list_is_escaped_at_the_start_of_a_line(text):
    round_trips(tree(para(Text("Before"), LineBreak(), Text(text))))
    round_trips(tree(para(Text(text))))
    round_trips(tree(BulletList((ListItem((Text(text),)),))))


def test_link_destinations_with_brackets_are_escaped():
    round_trips(tree(para(Link("https://example.org/a_(b)", (Text("link [1]"),)))))


def test_metric_citations_are_written_as_typed():
    rich = tree(para(Text("Share: "), MetricRef("BLACK", "share", "{metric:BLACK:share}")))
    assert round_trips(rich) == "Share: {metric:BLACK:share}"


def test_two_breaks_in_a_row_survive_as_a_hard_break():
    round_trips(tree(para(Text("a"), LineBreak(), LineBreak(), Text("b"))))


def test_underline_is_dropped_but_its_words_are_kept():
    markup = to_markup(tree(para(Text("See "), Text("the review", underline=True), Text("."))))
    assert markup == "See the review."


def test_whitespace_at_the_edge_of_bold_moves_outside_it():
    markup = to_markup(tree(para(Text("The "), Text("review ", bold=True), Text("began"))))
    assert markup == "The **review** began"
    assert parse(markup).plain_text() == "The review began"


def test_bold_that_the_markup_cannot_express_keeps_its_words():
    # "**up.**word" cannot close after a full stop glued to a word: the words must survive.
    rich = tree(para(Text("went "), Text("up.", bold=True), Text("Next")))
    assert parse(to_markup(rich)).plain_text() == "went up.Next"


def test_bold_and_italic_that_overlap_without_nesting_keep_the_bold():
    # No markup makes "a" bold, "b" bold italic and "c" italic: the italic is given up.
    rich = tree(para(Text("a", bold=True), Text("b", bold=True, italic=True), Text("c", italic=True)))
    assert parse(to_markup(rich)).blocks == (para(Text("ab", bold=True), Text("c")),)


def test_empty_tree_is_empty_markup():
    assert to_markup(RichText(())) == ""


# --- property: parse(to_markup(parse(x))) == parse(x) over generated markup --------------

_TOKENS = [
    "word",
    "Word",
    "a",
    "1.",
    "2)",
    "-",
    "+",
    "*",
    "**",
    "_",
    "__",
    "[",
    "]",
    "(",
    ")",
    "\\",
    "<",
    ">",
    "<b>",
    "{metric:M1}",
    "{metric:M2:share}",
    "[link](https://example.org/x)",
    "[**bold link**](https://example.org/y)",
    ".",
    ",",
    "!",
    "'",
    "•",
    "&amp;",
    "x_y",
    "~",
    "£5m",
]
_SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", "\n- ", "\n  - ", "\n* ", "\t"]


def _has_empty_item(blocks) -> bool:
    # "-" alone on a line after text is that text's next line in the markup; an empty
    # item is the one shape the markup cannot always say, and never worth saying.
    for block in blocks:
        if isinstance(block, BulletList):
            for item in block.items:
                if not item.children or (item.sublist and _has_empty_item([item.sublist])):
                    return True
    return False


def _has_edge_space_in_emphasis(rich: RichText) -> bool:
    return any(
        isinstance(node, Text) and (node.bold or node.italic) and node.text != node.text.strip()
        for node in rich.inlines()
    )


@pytest.mark.parametrize("seed", range(4))
def test_generated_markup_round_trips(seed):
    generator = random.Random(seed)
    checked = 0
    for _ in range(250):
        typed = "".join(
            generator.choice(_TOKENS) + generator.choice(_SEPARATORS) for _ in range(generator.randint(1, 12))
        )
        rich = parse(typed)
        if _has_empty_item(rich.blocks) or _has_edge_space_in_emphasis(rich):
            continue
        checked += 1
        assert parse(to_markup(rich)).blocks == rich.blocks, typed
    assert checked > 150
