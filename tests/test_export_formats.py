"""Exports of chat and social tools as they write them: tiny hand-made files, one per form."""

import json

from analysis.readers import read_source
from analysis.schema import ArticleCol, Col
from analysis.sources.records import SOURCE_TOP_LEVEL, _plain_from_html


def _read(write_source, name, value, lines=False):
    text = ("".join(json.dumps(v) + "\n" for v in value) if lines
            else json.dumps(value, indent=1))
    source = read_source(write_source(name, text))
    return source.comments.set_index(Col.COMMENT_ID), source.report, source.articles


def _parents(comments):
    return comments[Col.PARENT_ID].fillna("").to_dict()


def test_telegram_export_with_text_fragments_replies_and_a_service_message(write_source):
    comments, report, _ = _read(write_source, "result.json", {
        "name": "Group", "type": "public_supergroup", "id": 7, "messages": [
            {"id": 1, "type": "service", "date": "2024-01-01T09:00:00", "actor": "Ann",
             "action": "create_group", "title": "Group", "text": "", "text_entities": []},
            {"id": 2, "type": "message", "date": "2024-01-01T10:00:00",
             "date_unixtime": "1704103200", "from": "Ann", "from_id": "user1",
             "text": ["see ", {"type": "link", "text": "https://example.org"}, " now"]},
            {"id": 3, "type": "message", "date": "2024-01-01T10:05:00",
             "date_unixtime": "1704103500", "from": "Bo", "from_id": "user2",
             "reply_to_message_id": 2, "text": "thanks"}]})
    assert comments[Col.TEXT].to_dict() == {"2": "see https://example.org now", "3": "thanks"}
    assert comments[Col.AUTHOR].tolist() == ["Ann", "Bo"]
    assert _parents(comments) == {"2": "", "3": "2"}
    assert comments.loc["3", Col.CREATED_AT] == "2024-01-01T10:05:00Z"
    assert [n.reason for n in report.notes if n.kind == "service message"] == [
        "comment '1' is a service message (create_group), skipped"]


def test_discord_chat_exporter_json_with_a_reference(write_source):
    comments, _, _ = _read(write_source, "channel.json", {
        "guild": {"id": "1", "name": "G"}, "channel": {"id": "2", "name": "general"},
        "messages": [
            {"id": "10", "type": "Default", "timestamp": "2024-01-01T10:00:00.000+00:00",
             "content": "hello", "author": {"id": "5", "name": "ann", "nickname": "Ann"}},
            {"id": "11", "type": "Reply", "timestamp": "2024-01-01T10:01:00.000+00:00",
             "content": "hi", "author": {"id": "6", "name": "bo"},
             "reference": {"messageId": "10", "channelId": "2", "guildId": "1"}}],
        "messageCount": 2})
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    assert _parents(comments) == {"10": "", "11": "10"}
    assert comments.loc["11", Col.REPLY_CONFIDENCE] == 1.0


def test_a_plain_reference_column_is_no_reply_link_and_links_stay_inferred(write_source):
    """Discord's "reference" is a link object; a CSV's "reference" (an article number here)
    read as a link would cut every link to top-level with full confidence."""
    source = read_source(write_source("letters.csv", (
        "id,text,reference\n"
        "1,The council voted to close the library.,ART-2020-17\n"
        "2,That is a shame for the kids who use it.,ART-2020-17\n")))
    assert source.comments[Col.PARENT_ID].isna().all()
    assert source.comments[Col.REPLY_CONFIDENCE].isna().all()  # left for inference
    assert [n.kind for n in source.report.notes].count("plain reference column") == 1


