"""Exports that wrap a platform's own objects, brought to the flat fields the record reader
takes (``id``, ``parent_id``, ``author``, ``created_at``, ``text`` or HTML ``content``,
``likes``, ``article_*``); an object that holds no comment is marked with its reason
(:data:`~analysis.sources.records.SKIPPED_AS`):

* a Zeeschuimer capture (4CAT's browser extension; NDJSON, one captured item per line with the
  platform's object under ``data``): TikTok comments and videos, X tweets, Instagram posts and
  comments, Threads posts;
* a Twitter/X archive's ``data/tweets.js`` (``window.YTD.tweets.part0 = [{"tweet": ...}]``);
* Mastodon's account archive ``outbox.json`` (ActivityPub activities, ``Create`` of a Note);
* Reddit's data request ``comments.csv`` (id, permalink, date, ip, subreddit, gildings, link,
  parent, body, media);
* Facebook's "Download your information" ``comments.json`` (``comments_v2``);
* Element's Matrix room export (JSON: ``room_name`` ... ``messages``, each a Matrix event).
"""

from __future__ import annotations

import json
import re

from analysis.sources.records import SKIPPED_AS, _Record

# --- Zeeschuimer -------------------------------------------------------------------------------

_ZEESCHUIMER_KEYS = ("item_id", "source_platform", "timestamp_collected", "data")
"""What Zeeschuimer stores with each captured item (js/zs-background.js), and exports as is."""


def zeeschuimer_fields(value: dict) -> dict | None:
    """The fields of one Zeeschuimer item, or None for anything else. A TikTok comment (what
    modules/tiktok-comments.js keeps: "cid", "aweme_id") answers the comment named by
    "reply_to_reply_id", else the thread's first comment named by "reply_id" ("0": none; as
    4CAT's tiktok_comments data source reads them); a TikTok video ("id", "desc") is the
    article its comments name by "aweme_id". Items of other platforms are skipped, named."""
    if not all(key in value for key in _ZEESCHUIMER_KEYS) or not isinstance(value["data"], dict):
        return None
    data = value["data"]
    platform = str(value.get("source_platform") or "")
    if "cid" in data and "aweme_id" in data:
        return _tiktok_comment(data, value)
    if "desc" in data and "id" in data and platform.startswith("tiktok"):
        return _tiktok_video(data)
    if isinstance(data.get("legacy"), dict) and (data.get("rest_id") or data.get("type")
                                                 == "adaptive"):
        return _x_tweet(data)
    if platform.startswith("instagram") and "text" in data and (
            "media_id" in data or data.get("content_type") == "comment"):
        return _instagram_comment(data)
    if "code" in data and "taken_at" in data and platform.startswith("instagram"):
        return _instagram_post(data)
    if "code" in data and "taken_at" in data and platform.startswith("threads"):
        return _threads_post(data)
    return {"id": value.get("item_id"), SKIPPED_AS: (
        f"Zeeschuimer item from {platform!r}: not a kind read as comments (TikTok comments "
        "and videos, X tweets, Instagram posts and comments, Threads posts are)",
        f"is a Zeeschuimer item from {platform!r}")}


def _x_tweet(data: dict) -> dict:
    """An X/Twitter GraphQL "Tweet" as 4CAT's twitter-import reads it: "rest_id" (the legacy
    form: "legacy.id_str"), the "legacy" object in API v1.1's form (text, reply link, time,
    likes: read as an archived tweet is), the author's "screen_name" under
    "core.user_results.result" ("legacy", or "core" where X moved it), else "user"."""
    legacy = data["legacy"]
    user = _nested(data, "core", "user_results", "result")
    names = [_nested(user, "legacy"), _nested(user, "core"), _nested(data, "user")]
    author = next((part["screen_name"] for part in names if part.get("screen_name")), None)
    fields = twitter_archive_tweet(legacy)
    return {**fields, "id": data.get("rest_id") or fields["id"], "author": author}


def _nested(value, *keys) -> dict:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def _instagram_comment(data: dict) -> dict:
    """An Instagram comment as its API gives it: "pk", "text", "created_at" (epoch seconds),
    "user.username", "comment_like_count"; a reply names its thread's comment in
    "parent_comment_id" (Instagram keeps two levels); "media_id" is the post, its article."""
    user = _nested(data, "user")
    return {"id": data.get("pk") or data.get("id"), "text": data.get("text"),
            "author": user.get("username") or user.get("full_name"),
            "created_at": data.get("created_at_utc") or data.get("created_at"),
            "likes": data.get("comment_like_count"),
            "parent_id": _stated(data.get("parent_comment_id")),
            "article_id": _stated(data.get("media_id"))}


