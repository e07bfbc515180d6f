"""The news-like end-to-end benchmark (benchmarks/news_like.py): its scoring on a hand-made page
and reading, and its pages built from a real thread (skipped without the shared eval data)."""

from __future__ import annotations

import pytest

from benchmarks import news_like as nl
from benchmarks.eval_segmentation import THREADS


def test_scoring_counts_parents_by_first_lines_and_spans_exactly():
    # True comments: 10-11 (top-level), 12 (answers 10), 13 (answers 12).
    page = nl.TruePage("hand", "", starts=[10, 12, 13], ends=[11, 12, 13],
                       parents=[None, 10, 12])
    # The reading splits the first comment and links each line to the one above.
    reading = nl.Reading(starts=[10, 11, 12, 13], ends=[10, 11, 12, 13],
                         parent_starts=[None, 10, 11, 12])
    got = nl.score(page, reading)
    assert (got.comments, got.found) == (3, 4)
    assert got.parents == 2  # 10 (top-level) and 13 (answers 12); 12 points at the piece 11
    assert got.spans == 2  # 12 and 13; 10-11 was split
    assert got.one_line_parents == 2 and got.one_line_spans == 2
    assert got.page_order == 3


def test_a_comment_whose_start_is_joined_away_scores_no_parent():
    page = nl.TruePage("hand", "", starts=[1, 2], ends=[1, 2], parents=[None, 1])
    joined = nl.Reading(starts=[1], ends=[2], parent_starts=[None])
    got = nl.score(page, joined)
    assert got.parents == 1 and got.spans == 0


@pytest.mark.skipif(not THREADS.is_dir(), reason="shared eval threads not beside the repo")
def test_pages_from_a_thread_keep_its_comments_and_point_parents_at_kept_ones():
    as_page, on_one_line = nl._thread_pages(THREADS, "haucpf", seed=0)
    assert len(as_page.starts) == len(on_one_line.starts) > 0
    lines = as_page.text.split("\n")
    continuing = sum(b - a for a, b in zip(as_page.starts, as_page.ends, strict=True))
    # about 44% of the comment lines continue a comment, as on the unseen news pages
    assert 0.3 < continuing / sum(b - a + 1 for a, b in zip(as_page.starts, as_page.ends,
                                                          strict=True)) < 0.6
    for page in (as_page, on_one_line):
        assert all(p is None or p in page.starts[:k] for k, p in enumerate(page.parents)), \
            "a parent is an earlier kept comment"
    assert as_page.parents == [None if p is None else as_page.starts[on_one_line.starts.index(p)]
                               for p in on_one_line.parents]
    one_line_text = on_one_line.text.split("\n")
    for (a, b), one in zip(zip(as_page.starts, as_page.ends, strict=True), on_one_line.starts,
                           strict=True):
        assert one_line_text[one - 1] == " ".join(lines[n - 1] for n in range(a, b + 1))


def test_block_start_links_move_a_link_past_a_probable_continuation_only():
    # Lines 10, 11, 12, 13 read as four comments, each answering the one above but 13, which
    # a clue sent to 10. Line 11 probably continues line 10; line 12 probably does not.
    reading = nl.Reading(starts=[10, 11, 12, 13], ends=[10, 11, 12, 13],
                         parent_starts=[None, 10, 11, 10])
    moved = nl.block_start_links(reading, {10: 0.0, 11: 0.9, 12: 0.1, 13: 0.2})
    assert moved.parent_starts == [None, 10, 10, 10]
    unsure = nl.block_start_links(reading, {10: 0.0, 11: 0.4, 12: 0.1, 13: 0.2})
    assert unsure.parent_starts == reading.parent_starts
