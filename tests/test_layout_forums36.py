"""Pages of the thirty-sixth session's unseen layouts: a bookmark service's tags between a
name and its "in reply to" (each tag recurring, most combinations of them not), a class
forum's "helpful! 3" count, and a knitting forum whose posters' names, repeated by its
busiest posters, stand above a post number."""

import pytest

from analysis.layout import COUNT, classify_line
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


def _many_posters_thread():
    """Forty posts by fourteen people, the busiest of them posting five times or more, as a
    forum thread shows; most answer the post above, some one further up."""
    names = ["avboden", "kalitarios", "badfan", "nerevars", "Judo_Guy07", "chumothy",
             "myrptaway", "frittenlord", "StillEnjoyLegos", "wwoodrum", "mcampo84",
             "Lommo97", "johnnwho", "Soddington"]
    thread = []
    for k in range(40):
        parent = None if k % 10 == 0 else f"c{k - 1 if k % 3 else k - 2}"
        name = names[k % 3] if k % 2 else names[(k * 5) % len(names)]
        thread.append((f"c{k}", parent, name, 3 * k, k % 5, [_post_text(k)]))
    return thread


def _post_text(k):
    return f"Post {k} on the yarn and the dye."


def _knitting_forum(c, parent_author, when):
    """Ravelry-like: the name above the post's number and date; a reply opens with "NAME
    wrote:" over the post it quotes (read as the reply's text, as "NAME said:" is on other
    forums); under the post, its four buttons."""
    head = [c[2], f"#{int(c[0][1:]) + 1}", f"{when:%B} {when.day}, {when:%Y %I:%M%p}".lower()
            .replace(when.strftime("%B").lower(), when.strftime("%B"))]
    if parent_author:
        head += [Typed(f"{parent_author} wrote:"), Typed(_post_text(int(c[1][1:])))]
    return head, ["quote", "reply", "link", "flag"]


@pytest.mark.parametrize("flat", [False, True])
def test_names_of_busy_posters_are_names_not_the_pages_furniture(flat):
    """Names no form shows, above a post number and a date known by theirs: a name a busy
    poster repeats on a few posts is no line the page repeats on all of them."""
    thread = _many_posters_thread()
    thread, comments, bodies = _read_two_long_threads(_knitting_forum, flat, thread=thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
    assert comments[Col.CREATED_AT].notna().all()

