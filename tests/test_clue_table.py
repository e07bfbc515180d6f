"""The clue table and the calibration it writes, regenerated on two of the Reddit threads."""

from __future__ import annotations

import pytest

from analysis.replies import evidence as ev
from benchmarks import clue_table

pytestmark = pytest.mark.skipif(not clue_table.DEFAULT_DATA.exists(),
                                reason="../shared/eval/threads is not beside the repository")


@pytest.fixture(scope="module")
def small():
    threads = clue_table.load_threads(clue_table.DEFAULT_DATA, ["ablzuq", "haucpf"])
    return threads, clue_table.report(threads, authors=True)


def test_every_clue_is_measured_in_and_out_of_sample(small):
    threads, (text, replies, segments) = small
    for family in (*clue_table.REPLY_FAMILIES, *clue_table.AUTHOR_FAMILIES):
        assert f"| {family}" in text
    for family in clue_table.JOIN_FAMILIES:
        assert f"| {family}" in text
    # Out of sample, each thread is scored once: the reliability bins hold every decision.
    assert sum(n for _, n, _, _ in replies.reliability) == sum(len(t.comments) for t in threads)
    assert sum(n for _, n, _, _ in segments.reliability) > 0
    assert set(replies.per_thread.index) == {"ablzuq", "haucpf", "ALL"}


def test_calibration_file_has_a_default_for_each_kind(small):
    threads, (_, replies, segments) = small
    tsv = clue_table.calibration_tsv(replies, segments, [t.tid for t in threads])
    rows = [line.split("\t") for line in tsv.splitlines() if not line.startswith("#")]
    assert rows[0] == ["kind", "context", "probability", "n"]
    kinds = {(kind, context) for kind, context, _, _ in rows[1:]}
    for kind in ("reply", "join", "boundary"):
        assert (kind, "default") in kinds
    assert ("reply", ev.PREVIOUS) in kinds
    assert all(0 <= float(p) <= 1 for _, _, p, _ in rows[1:])
