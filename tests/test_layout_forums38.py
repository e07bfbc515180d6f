"""Pages of the thirty-eighth session: an account's "@handle" over its own name (GitHub
Discussions), and a layout that shows each comment's name and time under its body only
(MetaFilter's "posted by alice at 8:45 AM on August 17, 2015")."""

import random
from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import AUTHOR, TEXT, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    _assert_bodies_as_in_the_thread,
    _flat_by_time,
    _read,
    _read_two_long_threads,
    _two_long_threads,
)
from tests.test_layout_boards import _with_openings
from tests.test_layout_forums37 import (
    _assert_each_reply_answers_a_comment_by_the_one_it_names,
    _eight_short_threads,
)


def _github_like(c, parent_author, when):
    """GitHub Discussions: the avatar's "@login" over the login, "on Aug 17, 2015", the
    body (a reply typed "@bob " into it), the reactions' count."""
    return [f"@{c[2]}", c[2], f"on {when:%b %d, %Y}"], [*([f"👍 {c[4]}"] if c[4] else [])]


@pytest.mark.parametrize("flat", [False, True])
def test_an_at_handle_over_the_same_name_is_the_author_not_whom_the_comment_answers(flat):
    """Before, every "@alice" over "alice" was read as "in reply to alice": each comment
    answered its own author, found none above, and was linked to the thread's first
    comment."""
    thread = _with_openings(_two_long_threads(), lambda parent: f"@{parent[2]} ")
    thread, comments, bodies = _read_two_long_threads(_github_like, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_each_reply_answers_a_comment_by_the_one_it_names(comments, bodies, thread)


def _metafilter_page(thread, flat):
    """The post's title, its date, its own "posted by" line; then each comment's body (a
    reply opening "bob: "), "posted by NAME at 8:45 AM on August 17, 2015", a blank line;
    the page's links and notes after the last."""
    lines = ["Ba Dum Tsss", "August 17, 2015 7:45 AM Subscribe", "",
             f"posted by mefi_op ({len(thread)} comments total) [35 favorites]", ""]
    bodies = {}
    for c in _flat_by_time(thread) if flat else thread:
        when = START + timedelta(minutes=7 * c[3])
        bodies[c[0]] = (len(lines) + 1, len(lines) + len(c[5]))
        favorites = f" [{c[4]} favorites]" if c[4] > 1 else ""
        lines += [*c[5], f"posted by {c[2]} at {when:%I:%M %p} on {when:%B %d, %Y}{favorites}",
                  ""]
    lines += ["« Older post | Newer post »", "",
              "This thread has been archived and is closed to new comments"]
    return "\n".join(lines) + "\n", bodies


@pytest.mark.parametrize("flat", [False, True])
def test_names_and_times_under_the_bodies_belong_to_the_comment_above_them(flat):
    """Before, "posted by alice" was read as the header of the comment below it: the first
    comment's body went to the article, and every comment took the next one's author."""
    thread = _with_openings(_two_long_threads(), lambda parent: f"{parent[2]}: ")
    text, bodies = _metafilter_page(thread, flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        assert (row[Col.AUTHOR], row[Col.TEXT], row[Col.LINE_END]) == (
            c[2], "\n".join(c[5]), bodies[c[0]][1])
    _assert_each_reply_answers_a_comment_by_the_one_it_names(comments, bodies, thread)


@pytest.mark.parametrize("attributed", [True, False])
def test_bodies_with_blank_lines_under_a_footer_only_layout(attributed):
    """Where comments hold blank lines, a blank line does not say where the first comment
    starts; the post's own "posted by" line does. Without it the page is not cut at a guess:
    the whole text stays the article, reported."""
    words = "flood annex vote council report river budget mayor road bridge school tax".split()
    chosen = random.Random(7)
    thread = _two_long_threads()
    spaced = [(*c[:5], [c[5][0], "", " ".join(chosen.sample(words, 6)).capitalize() + "."])
              for c in thread]
    text, bodies = _metafilter_page(spaced, flat=False)
    if not attributed:
        text = text.replace("posted by mefi_op", "by the moderators")
    source = _read(text)
    if not attributed:
        assert source.comments.empty
        assert any("no comment section" in str(warning) for warning in source.report.warnings)
        return
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    # (a comment's text keeps its lines, not the blank ones between them)
    assert [comments.loc[bodies[c[0]][0], Col.TEXT] for c in spaced] == [
        "\n".join(line for line in c[5] if line) for c in spaced]
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in spaced] == [c[2] for c in spaced]


@pytest.mark.parametrize(("line", "name"), [
    ("by alice ( 5280199 ) on Monday March 09, 2020 @07:17PM (#66184528)", "alice"),
    ("by Jane Doe (52801) on Monday March 09, 2020 @07:17PM", "Jane Doe"),
    ("by Anonymous Coward on Monday March 09, 2020 @07:17PM (#66184528)", "Anonymous Coward"),
])
def test_by_a_name_with_its_account_number_on_a_date_is_an_author_line(line, name):
    """Slashdot's: before, the account number in brackets made the line text, so no comment
    had an author and every header became a comment of its own."""
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.created_at) == (AUTHOR, name, "2020-03-09T19:17:00")


