"""Pages of the thirty-fifth session's unseen layouts: a button that counts a thread's replies
("Ver 11 respuestas", "Pokaż odpowiedzi (2)"), a guest's name with a masked address, "bob,"
alone over a reply, a like button at zero without its count, and the ages and dates those
pages print."""

import pandas as pd
import pytest

from analysis.layout import AUTHOR, REPLY_TO, TIME, CommentBlock, classify_line, link_replies
from analysis.timeline import age_seconds
from tests.test_layout import (
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read_two_long_threads,
    _two_long_threads,
)


@pytest.mark.parametrize("line", ["hace instantes", "hace unos instantes", "hace un instante",
                                  "hace pocos segundos"])
def test_spanish_words_for_just_now_are_times(line):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, None)


def _replies_counted_once(c, parent_author, when):
    """Name, date, "En respuesta a NAME" on replies, then the buttons and a like count; the
    thread's first comment alone shows how many replies it has, as a page scrolled to its
    first thread only does."""
    head = [c[2], f"{when:%d/%m/%Y %H:%M}"]
    if parent_author:
        head.append(f"En respuesta a {parent_author}")
    foot = [f"Me gusta {c[4]}", "Responder", "Denunciar"]
    return head, foot + (["Ver 11 respuestas"] if c[0] == "c0" else [])


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_counter_shown_once_is_no_comment_nor_name_and_keeps_the_thread(flat):
    thread, comments, bodies = _read_two_long_threads(_replies_counted_once, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def test_lines_under_no_name_do_not_end_the_thread_a_reply_names():
    """Between a comment and its reply, lines the layout gives no name (the page's own, or a
    comment whose header was lost) start no thread the reply's "in reply to" must stay in."""
    blocks = [CommentBlock([10], author="alice"), CommentBlock([14]),
              CommentBlock([18], author="bob", reply_to="alice", reply_to_line=17)]
    links = link_replies(blocks, ["Which vote?", "Ver 3 respuestas", "The annex one."])
    assert [link.parent for link in links] == [None, None, 0]


@pytest.mark.parametrize(("line", "seconds"), [
    ("3 godz. temu", 3 * 3600), ("2 mies. temu", 2 * 30 * 86400), ("5 min. temu", 300),
    ("3 ч назад", 3 * 3600), ("5 мин назад", 300), ("2 нед назад", 14 * 86400)])
def test_short_units_of_polish_and_russian_ages_are_ages(line, seconds):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, None)
    assert age_seconds(pd.Series([line], dtype=object)).tolist() == [seconds]


@pytest.mark.parametrize(("line", "created_at"), [
    ("14/10/2016 - 01:24h", "2016-10-14T01:24:00"), ("14/10/2016 01:24 hs", "2016-10-14T01:24:00"),
    ("14-10-16 | 01:24", "2016-10-14T01:24:00")])
def test_a_clock_with_its_hours_sign_and_a_short_year_with_hyphens_are_dates(line, created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at) == (TIME, created_at)


@pytest.mark.parametrize("line", ["01:24h", "3-1-16", "14-10-16"])
def test_a_clock_or_short_date_alone_stays_text(line):
    assert classify_line(line).kind != TIME


def test_a_name_and_a_date_after_a_bar_are_an_author_line():
    marker = classify_line("alice | 14-10-16 | 01:24")
    assert (marker.kind, marker.name, marker.created_at) == (AUTHOR, "alice",
                                                              "2016-10-14T01:24:00")


def test_spanish_reply_words_before_a_name_are_a_reply_marker():
    marker = classify_line("Respuesta a alice")
    assert (marker.kind, marker.name) == (REPLY_TO, "alice")
    assert classify_line("Respuesta a la pregunta de ayer sobre el voto").kind != REPLY_TO


def _guests_thread():
    """The two long threads, where alice, carol and erin post as guests ("~alice")."""
    guests = {"alice", "carol", "erin"}
    return [(cid, parent, f"~{author}" if author in guests else author, minute, likes, body)
            for cid, parent, author, minute, likes, body in _two_long_threads()]


def _portal_with_guests(thread):
    """A Polish portal's comment: the name (a guest's with the address it posted from,
    masked), the date, then "Odpowiedz", the thumbs up and down, "Zgłoś", and under a
    comment with replies "Pokaż odpowiedzi (N)"."""
    replies = {}
    for c in thread:
        replies[c[1]] = replies.get(c[1], 0) + 1

    def layout(c, parent_author, when):
        name = f"{c[2]} (83.{c[3] + 10}.*.*)" if c[2].startswith("~") else c[2]
        more = [f"Pokaż odpowiedzi ({replies[c[0]]})"] if c[0] in replies else []
        return [name, f"{when:%-d.%m.%Y %H:%M}"], ["Odpowiedz", str(c[4]), str(c[3] % 3),
                                                   "Zgłoś", *more]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_guests_masked_address_and_buttons_that_count_replies_are_no_names(flat):
    """A guest's names differ line to line, where an age's unit does not: no learned
    furniture; "Odpowiedz" over "Zgłoś" on every comment is two buttons, not a poster;
    "Pokaż odpowiedzi (2)" over a name is a button that counts."""
    thread = _guests_thread()
    _, comments, bodies = _read_two_long_threads(_portal_with_guests(thread), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _reply_line_or_name_and_comma(c, parent_author, when):
    """Fontanka's comment: the name, the date, on a reply "ответ для NAME" or, on every
    third, "NAME," alone over the body; "Ответить" and the rating."""
    head = [c[2], f"{when.day} марта {when:%Y, %H:%M}"]
    if parent_author:
        head.append(f"{parent_author}," if int(c[0][1:]) % 3 == 0 else
                    f"ответ для {parent_author}")
    return head, ["Ответить", f"+{c[4]}"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_and_a_comma_alone_over_a_reply_answers_that_name(flat):
    thread, comments, bodies = _read_two_long_threads(_reply_line_or_name_and_comma, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _time_and_likes_under_the_body(c, parent_author, when):
    """OK.ru's comment: the name, "NAME," over a reply, the body, then the date,
    "Ответить" and "Класс! N", or "Класс!" alone where nobody liked it."""
    head = [c[2], *([f"{parent_author},"] if parent_author else [])]
    return head, [f"{when.day} мар {when:%Y %H:%M}", "Ответить",
                  f"Класс! {c[4]}" if c[4] else "Класс!"]


@pytest.mark.parametrize("flat", [False, True])
def test_names_over_a_body_with_its_time_and_a_like_button_under_it(flat):
    """The names stand where the like button ends the comment above, at zero without its
    count; the name beside a time and a button known by their form makes the layout."""
    thread, comments, bodies = _read_two_long_threads(_time_and_likes_under_the_body, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("line", ["bob 回复 alice：", "bob 回复 alice:", "bob 回复 alice"])
def test_a_reply_line_naming_both_ends_with_or_without_its_colon(line):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.author) == (REPLY_TO, "alice", "bob")


@pytest.mark.parametrize("line", ["Reply to this followup discussion", "Reply to that thread"])
def test_reply_to_what_this_or_that_shows_is_a_button(line):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == ("action", None)