def test_mastodon_context_html_content_and_replies_to_the_status_asked_about(write_source):
    account = {"id": "1", "username": "ann", "acct": "ann@example.social", "display_name": ""}
    comments, report, articles = _read(write_source, "context.json", {
        "ancestors": [], "descendants": [
            {"id": "101", "in_reply_to_id": "100", "created_at": "2024-01-01T10:00:00.000Z",
             "content": "<p>Fish &amp; chips<br>are &lt;fine&gt;</p><p>It&#39;s true</p>",
             "account": account},
            {"id": "102", "in_reply_to_id": "101", "created_at": "2024-01-01T10:01:00.000Z",
             "content": "<p><span class=\"h-card\"><a href=\"https://x\">@ann</a></span> "
                        "no</p>", "account": {"username": "bo", "acct": "bo"}}]})
    assert comments.loc["101", Col.TEXT] == "Fish & chips\nare <fine>\n\nIt's true"
    assert comments.loc["102", Col.TEXT] == "@ann no"
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    # The status the context is of is not in it: its replies are top-level, not cut links.
    assert _parents(comments) == {"101": "", "102": "101"}
    assert comments.loc["101", Col.REPLY_EVIDENCE] == SOURCE_TOP_LEVEL
    assert not [n for n in report.notes if n.kind == "cut link"]
    assert [n.kind for n in report.notes].count("HTML text") == 1
    assert articles[ArticleCol.ARTICLE_ID].tolist() == ["100"]


def test_x_api_v2_includes_users_and_replied_to_links(write_source):
    comments, report, _ = _read(write_source, "tweets.json", {
        "data": [
            {"id": "21", "text": "@bo yes &amp; no", "author_id": "2", "conversation_id": "1",
             "created_at": "2024-01-01T10:02:00.000Z", "edit_history_tweet_ids": ["21"],
             "referenced_tweets": [{"type": "replied_to", "id": "20"}]},
            {"id": "20", "text": "a &lt;b&gt; c", "author_id": "1", "conversation_id": "1",
             "created_at": "2024-01-01T10:01:00.000Z", "edit_history_tweet_ids": ["20"],
             "referenced_tweets": [{"type": "quoted", "id": "9"},
                                   {"type": "replied_to", "id": "1"}]}],
        "includes": {"users": [{"id": "1", "name": "Ann A", "username": "ann"},
                               {"id": "2", "name": "Bo B", "username": "bo"}]},
        "meta": {"result_count": 2}})
    assert comments[Col.TEXT].to_dict() == {"21": "@bo yes & no", "20": "a <b> c"}
    assert comments[Col.AUTHOR].to_dict() == {"21": "bo", "20": "ann"}
    # "1" is the tweet the conversation starts with, not in the file: "20" answers it.
    assert _parents(comments) == {"21": "20", "20": ""}
    assert not [n for n in report.notes if n.kind == "cut link"]


def test_discourse_topic_post_numbers_and_the_opening_post_as_article(write_source):
    comments, _, articles = _read(write_source, "topic.json", {
        "id": 55, "title": "A topic", "post_stream": {"posts": [
            {"id": 900, "post_number": 1, "username": "op", "cooked": "<p>Opening post</p>",
             "created_at": "2024-01-01T09:00:00.000Z", "reply_to_post_number": None},
            {"id": 901, "post_number": 2, "username": "ann", "cooked": "<p>first</p>",
             "created_at": "2024-01-01T10:00:00.000Z", "reply_to_post_number": None},
            {"id": 905, "post_number": 3, "username": "bo", "cooked": "<p>to ann</p>",
             "created_at": "2024-01-01T10:01:00.000Z", "reply_to_post_number": 2},
            {"id": 907, "post_number": 4, "username": "cy", "cooked": "<p>to op</p>",
             "created_at": "2024-01-01T10:02:00.000Z", "reply_to_post_number": 1}],
            "stream": [900, 901, 905, 907]}})
    assert comments[Col.TEXT].to_dict() == {"901": "first", "905": "to ann", "907": "to op"}
    assert _parents(comments) == {"901": "", "905": "901", "907": ""}
    assert articles[ArticleCol.TITLE].tolist() == ["A topic"]
    assert articles[ArticleCol.TEXT].tolist() == ["Opening post"]


