"""A forum's quote of the post answered in its header ("alice 发表于 DATE" over the words
quoted), and a blog widget's "@alice ," over a reply: rendered from the threads of
tests/test_layout.py and read back."""

from datetime import timedelta

import pandas as pd
import pytest

from analysis.layout import _count_word, classify_line
from analysis.schema import Col
from tests.test_layout import (
    START,
    _assert_links_as_in_the_thread,
    _read,
    _read_two_long_threads,
    _two_long_threads,
    render,
)
from tests.test_layout_forums28 import _with_page_lines

_POSTS = {"alice": 1250, "bob": 522, "carol": 2510, "dave": 37, "erin": 961, "frank": 1700,
          "grace": 4, "heidi": 291}
_FLOORS = ["沙发", "板凳", "地板"]


def _discuz_like(thread):
    """Discuz!: the poster's profile (name, counts over their labels, "发消息"), the post's
    time "发表于 DATE | 只看该作者" and floor; on a reply the quote of the post answered, its
    poster and time over its words; under the body the buttons and the votes."""
    by_id = {c[0]: c for c in thread}
    floor = {c[0]: k for k, c in enumerate(thread)}

    def layout(c, parent_author, when):
        posts = _POSTS[c[2]]
        head = [c[2], "", str(posts // 10), "主题", str(posts), "帖子", str(posts * 2), "积分",
                "", f"发表于 {when:%Y-%-m-%-d %H:%M} | 只看该作者",
                _FLOORS[floor[c[0]]] if floor[c[0]] < 3 else f"{floor[c[0]] + 2}#"]
        if parent_author:
            parent = by_id[c[1]]
            head += [f"{parent_author} 发表于 "
                     f"{START + timedelta(minutes=parent[3]):%Y-%-m-%-d %H:%M}", parent[5][0]]
        return head, ["", "回复 引用", f"支持 ({c[4]}) 反对 (0)", "使用道具 举报", ""]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_quote_of_the_post_answered_is_a_reply_marker_not_the_posts_author_or_text(flat):
    """"alice 发表于 2020-3-9 19:17" over alice's words, under the post's own time, quotes
    the post answered: its name and time are not the poster's, its words not the reply's,
    and the reply answers alice's post."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(_discuz_like(thread), flat, thread)
    assert len(comments) == len(thread)
    for cid, _, _, minutes, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body)
        assert row[Col.CREATED_AT] == f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M}:00"
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


_USER_AGENTS = {"alice": ("Firefox 74.0", "Linux"), "bob": ("Chrome 80.0.3987.149", "Windows 10"),
                "carol": ("Safari 13.0.5", "iOS 13.3.1"),
                "dave": ("Chrome 80.0.3987.149", "Mac OS 10.15.3"),
                "erin": ("Firefox 74.0", "Windows 10"), "frank": ("Edge 80.0.361.66", "Windows 10"),
                "grace": ("Chrome Mobile 80.0.3987.132", "Android 10"),
                "heidi": ("Safari 13.0.5", "Mac OS 10.15.3")}


_LEVELS = {"bob": "话痨", "erin": "吐槽", "heidi": "话痨"}


def _waline_like(c, parent_author, when):
    """Waline: the name, a level badge under some names, the day, a like count where there
    are likes, the browser and the system the comment was sent from, "@alice ," over a reply;
    no footer."""
    head = [c[2]] + ([_LEVELS[c[2]]] if c[2] in _LEVELS else [])
    head += [f"{when:%Y-%m-%d}"] + ([str(c[4])] if c[4] else [])
    head += list(_USER_AGENTS[c[2]])
    return head + ([f"@{parent_author} ,"] if parent_author else []), []


@pytest.mark.parametrize("flat", [False, True])
def test_the_browser_and_system_under_a_name_are_no_name_and_no_text(flat):
    """The browser and system lines recur word for word, fewer of them than the names, and
    stand one under the other between the day and the text: details of the header. The names
    above the days are the authors, as the "@alice ," lines over replies name them; a level
    badge between a name and its day ("话痨"), which no reply names, is not."""
    thread = _two_long_threads()
    text, bodies = render(_waline_like, flat=flat, thread=thread)
    comments = _read(text).comments
    assert len(comments) == len(thread)
    assert list(comments[Col.AUTHOR]) == [c[2] for c in (
        sorted(thread, key=lambda c: bodies[c[0]][0]))]
    author = {c[0]: c[2] for c in thread}
    by_start = comments.set_index(Col.LINE_END)
    for cid, parent, *_, body in thread:
        row = by_start.loc[bodies[cid][1]]
        # the "@alice ," over a reply is its poster's, as the page shows the reply
        assert row[Col.TEXT] in ("\n".join(body), f"@{author.get(parent)} ,\n" + "\n".join(body))
        assert row[Col.CREATED_AT] == str(START.date())


def _wiki_signed(c, parent_author, when):
    """A wiki's talk page: each post signed under its text, "— alice (talk) 19:17, 9 March 2020
    (UTC)", with the reply tool's link glued to the bracket on some ("(UTC)Reply")."""
    signature = f"— {c[2]} (talk) {when:%H:%M, %-d %B %Y} (UTC)"
    return [], [signature + ("Reply" if int(c[0][1:]) % 2 else "")]


def _wiki_with_summaries(c, parent_author, when):
    """A talk page with its reply tool's thread summaries: over each thread its heading,
    "Latest comment: 5 minutes ago by alice", the number of comments and of people."""
    head = [f"Topic {c[0][1:]}: the annex", "Latest comment: 5 minutes ago by heidi",
            "12 comments", "6 people in discussion"] if c[1] is None else []
    return head, _wiki_signed(c, parent_author, when)[1]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", [_wiki_signed, _wiki_with_summaries])
def test_a_wiki_signature_under_the_text_names_and_dates_the_post_above_it(flat, layout):
    """The signature is the post's author line, read under its text: no post of its own, its
    time in UTC as the bracket says. A thread's heading over its summary is no post either."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    assert len(comments) == len(thread)
    for cid, _, _, minutes, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body)
        assert row[Col.CREATED_AT] == f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M}:00Z"


def _assert_replies_answer_their_parents_authors(comments, bodies, thread, at):
    """Each reply answers a comment by its parent's author; the others answer no one.
    ``comments`` are indexed by each body's first line (``at`` 0) or last (``at`` 1)."""
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    for cid, parent, *_ in thread:
        row = comments.loc[bodies[cid][at]]
        if parent is None:
            assert pd.isna(row[Col.PARENT_ID])
        else:
            assert by_id.loc[row[Col.PARENT_ID], Col.AUTHOR] == author[parent]


def _assert_read_whole_and_linked(layout_for, flat):
    """The two long threads rendered by ``layout_for(thread)`` read back with every comment,
    its text its body alone, and every reply linked to its parent."""
    thread = _two_long_threads()
    thread, comments, bodies = _read_two_long_threads(layout_for(thread), flat, thread)
    assert len(comments) == len(thread)
    for cid, *_, body in thread:
        assert comments.loc[bodies[cid][0], Col.TEXT] == "\n".join(body)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


_PLACES = ["江苏南京", "上海", "天津", "陕西西安", "湖北武汉", "山东济南", "广东广州", "北京"]


def _sina_like(c, parent_author, when):
    """A Chinese news site's comments: "江苏南京网友 alice" (a netizen of the place the
    comment came from, then the name), "回复 @bob:" over a reply, the body, then the day and
    time, "回复" and the likes."""
    place = _PLACES[int(c[0][1:]) * 3 % len(_PLACES)]
    head = [f"{place}网友 {c[2]}"] + ([f"回复 @{parent_author}:"] if parent_author else [])
    return head, [f"{when.month}月{when.day}日 {when:%H:%M}", "回复", f"赞 {c[4]}"]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("above", [[], ["网友评论", "已有24条评论", "最热评论"]])
def test_the_place_before_a_name_is_not_the_name(flat, above):
    """Every name line opens with a place and the same word after it ("网友"): the name is
    what follows, and the "回复 @alice:" lines find alice among the authors. The page's own
    lines above the first comment ("网友评论", comments by netizens) are not its name."""
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(_sina_like, flat=flat, thread=thread), above)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    # "回复 @alice:" names a person, who may have commented several times
    _assert_replies_answer_their_parents_authors(comments, bodies, thread, at=0)


