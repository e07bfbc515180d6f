"""Forum posts with their posters' profiles and signatures, news comments whose buttons are in
words no list holds, entries signed under their text, and dates in more languages: rendered
from the threads of tests/test_layout.py and read back."""

import pytest

from analysis.layout import NUMBERING, classify_line, read_time
from analysis.schema import Col
from tests.test_layout import (
    HEADLINE,
    Span,
    _assert_bodies_as_in_the_thread,
    _read,
    _read_two_long_threads,
    _two_long_threads,
    render,
)

_RANKS = {"alice": "Hero Member", "bob": "Sr. Member", "carol": "Hero Member",
          "dave": "Jr. Member", "erin": "Full Member", "frank": "Hero Member",
          "grace": "Newbie", "heidi": "Sr. Member"}
_STARS = {"Hero Member": "*****", "Sr. Member": "****", "Full Member": "***",
          "Jr. Member": "**", "Newbie": "*"}
_POSTS = {"alice": 1250, "bob": 522, "carol": 2510, "dave": 37, "erin": 961, "frank": 1700,
          "grace": 4, "heidi": 291}
_SIGNATURES = {"bob": "-- PGP key on request --", "grace": "Sent from my potato."}


def _smf_like(c, parent_author, when):
    """Simple Machines Forum: the poster's profile (name, rank, stars, "Posts: 1,250"), the
    topic's subject, "« Reply #N on: DATE »", the post's buttons; under the body "Report to
    moderator Logged" and, for some posters, their signature on every post."""
    rank = _RANKS[c[2]]
    head = [c[2], rank, _STARS[rank], f"Posts: {_POSTS[c[2]]:,}", "Re: The annex vote",
            f"« Reply #{int(c[0][1:]) + 1} on: {when:%B %d, %Y, %I:%M:%S %p} »",
            "Quote", "Modify", "Remove"]
    foot = ["Report to moderator   Logged"]
    foot += [_SIGNATURES[c[2]]] if c[2] in _SIGNATURES else []
    return head, foot


@pytest.mark.parametrize("flat", [False, True])
def test_a_forums_post_header_profile_and_signature_are_no_comment_text(flat):
    """The date inside the same words on every post ("« Reply #3 on: March 09, 2020,
    07:17:00 PM »") is the post's time; the name, rank, stars and post count above it the
    poster's profile ("Posts: 1,250" among "Posts: 522" one line of the page's); a line a
    poster shows under each of their posts their signature: no comment of its own."""
    thread, comments, bodies = _read_two_long_threads(_smf_like, flat)
    assert len(comments) == len(thread)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    when = {c[0]: c[3] for c in thread}
    first = min(when.values())
    times = [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread]
    assert times == [f"2020-03-09T{19 + (17 + m) // 60:02d}:{(17 + m) % 60:02d}:00"
                     for m in (when[c[0]] - first + when[thread[0][0]] for c in thread)]


def _estonian_buttons(c, parent_author, when):
    """A news site in Estonian: the name, the date, "Vastus kasutajale NAME" on replies; under
    the body the thumbs, then "Vasta" (reply) and "Kaebus" (report), words no list holds."""
    head = [c[2], f"{when:%d.%m.%Y %H:%M}"]
    head += [f"Vastus kasutajale {parent_author}"] if parent_author else []
    return head, [f"👍 {c[4]}   👎 {c[4] % 3}", "Vasta", "Kaebus"]


def _with_page_lines(text, bodies, above, below=()):
    """The page ``text`` with the page's own lines ``above`` its first comment and ``below``
    its last one, and the bodies' spans moved down with them."""
    lines = text.rstrip("\n").split("\n")
    at = len(HEADLINE)
    lines = lines[:at] + list(above) + lines[at:] + list(below)
    shift = len(above)
    return "\n".join(lines) + "\n", {
        cid: Span(span[0] + shift, span[1] + shift, span.text) for cid, span in bodies.items()}


def _read_with_page_lines(layout, flat, above, below=()):
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(layout, flat=flat, thread=thread), above, below)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    return thread, comments, bodies