def test_hacker_news_items_story_html_text_and_unix_times(write_source):
    comments, report, articles = _read(write_source, "items.json", [
        {"by": "op", "id": 1, "kids": [2], "title": "Show HN", "type": "story",
         "time": 1704100000, "url": "https://example.org"},
        {"by": "ann", "id": 2, "kids": [3], "parent": 1, "time": 1704103200, "type": "comment",
         "text": "It&#x27;s &quot;fine&quot;<p>see <a href=\"https:&#x2F;&#x2F;x.org\">"
                 "https:&#x2F;&#x2F;x.org</a>"},
        {"by": "bo", "id": 3, "parent": 2, "time": 1704103260, "type": "comment",
         "text": "agreed"}])
    assert comments.loc["2", Col.TEXT] == 'It\'s "fine"\n\nsee https://x.org'
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    assert _parents(comments) == {"2": "", "3": "2"}
    assert comments.loc["2", Col.CREATED_AT] == "2024-01-01T10:00:00Z"
    assert articles[ArticleCol.TITLE].tolist() == ["Show HN"]
    assert not [n for n in report.notes if n.kind in ("cut link", "no text field")]


def _bluesky_node(uri, handle, text, replies=()):
    return {"$type": "app.bsky.feed.defs#threadViewPost",
            "post": {"uri": uri, "cid": "bafy" + uri[-1],
                     "author": {"did": "did:plc:1", "handle": handle,
                                "displayName": handle.split(".")[0].title()},
                     "record": {"$type": "app.bsky.feed.post", "text": text,
                                "createdAt": "2024-01-01T10:00:00.000Z"},
                     "likeCount": 2, "indexedAt": "2024-01-01T10:00:01.000Z"},
            "replies": list(replies)}


def test_bluesky_post_thread_nested_replies_under_the_anchor_post(write_source):
    thread = _bluesky_node("at://a/p/0", "op.bsky.social", "The post", [
        _bluesky_node("at://a/p/1", "ann.bsky.social", "first", [
            _bluesky_node("at://a/p/2", "bo.bsky.social", "second")])])
    comments, _, articles = _read(write_source, "thread.json", {"thread": thread})
    assert comments[Col.TEXT].to_dict() == {"at://a/p/1": "first", "at://a/p/2": "second"}
    assert comments[Col.AUTHOR].tolist() == ["Ann", "Bo"]
    assert _parents(comments) == {"at://a/p/1": "", "at://a/p/2": "at://a/p/1"}
    assert comments[Col.LIKES].tolist() == [2, 2]
    assert articles[ArticleCol.TEXT].tolist() == ["The post"]


def test_lemmy_comment_views_and_their_paths(write_source):
    def view(cid, path, name, content):
        return {"comment": {"id": cid, "creator_id": 1, "post_id": 9, "content": content,
                            "published": "2024-01-01T10:00:00.000000Z", "path": path},
                "creator": {"id": 1, "name": name}, "post": {"id": 9, "name": "Post"},
                "counts": {"score": 1}}
    comments, _, _ = _read(write_source, "lemmy.json", {"comments": [
        view(12, "0.12", "ann", "top"), view(15, "0.12.15", "bo", "reply"),
        view(16, "0.12.15.16", "cy", "deeper")]})
    assert comments[Col.TEXT].tolist() == ["top", "reply", "deeper"]
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo", "cy"]
    assert _parents(comments) == {"12": "", "15": "12", "16": "15"}
    assert comments.loc["12", Col.CREATED_AT] == "2024-01-01T10:00:00Z"


def test_youtube_data_api_comment_threads(write_source):
    def snippet(text, author, parent=None):
        s = {"videoId": "v1", "textDisplay": text.replace("&", "&amp;"), "textOriginal": text,
             "authorDisplayName": author, "publishedAt": "2024-01-01T10:00:00Z",
             "likeCount": 3}
        return {**s, "parentId": parent} if parent else s
    comments, _, _ = _read(write_source, "threads.json", {
        "kind": "youtube#commentThreadListResponse", "items": [
            {"kind": "youtube#commentThread", "id": "Ug1",
             "snippet": {"videoId": "v1", "totalReplyCount": 1, "topLevelComment": {
                 "kind": "youtube#comment", "id": "Ug1", "snippet": snippet("A & B", "@ann")}},
             "replies": {"comments": [{"kind": "youtube#comment", "id": "Ug1.x2",
                                       "snippet": snippet("yes", "@bo", "Ug1")}]}}]})
    assert comments[Col.TEXT].to_dict() == {"Ug1": "A & B", "Ug1.x2": "yes"}
    assert comments[Col.AUTHOR].tolist() == ["@ann", "@bo"]
    assert _parents(comments) == {"Ug1": "", "Ug1.x2": "Ug1"}
    assert comments[Col.ARTICLE_ID].unique().tolist() == ["v1"]