def _instagram_post(data: dict) -> dict:
    """An Instagram post ("code", "caption.text", "taken_at", "user.username"): the article its
    comments name by "media_id" (the post's "pk"), read as the TikTok video is."""
    post_id = str(data.get("pk") or str(data.get("id") or "").split("_")[0])
    return {"id": post_id, "article_id": post_id, "parent_id": None,
            "text": _nested(data, "caption").get("text"),
            "author": _nested(data, "user").get("username"), "created_at": data.get("taken_at"),
            "likes": data.get("like_count"),
            "article_url": f"https://www.instagram.com/p/{data['code']}/"}


def _threads_post(data: dict) -> dict:
    """A Threads post as 4CAT's threads data source reads it: "code" its id, "caption.text",
    "taken_at", "user.username", "like_count". A reply names only the author it answers
    ("text_post_app_info.reply_to_author"), not the post: its link is inferred."""
    return {"id": data.get("code"), "text": _nested(data, "caption").get("text"),
            "author": _nested(data, "user").get("username"), "created_at": data.get("taken_at"),
            "likes": data.get("like_count")}


def _stated(value) -> str | None:
    """A TikTok link field: "0" and "" name no comment."""
    return None if value in (None, "", "0", 0) else str(value)


def _tiktok_comment(data: dict, item: dict) -> dict:
    user = data.get("user") if isinstance(data.get("user"), dict) else {}
    share = data.get("share_info") if isinstance(data.get("share_info"), dict) else {}
    author = user.get("unique_id") or user.get("nickname") or (
        f"@{user['uid']}" if user.get("uid") else None)
    return {"id": data.get("cid"), "text": data.get("text"), "author": author,
            "created_at": data.get("create_time"), "likes": data.get("digg_count"),
            "parent_id": _stated(data.get("reply_to_reply_id")) or _stated(data.get("reply_id")),
            "article_id": data.get("aweme_id"), "article_text": share.get("title"),
            "article_url": item.get("source_platform_url")}


def _tiktok_video(data: dict) -> dict:
    author = data.get("author") if isinstance(data.get("author"), dict) else {}
    handle = author.get("uniqueId") or author.get("unique_id")
    # A record whose id is its own thread's id and that answers nothing is read as the
    # thread's post (records.split_thread_posts): the video is its comments' article.
    return {"id": data["id"], "article_id": data["id"], "parent_id": None,
            "text": data.get("desc"), "author": handle, "created_at": data.get("createTime"),
            "article_url": f"https://www.tiktok.com/@{handle}/video/{data['id']}"
            if handle else None}


# --- Twitter/X archive -------------------------------------------------------------------------

TWITTER_ARCHIVE_SUFFIX = ".js"
"""The archive's data files are JavaScript: each assigns one JSON array."""

_TWITTER_ARCHIVE_START = re.compile(
    r"\ufeff?\s*window\.YTD\.(?P<part>tweets?)\.part\d+\s*=\s*(?=\[)")
"""The start of a Twitter archive's tweets file (data/tweets.js, older tweet.js, and
tweets-part1.js of a large archive); its other files (like.js, account.js) hold no tweets."""


def is_twitter_archive_tweets(text: str) -> bool:
    """Whether ``text`` opens as a Twitter archive's tweets file."""
    return _TWITTER_ARCHIVE_START.match(text[:4096]) is not None


def twitter_archive_json(text: str) -> str:
    """The JSON array of a tweets file: the assignment before it blanked out, so every line and
    column keeps its number."""
    start = _TWITTER_ARCHIVE_START.match(text)
    if start is None:
        return text
    return " " * start.end() + text[start.end():]


TWITTER_ARCHIVE_ACCOUNT = "account.js"
"""The archive's file naming its owner, the author of every tweet in its tweets file."""

_TWITTER_ACCOUNT_START = re.compile(r"\ufeff?\s*window\.YTD\.account\.part\d+\s*=\s*(?=\[)")
_JOINED_ACCOUNT = re.compile(
    r";window\.YTD\.account\.part0 = (?P<account>\[[^\n]*\])(?=[\r\n]*\Z)")
"""The owner as :func:`with_archive_account` joins it to the tweets file's last line."""


