"""The seventeenth batch of page layouts (README, "Pages with comment-system furniture"): lines
read by their form, and small hand-made pages read whole, nested and flat by time."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import ACTION, AUTHOR, COUNT, MORE, TEXT, TIME, classify_line
from analysis.schema import Col
from tests.test_layout import START, THREAD, _read, render


@pytest.mark.parametrize(("line", "created_at"), [
    ("9 мар 2020 в 19:17", "2020-03-09T19:17:00"),
    ("17 авг 2015 в 08:45", "2015-08-17T08:45:00"),
    ("9 мар в 19:17", None),
])
def test_russian_short_month_names_are_dates(line, created_at):
    marker = classify_line(line)
    assert marker.kind == TIME and marker.created_at == created_at and marker.time_text == line


@pytest.mark.parametrize(("line", "time_text", "likes"), [
    ("9 мар 2020 в 19:17 Ответить", "9 мар 2020 в 19:17", None),
    ("сегодня в 19:17 Ответить", "сегодня в 19:17", None),
    ("2020-03-09 19:17  12  回复", "2020-03-09 19:17", 12),
    ("3小时前  回复", "3小时前", None),
])
def test_a_time_before_a_reply_button_in_other_languages_is_a_footer_row(line, time_text, likes):
    marker = classify_line(line)
    assert marker.kind == ACTION and marker.time_text == time_text and marker.likes == likes


@pytest.mark.parametrize(("line", "likes"), [
    ("Нравится 3", 3), ("Нравится", 0), ("⬆ 12 ⬇ 2", 12), ("↑ 3 ↓", 3), ("↑ -2 ↓", -2),
    ("↑ −2 ↓", -2), ("↑ 0 ↓", 0),
])
def test_vk_likes_and_vote_widgets_are_counts(line, likes):
    marker = classify_line(line)
    assert marker.kind == COUNT and marker.likes == likes


def test_a_replies_count_with_a_click_to_view_is_more_comments():
    assert classify_line("共3条回复, 点击查看").kind == MORE


def test_a_name_and_a_time_a_wide_gap_apart_are_an_author_line():
    marker = classify_line("alice  9 Mar, 2020 @ 7:17pm")
    assert marker.kind == AUTHOR and marker.name == "alice"
    assert marker.created_at == "2020-03-09T19:17:00"
    assert classify_line("We met  on Tuesday at the station.").kind == TEXT


# ---------------------------------------------------------------------------- pages

CREDENTIALS = {"bob": "Former Teacher", "erin": "Author has 1.2K answers and 3.4M answer views"}


def _quora(c, parent_author, when):
    """Quora-like: NAME, ["CREDENTIAL · "] an age, the body, "Upvote · 3" ("Upvote" at
    zero), Reply."""
    age = f"{40 - c[3]}m"
    cred = CREDENTIALS.get(c[2])
    return [c[2], f"{cred} · {age}" if cred else age], [
        f"Upvote · {c[4]}" if c[4] else "Upvote", "Reply"]


def _lemmy(c, parent_author, when):
    """Lemmy-like: NAME (NAME@instance for a remote account), an age, the body, both vote
    buttons with their counts, reply, the menu."""
    name = c[2] + ("@lemmy.world" if c[2] in ("bob", "dave") else "")
    return [name, f"{40 - c[3]} minutes ago"], [f"⬆ {c[4]} ⬇ 1", "reply", "⋯"]


SCORES = {"a1": 4, "b1": 0, "c1": -2, "a2": 1, "e1": 12, "d1": -7, "a3": 0, "f1": 3}


def _remark42(c, parent_author, when):
    """Remark42-like: NAME, "Mar 9, 2020, 7:17 PM", the body, Reply, [Edit], the score
    between the vote buttons (below zero too)."""
    hour = when.hour % 12 or 12
    stamp = f"Mar {when.day}, {when.year}, {hour}:{when:%M} {'AM' if when.hour < 12 else 'PM'}"
    return [c[2], stamp], ["Reply"] + (["Edit"] if c[0] == "a2" else []) + [
        f"↑ {SCORES[c[0]]} ↓"]


def _steam(c, parent_author, when):
    """Steam-like: "NAME  9 Mar, 2020 @ 7:17pm" on one line, the body, no footer."""
    hour = when.hour % 12 or 12
    return [f"{c[2]}  {when.day} Mar, {when.year} @ {hour}:{when:%M}"
            f"{'am' if when.hour < 12 else 'pm'}"], []


def _when(minutes):
    return f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M:%S}"


def _expected_likes(layout, cid, likes):
    return SCORES[cid] if layout is _remark42 else (0 if layout is _steam else likes)


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", [_quora, _lemmy, _remark42, _steam])
def test_a_page_reads_its_names_times_and_likes(layout, flat):
    text, bodies = render(layout, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, author, minutes, likes, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        shown = author + ("@lemmy.world" if layout is _lemmy and author in ("bob", "dave")
                          else "")
        assert row[Col.TEXT] == "\n".join(body) and row[Col.AUTHOR] == shown, cid
        if layout is not _steam:
            assert row[Col.LIKES] == _expected_likes(layout, cid, likes), cid
        if layout in (_remark42, _steam):
            assert row[Col.CREATED_AT] == _when(minutes), cid
        else:
            assert row[Col.TIME_TEXT].replace(" minutes ago", "m") == f"{40 - minutes}m", cid


def _opening(thread, form, every_reply):
    """``thread`` with the bodies of replies opening with ``form`` of the parent's author
    (replies to replies only, unless ``every_reply``)."""
    author = {c[0]: c[2] for c in thread}
    parent = {c[0]: c[1] for c in thread}
    out = []
    for cid, pid, name, minutes, likes, body in thread:
        if pid and (every_reply or parent[pid]):
            body = [form.format(author[pid]) + body[0], *body[1:]]
        out.append((cid, pid, name, minutes, likes, body))
    return out


def _vk(c, parent_author, when):
    """VK-like: NAME, the body, "9 мар 2020 в 19:17 Ответить" under it, "Нравится 3"."""
    return [c[2]], [f"9 мар 2020 в {when:%H:%M} Ответить",
                    f"Нравится {c[4]}" if c[4] else "Нравится"]


def _bilibili(c, parent_author, when):
    """Bilibili-like: NAME, the body, "2020-03-09 19:17  12  回复" (the count above zero)."""
    count = f"  {c[4]}" if c[4] else ""
    return [c[2]], [f"{when:%Y-%m-%d %H:%M}{count}  回复"]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize(("layout", "form", "every_reply"), [
    (_vk, "{}, ", True), (_bilibili, "回复 @{} :", False)])
def test_replies_opening_with_the_name_they_answer_link_to_it(layout, form, every_reply, flat):
    thread = _opening(THREAD, form, every_reply)
    text, bodies = render(layout, flat=flat, reply_markers=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, parent, author, minutes, likes, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body) and row[Col.AUTHOR] == author, cid
        # Bilibili shows no count at zero: the page says nothing there
        assert (0 if pd.isna(row[Col.LIKES]) else row[Col.LIKES]) == likes, cid
        assert row[Col.CREATED_AT] == _when(minutes), cid
        if parent is None:
            assert pd.isna(row[Col.PARENT_ID]), cid
        elif every_reply or cid in ("a2", "e1"):
            assert row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID], cid
