"""Pages of the thirty-fourth session's unseen layouts: ages in the languages the lexicon lacked
("prieš 3 val.", "pre 3 sata"), Serbian's "avg", and what a reading keeps when its first names
are one button throughout."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import (
    ACTION,
    AUTHOR,
    DETAIL,
    NAME,
    REPLY_TO,
    TEXT,
    TIME,
    CommentBlock,
    Layout,
    LayoutReading,
    _tells_authors_apart,
    classify_line,
)
from analysis.schema import Col
from analysis.timeline import age_seconds
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

# (line, seconds it says): one or two per language the thirty-fourth session added, in the
# forms their news sites print (the short units with their dots, the number left out for one)
AGES_ADDED = [
    ("prieš 18 val.", 18 * 3600), ("prieš 3 valandas", 3 * 3600), ("prieš valandą", 3600),
    ("pirms 3 stundām", 3 * 3600), ("3 tundi tagasi", 3 * 3600), ("for 3 timer siden", 3 * 3600),
    ("for en time siden", 3600), ("3 minutter siden", 180), ("fa 3 hores", 3 * 3600),
    ("pred 3 hodinami", 3 * 3600), ("pred 3 urami", 3 * 3600), ("prije 2 sata", 2 * 3600),
    ("pre 3 sata", 3 * 3600), ("pre 5 min", 300), ("пре 3 сата", 3 * 3600),
    ("преди 3 часа", 3 * 3600), ("3 jam yang lalu", 3 * 3600), ("3 minit lalu", 180),
    ("3 ชั่วโมงที่แล้ว", 3 * 3600), ("3 oras ang nakalipas", 3 * 3600),
]


@pytest.mark.parametrize(("line", "seconds"), AGES_ADDED)
def test_ages_in_the_languages_added_read_as_times_and_order_comments(line, seconds):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text, marker.created_at) == (TIME, line, None)
    assert age_seconds(pd.Series([line], dtype=object)).tolist() == [seconds]


@pytest.mark.parametrize("line", ["ką tik", "pravkar", "току-що", "vakar 19:17", "juče 19:17",
                                  "i går 19:17"])
def test_just_now_and_yesterday_with_a_clock_in_the_languages_added_are_times(line):
    assert classify_line(line).kind == TIME


@pytest.mark.parametrize("line", ["pre 3 sata i posle", "for 3 timer", "Fa tres hores"])
def test_words_around_an_age_keep_a_line_text(line):
    assert classify_line(line).kind != TIME


def test_a_serbian_date_in_august_is_dated():
    assert classify_line("14. avg 2016. 01:24").created_at == "2016-08-14T01:24:00"


def _quote_box_forum(thread, heading, dated=True):
    """A forum post: name, rank, post count, date; on each reply a quote box headed
    ``heading`` (a format with {name} and {date}) over the whole post answered; then the
    body and the post's buttons (ProBoards', Forocoches' with ``dated`` False)."""
    posts = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        head = [c[2], "Junior Member" if int(c[0][1:]) % 3 else "Hero Member",
                f"Posts: {100 + int(c[0][1:]) * 7}", f"{when:%b %-d, %Y %H:%M:%S} GMT"]
        if c[1]:
            parent = posts[c[1]]
            then = START + timedelta(minutes=parent[3])
            head += [heading.format(name=parent_author, date=f"{then:%b %-d, %Y at %H:%M}"),
                     *parent[5]]
        return head, ["Quote", "Like", "Report post"]
    return layout


@pytest.mark.parametrize("heading", ["Quote from {name} on {date}", "Quote from: {name} on {date}",
                                     "Cita de {name}", "Originally Posted by {name}"])
@pytest.mark.parametrize("flat", [False, True])
def test_a_quote_box_headed_quote_from_name_links_the_reply_and_is_no_text(heading, flat):
    """The heading names the post quoted (with its date on some forums, no colon after it);
    the quoted lines under it are the page's copy of that post, not the reply's text."""
    thread = [(cid, parent, author, minute, likes, [*body, f"And more from {author}."])
              for cid, parent, author, minute, likes, body in _two_long_threads()]
    _, comments, bodies = _read_two_long_threads(_quote_box_forum(thread, heading), flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("line", ["Quote from the article on page two",
                                  "Cita de la semana pasada y otras cosas",
                                  "Quoting Einstein on relativity"])
def test_a_sentence_opening_with_quote_words_is_no_quote_heading(line):
    assert classify_line(line).kind == TEXT


@pytest.mark.parametrize(("line", "created_at", "time_text"), [
    ("Jun/17/2020 17:05", "2020-06-17T17:05:00", "Jun/17/2020 17:05"),
    ("17/Jun/2020 17:05", "2020-06-17T17:05:00", "17/Jun/2020 17:05"),
    ("Jun/17/2020 17:05, # |", "2020-06-17T17:05:00", "Jun/17/2020 17:05"),
    ("3 hours ago, # ^ |", None, "3 hours ago"),
    ("2020-03-09 19:17 ¶", "2020-03-09T19:17:00", "2020-03-09 19:17"),
])
def test_a_date_with_slashes_and_the_links_beside_a_time_read_as_the_time(line, created_at,
                                                                         time_text):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at, marker.time_text) == (TIME, created_at, time_text)


