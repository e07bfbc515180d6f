"""A forum's post header in one line, "Re: TITLE by NAME(m): 7:17pm On Mar 09, 2020", and its
quote of the whole post answered above the reply's own words (Nairaland's): rendered from
the threads of tests/test_layout.py and read back."""

from datetime import timedelta

import pytest

from analysis.layout import TIME, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    _assert_bodies_as_in_the_thread,
    _assert_links_as_in_the_thread,
    _read,
    _two_long_threads,
    render,
)

_TITLE = ("Flood report held back until after the vote, and what the council says it will "
          "publish next week about the annex")


def _two_line_threads():
    """The two long threads with a second line on every comment."""
    return [(*c[:5], [*c[5], f"Second line of comment {c[0]}."]) for c in _two_long_threads()]


def _ago(when):
    hours = int((START + timedelta(hours=2) - when).total_seconds() // 3600)
    return f"{hours} hours ago" if hours > 1 else "1 hour ago"


def _nairaland_like(thread, title=_TITLE, ages=False, quote_lines=None):
    """A post: "Re: TITLE by NAME(m): TIME" over the quote of the whole post answered (its
    author's name glued before its first line), the body, "N Likes". ``quote_lines``: how
    many lines of the post answered are quoted (all of them by default)."""
    by_id = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        mark = "(m)" if c[2] < "d" else "(f)" if c[2] < "g" else ""
        time = _ago(when) if ages else f"{when:%-I:%M%p}".lower() + f" On {when:%b %d, %Y}"
        head = [f"Re: {title} by {c[2]}{mark}: {time}"]
        if parent_author:
            quoted = by_id[c[1]][5][:quote_lines]
            head += [f"{parent_author}: {quoted[0]}", *quoted[1:]]
        return head, [f"{c[4]} Likes"] if c[4] else []
    return layout


def _read_nairaland(flat, **kwargs):
    thread = _two_line_threads()
    text, bodies = render(_nairaland_like(thread, **kwargs), flat=flat, thread=thread)
    return thread, _read(text).comments.set_index(Col.LINE_START), bodies


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("title", [_TITLE, "Flood report"])
def test_a_subject_line_before_the_name_and_time_is_the_author_line(flat, title):
    """"Re: TITLE by alice(m): 7:17pm On Mar 09, 2020": the same words before every name,
    however long the topic's title; the name without the gender mark glued to it, and the
    quote of the whole post answered out of the reply's text, linking it."""
    thread, comments, bodies = _read_nairaland(flat, title=title)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"{START + timedelta(minutes=c[3]):%Y-%m-%dT%H:%M:%S}" for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_a_subject_line_ending_in_an_age_is_the_author_line(flat):
    thread, comments, bodies = _read_nairaland(flat, ages=True)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ hours? ago").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_a_quote_of_the_first_line_only_stays_the_replys_text(flat):
    """Replies quoting one line of a post of two ("alice: first line" and no more): what the
    poster chose to quote, their text, which still says whom they answer."""
    thread = _two_line_threads()
    text, bodies = render(_nairaland_like(thread, quote_lines=1), flat=flat, thread=thread)
    comments = _read(text).comments
    by_start = {row[Col.LINE_START]: row for _, row in comments.iterrows()}
    for c in thread:
        start = bodies[c[0]][0] - (1 if c[1] else 0)
        assert by_start[start][Col.TEXT].endswith("\n".join(c[5]))
        assert by_start[start][Col.AUTHOR] == c[2]


def _zulip_like(thread, clock="%-I:%M %p"):
    """A chat (Zulip's): a day divider "Mar 9, 2020" where the day changes, the sender's name
    only where the sender changes, the message's clock alone; its minutes read as hours,
    so the threads span two days."""
    shown = {"day": None, "sender": None}

    def layout(c, parent_author, _):
        when = START + timedelta(hours=c[3])
        head = []
        if when.date() != shown["day"]:
            head.append(f"{when:%b %-d, %Y}")
            shown["day"], shown["sender"] = when.date(), None
        if c[2] != shown["sender"]:
            head.append(c[2])
            shown["sender"] = c[2]
        head.append(f"{when:{clock}}")
        return head, [f"👍 {c[4]}"] if c[4] else []
    return layout


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("clock", ["%-I:%M %p", "%H:%M"])
def test_a_chats_day_dividers_date_the_clocks_under_them(flat, clock):
    """"Mar 9, 2020" where the day changes, over "alice" and "7:17 PM": the divider is no
    message and no name's neighbour; each message is dated by its clock on the latest
    day above it."""
    thread = _two_long_threads()
    text, bodies = render(_zulip_like(thread, clock), flat=flat, reply_markers=False,
                          thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"{START + timedelta(hours=c[3]):%Y-%m-%dT%H:%M:%S}" for c in thread]
    named = [c for k, c in enumerate(thread) if k == 0 or c[2] != thread[k - 1][2]]
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in named] == [c[2] for c in named]


