"""benchmarks/indented_pages.py: the Reddit threads written out indented, read back, and the
constant the indentation guard ships with."""

from __future__ import annotations

import pytest

from analysis import segment as seg
from analysis.readers import read_bytes
from analysis.replies import article_documents, infer_parents
from benchmarks import blank_lines, indented_pages
from benchmarks.clue_table import DEFAULT_DATA, load_threads

pytestmark = pytest.mark.skipif(not DEFAULT_DATA.exists(),
                                reason="../shared/eval/threads is not beside the repository")


@pytest.fixture(scope="module")
def threads():
    return load_threads(DEFAULT_DATA)


def test_shipped_boundary_rate_is_the_highest_measured_on_a_thread(threads):
    rates = [blank_lines.boundary_rate(t) for t in threads]
    assert seg.BOUNDARY_CLUE_JOINS == round(max(rates), 3)


@pytest.mark.parametrize("kind", indented_pages.KINDS)
def test_indented_threads_read_back_with_their_true_parents(threads, kind):
    for thread in [t for t in threads if t.tid in ("ablzuq", "haucpf")]:
        lines, spans = indented_pages.render(thread, kind)
        source = read_bytes(f"{thread.tid}.txt", ("\n".join(lines) + "\n").encode("utf-8"))
        comments = infer_parents(source.comments, article_documents(source.articles))
        _, right = indented_pages.score(thread, comments, spans)
        by_indentation = comments["reply_evidence"].str.startswith("page indentation").all()
        if kind == "hanging":  # no depth shown: read as before, by inference
            assert not comments["reply_evidence"].str.startswith("page indentation").any()
            assert right / len(spans) < 0.9
        else:
            assert by_indentation
            assert right / len(spans) >= 0.99