def _google_groups_like(thread):
    """Google Groups: the name, "unread,", the date with seconds, "to" the group; on a reply
    the mail's attribution and the message answered quoted line by line ("> "); under the
    body "Reply all", "Reply to author" (a button, though it reads as "in reply to author")
    and "Forward"."""
    by_id = {c[0]: c for c in thread}

    def layout(c, parent_author, when):
        head = [c[2], "unread,", f"{when:%b %-d, %Y, %-I:%M:%S %p}", "to Annex Watch"]
        if parent_author:
            parent = by_id[c[1]]
            sent = START + timedelta(minutes=parent[3])
            head += [f"On {sent:%a, %b %-d, %Y at %-I:%M %p} {parent_author} "
                     f"<{parent_author[:3]}...@gmail.com> wrote:"]
            head += [f"> {line}" for line in parent[5]]
        return head, ["Reply all", "Reply to author", "Forward"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_mails_attribution_names_the_message_answered_and_reply_to_author_is_a_button(flat):
    """"On Mon, Mar 9, 2020 at 7:17 PM alice <ali...@gmail.com> wrote:" answers alice's
    message; "Reply to author" under every message names no one on the page: a button, not
    a link to someone called "author"; quoted lines that several replies repeat ("> ...")
    are what those replies quote, no furniture."""
    thread = _two_long_threads()
    text, bodies = render(_google_groups_like(thread), flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_END)
    assert len(comments) == len(thread)
    for cid, _, name, minutes, _, body in thread:
        row = comments.loc[bodies[cid][1]]
        assert row[Col.AUTHOR] == name and row[Col.TEXT].endswith("\n".join(body))
        assert row[Col.CREATED_AT] == f"{START + timedelta(minutes=minutes):%Y-%m-%dT%H:%M}:00"
    _assert_replies_answer_their_parents_authors(comments, bodies, thread, at=1)


def _meneame_like(thread):
    """Menéame: each comment's number in the order of time ("#12"), the name, the date; on a
    reply the number of the comment answered ("#7") over the text; under it the votes and the
    karma, in words no list holds."""
    number = {c[0]: k + 12 for k, c in enumerate(sorted(thread, key=lambda c: c[3]))}

    def layout(c, parent_author, when):
        head = [f"#{number[c[0]]}", c[2], f"{when:%d/%m/%Y %H:%M}"]
        head += [f"#{number[c[1]]}"] if c[1] else []
        return head, [f"votos: {c[4]}, karma: {c[4] * 7 % 50}"]
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_second_post_number_in_the_header_cites_the_post_answered(flat):
    """Where every comment opens with a number of its own, a second "#N" in a header cites
    comment N; the votes line under every text, in words no list knows, is no text."""
    _assert_read_whole_and_linked(_meneame_like, flat)


_RANKS = {"alice": "论坛元老", "bob": "论坛元老", "carol": "论坛元老", "dave": "金牌会员",
          "erin": "论坛元老", "frank": "论坛元老", "grace": "论坛元老", "heidi": "论坛元老"}


def _discuz_with_ranks(thread):
    """Discuz! as it shows a poster's profile in full: each count over its label, the rank
    between the two "积分" lines, then "发消息"."""
    plain = _discuz_like(thread)

    def layout(c, parent_author, when):
        head, foot = plain(c, parent_author, when)
        posts = _POSTS[c[2]]
        profile = [c[2], "", str(posts // 10), "主题", "\t", str(posts), "帖子", "\t",
                   str(posts * 2), "积分", _RANKS[c[2]], "", "积分", str(posts * 2), "发消息", ""]
        return profile + head[head.index("积分") + 2:], foot
    return layout


@pytest.mark.parametrize("flat", [False, True])
def test_a_rank_between_a_profiles_labels_is_no_comment(flat):
    """"金牌会员" between the "积分" lines, a few ranks over all posts: a detail of the
    profile, so each post is read whole, its name the profile's first line."""
    _assert_read_whole_and_linked(_discuz_with_ranks, flat)


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("On Wed, Jun 17, 2020 at 11:02 PM alice <ali...@gmail.com> wrote:", "in reply to", "alice"),
    ("On 17/06/2020 23:02, Mary Jane Smith wrote:", "in reply to", "Mary Jane Smith"),
    ("On the other hand, 2020 was a year when everyone wrote:", "text", None),
    ("— alice (talk · contribs) 19:17, 9 March 2020 (UTC)Reply", "author line", "alice"),
    ("bob (talk) 07:05, 10 March 2020 (UTC)", "author line", "bob"),
    ("Latest comment: 3 hours ago by alice", "more comments", None),
    ("1 person in discussion", "more comments", None),
])
def test_mail_attributions_signatures_and_thread_summaries_by_their_form(line, kind, name):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)