def test_youtube_comment_downloader_lines_reply_ids_only_when_marked(write_source):
    comments, report, _ = _read(write_source, "comments.jsonl", [
        {"cid": "Ug1", "text": "top", "time": "2 years ago", "author": "@ann", "reply": False,
         "time_parsed": 1704103200.0},
        {"cid": "Ug1.x2", "text": "reply", "time": "1 year ago", "author": "@bo",
         "reply": True, "time_parsed": 1704103260.0},
        {"cid": "Ug3.y", "text": "a dot, but no reply", "time": "1 year ago",
         "author": "@cy", "reply": False, "time_parsed": 1704103300.0}], lines=True)
    assert _parents(comments) == {"Ug1": "", "Ug1.x2": "Ug1", "Ug3.y": ""}
    assert comments.loc["Ug1", Col.CREATED_AT] == "2024-01-01T10:00:00Z"
    assert not [n for n in report.notes if n.kind == "not a date"]


def test_facebook_graph_comments_with_parent_objects(write_source):
    comments, _, _ = _read(write_source, "fb.json", {"data": [
        {"id": "1_2", "from": {"name": "Ann", "id": "7"}, "message": "top",
         "created_time": "2024-01-01T10:00:00+0000", "like_count": 4},
        {"id": "1_3", "from": {"name": "Bo", "id": "8"}, "message": "reply",
         "created_time": "2024-01-01T10:01:00+0000", "parent": {"id": "1_2"}}],
        "paging": {"cursors": {"before": "a", "after": "b"}}})
    assert comments[Col.AUTHOR].tolist() == ["Ann", "Bo"]
    assert _parents(comments) == {"1_2": "", "1_3": "1_2"}
    assert comments[Col.CREATED_AT].tolist() == ["2024-01-01T10:00:00Z",
                                                 "2024-01-01T10:01:00Z"]
    assert comments.loc["1_2", Col.LIKES] == 4


def test_slack_channel_export_threads_and_escaped_text(write_source):
    comments, report, _ = _read(write_source, "2024-01-01.json", [
        {"type": "message", "user": "U1", "text": "fish &amp; chips &lt;3",
         "ts": "1704103200.000100", "thread_ts": "1704103200.000100", "reply_count": 1,
         "replies": [{"user": "U2", "ts": "1704103260.000200"}],
         "user_profile": {"real_name": "Ann A", "display_name": "ann", "name": "ann"}},
        {"type": "message", "user": "U2", "text": "yes", "ts": "1704103260.000200",
         "thread_ts": "1704103200.000100", "parent_user_id": "U1",
         "user_profile": {"real_name": "Bo B", "name": "bo"}}])
    assert comments[Col.TEXT].tolist() == ["fish & chips <3", "yes"]
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    assert _parents(comments) == {"1704103200.000100": "",
                                  "1704103260.000200": "1704103200.000100"}
    assert comments[Col.CREATED_AT].tolist() == ["2024-01-01T10:00:00Z",
                                                 "2024-01-01T10:01:00Z"]
    # The thread root's list of replies ({"user", "ts"}) holds no comments of its own.
    assert not [n for n in report.notes if n.kind in ("no text field", "cut link")]


def test_a_ts_column_without_slack_threads_is_a_time_and_not_an_id(write_source):
    source = read_source(write_source("log.csv", (
        "ts,user,text\n"
        "2020-03-09 19:17,ann,The council voted to close the library.\n"
        "2020-03-09 19:17,bo,That is a shame for the kids.\n")))
    assert source.comments[Col.CREATED_AT].tolist() == ["2020-03-09 19:17"] * 2
    assert not [n for n in source.report.notes if "duplicate id" in n.reason]
    assert source.comments[Col.COMMENT_ID].nunique() == 2