def twitter_archive_owner(account_text: str) -> str | None:
    """The username in a Twitter archive's account.js (``window.YTD.account.part0 = [{"account":
    {"username": ...}}]``), or None when the text is no such file."""
    start = _TWITTER_ACCOUNT_START.match(account_text)
    if start is None:
        return None
    try:
        accounts = json.loads(account_text[start.end():])
    except ValueError:
        return None
    for item in accounts if isinstance(accounts, list) else []:
        account = item.get("account") if isinstance(item, dict) else None
        if isinstance(account, dict) and isinstance(account.get("username"), str) \
                and account["username"].strip():
            return account["username"].strip()
    return None


def with_archive_account(tweets: bytes, account: bytes) -> bytes:
    """A tweets file with the owner named by its archive's account.js joined at the end of its
    last line, so that one reading takes both (a folder's or a ZIP's two files) and every line
    keeps its number. The tweets file as it is where account.js names nobody, or where the
    tweets are not UTF-8 (a BOM of UTF-16: appended ASCII would break them)."""
    owner = twitter_archive_owner(account.decode("utf-8-sig", errors="replace"))
    if owner is None or tweets.startswith((b"\xff\xfe", b"\xfe\xff")):
        return tweets
    body = tweets.rstrip(b"\r\n")
    joined = json.dumps([{"account": {"username": owner}}], ensure_ascii=True)
    return body + f";window.YTD.account.part0 = {joined}".encode() + tweets[len(body):]


def split_archive_owner(text: str) -> tuple[str, str | None]:
    """The tweets file's text without the owner :func:`with_archive_account` joined to it
    (blanked, so columns keep their numbers), and that owner (None when none was joined)."""
    joined = _JOINED_ACCOUNT.search(text)
    if joined is None:
        return text, None
    owner = twitter_archive_owner(" window.YTD.account.part0 = " + joined["account"])
    return text[:joined.start()] + " " * (joined.end() - joined.start()) + text[joined.end():], \
        owner


def twitter_archive_owner_note(owner: str) -> str:
    return (f"a Twitter archive's tweets are its account's own: every tweet's author is "
            f"{owner!r}, the owner its account.js names")


TWITTER_ARCHIVE_AUTHORS = ("a Twitter archive's tweets are its account's own, whose name is "
                           "in the archive's account.js, not in this file: no authors")

_LEADING_MENTIONS = re.compile(r"(?:@\w+\s+)+")


def twitter_archive_tweet(tweet: dict) -> dict:
    """The fields of one archived tweet (API v1.1's form, numbers as strings). "full_text"
    escapes "&", "<" and ">" as HTML does; a reply's opens with the @names it answers, which
    "display_text_range" leaves out of the text shown, and so does the reader. A retweet
    ("RT @name: ...") is another account's words: skipped."""
    text = tweet.get("full_text") if "full_text" in tweet else tweet.get("text")
    fields = {"id": tweet.get("id_str") or tweet.get("id"),
              "parent_id": tweet.get("in_reply_to_status_id_str")
              or tweet.get("in_reply_to_status_id"),
              "created_at": tweet.get("created_at"), "likes": tweet.get("favorite_count")}
    if not isinstance(text, str):
        return {**fields, "text": text}
    shown = tweet.get("display_text_range")
    start = _whole(shown[0]) if isinstance(shown, list) and shown else None
    if start and _LEADING_MENTIONS.fullmatch(text[:start] + " "):
        text = text[start:]
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    if text.startswith("RT @"):
        fields[SKIPPED_AS] = ("retweet: another account's tweet, shared", "is a retweet")
    return {**fields, "text": text}


