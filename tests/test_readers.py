import json

import pytest

from analysis.readers import SourceError, read_bytes, read_source
from analysis.schema import ArticleCol, Col
from tests.conftest import SEED_ARTICLE_ONLY, SEED_WITH_COMMENTS, SHARED_EVAL


def _line_owner(source) -> dict[int, str]:
    """Which place each line went to; a line in two places raises."""
    owner: dict[int, str] = {}

    def claim(line: int, place: str) -> None:
        assert line not in owner, f"line {line} is in {owner[line]} and {place}"
        owner[line] = place

    for skipped in source.report.skipped:
        claim(skipped.line, f"skipped ({skipped.reason})")
    for _, comment in source.comments.iterrows():
        for line in range(int(comment[Col.LINE_START]), int(comment[Col.LINE_END]) + 1):
            claim(line, f"comment {comment[Col.COMMENT_ID]}")
    return owner


def test_seed_splits_article_from_comments():
    source = read_source(SEED_WITH_COMMENTS)
    assert len(source.articles) == 1
    article = source.articles.iloc[0]
    assert article[ArticleCol.LINE_START] == 1 and article[ArticleCol.LINE_END] == 7
    assert "Rutte" in article[ArticleCol.TEXT]
    assert source.comments[Col.LINE_START].min() == 20
    # between a human reading (about 55 comments) and one comment per line (83)
    assert 45 <= len(source.comments) < 83


def test_seed_every_line_accounted_for_exactly_once():
    source = read_source(SEED_WITH_COMMENTS)
    owner = _line_owner(source)
    article_lines = set(range(1, 8))
    assert set(owner) | article_lines == set(range(1, 103))
    assert not set(owner) & article_lines
    report = source.report
    assert report.total_lines == 102
    assert report.accounted_lines == 102
    assert report.article_lines == 7 and report.skipped_lines == 12


def test_seed_multiline_comment_is_one_comment():
    comments = read_source(SEED_WITH_COMMENTS).comments
    spanning = comments[(comments[Col.LINE_START] <= 49) & (comments[Col.LINE_END] >= 49)]
    assert len(spanning) == 1
    comment = spanning.iloc[0]
    # "And please spare us ..." goes on from the paragraphs before it, or opens the comment.
    assert 46 <= comment[Col.LINE_START] <= 48 and comment[Col.LINE_END] == 50
    assert "Seven Years War" in comment[Col.TEXT] and "Cold War" in comment[Col.TEXT]
    assert comment[Col.SEGMENT_EVIDENCE], "a join must say why"


def test_seed_truncated_last_line_kept_and_flagged():
    comments = read_source(SEED_WITH_COMMENTS).comments
    last = comments.sort_values(Col.LINE_END).iloc[-1]
    assert last[Col.LINE_END] == 102
    assert "Hoping" in last[Col.TEXT]
    assert bool(last[Col.TRUNCATED])
    assert comments[Col.TRUNCATED].sum() == 1


def test_article_only_seed_has_no_comments_and_drops_boilerplate():
    source = read_source(SEED_ARTICLE_ONLY)
    assert source.comments.empty
    article = source.articles.iloc[0]
    assert article[ArticleCol.TITLE] == (
        "NATO chief urges closer EU defence ties amid Ukraine war pressures")
    text = article[ArticleCol.TEXT]
    assert text.count("NATO chief urges closer EU defence ties") == 1, "repeated title kept"
    assert "Credit: NATO" not in text and "Copyright" not in text
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert "repeated" in reasons[3] and "photo credit" in reasons[4]
    assert "copyright" in reasons[31]
    assert source.report.accounted_lines == source.report.total_lines == 31


def test_comment_ids_unique_and_parents_empty_on_flat_page():
    comments = read_source(SEED_WITH_COMMENTS).comments
    assert comments[Col.COMMENT_ID].is_unique
    assert comments[Col.REPLY_CONFIDENCE].isna().all()


