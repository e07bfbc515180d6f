"""Page furniture of image boards, picture and video sites, course forums and news sites in
other scripts, rendered from the threads of tests/test_layout.py and read back: who wrote
each comment, when, its text alone, its likes and, where the page shows it, what it answers."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import DETAIL, REPLY_TO, TEXT, TIME, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    Typed,
    _a_button_where_the_count_is_hidden,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read,
    _read_two_long_threads,
    _read_with_every_body_and_author,
    _two_long_threads,
    render,
)


def _column(comments, bodies, thread, column):
    return [comments.loc[bodies[c[0]][0], column] for c in thread]


def _spread_over_days(thread, minutes_apart=1500):
    """``thread`` with its comments ``minutes_apart`` apart: a day and more between them, so
    that their dates fall on every day of the week."""
    return [(cid, parent, name, int(cid[1:]) * minutes_apart, likes, body)
            for cid, parent, name, _, likes, body in thread]


def _with_openings(thread, opening):
    """``thread`` with each reply's text opened by ``opening(parent)`` on its first line
    (typed by the commenter, so text)."""
    by_id = {c[0]: c for c in thread}
    return [(cid, parent, name, minute, likes,
             [opening(by_id[parent]) + body[0], *body[1:]] if parent else body)
            for cid, parent, name, minute, likes, body in thread]


# ---------------------------------------------------------------------------- Imgur


def _imgur_like(c, parent_author, when):
    """Imgur: one header line, "alice 12 pts : 3h" (the points may be below zero, "1 pt"
    for one), " via Android" after the age on some comments; the body; no foot."""
    points = c[4] - 4
    age = f"{(START + timedelta(hours=30) - when).seconds // 3600 + 1}h"
    via = " via Android" if int(c[0][1:]) % 3 == 1 else ""
    return [f"{c[2]} {points} {'pt' if abs(points) == 1 else 'pts'} : {age}{via}"], []


@pytest.mark.parametrize("flat", [False, True])
def test_a_handle_its_points_and_its_age_on_one_line_head_each_comment(flat):
    """"alice -1 pts : 3h via Android" has no separator after the name, and "pts" is no
    word for likes that a list knows: the line recurs under many names in one shape, so it
    is the author, the points are the likes and the age is the time."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(_imgur_like, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert _column(comments, bodies, thread, Col.LIKES) == [c[4] - 4 for c in thread]
    assert all(text.endswith("h") and text[:-1].isdigit()
               for text in _column(comments, bodies, thread, Col.TIME_TEXT))


