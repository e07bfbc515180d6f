"""The fifth batch of exports as their tools write them: Zeeschuimer captures (TikTok), a
Twitter archive's tweets.js, Mastodon's outbox.json, Reddit's data request comments.csv,
Facebook's comments.json, Element's Matrix room export. Tiny hand-made files in each shape."""

import json

import pytest

from analysis.readers import read_source
from analysis.schema import ArticleCol, Col
from analysis.sources import SourceError, is_source_name


def _comments(source):
    return source.comments.set_index(Col.COMMENT_ID)


def _parents(comments):
    return comments[Col.PARENT_ID].fillna("").to_dict()


def _tiktok_item(n, data, platform="tiktok-comments"):
    return {"id": n, "nav_index": "1:3:0", "item_id": data.get("cid") or data.get("id"),
            "timestamp_collected": 1700000000000 + n, "source_platform": platform,
            "source_platform_url": "https://www.tiktok.com/@ann/video/77",
            "source_url": "https://www.tiktok.com/api/comment/list/?aweme_id=77",
            "user_agent": "Mozilla/5.0", "data": data}


def _tiktok_comment(cid, text, reply_id="0", reply_to_reply_id="0"):
    return {"cid": cid, "aweme_id": "77", "text": text, "create_time": 1476408245,
            "digg_count": 4, "reply_id": reply_id, "reply_to_reply_id": reply_to_reply_id,
            "user": {"uid": "9", "unique_id": f"user_{cid}", "nickname": f"User {cid}"},
            "share_info": {"title": "the video's caption", "url": "https://m.tiktok.com/v/77"},
            "stick_position": 0, "comment_language": "en", "id": cid}


def test_zeeschuimer_tiktok_comments_read_with_their_reply_links(write_source):
    lines = [_tiktok_item(1, {"id": "77", "desc": "the video's caption",
                              "createTime": 1476408000, "author": {"uniqueId": "ann"}},
                          platform="tiktok.com"),
             _tiktok_item(2, _tiktok_comment("c1", "first")),
             _tiktok_item(3, _tiktok_comment("c2", "answers c1", reply_id="c1")),
             _tiktok_item(4, _tiktok_comment("c3", "answers c2", "c1", "c2")),
             _tiktok_item(5, {"id": "p9", "caption": "a post"}, platform="instagram.com")]
    source = read_source(write_source(
        "zeeschuimer-export-tiktok.ndjson", "".join(json.dumps(x) + "\n" for x in lines)))
    comments = _comments(source)
    assert _parents(comments) == {"c1": "", "c2": "c1", "c3": "c2"}
    assert comments.loc["c1", Col.AUTHOR] == "user_c1"
    assert comments.loc["c1", Col.CREATED_AT] == "2016-10-14T01:24:05Z"
    assert comments.loc["c1", Col.LIKES] == 4
    assert set(comments[Col.ARTICLE_ID]) == {"77"}
    assert source.articles.set_index(ArticleCol.ARTICLE_ID).loc["77", ArticleCol.TEXT] \
        == "the video's caption"
    reasons = {s.line: s.reason for s in source.report.skipped}
    assert reasons[5].startswith("Zeeschuimer item from 'instagram.com'")
    assert source.report.article_lines == 1


def _tweets_js(tweets, first_line_bracket=False):
    body = json.dumps([{"tweet": t} for t in tweets], indent=2, separators=(",", " : "))
    return "window.YTD.tweets.part0 = " + ("[ " + body[1:].lstrip() if first_line_bracket
                                           else body)


def test_twitter_archive_tweets_js_reads_replies_without_their_leading_mentions(write_source):
    tweets = [{"id_str": "1", "id": "1", "full_text": "Fish &amp; chips &lt;3",
               "created_at": "Mon Mar 09 19:17:05 +0000 2020", "favorite_count": "2",
               "display_text_range": ["0", "21"]},
              {"id_str": "2", "id": "2", "full_text": "@ann @bo Agreed &gt; all",
               "created_at": "Mon Mar 09 19:20:00 +0000 2020", "favorite_count": "0",
               "in_reply_to_status_id_str": "1", "in_reply_to_status_id": "1",
               "in_reply_to_screen_name": "ann", "display_text_range": ["9", "24"]},
              {"id_str": "3", "id": "3", "full_text": "RT @zed: shared words",
               "created_at": "Mon Mar 09 19:30:00 +0000 2020",
               "display_text_range": ["0", "21"]}]
    for bracket in (False, True):
        source = read_source(write_source("tweets.js", _tweets_js(tweets, bracket)))
        comments = _comments(source)
        assert comments[Col.TEXT].to_dict() == {"1": "Fish & chips <3", "2": "Agreed > all"}
        assert _parents(comments) == {"1": "", "2": "1"}
        assert comments.loc["1", Col.CREATED_AT] == "2020-03-09T19:17:05Z"
        assert any("account.js" in w for w in source.report.warnings)
        assert "retweet: another account's tweet, shared" in source.report.skipped_by_reason()