@pytest.mark.parametrize(("line", "kind"), [
    ("I said 3 hours ago #", TEXT), ("→ Reply", ACTION), ("→ alice", REPLY_TO),
    ("← Rev. 3 →", DETAIL), ("Rev 3 was better", TEXT),
])
def test_an_arrow_before_a_button_and_an_edit_counter_are_no_name(line, kind):
    assert classify_line(line).kind == kind


def _codeforces_like(c, parent_author, when):
    """A blog's comment: handle, "MMM/DD/YYYY HH:MM, # ^ |" ("^" on replies), an edit
    counter on some, the rating, then the body and "→ Reply"."""
    head = [c[2], f"{when:%b/%d/%Y %H:%M}, # {'^ ' if parent_author else ''}|"]
    if int(c[0][1:]) % 5 == 2:
        head.append(f"← Rev. {int(c[0][1:]) % 3 + 2} →")
    return head + [f"+{c[4]}" if c[4] else "0"], ["→ Reply"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_blogs_header_with_links_beside_the_time_names_and_dates_each_comment(flat):
    thread, comments, bodies = _read_two_long_threads(_codeforces_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"{START + timedelta(minutes=c[3]):%Y-%m-%dT%H:%M:00}" for c in thread]


def _at_replies(c, parent_author, when):
    """Name, date, then "@NAME" over a reply's body as the poster typed it (Die Welt's)."""
    head = [c[2], f"{when:%d.%m.%Y, %H:%M} Uhr"]
    return (head + [Typed(f"@{parent_author}")] if parent_author else head), ["Antworten",
                                                                           "Melden"]


@pytest.mark.parametrize("flat", [False, True])
def test_an_at_name_of_several_words_answers_the_author_of_that_name(flat):
    """"@Gelöschter Nutzer" answers the comment of the author so named, as "@alice" does."""
    names = {"alice": "Gelöschter Nutzer", "dave": "Jane Q Doe"}
    thread = [(cid, parent, names.get(author, author), minute, likes, body)
              for cid, parent, author, minute, likes, body in _two_long_threads()]
    _, comments, bodies = _read_two_long_threads(_at_replies, flat, thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _mail_archive(c, parent_author, when):
    """A message as a mail archive shows it (public-inbox's): its headers, the body, the links
    under it. A top-level message answers the thread's opening post, not on the page."""
    answered = c[1] or "opening-post"
    head = [f"From: {c[2]} <{c[2]}@example.org>", "To: discussion@lists.example.org",
            "Subject: Re: Flood report held back until after the vote",
            f"Date: {when:%a, %d %b %Y %H:%M:%S} +0000\t[thread overview]",
            f"Message-ID: <{c[0]}.{c[3]}@example.org> (raw)"]
    return (head + [f"In-Reply-To: <{answered}.{MINUTE_OF[answered]}@example.org>", ""],
            ["", "^ permalink raw reply\t[flat|nested] 24+ messages in thread", ""])


MINUTE_OF = {c[0]: c[3] for c in _two_long_threads()} | {"opening-post": 0}


@pytest.mark.parametrize("flat", [False, True])
def test_a_mail_archives_message_ids_link_each_reply_and_its_overview_is_no_comment(flat):
    """"In-Reply-To: <id>" answers the message whose "Message-ID: <id>" it names, whoever it
    quotes; the thread's overview under the last message is the archive's, no message."""
    thread = _two_long_threads()
    text, bodies = render(_mail_archive, flat=flat, thread=thread)
    overview = ["end of thread, other threads:[~2020-03-09 19:40 UTC | newest]",
                "Thread overview: 24+ messages (download: mbox.gz / follow: Atom feed)",
                "-- links below jump to the message on this page --",
                *(f"2020-03-09 19:{c[3]:02d} {'  ' * bool(c[1])}` {c[2]}" for c in thread)]
    comments = _read(text + "\n".join(overview) + "\n").comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"{START + timedelta(minutes=c[3]):%Y-%m-%dT%H:%M:00Z}" for c in thread]


@pytest.mark.parametrize("line", ["From: Berlin", "To: all of you who wrote in", "Date: soon"])
def test_a_header_field_without_what_a_mail_header_holds_is_no_header(line):
    assert classify_line(line).kind == TEXT


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("广东", DETAIL, None), ("IP属地：美国", DETAIL, None), ("美国人", TEXT, None),
    ("回复 alice：", REPLY_TO, "alice"), ("回复 alice：谢谢", TEXT, None),
])
def test_a_chinese_platforms_place_reply_line_and_short_date(line, kind, name):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)


