"""Pages of the thirty-seventh session: replies that open with "@NAME" and then a word and a
comma ("@bob Hmm, I agree"), which also reads as addressing "@bob Hmm"."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import AUTHOR, REPLY_TO, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read,
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
    _assert_each_reply_answers_a_comment_by_the_one_it_names(comments, bodies, thread)


def _assert_each_reply_answers_a_comment_by_the_one_it_names(comments, bodies, thread):
    author = {c[0]: c[2] for c in thread}
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    assert sum(bool(c[1]) for c in thread) >= 5
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if not c[1]:
            assert pd.isna(row[Col.PARENT_ID])
            continue
        parent = by_id.loc[row[Col.PARENT_ID]]
        assert parent[Col.AUTHOR] == author[c[1]]
        assert parent[Col.LINE_START] < bodies[c[0]][0]


def _disqus_like(c, parent_author, when):
    """Disqus: the avatar's text, the name (with "→ PARENT" on a reply), "• 4 months ago",
    the body, the votes (none at zero), then "•", "Reply", "•", "Share ›"."""
    name = f"{c[2]} → {parent_author}" if parent_author else c[2]
    age = f"• {(START + timedelta(days=400) - when).days // 30} months ago"
    return ["Avatar", name, age], [*([str(c[4])] if c[4] else []), "•", "Reply", "•", "Share ›"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_disqus_page_with_most_comments_replies_gives_every_author_and_link(flat):
    """Most of its comments replies, the avatar's text "Avatar" is the line above most
    "bob → alice" lines: a slot of one word for word names no one, so the names stand in
    the reply lines and in the lines above the top-level comments' ages. "•" alone is a
    dot between buttons. Before, "Avatar" was read as everyone's name and then no layout
    at all: every line a comment."""
    thread, comments, bodies = _read_two_long_threads(_disqus_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "name", "time_text"), [
    ("in reply to alice · 3 hours ago", "alice", "3 hours ago"),
    ("replying to bob • 2h", "bob", "2h"),
    ("reageerde op bob · 3 uur geleden", "bob", "3 uur geleden"),
    ("Antwort an alice · vor 3 Stunden", "alice", "vor 3 Stunden"),
])
def test_whom_a_reply_answers_then_its_time_on_one_line(line, name, time_text):
    """Before, the time was read as part of the name, or the marker as an author line."""
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.time_text) == (REPLY_TO, name, time_text)


def test_a_sentence_with_a_dash_and_an_age_stays_an_author_line_or_text():
    assert classify_line("Great point - 3 hours ago").kind != REPLY_TO


def _nujij_like(c, parent_author, when):
    """NU.nl's NUjij: the name; "reageerde op NAME · 3 uur geleden" on a reply, the age alone
    on a top-level comment; the body; "N respect"; its buttons (here in English: in Dutch
    they are learned from their repeats, which this short page has too few of)."""
    age = f"{(START + timedelta(hours=30) - when).seconds // 3600 + 1} uur geleden"
    return ([c[2], f"reageerde op {parent_author} · {age}" if parent_author else age],
            [f"{c[4]} respect", "Reply", "Report"])


def _eight_short_threads():
    """Eight threads of three comments: a third of the comments top-level, as on news pages."""
    return [(f"c{int(cid[1:]) + 6 * t}", parent and f"c{int(parent[1:]) + 6 * t}", name,
             minute + 12 * t, likes, [f"Comment {int(cid[1:]) + 6 * t} on the annex."])
            for t in range(4)
            for cid, parent, name, minute, likes, _ in _two_long_threads(size=3)]


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_line_with_its_age_links_the_reply(flat):
    thread, comments, bodies = _read_two_long_threads(_nujij_like, flat, _eight_short_threads())
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ uur geleden").all()


@pytest.mark.parametrize(("line", "name", "likes"), [
    ("15 points by alice 3 hours ago | parent | next [–]", "alice", 15),
    ("1 point by bob 2 days ago", "bob", 1),
])
def test_a_score_then_by_name_and_age_is_an_author_line(line, name, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.likes) == (AUTHOR, name, likes)


def test_a_blank_line_between_comments_says_where_each_comment_starts():
    """DC Inside: the name, the body, then the date, and a blank line before the next name;
    page text before the first comment and after the last, no blank run and no "Comments"
    header. Each comment's date is the one under its own body, not the one above its name."""
    thread = _two_long_threads()
    lines = ["Flood report held back until after the vote", "Recommend", "Sort by date"]
    for c in thread:
        when = START + timedelta(minutes=7 * c[3])
        lines += [c[2], *c[5], f"{when:%Y.%m.%d %H:%M:%S}", ""]
    lines += ["View the post", "Close comments", "Refresh", "Nickname", "Password", "Submit"]
    comments = _read("\n".join(lines) + "\n").comments.set_index(Col.TEXT)
    for c in thread:
        when = START + timedelta(minutes=7 * c[3])
        assert comments.loc["\n".join(c[5]), Col.CREATED_AT] == f"{when:%Y-%m-%dT%H:%M:%S}"