def test_by_a_phrase_with_a_number_in_brackets_stays_text():
    assert classify_line("by the way (1) on Monday we go").kind == TEXT


def _hacker_news_like(c, parent_author, when):
    link = " | parent" if c[1] else ""
    return [f"{c[4]} points by {c[2]} {c[3] + 2} hours ago{link} | next [–]"], []


def _slashdot_like(c, parent_author, when):
    return ([f"Re:Flood report (Score:{c[4] % 5})",
             f"by {c[2]} ( {5280199 + c[3]} ) on Monday March 09, 2020 @07:{c[3] % 60:02d}PM"],
            ["[ Reply to This | Parent ]" if c[1] else "[ Reply to This ]"])


def _old_reddit_like(c, parent_author, when):
    return ([f"[–]{c[2]} {c[4]} points {c[3] + 2} hours ago"],
            [f"permalinkembedsave{'parent' if c[1] else ''}reportgive awardreply"])


@pytest.mark.parametrize("layout", [_hacker_news_like, _slashdot_like, _old_reddit_like])
@pytest.mark.parametrize("flat", [False, True])
def test_a_parent_link_on_replies_only_says_which_comments_start_threads(layout, flat):
    """Hacker News, Slashdot and old Reddit show a "parent" link on replies and not on
    top-level comments: those start the threads, and the replies do not. Before, both were
    left to inference, which linked most top-level comments to the comment above."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if c[1]:
            # a reply: whom it answers is left to inference
            assert pd.isna(row[Col.REPLY_CONFIDENCE])
            assert "a \"parent\" link shows a reply" in row[Col.REPLY_EVIDENCE]
        else:
            assert pd.isna(row[Col.PARENT_ID])
            assert row[Col.REPLY_EVIDENCE].startswith("page marker: no \"parent\" link")


def _new_reddit_like(c, parent_author, when):
    """Reddit's 2024 page: the avatar's text, the name, "•", the age, and on some comments
    "•" and "Edited 3h ago" after it; the score, "Reply", "Award", "Share"."""
    edited = ["•", f"Edited {c[3] % 5 + 1}h ago"] if int(c[0][1:]) % 5 == 2 else []
    return ([f"u/{c[2]} avatar", c[2], "•", f"{c[3] % 9 + 2}h ago", *edited],
            [str(c[4] + 1), "Reply", "Award", "Share"])


@pytest.mark.parametrize("flat", [False, True])
def test_a_dot_between_two_times_stands_beside_no_name(flat):
    """A quarter of the comments edited: "5h ago", "•", "Edited 3h ago". Counted as the dot
    that stands after each name, those left too few names beside the dots, no name was
    found, and every header line became a comment of its own."""
    thread, comments, bodies = _read_two_long_threads(_new_reddit_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _daily_mail_like(c, parent_author, when):
    """MailOnline: the name, then "Cardiff, United Kingdom, 5 hours ago"; "Reply", "Click to
    rate", the up votes and the down votes."""
    place = ["Cardiff, United Kingdom", "New York, United States", "Perth, Australia"][c[3] % 3]
    return [c[2], f"{place}, {c[3] % 9 + 2} hours ago"], [
        "Reply", "Click to rate", str(c[4] + 3), str(c[3] % 4)]