def test_a_js_file_is_read_only_when_it_is_an_archives_tweets(write_source):
    assert is_source_name("tweets.js", lambda: b"window.YTD.tweets.part0 = [ {")
    assert is_source_name("tweets-part1.js", lambda: b"window.YTD.tweets.part1 = [")
    assert not is_source_name("like.js", lambda: b"window.YTD.like.part0 = [ {")
    assert not is_source_name("app.js", lambda: b"function f() {}")


def test_twitter_archive_with_a_broken_array_names_file_and_line(write_source):
    path = write_source("tweets.js", 'window.YTD.tweets.part0 = [ {\n  "tweet" : {\n'
                                     '    "id_str" : "1",\n    "full_text" : "hi"\n  }\n')
    with pytest.raises(SourceError, match=r"tweets\.js:\d+: invalid JSON"):
        read_source(path)


def _note(number, author, text_html, reply_to=None):
    uri = f"https://social.example/users/{author}/statuses/{number}"
    return {"id": f"{uri}/activity", "type": "Create",
            "actor": f"https://social.example/users/{author}",
            "published": "2020-03-09T19:17:05Z", "object": {
                "id": uri, "type": "Note", "summary": None, "inReplyTo": reply_to,
                "published": "2020-03-09T19:17:05Z", "url": f"https://social.example/@{author}",
                "attributedTo": f"https://social.example/users/{author}",
                "content": text_html, "attachment": [], "tag": []}}


def test_mastodon_outbox_reads_notes_and_skips_boosts(write_source):
    first = _note(1, "ann", "<p>Fish &amp; chips</p><p>second line<br />third</p>")
    reply = _note(2, "ann", '<p><span class="h-card"><a href="https://x/@bo" '
                            'class="u-url mention">@<span>bo</span></a></span> yes</p>',
                  reply_to=first["object"]["id"])
    outside = _note(3, "ann", "<p>to someone</p>",
                    reply_to="https://other.example/users/zed/statuses/5")
    boost = {"id": "https://social.example/users/ann/statuses/4/activity", "type": "Announce",
             "actor": "https://social.example/users/ann", "object": "https://o.example/s/1"}
    source = read_source(write_source("outbox.json", json.dumps({
        "@context": "https://www.w3.org/ns/activitystreams", "id": "outbox.json",
        "type": "OrderedCollection", "totalItems": 4,
        "orderedItems": [first, boost, reply, outside]})))
    comments = _comments(source)
    first_id, reply_id = first["object"]["id"], reply["object"]["id"]
    assert comments.loc[first_id, Col.TEXT] == "Fish & chips\n\nsecond line\nthird"
    assert comments.loc[reply_id, Col.TEXT] == "@bo yes"
    assert comments.loc[reply_id, Col.PARENT_ID] == first_id
    assert comments.loc[first_id, Col.AUTHOR] == "ann@social.example"
    assert len(comments) == 3
    assert any("boost (Announce)" in w for w in source.report.warnings)


REDDIT_HEADER = "id,permalink,date,ip,subreddit,gildings,link,parent,body,media\n"


def test_reddit_data_request_comments_take_their_post_from_the_link(write_source):
    link = "https://www.reddit.com/r/IAmA/comments/57dw9a/ama/"
    source = read_source(write_source("comments.csv", REDDIT_HEADER + "".join(
        f"{cid},{link}{cid}/,2016-10-14 01:24:05 UTC,,IAmA,0,{link},{parent},{body},\n"
        for cid, parent, body in (("c1", "57dw9a", "top"), ("c2", "c1", "reply"),
                                  ("c3", "", "also top")))))
    comments = _comments(source)
    assert _parents(comments) == {"c1": "", "c2": "c1", "c3": ""}
    assert set(comments[Col.ARTICLE_ID]) == {"57dw9a"}
    assert not source.report.warnings
    assert comments.loc["c1", Col.CREATED_AT] == "2016-10-14T01:24:05Z"