def _facebook_like(c, parent_author, when):
    """Facebook's comments plugin: the name, the body, "Like · Reply · 3 · 5h"."""
    age = f"{(START + timedelta(hours=30) - when).seconds // 3600 + 1}h"
    return [c[2]], [f"Like · Reply · {c[4]} · {age}" if c[4] else f"Like · Reply · {age}"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_tagging_the_whole_name_it_answers_links_to_it(flat):
    """Facebook tags the one a reply answers at the start of its text, with no "@" and no
    comma ("Bob Smith I agree"); on deeper replies only. A tag is the whole name of someone
    above, never a first name alone ("Bob" of "Bob Smith" opens a sentence as often)."""
    names = {"alice": "Alice Moreau", "bob": "Bob Smith", "carol": "Carol Ng",
             "dave": "Dave Okafor", "erin": "Erin Walsh", "frank": "Frank Diaz",
             "grace": "Grace Lee", "heidi": "Heidi Berg"}
    thread = [(cid, parent, names[name], minute, likes, body)
              for cid, parent, name, minute, likes, body in _two_long_threads()]
    by_id = {c[0]: c for c in thread}
    tagged = {c[0] for c in thread if c[1] and by_id[c[1]][1]}  # replies to replies
    thread = _with_openings(thread, lambda parent: f"{parent[2]} " if parent[1] else "")
    thread, comments, bodies = _read_two_long_threads(_facebook_like, flat, thread)
    by_row = comments.reset_index().set_index(Col.COMMENT_ID)
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if c[0] in tagged:
            assert by_row.loc[row[Col.PARENT_ID], Col.AUTHOR] == by_id[c[1]][2]
    assert len(tagged) >= 5


def test_a_first_name_alone_at_a_body_start_is_no_tag():
    """"Bob said so too" under a comment by Bob Smith: no tag, as a tag is the whole name."""
    thread = [(cid, parent, f"{name.title()} Smith", minute, likes, body)
              for cid, parent, name, minute, likes, body in _two_long_threads()]
    thread = [(*c[:5], [f"{thread[0][2].split()[0]} said so too."]) if c[1] else c
              for c in thread]
    thread, comments, bodies = _read_two_long_threads(_facebook_like, True, thread)
    assert not comments[Col.REPLY_EVIDENCE].str.contains('"in reply to', na=False).any()


def test_the_guardians_list_controls_sign_in_prompt_and_picks_are_no_comments():
    """The Guardian's comment list: "Reader comments" and "(113)" on the next line, a sign-in
    prompt, "Sort by", "Oldest", "Per page", "100", "Display threads", "Expanded"; then per
    comment the name, "Guardian Pick" over some, "in reply to NAME" on replies, the date,
    the body, "Reply", "Share", "Report" and the recommendations. Before, "Per page" was a
    comment of its own and "Display threads" the first comment's author."""
    thread = _two_long_threads()
    author = {c[0]: c[2] for c in thread}
    lines = ["Flood report held back until after the vote", "", "Reader comments", "(24)",
             "Sign in or create your Guardian account to join the discussion.", "Sort by",
             "Oldest", "Per page", "100", "Display threads", "Expanded", ""]
    for c in thread:
        when = START + timedelta(minutes=c[3])
        lines += [c[2], *(["Guardian Pick"] if c[0] in ("c0", "c12") else []),
                  *([f"in reply to {author[c[1]]}"] if c[1] else []),
                  f"{when.day} {when:%b %Y %H.%M}", *c[5], "Reply", "Share", "Report",
                  str(c[4])]
    comments = _read("\n".join(lines) + "\n").comments
    assert comments[Col.TEXT].tolist() == ["\n".join(c[5]) for c in thread]
    assert comments[Col.AUTHOR].tolist() == [c[2] for c in thread]
    by_id = comments.set_index(Col.COMMENT_ID)
    assert [by_id.loc[p, Col.AUTHOR] if isinstance(p, str) else None
            for p in comments[Col.PARENT_ID]] == [author.get(c[1]) for c in thread]


@pytest.mark.parametrize("arrow", ["▶", "►", "▸"])
def test_a_triangle_and_a_name_on_a_line_of_its_own_is_whom_a_reply_answers(arrow):
    """Aftonbladet's "▶ alice" over a reply's age, Index.hu's too; "► Reply" stays a button."""
    marker = classify_line(f"{arrow} alice")
    assert (marker.kind, marker.name) == (REPLY_TO, "alice")
    assert classify_line(f"{arrow} Reply").kind != REPLY_TO