def test_html_to_plain_text_is_text_only():
    html = ("<p>a<script>alert(1)</script> &lt;b&gt; &amp;amp;</p>"
            "<p><a href='javascript:x'>link</a><br/>line</p><style>p{}</style>")
    assert _plain_from_html(html) == "a <b> &amp;\n\nlink\nline"


def test_plain_text_that_mentions_tags_or_entities_is_left_as_written(write_source):
    # A bare "&" elsewhere in the field: not HTML. Reddit's named escapes stay as written.
    comments, report, _ = _read(write_source, "plain.json", [
        {"id": "1", "text": "use <br> here"}, {"id": "2", "text": "R&D &gt; sales"}])
    assert comments[Col.TEXT].tolist() == ["use <br> here", "R&D &gt; sales"]
    assert not [n for n in report.notes if n.kind == "HTML text"]
    comments, _, _ = _read(write_source, "reddit.json", [
        {"id": "1", "body": "&gt; quoted &amp; more"}, {"id": "2", "body": "plain"}])
    assert comments[Col.TEXT].tolist() == ["&gt; quoted &amp; more", "plain"]


def test_youtube_comment_threads_with_the_html_text_only(write_source):
    # Only a comment's author gets "textOriginal"; everyone else gets "textDisplay" (HTML).
    comments, report, _ = _read(write_source, "threads.json", {"items": [
        {"kind": "youtube#commentThread", "id": "Ug1", "snippet": {"topLevelComment": {
            "kind": "youtube#comment", "id": "Ug1", "snippet": {
                "textDisplay": "A &amp; B<br>see <a href=\"https://x.org\">https://x.org</a>",
                "authorDisplayName": "@ann", "publishedAt": "2024-01-01T10:00:00Z"}}}}]})
    assert comments.loc["Ug1", Col.TEXT] == "A & B\nsee https://x.org"
    assert [n.kind for n in report.notes].count("HTML text") == 1


def test_telegram_account_export_scopes_message_ids_by_chat(write_source):
    def chat(chat_id, name, texts):
        return {"name": name, "type": "private_group", "id": chat_id, "messages": [
            {"id": n, "type": "message", "date_unixtime": str(1704103200 + n), "from": "Ann",
             "text": text, **({"reply_to_message_id": n - 1} if n > 1 else {})}
            for n, text in enumerate(texts, start=1)]}
    photo = {"id": 3, "type": "message", "date_unixtime": "1704103300", "from": "Bo",
             "photo": "(File not included.)", "text": ""}
    first = chat(10, "Group A", ["a1", "a2"])
    first["messages"].append(photo)
    comments, report, articles = _read(write_source, "result.json", {
        "about": "Here is the data you requested.", "chats": {"about": "", "list": [
            first, chat(20, "Group B", ["b1", "b2"])]}})
    assert _parents(comments) == {"10:1": "", "10:2": "10:1", "20:1": "", "20:2": "20:1"}
    assert comments[Col.ARTICLE_ID].tolist() == ["10", "10", "20", "20"]
    assert sorted(articles[ArticleCol.TITLE]) == ["Group A", "Group B"]
    assert [n.reason for n in report.notes if n.kind == "media message without text (photo)"
            ] == ["comment '10:3' is a media message without text (photo), skipped"]


def test_facebook_graph_replies_nested_as_a_comments_edge(write_source):
    comments, _, _ = _read(write_source, "fb.json", {"data": [
        {"id": "1_2", "from": {"name": "Ann"}, "message": "top",
         "created_time": "2024-01-01T10:00:00+0000", "comments": {"data": [
             {"id": "1_3", "from": {"name": "Bo"}, "message": "reply",
              "created_time": "2024-01-01T10:01:00+0000"}],
             "paging": {"cursors": {"before": "a", "after": "b"}}}}]})
    assert comments[Col.TEXT].tolist() == ["top", "reply"]
    assert _parents(comments) == {"1_2": "", "1_3": "1_2"}


