"""Page furniture read as a layout: tiny hand-made threads rendered the way several comment
systems show them, in nested and flat-by-time order."""

import re
from datetime import datetime, timedelta

import pandas as pd
import pytest

from analysis.layout import (
    ACTION,
    AUTHOR,
    CONFIDENCE_ANSWERED_THE_AUTHOR,
    CONFIDENCE_LATEST_OF_SEVERAL,
    CONFIDENCE_NAME_NOT_SEEN,
    CONFIDENCE_NARROWED_TO_ONE,
    CONFIDENCE_ONE_CANDIDATE,
    CONFIDENCE_POST_NUMBER,
    COUNT,
    DETAIL,
    MORE,
    REPLY_TO,
    TEXT,
    TIME,
    CommentBlock,
    classify_line,
    link_replies,
    read_layout,
)
from analysis.readers import read_bytes, read_source
from analysis.replies import infer_parents
from analysis.schema import ArticleCol, Col
from analysis.segment import segment_comments
from tests.conftest import SEED_WITH_COMMENTS

# (id, parent, author, minutes after the first comment, likes, body lines)
THREAD = [
    ("a1", None, "alice", 0, 4, ["The council should publish the flood report before the vote."]),
    ("b1", "a1", "bob", 5, 0, ["They did, on page 40 of the annex.",
                               "Nobody reads the annex, which is the point."]),
    ("c1", "a1", "carol", 9, 12, ["Agreed, the timing looks deliberate."]),
    ("a2", "b1", "alice", 14, 1, ["Then the annex should have been the headline."]),
    ("e1", "a2", "erin", 20, 2, ["It was in the local paper on Tuesday."]),
    ("d1", None, "dave", 25, 7, ["Does anyone know when the road reopens?"]),
    ("a3", "d1", "alice", 31, 0, ["Friday, according to the county site."]),
    ("f1", "d1", "frank", 33, 3, ["Thanks, that helps my commute a lot."]),
]
START = datetime(2020, 3, 9, 19, 17)
HEADLINE = ["Flood report held back until after the vote", "",
            "The council kept the report in an annex.", "", "", "", ""]


def _flat_by_time(thread):
    """Each thread's replies flat by time after their root, roots in page order."""
    parent = {c[0]: c[1] for c in thread}

    def root(cid):
        while parent[cid]:
            cid = parent[cid]
        return cid

    out = []
    for comment in thread:
        if comment[1] is None:
            out.append(comment)
            out += sorted((c for c in thread if c[1] and root(c[0]) == comment[0]),
                          key=lambda c: c[3])
    return out


def guardian_like(c, parent_author, when):
    head = [c[2], f"{when.day} {when.strftime('%b %Y %H.%M')}"]
    head += [f"in reply to {parent_author}"] if parent_author else []
    return head, ["Reply", "Report", str(c[4])]


def coral_like(c, parent_author, when):
    head = [c[2], f"{40 - c[3]}m ago"]
    head += [f"In reply to {parent_author}"] if parent_author else []
    return head, ["Reply", f"Respect {c[4]}", "Share", "Report"]


def wordpress_like(c, parent_author, when):
    hour = when.hour % 12 or 12
    head = [f"{c[2]} says:",
            f"{when.strftime('%B')} {when.day}, {when.year} at {hour}:{when.minute:02d} "
            f"{'am' if when.hour < 12 else 'pm'}"]
    head += [f"In reply to {parent_author}."] if parent_author else []
    return head, ["Reply"]


def disqus_like(c, parent_author, when):
    head = [c[2]]
    head += [f"Replying to @{parent_author}"] if parent_author else []
    head += [f"• {40 - c[3]} minutes ago"]
    return head, [f"▲ {c[4]} ▼ • Reply • Share ›"]


def forum_like(c, parent_author, when):
    head = [f"#{c[3] + 1}", c[2], when.strftime("%Y-%m-%d %H:%M")]
    head += [f"replying to @{parent_author}"] if parent_author else []
    return head, [f"{c[4]} likes", "Reply · Share"]


def yahoo_like(c, parent_author, when):
    """The parent named by a bare "@NAME" line opening the reply; thumbs up and down as two
    bare numbers."""
    head = [c[2], f"{40 - c[3]} minutes ago"]
    head += [Typed(f"@{parent_author}")] if parent_author else []
    return head, ["Reply", str(c[4]), str(c[4] % 3)]


def facebook_like(c, parent_author, when):
    """A root's name glued to its body; a reply's name alone above "in response to NAME"."""
    head = [c[2]]
    head += [f"in response to {parent_author}"] if parent_author else []
    return head, [f"Like · Reply · {40 - c[3]}m"]


LAYOUTS = {"guardian": guardian_like, "coral": coral_like, "wordpress": wordpress_like,
           "disqus": disqus_like, "yahoo": yahoo_like, "facebook": facebook_like}


class Typed(str):
    """A header line the poster typed ("@alice", "alice wrote:"), last in a layout's header:
    the page shows it as the body's first line, and it is the comment's text."""


class Span(tuple):
    """A comment's first and last body lines (1-based), with ``text``, the body as shown."""

    text: str

    def __new__(cls, start: int, end: int, text: str):
        span = super().__new__(cls, (start, end))
        span.text = text
        return span


def render(layout, flat, reply_markers=True, thread=THREAD):
    """Page text and, per comment id, its body lines (a :class:`Span`)."""
    author = {c[0]: c[2] for c in thread}
    lines, bodies = list(HEADLINE), {}
    for c in _flat_by_time(thread) if flat else thread:
        parent_author = author.get(c[1]) if reply_markers and c[1] else None
        head, foot = layout(c, parent_author, START + timedelta(minutes=c[3]))
        typed = next((k for k in range(len(head)) if not isinstance(head[-1 - k], Typed)),
                     len(head))
        lines += head
        start = len(lines) + 1 - typed
        lines += c[5]
        bodies[c[0]] = Span(start, len(lines), "\n".join(lines[start - 1:]))
        lines += foot
    return "\n".join(lines) + "\n", bodies


def _read(text):
    return read_bytes("page.txt", text.encode("utf-8"))


# ---------------------------------------------------------------------------- line kinds


@pytest.mark.parametrize(("line", "created_at"), [
    ("9 Mar 2020 19.17", "2020-03-09T19:17:00"),
    ("March 9, 2020 at 7:17 pm", "2020-03-09T19:17:00"),
    ("2020-03-09 19:17", "2020-03-09T19:17:00"),
    ("Mon 9 March 2020 07:17 GMT", "2020-03-09T07:17:00Z"),
    ("9 Mar 2020 19.17 +01:00", "2020-03-09T18:17:00Z"),
    ("• March 9, 2020", "2020-03-09"),
    ("12 Dec 2019 12.05am", "2019-12-12T00:05:00"),
    ("14 ottobre 2016 | 03:24", "2016-10-14T03:24:00"),
    ("Oct 14, 2016 · 3:24 AM", "2016-10-14T03:24:00"),
    ("14-10-2016 08:24", "2016-10-14T08:24:00"),
    ("08-17-2015, 08:45 AM", "2015-08-17T08:45:00"),
])
def test_absolute_dates_become_iso_utc_or_without_a_zone_when_none_is_shown(line, created_at):
    marker = classify_line(line)
    assert marker.kind == TIME
    assert marker.created_at == created_at and marker.time_text == line


@pytest.mark.parametrize("line", ["2 hours ago", "18h ago", "• 5 minutes ago", "just now",
                                  "yesterday at 7:17 pm", "3d"])
def test_relative_ages_keep_their_text_and_no_created_at(line):
    marker = classify_line(line)
    assert marker.kind == TIME and marker.time_text == line and marker.created_at is None


def test_numeric_dates_need_the_page_to_say_which_comes_first():
    assert classify_line("13/03/2020 19:17").created_at == "2020-03-13T19:17:00"
    assert classify_line("03/04/2020 19:17").created_at is None
    assert classify_line("03/04/2020 19:17", day_first=True).created_at == "2020-04-03T19:17:00"
    assert classify_line("31 Feb 2020 10.00").created_at is None


def test_numeric_dates_with_dots_are_day_first_unless_the_page_says_otherwise():
    assert classify_line("09.03.2020 19:17").created_at == "2020-03-09T19:17:00"
    assert classify_line("[09.03.20 19:17]").created_at == "2020-03-09T19:17:00"
    assert classify_line("03.13.2020 19:17").created_at == "2020-03-13T19:17:00"
    assert classify_line("09.03.2020 19:17", day_first=False).created_at == "2020-09-03T19:17:00"


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("in reply to Jane Doe", REPLY_TO, "Jane Doe"),
    ("Replying to @jd_77", REPLY_TO, "jd_77"),
    ("12 likes", COUNT, 12),
    ("▲ 3", COUNT, 3),
    ("Recommend 4", COUNT, 4),
    ("Reply · Share · 12 likes", "action", 12),
])
def test_markers_say_what_they_carry(line, kind, value):
    marker = classify_line(line)
    assert marker.kind == kind
    assert (marker.name if kind == REPLY_TO else marker.likes) == value


@pytest.mark.parametrize("line", ["I reply to nobody here, I just read.",
                                  "Posted this yesterday and nobody answered",
                                  "The vote is on 9 March 2020 at the town hall."])
def test_sentences_that_mention_markers_stay_text(line):
    assert classify_line(line).kind == TEXT


# ---------------------------------------------------------------------------- layouts


@pytest.mark.parametrize("flat", [False, True], ids=["nested", "flat-by-time"])
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_layout_gives_bodies_authors_and_skipped_markers(name, flat):
    text, bodies = render(LAYOUTS[name], flat)
    source = _read(text)
    comments = source.comments
    spans = dict(zip(comments[Col.LINE_START], comments[Col.LINE_END], strict=True))
    assert spans == dict(bodies.values()), "one comment per body, line_start its first line"
    author = {c[0]: c[2] for c in THREAD}
    by_start = {start: cid for cid, (start, _) in bodies.items()}
    assert [author[by_start[s]] for s in comments[Col.LINE_START]] == comments[Col.AUTHOR].tolist()
    assert comments[Col.TEXT].str.contains("page 40 of the annex.\nNobody reads").any()
    report = source.report
    assert report.accounted_lines == report.total_lines
    markers = [s for s in report.skipped if s.reason.startswith("page marker")]
    body_lines = sum(end - start + 1 for start, end in bodies.values())
    assert len(markers) == report.total_lines - len(HEADLINE) - body_lines
    assert any(w.startswith("page layout read") for w in report.warnings)


def test_markers_are_reported_by_kind():
    text, _ = render(guardian_like, flat=True)
    reasons = {s.reason for s in _read(text).report.skipped}
    assert {"page marker: author name", "page marker: time", "page marker: in reply to",
            "page marker: action", "page marker: like count"} <= reasons


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_in_reply_to_links_follow_the_page_in_flat_order(name):
    text, bodies = render(LAYOUTS[name], flat=True)
    comments = _read(text).comments
    id_of = {f"page:L{start}": cid for cid, (start, _) in bodies.items()}
    parents = {id_of[c]: id_of.get(p) for c, p in
               zip(comments[Col.COMMENT_ID], comments[Col.PARENT_ID].fillna(""), strict=True)}
    assert parents == {c[0]: c[1] for c in THREAD}
    assert not comments[Col.INFERRED].any()
    assert comments[Col.REPLY_EVIDENCE].str.contains("page marker").all()


def test_a_name_who_commented_twice_means_the_latest_and_an_unknown_name_the_thread_root():
    blocks = [CommentBlock([1], author="alice"), CommentBlock([2], author="bob", reply_to="alice"),
              CommentBlock([3], author="alice", reply_to="bob"),
              CommentBlock([4], author="erin", reply_to="Alice."),
              CommentBlock([5], author="gus", reply_to="zed")]
    links = link_replies(blocks)
    assert [link.parent for link in links] == [None, 0, 1, 2, 0]
    assert links[1].confidence == CONFIDENCE_ONE_CANDIDATE
    # Both of alice's comments stand on the chain above erin's: the latest, and not sure.
    assert links[3].confidence == CONFIDENCE_LATEST_OF_SEVERAL
    assert "of 2 earlier comments" in links[3].evidence and "on the chain" in links[3].evidence
    assert "the latest" in links[3].evidence
    assert links[4].confidence == CONFIDENCE_NAME_NOT_SEEN
    assert "no earlier comment" in links[4].evidence and "zed" in links[4].evidence


def test_without_the_marker_a_comment_starts_a_new_thread():
    links = link_replies([CommentBlock([1], author="a"), CommentBlock([2], author="b",
                                                                      reply_to="a"),
                          CommentBlock([3], author="a"), CommentBlock([4], author="c",
                                                                      reply_to="b")])
    assert [link.parent for link in links] == [None, 0, None, 2]
    assert "starts a new thread" in links[2].evidence
    assert "no earlier comment by that name" in links[3].evidence


def test_page_links_keep_their_confidence_through_reply_inference():
    text, _ = render(guardian_like, flat=True)
    comments = _read(text).comments
    out = infer_parents(comments)
    assert out[Col.PARENT_ID].fillna("").tolist() == comments[Col.PARENT_ID].fillna("").tolist()
    assert out[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        comments[Col.REPLY_CONFIDENCE].astype(float).tolist())
    assert not out[Col.INFERRED].any()


def test_furniture_without_reply_markers_leaves_links_to_inference():
    text, bodies = render(coral_like, flat=False, reply_markers=False)
    comments = _read(text).comments
    assert comments[Col.REPLY_CONFIDENCE].isna().all() and comments[Col.PARENT_ID].isna().all()
    assert comments[Col.AUTHOR].tolist()[:3] == ["alice", "bob", "carol"]
    out = infer_parents(comments)
    assert out[Col.INFERRED].all()
    assert out[Col.PARENT_ID].notna().any()


def test_relative_and_absolute_times_fill_different_columns():
    relative = _read(render(coral_like, flat=False)[0]).comments
    assert relative[Col.CREATED_AT].isna().all()
    assert relative[Col.TIME_TEXT].tolist()[:2] == ["40m ago", "35m ago"]
    absolute = _read(render(guardian_like, flat=False)[0]).comments
    assert absolute[Col.CREATED_AT].tolist()[:2] == ["2020-03-09T19:17:00",
                                                     "2020-03-09T19:22:00"]
    assert absolute[Col.TIME_TEXT].iloc[0] == "9 Mar 2020 19.17"
    assert absolute[Col.LIKES].tolist() == [c[4] for c in THREAD]


def test_numbering_and_more_comments_lines_are_markers_not_comments():
    text, bodies = render(forum_like, flat=True)
    text = text.replace("\n#26\n", "\nShow more replies\n#26\n") + "Load more comments\n"
    source = _read(text)
    assert len(source.comments) == len(THREAD)
    reasons = source.report.skipped_by_reason()
    assert reasons["page marker: numbering"] == len(THREAD)
    assert reasons["page marker: more comments"] == 2
    assert source.comments[Col.LIKES].tolist() == [c[4] for c in _flat_by_time(THREAD)]


def test_a_body_shaped_like_a_marker_stays_a_comment():
    thread = [*THREAD[:3], ("g1", "a1", "gus", 10, 2, ["7"]),
              ("h1", "a1", "hal", 11, 1, ["report"]), *THREAD[3:]]
    text, bodies = render(guardian_like, flat=False, thread=thread)
    comments = _read(text).comments
    assert len(comments) == len(thread)
    assert {"7", "report"} <= set(comments[Col.TEXT])


# ---------------------------------------------------------------------------- no layout


def test_a_page_without_furniture_reads_exactly_as_before():
    source = read_source(SEED_WITH_COMMENTS)
    lines = SEED_WITH_COMMENTS.read_text(encoding="utf-8").splitlines()
    section = [(n, line) for n, line in enumerate(lines, 1) if n >= 20 and line.strip()]
    assert read_layout([(n, line.strip()) for n, line in section]) is None
    segments = segment_comments(section)
    assert source.comments[Col.LINE_START].tolist() == [s.line_start for s in segments]
    assert source.comments[Col.TEXT].tolist() == [s.text for s in segments]
    assert source.comments[Col.AUTHOR].isna().all()
    assert not any(s.reason.startswith("page marker") for s in source.report.skipped)


def test_a_few_stray_markers_are_not_a_layout():
    lines = [(n, f"Comment number {n} says the road should reopen soon.") for n in range(1, 30)]
    lines[5] = (6, "2 hours ago")
    lines[12] = (13, "Reply")
    lines[20] = (21, "2 hours ago")
    lines[25] = (26, "Reply")
    assert read_layout(lines) is None


def test_comments_that_are_only_a_mention_stay_comments_on_a_page_without_furniture():
    page = "\n".join([*HEADLINE, "The road should reopen on Friday.", "@dave",
                      "Thanks, that is good news.", "@carol", "Who told you that?", "@erin",
                      "The county site says so."]) + "\n"
    comments = _read(page).comments
    assert {"@dave", "@carol", "@erin"} <= set(comments[Col.TEXT])
    assert comments[Col.AUTHOR].isna().all()


def test_reply_markers_on_a_page_that_shows_no_names_leave_the_links_to_inference():
    lines = list(HEADLINE)
    for c in THREAD:
        parent_author = next((p[2] for p in THREAD if p[0] == c[1]), None)
        lines += ([f"@{parent_author}"] if parent_author else []) + c[5] + ["Reply"]
    comments = _read("\n".join(lines) + "\n").comments
    # "@dave" opens the reply as its poster typed it
    author = {c[0]: c[2] for c in THREAD}
    assert comments[Col.TEXT].tolist() == [
        "\n".join(([f"@{author[c[1]]}"] if c[1] else []) + c[5]) for c in THREAD]
    assert comments[Col.AUTHOR].isna().all()
    assert comments[Col.REPLY_CONFIDENCE].isna().all() and comments[Col.PARENT_ID].isna().all()
    out = infer_parents(comments)
    assert out[Col.INFERRED].all()
    assert not out[Col.REPLY_EVIDENCE].str.contains("page marker").any()


def test_the_report_command_accounts_for_every_line(tmp_path, capsys):
    from analysis.__main__ import main

    path = tmp_path / "page.txt"
    text, _ = render(wordpress_like, flat=True)
    path.write_text(text, encoding="utf-8")
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    total = len(text.splitlines())
    assert f"lines: {total} = article 2 + comments 9 + skipped {total - 11}" in out
    assert "page marker: author line" in out and "ERROR" not in out
    frame = pd.DataFrame(_read(text).comments)
    assert frame[Col.AUTHOR].tolist() == [c[2] for c in _flat_by_time(THREAD)]


def test_a_name_glued_to_its_body_and_a_time_inside_the_action_row():
    lines = list(HEADLINE)
    for c in THREAD:
        lines += [c[2], *c[5], f"Like · Reply · {40 - c[3]}m"]
    source = _read("\n".join(lines) + "\n")
    comments = source.comments
    assert comments[Col.AUTHOR].tolist() == [c[2] for c in THREAD]
    assert comments[Col.TEXT].tolist() == ["\n".join(c[5]) for c in THREAD]
    assert comments[Col.TIME_TEXT].tolist() == [f"{40 - c[3]}m" for c in THREAD]


def test_of_several_earlier_comments_by_the_name_the_one_on_the_chain_above_wins():
    def block(author, reply_to=None):
        return CommentBlock([0], author=author, reply_to=reply_to)

    on_chain = link_replies([block("r"), block("alice", "r"), block("bob", "alice"),
                             block("carol", "r"), block("alice", "carol"),
                             block("dan", "bob"), block("erin", "alice")])
    # erin answers alice just below dan's reply in the branch alice opened: her first comment
    # is on that chain, her later one (under carol) is not.
    assert on_chain[6].parent == 1 and on_chain[6].confidence == CONFIDENCE_NARROWED_TO_ONE
    off_chain = link_replies([block("r"), block("alice", "r"), block("bob", "r"),
                              block("alice", "bob"), block("carol", "r"),
                              block("dan", "alice")])
    assert off_chain[5].parent == 3 and off_chain[5].confidence == CONFIDENCE_LATEST_OF_SEVERAL


def test_of_several_earlier_comments_by_the_name_the_one_sharing_most_words_wins():
    blocks = [CommentBlock([1], author="r"), CommentBlock([2], author="alice", reply_to="r"),
              CommentBlock([3], author="alice", reply_to="r"),
              CommentBlock([4], author="bob", reply_to="alice")]
    texts = ["Which bridge closes first?", "The ferry timetable changes in June.",
             "The north bridge closes on Monday.", "Monday is early for the north bridge."]
    links = link_replies(blocks, texts)
    assert links[3].parent == 2 and links[3].confidence == CONFIDENCE_NARROWED_TO_ONE
    assert "sharing the most words with it (3: 'bridge', 'monday', 'north')" in links[3].evidence
    texts[3] = "The ferry timetable in June suits me."
    assert link_replies(blocks, texts)[3].parent == 1
    # Without the texts, or with no word in common, the one the comment above answers.
    assert link_replies(blocks)[3].parent == 2
    texts[3] = "Thanks."
    assert link_replies(blocks, texts)[3].parent == 2
    assert "sharing" not in link_replies(blocks, texts)[3].evidence