def _note_like(c, parent_author, when):
    """A Japanese blog's comments: the name, "2020年3月9日 19:17", the text, "返信" (reply),
    then "スキ 12" (likes), the word alone where there are none."""
    likes = f"スキ {c[4]}" if c[4] else "スキ"
    return [c[2], f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"], ["返信", likes]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("below", [[], ["もっとみる"]])
def test_a_like_count_after_its_word_under_the_buttons_is_no_name(flat, below):
    """"スキ 12" under every comment's reply button, the word alone at zero: a like count in
    words no list holds, not the name slot; "もっとみる" (see more) under the last comment
    is the page's."""
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(_note_like, flat=flat, thread=thread), [], below)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [c[4] for c in thread]


def test_a_word_of_two_ascii_letters_before_a_number_is_no_count_word():
    """"GG 3" (a forum's gold) may be a badge as much as a count: two ASCII letters are
    no button's word; "スキ 3" (likes, in kana) is."""
    assert _count_word("GG 3") is None
    assert _count_word("スキ 3") == "スキ"
    assert _count_word("Respekt 13") == "respekt"


_LEVELS_BY_NAME = {"alice": 3, "bob": 7, "carol": 1, "dave": 12, "erin": 5, "frank": 2,
                   "grace": 9, "heidi": 4}


def _khoros_like(c, parent_author, when):
    """A vendor's community: the name, its rank "Level 3", the date, the body, then the kudos
    and "Reply"."""
    return ([c[2], f"Level {_LEVELS_BY_NAME[c[2]]}", f"{when:%m-%d-%Y %I:%M %p}"],
            [f"{c[4]} Kudos", "Reply"])


@pytest.mark.parametrize("flat", [False, True])
def test_a_rank_with_a_number_beside_the_name_is_no_count(flat):
    """"Level 3" under a name is a rank, though a word then a number: counts after their word
    stand under a comment's buttons, not beside its name."""
    thread, comments, bodies = _read_two_long_threads(_khoros_like, flat)
    assert len(comments) == len(thread)
    assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [c[4] for c in thread]
