"""Pages of the thirty-seventh session: replies that open with "@NAME" and then a word and a
comma ("@bob Hmm, I agree"), which also reads as addressing "@bob Hmm"."""

import pandas as pd
import pytest

from analysis.schema import Col
from tests.test_layout import (
    _assert_bodies_as_in_the_thread,
    _read_two_long_threads,
    _two_long_threads,
)
from tests.test_layout_boards import _with_openings


def _name_and_date(c, parent_author, when):
    return [c[2], f"{when:%d.%m.%Y %H:%M}"], ["Odpowiedz"]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("word", ["Hmm", "Well said", "No"])
def test_a_reply_opening_with_a_handle_then_a_word_and_a_comma_answers_the_handle(flat, word):
    """"@bob Hmm, I agree": the first name the opening can give that belongs to someone
    above is bob. Before, "@bob Hmm" was taken as the name addressed, no one above had it,
    and the reply started a thread of its own."""
    thread = _with_openings(_two_long_threads(), lambda parent: f"@{parent[2]} {word}, ")
    thread, comments, bodies = _read_two_long_threads(_name_and_date, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    author = {c[0]: c[2] for c in thread}
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    replies = [c for c in thread if c[1]]
    assert len(replies) >= 5
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if not c[1]:
            assert pd.isna(row[Col.PARENT_ID])
            continue
        parent = by_id.loc[row[Col.PARENT_ID]]
        assert parent[Col.AUTHOR] == author[c[1]]
        assert parent[Col.LINE_START] < bodies[c[0]][0]