def test_replies_opening_with_the_handle_answered_link_to_it():
    """Shown flat by time, some of Imgur's replies open "@bob " in their text: bob wrote a
    comment above, so the reply answers bob's latest comment above it; the others are left
    unlinked, not guessed."""
    thread = _with_openings(_two_long_threads(),
                            lambda parent: f"@{parent[2]} " if int(parent[0][1:]) % 2 else "")
    thread, comments, bodies = _read_two_long_threads(_imgur_like, True, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    author = {c[0]: c[2] for c in thread}
    opened = [c for c in thread if c[1] and int(c[1][1:]) % 2]
    assert len(opened) >= 5
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if c not in opened:
            assert pd.isna(row[Col.PARENT_ID])
            continue
        parent = by_id.loc[row[Col.PARENT_ID]]
        assert parent[Col.AUTHOR] == author[c[1]]
        assert parent[Col.LINE_START] < bodies[c[0]][0]


def test_a_handle_with_a_number_and_a_separator_once_stays_text():
    """A comment line "Team 2 wins : today" has the shape, once: no header."""
    thread = _two_long_threads()
    thread = [(*c[:5], ["Team 2 wins : today"] + c[5][1:]) if c[0] == "c5" else c
              for c in thread]

    def layout(c, parent_author, when):
        return [c[2], f"{when:%d %b %Y %H:%M}"], ["Reply"]

    thread, comments, bodies = _read_two_long_threads(layout, False, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


# ---------------------------------------------------------------------------- 4chan


def _post_numbers(thread):
    """An image board's post numbers: one counter for the whole board, rising with time."""
    return {c[0]: 566866148 + 7 * k for k, c in enumerate(sorted(thread, key=lambda c: c[3]))}


def _chan_like(thread, flat):
    """4chan: one header line, "Anonymous 03/09/20(Mon)19:17:00 No.566866148 ▶" (a poster who
    gives a name gets a tripcode after it), followed in flat order by the numbers of the
    posts that answer it (">>566866190 >>566866201 ...", as many as there are); "File:
    1583781420.jpg (154 KB, 800x600)" under the header on some posts. In flat order a reply's
    text opens with the line ">>566866148", the number of the post it answers."""
    number = _post_numbers(thread)
    answers = {c[0]: [number[r[0]] for r in thread if r[1] == c[0]] for c in thread}

    def layout(c, parent_author, when):
        name = "Anonymous" if c[2] in ("alice", "bob", "carol") else f"{c[2]} !Ab3dEfGh.J"
        links = "".join(f" >>{n}" for n in answers[c[0]]) if flat else ""
        header = f"{name} {when:%m/%d/%y(%a)%H:%M:%S} No.{number[c[0]]} ▶{links}"
        attached = (["File: 1583781420.jpg (154 KB, 800x600)"] if int(c[0][1:]) % 4 == 2
                    else [])
        return [header, *attached], []
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_an_image_boards_header_with_the_posts_answering_it_heads_each_post(flat):
    """The header ends with "▶" and the numbers of the answers, past any length a header
    line has elsewhere; a tripcode after a name is no part of it; the attachment's line is
    no text."""
    thread = _two_long_threads(size=12)
    # every answer of the thread's root on its header line: a line of over 120 characters
    thread = [(cid, parent if not 6 <= int(cid[1:]) < 12 else "c0", *rest)
              for cid, parent, *rest in thread]
    if flat:
        number = _post_numbers(thread)
        thread = _with_openings(thread, lambda parent: "")
        thread = [(*c[:5], [f">>{number[c[1]]}", *c[5]]) if c[1] else c for c in thread]
    text, bodies = render(_chan_like(thread, flat), flat=flat, thread=thread)
    assert max(len(line) for line in text.splitlines()) > (120 if flat else 0)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert _column(comments, bodies, thread, Col.AUTHOR) == [
        "Anonymous" if c[2] in ("alice", "bob", "carol") else c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{START + timedelta(minutes=c[3]):%m/%d/%y(%a)%H:%M:%S}" for c in thread]
    if flat:
        _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "kind"), [
    ("File: 1583781420.jpg (154 KB, 800x600)", DETAIL),
    ("image.png (1.2 MB)", DETAIL),
    ("Datei: foto.JPG (120 KiB, 800×600)", DETAIL),
    ("see photo.jpg (it is big)", TEXT),
    ("I posted cat.png (it was 3 MB) yesterday", TEXT),
])
def test_an_attachment_with_its_size_is_a_detail(line, kind):
    assert classify_line(line).kind == kind


# ---------------------------------------------------------------------------- Bilibili


def _bilibili_like(c, parent_author, when):
    """Bilibili: the name, the body, then ONE info line "#3 2020-03-09 12 回复": the floor
    number on top-level comments, the date, the like count (left out at zero), the Reply
    button, with single spaces between."""
    floor = f"#{int(c[0][1:]) + 1} " if not parent_author else ""
    likes = f" {c[4]}" if c[4] else ""
    return [c[2]], [f"{floor}{when:%Y-%m-%d}{likes} 回复"]


@pytest.mark.parametrize("flat", [False, True])
def test_an_info_row_of_floor_date_likes_and_reply_with_single_spaces_is_furniture(flat):
    """Without separators, "2020-03-09 12 回复" is a date, a bare number and the Reply
    button: the number between the time and the button is the like count."""
    thread, comments, bodies = _read_two_long_threads(_bilibili_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"{START + timedelta(minutes=c[3]):%Y-%m-%d}" for c in thread]


# ---------------------------------------------------------------------------- Moodle


_SUBJECTS = ["Agreed", "Quick question", "Not quite", "Thanks!"]


def _moodle_like(title):
    """Moodle: the post's subject ("Re: TITLE", or on every fifth post one its poster typed),
    "by alice - Monday, 9 March 2020, 7:17 PM", the body, "Permalink", "Show parent" on
    replies, "Reply"."""
    def layout(c, parent_author, when):
        k = int(c[0][1:])
        subject = _SUBJECTS[k // 5 % 4] if k % 5 == 3 else f"Re: {title}"
        stamp = f"{when:%A}, {when.day} {when:%B %Y}, {when.hour % 12 or 12}:{when:%M %p}"
        return [subject, f"by {c[2]} - {stamp}"], [
            "Permalink", *(["Show parent"] if parent_author else []), "Reply"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_by_before_each_name_is_a_label_and_a_posters_own_subject_no_comment(flat):
    """"by alice - DATE" reads as "NAME - TIME" with the name "by alice": every name opens
    with the same small word, which is the page's, not the commenters'. A subject a poster
    typed stands where the others show "Re: TITLE": it is no comment without a header."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(
        _moodle_like("Flood report held back"), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert len(comments) == len(thread)


def test_a_name_with_the_same_first_word_everywhere_keeps_it_when_it_is_a_name():
    """"Anonymous 1234" and "Anonymous 5678": one capitalised word before every name is part
    of the names, which the number tells apart."""
    thread = _two_long_threads()

    def layout(c, parent_author, when):
        return [f"Anonymous {1000 + 7 * ord(c[2][0])} · {when:%d %b %Y %H:%M}"], ["Reply"]

    text, bodies = render(layout, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert _column(comments, bodies, thread, Col.AUTHOR) == [
        f"Anonymous {1000 + 7 * ord(c[2][0])}" for c in thread]


# ---------------------------------------------------------------------------- Hespress


_ARABIC_DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
_MOROCCAN_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت",
                    "شتنبر", "أكتوبر", "نونبر", "دجنبر"]


def _hespress_like(c, parent_author, when):
    """Hespress: the name, "الاثنين 9 مارس 2020 - 19:17" (the weekday, the day, the month in
    Morocco's names, the year, the clock), the body, then the like count, the dislike count
    and the comment's number on the page, each a bare number line."""
    stamp = (f"{_ARABIC_DAYS[when.weekday()]} {when.day} {_MOROCCAN_MONTHS[when.month - 1]} "
             f"{when.year} - {when:%H:%M}")
    return [c[2], stamp], [str(c[4]), str(c[4] % 3), str(int(c[0][1:]) + 1)]


@pytest.mark.parametrize("flat", [False, True])
def test_a_weekday_before_a_date_in_any_language_is_part_of_the_time(flat):
    """"الجمعة 13 مارس 2020 - 19:17" reads as a name before a date, but each word before
    the dates stands before one weekday only, and no two before the same one: the words are
    the weekdays, and the line is the time, as the page writes it."""
    thread = _spread_over_days(_two_long_threads(), minutes_apart=1000)
    thread, comments, bodies = _read_two_long_threads(_hespress_like, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    whens = [START + timedelta(minutes=c[3]) for c in thread]
    assert len({when.weekday() for when in whens}) == 7
    assert _column(comments, bodies, thread, Col.CREATED_AT) == [
        f"{when:%Y-%m-%dT%H:%M:%S}" for when in whens]
    assert _column(comments, bodies, thread, Col.TIME_TEXT)[0].startswith(_ARABIC_DAYS[0])


def test_names_before_dates_that_fall_on_several_weekdays_stay_names():
    """"alice 9 March 2020 19:17": the same person posts on Monday and on Tuesday, so the word
    before the date is no weekday but the author."""
    thread = _spread_over_days(_two_long_threads(), minutes_apart=1000)

    def layout(c, parent_author, when):
        return [f"{c[2]} {when.day} {when:%B %Y %H:%M}"], ["Reply"]

    thread, comments, bodies = _read_two_long_threads(layout, False, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def test_a_date_line_with_a_clock_in_unknown_words_is_learned_as_the_time():
    """"Ahad 9 Zork 2020 - 19:17": month and weekday in words no list knows; the line recurs
    with a clock under every name, which makes it the time, beside counts known by form."""
    thread = _two_long_threads()

    def layout(c, parent_author, when):
        return [c[2], f"Ahad {when.day} Zork {when.year} - {when:%H:%M}"], [
            str(c[4]), str(c[4] % 3), str(int(c[0][1:]) + 1)]

    thread, comments, bodies = _read_two_long_threads(layout, False, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"Ahad {(START + timedelta(minutes=c[3])).day} Zork 2020 - "
        f"{START + timedelta(minutes=c[3]):%H:%M}" for c in thread]


@pytest.mark.parametrize(("line", "created_at"), [
    ("14 أكتوبر 2016", "2016-10-14"),
    ("17 غشت 2015 - 09:45", "2015-08-17T09:45:00"),
    ("3 جويلية 2019", "2019-07-03"),
    ("9 آذار 2020 19:17", "2020-03-09T19:17:00"),
])
def test_arabic_month_names_of_the_east_and_the_maghreb_give_dates(line, created_at):
    marker = classify_line(line, True)
    assert marker.kind == TIME and marker.created_at == created_at


# ---------------------------------------------------------------------------- line forms


@pytest.mark.parametrize(("line", "likes"), [
    ("+3 / -1", 3), ("+0 / -2", 0), ("+12/-0", 12), ("1,234 likes", 1234), ("Suka (12)", 12),
])
def test_votes_up_and_down_and_counts_with_thousands_are_like_counts(line, likes):
    assert classify_line(line).likes == likes


@pytest.mark.parametrize(("line", "created_at"), [
    ("Oct. 14, 2016, 1 p.m.", "2016-10-14T13:00:00"),
    ("March 9, 2020 at 7 pm", "2020-03-09T19:00:00"),
    ("Senin, 17 Agu 2015 19:35 WIB", "2015-08-17T19:35:00"),
    ("۲۳ مهر ۱۳۹۵ ساعت ۱۰:۲۴", "2016-10-14T10:24:00"),
    ("۱ فروردین ۱۳۹۵", "2016-03-20"),
    ("30 اسفند 1403", "2025-03-20"),
    ("11 دی 1399", "2020-12-31"),
])
def test_dates_with_an_hour_alone_indonesian_months_and_irans_solar_calendar(line, created_at):
    assert classify_line(line, True).created_at == created_at


@pytest.mark.parametrize("line", ["March 9, 2020 7", "Oct 14, 2016 at 7 pmx", "۳۱ مهر ۱۳۹۶"])
def test_an_hour_without_am_or_pm_and_a_day_the_month_lacks_give_no_date(line):
    assert classify_line(line, True).created_at is None


# ---------------------------------------------------------------------------- Livefyre


def _livefyre_like(c, parent_author, when):
    """Livefyre: ONE header line "alice Mar 9, 2020" (" Moderator" after some names), the
    body, "Reply", the like line ("♥ 4", or "♥" alone at zero), "Share"."""
    badge = " Moderator" if c[2] in ("bob", "erin") else ""
    return [f"{c[2]}{badge} {when:%b} {when.day}, {when.year}"], [
        "Reply", f"♥ {c[4]}" if c[4] else "♥", "Share"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_a_space_and_a_date_head_each_comment_and_a_heart_alone_counts_none(flat):
    """"alice Mar 9, 2020" has no separator and no clock: the line recurs under names that
    differ, so it is the author line, and "Moderator" after two of them is their badge. A
    heart alone between two buttons is the like widget with no count."""
    thread, comments, bodies = _read_two_long_threads(_livefyre_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert set(_column(comments, bodies, thread, Col.TIME_TEXT)) == {"Mar 9, 2020"}


def test_a_comment_of_one_heart_stays_a_comment():
    """Under its header, a heart is someone's whole comment, not a like widget."""
    thread = [(*c[:5], ["♥"]) if c[0] == "c4" else c for c in _two_long_threads()]

    def layout(c, parent_author, when):
        return [c[2], f"{when:%d %b %Y %H:%M}"], ["Reply", "Share"]

    thread, comments, bodies = _read_two_long_threads(layout, False, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def test_a_word_before_every_date_of_a_one_day_page_is_its_weekday():
    """Every comment of the page was posted on Monday 9 March: "Senin, 9 Mar 2020 19:17 WIB"
    under every name reads as one "author" for all, who is nobody: the word is the day's."""
    def layout(c, parent_author, when):
        return [c[2], f"Senin, {when.day} Mar {when.year} {when:%H:%M} WIB"], ["Suka (3)", "Balas"]

    thread, comments, bodies = _read_two_long_threads(layout, False)
    assert _column(comments, bodies, thread, Col.TIME_TEXT) == [
        f"Senin, 9 Mar 2020 {START + timedelta(minutes=c[3]):%H:%M} WIB" for c in thread]
    assert set(_column(comments, bodies, thread, Col.LIKES)) == {3}



# ---------------------------------------------------------------------------- Zhihu, 5ch


def _zhihu_like(c, parent_author, when):
    """Zhihu: "alice" (or "alice 回复 bob" on a reply to a reply), the body, and ONE row
    "12 小时前 · 回复 · 赞 3" (the age with a space before its unit, "10-14" for an older
    day; "赞" alone at zero likes); "展开其他 3 条回复" under some threads."""
    age = f"{c[3] // 10 + 1} 小时前" if c[3] < 30 else f"{when:%m-%d}"
    more = ["展开其他 3 条回复"] if int(c[0][1:]) % 12 == 11 else []
    return [f"{c[2]} 回复 {parent_author}" if parent_author else c[2]], [
        f"{age} · 回复 · 赞 {c[4]}" if c[4] else f"{age} · 回复 · 赞", *more]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_answering_a_name_and_a_row_of_age_reply_and_likes(flat):
    """"avboden 回复 mcampo84" names the author and whom the reply answers; the row is the
    time, the Reply button and the likes; "展开其他 3 条回复" is the page's, no comment."""
    thread, comments, bodies = _read_two_long_threads(_zhihu_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert _column(comments, bodies, thread, Col.TIME_TEXT)[:2] == ["1 小时前", "1 小时前"]
    assert len(comments) == len(thread)


def test_an_image_boards_numbered_header_with_a_label_before_its_date():
    """5ch: "12 名前：alice 投稿日：2020/03/09(月) 19:17:00.00 ID:Ab3dEfGh0": the post's
    number, the name after its label, the date after "投稿日：" (posted), the poster's ID."""
    def layout(c, parent_author, when):
        number = int(c[0][1:]) + 2
        return [f"{number} 名前：{c[2]} 投稿日：{when:%Y/%m/%d}(月) {when:%H:%M:%S}.00 "
                f"ID:{c[2][:3]}Ab3d0"], []

    thread, comments, bodies = _read_two_long_threads(layout, False)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert _column(comments, bodies, thread, Col.CREATED_AT)[1] == (
        f"{START + timedelta(minutes=thread[1][3]):%Y-%m-%dT%H:%M:%S}")


# ---------------------------------------------------------------------------- Canvas


def _canvas_like(thread, flat):
    """Canvas (without its avatars' initials and badges, which the reader does not place
    yet): the name, the date "Mar 9, 2020 7:17pm", the body, "Reply", "3 Likes" ("Like" at
    zero). Shown flat, a reply to a reply opens with a preview of the comment it answers:
    that comment's name, its date and its first line."""
    by_id = {c[0]: c for c in thread}
    roots = {c[0] for c in thread if c[1] is None}

    def stamp(when):
        return f"{when:%b} {when.day}, {when.year} {when.hour % 12 or 12}:{when:%M}{when:%p}".lower(
        ).capitalize()

    def layout(c, parent_author, when):
        preview = []
        if flat and c[1] and c[1] not in roots:
            parent = by_id[c[1]]
            preview = [parent[2], stamp(START + timedelta(minutes=parent[3])), parent[5][0]]
        return [c[2], stamp(when), *preview], [
            "Reply", f"{c[4]} Likes" if c[4] > 1 else ("1 Like" if c[4] else "Like")]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_preview_with_its_date_under_a_replys_header_is_its_marker(flat):
    """A preview's name, date and first line under a reply's header are the comment it
    answers, not a comment of their own, and the reply links to it."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(_canvas_like(thread, flat), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    if flat:
        roots = {c[0] for c in thread if c[1] is None}
        quoting = [c for c in thread if c[1] and c[1] not in roots]
        assert len(quoting) >= 10
        _assert_links_as_in_the_thread(comments, bodies, thread=quoting)


def test_sentences_ending_in_an_age_inside_comments_stay_text():
    """"Had 4 yesterday", "Saw it yesterday", "Fixed 2h": lines that end in an age, in the
    text of several comments, by different first words; they stand among text, not under the
    comment above's last marker, so none heads a comment."""
    endings = ["Had 4 yesterday", "Saw it yesterday", "Fixed 2h", "Went 3h"]
    thread = [(*c[:5], [*c[5], endings[k // 3 % 4]]) if k % 3 == 1 else c
              for k, c in enumerate(_two_long_threads())]

    def layout(c, parent_author, when):
        return [c[2], f"{when:%d %b %Y %H:%M}"], ["Reply", "Share"]

    thread, comments, bodies = _read_two_long_threads(layout, False, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)



def test_a_handle_opening_with_digits_and_the_first_header_under_the_pages_text():
    """"67Mustang-Man Mar 9, 2020" heads a comment as "alice Mar 9, 2020" does (a handle may
    open with digits), and so does the first header, under the page's own sort line."""
    thread = [(*c[:2], "67Mustang-Man" if c[2] == "dave" else c[2], *c[3:])
              for c in _two_long_threads()]

    def layout(c, parent_author, when):
        head, foot = _livefyre_like(c, parent_author, when)
        return (["Newest | Oldest | Top Comments"] if c[0] == "c0" else []) + head, foot

    thread, comments, bodies = _read_two_long_threads(layout, True, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


# ---------------------------------------------------------------------------- forum profiles


_RANKS = {"bob": "Senior Member", "erin": "Moderator", "grace": "Senior Member"}


def _posts_of(name):
    return 1000 + 37 * sum(map(ord, name))


def _phpbb_like(c, parent_author, when):
    """phpBB: the poster's profile (name, a rank for some, "Posts: N", "Joined: date", a
    place for some), the post's subject, "Quote", then "Post by NAME » date" over the body
    and "Top" under it."""
    head = [c[2]] + ([_RANKS[c[2]]] if c[2] in _RANKS else [])
    head += [f"Posts: {_posts_of(c[2])}", "Joined: Tue Jan 02, 2007 10:00 am"]
    head += ["Location: Pacific Northwest"] if c[2] in ("alice", "dave") else []
    head += ["Re: The annex vote", "Quote", f"Post by {c[2]} » {when:%a %b %d, %Y %I:%M %p}"]
    return head, ["Top"]


def _invision_like(c, parent_author, when):
    """Invision Community: the poster's name and group, "N posts", "Posted DATE", "Share"
    over the body; "Quote" and the reactions (shown where there are some) under it."""
    head = [c[2], _RANKS.get(c[2], "Members"), f"{_posts_of(c[2]):,} posts",
            f"Posted {when:%B %d, %Y}", "Share"]
    return head, ["Quote"] + ([str(c[4])] if c[4] else [])


@pytest.mark.parametrize("layout", [_phpbb_like, _invision_like])
@pytest.mark.parametrize("flat", [False, True])
def test_a_forums_profile_above_each_post_is_its_header(layout, flat):
    """A forum shows each poster's name, rank and post count in a column beside the post,
    pasted as short lines above it, between the previous post's buttons and this one's
    date: the lines that recur with the posters (a rank, "Location: ...") and a name on
    each are the post's header, not a comment of their own; "975 posts" is no like."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=layout is _invision_like,
                                    thread=thread)
    assert len(comments) == len(thread)
    # "Re: The annex vote" on every post is its subject, no reply to someone of that name:
    # with no quote to say whom a post answers, none is linked (not known, not guessed)
    assert comments[Col.PARENT_ID].isna().all()



# ---------------------------------------------------------------------------- bug trackers


def _bugzilla_like(c, parent_author, when):
    """Bugzilla: the commenter's name, then "Comment 12 • 2015-08-17 08:45:51 UTC" (the
    comment's number in the bug and its time) over the text; nothing under it."""
    return [c[2], f"Comment {int(c[0][1:]) + 1} • {when:%Y-%m-%d %H:%M:%S} UTC"], []


@pytest.mark.parametrize("flat", [False, True])
def test_a_numbered_comment_label_before_the_time_is_no_author(flat):
    """"Comment 12 • DATE" has the shape of "alice • DATE", but every such line names the
    same word with another number: the comments' numbers, so the line is the time and the
    name line above it the author."""
    thread, comments, bodies = _read_two_long_threads(_bugzilla_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert comments[Col.CREATED_AT].notna().all()


def test_a_name_with_a_number_before_a_time_stays_an_author():
    """Handles such as "alice 2" and "bob 7" before a time name people: the words differ,
    so each comment keeps an author."""
    names = {"alice": "alice 2", "bob": "bob 7", "carol": "carol 1", "dave": "dave 9",
             "erin": "erin 3", "frank": "frank 4", "grace": "grace 5", "heidi": "heidi 8"}
    thread = [(cid, parent, names[name], minute, likes, body)
              for cid, parent, name, minute, likes, body in _two_long_threads()]

    def layout(c, parent_author, when):
        return [f"{c[2]} • {when:%Y-%m-%d %H:%M:%S} UTC"], ["Reply"]

    text, bodies = render(layout, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR].split()[0] for c in thread] == [
        c[2].split()[0] for c in thread]


def test_counts_found_where_names_stand_are_no_profile():
    """Under each body a count in words no list knows ("3 Leserempfehlungen", "Empfehlen"
    where there are none), which the page's repeats may take for a name slot beside the
    real one: no forum profile is read from it, and no comment is credited to a count."""
    text, _ = render(_a_button_where_the_count_is_hidden, flat=False,
                     thread=_two_long_threads(40))
    authors = _read(text).comments[Col.AUTHOR].dropna()
    assert len(authors) >= 3
    assert not authors.str.contains("Empfehl").any()


# ---------------------------------------------------------------------------- counts at zero


def _bhaskar_like(c, parent_author, when):
    """Dainik Bhaskar: the name, the date in Hindi, the body; "जवाब दें" (reply), then
    "पसंद 12" and "नापसंद 3" (likes, dislikes), each word alone where its count is zero."""
    dislikes = int(c[0][1:]) % 4 // 3 * 2  # none on three comments in four
    return ([c[2], f"{when.day} अक्टूबर 2016, {when:%I:%M %p}"],
            ["जवाब दें", f"पसंद {c[4]}" if c[4] else "पसंद",
             f"नापसंद {dislikes}" if dislikes else "नापसंद"])


@pytest.mark.parametrize("flat", [False, True])
def test_a_counts_word_alone_is_that_count_at_zero(flat):
    """"नापसंद" alone, where other comments show "नापसंद 2": the dislike count with no
    number, no comment text and no name; "पसंद" alone is zero likes."""
    thread, comments, bodies = _read_two_long_threads(_bhaskar_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def test_a_forums_subject_on_every_post_is_no_reply_to_someone():
    """phpBB's "Re: The annex vote" stands on every post, beside "bob wrote:" on the posts
    that quote bob: the quotes say whom those answer; the subject names no commenter, so the
    other posts are linked to nothing (not to the first post, as a reply to an absent
    "The annex vote" would be)."""
    def quoting(c, parent_author, when):
        head, foot = _phpbb_like(c, parent_author, when)
        return head + ([Typed(f"{parent_author} wrote:")] if parent_author and int(c[0][1:]) % 2
                       else []), foot

    thread, comments, bodies = _read_two_long_threads(quoting, True)
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    for c in thread:
        row = comments.loc[bodies[c[0]][0]]
        if c[1] and int(c[0][1:]) % 2:
            assert by_id.loc[row[Col.PARENT_ID], Col.AUTHOR] == author[c[1]]
        else:
            assert pd.isna(row[Col.PARENT_ID])


@pytest.mark.parametrize("line", ["alice schrieb:", "Jean-Luc a écrit :", "alice ha scritto:",
                                  "alice napisał(a):", "alice написала:", "alice写道："])
def test_a_quotes_opening_in_another_language_names_the_poster_quoted(line):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (REPLY_TO, line.split(" ")[0].split("写")[0])


@pytest.mark.parametrize("opening", ["{} schrieb:", "{} a écrit :", "{} ha scritto:"])
@pytest.mark.parametrize("flat", [False, True])
def test_a_forum_quote_opened_in_another_language_links_the_reply_and_stays_its_text(
        opening, flat):
    """A forum's own header (name, post count, date) and, on replies, the quote's opening in
    the forum's language: the reply answers the poster quoted, and the opening is the
    first line of its text."""
    def quoting(c, parent_author, when):
        head = [c[2], f"Beiträge: {len(c[2]) * 311:,}", f"{when:%d.%m.%Y, %H:%M}"]
        return head + ([Typed(opening.format(parent_author))] if parent_author else []), [
            "Zitieren", "Antworten", f"{c[4]} Likes"]

    comments, bodies = _read_with_every_body_and_author(quoting, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    _assert_links_as_in_the_thread(comments, bodies)


_DIGIT_NAMES = {"bob": "bob84", "dave": "dave1977", "frank": "frank22"}
_XENFORO_RANKS = {"alice": "Well-known member", "bob84": "Member", "erin": "Active member"}


def _xenforo_like(c, parent_author, when):
    """XenForo: an avatar's letter for members without a picture, the name, a rank (two for
    a moderator), each profile label over its value ("Joined" / date, "Messages" / number,
    "Reaction score" / number), the post's date and number, "NAME said:" opening a reply;
    under the post its buttons and "Reactions: ..." where someone reacted."""
    head = [c[2][0].upper()] if c[2] in ("carol", "heidi") else []
    head += [c[2], _XENFORO_RANKS.get(c[2], "New member")]
    head += ["Staff member"] if c[2] == "grace" else []
    head += ["Joined", f"Jan {len(c[2]) % 27 + 1}, {2001 + len(c[2])}",
             "Messages", f"{_posts_of(c[2]):,}", "Reaction score", f"{_posts_of(c[2]) // 7:,}",
             f"{when:%b %d, %Y}".replace(" 0", " "), f"#{c[3] // 2 + 1}"]
    head += [Typed(f"{parent_author} said:")] if parent_author else []
    people = ["zed", "yan", "xia"][:c[4]] if c[4] <= 2 else ["zed", "yan", f"{c[4] - 2} others"]
    reactions = [f"Reactions: {', '.join(people[:-1])} and {people[-1]}" if len(people) > 1
                 else f"Reactions: {people[0]}"] if people else []
    return head, ["Report", "Like", "+ Quote", "Reply", *reactions]


@pytest.mark.parametrize("flat", [False, True])
def test_a_forums_labels_over_their_values_are_its_profile(flat):
    """XenForo pastes each profile label and its value as two lines: "Joined" over the
    member's own date is no post's time, "Messages" over a number no like; names with digits
    ("bob84", posting again and again) are names, not a count learned from its repeats; the
    letter of an avatar above some names is no name; "Reactions: zed, yan and 7 others" is
    nine likes; "bob84 said:" links the reply and opens its text."""
    thread = [(*c[:2], _DIGIT_NAMES.get(c[2], c[2]), *c[3:]) for c in _two_long_threads()]
    text, bodies = render(_xenforo_like, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    # (the first post's profile, right under the page's own text, is read with that text)
    assert _column(comments, bodies, thread, Col.AUTHOR)[1:] == [c[2] for c in thread][1:]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert [0 if pd.isna(n) else n for n in _column(comments, bodies, thread, Col.LIKES)][1:] == [
        c[4] for c in thread][1:]
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
    when = {c[0]: (START + timedelta(minutes=c[3])).date().isoformat() for c in thread}
    assert [str(t)[:10] for t in _column(comments, bodies, thread, Col.CREATED_AT)] == [
        when[c[0]] for c in thread]


_FIRST_LINES = {c[0]: c[5][0] for c in _two_long_threads()}


def _douban_like(c, parent_author, when):
    """Douban: "NAME DATE TIME" over the body; on a reply, the comment answered as a preview
    of one line, "NAME: its first words...", cut at 20 characters; "赞 (3)" under it."""
    head = [f"{c[2]} {when:%Y-%m-%d %H:%M:%S}"]
    if c[1]:
        opening = _FIRST_LINES[c[1]]
        head.append(f"{parent_author}: {opening[:20]}..." if len(opening) > 20
                    else f"{parent_author}: {opening}")
    return head, [f"赞 ({c[4]})" if c[4] else "赞"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_preview_of_the_comment_answered_glued_to_its_name_links_the_reply(flat):
    """"alice: Comment 3 on the an..." above a reply's text quotes the opening of alice's
    comment: a reply marker naming that comment, not the reply's text."""
    thread, comments, bodies = _read_two_long_threads(_douban_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _sme_like(c, parent_author, when):
    """SME: the name, "Overený profil" under it for verified members, "17. 8. 2015 10:45"
    (a space after each dot), "Reakcia na príspevok používateľa NAME" on replies (four words
    before the name), votes up and down, "Odpovedať", "Nahlásiť"."""
    head = [c[2]] + (["Overený profil"] if c[2] in ("bob", "erin") else [])
    head += [f"{when.day}. {when.month}. {when.year} {when.hour}:{when.minute:02d}"]
    head += [f"Reakcia na príspevok používateľa {parent_author}"] if parent_author else []
    return head, [f"👍 {c[4]} 👎 {c[4] % 5}", "Odpovedať", "Nahlásiť"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_badge_between_name_and_time_and_a_reply_marker_of_four_words(flat):
    """A verified member's badge between the name and the time is no name; "17. 8. 2015
    10:45" is a date; four fixed words before the name answered make a reply marker."""
    _assert_read_to_the_minute(_sme_like, flat)


def _assert_read_to_the_minute(layout, flat):
    """The two long threads ``layout`` renders read with every body, author and link, and
    every comment's time to the minute."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
    when = {c[0]: (START + timedelta(minutes=c[3])).isoformat()[:16] for c in thread}
    assert [str(t)[:16] for t in _column(comments, bodies, thread, Col.CREATED_AT)] == [
        when[c[0]] for c in thread]


@pytest.mark.parametrize(("line", "created_at"), [("17. 8. 2015 10:45", "2015-08-17T10:45:00"),
                                                  ("3. 9. 2015", "2015-09-03")])
def test_a_numeric_date_with_a_space_after_each_dot(line, created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at) == (TIME, created_at)


@pytest.mark.parametrize(("line", "created_at"), [
    ("17 ส.ค. 2558 15:45 น.", "2015-08-17T15:45:00"),
    ("17 สิงหาคม 2558 เวลา 13:45 น.", "2015-08-17T13:45:00"),
])
def test_a_thai_date_in_the_buddhist_era(line, created_at):
    """Thai dates count years from 543 BC: 2558 is 2015."""
    marker = classify_line(line)
    assert (marker.kind, marker.created_at) == (TIME, created_at)


_THAI_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                "ต.ค.", "พ.ย.", "ธ.ค."]


def _thairath_like(c, parent_author, when):
    """A Thai news site: the name, a verified badge for some, "9 มี.ค. 2563 19:17 น.",
    "ตอบกลับความคิดเห็นของ NAME" on replies, then one row "ถูกใจ 3 · ตอบกลับ · รายงาน"
    (like, reply, report)."""
    head = [c[2]] + (["✓ ยืนยันตัวตนแล้ว"] if c[2] == "carol" else [])
    head += [f"{when.day} {_THAI_MONTHS[when.month - 1]} {when.year + 543} {when:%H:%M} น."]
    head += [f"ตอบกลับความคิดเห็นของ {parent_author}"] if parent_author else []
    return head, [f"ถูกใจ {c[4]} · ตอบกลับ · รายงาน" if c[4] else "ถูกใจ · ตอบกลับ · รายงาน"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_thai_page_gives_every_body_author_like_time_and_link(flat):
    _assert_read_to_the_minute(_thairath_like, flat)


def _kaskus_like(c, parent_author, when):
    """Kaskus: the name, a rank, "Posts: N", "Join: MM-YYYY", the post's number, "14-10-2016
    09:24"; on replies the quote's opening on one line, "Quote:Original Posted By NAME ►";
    "Quote", "Reply" and "N cendol" under the post."""
    head = [c[2], "KASKUS Holic" if len(c[2]) < 5 else "KASKUS Maniac",
            f"Posts: {_posts_of(c[2]):,}".replace(",", "."), f"Join: 0{len(c[2])}-2010",
            f"#{c[3] // 2 + 1}", f"{when:%d-%m-%Y %H:%M}"]
    head += [Typed(f"Quote:Original Posted By {parent_author} ►")] if parent_author else []
    return head, ["Quote", "Reply", f"{c[4]} cendol"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_quotes_opening_pasted_on_one_line_with_its_arrow(flat):
    """"Quote:Original Posted By alice ►" opens the reply's text and names whom it answers."""
    thread, comments, bodies = _read_two_long_threads(_kaskus_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _tieba_like(c, parent_author, when):
    """Baidu Tieba: a floor's post under its poster's name, rank and level, "来自Android客户端 2楼
    DATE 收起回复" under it; the replies inside the floor open with "NAME: " (the thread below
    glues it to their text), "DATE 回复" under each."""
    if c[1] is None:
        return [c[2], "高级粉丝", str(len(c[2]))], [
            f"来自Android客户端 {c[3] + 2}楼 {when:%Y-%m-%d %H:%M} 收起回复"]
    return [], [f"{when:%Y-%m-%d %H:%M} 回复"]


@pytest.mark.parametrize("flat", [False, True])
def test_replies_inside_a_floor_take_their_names_from_before_a_colon(flat):
    """Where the layout names the floors' posts, the replies inside a floor that it leaves
    without a name are named by their opening "alice: "."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    # (four floors of twelve: most comments are replies inside a floor, as on Tieba)
    thread = [(f"c{k}", None if k % 12 == 0 else f"c{k - k % 12}", names[k * 5 % 8], 2 * k, 0,
               [f"Comment {k} on the annex and the vote." if k % 12 == 0
                else f"{names[k * 5 % 8]}: Comment {k} on the annex and the vote."])
              for k in range(48)]
    text, bodies = render(_tieba_like, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    # (the floor's own footer is in words no list knows, so the floor's post and its first
    # reply read as one comment, under the floor's name)
    replies = [c for c in thread if c[1] and int(c[0][1:]) % 12 > 1]
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in replies] == [c[2] for c in replies]


def _vbulletin_like(c, parent_author, when):
    """vBulletin: the date, the post's number, the name, a rank, "Join Date: Feb 2010",
    "Location: Texas" for some, "Posts: 13,052"; a signature under some posts (a line of
    underscores, then the signature); "Reply With Quote"; where the post was thanked, "The
    Following 3 Users Say Thank You to NAME For This Useful Post:" over the thankers' names."""
    head = [f"{when:%m-%d-%Y, %I:%M %p}", f"#{c[3] // 2 + 1}", c[2],
            "Senior Member" if c[2] in ("bob", "grace") else "Registered User",
            f"Join Date: {['Jan', 'Feb', 'Mar'][len(c[2]) % 3]} {2001 + _posts_of(c[2]) % 15}"]
    head += ["Location: Texas"] if c[2] in ("alice", "dave") else []
    head += [f"Posts: {_posts_of(c[2]):,}"]
    foot = ["__________________", "My feedback: 42 positive"] if c[2] == "erin" else []
    foot += ["Reply With Quote"]
    if c[4]:
        users = "User Says" if c[4] == 1 else f"{c[4]} Users Say"
        foot += [f"The Following {users} Thank You to {c[2]} For This Useful Post:",
                 ", ".join(["zed", "yan", "xia", "wes", "val", "uma", "tom", "sam", "rob"][:c[4]])]
    return head, foot


@pytest.mark.parametrize("flat", [False, True])
def test_a_forums_labelled_profile_lines_signature_and_thanks_are_no_text(flat):
    """vBulletin's labelled profile lines open no body; a signature under its rule and the
    names of those who thanked the post are furniture; the thanks are the post's likes."""
    thread, comments, bodies = _read_two_long_threads(_vbulletin_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _fark_like(c, parent_author, when):
    """Fark: "NAME DATE TIME" over the body, the votes by kind, "Quote | Reply | Report"."""
    return [f"{c[2]} {when:%Y-%m-%d %I:%M:%S %p}"], [f"Smart ({c[4]})", "Quote | Reply | Report"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_whole_line_quoted_with_its_name_stays_the_replys_text_and_links_it(flat):
    """Replies that quote the whole first line of the comment they answer, "alice: Comment 3
    on the annex and the vote." (Fark's quote button): the poster's quote, their text, which
    says whom they answer."""
    thread = [(*c[:5], [f"{_name_of(c[1])}: {_FIRST_LINES[c[1]]}", *c[5]] if c[1] else c[5])
              for c in _two_long_threads()]
    thread, comments, bodies = _read_two_long_threads(_fark_like, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _name_of(cid):
    return next(c[2] for c in _two_long_threads() if c[0] == cid)


def _toi_like(c, parent_author, when):
    """Times of India: the name, the commenter's town over the date, "Reply", then "Up Vote"
    over the votes up and "Down Vote" over the votes down, "Report"."""
    town = {"alice": "Pune", "bob": "Delhi", "carol": "Pune"}.get(c[2], "Unknown")
    return [c[2], town, f"{when:%b %d, %Y, %I:%M %p} IST"], [
        "Reply", "Up Vote", str(c[4]), "Down Vote", str(c[4] % 4), "Report"]


@pytest.mark.parametrize("flat", [False, True])
def test_votes_each_under_its_label_are_no_profile(flat):
    """"Up Vote" over "3" and "Down Vote" over "1", and a town over each date: labels over
    values, but no profile (no member's date among them): the votes up are the likes."""
    thread, comments, bodies = _read_two_long_threads(_toi_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
