"""Tests of analysis.segment on the real seed page and on small hand-made sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.readers import read_source
from analysis.segment import (
    BLANK_SEPARATED,
    SHIPPED_JOINS,
    Segment,
    blank_paragraphs,
    blank_separated,
    numbered_comments,
    segment_comments,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_cc89e47453706f70.txt"


def numbered(*texts: str, start: int = 1) -> list[tuple[int, str]]:
    return [(start + i, text) for i, text in enumerate(texts)]


def spans(segments: list[Segment]) -> list[tuple[int, int]]:
    return [(s.line_start, s.line_end) for s in segments]


def assert_partition(lines: list[tuple[int, str]], segments: list[Segment]) -> None:
    """Every input line is in exactly one segment, in order, and the text matches."""
    covered = [n for s in segments for n in range(s.line_start, s.line_end + 1)]
    wanted = list(range(lines[0][0], lines[-1][0] + 1)) if lines else []
    present = {n for n, _ in lines}
    assert [n for n in covered if n in present] == [n for n, _ in lines]
    assert all(n in present or lines[0][0] <= n <= lines[-1][0] for n in covered)
    assert set(covered) <= set(wanted)
    for s in segments:
        inside = [t.rstrip() for n, t in lines if s.line_start <= n <= s.line_end]
        assert s.text == "\n".join(inside)


@pytest.fixture(scope="module")
def seed_lines() -> list[tuple[int, str]]:
    raw = SEED.read_text(encoding="utf-8").split("\n")
    return [(n, t) for n, t in enumerate(raw, start=1) if 20 <= n <= 102 and t.strip()]


@pytest.fixture(scope="module")
def seed_segments(seed_lines) -> list[Segment]:
    return segment_comments(seed_lines)


def test_seed_list_comment_is_one_segment(seed_segments):
    (seg,) = [s for s in seed_segments if s.line_start <= 49 <= s.line_end]
    assert seg.line_start <= 48 and seg.line_end == 50
    assert "L49: list without a verb" in seg.evidence
    assert "L50: fragment without a verb" in seg.evidence


def test_seed_last_line_is_truncated(seed_segments):
    assert seed_segments[-1].line_end == 102
    assert seed_segments[-1].truncated
    assert not any(s.truncated for s in seed_segments[:-1])


def test_seed_every_line_in_one_segment(seed_lines, seed_segments):
    assert_partition(seed_lines, seed_segments)
    assert seed_segments[0].line_start == 20


def test_seed_single_line_comments_stay_apart(seed_segments):
    # Replies that open with a reaction or a question are comments of their own.
    for line in (52, 55, 60, 62, 70, 78, 95, 96, 100):
        assert (line, line) in spans(seed_segments), line


def test_seed_joins_only_where_a_line_says_it_continues(seed_segments):
    # Without an explicit cue, one line is one comment: paragraphs of separate comments on a
    # news page share words and length as often as paragraphs of one comment do.
    by_line = {n: s for s in seed_segments for n in range(s.line_start, s.line_end + 1)}
    assert by_line[32] is not by_line[33]  # two paragraphs with no cue between them
    assert by_line[33] is by_line[34]  # "Also ..." goes on
    assert by_line[83] is by_line[84]  # "One, ..." then "And two, ..."
    assert sum(s.line_end > s.line_start for s in seed_segments) <= 10


NEWS_PAGE = (
    "The new rail timetable is a mess for anyone commuting from the northern towns, and the "
    "operator has offered no explanation for cutting the early trains.",
    "It was announced with two weeks' notice, which gives commuters almost no time to change "
    "their shifts or arrange childcare around the later trains.",
    "The operator should publish the passenger numbers behind the decision so commuters can "
    "see whether the early trains were really as empty as claimed.",
    "Do you actually commute on that line, or are you just repeating what the local paper "
    "printed last week about the timetable?",
    "Every day for eleven years, on the 6:10 from the northern end of the line, and the early "
    "trains were always full by the second stop.",
    "Great reporting as always, thank you to the author for keeping on top of this story.",
    "Yes, the consultation was a sham and everybody who took part in it knows that perfectly "
    "well by now, whatever the operator says.",
    "Budget cuts at the transport authority are the real story here and nobody in the council "
    "seems willing to talk about them in public.",
)


def test_news_page_paragraphs_without_a_cue_stay_apart():
    lines = numbered(*NEWS_PAGE, start=30)
    segments = segment_comments(lines)
    assert_partition(lines, segments)
    assert spans(segments) == [(n, n) for n in range(30, 30 + len(NEWS_PAGE))]


def test_chat_page_of_short_lines_does_not_join_on_shared_words():
    lines = numbered(
        "the rail timetable is a mess",
        "rail timetable mess indeed, awful",
        "timetable mess again lol",
        "mess mess mess",
        "trains are late",
        "late trains again",
        "who cares",
        "me",
        "ok",
    )
    assert spans(segment_comments(lines)) == [(n, n) for n in range(1, 10)]


@pytest.mark.parametrize(
    ("texts", "expected", "evidence"),
    [
        (("Here's the thing:", "Nobody reads it."), [(1, 2)], "intro line ending with ':'"),
        (
            ("I see three problems:", "- cost", "- time", "- will"),
            [(1, 4)],
            "list item after a list item",
        ),
        (("1. cost", "2. time"), [(1, 2)], "list item after a list item"),
        (("The plan was to wait,", "and then act."), [(1, 2)], "starts lower-case"),
        (("It depends on the", "Commission and the Council."), [(1, 1), (2, 2)], ""),
        (("Great article.", "Edit: typo."), [(1, 2)], "continuation marker 'Edit'"),
        (("Great article.", "PS - thanks to the author"), [(1, 2)], "continuation marker 'PS'"),
        (
            (
                "Everyone agrees the deal is good for the region.",
                "And please spare us the usual complaints about the cost of it.",
            ),
            [(1, 1), (2, 2)],
            "",
        ),
        (("Nope.", "And usernames!"), [(1, 1), (2, 2)], ""),
        (("I hate this.", "Have a good one"), [(1, 2)], "sign-off"),
        (
            ("Overblown nonsense. One, they cannot.", "Two, they would not."),
            [(1, 2)],
            "second point after a first",
        ),
        (
            (
                "The empire fought everywhere.",
                "Seven Years War, War of Austrian Succession, WW1, WW2.",
                "Available for the Cold War",
            ),
            [(1, 3)],
            "fragment without a verb",
        ),
        (("The French deterrent is theirs.", "Like I said, nobody asked."), [(1, 2)], "own words"),
        (
            ("Some states put themselves first.", "A classic example is the loan to Ukraine."),
            [(1, 2)],
            "example",
        ),
        (('"I want my passport back."', '"Oh, the invalid one?"'), [(1, 2)], "dialogue"),
        (
            (
                "The vote is rigged and the admins know it.",
                "the admins know it",
                "Prove it then.",
            ),
            [(1, 1), (2, 3)],
            "reply after a quote (L2 repeats L1)",
        ),
        (("Thanks!", "Yes.", "No."), [(1, 1), (2, 2), (3, 3)], ""),
    ],
)
def test_evidence_rules(texts, expected, evidence):
    segments = segment_comments(numbered(*texts))
    assert spans(segments) == expected
    joined = "; ".join(s.evidence for s in segments)
    assert evidence in joined
    for s in segments:
        assert (s.evidence == "") == (s.line_start == s.line_end)


def test_blank_line_gap_is_a_boundary():
    lines = [(1, "Here's the thing:"), (3, "Nobody reads the article.")]
    assert spans(segment_comments(lines)) == [(1, 1), (3, 3)]


def test_evidence_names_line_numbers_of_the_source_file():
    (seg,) = segment_comments(numbered("Read this:", "It is long.", start=40))
    assert (seg.line_start, seg.line_end) == (40, 41)
    assert seg.evidence.startswith("L41: ")
    assert seg.text == "Read this:\nIt is long."


@pytest.mark.parametrize(
    ("last", "truncated"),
    [("Hoping *----", True), ("Hoping *", True), ("I think the govern…", True), ("Fine.", False)],
)
def test_truncated_last_line(last, truncated):
    segments = segment_comments(numbered("First comment.", last))
    assert segments[-1].truncated is truncated
    assert not segments[0].truncated


def test_runoff_ellipsis_mid_section_is_not_truncation():
    segments = segment_comments(numbered("Just a normal nation state…", "Another comment."))
    assert [s.truncated for s in segments] == [False, False]


def test_empty_input():
    assert segment_comments([]) == []


def test_odd_input_never_raises():
    odd = ["", " ", "\x00\x01\x1b[31m", "😀" * 50, "שלום עולם", "مرحبا", "\u200b", ":(", "(", "*",
           "a" * 5_000_000, "," * 1000, "1.", "- ", "«", "EDIT"]
    lines = numbered(*odd)
    assert_partition(lines, segment_comments(lines))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=3), st.text(max_size=60)),
        max_size=40,
    )
)
def test_every_line_in_exactly_one_segment(steps):
    number, lines = 0, []
    for step, text in steps:
        number += step
        lines.append((number, text))
    segments = segment_comments(lines)
    if lines:
        assert_partition(lines, segments)
    assert all(s.line_start <= s.line_end for s in segments)
    assert all(a.line_end < b.line_start for a, b in zip(segments, segments[1:], strict=False))


def test_segment_confidence_multiplies_the_breaks_and_joins_around_it():
    def calibration(kind: str, context: str) -> float:
        return {"join": 0.9, "boundary": 0.8}[kind]

    lines = numbered("Great article.", "Edit: typo.", "Thanks!", "Yes.")
    got = segment_comments(lines, calibration=calibration)
    assert spans(got) == [(1, 2), (3, 3), (4, 4)]
    # The first comment: the section's start, one join, one break; the last: a break and the
    # section's end.
    assert [s.confidence for s in got] == [pytest.approx(0.9 * 0.8), pytest.approx(0.8 * 0.8),
                                           pytest.approx(0.8)]


def test_a_join_clue_left_out_does_not_join():
    lines = numbered("Great article.", "Edit: typo.")
    assert spans(segment_comments(lines, joins=frozenset())) == [(1, 1), (2, 2)]
    assert spans(segment_comments(lines)) == [(1, 2)]


@pytest.mark.parametrize(
    ("texts", "clue"),
    [
        (("Everyone agrees the deal is good for the region.",
          "And please spare us the usual complaints about the cost of it."), "marker_and"),
        (("Here's why the plan fails, for example.", "Nobody costed the tunnel."), "intro_phrase"),
    ],
)
def test_measured_clues_that_do_not_ship_join_only_when_asked(texts, clue):
    lines = numbered(*texts)
    assert spans(segment_comments(lines)) == [(1, 1), (2, 2)]
    assert spans(segment_comments(lines, joins=frozenset({clue}))) == [(1, 2)]


def with_blank_lines(*blocks: tuple[str, ...]) -> list[tuple[int, str]]:
    """Blocks of lines as a page shows them with one blank line between blocks (numbered as in
    the file: the blank line's number is skipped)."""
    lines, number = [], 0
    for block in blocks:
        for text in block:
            number += 1
            lines.append((number, text))
        number += 1
    return lines


BLANK_SEPARATED_PAGE = with_blank_lines(
    ("This is great news. I cycle to work every day and the road is terrifying.",
     "My kids could finally ride to school."),
    ("Shop owners always complain, then business goes up when the street is nicer.",),
    ("That's not true. My sister's cafe lost half its customers when they did this.",
     "Parking is everything for small shops."),
    ("Did it though? The footfall numbers went up overall.",),
    ("2.4 million for paint and some bollards. Unbelievable.",),
)


def test_lines_between_blank_lines_are_one_comment_where_blank_lines_separate_comments():
    got = segment_comments(BLANK_SEPARATED_PAGE)
    assert spans(got) == [(1, 2), (4, 4), (6, 7), (9, 9), (11, 11)]
    assert "no blank line before it" in got[0].evidence
    assert "blank lines separate the comments (4 of 6 breaks" in got[0].evidence
    assert_partition(BLANK_SEPARATED_PAGE, got)


def test_without_the_blank_separated_clue_those_lines_stay_apart():
    got = segment_comments(BLANK_SEPARATED_PAGE, SHIPPED_JOINS - {BLANK_SEPARATED})
    assert spans(got) == [(1, 1), (2, 2), (4, 4), (6, 6), (7, 7), (9, 9), (11, 11)]
    assert blank_separated(BLANK_SEPARATED_PAGE, SHIPPED_JOINS - {BLANK_SEPARATED}) is None


@pytest.mark.parametrize("gaps", [0, 1, 2])
def test_a_few_blank_lines_on_a_page_of_one_comment_per_line_join_nothing(gaps):
    texts = [f"Comment number {k} says something of its own." for k in range(12)]
    lines = [(k + 1 + min(k, gaps), text) for k, text in enumerate(texts)]
    assert blank_separated(lines) is None
    assert all(s.line_start == s.line_end for s in segment_comments(lines))


def test_blank_lines_only_between_threads_do_not_join_the_replies_in_a_thread():
    # Replies follow their comment without a blank line; most threads are one comment. Half the
    # breaks are blank lines, but no join clue fires on any line pair without one, far fewer
    # than on lines that continue a comment.
    blocks = []
    for k in range(36):
        blocks.append((f"Top comment {k} on the plan for the bridge.",
                       f"Reply {k}: no, the bridge was never the problem."))
        blocks.append((f"Another top comment {k} about the ferry.",))
    lines = with_blank_lines(*blocks)
    assert blank_separated(lines) is None
    assert all(s.line_start == s.line_end for s in segment_comments(lines))
    # Read as blank-separated if the guard is switched off (no join clue expected).
    assert blank_separated(lines, clue_coverage=0.0) is not None


def test_the_page_reader_says_when_blank_lines_separate_the_comments(tmp_path):
    head = ["Council approves cycle lanes", "",
            "The council voted on Tuesday to approve cycle lanes.", "", "", ""]
    text_at = dict(BLANK_SEPARATED_PAGE)
    section = [text_at.get(n, "") for n in range(1, BLANK_SEPARATED_PAGE[-1][0] + 1)]
    page = tmp_path / "blank_lines.txt"
    page.write_text("\n".join(head + section) + "\n", encoding="utf-8")
    source = read_source(page)
    got = list(zip(source.comments["line_start"], source.comments["line_end"], strict=True))
    offset = len(head)
    assert got == [(s + offset, e + offset) for s, e in [(1, 2), (4, 4), (6, 7), (9, 9), (11, 11)]]
    assert any("blank lines separate the comments" in w for w in source.report.warnings)


def test_blank_lines_between_a_comments_paragraphs_join_them_and_lines_under_another_split():
    # Comments one per line; a comment's later paragraphs after a blank line, most of them
    # opening as a continuation does ("Also", "Edit:", "PS").
    comments = []
    for k in range(30):
        comments.append((f"Comment {k} thinks the bridge is too expensive for the town.",))
        if k % 3 == 0:
            comments[-1] += (f"Also, the ferry costs {k} million less." if k % 2
                             else f"Edit: {k} typos fixed.",)
    lines, number, spans = [], 0, []
    for paragraphs in comments:
        start = number + 1
        for j, text in enumerate(paragraphs):
            number += 1 + (j > 0)  # a blank line before a later paragraph
            lines.append((number, text))
        spans.append((start, number))
    reading = blank_paragraphs(lines)
    assert reading is not None and reading.after_blank == 10 and reading.adjacent == 29
    got = segment_comments(lines)
    assert [(s.line_start, s.line_end) for s in got] == spans
    assert "after a blank line, and blank lines stand between a comment's paragraphs" in \
        got[0].evidence
    # A blank line between all lines, or between comments, is no such page.
    assert blank_paragraphs([(2 * k + 1, text) for k, (_, text) in enumerate(lines)]) is None
    assert blank_paragraphs(BLANK_SEPARATED_PAGE) is None


NUMBERED_PAGE = numbered(
    "1. I think this is wrong and the council should act now.",
    "2. No, they did act last year.",
    "Read the minutes from March before you post.",
    "3) They did not.",
    "#4 Whatever, the bridge is still late.",
    "[5] Late and over budget as always.",
)


def test_a_page_that_numbers_its_comments_starts_one_at_each_number():
    reading = numbered_comments(NUMBERED_PAGE)
    assert reading is not None and (reading.numbered, reading.first, reading.last) == (5, 1, 5)
    got = segment_comments(NUMBERED_PAGE)
    # Consecutive numbered lines are no list of one comment; an unnumbered line goes on.
    assert spans(got) == [(1, 1), (2, 3), (4, 4), (5, 5), (6, 6)]
    assert "no number before it, and the page numbers its comments (5 of its 6 lines" in \
        got[1].evidence


@pytest.mark.parametrize("texts", [
    # A list inside one comment, the page's first line no item.
    ("Three reasons it will fail:", "1. Cost.", "2. Time.", "3. Nobody wants it.",
     "I disagree with all three."),
    # Numbers that do not count up are no numbering of comments.
    ("1. First comment here.", "7. Another one.", "3. And a third.", "12. A fourth."),
    # Too few numbered lines among many.
    ("1. A numbered start.", *(f"Comment {k} without a number." for k in range(12))),
])
def test_numbers_that_are_no_numbering_of_comments_are_not_read_as_one(texts):
    assert numbered_comments(numbered(*texts)) is None