def test_a_page_that_opens_with_the_gap_is_comments_without_an_article(write_source):
    # Comments pasted without their article, after the usual run of blank lines.
    path = write_source("only.txt", "\n\n\n\nThe council should publish it.\n"
                        "They did, on page 40.\nNobody reads page 40.\n")
    source = read_source(path)
    assert source.articles.empty
    assert source.comments[Col.TEXT].tolist() == [
        "The council should publish it.", "They did, on page 40.", "Nobody reads page 40."]
    assert not any("no comment section" in w for w in source.report.warnings)
    assert source.report.accounted_lines == source.report.total_lines == 7


def test_comments_header_splits_page_without_a_gap(write_source):
    path = write_source("page.txt", "A headline\n\nThe article says a thing.\n\n12 Comments\n"
                        "I disagree with the thing.\nReply\nYou are right about it.\n")
    source = read_source(path)
    assert source.articles.iloc[0][ArticleCol.TEXT].startswith("A headline")
    assert len(source.comments) >= 1
    assert "I disagree" in source.comments.iloc[0][Col.TEXT]
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert "comment widget" in reasons[7]
    assert source.report.accounted_lines == 8


def test_a_comments_header_wins_over_a_blank_run_inside_the_comments(write_source):
    path = write_source("page.txt", "Headline\nThe article.\n\nComments (4)\nFirst one.\n"
                        "Second one.\n\n\n\nThird one.\nFourth one.\n")
    source = read_source(path)
    said = " ".join(source.comments[Col.TEXT])
    assert all(words in said for words in ("First", "Second", "Third", "Fourth"))
    assert "First" not in source.articles.iloc[0][ArticleCol.TEXT]
    assert source.report.accounted_lines == source.report.total_lines


def test_two_blank_runs_without_a_header_are_named_in_a_warning(write_source):
    path = write_source("page.txt", "Headline\nThe article.\n\n\n\nA comment?\n\n\n\n\n"
                        "Another comment.\n")
    source = read_source(path)
    assert source.comments[Col.TEXT].tolist() == ["Another comment."]
    assert any("several runs" in w and "lines 3-5" in w for w in source.report.warnings)


def test_widget_rows_and_relative_times_are_page_furniture_not_comments(write_source):
    path = write_source("page.txt", "Storm closes road\nThe road stays shut.\n\n\n\n"
                        "2 hours ago\nThey should have fixed the wall.\n"
                        "Reply · Share · 12 likes\nan hour ago\nThe budget was cut.\n"
                        "I reply to you\n")
    source = read_source(path)
    assert source.comments[Col.TEXT].tolist() == [
        "They should have fixed the wall.", "The budget was cut.", "I reply to you"]
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert "comment timestamp" in reasons[6] and "comment timestamp" in reasons[9]
    assert "comment widget" in reasons[8]
    assert source.report.accounted_lines == source.report.total_lines


# ------------------------------------------------------------------ structured sources


def test_disqus_export_reads_plain_text_and_nested_author_names(write_source):
    path = write_source("disqus.json", json.dumps({"response": [
        {"id": "101", "parent": None, "raw_message": "Disqus top", "message": "<p>Disqus top</p>",
         "author": {"name": "Ann", "username": "ann"}, "createdAt": "2024-01-01T10:00:00"},
        {"id": "102", "parent": 101, "raw_message": "A reply", "message": "<p>A reply</p>",
         "author": {"name": "Bo"}, "createdAt": "2024-01-01T10:05:00"}]}))
    comments = read_source(path).comments.set_index(Col.COMMENT_ID)
    assert comments[Col.TEXT].tolist() == ["Disqus top", "A reply"]
    assert comments[Col.AUTHOR].tolist() == ["Ann", "Bo"]
    assert comments.loc["102", Col.PARENT_ID] == "101"
    assert comments.loc["102", Col.REPLY_CONFIDENCE] == 1.0


