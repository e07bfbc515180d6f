"""A forum's post times in the words it writes around every one ("发表于 12 小时前 |
只看该作者", "发表于 昨天 16:19 | 只看该作者", "发表于 2020-3-9 19:17 | 只看该作者"), its quotes
of the post answered with an age, and a profile label shown twice on every post: rendered
from the threads of tests/test_layout.py and read back."""

from collections import Counter
from datetime import timedelta

import pytest

from analysis.layout import MORE, REPLY_TO, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    _assert_links_as_in_the_thread,
    _read,
    _read_two_long_threads,
    _two_long_threads,
    render,
)
from tests.test_layout_forums29 import _FLOORS, _POSTS

_NOW = START + timedelta(hours=47)


def _posted(minutes):
    """When a post of the test threads was made, its minutes read as hours: the threads then
    span two days, so Discuz! shows some posts' ages and other posts' dates."""
    return START + timedelta(hours=minutes)


def _discuz_age(when, now=_NOW):
    """As Discuz! shows a post's time: minutes ago, "半小时前" (half an hour ago), hours ago
    the same day, "昨天" and the clock the day before, the date before that."""
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 30:
        return f"{minutes} 分钟前" if minutes else "刚刚"
    if minutes < 60:
        return "半小时前"
    if when.date() == now.date():
        return f"{minutes // 60} 小时前"
    if when.date() == (now - timedelta(days=1)).date():
        return f"昨天 {when:%H:%M}"
    return f"{when:%Y-%-m-%-d %H:%M}"


