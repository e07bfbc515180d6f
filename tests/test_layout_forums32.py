"""A forum's one-line post header whose cells the copy keeps apart by wide gaps ("alice   2020-03-09
19:17:00 +00:00   via Android   ♥ 3", V2EX's) and a Chinese forum's quote of the post answered
("引用 @alice 发表的:", Hupu's): rendered from the threads of tests/test_layout.py and read back."""

from datetime import timedelta

import pytest

from analysis.layout import ACTION, COUNT, MORE, NUMBERING, REPLY_TO, TEXT, TIME, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    Typed,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read,
    _read_two_long_threads,
    _two_long_threads,
    render,
)


def _assert_dated(comments, bodies, thread, time_format):
    """Each comment's created_at is its time in the thread, written in ``time_format``."""
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"{START + timedelta(minutes=c[3]):{time_format}}" for c in thread]


def _age_in_chinese_or_date(when, ages, date_format, now=timedelta(hours=2)):
    """``when`` as "N 小时前" (hours before START + ``now``) or in ``date_format``."""
    if ages:
        return f"{int((START + now - when).total_seconds() // 3600)} 小时前"
    return f"{when:{date_format}}"


def _v2ex_like(thread, gap="   ", ages=False):
    """A post: its floor number alone, "NAME   TIME   [via DEVICE]   [♥ N]" on one line,
    "@NAME" over a reply's body."""
    floors = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        cells = [c[2], _age_in_chinese_or_date(when, ages, "%Y-%m-%d %H:%M:%S +00:00")]
        if floors[c[0]] % 3 == 0:
            cells.append("via Android" if floors[c[0]] % 2 else "via iPhone")
        if c[4]:
            cells.append(f"♥ {c[4]}")
        head = [str(floors[c[0]]), gap.join(cells)]
        # "@NAME" right above the body is what the poster typed: the body's first line
        return (head + [Typed(f"@{parent_author}")] if parent_author else head), []
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("gap", ["   ", "\t"])
def test_a_header_of_cells_apart_by_wide_gaps_names_and_dates_each_post(flat, gap):
    """The name is the first cell, the time the second; a device cell that recurs and a
    heart's count are the header's too, and the "@NAME" under it answers, never names the
    poster (the first post has none): the body's first line, as the poster typed it."""
    thread = _two_long_threads()
    _, comments, bodies = _read_two_long_threads(_v2ex_like(thread, gap=gap), flat, thread)
    _assert_dated(comments, bodies, thread, "%Y-%m-%dT%H:%M:%SZ")
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_a_header_of_cells_with_an_age_keeps_the_age_as_text(flat):
    thread = _two_long_threads()
    text, bodies = render(_v2ex_like(thread, ages=True), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ 小时前").all()
    assert comments[Col.CREATED_AT].isna().all()
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _hupu_like(thread):
    """A post: name, date, "N楼", "引用 @NAME 发表的:" with the post answered quoted whole over
    a reply's body, "亮了(N)" (Hupu's like button with its count), "回复"."""
    by_id = {c[0]: c for c in thread}
    floors = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        head = [c[2], f"{when:%Y-%m-%d %H:%M}", f"{floors[c[0]]}楼"]
        if parent_author:
            head += [f"引用 @{parent_author} 发表的:", *by_id[c[1]][5]]
        return head, [f"亮了({c[4]})", "回复"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_quote_opened_by_the_verb_before_the_name_links_the_reply(flat):
    """"引用 @alice 发表的:" ("quoting what @alice posted") over the whole post answered: the
    reply answers alice's latest post above, and its text is its own lines; "亮了(3)" is the
    like count."""
    thread = [(*c[:5], [*c[5], f"Second line of comment {c[0]}."]) for c in _two_long_threads()]
    text, bodies = render(_hupu_like(thread), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("引用 @alice 发表的:", REPLY_TO, "alice"),
    ("引用 bob 的发言：", REPLY_TO, "bob"),
    ("引用:", TEXT, None),
    ("引用这句话我想说的是:", TEXT, None),
])
def test_chinese_quote_openings(line, kind, name):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)