def test_csv_generic_columns(write_source):
    path = write_source("export.csv", "comment_id,reply_to,text,user\n"
                        "a,,First comment,ann\nb,a,\"A reply\nover two lines\",bob\n")
    source = read_source(path)
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert list(comments.index) == ["a", "b"]
    assert comments.loc["b", Col.PARENT_ID] == "a"
    assert comments.loc["b", Col.REPLY_CONFIDENCE] == 1.0
    assert pd_isna(comments.loc["a", Col.PARENT_ID]) or comments.loc["a", Col.PARENT_ID] == ""
    assert comments.loc["b", Col.AUTHOR] == "bob"
    assert comments.loc["b", Col.TEXT] == "A reply\nover two lines"
    assert source.report.accounted_lines == source.report.total_lines == 4


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def test_reddit_style_json_with_prefixes_and_epoch_times(write_source):
    records = [
        {"id": "c1", "parent_id": "t3_post9", "link_id": "t3_post9", "body": "Top comment",
         "author": "x", "created_utc": 1700000000},
        {"id": "c2", "parent_id": "t1_c1", "link_id": "t3_post9", "body": "Reply", "author": "y",
         "created_utc": 1700000060.0},
    ]
    source = read_source(write_source("reddit.json", json.dumps(records, indent=2)))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments.loc["c2", Col.PARENT_ID] == "c1"
    assert comments.loc["c1", Col.PARENT_ID] == ""
    assert set(comments[Col.ARTICLE_ID]) == {"post9"}
    assert comments.loc["c1", Col.CREATED_AT] == "2023-11-14T22:13:20Z"
    assert source.report.accounted_lines == source.report.total_lines


def test_nested_json_replies_get_their_parent(write_source):
    document = {"article": {"id": "a1", "title": "Title"}, "comments": [
        {"id": "1", "text": "root", "replies": [{"id": "2", "text": "child"}]}]}
    source = read_source(write_source("nested.json", json.dumps(document)))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments.loc["2", Col.PARENT_ID] == "1"
    assert source.articles.iloc[0][ArticleCol.TITLE] == "Title"


def test_jsonl_broken_line_reported_good_lines_loaded(write_source):
    path = write_source("c.jsonl", '{"id": "1", "text": "fine"}\n{"id": "2", "text": \n'
                        '{"id": "3", "text": "also fine", "parent_id": "1"}\n')
    source = read_source(path)
    assert list(source.comments[Col.COMMENT_ID]) == ["1", "3"]
    skipped = {s.line: s.reason for s in source.report.skipped}
    assert list(skipped) == [2] and "invalid JSON" in skipped[2]
    assert source.report.accounted_lines == 3


def test_structured_links_to_missing_self_and_cycles_are_cut_and_reported(write_source):
    path = write_source("links.csv", "id,parent_id,text\n1,,root\n2,404,orphan\n3,3,self\n"
                        "4,5,cycle a\n5,4,cycle b\n")
    source = read_source(path)
    parents = source.comments.set_index(Col.COMMENT_ID)[Col.PARENT_ID].fillna("")
    assert parents["2"] == "" and parents["3"] == ""
    assert (parents["4"] == "") != (parents["5"] == ""), "exactly one cycle edge is cut"
    warnings = "\n".join(source.report.warnings)
    assert "line 3" in warnings and "not in the file" in warnings
    assert "line 4" in warnings and "itself" in warnings
    assert "cycle" in warnings


def test_duplicate_ids_are_kept_renamed_and_reported(write_source):
    source = read_source(write_source("dup.csv", "id,text\n1,one\n1,again\n"))
    assert list(source.comments[Col.COMMENT_ID]) == ["1", "1~2"]
    assert any("duplicate id" in w for w in source.report.warnings)


def test_eval_threads_csv_loads_with_links_kept():
    path = SHARED_EVAL / "threads" / "threads.csv"
    if not path.exists():
        pytest.skip("shared eval data not beside the project")
    source = read_source(path)
    assert len(source.comments) == 1332
    assert source.comments[Col.ARTICLE_ID].nunique() == 8
    assert (source.comments[Col.REPLY_CONFIDENCE] == 1.0).all()
    linked = source.comments[source.comments[Col.PARENT_ID].fillna("") != ""]
    assert len(linked) == 1332 - 168


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(("name", "content", "line", "words"), [
    ("empty.txt", b"", 1, "empty file"),
    ("blank.txt", b"\n  \n\t\n", 1, "only blank lines"),
    ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "binary"),
    ("notext.csv", b"id,parent_id,author\n1,,ann\n", 1, "no text column"),
    ("bad.json", b'[{"id": 1, "text": "ok"},\n {"id": 2, "text": }]', 2, "invalid JSON"),
    ("cut.json", b'[{"id": 1, "text": "ok"},\n {"id": 2, "te', 2, "invalid JSON"),
    ("allbad.jsonl", b"{not json\n[1, 2\n", 1, "no valid JSON"),
    ("object.json", b'\n{"comments": [{"id": 1, "msg": "hi"}]}', 2, "no text column"),
    ("scalar.json", b'"just a string"', 1, "no list of comments"),
])
def test_bad_input_names_file_line_and_reason(name, content, line, words):
    with pytest.raises(SourceError) as caught:
        read_bytes(name, content)
    error = caught.value
    assert error.path == name
    assert error.line == line
    assert words in error.reason
    assert str(error).startswith(name)


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="not found"):
        read_source(tmp_path / "nope.txt")