def test_a_comment_of_that_name_posted_after_the_reply_is_not_what_it_answers():
    # Nested order: alice's second comment (19:40) sits above bob's reply (19:30) in page
    # order, under carol; bob can only mean her first.
    blocks = [CommentBlock([1], author="alice", created_at="2020-03-09T19:00:00"),
              CommentBlock([2], author="carol", reply_to="alice",
                           created_at="2020-03-09T19:20:00"),
              CommentBlock([3], author="alice", reply_to="carol",
                           created_at="2020-03-09T19:40:00"),
              CommentBlock([4], author="bob", reply_to="alice",
                           created_at="2020-03-09T19:30:00")]
    link = link_replies(blocks)[3]
    assert link.parent == 0 and link.confidence == CONFIDENCE_ONE_CANDIDATE
    undated = [CommentBlock(b.body, author=b.author, reply_to=b.reply_to) for b in blocks]
    assert link_replies(undated)[3].parent == 2
    aged = [CommentBlock(b.body, author=b.author, reply_to=b.reply_to, time_text=age)
            for b, age in zip(blocks, ["3h ago", "2h ago", "40m ago", "1h ago"], strict=True)]
    assert link_replies(aged)[3].parent == 0
    # Ages in the same whole unit say nothing about which came first.
    aged[2].time_text = "1h ago"
    assert link_replies(aged)[3].parent == 2


def test_of_several_earlier_comments_by_the_name_the_one_answering_this_author_wins():
    def block(author, reply_to=None):
        return CommentBlock([0], author=author, reply_to=reply_to)

    # A back-and-forth: alice answered bob once and carol once; bob answers alice again.
    links = link_replies([block("r"), block("bob", "r"), block("alice", "bob"),
                          block("carol", "r"), block("alice", "carol"), block("bob", "alice")])
    assert links[5].parent == 2 and links[5].confidence == CONFIDENCE_ANSWERED_THE_AUTHOR
    assert "answering this comment's author" in links[5].evidence


def test_a_reply_on_a_page_is_linked_to_the_comment_of_that_name_it_takes_up():
    # Flat by time: alice's second comment comes after her first, so "the latest" would be
    # wrong for erin, whose words are those of alice's first comment.
    thread = THREAD[:3] + [
        ("a2", "c1", "alice", 12, 1, ["Deliberate or not, the vote is on Monday."]),
        ("e1", "a1", "erin", 20, 2, ["The flood report was published in 2019 too."])]
    text, bodies = render(guardian_like, flat=True, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    erin = comments.loc[bodies["e1"][0]]
    assert comments.loc[bodies["a1"][0], Col.COMMENT_ID] == erin[Col.PARENT_ID]
    assert "sharing the most words" in erin[Col.REPLY_EVIDENCE]
    assert erin[Col.REPLY_CONFIDENCE] == CONFIDENCE_NARROWED_TO_ONE


@pytest.mark.parametrize("layout", [guardian_like, coral_like, wordpress_like])
def test_without_a_gap_or_header_the_comments_start_where_their_layout_begins(layout):
    text, bodies = render(layout, flat=True)
    # The article right above the first comment, no blank line between; a short title that
    # could pass for a display name.
    article = ["Back again", "The council kept the report in an annex.",
               "Opposition councillors called for an inquiry."]
    lines = text.split("\n")[len(HEADLINE):]
    shift = len(article) - len(HEADLINE)
    source = _read("\n".join(article + lines))
    assert source.articles[ArticleCol.TEXT].tolist() == ["\n\n".join(article)]
    comments = source.comments
    assert comments[Col.LINE_START].tolist() == sorted(a + shift for a, _ in bodies.values())
    assert comments[Col.AUTHOR].tolist() == [c[2] for c in _flat_by_time(THREAD)]
    first_header = len(article) + 1
    assert any(f"the comments start at line {first_header}" in w for w in source.report.warnings)
    assert source.report.accounted_lines == source.report.total_lines


def test_an_article_without_a_gap_or_header_and_without_a_layout_stays_the_article():
    lines = ["Flood report held back", "The council kept the report in an annex.",
             "Jane Smith", "Opposition councillors called for an inquiry.", "Share",
             "John Doe", "The vote is on Monday.", "Share"]
    source = _read("\n".join(lines) + "\n")
    assert source.comments.empty
    assert any("no comment section found" in w for w in source.report.warnings)


def test_blank_lines_between_comments_and_inside_a_body_and_a_comments_header():
    text, _ = render(guardian_like, flat=True)
    spaced = "\n".join(line + ("\n" if line.isdigit() else "") for line in text.split("\n"))
    spaced = spaced.replace("page 40 of the annex.\n", "page 40 of the annex.\n\n")
    source = _read(spaced)
    comments = source.comments
    assert comments[Col.AUTHOR].tolist() == [c[2] for c in _flat_by_time(THREAD)]
    two_paragraphs = comments[comments[Col.AUTHOR] == "bob"].iloc[0]
    assert two_paragraphs[Col.LINE_END] - two_paragraphs[Col.LINE_START] == 2
    assert source.report.accounted_lines == source.report.total_lines
    headed = "Flood report\nThe council kept the report.\n12 Comments\n" + "\n".join(
        text.split("\n")[len(HEADLINE):])
    comments = _read(headed).comments
    assert len(comments) == len(THREAD)
    assert comments[Col.PARENT_ID].notna().sum() == sum(c[1] is not None for c in THREAD)


FEW_REPLIES = [
    ("a1", None, "alice", 0, 4, ["The council should publish the flood report before the vote."]),
    ("b1", "a1", "bob", 5, 0, ["They did, on page 40 of the annex."]),
    ("d1", None, "dave", 25, 7, ["Does anyone know when the road reopens?"]),
    ("c1", None, "carol", 28, 1, ["In reply to the minister, who says the road is safe:",
                                  "it is not, I drove it this morning."]),
    ("f1", None, "frank", 33, 3, ["Thanks for the annex link, it helps a lot."]),
]


@pytest.mark.parametrize("name", ["guardian", "coral", "wordpress", "facebook"])
def test_a_page_with_a_single_reply_keeps_its_link_and_its_text(name):
    # One "in reply to NAME" line recurs too seldom to count as a layout marker by itself;
    # it names a commenter of the page, so it is still the reply marker.
    text, bodies = render(LAYOUTS[name], flat=False, thread=FEW_REPLIES)
    comments = _read(text).comments.set_index(Col.LINE_START)
    reply = comments.loc[bodies["b1"][0]]
    assert reply[Col.TEXT] == "They did, on page 40 of the annex."
    assert reply[Col.PARENT_ID] == comments.loc[bodies["a1"][0], Col.COMMENT_ID]
    assert reply[Col.REPLY_CONFIDENCE] == CONFIDENCE_ONE_CANDIDATE
    # A body that opens "In reply to" someone not on the page is the comment's own text.
    carol = comments.loc[bodies["c1"][0]]
    assert carol[Col.TEXT].startswith("In reply to the minister")
    assert pd.isna(carol[Col.PARENT_ID]) or carol[Col.PARENT_ID] == ""
    assert len(comments) == len(FEW_REPLIES)


def nyt_like(c, parent_author, when):
    """A location under the name on most comments (left blank by some commenters), a date,
    and a recommendation count in the footer."""
    places = {"alice": "London", "bob": "Austin, TX", "carol": "Leeds", "dave": "Paris",
              "frank": "Denver"}
    head = [c[2]] + ([places[c[2]]] if c[2] in places else []) + [
        f"{when.strftime('%B')} {when.day}, {when.year}"]
    return head, ["Reply", f"{c[4]} Recommend", "Share"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_detail_line_under_the_name_is_furniture_not_a_comment(flat):
    # erin shows no location: the detail is optional, as a count hidden at zero is.
    text, bodies = render(nyt_like, flat=flat)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert comments[Col.AUTHOR].tolist() == [c[2] for c in (
        _flat_by_time(THREAD) if flat else THREAD)]
    skipped = {s.line: s.reason for s in source.report.skipped}
    london = text.split("\n").index("London") + 1
    assert skipped[london] == "page marker: author detail"


@pytest.mark.parametrize("footer", [["Reply"], []])
def test_a_one_line_body_between_name_and_a_footer_time_stays_the_body(footer):
    # "NAME, BODY, TIME" with the time in the footer: a short body is no detail.
    lines = list(HEADLINE)
    starts = []
    for i, (name, body) in enumerate([("alice", "Fair point"), ("bob", "Not so sure"),
                                      ("carol", "Agreed"), ("dave", "Nonsense"),
                                      ("erin", "Well said")]):
        lines += [name]
        starts.append(len(lines) + 1)
        lines += [body, f"March {i + 1}, 2020", *footer]
    comments = _read("\n".join(lines) + "\n").comments
    assert comments[Col.LINE_START].tolist() == starts
    assert comments[Col.TEXT].tolist() == ["Fair point", "Not so sure", "Agreed", "Nonsense",
                                           "Well said"]


TWO_COMMENTS = [
    ("a1", None, "alice", 0, 4, ["The council should publish the flood report before the vote."]),
    ("b1", "a1", "bob", 5, 2, ["They did, on page 40 of the annex."]),
]


# Yahoo-like names the parent by a bare "@NAME" line, a marker only where it recurs (a comment
# that is only a mention stays a comment), so its one reply keeps the line as text.
@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - {"yahoo"}))
@pytest.mark.parametrize("flat", [False, True])
def test_a_section_of_two_comments_reads_by_its_furniture(name, flat):
    # Each marker of the layout is seen twice only; two kinds of them recur, so the page's
    # layout is still read: no name, time or count line becomes a comment.
    text, bodies = render(LAYOUTS[name], flat=flat, thread=TWO_COMMENTS)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert comments.loc[bodies["a1"][0], Col.AUTHOR] == "alice"
    reply = comments.loc[bodies["b1"][0]]
    assert reply[Col.AUTHOR] == "bob"
    assert reply[Col.TEXT] == "They did, on page 40 of the annex."
    assert reply[Col.PARENT_ID] == comments.loc[bodies["a1"][0], Col.COMMENT_ID]


def test_two_comments_with_one_recurring_marker_kind_are_not_a_layout():
    # Only the time recurs (the action row is shown once): the line after each body would be
    # taken for a name by its place alone, so the page is read line by line.
    lines = [(1, "2 hours ago"), (2, "They should have fixed the wall."),
             (3, "Reply · Share · 12 likes"), (4, "an hour ago"), (5, "The budget was cut."),
             (6, "I reply to you")]
    assert read_layout(lines) is None


def _with_bare_like_button(c, parent_author, when):
    """Coral-like, but the like button loses its number at zero ("Respect", not "Respect 0")."""
    head, foot = coral_like(c, parent_author, when)
    return head, [("Respect" if line == "Respect 0" else line) for line in foot]


@pytest.mark.parametrize("thread", [THREAD, THREAD[:4], TWO_COMMENTS + [
    ("c1", "a1", "carol", 9, 0, ["Agreed, the timing looks deliberate."])]])
def test_a_like_button_without_its_number_is_a_count_of_zero_not_a_comment(thread):
    text, bodies = render(_with_bare_like_button, flat=False, thread=thread)
    assert "\nRespect\n" in text
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    likes = {cid: comments.loc[bodies[cid][0], Col.LIKES] for cid in bodies}
    assert likes == {c[0]: c[4] for c in thread}


def test_a_like_word_is_an_action_where_no_count_names_it():
    lines = [(1, "alice"), (2, "First comment here."), (3, "Like"), (4, "Reply"),
             (5, "bob"), (6, "Second comment here."), (7, "Like"), (8, "Reply"),
             (9, "carol"), (10, "Third comment here."), (11, "Like"), (12, "Reply")]
    reading = read_layout(lines)
    assert reading is not None
    assert "action:like" in reading.layout.footer
    assert all(block.likes is None for block in reading.blocks)


def _with_badge(badged):
    """Guardian-like, with a badge line under the time of the comments in ``badged``; a badge
    no list names (a list of badges sets aside "Staff Pick"), so the page's repeats must."""
    def layout(c, parent_author, when):
        head, foot = guardian_like(c, parent_author, when)
        return head[:2] + (["Community Star"] if c[0] in badged else []) + head[2:], foot
    return layout


@pytest.mark.parametrize("badged", [{"a1", "b1", "a2"}, {"b1", "c1", "a2", "e1", "a3"}])
@pytest.mark.parametrize("flat", [False, True])
def test_a_badge_some_comments_show_under_the_time_is_furniture(badged, flat):
    # Replies show it above "in reply to NAME", roots right above their body.
    text, bodies = render(_with_badge(badged), flat=flat)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert not comments[Col.TEXT].str.contains("Community Star").any()
    author = {c[0]: c[2] for c in THREAD}
    for cid, parent in ((c[0], c[1]) for c in THREAD):
        row = comments.loc[bodies[cid][0]]
        assert row[Col.AUTHOR] == author[cid]
        assert (row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID]
                if parent else pd.isna(row[Col.PARENT_ID]))
    skipped = {s.reason for s in source.report.skipped}
    assert "page marker: author detail" in skipped


def _badge_between_name_and_time(c, parent_author, when):
    """A badge shown on a few comments (two of 24) between the name and the age, in words no
    list holds."""
    badge = ["Verified"] if c[0] in ("c5", "c21") else []
    return [c[2], *badge, f"{1 + c[3] // 10} hours ago"], [
        "Reply", str(c[4]), "0", "Share", "Report"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_badge_under_some_names_above_the_time_is_a_detail_not_the_name(flat):
    """On a page of people who mostly comment once, the line right above the age is the badge
    on those comments, and the badge recurs where names do not: still, the name stands where
    every other comment's name stands, after the comment above's last marker, and the
    badge, which names nobody, is a detail."""
    thread = [(cid, parent, f"reader{k % 21}", minute, likes, body)
              for k, (cid, parent, _, minute, likes, body) in enumerate(_two_long_threads())]
    thread, comments, bodies = _read_two_long_threads(_badge_between_name_and_time, flat,
                                                      thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _page_lines_above_the_first_comment(c, parent_author, when):
    """Viafoura-like: the page's own lines above the first comment, a badge under one
    person's name, "In reply to" under the time."""
    top = ["Join the conversation", "24 Comments", "Sort by", "Newest first",
           "Oldest first"] if c[0] == "c0" else []
    badge = ["Verified"] if c[2] == "alice" else []
    reply = [f"In reply to {parent_author}"] if parent_author else []
    return [*top, c[2], *badge, f"{1 + c[3] // 10} hours ago", *reply], [
        "Reply", str(c[4]), "0", "Share", "Report"]


@pytest.mark.parametrize("flat", [False, True])
def test_the_first_comments_name_under_the_pages_own_lines_is_its_name(flat):
    """Names found after the comment above's last marker leave the first comment's to be
    found: the line above its time (past its badge), not the section's first line."""
    thread, comments, bodies = _read_two_long_threads(_page_lines_above_the_first_comment,
                                                      flat=flat)
    assert comments.loc[bodies["c0"][0], Col.AUTHOR] == "alice"
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _staff_badges_and_counts_hidden_at_zero(c, parent_author, when):
    """Guardian-like: "Staff" under the names of one comment in eight, and the
    recommendation count not shown where it is zero."""
    badge = ["Staff"] if int(c[0][1:]) % 8 == 3 else []
    head = [c[2], *badge, f"{when.day} {when.strftime('%b %Y %H.%M')}"]
    head += [f"in reply to {parent_author}"] if parent_author else []
    return head, ["Reply", "Report", *([str(c[4])] if c[4] else [])]


@pytest.mark.parametrize("flat", [False, True])
def test_names_above_a_badge_and_after_a_hidden_count_are_all_names(flat):
    """The slot beside the time holds every comment's name or, on a few, the badge under it;
    the slot after the count misses the names under a hidden count ("Report", then the
    name). Scored with the names above the badges, the slot beside the time has them all."""
    thread, comments, bodies = _read_two_long_threads(
        _staff_badges_and_counts_hidden_at_zero, flat=flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert not comments[Col.TEXT].str.fullmatch("Staff").any()


def test_the_first_line_of_comments_posted_again_and_again_is_no_badge():
    # The same two-line comment three times: its first line recurs under the time, but so
    # does what follows it, so it stays the comment's text.
    spam = ["Earn money from home", "Visit the site in my profile today."]
    lines = list(HEADLINE)
    for i, name in enumerate(["alice", "bob", "carol", "dave"]):
        lines += [name, f"{9 + i} Mar 2020 19.17"]
        lines += spam if i % 2 == 0 or i == 3 else [f"Comment number {i} on the flood."]
        lines += ["Reply", "Report"]
    comments = _read("\n".join(lines) + "\n").comments
    assert comments[Col.TEXT].tolist().count("\n".join(spam)) == 3


@pytest.mark.parametrize("flat", [False, True])
def test_an_avatars_initials_above_the_name_are_furniture_and_replies_name_the_name(flat):
    # "A", "alice", time, "@bob" on replies: two short lines above the time at every comment;
    # the reply markers name the second, so it is the name, and the initials a detail.
    def with_initials(c, parent_author, when):
        head = [c[2][0].upper(), c[2], when.strftime("%d.%m.%Y %H:%M")]
        return head + ([Typed(f"@{parent_author}")] if parent_author else []), [
            "Reply", f"+{c[4]}"]
    text, bodies = render(with_initials, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    author = {c[0]: c[2] for c in THREAD}
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [
        author[c[0]] for c in THREAD]
    for cid, parent in ((c[0], c[1]) for c in THREAD if c[1]):
        assert (comments.loc[bodies[cid][0], Col.PARENT_ID]
                == comments.loc[bodies[parent][0], Col.COMMENT_ID])


@pytest.mark.parametrize(("line", "name", "time_text"), [
    ("alice, London, 09/03/2020 19:17", "alice", "09/03/2020 19:17"),
    ("Jane Doe, Leeds, United Kingdom, 2 hours ago", "Jane Doe", "2 hours ago"),
    ("bob, March 9, 2020 at 7:17 pm", "bob", "March 9, 2020 at 7:17 pm"),  # a comma in the date
])
def test_a_name_place_and_time_on_one_line_is_an_author_line(line, name, time_text):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.time_text) == (AUTHOR, name, time_text)


@pytest.mark.parametrize("line", ["Well, that was 2 hours ago", "Sure, London, Paris, Rome."])
def test_a_sentence_with_commas_is_no_author_line(line):
    assert classify_line(line).kind == TEXT


def test_a_name_place_time_header_gives_authors_and_times():
    def daily_mail_like(c, parent_author, when):
        return ([f"{c[2]}, Leeds, {when.strftime('%d %b %Y %H:%M')}"],
                [f"Click to rate {c[4]} 0", "Reply"])
    text, bodies = render(daily_mail_like, flat=False)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    first = comments.loc[bodies["a1"][0]]
    assert first[Col.CREATED_AT].startswith("2020-03-09T19:17")
    for cid, _, _, _, likes, body in THREAD:  # "Click to rate 12 0" is the like count
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.TEXT], row[Col.LIKES]) == ("\n".join(body), likes)


@pytest.mark.parametrize(("line", "kind", "name"), [
    ("→ alice", REPLY_TO, "alice"),
    ("↳ @bob", REPLY_TO, "bob"),
    ("> I think so", TEXT, None),  # a quoted line
    ("→ This is a sentence.", TEXT, None),
    ("2020-03-09T19:17 (updated)", TIME, None),
])
def test_arrows_name_the_parent_and_updated_times_are_times(line, kind, name):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, name)


def _disqus_with_ticks_and_arrows(c, parent_author, when):
    """Some names carry a verified tick; replies name their parent after an arrow."""
    head = [c[2] + (" ✓" if c[2] in ("alice", "dave") else "")]
    head += [f"→ {parent_author}"] if parent_author else []
    head += [f"{40 - c[3]} minutes ago" + (" · Edited" if c[0] == "b1" else "")]
    return head, [str(c[4]), "Reply", "Share ›"]


def _like_beside_its_count(c, parent_author, when):
    """A badge under some names; a like button beside the count of likes; "View 2 more
    replies" between some comments."""
    head = [c[2]] + (["Author"] if c[2] == "alice" else []) + [when.strftime("%d %B %Y, %H:%M")]
    head += [f"Reply to {parent_author}"] if parent_author else []
    more = ["View 2 more replies"] if c[0] in ("c1", "e1") else []
    return head, ["Like", f"{c[4]} likes" if c[4] != 1 else "1 like", "Reply", *more]