def _gerrit_like(c, parent_author, when):
    """Gerrit's comment: the name under the text above (no footer of its own), "Patch Set
    K" (one of a few numbers) over the date."""
    return [c[2], f"Patch Set {c[3] // 2 % 3 + 1}", f"{when:%b %-d, %Y %-I:%M %p}"], []


@pytest.mark.parametrize("flat", [False, True])
def test_a_numbered_line_between_name_and_time_is_no_name(flat):
    """"alice" / "Patch Set 2" / "Mar 9, 2020 7:17 PM": the same words around a number
    that changes, right above the time, are the page's, and the line above them the name,
    though it stands right under the text of the comment above."""
    thread = _two_line_threads()
    text, bodies = render(_gerrit_like, flat=flat, reply_markers=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert not comments[Col.TEXT].str.contains("Patch Set").any()


def _lihkg_like(thread):
    """LIHKG's post: "#N NAME • 9/3/2020 19:17" on one line, the whole post answered copied
    over the reply's text with no name, the likes and dislikes as bare numbers."""
    by_id = {c[0]: c for c in thread}
    number = {c[0]: k + 1 for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        head = [f"#{number[c[0]]} {c[2]} • {when.day}/{when.month}/{when.year} {when:%H:%M}"]
        if parent_author:
            head += by_id[c[1]][5]
        return head, [str(c[4]), str(c[4] % 5)]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_post_number_before_the_name_and_a_copied_post_over_the_reply(flat):
    """"#12 alice • 9/3/2020 19:17": the post's number is no part of the name; the lines of
    the post answered copied whole over the reply's own make it a reply to that post and
    are no part of its text."""
    thread = _two_line_threads()
    text, bodies = render(_lihkg_like(thread), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def test_a_line_another_comment_said_now_and_then_stays_the_comments_text():
    """A reply that opens with a line the comment above said word for word, once on the
    page: the poster's own words, no quote box, and no link of its own."""
    thread = _two_line_threads()
    echo = thread[1][5]
    thread[2] = (*thread[2][:5], [*echo, "Quite so."])
    text, bodies = render(_lihkg_like(thread), flat=False, reply_markers=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert comments.loc[bodies["c2"][0], Col.TEXT] == "\n".join([*echo, "Quite so."])


@pytest.mark.parametrize("line", ["acum 5 luni", "acum 25 de minute", "acum o oră", "acum un an",
                                  "chiar acum"])
def test_romanian_ages_are_times(line):
    """Romanian ages, "de" between a number of 20 or more and its unit."""
    marker = classify_line(line)
    assert marker.kind == TIME and marker.time_text == line and marker.created_at is None


@pytest.mark.parametrize("line", ["Nu-mi place (3)", "Nem tetszik 3", "Tidak suka (12)"])
def test_dislike_counts_in_ascii_words_are_dislikes(line):
    """A dislike count in the lexicon's words written in ASCII, its number in brackets or
    not: no text, and no like count."""
    assert classify_line(line).key == "count:dislike"


def _adevarul_like(c, parent_author, when):
    """Adevărul's comment: the name, the date, the body, the likes and dislikes in known
    words, "Răspunde", then "Raportează" (report) in words no list knows; the first comment
    under the count of comments, "Comentarii (24)"."""
    head = ["Comentarii (24)"] if c[0] == "c0" else []
    return [*head, "", c[2], f"{when:%d.%m.%Y %H:%M}"], [
        f"Îmi place ({c[4]})", f"Nu-mi place ({c[4] % 3})", "Răspunde", "Raportează"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_line_after_the_last_footer_is_no_footer_name(flat):
    """"Încarcă mai multe comentarii" (load more comments) alone after the last comment, on
    a page whose first comment stands under page text: the page's line, not a name that
    would put every comment's name in the footer of the comment above."""
    thread = _two_long_threads()
    text, bodies = render(_adevarul_like, flat=flat, reply_markers=False, thread=thread)
    comments = _read(text + "\nÎncarcă mai multe comentarii\n").comments.set_index(
        Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]


def _mediapart_like(thread):
    """Mediapart's comment: "En réponse au commentaire de PARENT le 09/03/2020 19:17" over a
    reply's name, then the name, "Abonné·e de Mediapart", the date, the body, the buttons."""
    when_of = {c[0]: START + timedelta(minutes=c[3]) for c in thread}

    def layout(c, parent_author, when):
        head = ([f"En réponse au commentaire de {parent_author} le "
                 f"{when_of[c[1]]:%d/%m/%Y %H:%M}"] if parent_author else [])
        return [*head, c[2], "Abonné·e de Mediapart", f"{when:%d/%m/%Y %H:%M}"], [
            f"Recommander ({c[4]})", "Répondre", "Signaler ce contenu"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_words_naming_the_comment_answered_and_its_date_are_no_author_line(flat):
    """"En réponse au commentaire de alice le 09/03/2020 19:17": the same words before a
    name and a date on every reply, but no colon after the name: the comment answered, not
    the reply's author (129 reads "Re: TITLE by alice: DATE" only)."""
    thread = _two_long_threads()
    text, bodies = render(_mediapart_like(thread), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