# ------------------------------------------------------------------ audit: damaged input


def test_csv_unclosed_quote_keeps_the_later_rows_and_names_its_line(write_source):
    path = write_source("s38.csv", 'id,parent_id,text\n1,,"I said ""no"" and left\n'
                        "2,1,Reply one\n3,1,Reply two\n4,,Another top comment\n")
    source = read_source(path)
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert list(comments.index) == ["1", "2", "3", "4"]
    assert comments.loc["1", Col.TEXT] == 'I said "no" and left'
    assert comments.loc["3", Col.PARENT_ID] == "1"
    assert any(w.startswith("line 2:") and "closing quote" in w for w in source.report.warnings)
    assert source.report.accounted_lines == source.report.total_lines == 5


def test_csv_missing_quote_paired_with_the_next_row_does_not_merge_rows(write_source):
    path = write_source("pair.csv", 'id,parent_id,text,author\n1,,"fine",ann\n'
                        '2,1,"Quote: ""it was fine"" and then\n3,1,"Next row",bob\n'
                        '4,,"Last row",cat\n')
    source = read_source(path)
    assert source.comments[Col.COMMENT_ID].tolist() == ["1", "3", "4"]
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert "malformed row" in reasons[3]
    assert any(w.startswith("line 3:") and "closing quote" in w for w in source.report.warnings)
    assert source.report.accounted_lines == source.report.total_lines == 5


def test_csv_quoted_field_over_several_lines_is_not_a_missing_quote(write_source):
    path = write_source("multi.csv", 'id,text\n1,"one\n""two""\nthree"\n2,"x",\n')
    source = read_source(path)
    assert source.comments[Col.TEXT].tolist()[0] == 'one\n"two"\nthree'
    assert not any("closing quote" in w for w in source.report.warnings)


DELETED_MIDDLE = [{"id": "a", "parent_id": None, "body": "Great news"},
                  {"id": "b", "parent_id": "a", "body": ""},
                  {"id": "c", "parent_id": "b", "body": "Why was this deleted?"}]


@pytest.mark.parametrize(("name", "content", "skipped_line"), [
    ("one_line.json", json.dumps(DELETED_MIDDLE), None),
    ("null_text.json", json.dumps([{**r, "body": r["body"] or None} for r in DELETED_MIDDLE],
                                  indent=1), 7),
    ("lines.jsonl", "\n".join(json.dumps(r) for r in DELETED_MIDDLE) + "\n", 2),
    ("nested.json", json.dumps([{"id": "a", "body": "Great news", "replies": [
        {"id": "b", "body": "", "replies": [{"id": "c", "body": "Why was this deleted?"}]}]}],
        indent=2), None),
])
def test_reply_to_a_comment_without_text_moves_to_its_grandparent(write_source, name, content,
                                                                   skipped_line):
    source = read_source(write_source(name, content))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert list(comments.index) == ["a", "c"]
    assert comments.loc["c", Col.PARENT_ID] == "a"
    assert comments.loc["c", Col.REPLY_CONFIDENCE] == 1.0
    assert "'b'" in comments.loc["c", Col.REPLY_EVIDENCE]
    warnings = "\n".join(source.report.warnings)
    assert "not in the file" not in warnings
    assert "replies to 'b', which has empty text; attached to 'a'" in warnings
    if skipped_line is None:
        assert "comment 'b' has empty text" in warnings
    else:
        assert any(s.line == skipped_line and s.reason == "empty comment text"
                   for s in source.report.skipped)
    assert source.report.accounted_lines == source.report.total_lines


