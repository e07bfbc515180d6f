"""The sixth batch of exports as their tools write them: an exportcomments.com table under its
description of the export, a Twitter archive's tweets.js with its account.js (a folder, a
ZIP), Zeeschuimer captures of X tweets, Instagram posts and comments, and Threads posts. Tiny
hand-made files in each shape."""

import io
import json
import zipfile

from analysis.readers import read_bytes, read_source, unpack_archives
from analysis.schema import ArticleCol, Col


def _comments(source):
    return source.comments.set_index(Col.COMMENT_ID)


def _parents(comments):
    return comments[Col.PARENT_ID].fillna("").to_dict()


EXPORTCOMMENTS_CSV = (
    '"Export Comments (exportcomments.com)"\n'
    'URL,https://www.youtube.com/watch?v=abc\n'
    'Title,"A video, with a comma"\n'
    '\n'
    'Nº,Parent Nº,Name,Profile ID,Date,Likes,Replies,Comment,(view source)\n'
    '1,,Ann,UCa,13/03/2020 19:17:05,4,1,First,https://www.youtube.com/watch?v=abc&lc=Ug1\n'
    '2,1,Bo,UCb,14/03/2020 08:00:00,0,0,"Two\nlines",https://www.youtube.com/watch?v=abc&lc=Ug1.x\n'
    '3,,Cy,UCc,15/03/2020 09:30:00,12,0,Third,https://www.youtube.com/watch?v=abc&lc=Ug3\n')


def test_exportcomments_table_is_read_under_its_description(write_source):
    source = read_source(write_source("export.csv", EXPORTCOMMENTS_CSV))
    comments = _comments(source)
    assert comments[Col.TEXT].to_dict() == {"1": "First", "2": "Two\nlines", "3": "Third"}
    assert _parents(comments) == {"1": "", "2": "1", "3": ""}
    assert comments[Col.AUTHOR].to_dict() == {"1": "Ann", "2": "Bo", "3": "Cy"}
    assert comments.loc["2", Col.CREATED_AT] == "2020-03-14T08:00:00"
    assert comments.loc["3", Col.LIKES] == 12
    description = [s.line for s in source.report.skipped if s.reason.startswith("lines above")]
    assert description == [1, 2, 3, 4]
    assert source.report.accounted_lines == source.report.total_lines


def test_a_csv_whose_first_row_is_its_header_reads_as_before(write_source):
    # Wider rows below a header are malformed rows, not a table under a description.
    text = "id,text\n1,hello\n2,a,b,c\n3,bye\n"
    source = read_source(write_source("plain.csv", text))
    assert _comments(source)[Col.TEXT].to_dict() == {"1": "hello", "3": "bye"}
    assert not [s for s in source.report.skipped if s.reason.startswith("lines above")]


def _tweets_js(tweets):
    return "window.YTD.tweets.part0 = " + json.dumps([{"tweet": t} for t in tweets], indent=2)


TWEETS = [{"id_str": "1", "full_text": "Fish &amp; chips", "favorite_count": "2",
           "created_at": "Mon Mar 09 19:17:05 +0000 2020", "display_text_range": ["0", "16"]},
          {"id_str": "2", "full_text": "@ann Agreed", "in_reply_to_status_id_str": "1",
           "created_at": "Mon Mar 09 19:20:00 +0000 2020", "display_text_range": ["5", "11"]}]
ACCOUNT_JS = ('window.YTD.account.part0 = [ {\n  "account" : {\n    "username" : "ann_owner",\n'
              '    "accountId" : "9",\n    "accountDisplayName" : "Ann"\n  }\n} ]')


def test_twitter_archive_folder_takes_its_author_from_account_js(tmp_path):
    (tmp_path / "tweets.js").write_text(_tweets_js(TWEETS), encoding="utf-8")
    alone = read_source(tmp_path / "tweets.js")
    assert alone.comments[Col.AUTHOR].isna().all()
    (tmp_path / "account.js").write_text(ACCOUNT_JS, encoding="utf-8")
    source = read_source(tmp_path / "tweets.js")
    comments = _comments(source)
    assert comments[Col.AUTHOR].to_dict() == {"1": "ann_owner", "2": "ann_owner"}
    assert _parents(comments) == {"1": "", "2": "1"}
    assert comments[Col.TEXT].to_dict() == {"1": "Fish & chips", "2": "Agreed"}
    assert source.report.total_lines == alone.report.total_lines
    assert source.report.accounted_lines == source.report.total_lines
    assert any("ann_owner" in warning for warning in source.report.warnings)