@pytest.mark.parametrize(("line", "created_at", "time_text"), [
    ("১৭ আগস্ট ২০১৫, ০৮:৪৫", "2015-08-17T08:45:00", "১৭ আগস্ট ২০১৫, ০৮:৪৫"),
    ("১ মে ২০২০", "2020-05-01", "১ মে ২০২০"),
    ("৩ ঘণ্টা আগে", None, "৩ ঘণ্টা আগে"),
    ("几秒前", None, "几秒前"),
])
def test_times_in_other_digits_and_words(line, created_at, time_text):
    """Bengali dates in Bengali digits read as ASCII ones would; Bengali ages and Chinese
    "a few seconds ago" are ages, kept as the page wrote them."""
    marker = classify_line(line)
    assert (marker.kind, marker.created_at, marker.time_text) == (TIME, created_at, time_text)


def test_a_year_in_another_calendar_is_no_date():
    """"১৪২২" is a year of the Bengali calendar: no date of the Gregorian one is made of it."""
    assert classify_line("১৭ আগস্ট ১৪২২, ০৮:৪৫").created_at is None


@pytest.mark.parametrize(("line", "kind", "likes"), [
    ("亮了(53)", COUNT, 53),
    ("উত্তর দিন", ACTION, None),
    ("৫টি উত্তর", MORE, None),
])
def test_buttons_and_counts_in_more_languages(line, kind, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.likes) == (kind, likes)


def _launchpad_like(thread, ages=False):
    """A bug's comment: "alice (alice) wrote on 2020-03-09:<TAB>#N" (or "wrote 2 hours ago:"),
    a reply quoting its parent as mail does ("On ... bob <email address hidden> wrote:" and
    "> " lines), the body, and on every fourth comment the bug's change of status under it."""
    by_id = {c[0]: c for c in thread}
    numbers = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        if ages:
            hours = int((START + timedelta(hours=2) - when).total_seconds() // 3600)
            time = f"{hours} hours ago" if hours > 1 else "1 hour ago"
        else:
            time = f"on {when:%Y-%m-%d}"
        head = [f"{c[2]} ({c[2].lower()}) wrote {time}:\t#{numbers[c[0]]}"]
        if parent_author:
            parent_when = START + timedelta(minutes=by_id[c[1]][3])
            # a reply by mail quotes as the poster's mail did: the comment's text
            head += [Typed(f"On {parent_when:%a, %b %-d, %Y at %-I:%M %p} {parent_author} "
                           "<email address hidden> wrote:"),
                     *(Typed(f"> {line}") for line in by_id[c[1]][5])]
        foot = (["Changed in ubuntu:", "status: New → Triaged"]
                if numbers[c[0]] % 4 == 0 else [])
        return head, foot
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("ages", [False, True])
def test_a_name_that_wrote_on_a_date_with_the_posts_number_is_the_author_line(flat, ages):
    """"alice (alice) wrote on 2020-03-09:<TAB>#4": the author line, the login in brackets no
    part of the name; the mail quote with its address hidden names the comment answered, and
    "status: New → Triaged" is nobody's reply to anyone."""
    thread = _two_long_threads()
    _, comments, bodies = _read_two_long_threads(_launchpad_like(thread, ages=ages), flat, thread)
    if not ages:
        assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
            f"{START + timedelta(minutes=c[3]):%Y-%m-%d}" for c in thread]
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "kind"), [
    ("status: New → Triaged", TEXT),
    ("bob → alice", REPLY_TO),
    ("On Tue, Mar 17, 2020 at 4:09 AM bob <email address hidden> wrote:", REPLY_TO),
])
def test_a_fields_change_is_no_reply_between_names(line, kind):
    assert classify_line(line).kind == kind