def _whole(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --- Mastodon outbox (ActivityPub) -------------------------------------------------------------

_POST_OBJECTS = ("Note", "Question", "Article", "Page")
"""ActivityPub objects that are a post (a Question is a poll, with its text)."""

_ACTOR_PATH = re.compile(r"https?://(?P<host>[^/]+)/users/(?P<name>[^/?#]+)$")


def is_activitypub_collection(value: dict) -> bool:
    return value.get("type") in ("OrderedCollection", "OrderedCollectionPage") and isinstance(
        value.get("orderedItems"), list)


def activitypub_items(activities: list) -> list:
    """The posts of an ActivityPub outbox (Mastodon's BackupService writes the account's
    statuses so): a ``Create`` activity's object is a post, its HTML ``content`` the text,
    ``inReplyTo`` the post it answers, ``attributedTo`` its author ("name@host" where the
    URI is a Mastodon account's). A boost (``Announce``) names another's post by its URI:
    skipped, as is any other activity."""
    items = []
    for activity in activities:
        if not isinstance(activity, dict):
            items.append(activity)
            continue
        kind = str(activity.get("type") or "")
        post = activity.get("object")
        if kind == "Create" and isinstance(post, dict) and post.get("type") in _POST_OBJECTS:
            items.append({"id": post.get("id"), "parent_id": post.get("inReplyTo"),
                          "author": _account(post.get("attributedTo") or activity.get("actor")),
                          "created_at": post.get("published") or activity.get("published"),
                          "content": post.get("content"), "article_url": post.get("url")
                          if isinstance(post.get("url"), str) else None})
        elif kind == "Announce":
            items.append({"id": activity.get("id"), SKIPPED_AS: (
                "boost (Announce): another account's post, named by its URI only",
                "is a boost (Announce)")})
        else:
            what = post.get("type") if isinstance(post, dict) else "a URI"
            items.append({"id": activity.get("id"), SKIPPED_AS: (
                f"ActivityPub activity that adds no post: {kind!r} of {what!r}",
                f"is an ActivityPub {kind!r} activity")})
    return items


def _account(uri) -> str | None:
    if isinstance(uri, dict):
        uri = uri.get("id")
    if not isinstance(uri, str):
        return None
    match = _ACTOR_PATH.match(uri)
    return f"{match['name']}@{match['host']}" if match else uri


# --- Reddit's data request ---------------------------------------------------------------------

_REDDIT_DATA_REQUEST = frozenset({"id", "permalink", "date", "subreddit", "link", "parent",
                                  "body"})
"""Columns of comments.csv in Reddit's data request (with ip, gildings and media)."""

_POST_IN_LINK = re.compile(r"/comments/([0-9a-z]+)")


def is_reddit_data_request(header: list[str] | None) -> bool:
    return header is not None and _REDDIT_DATA_REQUEST <= {cell.lower() for cell in header}


def reddit_data_request_records(records: list[_Record]) -> list[_Record]:
    """The comments of Reddit's data request with their post: "link" is the post's URL, whose
    id is the comment's article; a "parent" that names the post itself answers no comment
    (a top-level comment)."""
    lifted = []
    for record in records:
        fields = {str(key).lower(): value for key, value in record.fields.items()}
        link = fields.get("link") if isinstance(fields.get("link"), str) else ""
        post = _POST_IN_LINK.search(link)
        if post:
            fields["article_id"] = post.group(1)
            parent = str(fields.get("parent") or "").strip()
            if parent in (post.group(1), f"t3_{post.group(1)}"):
                fields["parent"] = ""
        lifted.append(_Record(fields, record.line_start, record.line_end, record.label))
    return lifted


# --- exportcomments.com -----------------------------------------------------------------------

_EXPORTCOMMENTS_COLUMNS = frozenset({"name", "date", "comment", "(view source)"})
"""Columns of an exportcomments.com table (beside its row number "Nº", "Parent Nº" on a
reply's row, "Profile ID", "Likes"), as the table under its description of the export holds
them."""

_EXPORTCOMMENTS_ROLES = {"nº": "id", "parent nº": "parent_id", "name": "author"}


def is_exportcomments(header: list[str] | None) -> bool:
    return header is not None and _EXPORTCOMMENTS_COLUMNS <= {
        cell.strip().lower() for cell in header}


def exportcomments_records(records: list[_Record]) -> list[_Record]:
    """The comments of an exportcomments.com table: its row number "Nº" is the comment's id
    within the file, a reply's "Parent Nº" the number of the comment it answers, "Name" the
    commenter; "Date", "Likes" and "Comment" read by their names."""
    lifted = []
    for record in records:
        fields = {_EXPORTCOMMENTS_ROLES.get(str(key).strip().lower(), key): value
                  for key, value in record.fields.items()}
        lifted.append(_Record(fields, record.line_start, record.line_end, record.label))
    return lifted


# --- Facebook's "Download your information" ----------------------------------------------------

def facebook_comment_entries(value: dict) -> list | None:
    """The entries of Facebook's comments.json ("comments_v2"; "comments" before 2021), or
    None for any other document."""
    for key in ("comments_v2", "comments"):
        entries = value.get(key)
        if isinstance(entries, list) and entries and all(
                isinstance(entry, dict) and "timestamp" in entry and "title" in entry
                for entry in entries[:50]) and any(
                isinstance(part, dict) and isinstance(part.get("comment"), dict)
                for entry in entries[:50] for part in entry.get("data") or []
                if isinstance(entry.get("data"), list)):
            return entries
    return None


def facebook_comment_items(entries: list) -> list:
    """The comments of Facebook's comments.json: each entry's ``data[].comment`` (text,
    author, epoch seconds). Facebook writes the file's text as the bytes of UTF-8 each
    escaped as a character (``\\u00c3\\u00a9`` for "é"): decoded. No ids, no reply links.
    An entry with an attachment only (a photo, a sticker) has no text: skipped."""
    items = []
    for entry in entries:
        if not isinstance(entry, dict):
            items.append(entry)
            continue
        comment = next((part["comment"] for part in entry.get("data") or []
                        if isinstance(part, dict) and isinstance(part.get("comment"), dict)), {})
        fields = {"text": _facebook_text(comment.get("comment")),
                  "author": _facebook_text(comment.get("author")),
                  "created_at": comment.get("timestamp") or entry.get("timestamp")}
        if not (fields["text"] or "").strip():
            what = "an attachment only" if entry.get("attachments") else "no comment text"
            fields[SKIPPED_AS] = (f"Facebook comment with {what}", f"has {what}")
        items.append(fields)
    return items


def _facebook_text(value):
    if not isinstance(value, str):
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value  # not written so: characters beyond Latin-1, or not UTF-8 bytes


# --- Matrix (Element's export) -----------------------------------------------------------------

_MATRIX_TEXT_TYPES = ("m.text", "m.notice", "m.emote")
_REPLY_FALLBACK = re.compile(r"> <[@!][^>\n]*> ")
"""The first line of a reply's quoted fallback in its body ("> <@alice:example.org> ...")."""


def is_matrix_export(value: dict) -> bool:
    messages = value.get("messages")
    return isinstance(messages, list) and ("room_name" in value or "exported_by" in value) \
        and any(isinstance(event, dict) and "event_id" in event for event in messages[:50])


def matrix_items(events: list) -> list:
    """The messages of an Element room export (its JSONExporter writes each event's JSON): a
    text message's ``content.body``, its sender by the display name of their latest
    ``m.room.member`` event before it (else the Matrix ID), ``origin_server_ts`` in ms. A reply
    names its parent in ``m.relates_to.m.in_reply_to``; its quoted fallback ("> <@...> ...")
    is cut from the body, as the spec asks clients to. In a thread (``rel_type`` m.thread) a
    message whose in-reply-to is a fallback (``is_falling_back``) answers the thread's root.
    Room events, edits, redacted and media messages are skipped with their kind."""
    names: dict[str, str] = {}
    items = []
    for event in events:
        if not isinstance(event, dict):
            items.append(event)
            continue
        kind = str(event.get("type") or "")
        content = event.get("content") if isinstance(event.get("content"), dict) else {}
        sender = event.get("sender")
        fields = {"id": event.get("event_id"), "created_at": event.get("origin_server_ts")}
        if kind == "m.room.member" and isinstance(event.get("state_key"), str):
            if isinstance(content.get("displayname"), str) and content["displayname"].strip():
                names[event["state_key"]] = content["displayname"]
        if kind != "m.room.message":
            items.append({**fields, SKIPPED_AS: (f"room event, not a message: {kind}",
                                                 f"is a room event ({kind})")})
            continue
        relates = content.get("m.relates_to") if isinstance(
            content.get("m.relates_to"), dict) else {}
        reply = relates.get("m.in_reply_to") if isinstance(
            relates.get("m.in_reply_to"), dict) else {}
        msgtype = str(content.get("msgtype") or "")
        body = content.get("body")
        if relates.get("rel_type") == "m.replace":
            fields[SKIPPED_AS] = ("edit of an earlier message (m.replace)", "is an edit")
        elif not isinstance(body, str):
            fields[SKIPPED_AS] = ("redacted message: no body", "is redacted")
        elif msgtype not in _MATRIX_TEXT_TYPES:
            fields[SKIPPED_AS] = (f"media message without text ({msgtype})",
                                  f"is a media message ({msgtype})")
        if relates.get("rel_type") == "m.thread" and (
                relates.get("is_falling_back") or not reply.get("event_id")):
            fields["parent_id"] = relates.get("event_id")
        else:
            fields["parent_id"] = reply.get("event_id")
        if isinstance(body, str) and reply.get("event_id") and _REPLY_FALLBACK.match(body):
            body = _without_reply_fallback(body)
        items.append({**fields, "author": names.get(sender, sender), "text": body})
    return items


def _without_reply_fallback(body: str) -> str:
    lines = body.split("\n")
    quoted = 0
    while quoted < len(lines) and lines[quoted].startswith(">"):
        quoted += 1
    if quoted < len(lines) and not lines[quoted].strip():
        quoted += 1
    return "\n".join(lines[quoted:])