@pytest.mark.parametrize("flat", [False, True])
def test_buttons_under_the_count_are_no_name_slot_where_names_stand_above_the_date(flat):
    """"Vasta" under every comment's count is read first as a name slot (a line beside a
    marker on every comment, the page's heading above the first count-less comment); the
    page's repeats make it a button, and the names are the lines above the dates."""
    thread, comments, bodies = _read_with_page_lines(
        _estonian_buttons, flat, ["KOMMENTAARID (24)", "Uuemad   Vanemad   Populaarsemad", ""])
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _signed_under_the_text(c, parent_author, when):
    """Ekşi Sözlük: the entry's text first; under it its favourites (on half of them), the
    author's name and the date."""
    return [], ([str(c[4])] if c[4] >= 6 else []) + [c[2], f"{when:%d.%m.%Y %H:%M}"]


def test_names_signed_under_the_text_over_the_date_are_the_authors():
    """The name stands alone under the favourites on some entries and right under the text
    on the others: one slot, above the date."""
    thread = _two_long_threads()
    text, bodies = render(_signed_under_the_text, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]


def test_names_signed_under_the_text_cut_the_entries_under_page_text_too():
    """With the page's own lines after the last entry ("1 / 1", "başlığa yaz"), which side
    of the text the name and date stand on is not known from the page's ends, and the names
    go to the entry under them (a limit, in the README); each entry's text is still its own
    and no name or date is read as text."""
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(_signed_under_the_text, flat=False, thread=thread),
                                    ["takip et", "başlıkta ara", ""], ["", "1 / 1", "başlığa yaz"])
    comments = _read(text).comments.set_index(Col.LINE_START)
    # (the first entry's text is read with the page's lines above it)
    assert [comments.loc[bodies[c[0]][0], Col.TEXT] for c in thread[1:]] == [
        "\n".join(c[5]) for c in thread[1:]]
    names = {c[2] for c in thread}
    assert not any(line in names or read_time(line)[0]
                   for line in "\n".join(comments[Col.TEXT]).split("\n"))


def _discuz_like(c, parent_author, when):
    """Discuz!: the poster's name, "发表于 DATE | 只看该作者" (posted at ...| this author only),
    the floor ("5#"); under the body the buttons."""
    floor = int(c[0][1:]) + 2
    return [c[2], f"发表于 {when.year}-{when.month}-{when.day} {when:%H:%M} | 只看该作者",
            f"{floor}#"], ["回复 引用", "使用道具 举报"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_date_in_a_learned_row_is_the_comments_time(flat):
    """A line of fixed words around a date, learned from the page's repeats, is the time as
    shown, and the date in it is when the comment was posted."""
    thread, comments, bodies = _read_two_long_threads(_discuz_like, flat)
    first = thread[0][3]
    assert [comments.loc[bodies[c[0]][0], Col.CREATED_AT] for c in thread] == [
        f"2020-03-09T{19 + (17 + c[3] - first) // 60:02d}:{(17 + c[3] - first) % 60:02d}:00"
        for c in thread]


@pytest.mark.parametrize(("line", "created_at"), [
    ("09 Mart 2020 19:17", "2020-03-09T19:17:00"),
    ("9. maaliskuuta 2020 klo 19.17", "2020-03-09T19:17:00"),
    ("9 martie 2020, 19:17", "2020-03-09T19:17:00"),
    ("9. ožujka 2020. u 19:17", "2020-03-09T19:17:00"),
    ("09.03.2020. u 19:17", "2020-03-09T19:17:00"),
    ("09.03.2020. 19:17", "2020-03-09T19:17:00"),
    ("9 de març de 2020 a les 19:17", "2020-03-09T19:17:00"),
    ("9 de marzo de 2020 a las 19:17", "2020-03-09T19:17:00"),
    ("9. marca 2020 o 19:17", "2020-03-09T19:17:00"),
    ("9. marec 2020 ob 19:17", "2020-03-09T19:17:00"),
    ("9 mars 2020 kl 19:17", "2020-03-09T19:17:00"),
    ("9 mars 2020, 19:17 Uhr kl", None),
])
def test_dates_in_more_languages(line, created_at):
    """Month names of more languages (CLDR's), "u", "ob", "o", "a las" between the date and
    its clock, and a year ended with a dot (Serbian, Croatian), and the Nordic "kl" (see
    analysis/layout.py's _AT): between the date and its clock, never after them."""
    assert read_time(line, True) == (created_at is not None, created_at)


@pytest.mark.parametrize(("line", "number"), [("5#", 5), ("12楼", 12), ("沙发", 2), ("板凳", 3)])
def test_a_chinese_forums_floor_is_the_posts_number(line, number):
    marker = classify_line(line)
    assert (marker.kind, marker.number) == (NUMBERING, number)