@pytest.mark.parametrize("layout", [_disqus_with_ticks_and_arrows, _like_beside_its_count])
@pytest.mark.parametrize("flat", [False, True])
def test_badges_by_names_and_buttons_beside_counts_leave_authors_links_and_likes(layout, flat):
    text, bodies = render(layout, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, parent, author, _, likes, _ in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.LIKES]) == (author, likes)
        assert (row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID]
                if parent else pd.isna(row[Col.PARENT_ID]))


def _hacker_news_like(c, parent_author, when):
    """Name, age and thread navigation on one line; "reply" under the body."""
    navigation = " | parent | next [–]" if c[1] else " | next [–]"
    return [f"{c[2]} {40 - c[3]} minutes ago{navigation}"], ["reply"]


def _numbered_by_line(c, parent_author, when):
    """"Comment #N by NAME on DATE at TIME"; replies name their parent with a colon."""
    head = [f"Comment #{c[3] + 1} by {c[2]} on {when.day} {when.strftime('%b %Y at %H:%M')}"]
    return head + ([f"In response to {parent_author}:"] if parent_author else []), [
        "Permalink | Reply"]


def _replied_to(c, parent_author, when):
    """A reply's author and its parent's on one line; the like count beside its button."""
    head = [f"{c[2]} replied to {parent_author}" if parent_author else c[2],
            when.strftime("%d %B %Y at %H:%M")]
    return head, [f"Like · {c[4]}" if c[4] else "Like", "Reply"]


def _avatar_text_above_the_name(c, parent_author, when):
    """An avatar image's text ("Avatar of NAME") above the name line."""
    head = [f"Avatar of {c[2]}", c[2], when.strftime("%Y-%m-%d %H:%M")]
    return head + ([f"Reply to {parent_author}"] if parent_author else []), [
        "Upvote", str(c[4]), "Reply"]


def _youtube_like(c, parent_author, when):
    """"@NAME" heads every comment; a like count only above zero; "1 reply" under some."""
    replies = sum(other[1] == c[0] for other in THREAD)
    more = [f"{replies} repl{'ies' if replies > 1 else 'y'}"] if replies else []
    return [f"@{c[2]}", f"{40 - c[3]} minutes ago"], [
        *([str(c[4])] if c[4] else []), "Reply", *more]


def _read_with_every_body_and_author(layout, flat):
    """The page ``layout`` renders, read: every body is one comment with its author, and every
    line is accounted for. Returns the comments by first line and the true bodies."""
    text, bodies = render(layout, flat=flat)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    assert source.report.accounted_lines == source.report.total_lines
    return comments, bodies


def _assert_links_as_in_the_thread(comments, bodies, thread=THREAD):
    for cid, parent, *_ in thread:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID]
                if parent else pd.isna(row[Col.PARENT_ID]))


def _assert_bodies_as_in_the_thread(comments, bodies, likes: bool = True, thread=THREAD):
    """Each comment's text is its body; with ``likes``, its like count is the thread's (a
    count the page does not show is 0)."""
    for cid, _, _, _, count, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == getattr(bodies[cid], "text", "\n".join(body))
        if likes:
            assert (0 if pd.isna(row[Col.LIKES]) else row[Col.LIKES]) == count


@pytest.mark.parametrize("layout", [_hacker_news_like, _numbered_by_line, _replied_to,
                                    _avatar_text_above_the_name, _youtube_like])
@pytest.mark.parametrize("flat", [False, True])
def test_names_in_author_lines_reply_lines_and_avatar_text_give_every_author(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    if layout in (_numbered_by_line, _replied_to) or (flat and layout is
                                                      _avatar_text_above_the_name):
        _assert_links_as_in_the_thread(comments, bodies)
    if layout is _replied_to:
        assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in THREAD] == [
            c[4] for c in THREAD]


@pytest.mark.parametrize(("line", "name", "time_text"), [
    ("johnnwho 5 months ago | parent | next [–]", "johnnwho", "5 months ago"),
    ("[–] bob 3 points 2 days ago", "bob", "2 days ago"),
    ("[deleted] 5 months ago | parent | next [–]", "[deleted]", "5 months ago"),
    ("__REV__ 1 hour ago | prev", "__REV__", "1 hour ago"),
    ("Comment #12 by Jane Doe on 9 Mar 2020 at 19:17", "Jane Doe", "9 Mar 2020 at 19:17"),
    ("Posted by alice · 2 hours ago", "alice", "2 hours ago"),
])
def test_a_name_with_a_time_and_navigation_on_one_line_is_an_author_line(line, name, time_text):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.time_text) == (AUTHOR, name, time_text)


@pytest.mark.parametrize(("line", "likes"), [
    ("posted by alice at 2:24 AM on October 14, 2016 [3 favorites]", 3),
    ("posted by alice (staff) at 2:24 AM on October 14, 2016 [1 favorite]", 1),
    ("posted by alice at 2:24 AM on October 14, 2016", None),
])
def test_a_like_count_in_brackets_after_an_author_lines_time_is_its_likes(line, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.time_text, marker.likes) == (
        AUTHOR, "alice", "2:24 AM on October 14, 2016", likes)


@pytest.mark.parametrize("line", ["I left 5 months ago", "We met 2 years ago | next time?",
                                  "Written by hand on the back of a napkin"])
def test_sentences_with_an_age_or_a_by_stay_text(line):
    assert classify_line(line).kind == TEXT


def test_a_comment_saying_who_replied_to_whom_stays_text_where_nobody_has_that_name():
    thread = [*THREAD[:2], ("c1", "a1", "carol", 9, 12, ["He replied to me"]), *THREAD[3:]]
    text, bodies = render(guardian_like, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert comments.loc[bodies["c1"][0], Col.TEXT] == "He replied to me"
    assert comments.loc[bodies["c1"][0], Col.AUTHOR] == "carol"


def _x_like(c, parent_author, when):
    """A display name above "@handle · 5m"; replies name the handle; three bare counts."""
    head = [c[2].title() + " Quinn", f"@{c[2]} · {40 - c[3]}m"]
    head += [f"Replying to @{parent_author}"] if parent_author else []
    return head, [str(sum(o[1] == c[0] for o in THREAD)), "0", str(c[4])]


def _forum_quote(c, parent_author, when):
    """Name, a post count, the time; "NAME said:" under the time opens a quote on replies."""
    head = [c[2], f"Posts: {len(c[2]) * 311:,}", when.strftime("%B %d, %Y %I:%M%p")]
    head += [Typed(f"{parent_author} said:")] if parent_author else []
    return head, ["Quote", "Reply", f"{c[4]} Likes"]


def _slashdot_like(c, parent_author, when):
    """A subject with its score above "by NAME on Monday March 09, 2020 @07:17PM (#id)"."""
    subject = "Re:Flood report" if parent_author else "Flood report"
    return [f"{subject} (Score:{c[4] % 6}, Insightful)",
            f"by {c[2]} on {when.strftime('%A %B %d, %Y @%I:%M%p')} (#{5981400 + c[3]})"], [
        *(["Parent"] if parent_author else []), "Share"]


def _reddit_today_like(c, parent_author, when):
    """Name, a lone "·", "5 min. ago"; score, Reply, Share, "…"."""
    return [c[2], "·", f"{40 - c[3]} min. ago"], [str(c[4]), "Reply", "Share", "…"]


@pytest.mark.parametrize("layout", [_x_like, _forum_quote, _slashdot_like, _reddit_today_like])
@pytest.mark.parametrize("flat", [False, True])
def test_handles_quotes_subject_lines_and_abbreviated_ages_give_every_author(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    if layout in (_x_like, _forum_quote):
        _assert_links_as_in_the_thread(comments, bodies)
    if layout is _slashdot_like:
        assert comments.loc[bodies["a1"][0], Col.CREATED_AT] == "2020-03-09T19:17:00"


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("5 mo. ago", TIME, None),
    ("8/17/15 8:45am", TIME, "2015-08-17T08:45:00"),
    ("8/17/15", TEXT, None),  # a two-digit year only with a clock
    ("Re:Subject (Score:4, Insightful)", COUNT, 4),
    ("by Anonymous Coward on Monday March 09, 2020 @07:17PM (#59814001)", AUTHOR,
     "Anonymous Coward"),
    ("by the station at 10:00", TEXT, None),
])
def test_abbreviated_ages_short_years_scores_and_by_lines(line, kind, value):
    marker = classify_line(line)
    assert marker.kind == kind
    if kind == TIME:
        assert marker.created_at == value
    elif kind == COUNT:
        assert marker.likes == value
    elif kind == AUTHOR:
        assert marker.name == value


@pytest.mark.parametrize("flat", [False, True])
def test_a_button_or_a_count_the_page_hides_now_and_then_keeps_the_layout(flat):
    """Erin's reply shows no "Reply" (the deepest level), Frank's no dislike count (hidden at
    zero): one comment in eight lacks each, which is no reason to read the names, times and
    buttons as comments of their own."""
    def hidden_now_and_then(c, parent_author, when):
        head, foot = guardian_like(c, parent_author, when)
        foot = [line for line in foot if not (c[0] == "e1" and line == "Reply")]
        return head, foot + ([] if c[0] == "f1" else [f"👎 {c[3] % 4 + 1}"])

    text, bodies = render(hidden_now_and_then, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    _assert_bodies_as_in_the_thread(comments, bodies)
    _assert_links_as_in_the_thread(comments, bodies)


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", ["_italian", "_swedish"])
def test_a_time_the_page_leaves_out_now_and_then_keeps_names_and_buttons(layout, flat):
    """One comment in sixteen shows no time: its name is still found beside the buttons
    above it, and "Rispondi" / "Svara", in words no list knows, still count as buttons
    although they now recur more often than the times."""
    with_time = globals()[layout]
    second = [(cid + "x", parent and parent + "x", author, minute + 1, likes,
               [f"Also: {body[0]}", *body[1:]])
              for cid, parent, author, minute, likes, body in THREAD]
    thread = THREAD + second

    def time_left_out_once(c, parent_author, when):
        head, foot = with_time(c, parent_author, when)
        return (head[:1] + head[2:] if c[0] == "a2x" else head), foot

    text, bodies = render(time_left_out_once, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    _assert_links_as_in_the_thread(comments, bodies, thread=thread)


def _guardian_with_page_furniture(thread):
    """The Guardian-like page with the comment section's own header above the first comment,
    an advertisement between two comments and "Back to top" at the end."""
    text, bodies = render(guardian_like, flat=False, thread=thread)
    lines = text.split("\n")
    first = bodies["a1"][0] - 2  # alice's name, above her time
    header = ["Sort by", "Newest", "Oldest",
              "Comments are moderated according to our community guidelines.",
              "Sign in or create your free account to comment"]
    before_ad = bodies["d1"][0] - 2  # the line before dave's name
    lines = (lines[:first - 1] + header + lines[first - 1:before_ad - 1]
             + ["Advertisement", "Continue reading below"] + lines[before_ad - 1:])
    shift = {cid: len(header) + (2 if start > before_ad else 0)
             for cid, (start, _) in bodies.items()}
    moved = {cid: (start + shift[cid], end + shift[cid]) for cid, (start, end) in bodies.items()}
    return "\n".join(lines).rstrip("\n") + "\nBack to top\n", moved


def test_a_sections_header_advertisements_and_back_to_top_are_not_comments():
    text, bodies = _guardian_with_page_furniture(THREAD)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    reasons = {s.reason for s in source.report.skipped}
    assert {"page marker: text before the first comment", "boilerplate: page navigation",
            "boilerplate: share and follow links"} <= reasons
    assert source.report.accounted_lines == source.report.total_lines


def test_a_row_of_emoji_reactions_is_the_like_count_not_the_comments_text():
    def with_reactions(c, parent_author, when):
        head = [c[2], f"{40 - c[3]}m ago"] + ([f"In reply to {parent_author}"] if parent_author
                                             else [])
        return head, [f"👍 {c[4]} · ❤️ {c[4] // 2} · 😂 {c[4] % 3}", "Reply", "Share"]
    text, bodies = render(with_reactions, flat=True)
    comments = _read(text).comments.set_index(Col.LINE_START)
    for cid, _, _, _, likes, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.TEXT], row[Col.LIKES]) == ("\n".join(body), likes)


def test_a_badge_above_some_names_and_an_edited_note_under_some_bodies_are_not_text():
    def pinned_and_edited(c, parent_author, when):
        head, foot = guardian_like(c, parent_author, when)
        badge = ["Pinned by the editors"] if c[0] in ("c1", "d1") else []
        return badge + head, (["(edited)"] if c[0] in ("b1", "a3") else []) + foot
    text, bodies = render(pinned_and_edited, flat=True)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    for cid, _, author, _, _, body in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (author, "\n".join(body))
    _assert_links_as_in_the_thread(comments, bodies)
    reasons = {s.reason for s in source.report.skipped}
    assert {"boilerplate: comment badge", "boilerplate: edit note"} <= reasons


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("alice commented 5 months ago", AUTHOR, "alice"),
    ("bob • 3 points • 2 hours ago", AUTHOR, "bob"),
    ("17.08.2015, 08:45 — alice", AUTHOR, "alice"),
    ("I wrote 5 months ago", TEXT, None),
    ("Mar 9, 2020 · 5 replies", TEXT, None),
    ("Reply to this comment", ACTION, None),
    ("Reply to alice's comment", REPLY_TO, "alice"),
    ("@alice@mastodon.social", DETAIL, None),
    ("Top | Newest", MORE, None),
])
def test_author_lines_reply_lines_and_details_of_the_ninth_batch(line, kind, value):
    marker = classify_line(line)
    assert (marker.kind, marker.name) == (kind, value)


@pytest.mark.parametrize(("line", "likes"), [
    ("3 people like this", 3), ("1 person likes this", 1), ("Recommended by 40", 40),
    ("↩ 2  ⇄ 1  ★ 5", 5), ("bob • 3 points • 2 hours ago", 3),
])
def test_likes_said_in_words_or_shown_by_a_star(line, likes):
    assert classify_line(line).likes == likes


def _what_it_did(c, parent_author, when):
    """"NAME commented 5 minutes ago" over the body; a reaction row above zero only."""
    return [f"{c[2]} commented {40 - c[3]} minutes ago"], (
        [f"👍 {c[4]} 🎉 1"] if c[4] else [])


def _time_then_name(c, parent_author, when):
    """"09.03.2020, 19:17 — NAME"; "Reply to NAME's comment"; a count in words; a reply
    button that names no one."""
    head = [f"{when.strftime('%d.%m.%Y, %H:%M')} — {c[2]}"]
    head += [f"Reply to {parent_author}'s comment"] if parent_author else []
    return head, ([f"{c[4]} people like this"] if c[4] else []) + ["Reply to this comment"]


def _numbered_with_a_place(c, parent_author, when):
    """"1." and "NAME (City)" above the time; the sort options above the first comment."""
    sort = ["Top | Newest"] if c[0] == "a1" else []
    head = [*sort, f"{THREAD.index(c) + 1}.", f"{c[2]} (Leeds)", when.strftime("%A %d %B %Y %H.%M")]
    head += [f"Responding to {parent_author}"] if parent_author else []
    return head, ["Reply", f"Recommended by {c[4]}"]


def _address_under_the_name(c, parent_author, when):
    """The account's address under its name; reply, boost and star counts in one row."""
    return [c[2], f"@{c[2]}@mastodon.social", f"{40 - c[3]}m"], [
        f"↩ {c[4] % 2}  ⇄ 0  ★ {c[4]}"]


def _claps(c, parent_author, when):
    """A count the page names with a word of its own ("3 claps"), shown above zero only."""
    return [c[2], "Follow", when.strftime("%b %d, %Y")], (
        [f"{c[4]} claps"] if c[4] else []) + ["Reply"]


@pytest.mark.parametrize("layout", [_what_it_did, _time_then_name, _numbered_with_a_place,
                                    _address_under_the_name, _claps])
