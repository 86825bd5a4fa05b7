"""The word-level redline: optimal, symmetric, readable, and blind only to typing noise."""

from __future__ import annotations

import random

import pytest

from reportgen.compare.diff import compare_plain, compare_rich, word_diff
from reportgen.compare.folding import fold, tokens
from reportgen.markup.parse import parse


def side(segments, keep: str) -> str:
    """Rebuild one side of a redline: equal plus deleted segments give the old text."""
    return "".join(s.text + s.space_after for s in segments if s.op in ("equal", keep))


def words(text: str) -> list[str]:
    return [t.key for t in tokens(text)]


def runs(segments, swap: bool = False):
    """Equal runs and change runs as (kept words, deleted words, inserted words), optionally mirrored."""
    result = []
    for segment in segments:
        if segment.op == "equal":
            result.append((segment.text.split(), [], []))
            continue
        if not result or result[-1][0]:
            result.append(([], [], []))
        deleted = (segment.op == "delete") != swap
        result[-1][1 if deleted else 2].extend(segment.text.split())
    return result


def test_both_texts_can_be_rebuilt_from_the_redline():
    old = "The pilot finished in August. The report is with the board."
    new = "The pilot ended in September. The final report is with the board and the panel."
    segments = word_diff(tokens(old), tokens(new))
    assert words(side(segments, "delete")) == words(old)
    assert words(side(segments, "insert")) == words(new)


@pytest.mark.parametrize("seed", range(25))
def test_the_redline_is_symmetric(seed):
    rng = random.Random(seed)
    vocabulary = "the of and board report data pilot review panel officers".split()
    a = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 60)))
    b_words = a.split()
    for _ in range(rng.randint(1, 6)):
        position = rng.randint(0, len(b_words))
        if rng.random() < 0.5 and b_words:
            del b_words[min(position, len(b_words) - 1)]
        else:
            b_words.insert(position, rng.choice(vocabulary))
    b = " ".join(b_words)
    forward = word_diff(tokens(a), tokens(b))
    backward = word_diff(tokens(b), tokens(a))
    assert runs(forward, swap=True) == runs(backward)


def test_frequent_words_in_a_long_text_do_not_hide_a_change():
    # difflib's autojunk ignores words in more than 1% of a 200+ item sequence: every "the" here.
    sentence = "the board asked the panel to check the figures in the report for the quarter"
    old = " ".join([sentence] * 40)
    new = old.replace("the panel", "the committee", 1)
    segments = word_diff(tokens(old), tokens(new))
    changed = [(s.op, s.text) for s in segments if s.op != "equal"]
    assert changed == [("delete", "panel"), ("insert", "committee")]


def test_a_rewritten_sentence_reads_as_one_change_not_confetti():
    old = "The pilot in the north of the borough finished in August."
    new = "Training for all of the officers began in October."
    segments = word_diff(tokens(old), tokens(new))
    changes = [s for s in segments if s.op != "equal"]
    assert len(changes) == 2, [(s.op, s.text) for s in segments]


def test_typographic_noise_is_folded_one_character_for_one():
    text = "\u201cSafer\u201d streets \u2013 it\u2019s\u00a0done"
    assert fold(text) == '"Safer" streets - it\'s done'
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "old, new, note",
    [
        ("It's done.", "It\u2019s done.", "quotation marks"),
        ("2020 - 2021", "2020 \u2013 2021", "dashes"),
        ("Done.  Next.", "Done.\nNext.", "spaces or line breaks"),
        ("- One\n- Two", "\u2022 One\n\u2022 Two", None),
        ("One\n\nTwo", "- One\n- Two", "bullets or paragraphs"),
        ("It is **done**.", "It is done.", "bold, italic or underline"),
    ],
)
def test_noise_alone_is_formatting_only_and_named(old, new, note):
    diff = compare_rich(parse(old), parse(new))
    if note is None:  # both typed bullet styles make the same list
        assert diff.level == "same"
    else:
        assert diff.level == "formatting"
        assert note in diff.notes


def test_a_changed_word_is_a_change_even_next_to_noise():
    diff = compare_rich(parse("It's done \u2013 finally."), parse("It's started - finally."))
    assert diff.level == "words"
    assert [(s.op, s.text) for s in diff.segments if s.op != "equal"] == [("delete", "done"), ("insert", "started")]


def test_a_number_is_one_word():
    diff = compare_plain("32,920 officers", "33,040 officers")
    assert [(s.op, s.text) for s in diff.segments if s.op != "equal"] == [("delete", "32,920"), ("insert", "33,040")]


def test_metric_citations_are_compared_as_typed():
    diff = compare_rich(parse("Trust rose to {metric:TRUST}."), parse("Trust rose to {metric:TRUST-ALL}."))
    assert [(s.op, s.text) for s in diff.segments if s.op != "equal"] == [
        ("delete", "{metric:TRUST}"),
        ("insert", "{metric:TRUST-ALL}"),
    ]


def test_an_added_sentence_is_inserted_whole_not_split_across_a_full_stop():
    segments = word_diff(
        tokens("Published in January 2021."), tokens("Published in January 2021. A review follows in spring.")
    )
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Published in January 2021."),
        ("insert", "A review follows in spring."),
    ]


@pytest.mark.parametrize(
    "old, new",
    [
        ("Wait for it...", "Wait for it\u2026"),
        ("An important step.", "An impor\u00adtant\u200b step."),
    ],
)
def test_ellipses_and_invisible_characters_are_noise(old, new):
    assert compare_rich(parse(old), parse(new)).level in ("same", "formatting")
    assert compare_plain(old, new).level in ("same", "formatting")