def test_reply_to_a_top_level_comment_without_text_becomes_top_level(write_source):
    records = [{"id": 1, "text": None}, {"id": 2, "parent_id": 1, "text": "child"}]
    source = read_source(write_source("null.json", json.dumps(records)))
    comment = source.comments.set_index(Col.COMMENT_ID).loc["2"]
    assert comment[Col.PARENT_ID] == ""
    assert "empty text" in comment[Col.REPLY_EVIDENCE]
    assert source.report.accounted_lines == source.report.total_lines == 1


@pytest.mark.parametrize(("name", "content"), [
    ("camel.csv", "commentId,parentCommentId,commentText,authorName,createdAt\n"
                  "1,,Love this plan,ann,2024-01-01T10:00:00Z\n"
                  "2,1,Me too honestly,bob,2024-01-01T10:01:00Z\n"),
    ("ytdt.csv", "id,replyCount,publishedAt,authorName,text,isReply,isReplyTo,isReplyToName\n"
                 "1,1,2024-01-01T10:00:00Z,ann,Love this plan,0,,\n"
                 "2,0,2024-01-01T10:01:00Z,bob,Me too honestly,1,1,ann\n"),
])
def test_camel_case_and_youtube_data_tools_columns_keep_their_links(write_source, name,
                                                                    content):
    source = read_source(write_source(name, content))
    reply = source.comments.set_index(Col.COMMENT_ID).loc["2"]
    assert reply[Col.PARENT_ID] == "1"
    assert reply[Col.REPLY_CONFIDENCE] == 1.0
    assert reply[Col.AUTHOR] == "bob"
    assert reply[Col.CREATED_AT] == "2024-01-01T10:01:00Z"
    assert not source.report.warnings


def test_unknown_reply_column_is_named_in_a_warning(write_source):
    source = read_source(write_source("odd.csv", "id,replyToRef,text\n1,,root\n2,1,reply\n"))
    assert source.comments[Col.REPLY_CONFIDENCE].isna().all()
    assert any("'replyToRef'" in w and "reply link" in w for w in source.report.warnings)


@pytest.mark.parametrize("content", [
    "id,parent_id,text\n1,,root\n2,1.0,reply\n3,2.0,reply to the reply\n",
    "id,parent_id,text\n1.0,,root\n2.0,1,reply\n3.0,2,reply to the reply\n",
])
def test_integer_ids_written_as_floats_still_link(write_source, content):
    source = read_source(write_source("floats.csv", content))
    parents = source.comments[Col.PARENT_ID].fillna("").tolist()
    ids = source.comments[Col.COMMENT_ID].tolist()
    assert parents == ["", ids[0], ids[1]]
    assert not source.report.warnings


def test_float_id_that_is_not_a_whole_number_is_not_matched(write_source):
    source = read_source(write_source("f.csv", "id,parent_id,text\n1,,root\n2,1.5,reply\n"))
    assert source.comments[Col.PARENT_ID].fillna("").tolist() == ["", ""]
    assert any("'1.5', which is not in the file" in w for w in source.report.warnings)


def _nested_replies(depth: int) -> str:
    """One thread ``depth`` comments deep, each the only reply to the one before."""
    return ('{"id": "n%d", "text": "level", "replies": [' * depth) % tuple(range(depth)) + \
        "]}" * depth


def test_replies_nested_too_deeply_are_a_source_error(write_source):
    path = write_source("deep.json", "[\n" + _nested_replies(600) + "\n]\n")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.path == "deep.json"
    assert caught.value.line == 2
    assert "nested too deeply" in caught.value.reason


def test_jsonl_line_nested_too_deeply_is_skipped_with_its_reason(write_source):
    path = write_source("deep.jsonl", '{"id": "1", "text": "fine"}\n' + _nested_replies(600)
                        + '\n{"id": "2", "text": "also fine"}\n')
    source = read_source(path)
    assert source.comments[Col.COMMENT_ID].tolist() == ["1", "2"]
    assert "nested too deeply" in {s.line: s.reason for s in source.report.skipped}[2]
    assert source.report.accounted_lines == source.report.total_lines == 3