@pytest.mark.parametrize("flat", [False, True])
def test_a_place_and_an_age_under_each_name_give_the_name_not_the_place(flat):
    """Before, "Cardiff, United Kingdom, 5 hours ago" was read as "NAME, place, age": every
    author a town. Two counts per comment (up and down) outnumbered those lines, so the
    names above them were never looked at."""
    _read_two_long_threads(_daily_mail_like, flat)


def test_a_name_like_line_that_ends_the_page_is_no_footer_under_the_lists_own_lines():
    """Remark42: "Sort by", "Best", "Sign in to comment" above the first comment (the list's
    own lines) and the sign-in choices, then each comment's name, date, "▲", score and "▼"
    over the body and "Reply" under it; "Powered by Remark42" ends the page. That last line,
    read as a name after the last "Reply", put every name and date in the footers: each
    comment took the next one's author."""
    lines = ["Flood report held back until after the vote", "", "24 Comments", "Sort by",
             "Best", "", "Sign in to comment", "Sign in with", "GitHub", "Google", "Anonymous",
             ""]
    thread, starts = _two_long_threads(), {}
    for c in thread:
        when = START + timedelta(minutes=7 * c[3])
        lines += [c[2], f"{when:%d %b %Y, %H:%M}", "▲", f"+{c[4]}", "▼"]
        starts[c[0]] = len(lines) + 1
        lines += [*c[5], "Reply", ""]
    lines += ["Powered by Remark42"]
    comments = _read("\n".join(lines) + "\n").comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(starts.values())
    assert [comments.loc[starts[c[0]], Col.AUTHOR] for c in thread] == [c[2] for c in thread]


def _giscus_like(c, parent_author, when):
    """giscus: "alice commented on Mar 9, 2020" over a thread's first comment; a reply's name
    over "on Mar 9, 2020"; the reactions' count."""
    head = ([f"{c[2]} commented on {when:%b %d, %Y}"] if not c[1]
            else [c[2], f"on {when:%b %d, %Y}"])
    return head, [*([f"👍 {c[4]}"] if c[4] else [])]


@pytest.mark.parametrize("flat", [False, True])
def test_names_over_dates_beside_author_lines_on_the_threads_first_comments(flat):
    """Before, the author lines over the first comments ("alice commented on ...") meant
    the page named its authors in such lines: the names over the replies' dates were never
    looked for, no layout was read, and every line became a comment."""
    _read_two_long_threads(_giscus_like, flat, _eight_short_threads())


def _x_like(c, parent_author, when):
    """X: the display name, the "@handle" (on one comment it differs from the name), "·",
    the date."""
    handle = f"{c[2]}_77" if c[0] == "c7" else c[2]
    return [c[2], f"@{handle}", "·", f"{when:%b %d, %Y}"], [str(c[4] + 1)]


@pytest.mark.parametrize("flat", [False, True])
def test_handles_mostly_the_same_as_the_names_over_them_are_still_handles(flat):
    """Where one handle differs from its name, "@handle" under a name is how the
    page writes accounts, not a handle read as the author on most comments and a reply
    marker (a comment of its own) on that one's."""
    _read_two_long_threads(_x_like, flat)