def _phabricator_like(thread):
    """A task's comment: "alice added a comment.", "Mar 9 2020, 7:17 PM", on a reply "In
    T100#12, @bob wrote:" over the comment answered (the poster's quote, their text)."""
    by_id = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        head = [f"{c[2]} added a comment.", f"{when:%b %-d %Y, %-I:%M %p}"]
        if parent_author:
            head += [Typed(f"In T100#{by_id[c[1]][3] + 500}, @{parent_author} wrote:"),
                     *(Typed(line) for line in by_id[c[1]][5])]
        return head, []
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_that_added_a_comment_is_the_author_line(flat):
    """"alice added a comment." names the comment's author; "In T100#512, @bob wrote:" cites
    the comment answered by its reference and names bob, as a mail's "On DATE, bob wrote:"
    does."""
    thread = _two_long_threads()
    _, comments, bodies = _read_two_long_threads(_phabricator_like(thread), flat, thread)
    _assert_dated(comments, bodies, thread, "%Y-%m-%dT%H:%M:%S")
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _gamefaqs_like(thread, every_reply=False):
    """A board's post: name, "#N", "Posted 3/9/2020 7:17:00 PM", on every other reply "bob
    posted..." over the post answered (the poster's text), the body, "Quote", "Message
    Detail"; with ``every_reply``, the quote on every reply, the page's quote box."""
    by_id = {c[0]: c for c in thread}
    numbers = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        head = [c[2], f"#{numbers[c[0]]}", f"Posted {when:%-m/%-d/%Y %-I:%M:%S %p}"]
        if parent_author and every_reply:
            head += [f"{parent_author} posted...", *by_id[c[1]][5]]
        elif parent_author and numbers[c[0]] % 2:
            head += [Typed(f"{parent_author} posted..."), *(Typed(line) for line in by_id[c[1]][5])]
        return head, ["Quote", "Message Detail"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_post_that_quotes_with_posted_links_to_the_post_quoted(flat):
    """"bob posted..." (GameFAQs' quote, on some replies only) opens a quote as "bob wrote:"
    does: the reply answers bob's post it quotes."""
    thread = _two_long_threads()
    text, bodies = render(_gamefaqs_like(thread), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    ids = {cid: comments.loc[bodies[cid][0], Col.COMMENT_ID] for cid, *_ in thread}
    quoted = [c for k, c in enumerate(thread) if c[1] and (k + 1) % 2]
    assert quoted and all(comments.loc[bodies[c[0]][0], Col.PARENT_ID] == ids[c[1]]
                          for c in quoted)


def _chess_like(thread):
    """A forum's post: the name, on most posts the poster's country (some countries shown on
    many posts, others once), "#N", the day, the body, "Reply", "Quote", "Report"."""
    countries = {"alice": "United Kingdom", "bob": "Brazil", "carol": "United Kingdom",
                 "dave": "Mexico", "erin": "Brazil", "grace": "Norway"}
    numbers = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        country = [countries[c[2]]] if c[2] in countries else []
        return [c[2], *country, f"#{numbers[c[0]]}", f"{when:%b %-d, %Y}"], [
            "Reply", "Quote", "Report"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_country_under_some_names_is_a_detail_however_often_it_repeats(flat):
    """"United Kingdom" under many names and "Mexico" under one: both the poster's detail
    under the name, which heads each post. (A guard: this page read so before too; the
    Chess.com render it was made on, where the repeated country put the name into the
    footer of the post above, needs a longer page of many posters to show it.)"""
    thread = [(*c[:5], [*c[5], f"Second line of comment {c[0]}."]) for c in _two_long_threads()]
    _, comments, bodies = _read_two_long_threads(_chess_like(thread), flat, thread)


@pytest.mark.parametrize(("line", "created_at"), [
    ("09 de marzo 2020, 07:17 p. m.", "2020-03-09T19:17:00"),
    ("17 de agosto de 2015, 12:45 a. m.", "2015-08-17T00:45:00"),
    ("Mar 9, 2020 7:17 p.m.", "2020-03-09T19:17:00"),
])
def test_the_half_of_the_day_with_a_space_inside(line, created_at):
    """"p. m." (Spanish, as Latin American sites write it) is "p.m.": the clock is the
    afternoon's."""
    assert classify_line(line).created_at == created_at


@pytest.mark.parametrize(("line", "key"), [
    ("bob posted...", "author line:says"),
    ("bob posted…", "author line:says"),
    ("bob posted:", "text"),
])
def test_posted_opens_a_quote_only_with_the_ellipsis(line, key):
    """"bob posted..." is GameFAQs' quote; "bob posted:" (Something Awful's, over its quotes)
    read as a name line cost that forum's dated pages a third of their authors."""
    assert classify_line(line).key == key


def _an_ama(size=12):
    """One long post by alice, whose last line is her sign-off, and the replies of eleven
    others to it, each by its quote of her whole post."""
    names = ["bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    first = ("alice", ["Thank you all for coming, ask me anything about the annex and the vote.",
                       "PS - Team Mystic"])
    return [("c0", None, first[0], 0, 5, first[1]), *(
        (f"c{k}", "c0", names[k % len(names)], 2 * k, k % 4 * 3,
         [f"Question {k} on the annex and the vote."]) for k in range(1, size))]


@pytest.mark.parametrize("flat", [False, True])
def test_a_sign_off_every_reply_quotes_is_the_posts_text(flat):
    """alice's "PS - Team Mystic", repeated under every "alice posted..." that quotes her
    post, is the last line of her post, never a line of the page's furniture that would
    decide where posts start and end."""
    thread = _an_ama()
    layout = _gamefaqs_like(thread, every_reply=True)
    _, comments, bodies = _read_two_long_threads(layout, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _fastcomments_like(thread):
    """A widget's comment: the time, "Avatar", on every fourth comment "Unverified comment",
    the name, the body, the like count (hidden at zero), "Reply"."""
    numbers = {c[0]: k for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        badge = ["Unverified comment"] if numbers[c[0]] % 4 == 1 else []
        return [f"{when:%m/%d/%Y %-I:%M %p}", "Avatar", *badge, c[2]], [
            *([str(c[4])] if c[4] else []), "Reply"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_badge_above_some_names_is_no_name(flat):
    """"Unverified comment" between the avatar's text and the name on some comments (each
    name with it on some comments, without it on others): the name is the line under it, the
    badge is the poster's detail."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]
    thread = [(cid, parent, names[k % len(names)], *rest)
              for k, (cid, parent, _, *rest) in enumerate(_two_long_threads())]
    _, comments, bodies = _read_two_long_threads(_fastcomments_like(thread), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "key", "created_at"), [
    ("17-ago-2015, 08:45", "time", "2015-08-17T08:45:00"),
    ("17 ago 2015, 08:45", "time", "2015-08-17T08:45:00"),
    ("9 de dic de 2019 a las 19:17", "time", "2019-12-09T19:17:00"),
    ("17 set 2015", "time", "2015-09-17"),
    ("5 out 2015", "time", "2015-10-05"),
    ("Set 5", "text", None),
    ("Fecha de ingreso: ene 2014", "text", None),
    ("3 days ago 2015", "text", None),
])
def test_short_month_names_that_are_words_only_between_day_and_year(line, key, created_at):
    """"ago", "set", "out" name months (Spanish, Italian, Portuguese) only between a day and
    a four-digit year, as Forocoches dates its posts; alone they stay words."""
    marker = classify_line(line)
    assert (marker.key, marker.created_at) == (key, created_at)


def _redmine_like(thread, ages=False):
    """A tracker's note: "Quote #N" (on some notes "Quote Edit #N"), "Updated by NAME on
    DATE" (or "... N hours ago"), on replies "bob wrote in #note-N:" and the note quoted,
    then the body."""
    numbers = {c[0]: k + 1 for k, c in enumerate(thread)}
    by_id = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        buttons = "Quote Edit" if numbers[c[0]] % 3 == 0 else "Quote"
        if ages:
            hours = int((START + timedelta(hours=2) - when).total_seconds() // 3600)
            time = f"about {hours} hours ago" if hours else "less than a minute ago"
        else:
            time = f"on {when:%Y-%m-%d %H:%M}"
        head = [f"{buttons} #{numbers[c[0]]}", f"Updated by {c[2]} {time}"]
        if parent_author:
            head += [f"{parent_author} wrote in #note-{numbers[c[1]]}:",
                     *(f"> {line}" for line in by_id[c[1]][5])]
        return head, []
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("ages", [False, True])
def test_a_note_updated_by_its_author_on_every_note_names_it(flat, ages):
    """"Updated by alice on 2020-03-09 19:17" heading every note names its author and dates
    it; "Quote #3" is the note's number with its buttons, and "bob wrote in #note-2:" opens a
    quote of the note answered (Redmine's journal)."""
    thread = _two_long_threads()
    text, bodies = render(_redmine_like(thread, ages), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    starts = {c[0]: bodies[c[0]][0] - (2 if c[1] else 0) for c in thread}
    assert sorted(comments.index) == sorted(starts.values())
    assert [comments.loc[starts[c[0]], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    ids = {cid: comments.loc[starts[cid], Col.COMMENT_ID] for cid, *_ in thread}
    parents = [comments.loc[starts[c[0]], Col.PARENT_ID] for c in thread]
    assert [parent if isinstance(parent, str) else None for parent in parents] == [
        ids[c[1]] if c[1] else None for c in thread]
    if not ages:
        _assert_dated(comments, bodies={c[0]: (starts[c[0]],) for c in thread}, thread=thread,
                      time_format="%Y-%m-%dT%H:%M:%S")


@pytest.mark.parametrize(("line", "kind", "number"), [
    ("Quote #3", NUMBERING, 3), ("Quote Edit #33", NUMBERING, 33), ("I love #3", TEXT, None)])
def test_buttons_on_the_line_of_a_notes_number(line, kind, number):
    marker = classify_line(line)
    assert (marker.kind, marker.number) == (kind, number)


def _changyan_like(thread):
    """A news site's comment: the name, "来自PLACE" (each commenter's province, few for
    many), the date, the body, "回复 顶(N) 举报" (buttons and the like count apart by single
    spaces)."""
    places = ["北京", "上海", "广东", "四川", "湖北", "天津", "江苏", "浙江", "山东", "河南",
              "福建", "湖南"]

    def layout(c, parent_author, when):
        return [c[2], f"来自{places[int(c[0][1:]) % len(places)]}",
                f"{when:%Y年%-m月%-d日 %H:%M}"], [f"回复 顶({c[4]}) 举报"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_place_under_each_name_is_the_commenters_detail(flat):
    """"来自北京" under the name, before the time, is where the commenter is (twelve places
    for thirty commenters), the name the line above: read so once the row of buttons under
    each comment, which holds its like count, is read as the footer it is."""
    thread = [(cid, parent, f"reader{k:02d}", *rest)
              for k, (cid, parent, _, *rest) in enumerate(_two_long_threads(size=15))]
    _, comments, bodies = _read_two_long_threads(_changyan_like(thread), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "key", "likes"), [
    ("回复 顶(27) 举报", "actions:reply,report", 27),
    ("Reply Report", "actions:reply,report", None),
    ("reply reply reply", "text", None),
    ("Thanks Reply", "text", None),
])
def test_buttons_apart_by_single_spaces(line, key, likes):
    marker = classify_line(line)
    assert (marker.key, marker.likes) == (key, likes)


def _twikoo_like(thread, ages):
    """A blog widget's comment: "NAME DATE" (the day only) or "NAME 3 小时前" on one line, one
    space between, the like count, "回复 @NAME :" over a reply's body, then the body."""
    def layout(c, parent_author, when):
        time = _age_in_chinese_or_date(when, ages, "%Y-%m-%d", now=timedelta(hours=30))
        head = [f"{c[2]} {time}", *([str(c[4])] if c[4] else [])]
        return (head + [Typed(f"回复 @{parent_author} :")] if parent_author else head), []
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("ages", [False, True])
def test_a_name_then_a_day_or_an_age_one_space_apart_heads_each_comment(flat, ages):
    """"alice 2020-03-09" and "alice 3 小时前" on every comment, names that differ: the
    author line, with its time as shown."""
    thread = _two_long_threads()
    _, comments, bodies = _read_two_long_threads(_twikoo_like(thread, ages), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "name"), [
    ("Le 14 octobre 2016 à 03:46:58 alice a écrit :", "alice"),
    ("Le 14/10/2016 à 03:46, Jean Dupont a écrit :", "Jean Dupont"),
    ("Le 14 octobre 2016, alice a écrit :", "alice"),
    ("alice a écrit :", "alice"),
])
def test_a_quotes_date_before_the_name_is_no_part_of_it(line, name):
    """"Le DATE NAME a écrit :" (jeuxvideo.com's quotes, French mail's) opens a quote of
    NAME's post: the date before the name is the quoted post's, not the name's."""
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (REPLY_TO, name)


def _rocketchat_like(thread):
    """A chat's message: over a reply, the first line of the message it answers (the
    thread's preview); then the name, "Mar 9, 2020 7:17 PM", the body."""
    by_id = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        preview = [by_id[c[1]][5][0]] if c[1] else []
        return [*preview, c[2], f"{when:%b %-d, %Y %-I:%M %p}"], []
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_preview_of_the_message_answered_above_the_name_links_the_reply(flat):
    """The line over a reply's name that repeats the opening of an earlier message is the
    chat's preview of the message answered: no line of the message above, and the reply
    answers that message."""
    thread = [(*c[:5], [*c[5], f"And a second line to comment {c[0]}."])
              for c in _two_long_threads()]
    _, comments, bodies = _read_two_long_threads(_rocketchat_like(thread), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