def test_facebook_comments_json_is_decoded_from_its_latin1_escapes(write_source):
    def facebook(text):  # as Facebook writes it: each UTF-8 byte a \u00XX escape
        return text.encode("utf-8").decode("latin-1")

    entries = {"comments_v2": [
        {"timestamp": 1476408245, "data": [{"comment": {
            "timestamp": 1476408245, "comment": facebook("Très bien 👍"),
            "author": facebook("Zoë")}}], "title": facebook("Zoë commented on Ann's post.")},
        {"timestamp": 1476408300, "attachments": [{"data": [{"media": {"uri": "x.png"}}]}],
         "data": [{"comment": {"timestamp": 1476408300, "comment": "", "author": "Zoë"}}],
         "title": "Zoë replied to Ann's comment."}]}
    text = json.dumps(entries, indent=2)  # ensure_ascii: the escapes as Facebook has them
    assert "\\u00c3\\u00a8" in text
    source = read_source(write_source("comments.json", text))
    comments = source.comments
    assert comments[Col.TEXT].tolist() == ["Très bien 👍"]
    assert comments[Col.AUTHOR].tolist() == ["Zoë"]
    assert comments[Col.CREATED_AT].tolist() == ["2016-10-14T01:24:05Z"]
    assert any("attachment only" in w for w in source.report.warnings)


def _event(eid, sender, kind="m.room.message", ts=1476408245000, **content):
    return {"type": kind, "room_id": "!r:matrix.org", "sender": sender, "content": content,
            "origin_server_ts": ts, "unsigned": {"age": 5}, "event_id": eid,
            "user_id": sender, "age": 5}


def test_matrix_export_reads_replies_threads_and_display_names(write_source):
    ann, bo = "@ann:matrix.org", "@bo:matrix.org"
    messages = [
        {**_event("$m0", ann, "m.room.member", membership="join", displayname="Ann A."),
         "state_key": ann},
        _event("$e1", ann, msgtype="m.text", body="Root"),
        _event("$e2", bo, msgtype="m.text", body="> <@ann:matrix.org> Root\n\nA reply",
               **{"m.relates_to": {"m.in_reply_to": {"event_id": "$e1"}}}),
        _event("$e3", bo, msgtype="m.text", body="In the thread",
               **{"m.relates_to": {"rel_type": "m.thread", "event_id": "$e1",
                                   "is_falling_back": True,
                                   "m.in_reply_to": {"event_id": "$e2"}}}),
        _event("$e4", ann, msgtype="m.text", body="> <@bo:matrix.org> In the thread\n\nTo you",
               **{"m.relates_to": {"rel_type": "m.thread", "event_id": "$e1",
                                   "is_falling_back": False,
                                   "m.in_reply_to": {"event_id": "$e3"}}}),
        _event("$e5", bo, msgtype="m.image", body="photo.jpg")]
    source = read_source(write_source("room.json", json.dumps({
        "room_name": "Room", "room_creator": "Ann A.", "topic": "",
        "export_date": "05/12/2026", "exported_by": "Ann A.", "messages": messages},
        indent=2)))
    comments = _comments(source)
    assert comments[Col.TEXT].to_dict() == {"$e1": "Root", "$e2": "A reply",
                                            "$e3": "In the thread", "$e4": "To you"}
    assert _parents(comments) == {"$e1": "", "$e2": "$e1", "$e3": "$e1", "$e4": "$e3"}
    assert comments[Col.AUTHOR].to_dict() == {"$e1": "Ann A.", "$e2": bo, "$e3": bo,
                                              "$e4": "Ann A."}
    assert comments.loc["$e1", Col.CREATED_AT] == "2016-10-14T01:24:05Z"
    warnings = " ".join(source.report.warnings)
    assert "room event (m.room.member)" in warnings and "media message (m.image)" in warnings
    assert source.articles[ArticleCol.TITLE].tolist() == ["Room"]