def _discuz_with_ages(thread, label_twice=False, now=_NOW):
    """Discuz!'s post (tests/test_layout_forums29.py) with its times as ages where the post
    is recent: the post's own under the profile, the quoted post's over its words; with
    ``label_twice``, the points' label shown twice in the profile, as Discuz! does."""
    by_id = {c[0]: c for c in thread}
    floor = {c[0]: k for k, c in enumerate(thread)}

    def layout(c, parent_author, _):
        posts = _POSTS[c[2]]
        head = [c[2], "", str(posts // 10), "主题", str(posts), "帖子", str(posts * 2), "积分"]
        if label_twice:
            head += ["", "积分", str(posts * 2)]
        head += ["发消息", "", f"发表于 {_discuz_age(_posted(c[3]), now)} | 只看该作者",
                 _FLOORS[floor[c[0]]] if floor[c[0]] < 3 else f"{floor[c[0]] + 2}#"]
        if parent_author:
            parent = by_id[c[1]]
            head += [f"{parent_author} 发表于 {_discuz_age(_posted(parent[3]), now)}", parent[5][0]]
        return head, ["", "回复 引用", f"支持 ({c[4]}) 反对 (0)", "使用道具 举报", ""]
    return layout


def _read_discuz(flat, label_twice, now=_NOW):
    thread = _two_long_threads()
    text, bodies = render(_discuz_with_ages(thread, label_twice, now), flat=flat, thread=thread)
    return thread, _read(text).comments.set_index(Col.LINE_START), bodies


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("label_twice", [False, True])
def test_a_posts_time_in_fixed_words_is_one_marker_whatever_the_times_form(flat, label_twice):
    """"发表于 12 小时前 | 只看该作者", "发表于 昨天 16:19 | 只看该作者" and "发表于 2020-3-9 19:17
    | 只看该作者" on one page: the same words around a time of three forms, none of them on
    enough posts alone. Each post is found with its author, its time as shown and its
    text, and the quote "alice 发表于 3 小时前" over alice's words makes it a reply to her."""
    thread, comments, bodies = _read_discuz(flat, label_twice)
    forms = [_discuz_age(_posted(c[3])) for c in thread]
    for form in ("小时前", "昨天", "2020-"):  # the page mixes the three forms
        assert 0 < sum(form in shown for shown in forms) < len(forms)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, author, minutes, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.AUTHOR] == author
        assert row[Col.TEXT] == "\n".join(body)
        assert row[Col.TIME_TEXT] == _discuz_age(_posted(minutes))
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_a_label_shown_twice_a_post_does_not_set_the_bar_for_the_posts_time(flat):
    """With "积分" twice in every profile and the newest post's time in a form no list here
    reads ("半小时前"), the time's words still stand on every other post, as the label
    stands on every post: every post but that one is found with its author and time."""
    now = _NOW - timedelta(minutes=30)
    thread, comments, bodies = _read_discuz(flat, label_twice=True, now=now)
    shown = {c[0]: _discuz_age(_posted(c[3]), now) for c in thread}
    assert list(shown.values()).count("半小时前") == 1
    for cid, _, author, _, _, body in thread:
        if shown[cid] != "半小时前":
            row = comments.loc[bodies[cid][0]]
            assert (row[Col.AUTHOR], row[Col.TEXT], row[Col.TIME_TEXT]) == (
                author, "\n".join(body), shown[cid])


def _answers_and_comments(c, parent_author, when):
    """A Q&A site: the name, then the time, "Answered Mar 9, 2020, 7:17 PM" on an answer and
    the date alone on a comment under it; the vote buttons under the body."""
    shown = f"{when:%b %-d, %Y, %-I:%M %p}"
    return [c[2], shown if parent_author else f"Answered {shown}"], ["Helpful? Yes No", ""]


@pytest.mark.parametrize("flat", [False, True])
def test_a_label_before_a_date_with_commas_is_no_name(flat):
    """"Answered Mar 9, 2020, 7:17 PM": a word and a date written with commas is the time
    of an answer, not a poster named "Answered Mar 9" at a place named "2020"."""
    thread, comments, bodies = _read_every_comment(_answers_and_comments, flat)
    for cid, _, author, minutes, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (author, "\n".join(body))
        assert row[Col.CREATED_AT] == _posted_at(minutes)


def _read_every_comment(layout, flat):
    """The two long threads rendered by ``layout`` and read, once every comment is found
    where its body starts."""
    thread = _two_long_threads()
    text, bodies = render(layout, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    return thread, comments, bodies


def _posted_at(minutes):
    return f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M}:00"


def _ticket_like(thread, ages=False):
    """A bug tracker's ticket (Trac): each comment's number, with the number it answers,
    then "Changed on DATE by NAME" (or an age), the buttons, the body."""
    number = {c[0]: k + 1 for k, c in enumerate(thread)}
    last = START + timedelta(minutes=max(c[3] for c in thread) + 5)

    def layout(c, parent_author, when):
        cited = f" in reply to: ↑ {number[c[1]]}" if c[1] else ""
        shown = (f"{int((last - when).total_seconds() // 60)} minutes ago" if ages
                 else f"on {when:%b %-d, %Y, %-I:%M:%S %p}")
        return [f"comment:{number[c[0]]}{cited}", f"Changed {shown} by {c[2]}", "Reply Edit"], []
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("ages", [False, True])
def test_a_tickets_comment_number_and_changed_by_line_are_its_header(flat, ages):
    """"comment:7 in reply to: ↑ 3" opens the comment (its number, not the words of the one
    above) and "Changed on Mar 9, 2020, 7:17:00 PM by alice" names its author and time."""
    thread, comments, bodies = _read_every_comment(_ticket_like(_two_long_threads(), ages), flat)
    for cid, _, author, minutes, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (author, "\n".join(body))
        if not ages:
            assert row[Col.CREATED_AT] == _posted_at(minutes)
        else:
            assert row[Col.TIME_TEXT].endswith(" minutes ago")
    # "in reply to: ↑ 3" answers the comment numbered 3, in the page's order or by time
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


_NORDIC_MONTHS = {"sv": "mars", "is": "mars", "da": "marts", "nb": "mars"}
_NORDIC_WORDS = {"sv": ("Svara", "Anmäl"), "is": ("Svara", "Tilkynna"),
                 "da": ("Svar", "Rapporter"), "nb": ("Svar", "Rapporter")}


@pytest.mark.parametrize("language", sorted(_NORDIC_MONTHS))
def test_a_nordic_date_with_kl_before_its_clock_is_the_comments_time(language):
    """"9 mars 2020 kl. 19:17" (Swedish), "9. marts 2020 kl. 19.17" (Danish): "kl." (klockan,
    klokka) stands between the date and the clock, as "at" does in English."""
    month, (reply, report) = _NORDIC_MONTHS[language], _NORDIC_WORDS[language]
    day = "%-d." if language != "sv" else "%-d"
    clock = "%H:%M" if language in ("sv", "is") else "%H.%M"

    def layout(c, parent_author, when):
        return [c[2], f"{when:{day}} {month} {when:%Y} kl. {when:{clock}}"], [reply, report]
    thread, comments, bodies = _read_every_comment(layout, flat=False)
    for cid, _, author, minutes, _, _ in thread:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.CREATED_AT]) == (author, _posted_at(minutes))