def test_discourse_topic_with_only_its_first_posts_says_what_is_missing(write_source):
    _, report, _ = _read(write_source, "topic.json", {"id": 5, "title": "T", "post_stream": {
        "posts": [{"id": 50, "post_number": 1, "username": "op", "cooked": "<p>T</p>"},
                  {"id": 51, "post_number": 2, "username": "ann", "cooked": "<p>hi</p>",
                   "reply_to_post_number": None}],
        "stream": [50, 51, 52, 53]}})
    assert [n.reason for n in report.notes if n.kind == "posts not in the file"] == [
        "the topic lists 4 posts (post_stream.stream) but the file holds 2; the others are "
        "not in the file (fetch /t/ID.json?print=true or /t/ID/posts.json?post_ids[]=...)"]


def test_comment_like_objects_under_an_unknown_key_are_named(write_source):
    comments, report, _ = _read(write_source, "qa.json", {"data": [
        {"id": "1", "text": "question", "author": "ann",
         "answers": [{"id": "2", "text": "answer", "author": "bo"}]}]})
    assert comments[Col.TEXT].tolist() == ["question"]
    assert [n.reason for n in report.notes if n.kind == "nested objects not read"] == [
        "1 comment-like object(s) nested under 'answers' are not read as comments"]


def test_deleted_and_blocked_posts_are_skipped_with_their_reason(write_source):
    _, report, _ = _read(write_source, "items.json", [
        {"by": "ann", "id": 2, "parent": 1, "time": 1704103200, "type": "comment",
         "text": "kept"},
        {"deleted": True, "id": 3, "parent": 2, "time": 1704103260, "type": "comment"}])
    assert report.skipped_by_reason()["deleted comment: marked deleted"] > 0
    thread = _bluesky_node("at://a/p/0", "op.bsky.social", "The post", [
        _bluesky_node("at://a/p/1", "ann.bsky.social", "first"),
        {"$type": "app.bsky.feed.defs#blockedPost", "uri": "at://b/p/9", "blocked": True}])
    _, report, _ = _read(write_source, "thread.json", {"thread": thread})
    assert [n.kind for n in report.notes].count("blocked post") == 1


def test_4cat_csv_reads_the_threads_own_row_as_the_article(write_source):
    """4CAT's Reddit datasource writes the thread's post as a row of its own (id = thread_id,
    its title in "subject"), and "timestamp" without a zone beside "unix_timestamp"."""
    source = read_source(write_source("4cat-reddit.csv", (
        "id,thread_id,timestamp,unix_timestamp,body,subject,author,subreddit,parent,score\n"
        "p1,p1,2024-01-01 09:00:00,1704099600,Should the pier be rebuilt?,Pier vote,op,town,,5\n"
        "c1,p1,2024-01-01 10:00:00,1704103200,Yes please.,,ann,town,t3_p1,2\n"
        "c2,p1,2024-01-01 10:05:00,1704103500,Too costly.,,bo,town,t1_c1,1\n")))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments[Col.TEXT].to_dict() == {"c1": "Yes please.", "c2": "Too costly."}
    assert _parents(comments) == {"c1": "", "c2": "c1"}
    assert comments[Col.CREATED_AT].tolist() == ["2024-01-01T10:00:00Z", "2024-01-01T10:05:00Z"]
    article = source.articles.set_index(ArticleCol.ARTICLE_ID).loc["p1"]
    assert article[ArticleCol.TITLE] == "Pier vote"
    assert article[ArticleCol.TEXT] == "Should the pier be rebuilt?"
    assert source.report.article_lines == 1
    assert [n.kind for n in source.report.notes].count("thread post") == 1


def test_a_pushshift_dump_unpacked_without_a_suffix_is_read_as_json_lines(write_source):
    lines = [{"id": "c1", "author": "ann", "body": "First.", "created_utc": 1704103200,
              "link_id": "t3_p1", "parent_id": "t3_p1", "subreddit": "town"},
             {"id": "c2", "author": "bo", "body": "Second.", "created_utc": 1704103500,
              "link_id": "t3_p1", "parent_id": "t1_c1", "subreddit": "town"}]
    comments, report, _ = _read(write_source, "town_comments", lines, lines=True)
    assert report.kind == "jsonl"
    assert _parents(comments) == {"c1": "", "c2": "c1"}
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]