def test_replies_nested_a_few_hundred_deep_keep_their_parents(write_source):
    source = read_source(write_source("deep.json", "[" + _nested_replies(300) + "]"))
    comments = source.comments
    assert len(comments) == 300
    assert comments[Col.PARENT_ID].tolist()[1:] == [f"n{i}" for i in range(299)]


def _reddit_thing(kind: str, **data) -> dict:
    return {"kind": kind, "data": data}


def _reddit_listing(*children: dict) -> dict:
    return _reddit_thing("Listing", after=None, dist=len(children), children=list(children))


def test_reddit_thread_json_post_becomes_the_article_and_comments_keep_links(write_source):
    reply = _reddit_thing("t1", id="c2", parent_id="t1_c1", link_id="t3_abc",
                          body="Reply to first", author="u2", replies="")
    more = _reddit_thing("more", count=5, id="_", parent_id="t1_c1", children=["x1", "x2"])
    top = _reddit_thing("t1", id="c1", parent_id="t3_abc", link_id="t3_abc",
                        body="First comment", author="u1",
                        replies=_reddit_listing(reply, more))
    post = _reddit_thing("t3", id="abc", title="City approves bike lanes", selftext="Discuss.",
                         url="https://example.com/post")
    thread = [_reddit_listing(post), _reddit_listing(top)]
    source = read_source(write_source("abc.json", json.dumps(thread, indent=1)))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert list(comments.index) == ["c1", "c2"]
    assert comments.loc["c2", Col.PARENT_ID] == "c1"
    assert set(comments[Col.ARTICLE_ID]) == {"abc"}
    article = source.articles.iloc[0]
    assert article[ArticleCol.TITLE] == "City approves bike lanes"
    assert article[ArticleCol.TEXT] == "Discuss."
    assert any("load more" in w and "5 comments" in w for w in source.report.warnings)
    report = source.report
    assert report.article_lines > 0
    assert report.accounted_lines == report.total_lines


def test_json_array_elements_that_are_not_objects_say_so(write_source):
    path = write_source("junk.json", '[\n{"id": 1, "text": "a"},\n"junk",\n5,\n'
                        '{"id": 2, "parent_id": 1, "text": "b"}\n]\n')
    reasons = {s.line: s.reason for s in read_source(path).report.skipped}
    assert reasons == {1: "JSON structure", 3: "not a JSON object", 4: "not a JSON object",
                       6: "JSON structure"}


def test_page_without_a_comment_section_says_why_it_has_no_comments(write_source):
    source = read_source(write_source("flat.txt", "A headline\n\nFirst paragraph.\n\n"
                                      "Second paragraph.\nA short line.\n"))
    assert source.comments.empty
    assert any(w.startswith("no comment section found") for w in source.report.warnings)
    assert source.report.accounted_lines == source.report.total_lines == 6


def test_comments_without_an_article_read_as_comments_when_the_warning_is_followed(write_source):
    comments = "The council got this wrong.\nNo, they did not.\nRead the minutes.\n"
    source = read_source(write_source("only.txt", comments))
    (warning,) = [w for w in source.report.warnings if w.startswith("no comment section")]
    assert "a file of comments only: start it with 3 blank lines" in warning
    source = read_source(write_source("only.txt", "\n\n\n" + comments))
    assert source.comments["text"].tolist() == comments.splitlines()


def test_page_with_a_comment_section_has_no_such_warning():
    assert not any("no comment section" in w
                   for w in read_source(SEED_WITH_COMMENTS).report.warnings)


def test_a_structured_link_to_another_articles_comment_is_cut_with_that_reason(write_source):
    path = write_source("two.csv", "id,parent_id,article_id,text\n1,,a,root a\n2,,b,root b\n"
                        "3,1,b,answers a comment under article a\n")
    source = read_source(path)
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments[Col.PARENT_ID].fillna("").tolist() == ["", "", ""]
    assert "under another article" in comments.loc["3", Col.REPLY_EVIDENCE]
    assert any(w.startswith("line 4:") and "'1', which is under another article" in w
               for w in source.report.warnings)


