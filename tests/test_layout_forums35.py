"""Pages of the thirty-fifth session: a button that counts a thread's replies shown once on a
page ("Ver 11 respuestas"), and Spanish words for "just now"."""

import pytest

from analysis.layout import TIME, CommentBlock, classify_line, link_replies
from tests.test_layout import (
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read_two_long_threads,
)


@pytest.mark.parametrize("line", ["hace instantes", "hace unos instantes", "hace un instante",
                                  "hace pocos segundos"])
def test_spanish_words_for_just_now_are_times(line):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, None)


def _replies_counted_once(c, parent_author, when):
    """Name, date, "En respuesta a NAME" on replies, then the buttons and a like count; the
    thread's first comment alone shows how many replies it has, as a page scrolled to its
    first thread only does."""
    head = [c[2], f"{when:%d/%m/%Y %H:%M}"]
    if parent_author:
        head.append(f"En respuesta a {parent_author}")
    foot = [f"Me gusta {c[4]}", "Responder", "Denunciar"]
    return head, foot + (["Ver 11 respuestas"] if c[0] == "c0" else [])


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_counter_shown_once_is_no_comment_nor_name_and_keeps_the_thread(flat):
    thread, comments, bodies = _read_two_long_threads(_replies_counted_once, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def test_lines_under_no_name_do_not_end_the_thread_a_reply_names():
    """Between a comment and its reply, lines the layout gives no name (the page's own, or a
    comment whose header was lost) start no thread the reply's "in reply to" must stay in."""
    blocks = [CommentBlock([10], author="alice"), CommentBlock([14]),
              CommentBlock([18], author="bob", reply_to="alice", reply_to_line=17)]
    links = link_replies(blocks, ["Which vote?", "Ver 3 respuestas", "The annex one."])
    assert [link.parent for link in links] == [None, None, 0]
