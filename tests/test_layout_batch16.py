"""The sixteenth batch of page layouts (README, "Pages with comment-system furniture"): lines
read by their form, and small hand-made pages read whole, nested and flat by time."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import ACTION, COUNT, REPLY_TO, TEXT, TIME, classify_line
from analysis.schema import Col
from tests.test_layout import START, THREAD, Typed, _read, render


@pytest.mark.parametrize(("line", "kind", "created_at"), [
    ("9 марта 2020 в 19:17", TIME, "2020-03-09T19:17:00"),
    ("17 июня 2020 в 05:05", TIME, "2020-06-17T05:05:00"),
    ("сегодня в 19:17", TIME, None),
    ("вчера в 19:17", TIME, None),
    ("Ответить", ACTION, None),
    ("Collapse", ACTION, None),
    ("В марте 2020 в Москве было тепло.", TEXT, None),
])
def test_russian_dates_and_buttons_and_a_thread_toggle(line, kind, created_at):
    marker = classify_line(line)
    assert marker.kind == kind
    if kind == TIME:
        assert marker.created_at == created_at and marker.time_text == line


@pytest.mark.parametrize(("line", "likes"), [
    ("+12", 12), ("−3", -3), ("-3", -3), ("0", 0), ("1.2K", 1200), ("45K", 45000),
    ("1.5M", 1_500_000), ("1,5K", 1500),  # "3M" alone is an age: three months
])
def test_a_rating_below_zero_and_a_shortened_count_are_counts(line, likes):
    marker = classify_line(line)
    assert marker.kind == COUNT and marker.likes == likes


@pytest.mark.parametrize("line", ["1.2 K", "K", "-", "−3 points lost", "12.5K€"])
def test_other_lines_near_those_counts_stay_what_they_were(line):
    assert classify_line(line).kind != COUNT


@pytest.mark.parametrize(("line", "name"), [
    ("Replying to @bob and @alice", "bob"),
    ("Replying to @bob @alice", "bob"),
    ("Replying to @bob, @alice and @carol", "bob"),
    ("Replying to @bob", "bob"),
    ("In reply to Tom and Jerry", "Tom and Jerry"),  # no handles: one name as written
])
def test_a_reply_to_several_handles_answers_the_first(line, name):
    marker = classify_line(line)
    assert marker.kind == REPLY_TO and marker.name == name


def test_a_permalink_id_after_the_time_is_no_part_of_the_time():
    marker = classify_line("by alice on Monday March 09, 2020 @07:17PM (#59812345)")
    assert marker.name == "alice" and marker.created_at == "2020-03-09T19:17:00"
    assert marker.time_text == "Monday March 09, 2020 @07:17PM"


# ---------------------------------------------------------------------------- pages

RATINGS = {"a1": "+4", "b1": "0", "c1": "−2", "a2": "+1", "e1": "+12", "d1": "−7", "a3": "0",
           "f1": "+3"}


def _habr(c, parent_author, when):
    """Habr-like: NAME, "9 марта 2020 в 19:17", the body, Ответить and a rating (any sign)."""
    return [c[2], f"9 марта 2020 в {when:%H:%M}"], ["Ответить", RATINGS[c[0]]]


@pytest.mark.parametrize("flat", [False, True])
def test_a_russian_page_reads_its_names_dates_and_ratings(flat):
    text, bodies = render(_habr, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, author, minutes, _, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body) and row[Col.AUTHOR] == author
        assert row[Col.LIKES] == int(RATINGS[cid].replace("−", "-"))
        assert row[Col.CREATED_AT] == f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M:%S}"


def _handle(author):
    return f"@{author}"


def _x(thread):
    """X-like: a display name, "@handle", "·", an age, "Replying to @parent" (with the
    grandparent's handle after it on e1), the body, then replies, reposts, likes and views
    on four lines (views shortened: "1.2K")."""
    author = {c[0]: c[2] for c in thread}
    parent = {c[0]: c[1] for c in thread}

    def layout(c, parent_author, when):
        head = [c[2].title() + " Smith", _handle(c[2]), "·", f"{40 - c[3]}m"]
        if parent_author:
            also = author.get(parent.get(c[1])) if c[0] == "e1" else None
            head.append(f"Replying to {_handle(parent_author)}"
                        + (f" and {_handle(also)}" if also else ""))
        return head, ["1", "0", str(c[4]), f"{c[4] + 1}.2K"]
    return layout


def _assert_links_as_in_the_thread(comments, bodies, thread=THREAD):
    for cid, parent, *_ in thread:
        row = comments.loc[bodies[cid][0]]
        if parent:
            assert row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID], cid
        else:
            assert pd.isna(row[Col.PARENT_ID]), cid


@pytest.mark.parametrize("flat", [False, True])
def test_an_x_like_thread_names_accounts_by_their_handles_and_links_replies_by_them(flat):
    """The first post shows "@alice" under "Alice Smith" and answers nobody: the handle is the
    account, the line above its display name, and "Replying to @alice" the reply marker."""
    text, bodies = render(_x(THREAD), flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, author, minutes, _, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body) and row[Col.AUTHOR] == author
        assert row[Col.TIME_TEXT] == f"{40 - minutes}m"
    _assert_links_as_in_the_thread(comments, bodies)


LONG_TITLE = ("Flood report held back until after the vote, and the council says the annex "
              "was public all along")
# Sixteen posts: the first post's "Re: TITLE" stands before any post header, beside no post's
# own text, and a line repeated beside the markers must be so at 90% of its places.
TOPIC = THREAD + [(f"{c[0]}x", c[1] and f"{c[1]}x", c[2], c[3] + 40, c[4], c[5]) for c in THREAD]


def _quoting(quoted, thread=TOPIC):
    """phpBB-like: "Re: TITLE" (longer than 80 characters), "Post by NAME » Mon Mar 09, 2020
    7:17 pm", on the replies in ``quoted`` "NAME wrote:" and the parent's first line, the
    body, "Top". Returns the layout and the thread with the quoted lines in the bodies ("NAME
    wrote:" opens them on the page)."""
    first_line = {c[0]: c[5][0] for c in thread}

    def layout(c, parent_author, when):
        hour = when.hour % 12 or 12
        head = [f"Re: {LONG_TITLE}", f"Post by {c[2]} » Mon Mar 09, 2020 {hour}:{when.minute:02d} "
                f"{'am' if when.hour < 12 else 'pm'}"]
        if c[0] in quoted:
            head.append(Typed(f"{parent_author} wrote:"))
        return head, ["Top"]

    return layout, [(*c[:5], [first_line[c[1]], *c[5]]) if c[0] in quoted else c for c in thread]


def _forum_page(layout, thread):
    """The topic's page: its title, then the posts (no article text)."""
    text, bodies = render(layout, flat=False, thread=thread)
    return text.replace("The council kept the report in an annex.\n", "\n", 1), bodies


@pytest.mark.parametrize("by_time", [False, True])
def test_a_forum_quote_on_some_replies_links_them_past_posts_without_one(by_time):
    """c1 quotes nobody, then a2 quotes bob, whose post stands above c1: a2 answers bob's post
    (a post without a quote started no thread the quote must stay in). The quote ("bob
    wrote:" and the quoted line) stays the reply's text."""
    quoted = {"b1", "a2", "a3", "b1x", "a2x", "f1x"}
    layout, thread = _quoting(quoted)
    text, bodies = _forum_page(layout, sorted(thread, key=lambda c: c[3]) if by_time else thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, parent, author, *_ in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == bodies[cid].text and row[Col.AUTHOR] == author
        assert row[Col.CREATED_AT].startswith("2020-03-09T")
        if cid in quoted:
            assert row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID], cid


def test_a_line_that_several_replies_quote_stays_their_text():
    """Four replies quoting alice's first line repeat it under "alice wrote:": no badge."""
    to_a1 = [(c[0], "a1" if c[0] in ("a2", "e1") else c[1], *c[2:]) for c in TOPIC]
    layout, thread = _quoting({"b1", "c1", "a2", "e1"}, to_a1)
    text, bodies = _forum_page(layout, thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    for cid, *_ in thread:
        assert comments.loc[bodies[cid][0], Col.TEXT] == bodies[cid].text


def _substack(c, parent_author, when):
    """Substack-like: NAME, "Mar 9", the body, "Like (3)" or "Like", Reply, Share, and under a
    comment with replies "Collapse" or "2 replies"."""
    kids = sum(1 for x in THREAD if x[1] == c[0])
    foot = [f"Like ({c[4]})" if c[4] else "Like", "Reply", "Share"]
    if kids:
        foot.append("Collapse" if c[0] != "a2" else "1 reply")
    return [c[2], "Mar 9"], foot


def test_a_collapse_toggle_under_a_comment_is_no_name():
    text, bodies = render(_substack, flat=False)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, author, _, likes, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.AUTHOR] == author and row[Col.TEXT] == "\n".join(body)
        assert row[Col.LIKES] == likes