def test_reddit_placeholders_of_deleted_comments_are_no_comments():
    source = read_bytes("removed.csv", b"id,parent_id,author,text\n1,,ann,The budget is fine.\n"
                        b"2,1,[deleted],[removed]\n3,2,cy,Why was that removed?\n"
                        b"4,1,dee,[deleted]\n")
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert list(comments.index) == ["1", "3"]
    assert comments.loc["3", Col.PARENT_ID] == "1"  # moved up past the removed comment
    assert [(s.line, s.reason) for s in source.report.skipped if s.line > 1] == [
        (3, "deleted comment: text is [removed]"), (5, "deleted comment: text is [deleted]")]


def test_a_record_without_the_text_field_is_named_as_such_not_as_empty_text():
    source = read_bytes("mixed.jsonl", b'{"id": "1", "text": "hello"}\n{"id": "2", "text": ""}\n'
                        b'{"id": "3", "body": "a post among comments"}\n')
    assert source.comments[Col.COMMENT_ID].tolist() == ["1"]
    assert [(s.line, s.reason) for s in source.report.skipped] == [
        (2, "empty comment text"), (3, "no text field: the record has no 'text'")]


@pytest.mark.parametrize("name, content", [
    ("likes.csv", "id,parent_id,text,likes\n1,,root,12\n2,1,reply,\"1,234\"\n3,1,more,\n"),
    ("likes.jsonl", '{"id": "1", "text": "root", "likeCount": 12}\n'
                    '{"id": "2", "parent_id": "1", "text": "reply", "likeCount": "1234"}\n'
                    '{"id": "3", "parent_id": "1", "text": "more", "likeCount": null}\n'),
    ("likes.json", '[{"id": 1, "text": "root", "upvotes": 12.0},'
                   ' {"id": 2, "parent_id": 1, "text": "reply", "upvotes": 1234},'
                   ' {"id": 3, "parent_id": 1, "text": "more"}]'),
])
def test_like_counts_of_an_export_are_read(write_source, name, content):
    source = read_source(write_source(name, content))
    likes = source.comments.set_index(Col.COMMENT_ID)[Col.LIKES]
    assert likes["1"] == 12 and likes["2"] == 1234
    assert likes.isna()["3"]
    assert not source.report.warnings


@pytest.mark.parametrize("value", ["1.2k", "-3", "12.5", "many"])
def test_a_like_count_that_is_no_whole_number_is_left_empty_and_named(write_source, value):
    path = write_source("odd_likes.csv", f"id,text,likes\n1,fine,4\n2,odd,{value}\n")
    source = read_source(path)
    likes = source.comments.set_index(Col.COMMENT_ID)[Col.LIKES]
    assert likes["1"] == 4 and likes.isna()["2"]
    assert [w for w in source.report.warnings
            if ("odd_likes.csv:3:" in w or "line 3" in w) and repr(value) in w], \
        source.report.warnings


def test_a_score_column_is_not_taken_for_likes(write_source):
    source = read_source(write_source("scored.csv", "id,text,score\n1,fine,-4\n2,good,0.93\n"))
    assert source.comments[Col.LIKES].isna().all()
    assert not source.report.warnings


def test_a_time_with_a_zone_name_it_does_not_take_is_named_in_the_warning(write_source):
    path = write_source("zones.csv", "id,text,created_at\n1,fine,2016-10-14 01:24:05 EST\n"
                                     "2,odd,2016-10-14 01:24:05 IST\n")
    source = read_source(path)
    times = source.comments.set_index(Col.COMMENT_ID)[Col.CREATED_AT]
    assert times["1"] == "2016-10-14T06:24:05Z"
    assert times["2"] == "2016-10-14 01:24:05 IST"
    assert [w for w in source.report.warnings if "line 3" in w and "'IST'" in w], \
        source.report.warnings


def test_a_reply_to_a_removed_comment_says_it_was_removed(write_source):
    path = write_source("removed.csv", "id,parent_id,text\na,,root\nb,a,[removed]\nc,b,Why?\n")
    source = read_source(path)
    reply = source.comments.set_index(Col.COMMENT_ID).loc["c"]
    assert reply[Col.PARENT_ID] == "a"
    assert "which is deleted ([removed])" in reply[Col.REPLY_EVIDENCE]
    assert any("replies to 'b', which is deleted ([removed]); attached to 'a'" in w
               for w in source.report.warnings), source.report.warnings
