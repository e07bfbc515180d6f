"""benchmarks/blank_lines.py: the Reddit threads written out with blank lines, and the constant
the blank_separated guard ships with."""

from __future__ import annotations

import random

import pytest

from analysis import segment as seg
from benchmarks import blank_lines
from benchmarks.clue_table import DEFAULT_DATA, load_threads

pytestmark = pytest.mark.skipif(not DEFAULT_DATA.exists(),
                                reason="../shared/eval/threads is not beside the repository")


@pytest.fixture(scope="module")
def threads():
    return load_threads(DEFAULT_DATA)


def test_shipped_coverage_is_the_lowest_measured_on_a_thread(threads):
    lowest = min(blank_lines.coverage(t) for t in threads)
    assert seg.CONTINUATION_CLUE_COVERAGE == round(lowest, 3)


@pytest.mark.parametrize("kind", blank_lines.KINDS)
def test_renders_keep_every_line_and_put_blank_lines_where_the_kind_says(threads, kind):
    thread = next(t for t in threads if t.tid == "haucpf")
    lines, spans = blank_lines.render(thread, kind, random.Random(0))
    starts = [start for start, _ in spans]
    number_of = {start: k + 1 for k, start in enumerate(starts)}
    expected = [(f"{number_of[n]}. " if kind.startswith("numbered") and n in number_of else "")
                + text for (n, _), (_, text) in zip(lines, thread.section, strict=True)]
    assert [text for _, text in lines] == expected
    numbers = [n for n, _ in lines]
    blank_before = {after for before, after in zip(numbers, numbers[1:], strict=False)
                    if after != before + 1}
    top_level = (thread.comments["parent_id"] == "").tolist()
    if kind == "thread":
        assert blank_before == {s for s, top in zip(starts, top_level, strict=True) if top} - {1}
    elif kind == "paragraph":
        assert blank_before == {n for start, end in spans for n, _ in lines
                                if start < n <= end}
    elif kind in ("numbered", "none"):
        assert not blank_before
    else:
        assert set(starts[1:]) <= blank_before
    if kind in ("comment", "numbered_comment"):
        assert blank_before == set(starts[1:])


def test_comments_between_blank_lines_read_exactly_and_threads_between_them_are_not_joined(
        threads):
    coverage = {t.tid: blank_lines.coverage(t) for t in threads}
    for thread in threads:
        rng = random.Random(blank_lines.SEED)
        lines, spans = blank_lines.render(thread, "comment", rng)
        got = {(s.line_start, s.line_end) for s in seg.segment_comments(lines)}
        # A comment holding a line of invisible characters only is broken there, as the page
        # reader takes that line for a blank one; every other comment reads exactly.
        kept = {n for n, _ in lines}
        whole = [(start, end) for start, end in spans
                 if all(n in kept for n in range(start, end + 1))]
        assert set(whole) <= got
        assert len(whole) >= len(spans) - 1
        lines, spans = blank_lines.render(thread, "thread", rng)
        held_out = min(v for tid, v in coverage.items() if tid != thread.tid)
        assert seg.blank_separated(lines, clue_coverage=held_out) is None, thread.tid


def test_paragraphs_between_blank_lines_read_back_as_comments_and_other_kinds_do_not(threads):
    read = 0
    for thread in threads:
        lines, spans = blank_lines.render(thread, "paragraph", random.Random(blank_lines.SEED))
        reading = seg.blank_paragraphs(lines)
        if reading is not None:
            read += 1
            assert [(s.line_start, s.line_end) for s in seg.segment_comments(lines)] == spans
        for kind in ("comment", "every_line", "thread", "mixed"):
            other, _ = blank_lines.render(thread, kind, random.Random(blank_lines.SEED))
            assert seg.blank_paragraphs(other) is None, (thread.tid, kind)
    assert read >= 6
