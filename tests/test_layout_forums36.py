"""Pages of the thirty-sixth session's unseen layouts: a bookmark service's tags between a
name and its "in reply to" (each tag recurring, most combinations of them not), a class
forum's "helpful! 3" count, and pages whose replies mark whom they answer now and then."""

import math

import pandas as pd
import pytest

from analysis.layout import (
    CONFIDENCE_NEW_THREAD,
    COUNT,
    CommentBlock,
    classify_line,
    link_replies,
)
from analysis.schema import Col
from tests.test_layout import (
    Typed,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read_two_long_threads,
)

_TAGS = ["あとで読む", "社会", "ネタ", "reddit", "これはひどい", "おもしろ"]


def _bookmarks_with_tags(c, parent_author, when):
    """Hatena Bookmark-like: the name, on most comments a line of one to three tags (each a
    word of a few, combined differently), "id:NAME" over a reply, the body, then the date
    and "★N" where someone starred it."""
    k = int(c[0][1:])
    tags = [_TAGS[(k * step) % len(_TAGS)] for step in (1, 5, 7)[:k % 3 + 1]]
    head = [c[2]] + ([" ".join(dict.fromkeys(tags))] if k % 4 else [])
    head += [f"id:{parent_author}"] if parent_author else []
    return head, [f"{when:%Y/%m/%d %H:%M}"] + ([f"★{c[4]}"] if c[4] else [])


@pytest.mark.parametrize("flat", [False, True])
def test_tags_between_a_name_and_its_reply_marker_are_no_comment_text(flat):
    thread, comments, bodies = _read_two_long_threads(_bookmarks_with_tags, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "likes"), [("helpful! 26", 26), ("Helpful (3)", 3),
                                             ("helpful 0", 0)])
def test_a_helpful_count_is_a_like_count(line, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.likes) == (COUNT, likes)


def _blocks(rows):
    """Blocks of (author, the name its "in reply to" gives or None), one body line each."""
    return [CommentBlock([10 * k], author=author, reply_to=to, reply_to_line=to and 10 * k - 1)
            for k, (author, to) in enumerate(rows, start=1)]


# A page whose replies mark whom they answer now and then: dave answers bob past carol and
# erin, who reply without a marker; so do frank and grace.
_SOME_MARKED = [("alice", None), ("bob", None), ("carol", None), ("dave", "bob"),
                ("erin", None), ("frank", "carol"), ("heidi", None), ("grace", "erin")]


def test_on_a_page_that_marks_some_replies_an_unmarked_comment_is_left_to_inference():
    links = link_replies(_blocks(_SOME_MARKED))
    unmarked = [k for k, (_, to) in enumerate(_SOME_MARKED) if to is None]
    assert all(links[k].parent is None and math.isnan(links[k].confidence) for k in unmarked)
    assert [links[k].parent for k in (3, 5, 7)] == [1, 2, 4]


def test_on_a_page_that_marks_every_reply_an_unmarked_comment_starts_a_thread():
    every = [("alice", None), ("bob", "alice"), ("carol", "bob"), ("dave", None),
             ("erin", "dave"), ("frank", "erin"), ("grace", None), ("heidi", "grace")]
    links = link_replies(_blocks(every))
    assert [link.parent for link in links] == [None, 0, 1, None, 3, 4, None, 6]
    assert all(link.confidence == CONFIDENCE_NEW_THREAD for link in (links[0], links[3]))


def _answers_past_the_one_above():
    """Twelve comments: each odd one answers the comment right above it, each even one past
    it the one above that; a thread's first comment answers none."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    return [(f"c{k}", None if k in (0, 6) else f"c{k - 1 if k % 2 else k - 2}",
             names[k % 8], 2 * k, k % 3, [f"Comment {k} on the annex and the vote."])
            for k in range(12)]


def _marked_past_the_one_above(c, parent_author, when):
    """Name, date, then "@NAME" over a reply that answers past the comment above it (a
    replier names whom he answers where the page would not show it), the body, a like count
    and Reply."""
    k = int(c[0][1:])
    head = [c[2], f"{when:%d.%m.%Y %H:%M}"]
    if parent_author and k % 2 == 0:
        head.append(Typed(f"@{parent_author}"))
    return head, [f"{c[4]} likes", "Reply"]


def test_replies_marked_now_and_then_keep_their_marks_and_leave_the_rest_unknown():
    thread = _answers_past_the_one_above()
    thread, comments, bodies = _read_two_long_threads(_marked_past_the_one_above, False,
                                                      thread=thread)
    for cid, parent, *_ in thread:
        row = comments.loc[bodies[cid][0]]
        if parent and int(cid[1:]) % 2 == 0:
            assert row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID]
        else:
            assert pd.isna(row[Col.REPLY_CONFIDENCE])