@pytest.mark.parametrize(("line", "created_at"), [
    ("1. ágúst 2015 kl. 12:41", "2015-08-01T12:41:00"),
    ("17. júní 2020 kl. 17:05", "2020-06-17T17:05:00"),
    ("3. nóvember 2019 kl. 09:15", "2019-11-03T09:15:00"),
    ("29 augusti 2017 kl. 03:24", "2017-08-29T03:24:00"),
    ("9. marts 2020 kl. 19.17", "2020-03-09T19:17:00"),
])
def test_nordic_dates_read_by_their_form_in_every_month(line, created_at):
    """Icelandic months no other language names alike are known, so a page's Icelandic dates
    are all read by their form ("1. september 2015 kl. 12:41" among "1. ágúst ...")."""
    assert classify_line(line).created_at == created_at


def _japanese_news_like(thread):
    """A Japanese news site's comments: the name, "2020/3/9 19:17", "返信先：aliceさん" (the
    name answered, with the polite "さん" glued to it) over a reply's body, the like count
    and the buttons under it, and under a thread's first comment "返信12件を閉じる" (hide
    the thread's 12 replies)."""
    parent = {c[0]: c[1] for c in thread}

    def first(cid):
        return first(parent[cid]) if parent[cid] else cid
    replies = Counter(first(c[0]) for c in thread if c[1])

    def layout(c, parent_author, when):
        head = [c[2], f"{when:%Y/%-m/%-d %H:%M}"]
        head += [f"返信先：{parent_author}さん"] if parent_author else []
        foot = [f"いいね！ {c[4]}", "返信", "通報"]
        return head, foot + ([f"返信{replies[c[0]]}件を閉じる"] if replies[c[0]] else [])
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_marker_glued_to_the_name_with_an_honorific_and_a_toggle(flat):
    """"返信先：aliceさん" answers alice (the colon ends the fixed words, "さん" is no part of
    her name), and "返信12件を閉じる" is the page's, not a name or a comment."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(_japanese_news_like(thread), flat,
                                                       thread)
    assert len(comments) == len(thread)
    for cid, _, _, _, _, body in thread:
        assert comments.loc[bodies[cid][0], Col.TEXT] == "\n".join(body)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("line", ["返信5件を閉じる", "返信12件を表示", "3件の返信", "查看3条回复",
                                  "展开全部12条回复", "收起回复", "답글 3개 보기",
                                  "답글 숨기기"])
def test_a_threads_replies_shown_or_hidden_are_a_more_line(line):
    assert classify_line(line).kind == MORE


@pytest.mark.parametrize(("line", "answers"), [
    ("顶[56]  踩[8]  回复  分享  举报", None),  # NetEase's buttons, "回复" (reply) among them
    ("bob 回复 alice", "alice"),
    ("bob replied to alice", "alice"),
])
def test_a_row_of_buttons_with_reply_among_them_names_nobody(line, answers):
    marker = classify_line(line)
    assert (marker.name if marker.kind == REPLY_TO else None) == answers
