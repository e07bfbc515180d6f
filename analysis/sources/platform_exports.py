"""Exports that wrap a platform's own objects, brought to the flat fields the record reader
takes (``id``, ``parent_id``, ``author``, ``created_at``, ``text`` or HTML ``content``,
``likes``, ``article_*``); an object that holds no comment is marked with its reason
(:data:`~analysis.sources.records.SKIPPED_AS`):

* a Zeeschuimer capture (4CAT's browser extension; NDJSON, one captured item per line with the
  platform's object under ``data``): TikTok comments and videos;
* a Twitter/X archive's ``data/tweets.js`` (``window.YTD.tweets.part0 = [{"tweet": ...}]``);
* Mastodon's account archive ``outbox.json`` (ActivityPub activities, ``Create`` of a Note);
* Reddit's data request ``comments.csv`` (id, permalink, date, ip, subreddit, gildings, link,
  parent, body, media);
* Facebook's "Download your information" ``comments.json`` (``comments_v2``);
* Element's Matrix room export (JSON: ``room_name`` ... ``messages``, each a Matrix event).
"""

from __future__ import annotations

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
    return {"id": value.get("item_id"), SKIPPED_AS: (
        f"Zeeschuimer item from {platform!r}: not a kind read as comments (TikTok comments "
        "and videos are)", f"is a Zeeschuimer item from {platform!r}")}


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
