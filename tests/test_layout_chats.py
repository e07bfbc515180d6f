"""Page furniture of chat apps, neighbourhood boards, fan-fiction archives and a few news and
code sites, rendered from the threads of tests/test_layout.py and read back: who wrote each
comment, when, its text alone, its likes and, where the page shows it, what it answers."""

from datetime import timedelta

import pytest

from analysis.layout import ACTION, MORE, TEXT, TIME, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    THREAD,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _display,
    _flat_by_time,
    _read,
    _read_two_long_threads,
    _two_long_threads,
    guardian_like,
    render,
)

_NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]


def _clock(when):
    """A 12-hour clock as chat apps show it: "7:17 PM", "12:05 AM"."""
    return f"{when.hour % 12 or 12}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"


def _first_lines(thread):
    return {c[0]: c[5][0] for c in thread}


def _short_threads(size=3):
    """24 comments by eight people in threads of ``size``: each thread a root and replies,
    each to the one above (a page of many short discussions)."""
    return [(f"c{k}", f"c{k - 1}" if k % size else None, _NAMES[k * 5 % 8], 2 * k, k % 4 * 3,
             [f"Comment {k} on the annex and the vote."]) for k in range(24)]


def _page_of(layout, thread, flat=False):
    """``thread`` rendered by ``layout`` and read, once every comment is found where its body
    starts: the comments by their first line, and each comment's body lines."""
    text, bodies = render(layout, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    return comments, bodies


def _column(comments, bodies, thread, column):
    return [comments.loc[bodies[c[0]][0], column] for c in thread]


# ---------------------------------------------------------------------------- Nextdoor

_PLACES = ["Westgate", "Old Town", "Riverside"]


def _nextdoor_like(c, parent_author, when):
    """Nextdoor: the name, then "Westgate · Mar 09, 2020" (the commenter's neighbourhood,
    one of a few that many neighbours share, and the date), the body, the like count only
    above zero, "Like", "Reply", "Share"."""
    return [c[2], f"{_PLACES[c[3] % 3]} · {when:%b %d, %Y}"], [
        *([str(c[4])] if c[4] else []), "Like", "Reply", "Share"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_above_a_shared_place_and_date_is_the_author_and_the_date_the_time(flat):
    """"Westgate · Mar 09, 2020" has the form of an author line ("alice · 5 hours ago"), but
    three places shared by eight people tell nobody apart: the names are the lines above,
    and the time is the date alone."""
    thread, comments, bodies = _read_two_long_threads(_nextdoor_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{START + timedelta(minutes=c[3]):%b %d, %Y}" for c in thread]


# ---------------------------------------------------------------------------- Discord


def _spread_over_days(thread, minutes_apart=100):
    """``thread`` with its comments ``minutes_apart`` apart, so that they span three days."""
    return [(cid, parent, name, int(cid[1:]) * minutes_apart, likes, body)
            for cid, parent, name, _, likes, body in thread]


def _discord_like(thread, flat):
    """Discord: "alice — 03/09/2020 7:17 PM" over the message, "👍 3" under it where anyone
    reacted; a reply has its reply bar right above that line, "@bob" and the first line of
    the message answered; a day divider ("March 9, 2020") above the first message of each
    day, in the order the page shows them."""
    first = _first_lines(thread)
    seen, first_of_day = set(), set()
    for c in _flat_by_time(thread) if flat else thread:
        day = (START + timedelta(minutes=c[3])).date()
        if day not in seen:
            seen.add(day)
            first_of_day.add(c[0])

    def layout(c, parent_author, when):
        divider = [f"{when:%B} {when.day}, {when.year}"] if c[0] in first_of_day else []
        bar = [f"@{parent_author} {first[c[1]]}"] if parent_author else []
        return [*divider, *bar, f"{c[2]} — {when:%m/%d/%Y} {_clock(when)}"], (
            [f"👍 {c[4]}"] if c[4] else [])
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_bar_above_a_chat_message_is_no_text_and_names_the_message_answered(flat):
    """Left as text, "@bob Comment 5 on ..." would end the message above it; it quotes the
    opening of a message of bob's above, so it is the reply's marker."""
    thread = _spread_over_days(_two_long_threads())
    thread, comments, bodies = _read_two_long_threads(_discord_like(thread, flat), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_reply_bars_link_replies_shown_flat_by_time(flat):
    """THREAD in flat order puts replies away from the message they answer (alice's answer
    to bob after carol's message): only the bar says which message it takes up."""
    comments, bodies = _page_of(_discord_like(THREAD, flat), THREAD, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    _assert_links_as_in_the_thread(comments, bodies)


def test_a_day_divider_above_a_message_is_not_its_time():
    """The divider is a time by its form and stands in the header of the day's first
    message; the time that message was sent is the one on its own author line."""
    thread = _spread_over_days(_two_long_threads())
    thread, comments, bodies = _read_two_long_threads(_discord_like(thread, False), False,
                                                      thread)
    whens = [START + timedelta(minutes=c[3]) for c in thread]
    assert len({when.date() for when in whens}) == 3
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{when:%m/%d/%Y} {_clock(when)}" for when in whens]


# ---------------------------------------------------------------------------- Telegram


def _telegram_like(thread):
    """Telegram: the name ("admin" under an admin's), on a reply the quoted message's
    author and its first line, the message, a reaction where there is one, the clock."""
    first = _first_lines(thread)

    def layout(c, parent_author, when):
        badge = ["admin"] if c[2] in ("alice", "dave") else []
        quote = [parent_author, first[c[1]]] if parent_author else []
        return [c[2], *badge, *quote], [*([f"👍 {c[4]}"] if c[4] else []), _clock(when)]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_quoted_name_and_line_opening_a_chat_reply_are_no_text_and_a_badge_no_quote(flat):
    """The quote of a reply is two lines over the reply's own: the author of the message
    answered and that message's first line. An admin's badge under the name is one short
    line too, but nobody called "admin" wrote a message that the line under it opens."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(_telegram_like(thread), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        _clock(START + timedelta(minutes=c[3])) for c in thread]
    # each reply answers the very message it quotes, though its author wrote others
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def test_a_day_divider_opening_the_section_leaves_the_clocks_under_the_messages(flat=True):
    """The page opens straight on the day divider above the first message ("March 9, 2020"),
    then each message's name, quote, text and clock: the divider stands above a body, but the
    clocks, which share its key, stand under theirs, and each message keeps its own."""
    thread = _two_long_threads()
    layout = _telegram_like(thread)

    def with_divider(c, parent_author, when):
        head, foot = layout(c, parent_author, when)
        return ([f"{START:%B} {START.day}, {START.year}"] if c is thread[0] else []) + head, foot

    text, bodies = render(with_divider, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        _clock(START + timedelta(minutes=c[3])) for c in thread]
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


# ---------------------------------------------------------------------------- AO3


def _ao3_like(c, parent_author, when):
    """Archive of Our Own: "alice on Chapter 3 Mon 09 Mar 2020 07:17PM UTC", the body,
    "Reply", "Thread", and "Parent Thread" under replies."""
    return [f"{c[2]} on Chapter 3 {when:%a %d %b %Y %I:%M%p} UTC"], [
        "Reply", "Thread", *(["Parent Thread"] if parent_author else [])]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_before_the_same_phrase_and_a_date_on_every_comment_is_the_author(flat):
    """"on Chapter 3" stands between every name and its date: a sentence would not repeat
    it, so the words before it are the author and the date is the comment's time."""
    thread, comments, bodies = _read_two_long_threads(_ao3_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{START + timedelta(minutes=c[3]):%a %d %b %Y %I:%M%p} UTC" for c in thread]


def test_a_line_repeated_between_some_comments_does_not_stop_the_page_being_read():
    """With a third of the comments replies, "Parent Thread" recurs too seldom to be learned
    as the page's line, and stands between a footer and the next heading, which names its
    author itself, with no marker of its own: counted as a comment, it would make every
    comment look irregular."""
    thread = [(cid, f"c{k - 1}" if k % 3 == 2 else None, *rest)
              for k, (cid, _, *rest) in enumerate(_short_threads())]
    comments, bodies = _page_of(_ao3_like, thread)
    assert sum(c[1] is not None for c in thread) == len(thread) // 3
    assert _column(comments, bodies, thread, Col.AUTHOR) == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


# ---------------------------------------------------------------------------- Slack

def _slack_like(thread):
    """Slack: "alice  7:17 PM" (two spaces), the message, reactions as short codes one per
    line where anyone reacted (":+1: 3", ":joy: 1"); a reply also sent to the channel says
    "replied to a thread: " and the first line of the message answered, above its name."""
    first = _first_lines(thread)

    def layout(c, parent_author, when):
        context = [f"replied to a thread: {first[c[1]]}"] if parent_author else []
        laughs = c[3] % 3
        return [*context, f"{c[2]}  {_clock(when)}"], [
            *([f":+1: {c[4]}"] if c[4] else []), *([f":joy: {laughs}"] if laughs else [])]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_reactions_as_short_codes_and_a_replied_to_line_are_no_text(flat):
    """Only ":+1:" is a like; ":joy: 2" on a message nobody liked leaves it at none. The
    line quoting the message answered is the reply's header."""
    assert any(not c[4] and c[3] % 3 for c in THREAD)
    comments, bodies = _page_of(_slack_like(THREAD), THREAD, flat)
    assert _column(comments, bodies, THREAD, Col.AUTHOR) == [c[2] for c in THREAD]
    _assert_bodies_as_in_the_thread(comments, bodies)
    _assert_links_as_in_the_thread(comments, bodies)


# ---------------------------------------------------------------------------- Teams


def _teams_like(c, parent_author, when):
    """Microsoft Teams: the name, the time ("09/03/2020 19:17", today's as "19:17"), the
    message, "👍 3" only where anyone liked it: at none the next name follows the text."""
    today = int(c[0][1:]) % 3 == 1
    return [c[2], f"{when:%H:%M}" if today else f"{when:%d/%m/%Y %H:%M}"], (
        [f"👍 {c[4]}"] if c[4] else [])


@pytest.mark.parametrize("flat", [False, True])
def test_names_after_text_where_the_footer_is_hidden_and_bare_clocks_as_times(flat):
    """On a message nobody liked, its text runs into the next name: that name is alone
    between markers on most messages, which is enough. "19:19" alone is no time by its form
    (a score, a verse), but a column of them among the times is."""
    thread, comments, bodies = _read_two_long_threads(_teams_like, flat)
    assert any(not c[4] for c in thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        _teams_like(c, None, START + timedelta(minutes=c[3]))[0][1] for c in thread]


# ---------------------------------------------------------------------------- more replies


@pytest.mark.parametrize(("line", "kind"), [
    ("3 more replies from alice and others", MORE),
    ("12 more replies from Jane Doe", MORE),
    ("2 replies from bob and 3 others", MORE),
    ("2 comments from yesterday were great", TEXT),
    ("3 replies from the council today", TEXT),
])
def test_more_replies_from_a_name_and_others_is_a_more_comments_line(line, kind):
    assert classify_line(line).kind == kind


def _more_replies_after_threads(c, parent_author, when):
    """The Guardian's furniture with "N more replies from NAME and others" closing each
    short thread."""
    head, foot = guardian_like(c, parent_author, when)
    closing = int(c[0][1:]) % 3 == 2
    return head, foot + ([f"{c[3] % 5 + 2} more replies from {c[2]} and others"]
                         if closing else [])


def test_more_replies_lines_after_threads_are_no_comments_text():
    """Read as text, each such line would end the last reply of the thread above it."""
    thread = _short_threads()
    comments, bodies = _page_of(_more_replies_after_threads, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


# ---------------------------------------------------------------------------- Google Docs


@pytest.mark.parametrize(("line", "created_at"), [
    ("7:17 PM Today", None),
    ("7:17 PM Mar 9", None),
    ("7:17 PM Mar 9, 2020", "2020-03-09T19:17:00"),
])
def test_a_clock_before_its_day_is_a_time(line, created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, created_at)


def _google_docs_like(c, parent_author, when):
    """Google Docs: the name, "7:17 PM Mar 9" (or "7:17 PM Today"), the comment."""
    return [c[2], f"{_clock(when)} {'Today' if int(c[0][1:]) >= 12 else 'Mar 9'}"], []


def test_clocks_before_their_day_give_each_comment_its_author_and_time():
    """With no footer, the name and the time are all the page's furniture: the time line
    read as text would leave no layout to read."""
    thread, comments, bodies = _read_two_long_threads(_google_docs_like, flat=False)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        _google_docs_like(c, None, START + timedelta(minutes=c[3]))[0][1] for c in thread]


# ---------------------------------------------------------------------------- GitLab


def _gitlab_like(c, parent_author, when):
    """GitLab: "Alice Moreau @alice · 60 minutes ago" over the comment; "Reply…", the box
    for the next reply, under each discussion."""
    closing = int(c[0][1:]) % 3 == 2
    return [f"{_display(c[2])} @{c[2]} · {60 - c[3]} minutes ago"], (
        ["Reply…"] if closing else [])


@pytest.mark.parametrize(("line", "kind"), [
    ("Reply…", ACTION),
    ("Reply...", ACTION),
    ("Write a reply…", ACTION),
    ("Reply... then", TEXT),
    ("Reply… later, maybe", TEXT),
])
def test_a_reply_box_is_furniture_but_not_a_sentence_that_opens_like_it(line, kind):
    assert classify_line(line).kind == kind


def test_a_display_name_before_its_handle_is_the_author_and_the_reply_box_no_text():
    """Replies elsewhere name the display name, not the handle after it; the reply box under
    each discussion would otherwise end its last comment's text."""
    thread = _short_threads()
    comments, bodies = _page_of(_gitlab_like, thread)
    assert _column(comments, bodies, thread, Col.AUTHOR) == [_display(c[2]) for c in thread]
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{60 - c[3]} minutes ago" for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


# ---------------------------------------------------------------------------- Finnish


@pytest.mark.parametrize(("line", "created_at"), [
    ("9.3.2020 klo 19.17", "2020-03-09T19:17:00"),
    ("eilen klo 19.17", None),
    ("9.3. 19:17", None),
    ("14.10. klo 4.24", None),
])
def test_finnish_dates_and_day_month_dates_with_a_clock_are_times(line, created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, created_at)


@pytest.mark.parametrize("line", ["9.3.", "14.10.", "Kello 19.17 oli myöhä"])
def test_a_day_and_month_without_a_clock_stays_text(line):
    assert classify_line(line).kind == TEXT


# ---------------------------------------------------------------------------- Ynet

_CITIES = ["Tel Aviv", "Haifa", "Jerusalem"]


def _ynet_like(c, parent_author, when):
    """Ynet's talkback: "alice, Haifa" (the name and one of a few cities), the date, the
    body, "הגב" (reply), then "אהבתי (3)" and "לא אהבתי (1)": like and dislike, the second
    the first's words and one more, in words no list here holds."""
    return [f"{c[2]}, {_CITIES[c[3] % 3]}", f"{when:%d.%m.%Y %H:%M}"], [
        "הגב", f"אהבתי ({c[4]})", f"לא אהבתי ({c[3] % 5})"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_learned_count_and_its_negation_are_likes_and_a_shared_city_no_part_of_a_name(
        flat):
    """Two counts learned under every body are no like count until one is known as the
    other's negation; three cities after the names of eight people tell nobody apart."""
    thread, comments, bodies = _read_two_long_threads(_ynet_like, flat)
    assert any(c[3] % 5 != c[4] for c in thread)  # the dislikes are not the likes
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


# ---------------------------------------------------------------------------- Weibo


def _glued_to_their_names(thread):
    """``thread`` with each body's first line opened by its author's name and "：", and a
    reply's by "回复@NAME:" after it, as Weibo shows them."""
    author = {c[0]: c[2] for c in thread}
    return [(cid, parent, name, minutes, likes,
             [f"{name}：{f'回复@{author[parent]}:' if parent else ''}{body[0]}", *body[1:]])
            for cid, parent, name, minutes, likes, body in thread]


def _weibo_like(c, parent_author, when):
    """Weibo: no name line; under the body the age, "回复" and the like count alone."""
    return [], [f"{60 - c[3]}分钟前", "回复", str(c[4])]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_glued_to_the_first_line_with_a_colon_is_the_author(flat):
    """The page shows no name line: each comment's first line opens with its author's name
    and a full-width colon. The lines stay the comment's text as the page shows them."""
    thread = _glued_to_their_names(THREAD)
    comments, bodies = _page_of(_weibo_like, thread, flat)
    assert _column(comments, bodies, thread, Col.AUTHOR) == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_names_glued_with_a_colon_on_long_threads_of_few_people(flat):
    """Eight people writing all of the two long threads: a few names, each often, are still
    the authors."""
    thread = _glued_to_their_names(_two_long_threads())
    comments, bodies = _page_of(_weibo_like, thread, flat)
    assert _column(comments, bodies, thread, Col.AUTHOR) == [c[2] for c in thread]


# ---------------------------------------------------------------------------- Hürriyet


def _hurriyet_like(c, parent_author, when):
    """Hürriyet: the name, the age abbreviated ("58 dk önce", in a form no list here holds),
    "(düzenlendi)" (edited) under some, the body, "Yanıtla", "Şikayet et", "3 beğeni"."""
    edited = ["(düzenlendi)"] if int(c[0][1:]) % 5 == 2 else []
    return [c[2], f"{60 - c[3]} dk önce", *edited], ["Yanıtla", "Şikayet et", f"{c[4]} beğeni"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_note_in_brackets_under_some_headers_is_no_text(flat):
    """"(düzenlendi)" is in words no list here holds, on too few comments to be learned as
    the page's line, and under an age known only from its repeats; the same note in brackets
    right under the header each time is a detail of the header, not the comment's first
    line."""
    thread = _two_long_threads()
    assert sum(int(c[0][1:]) % 5 == 2 for c in thread) >= 3
    thread, comments, bodies = _read_two_long_threads(_hurriyet_like, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{60 - c[3]} dk önce" for c in thread]