def test_twitter_archive_zip_joins_tweets_and_account(tmp_path):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("data/account.js", ACCOUNT_JS)
        z.writestr("data/tweets.js", _tweets_js(TWEETS))
        z.writestr("data/like.js", "window.YTD.like.part0 = [ ]")
    members, skipped = unpack_archives([("archive.zip", archive.getvalue())])
    assert [name for name, _ in members] == ["archive.zip/data/tweets.js"]
    assert [member for _, member, _ in skipped] == ["data/like.js"]
    source = read_bytes(*members[0])
    assert set(source.comments[Col.AUTHOR]) == {"ann_owner"}
    assert source.comments[Col.TEXT].tolist() == ["Fish & chips", "Agreed"]


def _captured(n, platform, data):
    return {"id": n, "item_id": str(n), "timestamp_collected": 1700000000000 + n,
            "source_platform": platform, "source_platform_url": "https://example.org/x",
            "source_url": "https://example.org/api", "user_agent": "Mozilla/5.0", "data": data}


def _ndjson(items):
    return "".join(json.dumps(item) + "\n" for item in items)


def _tweet(rest_id, text, reply_to=None, screen_name="ann", moved=False):
    user = {"core": {"screen_name": screen_name}} if moved else \
        {"legacy": {"screen_name": screen_name, "name": screen_name.title()}}
    legacy = {"created_at": "Mon Mar 09 19:17:05 +0000 2020", "full_text": text,
              "conversation_id_str": "1", "favorite_count": 3, "id_str": rest_id,
              "display_text_range": [len(text) - len(text.split(" ", 1)[-1]) if reply_to
                                     else 0, len(text)]}
    if reply_to:
        legacy["in_reply_to_status_id_str"] = reply_to
    return {"__typename": "Tweet", "rest_id": rest_id,
            "core": {"user_results": {"result": user}}, "legacy": legacy}


def test_zeeschuimer_x_tweets_read_with_their_replies(write_source):
    items = [_captured(1, "twitter.com", _tweet("1", "Fish &amp; chips")),
             _captured(2, "twitter.com", _tweet("2", "@ann Agreed", "1", "bo")),
             _captured(3, "x.com", _tweet("3", "@bo Me too", "2", "cy", moved=True))]
    source = read_source(write_source("x.ndjson", _ndjson(items)))
    comments = _comments(source)
    assert comments[Col.TEXT].to_dict() == {"1": "Fish & chips", "2": "Agreed", "3": "Me too"}
    assert _parents(comments) == {"1": "", "2": "1", "3": "2"}
    assert comments[Col.AUTHOR].to_dict() == {"1": "ann", "2": "bo", "3": "cy"}
    assert comments.loc["1", Col.CREATED_AT] == "2020-03-09T19:17:05Z"
    assert comments.loc["1", Col.LIKES] == 3


def test_zeeschuimer_instagram_post_is_the_article_of_its_comments(write_source):
    post = {"id": "55_9", "pk": "55", "code": "Cabc", "taken_at": 1583780000,
            "caption": {"text": "the post's caption"}, "user": {"username": "op"}}

    def comment(pk, text, parent=None):
        data = {"pk": pk, "text": text, "created_at": 1583781425, "media_id": "55",
                "user": {"username": f"user_{pk}"}, "comment_like_count": 1,
                "content_type": "comment"}
        if parent:
            data["parent_comment_id"] = parent
        return data

    items = [_captured(0, "instagram.com", post),
             _captured(1, "instagram.com", comment("c1", "first")),
             _captured(2, "instagram.com", comment("c2", "a reply", "c1")),
             _captured(3, "instagram.com", {"id": "s1", "story": True})]
    source = read_source(write_source("ig.ndjson", _ndjson(items)))
    comments = _comments(source)
    assert _parents(comments) == {"c1": "", "c2": "c1"}
    assert comments.loc["c2", Col.AUTHOR] == "user_c2"
    assert comments.loc["c1", Col.CREATED_AT] == "2020-03-09T19:17:05Z"
    assert set(comments[Col.ARTICLE_ID]) == {"55"}
    articles = source.articles.set_index(ArticleCol.ARTICLE_ID)
    assert articles.loc["55", ArticleCol.TEXT] == "the post's caption"
    assert any(s.reason.startswith("Zeeschuimer item from 'instagram.com'")
               for s in source.report.skipped)


def test_zeeschuimer_threads_posts_read_as_comments_with_inferred_links(write_source):
    def post(code, text, name):
        return {"pk": "1" + code, "code": code, "taken_at": 1583781425,
                "caption": {"text": text}, "user": {"username": name}, "like_count": 2,
                "text_post_app_info": {"reply_to_author": None}}

    items = [_captured(1, "threads.net", post("Da", "What do you think?", "ann")),
             _captured(2, "threads.net", post("Db", "I think so.", "bo"))]
    source = read_source(write_source("threads.ndjson", _ndjson(items)))
    comments = _comments(source)
    assert comments[Col.AUTHOR].to_dict() == {"Da": "ann", "Db": "bo"}
    assert comments[Col.TEXT].to_dict() == {"Da": "What do you think?", "Db": "I think so."}
    assert comments.loc["Da", Col.LIKES] == 2