PLACES = ["广东", "美国", "上海", "澳大利亚", "四川"]


def _note_comments(c, parent_author, when):
    """A note's comment (Xiaohongshu's): the name, "回复 NAME：" over a reply's text, then
    under the body its date ("03-09"), the place of the commenter's IP address, its likes
    ("赞" at none) and "回复"."""
    head = [c[2]] + ([f"回复 {parent_author}："] if parent_author else [])
    place = PLACES[sum(map(ord, c[2])) % len(PLACES)]
    return head, [f"{_day_of(c):%m-%d}", place, str(c[4]) if c[4] else "赞", "回复"]


def _day_of(c):
    """The day comment ``c`` shows: the thread runs over several days."""
    return START + timedelta(days=int(c[0][1:]) // 5)


@pytest.mark.parametrize("flat", [False, True])
def test_a_place_under_each_comment_is_no_name_and_reply_lines_link(flat):
    """The place is the commenter's detail, "03-09" a date of this year on a page that shows
    several such dates."""
    thread, comments, bodies = _read_two_long_threads(_note_comments, flat)
    assert [comments.loc[bodies[c[0]][0], Col.TIME_TEXT] for c in thread] == [
        f"{_day_of(c):%m-%d}" for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("回答者: alice", AUTHOR, "alice"), ("投稿者：bob", AUTHOR, "bob"),
    ("aliceさん", REPLY_TO, "alice"), ("皆さん", TEXT, None), ("みなさん", TEXT, None),
])
def test_a_labelled_author_and_a_name_with_its_honorific(line, kind, name):
    """"回答者: NAME" names the answer's author; "NAMEさん" alone over a reply answers NAME,
    but "皆さん" (everyone) answers no one."""
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)



def _reading_named(names):
    """A reading of one comment per name, each under its name line."""
    blocks = [CommentBlock(body=[2 * k + 2], markers=[2 * k + 1], author=name)
              for k, name in enumerate(names)]
    layout = Layout((NAME,), (), len(blocks), 1.0, frozenset())
    return LayoutReading(layout, blocks, {2 * k + 1: NAME for k in range(len(blocks))})


@pytest.mark.parametrize(("names", "apart"), [
    (["Re: Flood report", "Remove"] * 20, False),  # a subject and a button, taking turns
    (["Re: Flood report"] * 40, False),
    (["alice", "bob"] * 6, True),  # two people arguing, a dozen comments
    ([f"user{k % 13}" for k in range(40)], True),
])
def test_two_lines_taking_turns_on_a_long_page_are_no_names(names, apart):
    """Past MAX_TWO_POSTERS comments, two "names" on nearly every comment are furniture a
    first reading took for names (SMF's subject and its "Remove" button, each post cut in
    two), and the page is read again; two people may write all of a short exchange."""
    assert _tells_authors_apart(_reading_named(names)) is apart


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("78.56.xxx.xxx", DETAIL, None), ("IP: 46.251.*.*", DETAIL, None),
    ("192.168.1.10", TEXT, None), ("atsakė alice", REPLY_TO, "alice"),
    ("Antwort an alice", REPLY_TO, "alice"), ("En respuesta a bob", REPLY_TO, "bob"),
    ("Odgovor na komentar korisnika bob", REPLY_TO, "bob"),
    ("En respuesta a la pregunta de ayer sobre", TEXT, None),
])
def test_a_masked_address_and_in_reply_to_in_other_words(line, kind, name):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)


def _lithuanian_like(c, parent_author, when):
    """A news site's comment (15min.lt's): the name, "atsakė NAME" on replies, a masked
    address on two comments in three, the date; under the body its buttons and rating."""
    k = int(c[0][1:])
    head = [c[2]] + ([f"atsakė {parent_author}"] if parent_author else [])
    head += [f"{78 + k % 5}.{56 + k}.xxx.xxx"] if k % 3 else []
    return head + [f"{when:%Y-%m-%d %H:%M}"], ["Atsakyti", "Pranešti", str(c[4])]


@pytest.mark.parametrize("flat", [False, True])
def test_a_masked_address_between_name_and_date_is_no_name(flat):
    thread, comments, bodies = _read_two_long_threads(_lithuanian_like, flat)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("line", ["Antwort auf Posting von alice", "En respuesta a Jane Doe"])
def test_reply_words_before_more_words_are_left_to_the_pages_repeats(line):
    """A name of several words after the words, or longer fixed words ("Antwort auf Posting
    von", Die Presse's), are told by what the page repeats, not by these words alone."""
    assert classify_line(line).kind == TEXT