def test_youtube_takeout_comments_csv_text_segments_channel_and_time(write_source):
    """Google Takeout's comments.csv since June 2024: the text as JSON segments, a line
    break a segment of its own; older rows may hold "takeoutSegments" or plain text."""
    source = read_source(write_source("comments.csv", (
        "Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,"
        "Comment Text\n"
        'UCann,2024-01-01T10:00:00.123456+00:00,0,Ug1,,vid1,"{""text"":""Nice tune""},'
        '{""text"":""\\n""},{""text"":""and a \\u0022quote\\u0022""}"\n'
        'UCbo,2024-01-01T10:05:00+00:00,0,Ug1.x2,Ug1,vid1,'
        '"{""takeoutSegments"":[{""text"":""Agreed""}]}"\n'
        "UCcy,2024-01-01T10:06:00+00:00,0,Ug3,,vid1,Plain old text\n")))
    comments = source.comments.set_index(Col.COMMENT_ID)
    assert comments[Col.TEXT].to_dict() == {"Ug1": 'Nice tune\nand a "quote"', "Ug1.x2": "Agreed",
                                            "Ug3": "Plain old text"}
    assert comments[Col.AUTHOR].tolist() == ["UCann", "UCbo", "UCcy"]
    assert comments[Col.CREATED_AT].tolist()[:2] == ["2024-01-01T10:00:00Z",
                                                     "2024-01-01T10:05:00Z"]
    assert _parents(comments) == {"Ug1": "", "Ug1.x2": "Ug1", "Ug3": ""}


def test_a_channel_id_is_no_author_outside_a_takeout_file(write_source):
    source = read_source(write_source("api.csv", "id,channel_id,text\n1,UCvideo,hello\n"))
    assert source.comments[Col.AUTHOR].isna().all()


def test_apify_instagram_comment_scraper_owner_username_and_nested_replies(write_source):
    owner = {"id": "9", "is_verified": False, "username": "ann"}
    comments, _, _ = _read(write_source, "dataset_instagram-comment-scraper.json", [
        {"postUrl": "https://www.instagram.com/p/C1/", "id": "1780", "text": "Lovely view",
         "ownerUsername": "ann", "timestamp": "2024-01-01T10:00:00.000Z", "repliesCount": 1,
         "likesCount": 3, "owner": owner,
         "replies": [{"id": "1781", "text": "@ann where is it?", "ownerUsername": "bo",
                      "timestamp": "2024-01-01T10:02:00.000Z", "likesCount": 0,
                      "owner": {**owner, "username": "bo"}}]}])
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    assert _parents(comments) == {"1780": "", "1781": "1780"}
    assert comments.loc["1780", Col.LIKES] == 3


def test_apify_tiktok_comments_scraper_cid_replies_to_id_and_unique_id(write_source):
    video = "https://www.tiktok.com/@town/video/7300"
    comments, _, _ = _read(write_source, "dataset_tiktok-comments-scraper.json", [
        {"videoWebUrl": video, "cid": "73001", "createTime": 1704103200,
         "createTimeISO": "2024-01-01T10:00:00.000Z", "text": "So good", "diggCount": 4,
         "repliesToId": None, "replyCommentTotal": 1, "uid": "6801", "uniqueId": "ann"},
        {"videoWebUrl": video, "cid": "73002", "createTime": 1704103320,
         "createTimeISO": "2024-01-01T10:02:00.000Z", "text": "Right?", "diggCount": 0,
         "repliesToId": "73001", "replyCommentTotal": 0, "uid": "6802", "uniqueId": "bo"}])
    assert comments[Col.AUTHOR].tolist() == ["ann", "bo"]
    assert _parents(comments) == {"73001": "", "73002": "73001"}
    assert comments[Col.CREATED_AT].tolist() == ["2024-01-01T10:00:00Z", "2024-01-01T10:02:00Z"]
