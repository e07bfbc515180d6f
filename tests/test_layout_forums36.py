"""Pages of the thirty-sixth session's unseen layouts: a bookmark service's tags between a
name and its "in reply to" (each tag recurring, most combinations of them not), a class
forum's "helpful! 3" count."""

import pytest

from analysis.layout import COUNT, classify_line
from tests.test_layout import (
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