@pytest.mark.parametrize("flat", [False, True])
def test_ninth_batch_layouts_give_every_body_author_and_like(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    if layout in (_time_then_name, _numbered_with_a_place):
        _assert_links_as_in_the_thread(comments, bodies)
    else:
        assert comments[Col.PARENT_ID].isna().all()  # no reply markers: inference links them


# ---------------------------------------------------------------------------- tenth batch


@pytest.mark.parametrize(("line", "kind", "value"), [
    ("Oct 14", TIME, None),
    ("14 Oct", TIME, None),
    ("Aug 17, 8:45 AM", TIME, None),
    ("Le 9 mars 2020 à 19h17", TIME, "2020-03-09T19:17:00"),
    ("13.03.2020, 19:17 Uhr", TIME, "2020-03-13T19:17:00"),
    ("9. März 2020", TIME, "2020-03-09"),
    ("[13.03.20 19:17]", TIME, "2020-03-13T19:17:00"),
    ("alice, [09.03.20 19:17]", AUTHOR, "alice"),
    ("Post by alice » Mon Mar 09, 2020 7:17 pm", AUTHOR, "alice"),
    ("[In reply to alice]", REPLY_TO, "alice"),
    ("Am 9. März 2020 war ich in Berlin.", TEXT, None),
    ("Le 9 mars 2020 à 19h17 il pleuvait.", TEXT, None),
    ("May 5 is my birthday", TEXT, None),
    ("[citation needed]", TEXT, None),
])
def test_dates_without_a_year_or_in_french_or_german_chat_times_and_post_by_lines(line, kind,
                                                                                    value):
    marker = classify_line(line)
    assert marker.kind == kind
    assert (marker.name if kind in (AUTHOR, REPLY_TO) else marker.created_at) == value


def _arrow_and_short_date(c, parent_author, when):
    """Discourse-like: "Mar 9" without a year, "↩ NAME" above a reply, "3 ❤" above zero."""
    head = [c[2], when.strftime("%b %d").replace(" 0", " ")]
    head += [f"↩ {parent_author}"] if parent_author else []
    return head, ([f"{c[4]} ❤"] if c[4] else []) + ["Reply"]


def _subject_and_post_by(c, parent_author, when):
    """phpBB-like: "Re: TITLE" over "Post by NAME » DATE", "NAME wrote:" (a quote) on replies,
    "Top" under each post."""
    hour = when.hour % 12 or 12
    head = ["Re: Flood report" if c[0] != "a1" else "Flood report",
            f"Post by {c[2]} » {when.strftime('%a %b %d, %Y')} {hour}:{when.minute:02d} "
            f"{'am' if when.hour < 12 else 'pm'}"]
    head += [Typed(f"{parent_author} wrote:")] if parent_author else []
    return head, ["Top"]


def _chat_copy(c, parent_author, when):
    """A chat's messages copied: "NAME, [09.03.20 19:17]", "[In reply to NAME]", no footer."""
    head = [f"{c[2]}, [{when.strftime('%d.%m.%y %H:%M')}]"]
    return head + ([f"[In reply to {parent_author}]"] if parent_author else []), []


def _german(c, parent_author, when):
    """A German news site: its buttons and its reply marker in words no list here knows."""
    head = [c[2], when.strftime("%d.%m.%Y, %H:%M Uhr")]
    head += [f"Antwort auf {parent_author}"] if parent_author else []
    return head, ["Antworten", "Melden",
                  f"{c[4]} Empfehlung{'' if c[4] == 1 else 'en'}"]


def _french(c, parent_author, when):
    """A French news site: "Le 9 mars 2020 à 19h17", "En réponse à NAME", its buttons."""
    head = [c[2], f"Le {when.day} mars {when.year} à {when.hour}h{when.minute:02d}"]
    head += [f"En réponse à {parent_author}"] if parent_author else []
    return head, ["Répondre", "Signaler"]


@pytest.mark.parametrize("layout", [_arrow_and_short_date, _subject_and_post_by, _chat_copy,
                                    _german, _french])
@pytest.mark.parametrize("flat", [False, True])
def test_tenth_batch_layouts_give_every_body_author_and_link(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies,
                                    likes=layout in (_arrow_and_short_date, _german))
    _assert_links_as_in_the_thread(comments, bodies)


def test_a_short_comment_posted_several_times_is_not_a_repeated_button():
    """Three of eight comments say "Thanks!": fewer than half, so they stay comments."""
    thread = [(cid, parent, author, minutes, likes, ["Thanks!"] if k % 3 == 1 else body)
              for k, (cid, parent, author, minutes, likes, body) in enumerate(THREAD)]
    text, bodies = render(guardian_like, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert (comments[Col.TEXT] == "Thanks!").sum() == 3


def test_a_comment_that_opens_with_a_word_and_a_name_is_no_reply_marker():
    """Bodies "Thanks alice" right under the header, three times, with the footer after them:
    no body follows, so they are comments, not markers."""
    thread = [(cid, parent, author, minutes, likes,
               [f"Thanks {THREAD[0][2]}"] if cid in ("c1", "e1", "f1") else body)
              for cid, parent, author, minutes, likes, body in THREAD]
    text, bodies = render(guardian_like, flat=True, thread=thread, reply_markers=False)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert (comments[Col.TEXT] == "Thanks alice").sum() == 3


def _words_no_list_knows_below(c, parent_author, when):
    """Dutch-like: every marker in words no list here knows, the age under the body in two
    units ("35 minuten geleden", "1590 seconden geleden": ages that agree with the page's
    order, as ages are read as times)."""
    minutes = 40 - c[3]
    age = f"{minutes} minuten geleden" if c[3] % 2 else f"{minutes * 60 + 30} seconden geleden"
    head = [c[2]] + ([f"Reactie op {parent_author}"] if parent_author else [])
    return head, [age, "Reageren"]


def _words_no_list_knows_above(c, parent_author, when):
    """Spanish-like: "hace 35 minutos" / "hace 1590 segundos" under the name, "En respuesta a
    NAME", two buttons."""
    minutes = 40 - c[3]
    age = f"hace {minutes} minutos" if c[3] % 2 else f"hace {minutes * 60 + 30} segundos"
    head = [c[2], age] + ([f"En respuesta a {parent_author}"] if parent_author else [])
    return head, ["Responder", "Denunciar"]


@pytest.mark.parametrize("layout", [_words_no_list_knows_below, _words_no_list_knows_above])
@pytest.mark.parametrize("flat", [False, True])
def test_a_layout_in_words_no_list_knows_is_read_by_its_repeats(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    for cid, *_, body in THREAD:
        assert comments.loc[bodies[cid][0], Col.TEXT] == "\n".join(body)
    _assert_links_as_in_the_thread(comments, bodies)


def test_comments_repeated_on_a_page_without_furniture_are_no_layout():
    """Twelve comments one per line, "Thanks!" and "[deleted]" four times each: no layout, one
    comment per line as before."""
    said = ["Thanks!", "[deleted]", "The road reopens on Friday.", "Thanks!",
            "Nobody reads the annex.", "[deleted]", "Thanks!", "It was in the paper.",
            "[deleted]", "Agreed, the timing is odd.", "Thanks!", "[deleted]"]
    source = _read("\n".join([*HEADLINE, *said]) + "\n")
    assert source.comments[Col.TEXT].tolist() == said
    assert not any("page layout" in str(w) for w in source.report.warnings)


@pytest.mark.parametrize(("line", "kind", "created_at"), [
    ("about 2 hours ago", TIME, None),
    ("over a year ago", TIME, None),
    ("less than a minute ago", TIME, None),
    ("2 hours, 3 minutes ago", TIME, None),
    ("2020/03/09 19:17", TIME, "2020-03-09T19:17:00"),
    ("2020.03.09", TIME, "2020-03-09"),
    ("I waited about 2 hours ago", TEXT, None),
    ("2020/03-09", TEXT, None),
])
def test_rounded_and_two_unit_ages_and_slashed_year_first_dates(line, kind, created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at) == (kind, created_at)


def test_a_short_comment_said_more_often_than_any_marker_is_no_button():
    """"Thanks!" seven times, "lol" eight, "+1" three: a line seen more often than the page's
    most frequent marker is comments saying the same thing, and no layout is read."""
    said = ["Thanks!", "lol", "lol", "Potato!", "Thanks!", "lol", "+1", "Thanks!", "lol",
            "Go team", "The annex was published on page 40 for a reason.", "lol",
            "Nobody reads the annex anyway.", "Thanks!", "lol", "+1",
            "The vote should wait for the report.", "Agreed on that.", "lol", "Thanks!",
            "Friday, according to the county site.", "Thanks!", "Thanks!", "lol", "+1"]
    assert read_layout(list(enumerate(said, 1))) is None


def _one_age_for_all(c, parent_author, when):
    """Every comment the same age in words no list knows ("17 dagen geleden")."""
    head = [c[2]] + ([f"Reactie op {parent_author}"] if parent_author else [])
    return head, ["17 dagen geleden", "Reageren"]


def _ages_and_a_count_in_words(c, parent_author, when):
    """German with ages in words ("vor 35 Minuten") and "1 Empfehlung" after the buttons on
    every comment: the count's line repeats more than any name (one number: no like count)."""
    head = [c[2], f"vor {40 - c[3]} Minuten"]
    head += [f"Antwort auf {parent_author}"] if parent_author else []
    return head, ["Antworten", "Melden", "1 Empfehlung"]


@pytest.mark.parametrize("layout", [_one_age_for_all, _ages_and_a_count_in_words])
@pytest.mark.parametrize("flat", [False, True])
def test_learned_markers_with_one_age_for_all_or_a_count_line_above_each_name(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    for cid, *_, body in THREAD:
        assert comments.loc[bodies[cid][0], Col.TEXT] == "\n".join(body)
    _assert_links_as_in_the_thread(comments, bodies)


# ---------------------------------------------------------------------------- eleventh batch


@pytest.mark.parametrize(("line", "kind", "created_at", "time_text"), [
    ("9 marzo 2020, 19:17", TIME, "2020-03-09T19:17:00", "9 marzo 2020, 19:17"),
    ("9 de março de 2020 às 19:17", TIME, "2020-03-09T19:17:00", "9 de março de 2020 às 19:17"),
    ("9 maart 2020 om 19:17", TIME, "2020-03-09T19:17:00", "9 maart 2020 om 19:17"),
    ("há 3 horas", TIME, None, "há 3 horas"),
    ("hace un año", TIME, None, "hace un año"),
    ("vor einem Tag", TIME, None, "vor einem Tag"),
    ("3 godziny temu", TIME, None, "3 godziny temu"),
    ("agora mesmo", TIME, None, "agora mesmo"),
    ("gerade eben", TIME, None, "gerade eben"),
    ("10-14 Reply", ACTION, None, "10-14"),
    ("2d ago Reply", ACTION, None, "2d ago"),
    ("Like · 5 | Reply · 2 Replies", ACTION, None, None),
    ("Set 5", TEXT, None, None),
    ("10-14", TEXT, None, None),
    ("13-14 Reply", TEXT, None, None),
    ("vor 3 Tagen war ich in Berlin", TEXT, None, None),
    ("I want to reply", TEXT, None, None),
])
def test_dates_and_ages_in_other_languages_and_times_glued_to_reply(line, kind, created_at,
                                                                   time_text):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at, marker.time_text) == (kind, created_at, time_text)


def test_a_reply_count_beside_the_reply_button_is_part_of_the_row():
    assert classify_line("Like · 5 | Reply · 2 Replies").likes == 5


def _italian(c, parent_author, when):
    """An Italian news site: "9 marzo 2020, 19:17", "Risposta a NAME", a count in two words
    ("12 Mi piace")."""
    head = [c[2], f"{when.day} marzo {when.year}, {when.hour}:{when.minute:02d}"]
    head += [f"Risposta a {parent_author}"] if parent_author else []
    return head, ["Rispondi", "Segnala", f"{c[4]} Mi piace"]


def _portuguese(c, parent_author, when):
    """A Brazilian news site: "há 35 minutos", the youngest comment "agora mesmo" (seen once),
    "Em resposta a NAME", "1 curtida" / "12 curtidas"."""
    age = "agora mesmo" if c[0] == "f1" else f"há {40 - c[3]} minutos"
    head = [c[2], age] + ([f"Em resposta a {parent_author}"] if parent_author else [])
    return head, ["Responder", "Denunciar", f"{c[4]} curtida{'' if c[4] == 1 else 's'}"]


def _linkedin_like(c, parent_author, when):
    """LinkedIn-like: the name, "• 2nd", a job title, "7m" above the body; "Like · 3 | Reply ·
    2 Replies" under it (no number at zero; no reply markers)."""
    like = f"Like · {c[4]}" if c[4] else "Like"
    replies = sum(other[1] == c[0] for other in THREAD)
    reply = f"Reply · {replies} Repl{'ies' if replies > 1 else 'y'}" if replies else "Reply"
    title = "Data analyst at Acme" if c[2] < "c" else "Retired teacher"
    return [c[2], "• 2nd" if c[3] % 2 else "• 3rd+", title, f"{40 - c[3]}m"], [
        f"{like} | {reply}"]


def _tiktok_like(c, parent_author, when):
    """TikTok-like: the name alone above the body, "3-9 Reply" (a date without its year glued
    to the button), the like count alone, "View 2 replies" under roots with replies."""
    replies = sum(other[1] == c[0] for other in THREAD)
    more = [f"View {replies} replies"] if c[1] is None and replies > 1 else []
    return [c[2]], [f"{when.month}-{when.day} Reply", str(c[4]), *more]


@pytest.mark.parametrize("layout", [_italian, _portuguese, _linkedin_like, _tiktok_like])
@pytest.mark.parametrize("flat", [False, True])
def test_eleventh_batch_layouts_give_every_body_author_and_like(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    if layout in (_italian, _portuguese):
        _assert_links_as_in_the_thread(comments, bodies)
    else:
        assert comments[Col.PARENT_ID].isna().all()  # no reply markers: inference links them
    times = comments[Col.TIME_TEXT] if layout is not _italian else comments[Col.CREATED_AT]
    assert times.notna().all()


def _glued_names_page(flat, opening=None):
    """Instagram-like: "NAME BODY" on one line, "NAME @PARENT BODY" on replies, "7m · 3 likes ·
    Reply" under each comment; with ``opening``, every comment opens with that word instead
    of its author's name. Returns the page and each comment's first line."""
    author = {c[0]: c[2] for c in THREAD}
    lines, starts = list(HEADLINE), {}
    for c in _flat_by_time(THREAD) if flat else THREAD:
        mention = f"@{author[c[1]]} " if c[1] else ""
        starts[c[0]] = len(lines) + 1
        lines += [f"{opening or c[2]} {mention}{c[5][0]}", *c[5][1:]]
        lines.append(f"{40 - c[3]}m · {c[4]} likes · Reply" if c[4] else f"{40 - c[3]}m · Reply")
    return "\n".join(lines) + "\n", starts


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_glued_to_its_body_with_a_space_is_the_author_not_text(flat):
    text, starts = _glued_names_page(flat)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(starts.values())
    author = {c[0]: c[2] for c in THREAD}
    for cid, parent, name, _, likes, body in THREAD:
        row = comments.loc[starts[cid]]
        opening = f"@{author[parent]} {body[0]}" if parent else body[0]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (name, "\n".join([opening, *body[1:]]))
        assert (0 if pd.isna(row[Col.LIKES]) else row[Col.LIKES]) == likes
    assert source.report.accounted_lines == source.report.total_lines


def test_comments_that_open_with_the_same_word_are_not_named_by_it():
    """Every comment opens "Honestly ...", replies "Honestly @alice ...": no handle is named
    after it, so the word stays the comments' text."""
    text, starts = _glued_names_page(flat=True, opening="Honestly")
    comments = _read(text).comments
    assert comments[Col.AUTHOR].isna().all()
    assert comments[Col.TEXT].str.startswith("Honestly").sum() == len(THREAD)


@pytest.mark.parametrize("flat", [False, True])
def test_a_signature_after_the_bodys_last_words_gives_the_author_and_time(flat):
    """Stack-Exchange-like: the score above zero alone above the body, "BODY – NAME Mar 9,
    2020 at 19:17" on its last line, replies opening "@PARENT"."""
    author = {c[0]: c[2] for c in THREAD}
    lines, starts = list(HEADLINE), {}
    for c in _flat_by_time(THREAD) if flat else THREAD:
        when = START + timedelta(minutes=c[3])
        body = [f"@{author[c[1]]} {c[5][0]}" if c[1] else c[5][0], *c[5][1:]]
        body[-1] += f" – {c[2]} {when.strftime('%b')} {when.day}, {when.year} at {when:%H:%M}"
        lines += [str(c[4])] if c[4] else []
        starts[c[0]] = len(lines) + 1
        lines += body
    source = _read("\n".join(lines) + "\n")
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(starts.values())
    for cid, parent, name, minutes, likes, body in THREAD:
        row = comments.loc[starts[cid]]
        opening = f"@{author[parent]} {body[0]}" if parent else body[0]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (name, "\n".join([opening, *body[1:]]))
        assert row[Col.CREATED_AT] == (START + timedelta(minutes=minutes)).isoformat()
        assert (0 if pd.isna(row[Col.LIKES]) else row[Col.LIKES]) == likes
    assert source.report.accounted_lines == source.report.total_lines


def test_a_quote_signed_with_a_dash_and_a_year_is_no_signature():
    """"... – Mark Twain, 1897" under three comments: a year is no date, so they stay text."""
    said = [f"Comment {k}: the report is late. – Mark Twain, 1897" for k in range(4)]
    source = _read("\n".join([*HEADLINE, *said]) + "\n")
    assert source.comments[Col.TEXT].tolist() == said
    assert source.comments[Col.AUTHOR].isna().all()


# ---------------------------------------------------------------------------- twelfth batch


@pytest.mark.parametrize(("line", "kind", "time_text"), [
    ("5 месяцев назад", TIME, "5 месяцев назад"),
    ("час назад", TIME, "час назад"),
    ("только что", TIME, "только что"),
    ("för 3 timmar sedan", TIME, "för 3 timmar sedan"),
    ("för en månad sedan", TIME, "för en månad sedan"),
    ("just nu", TIME, "just nu"),
    ("3 saat önce", TIME, "3 saat önce"),
    ("az önce", TIME, "az önce"),
    ("permalink embed save report reply", ACTION, None),
    ("permalink embed save parent report reply", ACTION, None),
    ("reply reply reply", TEXT, None),
    ("share and like", TEXT, None),
    ("Just nu är jag trött", TEXT, None),
])
def test_ages_in_russian_swedish_turkish_and_a_row_of_one_word_actions(line, kind, time_text):
    marker = classify_line(line)
    assert (marker.kind, marker.time_text) == (kind, time_text)


def _russian_minutes(minutes):
    if minutes % 10 == 1 and minutes % 100 != 11:
        return f"{minutes} минуту назад"
    if 2 <= minutes % 10 <= 4 and not 12 <= minutes % 100 <= 14:
        return f"{minutes} минуты назад"
    return f"{minutes} минут назад"


def _russian(c, parent_author, when):
    """A Russian news site: "31 минуту назад" (the youngest "только что", seen once), "в ответ
    на NAME", "Ответить", "Пожаловаться", the like count alone."""
    age = "только что" if c[0] == "f1" else _russian_minutes(40 - c[3])
    head = [c[2], age] + ([f"в ответ на {parent_author}"] if parent_author else [])
    return head, ["Ответить", "Пожаловаться", str(c[4])]


def _swedish(c, parent_author, when):
    """A Swedish news site: "för 35 minuter sedan", "Svar till NAME", "12 gillar"."""
    head = [c[2], f"för {40 - c[3]} minuter sedan"]
    head += [f"Svar till {parent_author}"] if parent_author else []
    return head, ["Svara", "Anmäl", f"{c[4]} gillar"]


def _turkish(c, parent_author, when):
    """A Turkish news site: "35 dakika önce", the reply marker after the name it names
    ("alice adlı kullanıcıya yanıt"), "12 beğeni"."""
    head = [c[2], f"{40 - c[3]} dakika önce"]
    head += [f"{parent_author} adlı kullanıcıya yanıt"] if parent_author else []
    return head, ["Yanıtla", "Şikayet et", f"{c[4]} beğeni"]


def _old_reddit(c, parent_author, when):
    """Old Reddit copied: "[–] NAME 4 points 35 minutes ago" above the body, "permalink embed
    save report reply" under a root, with "parent" under a reply (no reply markers)."""
    points = f"{c[4]} point{'' if c[4] == 1 else 's'}"
    row = "permalink embed save parent report reply" if c[1] else (
        "permalink embed save report reply")
    return [f"[–] {c[2]} {points} {40 - c[3]} minutes ago"], [row]


@pytest.mark.parametrize("layout", [_russian, _swedish, _turkish, _old_reddit])
@pytest.mark.parametrize("flat", [False, True])
def test_twelfth_batch_layouts_give_every_body_author_and_like(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    if layout is _old_reddit:
        assert comments[Col.PARENT_ID].isna().all()  # no reply markers: inference links them
    else:
        _assert_links_as_in_the_thread(comments, bodies)
    assert comments[Col.TIME_TEXT].notna().all()


def _chat_export(flat, android=False):
    """A chat's export: "[09/03/2020, 19:17:05] alice: BODY" (or "09/03/2020, 19:17 - alice:
    BODY"), a message's following lines without the prefix. Returns the page and each
    message's first line."""
    lines, starts = list(HEADLINE), {}
    for c in _flat_by_time(THREAD) if flat else THREAD:
        when = START + timedelta(minutes=c[3])
        prefix = (f"{when:%d/%m/%Y, %H:%M} - {c[2]}:" if android
                  else f"[{when:%d/%m/%Y, %H:%M:%S}] {c[2]}:")
        starts[c[0]] = len(lines) + 1
        lines += [f"{prefix} {c[5][0]}", *c[5][1:]]
    return "\n".join(lines) + "\n", starts


@pytest.mark.parametrize("android", [False, True])
@pytest.mark.parametrize("flat", [False, True])
def test_a_chat_export_gives_each_message_its_author_time_and_text(flat, android):
    text, starts = _chat_export(flat, android)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(starts.values())
    for cid, _, name, minutes, _, body in THREAD:
        row = comments.loc[starts[cid]]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == (name, "\n".join(body))
        # 09/03/2020 may be either day first or month first, and no day above 12 settles it.
        when = START + timedelta(minutes=minutes)
        shown = f"{when:%d/%m/%Y, %H:%M}" if android else f"{when:%d/%m/%Y, %H:%M:%S}"
        assert row[Col.TIME_TEXT] == shown and pd.isna(row[Col.CREATED_AT])
    assert source.report.accounted_lines == source.report.total_lines


def test_two_chat_lines_quoted_in_a_comment_are_its_text():
    """Chat lines pasted into one comment among plain ones: too few to be the page's form."""
    said = ["[09/03/2020, 19:17:05] alice: see you at the vote",
            "[09/03/2020, 19:18:11] bob: I will be late", "That is what they wrote to me.",
            "The council should publish the flood report.", "Agreed, the timing is odd."]
    source = _read("\n".join([*HEADLINE, *said]) + "\n")
    assert source.comments[Col.AUTHOR].isna().all()
    assert "\n".join(source.comments[Col.TEXT]).split("\n") == said


# ---------------------------------------------------------------------------- thirteenth batch


def test_a_page_of_day_first_times_without_a_year_reads_every_time_as_a_time():
    """Days past the 12th read as the others do: else the time of the 14th to the 31st stays
    in the comment's text while the 1st to the 12th come out as times."""
    lines = ["Tram line opens after six years", "", "", ""]
    for name, day in zip(("ann", "bo", "cy", "di", "ed", "flo"), (9, 11, 14, 19, 23, 27),
                         strict=True):
        lines += [name, f"{day:02d}/03 19:17", f"Comment number {day} by {name}.", "Reply", ""]
    comments = read_bytes("ddmm.txt", "\n".join(lines).encode()).comments
    days = (9, 11, 14, 19, 23, 27)
    assert comments[Col.TIME_TEXT].tolist() == [f"{day:02d}/03 19:17" for day in days]
    assert not comments[Col.TEXT].str.contains("19:17").any()


@pytest.mark.parametrize(("line", "kind", "created_at"), [
    ("3時間前", TIME, None),
    ("たった今", TIME, None),
    ("3小时前", TIME, None),
    ("刚刚", TIME, None),
    ("3시간 전", TIME, None),
    ("منذ ٣ ساعات", TIME, None),  # Arabic-Indic digits
    ("منذ ساعتين", TIME, None),  # "two hours": the unit's dual, no number
    ("\u200fمنذ ساعتين", TIME, None),  # a right-to-left mark before it
    ("před 3 hodinami", TIME, None),
    ("godzinę temu", TIME, None),  # Polish, no number for one
    ("πριν από 3 ώρες", TIME, None),
    ("2020.03.09. 19:17", TIME, "2020-03-09T19:17:00"),
    ("2019/3/9(土) 19:17", TIME, "2019-03-09T19:17:00"),
    ("2020年3月9日 19:17", TIME, "2020-03-09T19:17:00"),
    ("3/9(月) 19:17", TIME, None),  # no year: the time as shown only
    ("03-09 19:17", TIME, None),
    ("25/03 19:17", TIME, None),  # day first: a page's "14/03" must read as its "09/03" does
    ("03/14 7:17 PM", TIME, None),
    ("25/26 19:17", TEXT, None),  # no month either way
    ("9 marca 2020, 19:17", TIME, "2020-03-09T19:17:00"),
    ("9. března 2020 19:17", TIME, "2020-03-09T19:17:00"),
    ("wczoraj, 19:17", TIME, None),
    ("昨天 19:17", TIME, None),
    ("返信 5件", ACTION, None),
    ("답글 3", ACTION, None),
    ("共5条回复", MORE, None),
    ("\u200fرد", TEXT, None),  # a button in words no list knows: learned from its repeats
    ("AH", TEXT, None),  # initials, not "a h(our)"
    ("am", TEXT, None),
    ("hier", TEXT, None),  # "yesterday" in French, "here" in Dutch: only before a clock
    ("3/9", TEXT, None),
    ("Today I learned", TEXT, None),
])
def test_ages_dates_and_buttons_in_japanese_chinese_korean_arabic_polish_czech(line, kind,
                                                                              created_at):
    marker = classify_line(line)
    assert (marker.kind, marker.created_at) == (kind, created_at)
    if kind == TIME:
        assert marker.time_text == line.lstrip("\u200f")


@pytest.mark.parametrize(("line", "key", "likes"), [
    ("共感した 12", COUNT, 12),
    ("공감 12 비공감 3", COUNT, 12),
    ("12 إعجاب", COUNT, 12),
    ("\u200f12 إعجاب", COUNT, 12),
    ("赞", COUNT, 0),  # the like button without its number
    ("うーん 3", "count:dislike", None),
    ("비공감 3", "count:dislike", None),
])
def test_like_and_dislike_counts_in_other_languages(line, key, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.key, marker.likes) == (COUNT, key, likes)


def _yahoo_japan(c, parent_author, when):
    """Yahoo! News Japan: "35分前", "返信" or "返信 2件", "共感した 4", "うーん 1"."""
    replies = sum(other[1] == c[0] for other in THREAD)
    return [c[2], f"{40 - c[3]}分前"], ["返信" if not replies else f"返信 {replies}件",
                                        f"共感した {c[4]}", f"うーん {c[4] % 3}"]


def _naver(c, parent_author, when):
    """Naver: "2020.03.09. 19:17", "신고", "답글 2", "공감 4 비공감 1" (names as shown)."""
    replies = sum(other[1] == c[0] for other in THREAD)
    return [c[2], f"{when:%Y.%m.%d. %H:%M}", "신고"], [f"답글 {replies}",
                                                      f"공감 {c[4]} 비공감 {c[4] % 3}"]


def _weibo(c, parent_author, when):
    """Weibo: the name, the body, "35分钟前 来自北京" (a time and where it was posted from),
    "回复", the like count alone ("赞" at none)."""
    place = ["北京", "上海", "广东"][len(c[2]) % 3]
    return [c[2]], [f"{40 - c[3]}分钟前 来自{place}", "回复", str(c[4]) if c[4] else "赞"]


def _arabic(c, parent_author, when):
    """An Arabic news site copied with its direction marks: "منذ ٣٥ دقيقة", "رداً على NAME",
    "رد", "إبلاغ", "12 إعجاب"."""
    minutes = str(40 - c[3]).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    head = ["\u200e" + c[2], f"\u200fمنذ {minutes} دقيقة"]
    head += [f"\u200fرداً على {parent_author}"] if parent_author else []
    return head, ["\u200fرد", "\u200fإبلاغ", f"\u200f{c[4]} إعجاب"]


def _polish(c, parent_author, when):
    """A Polish news site: "9 marca 2020, 19:17", "w odpowiedzi do NAME", "Odpowiedz",
    "Zgłoś", "👍 4  👎 1"."""
    head = [c[2], f"{when.day} marca {when.year}, {when:%H:%M}"]
    head += [f"w odpowiedzi do {parent_author}"] if parent_author else []
    return head, ["Odpowiedz", "Zgłoś", f"👍 {c[4]}  👎 {c[4] % 3}"]


def _initials(name):
    return name[:2].upper() if name == "alice" else name[:1].upper()


# The thread twice (a name slot needs nearly every comment), erin now "8ball" in the first.
_WITH_A_DIGIT_NAME = [(c[0], c[1], "8ball" if c[2] == "erin" else c[2], *c[3:]) for c in THREAD] + [
    (c[0] + "x", c[1] and c[1] + "x", c[2], c[3] + 40, *c[4:]) for c in THREAD]


def _avatars_and_badges(c, parent_author, when):
    """An English page copied with avatars' initials above the names ("AL", "alice"), badges
    under some names ("Author", "Top fan"), "(edited)" after some times, a like count shown
    only when there are likes, "Hide replies" under roots with replies."""
    head = [_initials(c[2]), c[2]]
    head += ["Author"] if c[2] == "alice" else ["Top fan"] if c[2] == "frank" else []
    head += [f"{90 - c[3]} minutes ago" + (" (edited)" if c[2] == "bob" else "")]
    foot = ([str(c[4])] if c[4] else []) + ["Reply"]
    return head, foot + (["Hide replies"] if c[1] is None else [])


@pytest.mark.parametrize("layout", [_yahoo_japan, _weibo, _arabic, _polish, _avatars_and_badges])
@pytest.mark.parametrize("flat", [False, True])
def test_thirteenth_batch_layouts_give_every_body_author_like_and_time(layout, flat):
    comments, bodies = _read_with_every_body_and_author(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies)
    if layout in (_arabic, _polish):
        _assert_links_as_in_the_thread(comments, bodies)
    assert comments[Col.TIME_TEXT].notna().all()
    if layout is _weibo:  # the time without where it was posted from
        assert comments[Col.TIME_TEXT].str.endswith("分钟前").all()


@pytest.mark.parametrize("flat", [False, True])
def test_a_korean_portal_gives_every_body_its_name_as_shown_date_and_like(flat):
    text, bodies = render(_naver, flat=flat)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    _assert_bodies_as_in_the_thread(comments, bodies)
    for cid, _, name, minutes, _, _ in THREAD:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.AUTHOR] == name
        assert row[Col.CREATED_AT] == (START + timedelta(minutes=minutes)).isoformat()
    assert source.report.accounted_lines == source.report.total_lines


def test_a_time_with_a_tail_seen_once_and_initials_alone_stay_comments():
    """"2 hours ago via phone" once, "AH" and "Ah" as whole comments: no layout, as before."""
    said = ["The council should publish the flood report.", "2 hours ago via phone",
            "AH", "Ah", "Agreed, the timing is odd.", "3時間前に見た"]
    source = _read("\n".join([*HEADLINE, *said]) + "\n")
    assert source.comments[Col.AUTHOR].isna().all()
    assert "\n".join(source.comments[Col.TEXT]).split("\n") == said


def _depth(cid):
    parent = {c[0]: c[1] for c in THREAD}
    depth = 0
    while parent[cid]:
        cid, depth = parent[cid], depth + 1
    return depth


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_marker_glued_to_the_body_links_replies_to_replies(flat):
    """Weibo writes a reply to a reply as "回复@NAME:BODY"; replies to the first comment carry
    no marker. The marked ones answer NAME's comment; the text stays as the page shows it."""
    author = {c[0]: c[2] for c in THREAD}
    lines, starts = list(HEADLINE), {}
    for c in _flat_by_time(THREAD) if flat else THREAD:
        body = list(c[5])
        if _depth(c[0]) >= 2:
            body[0] = f"回复@{author[c[1]]}:{body[0]}"
        lines.append(c[2])
        starts[c[0]] = len(lines) + 1
        lines += body + [f"{40 - c[3]}分钟前 来自北京", "回复", str(c[4]) if c[4] else "赞"]
    comments = _read("\n".join(lines) + "\n").comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(starts.values())
    for cid, parent, *_ in THREAD:
        row = comments.loc[starts[cid]]
        if _depth(cid) >= 2:
            assert row[Col.PARENT_ID] == comments.loc[starts[parent], Col.COMMENT_ID]
            assert row[Col.TEXT].startswith(f"回复@{author[parent]}:")
        elif parent is None:
            assert pd.isna(row[Col.PARENT_ID])


_JAPANESE = [
    ("a1", None, "山田花子", 0, 4, ["市は投票の前に報告書を公開すべきだ。"]),
    ("b1", "a1", "たろう", 5, 0, ["公開された、附属書の40ページに。", "誰も附属書なんて読まない"]),
    ("c1", "a1", "kei_0309", 9, 12, ["同感です"]),
    ("a2", "b1", "山田花子", 14, 1, ["それなら見出しにすべきだった"]),
    ("e1", "a2", "えり", 20, 2, ["火曜日の地元紙に載っていた。"]),
    ("d1", None, "大輔", 25, 7, ["道路はいつ再開するの？"]),
    ("a3", "d1", "山田花子", 31, 0, ["金曜日だって"]),
    ("f1", "d1", "フランク", 33, 3, ["ありがとう、助かります"]),
]


@pytest.mark.parametrize("layout", [_yahoo_japan, _weibo])
@pytest.mark.parametrize("flat", [False, True])
def test_japanese_names_over_short_japanese_bodies_without_spaces(layout, flat):
    """Names and bodies in a script without spaces between words: a short body is no name."""
    text, bodies = render(layout, flat=flat, thread=_JAPANESE)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    for cid, _, name, _, likes, body in _JAPANESE:
        row = comments.loc[bodies[cid][0]]
        assert (row[Col.AUTHOR], row[Col.TEXT], row[Col.LIKES]) == (name, "\n".join(body), likes)


@pytest.mark.parametrize("flat", [False, True])
def test_an_avatar_of_digits_above_a_name_that_opens_with_them(flat):
    """"8" above "8ball": the avatar of a name that opens with a digit reads as a bare count;
    beside the page's other initials it is one, and "8ball" the name."""
    text, bodies = render(_avatars_and_badges, flat=flat, thread=_WITH_A_DIGIT_NAME)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in _WITH_A_DIGIT_NAME] == [
        c[2] for c in _WITH_A_DIGIT_NAME]


def test_an_amount_of_time_with_a_word_after_it_repeated_is_no_time():
    """"2 hours later" posted again and again among plain comments is no time with a tail
    ("18小时前 来自广东"): no layout."""
    said = ["The council should publish the flood report.", "2 hours later",
            "Agreed, the timing is odd.", "[deleted]", "2 hours later",
            "They did, on page 40 of the annex.", "[deleted]", "2 hours later",
            "Nobody reads the annex, which is the point.", "[deleted]", "2 hours later"]
    source = _read("\n".join([*HEADLINE, *said]) + "\n")
    assert source.comments[Col.AUTHOR].isna().all()
    assert "\n".join(source.comments[Col.TEXT]).split("\n") == said


# ---------------------------------------------------------------------------- fourteenth batch


@pytest.mark.parametrize(("line", "kind", "created_at"), [
    ("3 घंटे पहले", TIME, None),
    ("अभी अभी", TIME, None),
    ("9 मार्च 2020, 19:17", TIME, "2020-03-09T19:17:00"),
    ("3 jam yang lalu", TIME, None),
    ("9 Maret 2020 19:17 WIB", TIME, "2020-03-09T19:17:00"),  # a zone without a closing "t"
    ("3 giờ trước", TIME, None),
    ("3 órája", TIME, None),  # Hungarian: the unit's ending says "ago"
    ("5 napja", TIME, None),
    ("2020. március 9. 19:17", TIME, "2020-03-09T19:17:00"),  # the year first
    ("3 tuntia sitten", TIME, None),
    ("לפני 3 שעות", TIME, None),
    ("לפני שעתיים", TIME, None),  # "two hours": the unit's dual, no number
    ("Reviewed in the United Kingdom on March 9, 2020", TIME, "2020-03-09"),
    ("42 people found this helpful", COUNT, None),
    ("One person found this helpful", COUNT, None),
    ("Suka 12", COUNT, None),
    ("Tetszik 3", COUNT, None),
    ("Thích 7", COUNT, None),
    ("Tykkää 2", COUNT, None),
    ("पसंद 4 नापसंद 1", COUNT, None),
    ("4.0 out of 5 stars Does what it says", DETAIL, None),
    ("★★★★☆", DETAIL, None),
    ("Helpful", ACTION, None),
    ("הגב", ACTION, None),
    ("जवाब दें", ACTION, None),
    ("Válasz", ACTION, None),
    ("Suka", TEXT, None),  # an ASCII like word needs its number: alone it may be a name
    ("3 out of 5 people agree", TEXT, None),
    ("3 hete", TIME, None),
    ("Most", TEXT, None),
])
def test_ages_dates_counts_and_buttons_in_hindi_indonesian_hungarian_hebrew_and_reviews(
        line, kind, created_at):
    marker = classify_line(line)
    assert marker.kind == kind
    if kind == TIME:
        assert marker.created_at == created_at
    if line == "One person found this helpful":
        assert marker.likes == 1


def test_a_signature_line_under_the_body_names_its_author_without_the_dash():
    assert classify_line("— alice, 3 hours ago").name == "alice"
    assert classify_line("- bob, March 9, 2020").name == "bob"


def _talkback(c, parent_author, when):
    """An Israeli news site's talkback: "#. TITLE" (numbered once the page is laid out), "NAME
    , PLACE", "09.03.20 19:17", the body, "הגב", "4 👍"."""
    return ([f"#. {c[5][0].split()[0]} {c[5][0].split()[1]}...", f"{c[2]} , תל אביב",
             when.strftime("%d.%m.%y %H:%M")], ["הגב", f"{c[4]} 👍"])


def _signed_after(c, parent_author, when):
    """The name and age under the body: "— NAME, 35 minutes ago", "Like · Reply"."""
    return [], [f"— {c[2]}, {40 - c[3]} minutes ago",
                (f"{c[4]} likes · " if c[4] else "") + "Like · Reply"]


def _hindi(c, parent_author, when):
    return ([c[2], f"{40 - c[3]} मिनट पहले"],
            ["जवाब दें", "रिपोर्ट करें", f"पसंद {c[4]} नापसंद {c[4] % 3}"])


def _indonesian(c, parent_author, when):
    head = [c[2], f"{40 - c[3]} menit yang lalu"]
    head += [f"membalas {parent_author}"] if parent_author else []
    return head, ["Balas", "Laporkan", f"Suka {c[4]}"]


def _hungarian(c, parent_author, when):
    return [c[2], f"{40 - c[3]} perce"], ["Válasz", "Jelentés", f"Tetszik {c[4]}"]


def _reviews(c, parent_author, when):
    """A shop's reviews: stars and title, "Reviewed in ... on DATE", a badge on some, the
    body, "N people found this helpful" (none at 0), "Helpful", "Report"."""
    head = [c[2], f"{1 + c[3] % 5}.0 out of 5 stars {c[5][0].split()[0]}",
            f"Reviewed in the United Kingdom on March {when.day + c[3] // 10}, 2020"]
    head += ["Verified Purchase"] if c[4] % 2 else []
    votes = ([f"{c[4]} people found this helpful" if c[4] > 1 else "One person found this helpful"]
             if c[4] else [])
    return head, [*votes, "Helpful", "Report"]


def _numbered(text):
    """The page with its "#." titles numbered in the order shown."""
    lines, n = [], 0
    for line in text.split("\n"):
        if line.startswith("#. "):
            n += 1
            line = f"{n}. {line[3:]}"
        lines.append(line)
    return "\n".join(lines)


_TITLE = re.compile(r"\d+\. (?P<a>.+)|\d\.0 out of 5 stars (?P<b>.+)")


def _titles(page, bodies):
    """Per comment id, the line of the title in its header ("3. Not so...", "4.0 out of 5
    stars Good") and the title's words, for the comments that show one."""
    lines, titles = page.split("\n"), {}
    for cid, (start, _) in bodies.items():
        for number in range(start - 1, max(start - 5, 0), -1):
            match = _TITLE.fullmatch(lines[number - 1])
            if match:
                titles[cid] = (number, match.group("a") or match.group("b"))
                break
    return titles


@pytest.mark.parametrize("layout", [_talkback, _signed_after, _hindi, _indonesian, _hungarian,
                                    _reviews])
@pytest.mark.parametrize("flat", [False, True])
def test_fourteenth_batch_layouts_give_every_body_author_like_and_time(layout, flat):
    text, bodies = render(layout, flat=flat)
    page = _numbered(text)
    source = _read(page)
    comments = source.comments.set_index(Col.LINE_START)
    # A talkback's or a review's title is the commenter's words: its comment opens with it.
    titles = _titles(page, bodies)
    assert bool(titles) == (layout in (_talkback, _reviews))
    start = {cid: titles[cid][0] if cid in titles else first for cid, (first, _) in bodies.items()}
    assert sorted(comments.index) == sorted(start.values())
    assert [comments.loc[start[c[0]], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    assert source.report.accounted_lines == source.report.total_lines
    for cid, _, _, _, count, body in THREAD:
        row = comments.loc[start[cid]]
        assert row[Col.TEXT] == "\n".join([titles[cid][1], *body] if cid in titles else body)
        assert (0 if pd.isna(row[Col.LIKES]) else row[Col.LIKES]) == count
        assert row[Col.LINE_END] == bodies[cid][1]
    assert comments[Col.TIME_TEXT].notna().all()
    if layout is _indonesian:
        _assert_links_as_in_the_thread(comments, bodies)


def test_a_numbered_list_in_a_talkback_stays_its_text():
    """Numbered lines with no marker between them are a list in one comment, not titles."""
    said = ["1. The report was late.", "2. Nobody read the annex.", "3. The vote went ahead."]
    thread = [(*THREAD[0][:5], said), *THREAD[1:]]
    text, bodies = render(_talkback, flat=False, thread=thread)
    page = _numbered(text)
    comments = _read(page).comments.set_index(Col.LINE_START)
    title_line, title = _titles(page, bodies)["a1"]
    assert comments.loc[title_line, Col.TEXT] == "\n".join([title, *said])


def test_numbered_lines_among_plain_comments_are_no_layout():
    said = ["1. The report was late.", "2. Nobody read the annex.", "3. The vote went ahead.",
            "Agreed on all three.", "4. And the road is still closed.", "Thanks for the list."]
    comments = _read("\n".join([*HEADLINE, *said]) + "\n").comments
    assert comments[Col.AUTHOR].isna().all()


def test_ages_in_the_fourteenth_batch_languages_order_comments():
    from analysis.timeline import age_seconds
    ages = pd.Series(["3 órája", "3 घंटे पहले", "3 jam yang lalu", "לפני שעתיים",
                      "3 tuntia sitten", "5 perce"])
    assert age_seconds(ages).tolist() == [10800, 10800, 10800, 7200, 10800, 300]


def _without_body(text, bodies, cid):
    """The page with comment ``cid``'s body lines taken out (a picture the copy lost)."""
    lines = text.split("\n")
    start, end = bodies[cid]
    return "\n".join(lines[:start - 1] + lines[end:])


@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - {"facebook"}))
@pytest.mark.parametrize("flat", [False, True])
def test_a_comment_without_a_body_gives_its_name_to_no_other_comment(name, flat):
    """A comment whose body the page does not show (a picture, a sticker) has a header and a
    footer only: the next comment keeps its own name and text."""
    text, bodies = render(LAYOUTS[name], flat=flat)
    gone = "b1"
    comments = _read(_without_body(text, bodies, gone)).comments
    shown = [c for c in (_flat_by_time(THREAD) if flat else THREAD) if c[0] != gone]
    assert list(comments[Col.TEXT]) == [bodies[c[0]].text for c in shown]
    assert list(comments[Col.AUTHOR]) == [c[2] for c in shown]


def test_a_chat_message_without_text_gives_its_name_to_no_other_message():
    """A chat copy shows no footer: a picture message is a name and a time over nothing."""
    text, bodies = render(_chat_copy, flat=False)
    comments = _read(_without_body(text, bodies, "b1")).comments
    shown = [c for c in THREAD if c[0] != "b1"]
    assert list(comments[Col.TEXT]) == ["\n".join(c[5]) for c in shown]
    assert list(comments[Col.AUTHOR]) == [c[2] for c in shown]


def test_a_talkback_of_a_title_alone_is_a_comment_of_its_title():
    text, bodies = render(_talkback, flat=False)
    comments = _read(_numbered(_without_body(text, bodies, "b1"))).comments
    assert list(comments[Col.AUTHOR]) == [c[2] for c in THREAD]
    assert comments[Col.TEXT].iloc[1] == "They did,..."
    # Every other comment is its title and its own body, nothing of the one without a body.
    assert [text.split("\n")[1:] for text in comments[Col.TEXT].drop(index=1)] == [
        c[5] for c in THREAD if c[0] != "b1"]


# ---------------------------------------------------------------------------- fifteenth batch


@pytest.mark.parametrize(("line", "kind", "created_at"), [
    ("3 години тому", TIME, None),
    ("годину тому", TIME, None),  # Ukrainian drops the number for one, as Russian does
    ("щойно", TIME, None),
    ("9 березня 2020, 19:17", TIME, "2020-03-09T19:17:00"),
    ("вчора, 19:17", TIME, None),
    ("Відповісти", ACTION, None),
    ("Подобається 12", COUNT, None),
    ("۳ ساعت پیش", TIME, None),  # Persian digits
    ("یک ساعت پیش", TIME, None),
    ("همین الان", TIME, None),
    ("پاسخ", ACTION, None),
    ("۱۲ پسند", COUNT, None),
    ("03/19/20(Thu)19:17:05", TIME, "2020-03-19T19:17:05"),  # the month first: 19 is no month
    ("2020/03/09(月) 19:17:05.12", TIME, "2020-03-09T19:17:05"),
    ("alice 03/19/20(Thu)19:17:05 No.123456789", AUTHOR, "2020-03-19T19:17:05"),
    ("12 名前：alice 2020/03/09(月) 19:17:05.12 ID:AbC123xy", AUTHOR, "2020-03-09T19:17:05"),
    ("I read it on 03/09/2020 in No.5", TEXT, None),
    ("12 people came on 2020/03/09 19:17", TEXT, None),  # no label, no ID: a sentence
    (">>123456789", TEXT, None),
])
def test_ages_dates_counts_and_post_headers_of_the_fifteenth_batch(line, kind, created_at):
    marker = classify_line(line)
    assert marker.kind == kind
    if kind in (TIME, AUTHOR):
        assert marker.created_at == created_at
    if kind == AUTHOR:
        assert marker.name == "alice" and marker.number in (123456789, 12)
    if kind == COUNT:
        assert marker.likes == 12


def test_ages_in_ukrainian_and_persian_order_comments():
    from analysis.timeline import age_seconds
    ages = pd.Series(["3 години тому", "годину тому", "۳ ساعت پیش", "یک ساعت پیش"])
    assert age_seconds(ages).tolist() == [10800, 3600, 10800, 3600]


def _post_numbers(thread, first):
    """An imageboard numbers posts in the order they were posted, from ``first`` on."""
    return {c[0]: first + k for k, c in enumerate(sorted(thread, key=lambda c: c[3]))}


def _with_anchors(thread, first=4001):
    """The thread with each reply opening with its parent's anchor (">>4001")."""
    number = _post_numbers(thread, first)
    return [(*c[:5], ([f">>{number[c[1]]}"] if c[1] else []) + c[5]) for c in thread]


def _chan(c, parent_author, when):
    """4chan-like: "NAME 03/09/20(Mon)19:17:05 No.4001", the body (its anchor first), nothing
    under it."""
    return [f"{c[2]} {when:%m/%d/%y}(Mon){when:%H:%M:%S} No.{_post_numbers(THREAD, 4001)[c[0]]}"
            ], []


def _5ch(c, parent_author, when):
    """5ch-like: "1 名前：NAME 2020/03/09(月) 19:17:05.12 ID:...", the body, nothing under it."""
    number = _post_numbers(THREAD, 1)[c[0]]
    return [f"{number} 名前：{c[2]} {when:%Y/%m/%d}(月) {when:%H:%M:%S}.{number:02d} "
            f"ID:{c[2][:3]}X9"], []


def _every_post_read(layout, flat, thread):
    """The rendered thread's comments by their first line, and the render's bodies, once
    every post is read as a comment starting where its body does."""
    text, bodies = render(layout, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    return comments, bodies


@pytest.mark.parametrize("layout", [_chan, _5ch])
@pytest.mark.parametrize("flat", [False, True])
def test_an_imageboard_reply_answers_the_post_its_anchor_cites(layout, flat):
    """">>4001" cites a post by the number its header shows: the parent, exactly, whoever
    wrote it; the anchor stays the reply's text."""
    thread = _with_anchors(THREAD, 4001 if layout is _chan else 1)
    comments, bodies = _every_post_read(layout, flat, thread)
    for cid, _, author, _, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body) and row[Col.AUTHOR] == author
        # "03/09/20" leaves the order of day and month to the page, which does not settle it
        assert row[Col.TIME_TEXT].startswith("03/09/20(Mon)19:" if layout is _chan
                                             else "2020/03/09(月) 19:")
    _assert_links_as_in_the_thread(comments, bodies)


def test_anchors_link_posts_where_every_poster_is_anonymous():
    """The anchor names a post by its number, not its author: a page of "Anonymous" posts
    links as well."""
    thread = [(*c[:2], "Anonymous", *c[3:]) for c in _with_anchors(THREAD)]
    text, bodies = render(_chan, flat=True, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert (comments[Col.AUTHOR] == "Anonymous").all()
    _assert_links_as_in_the_thread(comments, bodies)


@pytest.mark.parametrize("layout", [_chan, _5ch])
def test_an_anchor_that_many_replies_share_stays_their_text(layout):
    """Four replies citing one post repeat its anchor line: no badge, no button."""
    answers_a1 = [(c[0], "a1" if c[0] in ("a2", "e1") else c[1], *c[2:]) for c in THREAD]
    thread = _with_anchors(answers_a1, 4001 if layout is _chan else 1)
    comments, bodies = _every_post_read(layout, True, thread)
    for cid, parent, _, _, _, body in thread:
        row = comments.loc[bodies[cid][0]]
        assert row[Col.TEXT] == "\n".join(body)
        assert (row[Col.PARENT_ID] == comments.loc[bodies[parent][0], Col.COMMENT_ID]
                if parent else pd.isna(row[Col.PARENT_ID]))


def test_a_reply_that_cites_several_posts_keeps_the_first_with_a_share_of_the_confidence():
    """">>4001 >>4003" answers both posts alike: the first is the parent kept, and the link
    says it is one of two; a reply citing one post keeps the whole confidence."""
    thread = _with_anchors(THREAD)
    number = _post_numbers(THREAD, 4001)
    cid, parent = next((c[0], c[1]) for c in thread if c[1])
    other = next(c[0] for c in thread if c[0] not in (cid, parent))
    thread = [(*c[:5], [f"{c[5][0]} >>{number[other]}", *c[5][1:]]) if c[0] == cid else c
              for c in thread]
    text, bodies = render(_chan, flat=True, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    _assert_links_as_in_the_thread(comments, bodies)
    both = comments.loc[bodies[cid][0]]
    assert both[Col.REPLY_CONFIDENCE] == pytest.approx(CONFIDENCE_POST_NUMBER / 2)
    assert "the first of 2 posts it cites" in both[Col.REPLY_EVIDENCE]
    single = comments[comments[Col.TEXT].str.startswith(">>") & (comments.index != bodies[cid][0])]
    assert len(single) and (single[Col.REPLY_CONFIDENCE] == CONFIDENCE_POST_NUMBER).all()


@pytest.mark.parametrize("flat", [False, True])
def test_an_anchor_inside_the_text_cites_its_post_where_none_opens_the_body(flat):
    """"As >>4001 says, ..." cites that post as an opening ">>4001" line does; the sentence
    stays the text."""
    number = _post_numbers(THREAD, 4001)
    thread = [(*c[:5], [f"As >>{number[c[1]]} says, {c[5][0]}", *c[5][1:]] if c[1] else c[5])
              for c in THREAD]
    comments, bodies = _every_post_read(_chan, flat, thread)
    for cid, _, _, _, _, body in thread:
        assert comments.loc[bodies[cid][0], Col.TEXT] == "\n".join(body)
    _assert_links_as_in_the_thread(comments, bodies)


def test_an_anchor_that_cites_no_post_on_the_page_starts_a_thread():
    """">>3999" (the thread's opening post, not copied) names no post on the page."""
    thread = _with_anchors(THREAD)
    thread[0] = (*thread[0][:5], [">>3999", *thread[0][5]])
    text, bodies = render(_chan, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert pd.isna(comments.loc[bodies["a1"][0], Col.PARENT_ID])
    assert comments.loc[bodies["a1"][0], Col.TEXT].startswith(">>3999\n")
    _assert_links_as_in_the_thread(comments, bodies)


def _ukrainian(c, parent_author, when):
    head = [c[2], f"{40 - c[3]} хвилин тому"]
    head += [f"Відповідь для {parent_author}"] if parent_author else []
    return head, ["Відповісти", "Поскаржитися", f"Подобається {c[4]}"]


def _persian(c, parent_author, when):
    digits = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    head = [c[2], f"{40 - c[3]} دقیقه پیش".translate(digits)]
    head += [f"در پاسخ به {parent_author}"] if parent_author else []
    return head, ["پاسخ", "گزارش", f"{c[4]} پسند".translate(digits)]


@pytest.mark.parametrize("layout", [_ukrainian, _persian])
@pytest.mark.parametrize("flat", [False, True])
def test_ukrainian_and_persian_news_sites_give_every_body_author_like_time_and_link(layout,
                                                                                     flat):
    text, bodies = render(layout, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    _assert_bodies_as_in_the_thread(comments, bodies)
    assert comments[Col.TIME_TEXT].notna().all()
    _assert_links_as_in_the_thread(comments, bodies)


def test_a_menu_button_is_furniture_and_on_goes_with_the_verb():
    assert classify_line("···").key == "action:menu"
    assert classify_line("⋮").key == "action:menu"
    assert classify_line("·").key != "action:menu"  # a separator between header parts
    marker = classify_line("alice commented on Mar 9, 2020")
    assert (marker.kind, marker.name, marker.time_text) == (AUTHOR, "alice", "Mar 9, 2020")


_ROLES = {"alice": "Author", "bob": "Member", "erin": "Contributor", "frank": "Collaborator"}


def _github_issue(c, parent_author, when):
    """A GitHub issue: "NAME commented on Mar 9, 2020", a role badge on some, the menu "···",
    the body, a reaction row above zero."""
    head = [f"{c[2]} commented on {when:%b} {when.day}, {when.year}"]
    head += [_ROLES[c[2]]] if c[2] in _ROLES else []
    return [*head, "···"], [f"👍 {c[4]}"] if c[4] else []


@pytest.mark.parametrize("flat", [False, True])
def test_a_github_issue_gives_every_body_author_like_and_date_without_its_badges(flat):
    text, bodies = render(_github_issue, flat=flat)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in THREAD] == [c[2] for c in THREAD]
    _assert_bodies_as_in_the_thread(comments, bodies)
    assert (comments[Col.TIME_TEXT] == "Mar 9, 2020").all()


@pytest.mark.parametrize(("line", "key"), [
    ("Rated 4 out of 5 stars", "author detail:rating"),
    ("2 reviews · GB", "author detail:reviewer"),
    ("1 review", "author detail:reviewer"),
    ("Date of experience: March 7, 2020", "author detail:dated"),
    ("Useful 3", COUNT),
    ("Useful", "action:useful"),
    ("Reply from Northwind Ltd", REPLY_TO),
    ("Note: March 3, 2020 was a Tuesday", TEXT),  # no date alone after the label
    ("The reply from the council came late", TEXT),
])
def test_a_review_sites_header_and_footer_lines(line, key):
    assert classify_line(line).key == key
    if key == REPLY_TO:
        assert classify_line(line).author == "Northwind Ltd"


_RESPONDED = {"a1": "Thanks for the kind words!", "c1": "We are sorry to hear that.",
              "a3": "Glad it helped.", "f1": "See you again soon."}


def _review_site(thread, responded):
    """A review site (Trustpilot-like): every comment a review (name, "N reviews · GB", "Rated
    N out of 5 stars", date, title, body, "Date of experience: ...", "Useful [N]", "Share"),
    and under the reviews in ``responded`` the business's response ("Reply from Northwind
    Ltd", date, body; no footer). Page text, each review's (first, last) line and each
    response's first line."""
    lines, reviews, responses = list(HEADLINE), {}, {}
    for cid, _, author, minutes, likes, body in thread:
        when = START + timedelta(minutes=minutes)
        lines += [author, f"{1 + minutes % 3} reviews · GB",
                  f"Rated {1 + likes % 5} out of 5 stars", f"Mar {when.day}, 2020",
                  body[0].split(",")[0]]
        reviews[cid] = (len(lines), len(lines) + len(body))
        lines += [*body, "Date of experience: March 7, 2020",
                  f"Useful {likes}" if likes else "Useful", "Share"]
        if cid in responded:
            lines += ["Reply from Northwind Ltd", f"Mar {when.day + 1}, 2020"]
            responses[cid] = len(lines) + 1
            lines.append(responded[cid])
    return "\n".join(lines) + "\n", reviews, responses


@pytest.mark.parametrize("responded", [_RESPONDED, {"c1": "We are sorry to hear that."}])
def test_a_review_sites_response_answers_the_review_above_it(responded):
    """Each review starts a thread of its own; the business's response answers the review it
    is printed under, also where the page shows one response only."""
    text, reviews, responses = _review_site(THREAD, responded)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted([s for s, _ in reviews.values()]
                                            + list(responses.values()))
    for cid, _, author, _, likes, body in THREAD:
        row = comments.loc[reviews[cid][0]]
        assert row[Col.AUTHOR] == author and pd.isna(row[Col.PARENT_ID])
        assert row[Col.TEXT] == "\n".join([body[0].split(",")[0], *body])
        assert row[Col.LIKES] == likes and row[Col.TIME_TEXT].startswith("Mar 9")
    for cid, start in responses.items():
        row = comments.loc[start]
        assert (row[Col.AUTHOR], row[Col.TEXT]) == ("Northwind Ltd", responded[cid])
        assert row[Col.PARENT_ID] == comments.loc[reviews[cid][0], Col.COMMENT_ID]


def _bulgarian_like(c, parent_author, when):
    """A layout in words no list here holds: an age ("преди 5 минути"), "in reply to" on
    replies shown flat, and a count in its own word after two buttons, where the next name
    follows."""
    minutes = (START + timedelta(hours=3) - when).seconds // 60
    age = f"преди {minutes} минути" if minutes < 60 else f"преди {minutes // 60} часа"
    head = [c[2], age] + ([f"В отговор на {parent_author}"] if parent_author else [])
    return head, ["Отговори", "Докладвай", f"{c[4]} харесвания"]


def _two_long_threads(size=12):
    """Two threads of ``size`` comments each by eight people, where most reply to the one
    above and every third to one further up."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]

    def parent(k):
        root, at = divmod(k, size)
        return None if at == 0 else f"c{root * size + (at - 1 if at % 3 else at // 2)}"

    return [(f"c{k}", parent(k), names[k * 5 % 8], 2 * k, k % 4 * 3,
             [f"Comment {k} on the annex and the vote."]) for k in range(2 * size)]


def _read_two_long_threads(layout, flat, thread=None):
    """The two long threads (or ``thread``) rendered by ``layout`` and read, once every
    comment is found where its body starts and bears its author's name: the thread, the
    comments by their first line, and each comment's body lines."""
    thread = thread or _two_long_threads()
    text, bodies = render(layout, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    return thread, comments, bodies


@pytest.mark.parametrize("flat", [False, True])
def test_a_count_in_unknown_words_after_learned_buttons_is_no_name(flat):
    """Where nothing is known by its form, the buttons and ages are learned from their
    repeats; the count under them ("12 харесвания") is then a count beside those buttons,
    not the name slot of a comment whose name would follow it."""
    thread, comments, bodies = _read_two_long_threads(_bulgarian_like, flat=flat)
    assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [c[4] for c in thread]
    # An age in words no list knows has no anchor in time, but its text stays the comment's.
    assert comments[Col.TIME_TEXT].str.fullmatch(r"преди \d+ (?:минути|часа)").all()
    assert comments[Col.CREATED_AT].isna().all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    if flat:  # "in reply to NAME" names a person, who commented several times
        by_id = comments.reset_index().set_index(Col.COMMENT_ID)
        author = {c[0]: c[2] for c in thread}
        assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
                for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]


def _estonian_like(c, parent_author, when):
    """Dates with a month name no list here holds ("oktoober"), but for a few comments in a
    month one does ("november"): a layout by form of those few comments only."""
    month = "november" if c[0] in ("c3", "c9", "c15", "c21") else "oktoober"
    head = [c[2], f"{when.day}. {month} 2016 {when.strftime('%H:%M')}"]
    head += [f"Vastus kasutajale {parent_author}"] if parent_author else []
    return head, ["Vasta", "Teata", f"{c[4]} meeldimist"]


def _catalan_like(c, parent_author, when):
    """A date of eight words in a language no list here holds."""
    head = [c[2], f"{when.day} de març de {when.year} a les {when.strftime('%H:%M')}"]
    head += [f"En resposta a {parent_author}"] if parent_author else []
    return head, ["Respon", "Denuncia", f"{c[4]} vots"]


def _somali_like(c, parent_author, when):
    """Dates in month names no list here holds but one ("May"), which a fifth of the
    comments show."""
    month = ["Maarso", "Abriil", "May", "Juun", "Luuliyo"][int(c[0][1:]) % 5]
    head = [c[2], f"{when.day} {month} 2020, {when.strftime('%H:%M')}"]
    head += [f"Jawaab u ah {parent_author}"] if parent_author else []
    return head, ["Jawaab", f"{c[4]} jecel"]


def _uzbek_like(c, parent_author, when):
    """Dates with the month glued to its day ("17-mart, 2020 04:09"), the month changing
    along the page, in words no list here holds."""
    month = ["mart", "aprel", "iyun", "iyul"][int(c[0][1:]) % 4]
    date = f"{when.day}-{month}, 2020 {when.strftime('%H:%M')}"
    reply = [f"{parent_author} ga javob"] if parent_author else []
    return [c[2], date, *reply], ["Javob berish", f"{c[4]} yoqdi"]


def _uzbek_footer_row(c, parent_author, when):
    """The same dates in a footer row with the button and the count."""
    month = ["mart", "aprel", "iyun", "iyul"][int(c[0][1:]) % 4]
    return [c[2]], [f"{when.day}-{month}, 2020 {when.strftime('%H:%M')} · Javob berish · "
                    f"{c[4]} yoqdi"]


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", [_uzbek_like, _uzbek_footer_row])
def test_a_date_with_its_month_glued_to_the_day_is_one_learned_time(layout, flat):
    """"17-mart, 2020 04:09" and "1-aprel, 2020 19:13": the word glued to a number is the
    word free to differ, so the dates are one learned marker, not one per month (and, in a
    footer row, the row's first part no name)."""
    thread, comments, bodies = _read_two_long_threads(layout, flat=flat)
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+-\w+, 2020 \d\d:\d\d").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_dates_in_months_no_list_knows_beside_one_it_knows_are_one_time_marker(flat):
    """The page's repeats read "17 Maarso 2020, 04:09" in the shape of "17 May 2020, 04:09",
    which is a time by its form: the same marker on every comment, not a learned line on
    four comments of five and a time on the fifth, which no comment shows both of."""
    thread, comments, bodies = _read_two_long_threads(_somali_like, flat=flat)
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ \w+ 2020, \d\d:\d\d").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", [_estonian_like, _catalan_like])
def test_dates_in_a_month_no_list_knows_are_learned_from_their_repeats(layout, flat):
    """Every comment is read by the page's repeats: a reading by form of the few comments whose
    month a list knows would make the rest text before the first comment or bodies."""
    thread, comments, bodies = _read_two_long_threads(layout, flat=flat)
    assert comments[Col.TIME_TEXT].str.contains(r" 2016 | 2020 ").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def test_a_learned_word_and_number_with_no_fixed_word_is_no_time():
    """"Patinka 12" under the buttons, "Sezonas 2" closing some bodies: learned as one shape,
    any word and a number, which says nothing of a time; only a clock, or a changing word
    beside a fixed one or a second number, is kept as ``time_text``."""
    def with_count_word_first(c, parent_author, when):
        return [c[2]], ["Atsakyti", "Pranešti", f"Patinka {c[4]}"]

    thread = [(cid, parent, author, minute, likes,
               body + ([f"Sezonas {int(cid[1:]) % 5 + 1}"] if int(cid[1:]) % 4 == 0 else []))
              for cid, parent, author, minute, likes, body in _two_long_threads()]
    text, _ = render(with_count_word_first, flat=False, thread=thread)
    comments = _read(text).comments
    assert len(comments) == len(thread)
    assert comments[Col.TIME_TEXT].isna().all()


def _latvian_age(when):
    minutes = (START + timedelta(hours=3) - when).seconds // 60
    return f"pirms {minutes} minūtēm" if minutes < 60 else f"pirms {minutes // 60} stundām"


def _latvian_name_and_age(c, parent_author, when):
    """"NAME · AGE" on one line, the age in words no list here holds, and a count written
    word first."""
    head = [f"{c[2]} · {_latvian_age(when)}"] + ([f"Atbilde {parent_author}"] if parent_author
                                                  else [])
    return head, ["Atbildēt", f"Patīk {c[4]}"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_and_an_age_in_unknown_words_on_one_line_are_learned_as_the_author_line(flat):
    """The part after the separator recurs in one shape (the number aside, one word free)
    beside names that differ: the name is the author, the rest the time as shown; the count
    under the buttons, word first, is the like count."""
    thread, comments, bodies = _read_two_long_threads(_latvian_name_and_age, flat=flat)
    assert [comments.loc[bodies[c[0]][0], Col.TIME_TEXT] for c in thread] == [
        _latvian_age(START + timedelta(minutes=c[3])) for c in thread]
    assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [c[4] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def test_a_button_and_its_count_on_one_line_are_no_author_line():
    """"Patīk · 3" on every comment: one word before the separator is a button, not names."""
    def button_with_count(c, parent_author, when):
        return [c[2], _latvian_age(when)], ["Atbildēt", f"Patīk · {c[4]}"]

    thread, comments, bodies = _read_two_long_threads(button_with_count, flat=False)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def test_an_age_under_the_body_whose_unit_never_changes_is_no_like_count():
    """"pirms 3 stundām" under every body, with no count shown: fixed words and one number,
    as a count would be; with no time read elsewhere on the page, it is kept as neither."""
    def age_below(c, parent_author, when):
        return [c[2]], [f"pirms {c[3] + 2} stundām", "Atbildēt", "Ziņot"]

    thread, comments, bodies = _read_two_long_threads(age_below, flat=False)
    assert comments[Col.LIKES].isna().all()
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _irish_with_a_badge(c, parent_author, when):
    """A badge in words no list here holds under some names, above an age no list knows."""
    weeks = 3 + c[3] // 20
    badge = ["Síntiúsóir"] if c[2] in ("bob", "erin") else []
    return [c[2], *badge, f"{weeks} seachtain ó shin"], ["Freagair", "Tuairiscigh"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_badge_under_some_names_above_a_learned_age_is_a_detail(flat):
    """The age is learned from its repeats; a badge between some names and their age stands
    where a detail stands before a time known by its form, not at the start of a body."""
    thread, comments, bodies = _read_two_long_threads(_irish_with_a_badge, flat=flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _galician_reply_above_the_name(c, parent_author, when):
    """"In reply to NAME" in words no list here holds, above the name of the comment that
    answers, where top-level comments start with their name."""
    head = [f"En resposta a {parent_author}"] if parent_author else []
    return head + [c[2], f"hai {1 + c[3] // 10} horas"], ["Respostar", f"{c[4]} gústalles"]


def _galician_with_initials(c, parent_author, when):
    """An avatar's initials above the name, then the age and "in reply to NAME" in words no
    list here holds."""
    head = [c[2][:2].upper(), c[2], f"hai {1 + c[3] // 10} horas"]
    return head + ([f"En resposta a {parent_author}"] if parent_author else []), [
        "Respostar", f"{c[4]} gústalles"]


@pytest.mark.parametrize("layout", [_galician_reply_above_the_name, _galician_with_initials])
def test_reply_lines_in_unknown_words_beside_the_name_slot_are_reply_markers(layout):
    """Shown flat, the replies' "En resposta a NAME" lines stand where the names of
    comments that answer nobody stand (after the comment above), or between the name and
    the body: lines of fixed words and a name the page shows on a line of its own are the
    reply markers, known before the names are searched, so that a name under one of them
    is still the name and the reply line neither a name nor a body."""
    thread, comments, bodies = _read_two_long_threads(layout, flat=True)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
            for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]
    assert comments[Col.TEXT].str.contains("En resposta").sum() == 0


def _reply_glued_by_an_affix(before, affix, after):
    """"in reply to NAME" with whom one answers marked by an affix glued to the name, in
    words no list here holds: ``before`` + NAME with ``affix`` + ``after``."""
    def layout(c, parent_author, when):
        reply = []
        if parent_author:
            name = f"{affix}{parent_author}" if affix.endswith("-") else f"{parent_author}{affix}"
            reply = [" ".join(part for part in (before, name, after) if part)]
        return [c[2], f"{1 + c[3] // 10} amahora edlule", *reply], [
            "Phendula", f"{c[4]} bayakuthanda"]
    return layout


@pytest.mark.parametrize("before, affix, after", [
    ("Impendulo", "ku-", ""), ("", "-কে", "উত্তর"), ("პასუხი", "-ს", "")])
def test_a_reply_line_with_the_name_glued_to_an_affix_names_the_parent(before, affix, after):
    """"Impendulo ku-alice", "alice-কে উত্তর", "პასუხი alice-ს": the fixed words and the
    affix recur, the rest is a name the page shows: a reply marker, not a comment's text
    (or, between a name and an age learned from their repeats, a name slot of its own)."""
    thread, comments, bodies = _read_two_long_threads(
        _reply_glued_by_an_affix(before, affix, after), flat=True)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
            for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]


def _irish_footer_row(c, parent_author, when):
    """Nothing but the name above the body and one row under it: the age, the button and the
    count, in words no list here holds."""
    hours = 3 + c[3] // 10
    row = f"{hours} uair ó shin · Freagair · {c[4]} maith leo"
    if c[3] % 3 == 0:  # a few ages in days, as a thread's older comments show
        row = f"{hours // 3} lá ó shin · Freagair · {c[4]} maith leo"
    return [c[2]], [row]


def _macedonian_footer_row(c, parent_author, when):
    """Nothing but the name above the body and one row under it: a date whose month (in
    words no list here holds) changes along the page, the button and the count."""
    month = ["март", "април", "мај", "јуни", "јули"][int(c[0][1:]) % 5]
    return [c[2]], [f"{when.day} {month} 2020, {when.strftime('%H:%M')} · Одговори · "
                    f"{c[4]} допаѓања"]


def _zulu_footer_row(c, parent_author, when):
    """As :func:`_macedonian_footer_row`, where one month of five is a word a list holds
    for another language ("Juni")."""
    month = ["Mashi", "Ephreli", "Meyi", "Juni", "Julayi"][int(c[0][1:]) % 5]
    return [c[2]], [f"{when.day} {month} 2020 {when.strftime('%H:%M')} · Phendula · "
                    f"{c[4]} bayakuthanda"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_footer_row_in_unknown_words_is_two_markers_with_its_time_and_count(flat):
    """The row recurs in one shape beside names: it holds a time and a button, two markers
    in one line, enough for a layout; its age part is the time as shown, its count part the
    likes. An age before the row's first separator makes no author line of it."""
    thread, comments, bodies = _read_two_long_threads(_irish_footer_row, flat=flat)
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ (?:uair|lá) ó shin").all()
    assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [c[4] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("layout", [_macedonian_footer_row, _zulu_footer_row])
def test_a_footer_row_whose_date_changes_month_is_no_author_line(layout, flat):
    """"17 март 2020, 04:09 · Одговори · 3 допаѓања": the part before the first separator
    differs from comment to comment in its numbers and its month only, one shape with one
    word free, as no set of names does: the row is furniture, not "NAME · TIME". Where a
    list knows a month ("17 Juni 2020 17:05 · Phendula · 1 bayakuthanda"), the rest of the
    row, a second separator and a number, is no name after a time either."""
    thread, comments, bodies = _read_two_long_threads(layout, flat=flat)
    assert comments[Col.TIME_TEXT].str.fullmatch(r"\d+ \w+ 2020,? \d\d:\d\d").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


# ------------------------------------------------- display names over handles, page links
_SURNAMES = {"alice": "Moreau", "bob": "Okafor", "carol": "Lindqvist", "dave": "Novak",
             "erin": "Tanaka", "frank": "Osei", "grace": "Ferreira", "heidi": "Kowalski"}


def _display(name):
    return f"{name.capitalize()} {_SURNAMES[name]}"


def _bluesky_like(c, parent_author, when):
    """A display name over its "@handle" and "· 5m"; replies shown flat say "Reply to" the
    display name; counts hidden at zero; "Continue thread…" under some deep replies; the
    page's own "Write your reply" right above the first name."""
    head = (["Write your reply"] if c[3] == 0 else []) + [
        _display(c[2]), f"@{c[2]}.bsky.social", f"· {60 - c[3]}m"]
    head += [f"Reply to {_display(parent_author)}"] if parent_author else []
    foot = [str(x) for x in (c[4] % 2, c[4]) if x]
    return head, foot + (["Continue thread…"] if int(c[0][1:]) % 5 == 4 else [])


@pytest.mark.parametrize("flat", [False, True])
def test_display_names_over_handles_are_the_authors_where_replies_name_them(flat):
    """"Reply to Alice Moreau" names the display name, not "@alice.bsky.social": the name
    replies use is the author, and where the page shows no reply line (nested), the name it
    shows first, as over an account's address. The links the page shows under a few deep
    replies, from several people's comments, are no comments and no comment's text."""
    thread = _two_long_threads()
    text, bodies = render(_bluesky_like, flat=flat, thread=thread)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [
        _display(c[2]) for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    assert not comments[Col.TEXT].str.contains("Continue thread").any()
    if flat:
        by_id = comments.reset_index().set_index(Col.COMMENT_ID)
        author = {c[0]: _display(c[2]) for c in thread}
        assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
                for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]


def _substack_like(c, parent_author, when, closing="Liked by the author"):
    """Name, age, body; under some bodies a note in words no list holds; "Like (3)" or a bare
    "Like", "Reply", "Share"; under a comment with replies, who answered it."""
    k = int(c[0][1:])
    body_end = [closing] if k % 3 == 1 else []
    foot = [f"Like ({c[4]})" if c[4] else "Like", "Reply", "Share"]
    foot += [f"1 reply by {parent_author}"] if k % 6 == 3 and parent_author else []
    return [c[2], f"{60 - c[3]}m"], body_end + foot


def _with_two_line_bodies(thread):
    return [(cid, parent, name, minute, likes, body + [f"See item {cid[1:]} of the minutes."])
            for cid, parent, name, minute, likes, body in thread]


@pytest.mark.parametrize("flat", [False, True])
def test_a_note_under_several_peoples_bodies_is_no_comment_text(flat):
    """"Liked by the author" ends the bodies of several people's comments and opens none: a
    note of the page. The same words as a comment's own last line ("Thanks!" under a longer
    comment) stay its text. "1 reply by bob" says who answered and is no comment."""
    thread = _with_two_line_bodies(_two_long_threads())
    text, bodies = render(_substack_like, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert not comments[Col.TEXT].str.contains("Liked by|1 reply by").any()

    def thanks(c, parent_author, when):
        return _substack_like(c, parent_author, when, closing="Thanks!")

    text, bodies = render(thanks, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    ends_with_thanks = comments[Col.TEXT].str.endswith("\nThanks!")
    assert ends_with_thanks.sum() == sum(int(c[0][1:]) % 3 == 1 for c in thread)


@pytest.mark.parametrize(("line", "key", "name", "likes", "time_text"), [
    ("alice on Jun 17, 2020 | parent | next [–]", AUTHOR + ":time", "alice", None,
     "on Jun 17, 2020"),
    ("[–]alice 1 point 18 hours ago*", AUTHOR + ":time", "alice", 1, "18 hours ago*"),
    ("permalink embed save parent report give award reply",
     "actions:permalink,embed,save,report,give award,reply", None, None, None),
    ("Like · Reply · 131 · 18h", "actions:like,reply", None, 131, "18h"),
    ("Like · Reply · 3 · 2d · Edited", "actions:like,reply", None, 3, "2d"),
    ("load more comments (11 replies)", MORE, None, None, None),
    ("2 replies by alice and bob", MORE, None, None, None),
    ("11 more comments...", MORE, None, None, None),
    ("More replies", MORE, None, None, None),
    ("1+", "count:bare", None, 1, None),
    ("33,729", "count:bare", None, 33729, None),
    ("Upvote 12 (19 / -7)", COUNT, None, 12, None),
    ("Monday at 3:04 PM", TIME, None, None, "Monday at 3:04 PM"),
    ("Last edited by alice; Oct 14 @ 4:04am", DETAIL + ":edited", None, None, None),
    ("Last edited: Today at 12:20 AM", DETAIL + ":edited", None, None, None),
    ("Edited August 17, 2015 by alice", DETAIL + ":edited", None, None, None),
    ("Last edited by alice on Mon Aug 17, 2015 4:45 am, edited 1 time in total.",
     DETAIL + ":edited", None, None, None),
    ("#3 · In reply to #2", "numbering", None, None, None),
    ("Posted on: 18 hours ago", TIME, None, None, "Posted on: 18 hours ago"),
    ("Agree (12)", COUNT, None, 12, None),
    ("Disagree (2)", "count:dislike", None, None, None),
    ("Sort by: Newest | Oldest | Most Agreed", MORE, None, None, None),
])
def test_header_and_footer_rows_of_more_comment_systems(line, key, name, likes, time_text):
    marker = classify_line(line)
    assert (marker.key, marker.name, marker.likes, marker.time_text) == (
        key, name, likes, time_text)


@pytest.mark.parametrize("line", ["2 comments from yesterday were great",
                                  "Reply · 2 · 3", "alice on her way home | parent",
                                  "1+1", "12,34", "Monday", "Friday at the pub",
                                  "Updated the list yesterday with new names",
                                  "edited by mods for civility", "online now",
                                  "Updated today by the council.", "Updated yesterday."])
def test_rows_like_those_but_not_them_stay_text(line):
    assert classify_line(line).kind == TEXT


def _facebook_plugin_like(c, parent_author, when):
    """The name alone above the body, a badge after some names, and one row under the body:
    buttons, the like count where there are likes, the age."""
    badge = " · Top commenter" if int(c[0][1:]) % 5 == 2 else ""
    count = f" · {c[4]}" if c[4] else ""
    return [f"{c[2]}{badge}"], [f"Like · Reply{count} · {60 - c[3]}m"]


def _with_page_lines(text, bodies, top, bottom):
    """A rendered page with the page's own lines ``top`` above its first comment and
    ``bottom`` under its last, and its comments' body lines moved down past ``top``."""
    lines = text.split("\n")
    text = "\n".join(lines[:len(HEADLINE)] + top + lines[len(HEADLINE):-1] + bottom) + "\n"
    return text, {cid: (start + len(top), end + len(top)) for cid, (start, end) in bodies.items()}


def _youtube_handles(c, parent_author, when):
    return [f"@{c[2]}", f"{60 - c[3]} minutes ago"], [*([str(c[4])] if c[4] else []), "Reply"]


@pytest.mark.parametrize(("layout", "top", "bottom"), [
    (_facebook_plugin_like, ["24 Comments", "Sort by", "Top", "Add a comment..."],
     ["Load 10 more comments", "Facebook Comments Plugin"]),
    (_youtube_handles, ["24 Comments", "Sort by", "Add a comment...", "Pinned by @alice"], []),
])
@pytest.mark.parametrize("flat", [False, True])
def test_the_first_comment_under_the_pages_own_lines_keeps_its_name(layout, top, bottom, flat):
    """The page's own lines above the first comment ("Add a comment...") and under the last
    ("Facebook Comments Plugin", after "Load 10 more comments") are neither a comment nor a
    name: every comment is read with its author, the first one too."""
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(layout, flat=flat, thread=thread), top, bottom)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


_TITLES = ["Data Analyst | SQL | Python | Tableau | Power BI", "Retired",
           "Senior Recruiter | Hiring across EMEA and the Americas"]


def _linkedin_titles(c, parent_author, when):
    """A name, the connection's degree, a job title longer than any name, an age; one row
    under the body."""
    k = int(c[0][1:])
    count = f" · {c[4]}" if c[4] else ""
    return [c[2], f"• {1 + k % 3}{['st', 'nd', 'rd'][k % 3]}", _TITLES[k % 3], f"{60 - c[3]}m"], [
        f"Like{count} | Reply"]


def _goodreads_like(c, parent_author, when):
    """"message 12: by alice" over the date: the name after words that open every one."""
    return [f"message {int(c[0][1:]) + 1}: by {c[2]}", when.strftime("%b %d, %Y %I:%M%p")], [
        "reply | flag"]


@pytest.mark.parametrize("layout", [_linkedin_titles, _goodreads_like])
@pytest.mark.parametrize("flat", [False, True])
def test_names_under_fixed_words_and_over_long_job_titles(layout, flat):
    """A header's detail may run longer than a name (a job title of seven words and more);
    a name may follow words and a number every name line opens with ("message 12: by")."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=layout is _linkedin_titles,
                                    thread=thread)


def _giscus_like(c, parent_author, when):
    """"alice commented 5 minutes ago" (replies: "replied"), the body, then reactions, each on
    its own line and hidden at zero ("👍 3", "🎉 1"); "Write a reply" closes each thread,
    right under its last comment's body where that one shows no reaction."""
    k = int(c[0][1:])
    head = [f"{c[2]} {'replied' if c[1] else 'commented'} {60 - c[3]} minutes ago"]
    foot = ([f"👍 {c[4]}"] if c[4] else []) + (["🎉 1"] if k % 4 == 1 else [])
    return head, foot + (["Write a reply"] if k % 12 == 11 else [])


@pytest.mark.parametrize("flat", [False, True])
def test_single_reactions_and_a_reply_box_under_each_thread_are_no_comment_text(flat):
    thread = _two_long_threads()
    text, bodies = render(_giscus_like, flat=flat, thread=_with_two_line_bodies(thread))
    thread = _with_two_line_bodies(thread)
    # a third thread, so that the reply box closes three
    comments = _read(text + "\n".join(
        ["erin commented 1 minute ago", "A third thread on the annex.", "Write a reply"]) + "\n"
    ).comments.set_index(Col.LINE_START)
    assert len(comments) == len(thread) + 1
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert not comments[Col.TEXT].str.contains("Write a reply|🎉").any()


def test_a_reply_box_under_many_comments_leaves_the_layout_readable():
    """Where a page's own line ("Write a reply") stands under so many comments that, read as
    comments, they hide the layout (its names on too few of them), it is read as the page's
    own line between comments, and the layout with it."""
    def boxed(c, parent_author, when):
        head, foot = _giscus_like(c, parent_author, when)
        k = int(c[0][1:])
        box = (["2 hidden items", "Load more…"] if k % 6 == 5 else []) + (
            ["Write a reply"] if k % 3 == 2 else [])
        return head, [line for line in foot if line != "Write a reply"] + box

    thread = _with_two_line_bodies(_two_long_threads())
    text, bodies = render(boxed, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_the_pages_own_text_around_the_comments_is_no_comment(flat):
    """Sort options and notes above the first comment, split by "more comments" lines, and
    the page's text after the last one are no comments: each lacks the header every comment
    shows and the buttons under it. They are reported, not lost."""
    top = ["Comments", "24", "View all", "Newest", "Oldest", "Best rated", "Worst rated",
           "The comments below have not been moderated."]
    bottom = ["Load more", "Share or comment on this article:", "Terms | Privacy"]
    thread = _two_long_threads()
    text, bodies = _with_page_lines(*render(guardian_like, flat=flat, thread=thread), top,
                                    bottom)
    source = _read(text)
    comments = source.comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    reasons = {s.line: s.reason for s in source.report.skipped}
    last = len(text.split("\n")) - 1
    assert reasons[last] == reasons[last - 1] == "page marker: text after the last comment"
    assert reasons[len(HEADLINE) + len(top)] == "page marker: text before the first comment"


def _economist_like(c, parent_author, when):
    """One header line: "NAME DATE" over a comment that answers nobody, "NAME in reply to
    PARENT DATE" over a reply; "Recommend 12" (a bare "Recommend" at none), "Report",
    "Reply"."""
    date = f"{when.strftime('%b')} {when.day}th {when.year}, {when.strftime('%H:%M')}"
    head = f"{c[2]} in reply to {parent_author} {date}" if parent_author else f"{c[2]} {date}"
    return [head], [f"Recommend {c[4]}" if c[4] else "Recommend", "Report", "Reply"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_and_date_on_one_line_and_in_reply_to_before_the_date(flat):
    """"alice Mar 9th 2020, 19:17" names and dates a comment with one space between, and
    "bob in reply to alice Mar 9th 2020, 19:19" a reply, its time after the parent's name;
    where two comments only answer nobody, their lines are still the author lines the
    replies' lines name."""
    thread = [(cid, parent if k > 1 else None, name, minutes, likes, body)
              for k, (cid, parent, name, minutes, likes, body) in enumerate(_two_long_threads())]
    thread = [(cid, "c0" if parent is None and k >= 2 else parent, *rest)
              for k, (cid, parent, *rest) in enumerate(thread)]
    text, bodies = render(_economist_like, flat=flat, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert comments[Col.CREATED_AT].str.startswith("2020-03-09T").all()
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


@pytest.mark.parametrize(("line", "key", "name"), [
    ("alice Mar 9th 2020, 19:17", AUTHOR + ":dated", "alice"),
    ("Jane Doe 9 Mar 2020 19.17", AUTHOR + ":dated", "Jane Doe"),
    ("bob in reply to alice Mar 9th 2020, 19:19", REPLY_TO, "alice"),
    ("The vote is on 9 March 2020 at 19:17", TEXT, None),
    ("Meeting moved to 9 Mar 2020 19.17", TEXT, None),
])
def test_a_name_then_a_full_date_with_one_space_between(line, key, name):
    marker = classify_line(line)
    assert (marker.key, marker.name) == (key, name)


def _answers_like(c, parent_author, when):
    """An answer's vote count over its body, its sign-off under it: "answered Mar 9, 2020 at
    19:17", then the name."""
    return [str(c[4])], ["Share", "Follow", f"answered {when.strftime('%b')} {when.day}, "
                         f"{when.year} at {when.strftime('%H:%M')}", c[2]]


def test_a_label_before_every_date_names_nobody():
    """"answered Mar 9, 2020 at 19:17" has the shape of "alice Mar 9, 2020 at 19:17", but
    where every such line names the same "author", the word is the page's label and the
    line a time; the names are the lines under it."""
    thread = _two_long_threads()
    text, bodies = render(_answers_like, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]
    assert comments[Col.CREATED_AT].str.startswith("2020-03-09T").all()


def _disqus_without_icons(c, parent_author, when):
    """Disqus copied as text: the reply arrow between the author and the parent, and the
    vote arrows, are icons the copy loses ("bob alice • 5 minutes ago", "3 • Reply • Share
    ›", "• Reply • Share ›" at no votes)."""
    head = f"{c[2]} {parent_author} • {60 - c[3]} minutes ago" if parent_author else (
        f"{c[2]} • {60 - c[3]} minutes ago")
    return [head], [f"{c[4] or ''} • Reply • Share ›".strip()]


@pytest.mark.parametrize("flat", [False, True])
def test_the_parents_name_after_the_authors_and_votes_before_the_buttons(flat):
    thread, comments, bodies = _read_two_long_threads(_disqus_without_icons, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
            for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]


def test_display_names_of_two_words_are_not_cut_where_no_one_goes_by_their_last():
    """"Jane Doe" stays Jane Doe though someone posts as "Jane": only a name another line
    holds whole ends a reply's line."""
    names = ["Jane Doe", "Jane", "Bob Smith", "Bobby", "Ann Lee", "Lee Ann", "Carl Ray", "Raya"]
    thread = [(f"c{k}", None, names[k % len(names)], 2 * k, 0, [f"Point {k} on the annex."])
              for k in range(32)]
    text, bodies = render(_disqus_without_icons, flat=False, thread=thread)
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert [comments.loc[bodies[c[0]][0], Col.AUTHOR] for c in thread] == [c[2] for c in thread]



# ---------------------------------------------------------------------------- 22nd session


@pytest.mark.parametrize(("line", "kind", "name", "time_text", "likes"), [
    ("#1.2  —  vor 3 Wochen", TIME, None, "vor 3 Wochen", None),  # a post's number, no name
    ("2w 12 likes Reply", ACTION, None, "2w", 12),
    ("—— Hide replies", MORE, None, None, None),
    ("5 hidden items", MORE, None, None, None),
    ("Oct 14 '16", TIME, None, "Oct 14 '16", None),
    ("alice • Oct 14 '16 • Edited on Oct 15 '16", AUTHOR, "alice", "Oct 14 '16", None),
    ("alice edited 3 weeks ago | link | flag | reply", AUTHOR, "alice", "3 weeks ago", None),
    ("3 weeks ago · in reply to alice", REPLY_TO, "alice", "3 weeks ago", None),
    ("-4 points", COUNT, None, None, -4),
    ("Ha! (12+ / 0-)", COUNT, None, None, 12),
    ("[ Parent ]", ACTION, None, None, None),
    ("I edited 3 weeks ago", TEXT, None, None, None),
    ("I walked 12 miles Reply", TEXT, None, None, None),
    ("[deleted]", TEXT, None, None, None),
    ("10/14/16", TEXT, None, None, None),  # alone, a ratio or a score
    ("I said no · in reply to you", TEXT, None, None, None),
    ("Replied to: Too many weird, wild things to count.", DETAIL, None, None, None),
    ("Replied to: alice", REPLY_TO, "alice", None, None),
    ("alice, bob and 37 others like this.", COUNT, None, None, 39),
    ("carol likes this.", COUNT, None, None, 1),
    ("I really like this.", TEXT, None, None, None),
    ("My dog likes this", TEXT, None, None, None),
    ("bob, carol and 7 others replied to this.", MORE, None, None, None),
    ("Edited", DETAIL, None, None, None),
    ("3 Replies Last reply 2 hours ago", MORE, None, None, None),
    ("alice · Fri 14-Oct-16 02:24:05", AUTHOR, "alice", "Fri 14-Oct-16 02:24:05", None),
    ("a 12-Oct-16 meeting", TEXT, None, None, None),
    ("14 ottobre 2016 | 03:24", TIME, None, "14 ottobre 2016 | 03:24", None),
    ("12 favorites", COUNT, None, None, 12),
    ("2:24 AM", TIME, None, "2:24 AM", None),  # a chat message's clock
    ("3:16", TEXT, None, None, None),  # a verse, a score
    ("It was 2:24 AM", TEXT, None, None, None),
])
def test_more_row_forms_by_their_form(line, kind, name, time_text, likes):
    marker = classify_line(line)
    assert (marker.kind, marker.name, marker.time_text, marker.likes) == (
        kind, name, time_text, likes)


def test_a_two_digit_year_after_an_apostrophe_is_a_date():
    assert classify_line("Oct 14 '16").created_at == "2016-10-14"
    assert classify_line("14 Oct '16").created_at == "2016-10-14"
    assert classify_line("Fri 14-Oct-16 02:24:05").created_at == "2016-10-14T02:24:05"


def _initials_for_some(c, parent_author, when):
    """An avatar's initial above the name of members without a picture (every other
    person), then "·40 minutes ago"; the like count and "Reply" under the body."""
    head = ([c[2][0].upper()] if len(c[2]) % 2 else []) + [c[2], f"·{60 - c[3]} minutes ago"]
    return head, [str(c[4]), "Reply"]


def _count_words_at_zero(c, parent_author, when):
    """Buttons in words no list knows, the like count as "12 Me gusta" and the same words
    alone at zero; "Ver 3 respuestas" under a comment with replies."""
    head = [f"{c[2]} | hace {60 - c[3]} minutos"]
    head += [f"En respuesta a {parent_author}"] if parent_author else []
    foot = ["Responder", f"{c[4]} Me gusta" if c[4] else "Me gusta", "Denunciar"]
    foot += [f"Ver {c[4] + 2} respuestas"] if c[3] % 5 == 1 else []
    return head, foot


def _a_button_where_the_count_is_hidden(c, parent_author, when):
    """"12 Leserempfehlungen" where a comment has recommendations, "Empfehlen" where it has
    none, above two buttons in words no list knows; a post number before the time."""
    head = [c[2], f"#{c[3] + 1}  —  vor {60 - c[3]} Minuten"]
    foot = [f"{c[4]} Leserempfehlungen" if c[4] else "Empfehlen", "Antworten", "Melden"]
    return head, foot


def _month_day_short_year(c, parent_author, when):
    """Meta's Threads: the date as "03/09/20" under the name, likes as a bare number."""
    return [c[2], f"{when.month:02d}/{when.day + c[3] // 10:02d}/20"], [str(c[4] + 1)]


def _score_after_each_name(c, parent_author, when):
    """IntenseDebate: "alice 216p · 40 minutes ago", each person with their points."""
    return [f"{c[2]} {len(c[2]) * 37}p · {60 - c[3]} minutes ago", f"+{c[4]}"], ["Reply"]


@pytest.mark.parametrize("layout", [_initials_for_some, _count_words_at_zero,
                                    _a_button_where_the_count_is_hidden,
                                    _month_day_short_year, _score_after_each_name])
@pytest.mark.parametrize("flat", [False, True])
def test_comment_systems_of_the_22nd_session_read_whole(layout, flat):
    """Each comment where its body starts, with its author (by _read_two_long_threads) and
    its text alone: no initial, zero button, "Ver 3 respuestas" or post number in it."""
    thread, comments, bodies = _read_two_long_threads(layout, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


@pytest.mark.parametrize("flat", [False, True])
def test_a_count_word_alone_or_a_button_in_its_place_is_a_count_at_zero(flat):
    for layout in (_count_words_at_zero, _a_button_where_the_count_is_hidden):
        thread, comments, bodies = _read_two_long_threads(layout, flat)
        assert [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread] == [
            c[4] for c in thread]


def test_a_column_of_short_dates_is_read_as_times():
    thread, comments, bodies = _read_two_long_threads(_month_day_short_year, flat=False)
    assert comments[Col.CREATED_AT].str.fullmatch(r"2020-03-\d\d").all()


def test_a_score_after_every_name_is_cut_but_numbers_that_tell_people_apart_stay():
    thread, comments, bodies = _read_two_long_threads(_score_after_each_name, flat=False)
    assert set(comments[Col.AUTHOR]) == {c[2] for c in thread}

    def anonymous(c, parent_author, when):
        return [f"Anonymous {len(c[2]) * 1111} · {60 - c[3]} minutes ago"], ["Reply"]
    text, bodies = render(anonymous, flat=False, thread=_two_long_threads())
    authors = _read(text).comments[Col.AUTHOR]
    assert authors.str.fullmatch(r"Anonymous \d{4}").all() and authors.nunique() > 1


def _spectator_like(c, parent_author, when):
    """The time and whom a reply answers on one line; a row of buttons with the points."""
    time = f"{60 - c[3]} minutes ago"
    head = [c[2], f"{time} · in reply to {parent_author}" if parent_author else time]
    return head, [f"Reply · Flag · {c[4]} points" if c[4] else "Reply · Flag"]


def test_page_text_past_the_lines_that_close_the_list_is_no_comment():
    """"Show more comments", then the site's own lines ("Comments policy", "About us"): no
    comment, though its first line stands where names do."""
    names = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    thread = [(f"c{k}", None if k % 4 == 0 else f"c{k - 1}", names[k * 5 % 8], 2 * k,
               k % 4 * 3, [f"Comment {k} on the annex and the vote."]) for k in range(24)]
    text, bodies = render(_spectator_like, flat=True, thread=thread)
    text += "Show more comments\nComments policy\nThe Spectator\nAbout us\nContact us\n"
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    by_id = comments.reset_index().set_index(Col.COMMENT_ID)
    author = {c[0]: c[2] for c in thread}
    assert [by_id.loc[comments.loc[bodies[c[0]][0], Col.PARENT_ID], Col.AUTHOR]
            for c in thread if c[1]] == [author[c[1]] for c in thread if c[1]]


def _ghost_like(c, parent_author, when):
    """Ghost: the avatar's initial for some, the name, "·40 minutes ago"; a reply to a reply
    quotes the opening words of the comment it answers ("Replied to: ..."); the like count
    and "Reply" under the body."""
    head, foot = _initials_for_some(c, parent_author, when)
    if parent_author and c[3] % 3:
        head += [f"Replied to: Comment {c[3] // 2 - 1} on the annex and the vote."]
    return head, foot


@pytest.mark.parametrize("flat", [False, True])
def test_a_reply_line_that_quotes_the_comment_answered_is_no_text(flat):
    thread, comments, bodies = _read_two_long_threads(_ghost_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _flarum_like(c, parent_author, when):
    """Flarum: "Like", "Reply", then who likes the comment ("alice, bob and 3 others like
    this.") where anyone does."""
    names = ["alice", "bob", "carol"][:c[4] % 4]
    likers = ([f"{', '.join(names[:-1])} and {names[-1]} like this." if len(names) > 1
               else f"{names[0]} likes this."] if names else [])
    return [c[2], f"{60 - c[3]} minutes ago"], ["Like", "Reply", *likers]


def test_who_likes_a_comment_is_its_like_count():
    thread, comments, bodies = _read_two_long_threads(_flarum_like, flat=False)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    # (no such line: no count shown)
    likes = [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread]
    assert [0 if pd.isna(n) else n for n in likes] == [c[4] % 4 for c in thread]


def _pinned_to_a_place_in_the_track(c, parent_author, when):
    """SoundCloud: "alice at 1:23", the place in the track a comment is pinned to, on most
    name lines; the age and "Reply" under the body."""
    head = [c[2] if c[3] % 7 == 6 else f"{c[2]} at {c[3] // 10}:{c[3] % 60:02d}"]
    return head, [f"{60 - c[3]} minutes ago", "Reply"]


@pytest.mark.parametrize("flat", [False, True])
def test_the_place_in_a_track_after_a_name_is_no_part_of_it(flat):
    thread, comments, bodies = _read_two_long_threads(_pinned_to_a_place_in_the_track, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)


def _kbin_like(c, parent_author, when):
    """Kbin: the name and age; under the body the favourites and the reduces as two bare
    numbers, "reply", "boost" or "boost (N)" where the comment was boosted, "more"."""
    boosts = c[3] % 5
    return [c[2], f"{60 - c[3]} minutes ago"], [
        str(c[4]), "0", "reply", f"boost ({boosts})" if boosts else "boost", "more"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_button_shown_with_its_count_and_alone_at_zero_is_one_marker(flat):
    thread, comments, bodies = _read_two_long_threads(_kbin_like, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _time_under_the_body(c, parent_author, when):
    """Letterboxd: the name above the body, the age under it, nothing else."""
    return [c[2]], [f"{60 - c[3]} minutes ago"]


def test_markers_before_the_page_text_that_ends_it_are_the_last_comments_footer():
    """With page text after the list and none of the list's own lines to tell where it ends,
    the last comment's age, with no name beside it where every other comment has one, is
    that comment's: each time is its own comment's, not the next one's."""
    thread = _two_long_threads()
    text, bodies = render(_time_under_the_body, flat=False, thread=thread)
    text += "Please sign in to reply.\nAbout\nPro\nNews\nTerms\n"
    comments = _read(text).comments.set_index(Col.LINE_START)
    assert sorted(comments.index) == sorted(start for start, _ in bodies.values())
    assert [comments.loc[bodies[c[0]][0], Col.TIME_TEXT] for c in thread] == [
        f"{60 - c[3]} minutes ago" for c in thread]


def _time_above_the_name(c, parent_author, when):
    """Corriere: the age first, then the name; under the body "Mi piace", the count where
    there is one, "Rispondi" and "Segnala", all in words no list here knows but the age."""
    age = "un'ora fa" if c[3] == 0 else f"{60 - c[3]} minuti fa"
    return [age, c[2]], ["Mi piace", *([str(c[4])] if c[4] else []), "Rispondi", "Segnala"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_button_above_each_time_is_no_name_once_the_page_repeats_it(flat):
    """"Segnala" stands right above each comment's time, where a first reading looks for
    names; read again with the page's repeated lines, it is the last of the buttons."""
    thread, comments, bodies = _read_two_long_threads(_time_above_the_name, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    assert [comments.loc[bodies[c[0]][0], Col.TIME_TEXT] for c in thread] == [
        "un'ora fa" if c[3] == 0 else f"{60 - c[3]} minuti fa" for c in thread]


def _recommended_under_the_age(c, parent_author, when):
    """NRC: the name; under the body the age, "Reageer" and "3 aanbevelingen", "1
    aanbeveling", or the button "Aanbevelen" where nobody has recommended it."""
    count = {0: "Aanbevelen", 1: "1 aanbeveling"}.get(c[4], f"{c[4]} aanbevelingen")
    return [c[2]], [f"{60 - c[3]} minuten geleden", "Reageer", count]


@pytest.mark.parametrize("flat", [False, True])
def test_a_count_at_zero_is_the_button_that_shares_its_stem(flat):
    thread = [(cid, parent, name, minute, 1 if minute % 10 == 4 else likes, body)
              for cid, parent, name, minute, likes, body in _two_long_threads()]
    thread, comments, bodies = _read_two_long_threads(_recommended_under_the_age, flat, thread)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _swedish_buttons_with_a_badge(c, parent_author, when):
    """Aftonbladet: the name, a subscriber's badge on some, the age; under the body
    "Svara", "Gilla (3)" or "Gilla" where nobody likes it, "Anmäl"; "Visa 2 fler svar"
    after some threads' replies. None of these words is on any list here but the age's."""
    badge = ["Plus-prenumerant"] if c[3] % 6 == 2 else []
    more = [f"Visa {c[3] % 4 + 2} fler svar"] if c[3] % 10 == 6 else []
    return [c[2], *badge, f"för {60 - c[3]} minuter sedan"], [
        "Svara", f"Gilla ({c[4]})" if c[4] else "Gilla", "Anmäl", *more]


@pytest.mark.parametrize("flat", [False, True])
def test_buttons_in_unknown_words_with_a_count_in_brackets_and_badges_under_names(flat):
    thread, comments, bodies = _read_two_long_threads(_swedish_buttons_with_a_badge, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _votes_in_brackets(c, parent_author, when):
    """Fark: name and time on one line; under the body the votes where there are any
    ("Funny (3)", "Funny (3) Smart (1)"), then "Quote | Reply | Report"."""
    votes = ([f"Funny ({c[4]})" + (" Smart (1)" if c[3] % 3 == 0 else "")] if c[4]
             else [f"Smart ({c[3] % 3 + 1})"] if c[3] % 16 == 0 else [])
    return [f"{c[2]} {when:%Y-%m-%d %I:%M:%S %p}"], [*votes, "Quote | Reply | Report"]


@pytest.mark.parametrize("flat", [False, True])
def test_votes_as_words_with_counts_in_brackets_are_no_comment_text(flat):
    thread, comments, bodies = _read_two_long_threads(_votes_in_brackets, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, likes=False, thread=thread)
    likes = [comments.loc[bodies[c[0]][0], Col.LIKES] for c in thread]
    assert [n for n, c in zip(likes, thread, strict=True) if c[4]] == [c[4] for c in thread if c[4]]


def _russian_more_replies(c, parent_author, when):
    """Habr: the name, the date, the rating, the body, "Ответить"; after some replies
    "Показать ещё 3 ответа" / "Показать ещё 5 ответов", two forms of the word, in a
    language no list here holds such lines in."""
    n = c[3] // 12 % 4 + 2
    more = [f"Показать ещё {n} {'ответа' if n < 5 else 'ответов'}"] if c[3] % 12 == 4 else []
    return [c[2], f"{when.day} мар {when.year} в {when:%H:%M}", f"+{c[4]}"], [
        "Ответить", *more]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_after_a_line_that_shows_more_replies_in_two_word_forms(flat):
    thread, comments, bodies = _read_two_long_threads(_russian_more_replies, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _expert_with_a_title(c, parent_author, when):
    """Yahoo! JAPAN: the name; on an expert's comment "エキスパート" and a title under it
    ("Economist", "Professor"); the time; under the body three reactions, the second and
    third no like count ("共感した 3", "なるほど 1", "うーん 0")."""
    expert = (["エキスパート", ["Economist", "Professor", "Lawyer"][c[3] % 3]]
              if c[3] % 5 == 1 else [])
    return [c[2], *expert, when.strftime("%m/%d %H:%M")], [
        f"共感した {c[4]}", f"なるほど {c[3] % 3}", f"うーん {c[3] % 2}"]


@pytest.mark.parametrize("flat", [False, True])
def test_a_name_above_a_badge_and_a_title_is_the_author(flat):
    thread, comments, bodies = _read_two_long_threads(_expert_with_a_title, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)


def _chat_with_clocks(c, parent_author, when):
    """Telegram: the name, the message, a reaction where there is one, the clock alone."""
    return [c[2]], [*([f"👍 {c[4]}"] if c[4] else []), when.strftime("%I:%M %p").lstrip("0")]


@pytest.mark.parametrize("flat", [False, True])
def test_a_clock_alone_under_each_message_is_its_time(flat):
    thread, comments, bodies = _read_two_long_threads(_chat_with_clocks, flat)
    _assert_bodies_as_in_the_thread(comments, bodies, thread=thread)
    times = [comments.loc[bodies[c[0]][0], Col.TIME_TEXT] for c in thread]
    assert times == [(START + timedelta(minutes=c[3])).strftime("%I:%M %p").lstrip("0")
                     for c in thread]
