"""JSON and JSONL exports: an array, an object holding a list, Reddit listings and thread JSON,
Disqus responses and nested replies, flattened without recursion.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator

from analysis.sources.decoding import _visible
from analysis.sources.platform_exports import (
    activitypub_items,
    facebook_comment_entries,
    facebook_comment_items,
    is_activitypub_collection,
    is_matrix_export,
    matrix_items,
    twitter_archive_tweet,
    zeeschuimer_fields,
)
from analysis.sources.records import (
    FIELD_ALIASES,
    GENERATED_ID,
    SKIPPED_AS,
    _normalise_key,
    _plain_from_html,
    _Record,
)
from analysis.sources.report import IngestionReport, SkippedLine, SourceError, place


def _jsonl_records(name: str, stem: str, lines: list[str], report: IngestionReport):
    records = []
    repeated = _RepeatedKeys()
    decoder = json.JSONDecoder(object_pairs_hook=repeated.hook)
    for number, line in enumerate(lines, start=1):
        if not _visible(line):
            report.skipped.append(SkippedLine(number, "blank line"))
            continue
        try:
            value = decoder.decode(line)
        except (json.JSONDecodeError, RecursionError) as err:
            reason = (f"invalid JSON: {err.msg} (column {err.colno})"
                      if isinstance(err, json.JSONDecodeError) else _TOO_DEEP)
            report.skipped.append(SkippedLine(number, reason))
            report.warn(f"line {number}: {reason}", "invalid JSON", reason, lines=(number,))
            continue
        if not isinstance(value, dict):
            repeated.take()
            report.skipped.append(SkippedLine(number, "not a JSON object"))
            continue
        _warn_repeated_keys(repeated.take(), f"line {number}", report)
        for fields in _flatten_json_comment(value, report, f"line {number}", stem):
            records.append(_Record(fields, number, number, f"line {number}"))
    if not records:
        first_bad = report.skipped[0].line if report.skipped else 1
        raise SourceError(name, "no valid JSON object on any line", line=first_bad)
    return records

def _json_records(name: str, stem: str, text: str, line_count: int, report: IngestionReport):
    """Records of a JSON document, the lines that hold none (with the reason) and the lines
    that hold only the article. A top-level array is read element by element so that each
    record knows its lines; any other shape is read whole."""
    repeated = _RepeatedKeys()
    decoder = json.JSONDecoder(object_pairs_hook=repeated.hook)
    stripped_start = len(text) - len(text.lstrip())
    if text[stripped_start:stripped_start + 1] != "[":
        return _json_document_records(name, stem, text, report), {}, set()
    records: list[_Record] = []
    index = stripped_start + 1
    line_at = _LineCounter(text)
    used: set[int] = set()
    not_objects: set[int] = set()
    post_lines: set[int] = set()
    article: dict = {}
    while True:
        index = _skip_json_space(text, index)
        if index >= len(text):
            raise SourceError(name, "invalid JSON: the array is never closed (truncated?)",
                              line=line_count)
        if text[index] == "]":
            break
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as err:
            column = _column_of(text, err.pos)
            raise SourceError(name, f"invalid JSON: {err.msg} (column {column})",
                              line=_line_of(text, err.pos)) from None
        except RecursionError:
            raise SourceError(name, _TOO_DEEP, line=line_at(index)) from None
        start_line = line_at(index)
        end_line = line_at(end)
        element_lines = range(start_line, end_line + 1)
        label = f"line {start_line}"
        found = repeated.take()
        if not isinstance(value, dict):
            not_objects.update(element_lines)
        else:
            _warn_repeated_keys(found, label, report)
            # Reddit's thread JSON (.../comments/<id>.json) is [post Listing, comments Listing].
            children = _listing_children(value)
            for child in [value] if children is None else children:
                if not isinstance(child, dict):
                    continue
                if child.get("kind") == "t3" and isinstance(child.get("data"), dict):
                    article = _reddit_post_article(child["data"])
                    post_lines.update(element_lines)
                    continue
                if child.get("type") == "story" and "id" in child:
                    # A Hacker News story item (the Firebase API's): the article.
                    article = _hacker_news_story_article(child)
                    post_lines.update(element_lines)
                    continue
                for fields in _flatten_json_comment(child, report, label, stem):
                    records.append(_Record({**article, **fields} if article else fields,
                                           start_line, end_line, label))
                    used.update(element_lines)
        index = _skip_json_space(text, end)
        if index < len(text) and text[index] == ",":
            index += 1
    structure = {n: "not a JSON object" if n in not_objects else "JSON structure"
                 for n in range(1, line_count + 1) if n not in used and n not in post_lines}
    return records, structure, post_lines - used

def _json_document_records(name: str, stem: str, text: str, report: IngestionReport
                           ) -> list[_Record]:
    """Records of a JSON document that is not an array, read whole (so without lines)."""
    repeated = _RepeatedKeys()
    try:
        value = json.loads(text, object_pairs_hook=repeated.hook)
    except json.JSONDecodeError as err:
        raise SourceError(name, f"invalid JSON: {err.msg} (column {_column_of(text, err.pos)})",
                          line=_line_of(text, err.pos)) from None
    except RecursionError:
        raise SourceError(name, _TOO_DEEP, line=_first_visible_line(text)) from None
    items, article = _json_items(value, report)
    if items is None:
        raise SourceError(name, "no list of comments found in the JSON document "
                          "(expected an array, or an object with a comments/data/items list)",
                          line=_first_visible_line(text))
    found = repeated.take()
    if found:
        label_of = _record_labels(items, {id(obj) for obj, _ in found})
        for obj, pairs in found:
            _warn_repeated_keys([(obj, pairs)], label_of.get(id(obj), ""), report)
    records = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            for fields in _flatten_json_comment(item, report, f"record {number}", stem):
                records.append(_Record({**article, **fields}, None, None, f"record {number}"))
    return records

class _RepeatedKeys:
    """An ``object_pairs_hook`` that builds each object as ``json`` does (of a key given twice,
    the last value wins) and keeps the objects whose keys repeat, with their pairs, so that
    the value dropped can be named. Costs next to nothing where no key repeats."""

    def __init__(self):
        self.found: list[tuple[dict, list[tuple[str, object]]]] = []

    def hook(self, pairs: list[tuple[str, object]]) -> dict:
        value = dict(pairs)
        if len(value) != len(pairs):
            self.found.append((value, pairs))
        return value

    def take(self) -> list[tuple[dict, list[tuple[str, object]]]]:
        """The objects found since the last call, and forget them."""
        found, self.found = self.found, []
        return found


def _warn_repeated_keys(found: list[tuple[dict, list[tuple[str, object]]]], label: str,
                        report: IngestionReport) -> None:
    """A warning per key given twice or more in one object with different values: the last
    value is used (as Python's json does), the others are named as dropped. ``label`` is the
    record's ("line 12", "record 3"); "" for an object outside the records (the document's
    wrapper). A key repeated with one value loses nothing."""
    for value, pairs in found:
        given: dict[str, list] = {}
        for key, item in pairs:
            given.setdefault(key, []).append(item)
        for key, items in given.items():
            dropped = [item for item in items[:-1] if item != value[key]]
            if not dropped:
                continue
            where = "the record" if label else "an object outside the comment records"
            repeated = (f"key {_shown(key)} appears {len(items)} times in {where}; its last "
                        f"value {_shown(value[key])} is used, "
                        f"{', '.join(_shown(item) for item in dropped)} "
                        f"{'is' if len(dropped) == 1 else 'are'} dropped")
            if label:
                report.warn(f"{label}: {repeated}", "repeated key", repeated, **place(label))
            else:
                report.warn(repeated, "repeated key")


_SHOWN_CHARACTERS = 60


def _shown(value) -> str:
    """A JSON value as a warning names it: a string quoted and escaped (it is untrusted text,
    and may hold terminal escapes), anything else as JSON, both cut to a readable length."""
    if isinstance(value, str):
        cut = value if len(value) <= _SHOWN_CHARACTERS else value[:_SHOWN_CHARACTERS] + "..."
        return repr(cut)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "..."


def _record_labels(items: list, wanted: set[int]) -> dict[int, str]:
    """``id()`` of each object in ``wanted`` to the label of the record (item) that holds it,
    "record N" as :func:`_json_document_records` numbers them; objects in no item are left
    out. A stack, not recursion: a thread may be nested deeper than the recursion limit."""
    labels: dict[int, str] = {}
    for number, item in enumerate(items, start=1):
        stack = [item]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                if id(value) in wanted:
                    labels[id(value)] = f"record {number}"
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    return labels


def _listing_children(value: dict) -> list | None:
    """The children of a Reddit Listing object, or None for anything else."""
    data = value.get("data")
    if value.get("kind") == "Listing" and isinstance(data, dict):
        children = data.get("children")
        return children if isinstance(children, list) else []
    return None

def _reddit_post_article(post: dict) -> dict:
    """Article fields from a Reddit post (a t3 object's data)."""
    fields = {"article_id": post.get("id"), "article_title": post.get("title"),
              "article_url": post.get("url"), "article_text": post.get("selftext")}
    return {key: value for key, value in fields.items() if value is not None}

def _hacker_news_story_article(story: dict) -> dict:
    """Article fields from a Hacker News story item; its comments answer it by its id."""
    text = story.get("text")
    fields = {"article_id": str(story["id"]), "article_title": story.get("title"),
              "article_url": story.get("url"),
              "article_text": _plain_from_html(text) if isinstance(text, str) else None}
    return _present(fields)

_TOO_DEEP = (f"JSON nested too deeply to read (more than about {sys.getrecursionlimit() // 2} "
             "levels of replies)")
"""Python's JSON parser recurses once per array and object, and a reply is an object in an
array; a thread that deep is a generated or damaged file, not a conversation."""

def _first_visible_line(text: str) -> int:
    """The line of the first visible character of ``text``."""
    return _line_of(text, len(text) - len(text.lstrip()))


def _line_of(text: str, index: int) -> int:
    """The 1-based line of ``text[index]``, lines ending as the readers end them (CRLF, LF or a
    lone CR: json counts LF only, which puts every record of an old Mac file on line 1)."""
    return (text.count("\n", 0, index) + text.count("\r", 0, index)
            - text.count("\r\n", 0, index) + 1)


def _column_of(text: str, index: int) -> int:
    """The 1-based column of ``text[index]`` on its line as :func:`_line_of` counts lines."""
    return index - max(text.rfind("\n", 0, index), text.rfind("\r", 0, index))


class _LineCounter:
    """:func:`_line_of` for indexes that only grow, counting each stretch of text once (from
    the start each time, a 100,000-record array took minutes)."""

    def __init__(self, text: str):
        self.text = text
        self.index = 0
        self.line = 1

    def __call__(self, index: int) -> int:
        if index > self.index:
            # Never cut between CR and LF: the indexes are JSON token boundaries.
            self.line += _line_of(self.text[self.index:index], index - self.index) - 1
            self.index = index
        return self.line

def _skip_json_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index

def _json_items(value, report: IngestionReport | None = None) -> tuple[list | None, dict]:
    if isinstance(value, list):
        return value, {}
    if not isinstance(value, dict):
        return None, {}
    if value.get("kind") == "Listing" and isinstance(value.get("data"), dict):
        return value["data"].get("children"), {}
    article = {}
    for key in ("article", "post", "submission", "story"):
        if isinstance(value.get(key), dict):
            article = {f"article_{k}": v for k, v in value[key].items()}
    for key in ("title", "url", "article_id", "article_title", "article_url", "article_text"):
        if key in value and not isinstance(value[key], (dict, list)):
            article.setdefault(key if key.startswith("article_") else f"article_{key}",
                               value[key])
    thread = value.get("thread")
    if isinstance(thread, dict) and isinstance(thread.get("post"), dict):
        # Bluesky's getPostThread: the anchor post is the article, its replies the comments.
        anchor = _lifted(thread)
        article.update({"article_id": anchor.get("id"), "article_text": anchor.get("text")})
        replies = thread.get("replies")
        return (replies if isinstance(replies, list) else []), _present(article)
    stream = value.get("post_stream")
    if isinstance(stream, dict) and isinstance(stream.get("posts"), list):
        listed = stream.get("stream")
        if isinstance(listed, list) and len(listed) > len(stream["posts"]) and report:
            # /t/ID.json gives the first 20 posts and the ids of all: the rest are elsewhere.
            missing = (f"the topic lists {len(listed)} posts (post_stream.stream) but the file "
                       f"holds {len(stream['posts'])}; the others are not in the file (fetch "
                       "/t/ID.json?print=true or /t/ID/posts.json?post_ids[]=...)")
            report.warn(missing, "posts not in the file")
        return _discourse_posts(stream["posts"], value, article)
    chats = value.get("chats")
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        return _telegram_chats(chats["list"]), article
    if isinstance(value.get("descendants"), list) or isinstance(value.get("ancestors"), list):
        return _status_context(value, article)
    vk = value.get("response")
    if isinstance(vk, dict) and isinstance(vk.get("items"), list) and (
            "profiles" in vk or any(isinstance(item, dict) and "from_id" in item
                                    for item in vk["items"])):
        return _vk_comments(vk), article
    page = value.get("data")
    if isinstance(page, dict) and _bilibili_replies(page) is not None:
        return _bilibili_comments(page, report), article
    if is_activitypub_collection(value):
        return activitypub_items(value["orderedItems"]), article
    facebook = facebook_comment_entries(value)
    if facebook is not None:
        return facebook_comment_items(facebook), article
    if is_matrix_export(value):
        room = value.get("room_name")
        return matrix_items(value["messages"]), (
            {**article, "article_title": room} if isinstance(room, str) and room else article)
    for key in ("comments", "data", "items", "records", "rows", "children", "results",
                "response", "messages", "posts"):
        if isinstance(value.get(key), list):
            return _with_included_users(value[key], value.get("includes")), article
    return None, article


def _telegram_chats(chats: list) -> list:
    """The messages of a Telegram export of a whole account ({"chats": {"list": [chat, ...]}}),
    each chat an article. A message id counts within its chat only, so with more than one
    chat the ids and reply links are prefixed with the chat's id ("42:7")."""
    chats = [chat for chat in chats if isinstance(chat, dict)
             and isinstance(chat.get("messages"), list)]
    scoped = len(chats) > 1
    items = []
    for chat in chats:
        chat_id = chat.get("id")
        for message in chat["messages"]:
            if not isinstance(message, dict):
                items.append(message)
                continue
            message = {**message, "article_id": chat_id, "article_title": chat.get("name")}
            if scoped:
                for key in ("id", "reply_to_message_id"):
                    if message.get(key) is not None:
                        message[key] = f"{chat_id}:{message[key]}"
            items.append(message)
    return items


def _vk_comments(response: dict) -> list:
    """The comments of VK's wall.getComments ({"response": {"items", "profiles", "groups"}}):
    a comment names its author by "from_id" (a person's id, or a community's as a negative
    number) and the people apart, so the name ("first_name last_name", a community's "name")
    is put into each comment. A top-level comment's replies come in its "thread" (with
    thread_items_count), each naming the reply it answers in "reply_to_comment" when it answers
    one; a reply without it answers the thread's comment (nested so here). The like count is
    an object ({"count": 3})."""
    names = {}
    for person in response.get("profiles") or []:
        if isinstance(person, dict) and "id" in person:
            full = f"{person.get('first_name') or ''} {person.get('last_name') or ''}".strip()
            names[person["id"]] = full or person.get("screen_name")
    for group in response.get("groups") or []:
        if isinstance(group, dict) and "id" in group:
            names[-abs(group["id"])] = group.get("name") or group.get("screen_name")

    def lifted(comment):
        if not isinstance(comment, dict):
            return comment
        fields = {**comment}
        sender = fields.get("from_id")
        if "author" not in fields and sender is not None:
            fields["author"] = names.get(sender) or f"id{sender}"
        if fields.get("reply_to_comment") and "parent_id" not in fields:
            fields["parent_id"] = fields["reply_to_comment"]
        likes = fields.get("likes")
        if isinstance(likes, dict):
            fields["likes"] = likes.get("count")
        thread = fields.pop("thread", None)
        if isinstance(thread, dict) and isinstance(thread.get("items"), list):
            fields["replies"] = [lifted(reply) for reply in thread["items"]]
        return fields
    return [lifted(comment) for comment in response["items"]]


def _bilibili_replies(page: dict) -> list | None:
    """The root comments of a Bilibili reply page ("data" of x/v2/reply, x/v2/reply/main or
    x/v2/reply/reply), or None when ``page`` is no such page: its comments carry "rpid"."""
    replies = page.get("replies")
    if isinstance(replies, list) and any(isinstance(r, dict) and "rpid" in r for r in replies):
        return replies
    root = page.get("root")
    if isinstance(root, dict) and "rpid" in root:
        return replies if isinstance(replies, list) else []
    return None


def _bilibili_comments(page: dict, report: IngestionReport | None) -> list:
    """The comments of a Bilibili reply page. Each comment ("rpid", "member": {"uname"},
    "content": {"message"}, "ctime" in epoch seconds, "like") names the comment it answers in
    "parent" (0 for none) and its root comment in "root"; a root comment's sub-replies are
    nested in its "replies". The hot comments ("hots") and the pinned one ("top_replies",
    "upper.top") shown above the page are read where the page does not hold them already (on
    the first page they repeat comments of the list); a reply/reply page's "root" is its
    root comment."""
    def lifted(reply):
        member = reply.get("member") if isinstance(reply.get("member"), dict) else {}
        content = reply.get("content") if isinstance(reply.get("content"), dict) else {}
        parent = reply.get("parent_str") or reply.get("parent")
        fields = {"id": reply.get("rpid_str") or reply.get("rpid"),
                  "author": member.get("uname"), "text": content.get("message"),
                  "created_at": reply.get("ctime"), "likes": reply.get("like")}
        if str(parent) not in ("0", "", "None"):
            fields["parent_id"] = parent
        nested = reply.get("replies")
        if isinstance(nested, list):
            fields["replies"] = [lifted(sub) for sub in nested if isinstance(sub, dict)]
        return fields

    roots = [reply for reply in _bilibili_replies(page) or [] if isinstance(reply, dict)]
    if isinstance(page.get("root"), dict):
        roots = [page["root"], *roots]
    seen = set()
    for reply in roots:
        stack = [reply]
        while stack:
            item = stack.pop()
            seen.add(str(item.get("rpid")))
            stack.extend(sub for sub in item.get("replies") or [] if isinstance(sub, dict))
    shown_above = [reply for key in ("top_replies", "hots") for reply in page.get(key) or []
                   if isinstance(reply, dict)]
    upper = page.get("upper")
    if isinstance(upper, dict) and isinstance(upper.get("top"), dict):
        shown_above.append(upper["top"])
    repeated = 0
    for reply in shown_above:
        if str(reply.get("rpid")) in seen:
            repeated += 1
            continue
        seen.add(str(reply.get("rpid")))
        roots.append(reply)
    if repeated and report is not None:
        note = (f"{repeated} hot or pinned comment(s) shown above the page repeat comments of "
                "the page: read once")
        report.warn(note, "repeated hot comments", note)
    return [lifted(reply) for reply in roots]


def _present(fields: dict) -> dict:
    return {key: item for key, item in fields.items() if item is not None}


def _discourse_posts(posts: list, topic: dict, article: dict) -> tuple[list, dict]:
    """A Discourse topic's posts ("post_stream"): the first post is the topic's own (the
    article), and a reply names the post it answers by its number in the topic
    ("reply_to_post_number"), which is turned into that post's id here. A reply to the first
    post, or to none, answers the topic: top-level."""
    by_number = {post.get("post_number"): post.get("id") for post in posts
                 if isinstance(post, dict)}
    article = {**article, "article_id": topic.get("id"), "article_title": topic.get("title")}
    items = []
    for post in posts:
        if isinstance(post, dict) and post.get("post_number") == 1:
            if isinstance(post.get("cooked"), str):
                article["article_text"] = _plain_from_html(post["cooked"])
            continue
        if isinstance(post, dict) and "reply_to_post_number" in post:
            number = post["reply_to_post_number"]
            post = {**post, "reply_to_post_number": (
                None if number in (None, 1) else by_number.get(number, f"post #{number}"))}
        items.append(post)
    return items, _present(article)


def _status_context(value: dict, article: dict) -> tuple[list, dict]:
    """Mastodon's status context ({"ancestors": [...], "descendants": [...]}): every status of
    the thread but the one asked about, which the first descendant answers. That status is the
    article: the replies to it are top-level."""
    items = [item for key in ("ancestors", "descendants")
             if isinstance(value.get(key), list) for item in value[key]]
    descendants = value.get("descendants") or []
    ids = {str(item.get("id")) for item in items if isinstance(item, dict)}
    first = descendants[0] if isinstance(descendants, list) and descendants else None
    anchor = first.get("in_reply_to_id") if isinstance(first, dict) else None
    if anchor is not None and str(anchor) not in ids:
        article = {**article, "article_id": str(anchor)}
    return items, article


def _with_included_users(items: list, includes) -> list:
    """X API v2 puts the people apart ("includes": {"users": [...]}), a tweet naming its
    author by "author_id" only: the author's username is put into each tweet."""
    users = includes.get("users") if isinstance(includes, dict) else None
    if not isinstance(users, list):
        return items
    names = {str(user.get("id")): user.get("username") or user.get("name")
             for user in users if isinstance(user, dict)}
    return [{**item, "username": names[str(item.get("author_id"))]}
            if isinstance(item, dict) and "username" not in item
            and str(item.get("author_id")) in names else item for item in items]


_LEMMY_PATH = re.compile(r"0(?:\.\d+)+")
"""A Lemmy comment's place in its tree: "0", then the ids from the top-level comment down to
itself ("0.12.15" answers comment 12)."""


def _lifted(value: dict) -> dict:
    """The fields of one comment as the exports that wrap them write them, brought to one
    level: Bluesky's thread node ({"post": {"record": {"text"}}, "replies"}), Lemmy's comment
    view ({"comment": {...}, "creator": {...}}), YouTube's comment thread and comment
    ({"snippet": {"topLevelComment": ...}}, "replies": {"comments": [...]}). A reply link
    stated only by the tree's encoding is made a field: a Lemmy "path", or a
    youtube-comment-downloader "cid" of the form PARENT.CHILD when "reply" says it is one.
    Slack's thread root names itself as its thread; X API v2 and Slack write "&", "<" and ">"
    as HTML entities in otherwise plain text. Anything else comes back as it is."""
    if len(value) == 1 and isinstance(value.get("tweet"), dict):
        return twitter_archive_tweet(value["tweet"])  # a Twitter archive's tweets.js
    post = value.get("post")
    if isinstance(post, dict) and isinstance(post.get("record"), dict):
        record = post["record"]
        lifted = {key: item for key, item in value.items() if key not in ("post", "$type")}
        lifted.update({"id": post.get("uri"), "author": post.get("author"),
                       "created_at": record.get("createdAt"), "like_count": post.get("likeCount")})
        if "text" in record:
            lifted["text"] = record["text"]
        return lifted
    comment = value.get("comment")
    if isinstance(comment, dict) and ("creator" in value or "counts" in value):
        lifted = {**comment, "creator": value.get("creator")}
        if isinstance(value.get("post"), dict):
            lifted.setdefault("article_title", value["post"].get("name"))
        value = lifted
    snippet = value.get("snippet")
    if isinstance(snippet, dict):
        top = snippet.get("topLevelComment")
        if isinstance(top, dict) and isinstance(top.get("snippet"), dict):
            lifted = {**top["snippet"], "id": top.get("id")}
            replies = value.get("replies")
            if isinstance(replies, dict) and isinstance(replies.get("comments"), list):
                lifted["replies"] = replies["comments"]
            return lifted
        if "id" in value and not isinstance(snippet.get("snippet"), dict):
            return {**snippet, "id": value["id"]}
    return _stated_links(value)


def _stated_links(value: dict) -> dict:
    """See :func:`_lifted`: reply links in a tree's encoding, self-naming thread roots and
    escaped text."""
    has_parent = any(_normalise_key(key) in FIELD_ALIASES["parent"] for key in value)
    path = value.get("path")
    if (not has_parent and isinstance(path, str) and _LEMMY_PATH.fullmatch(path)
            and path.rsplit(".", 1)[1] == str(value.get("id"))):
        steps = path.split(".")
        value = {**value, "parent_id": steps[-2] if len(steps) > 2 else None}
    cid = value.get("cid")
    if not has_parent and isinstance(value.get("reply"), bool) and isinstance(cid, str):
        value = {**value, "parent_id": cid.rsplit(".", 1)[0]
                 if value["reply"] and "." in cid else None}
    if "cid" in value and "uniqueId" in value and not any(
            _normalise_key(key) in FIELD_ALIASES["author"] for key in value):
        # Apify's TikTok comment scraper: "uniqueId" is the commenter's handle.
        value = {**value, "author": value["uniqueId"]}
    if "ts" in value and value.get("thread_ts") == value["ts"]:
        value = {**value, "thread_ts": None}
    slack = value.get("type") == "message" and "ts" in value
    tweet = "edit_history_tweet_ids" in value or "referenced_tweets" in value
    if (slack or tweet) and isinstance(value.get("text"), str):
        value = {**value, "text": value["text"].replace("&lt;", "<").replace("&gt;", ">")
                 .replace("&amp;", "&")}
    if tweet and "conversation_id" in value:
        value = {**value}
        value.setdefault("article_id", value["conversation_id"])
    return value


def _warn_unread_nesting(fields: dict, report: IngestionReport, label: str) -> None:
    """A warning for a list of comment-like objects (an id, a text, and an author or a time)
    under a key the reader does not take replies from: they would be lost without a word."""
    def role_of(obj: dict, role: str) -> bool:
        return any(_normalise_key(k) in FIELD_ALIASES[role] for k in obj)
    for key, value in fields.items():
        if not isinstance(value, list):
            continue
        like = [obj for obj in value if isinstance(obj, dict) and role_of(obj, "id")
                and role_of(obj, "text") and (role_of(obj, "author") or role_of(obj, "time"))]
        if like:
            unread = (f"{len(like)} comment-like object(s) nested under {str(key)!r} are not "
                      "read as comments")
            report.warn(f"{label}: {unread}", "nested objects not read", unread,
                        **place(label))


def _are_comments(replies: list) -> bool:
    """Whether the objects nested under "replies" are comments, not references to comments
    kept elsewhere in the file (Slack's thread root lists its replies as {"user", "ts"})."""
    marks = {*FIELD_ALIASES["text"], "replies", "children", "kind", "post", "snippet",
             "comment", "data"}
    return any(isinstance(reply, dict) and any(_normalise_key(k) in marks for k in reply)
               for reply in replies)

_LIVE_CHAT_MESSAGES = ("liveChatTextMessageRenderer", "liveChatPaidMessageRenderer")
"""The renderers of a YouTube live chat item that hold a viewer's message (a Super Chat's may
hold none); the others are events (a membership, a sticker, the "Chat replay is on" notice)."""


def _live_chat_messages(value: dict) -> list[dict] | None:
    """A line of a YouTube live chat as yt-dlp writes it (VIDEO.live_chat.json: one
    {"replayChatItemAction": {"actions": [...], "videoOffsetTimeMsec"}} per line, the live
    form wrapped the same way) as message records: the id, the text joined from its "runs"
    (a standard emoji as itself, a channel's own emoji by its shortcut), "authorName", and
    "timestampUsec" (microseconds since the epoch). An action that adds no message is a record
    skipped with its kind. None for anything else."""
    replay = value.get("replayChatItemAction")
    if isinstance(replay, dict) and isinstance(replay.get("actions"), list):
        actions = replay["actions"]
    elif isinstance(value.get("addChatItemAction"), dict):
        actions = [value]
    else:
        return None
    messages = []
    for action in actions:
        if not isinstance(action, dict):
            continue
        added = action.get("addChatItemAction")
        item = added.get("item") if isinstance(added, dict) else None
        kind, renderer = next(iter(item.items()), ("", None)) if isinstance(item, dict) \
            else (next(iter(action), "an empty action"), None)
        if not isinstance(renderer, dict):
            renderer = {}
        fields = {"id": renderer.get("id"), "message": _live_chat_text(renderer.get("message")),
                  "author": (renderer.get("authorName") or {}).get("simpleText")
                  if isinstance(renderer.get("authorName"), dict) else None,
                  "timestamp": renderer.get("timestampUsec")}
        if kind not in _LIVE_CHAT_MESSAGES:
            fields[SKIPPED_AS] = (f"live chat event, not a message: {kind}",
                                  f"is a live chat event ({kind})")
        elif not fields["message"]:
            fields[SKIPPED_AS] = (f"live chat item without a message: {kind}",
                                  f"is a live chat item without a message ({kind})")
        messages.append(fields)
    return messages


def _live_chat_text(message) -> str:
    """The text of a YouTube live chat message's runs, or of its "simpleText"."""
    if not isinstance(message, dict):
        return ""
    if isinstance(message.get("simpleText"), str):
        return message["simpleText"]
    parts = []
    for run in message.get("runs") or []:
        if not isinstance(run, dict):
            continue
        emoji = run.get("emoji")
        if isinstance(run.get("text"), str):
            parts.append(run["text"])
        elif isinstance(emoji, dict):
            shortcuts = emoji.get("shortcuts") or [""]
            parts.append(shortcuts[0] if emoji.get("isCustomEmoji") else
                         str(emoji.get("emojiId") or shortcuts[0]))
    return "".join(parts)


def _flatten_json_comment(value: dict, report: IngestionReport, label: str, stem: str
                          ) -> Iterator[dict]:
    """A comment object, and its nested replies (``replies`` or ``children``) depth-first with
    their parent filled in. A comment of such a tree without an id gets one (``GENERATED_ID``:
    ``STEM:LABEL/2/1`` for the first reply to its second reply), so its replies keep it as
    their parent.
    Reddit's "load more" stubs are not comments: the report says how many they stand for."""
    # A stack, not recursion: a thread may be nested deeper than Python's recursion limit.
    live = _live_chat_messages(value)
    if live is None:
        captured = zeeschuimer_fields(value)
        live = None if captured is None else [captured]
    stack: list[tuple[dict, str | None, str]] = (
        [(value, None, "")] if live is None else [(item, None, "") for item in reversed(live)])
    stubs = []
    while stack:
        value, parent, path = stack.pop()
        if value.get("kind") == "more":
            data = value.get("data")
            stubs.append(data.get("count", 0) if isinstance(data, dict) else 0)
            continue
        if "data" in value and isinstance(value.get("data"), dict) and "kind" in value:
            value = value["data"]
        value = _lifted(value)
        replies, nested = value.get("replies"), "replies"
        if replies is None and isinstance(value.get("children"), list):
            # Hacker News (Algolia's items API) and other tree exports nest them as children.
            replies, nested = value["children"], "children"
        edge = value.get("comments")
        if replies is None and isinstance(edge, dict) and isinstance(edge.get("data"), list):
            # Facebook's Graph API nests a comment's replies as an edge: {"data": [...]}.
            replies, nested = edge["data"], "comments"
        fields = {k: v for k, v in value.items() if k != nested}
        _warn_unread_nesting(fields, report, label)
        if parent is not None and not any(
                _normalise_key(k) in FIELD_ALIASES["parent"] for k in fields):
            fields["parent_id"] = parent
        if isinstance(replies, dict) and replies.get("kind") == "Listing":
            listing = replies.get("data")
            replies = listing.get("children") if isinstance(listing, dict) else None
        if isinstance(replies, list) and replies and not _are_comments(replies):
            replies = None  # references to comments elsewhere in the file, not comments
        replies = [(k, reply) for k, reply in enumerate(replies, start=1)
                   if isinstance(reply, dict)] if isinstance(replies, list) else []
        own_id = next((fields[k] for k in fields
                       if _normalise_key(k) in FIELD_ALIASES["id"]), None)
        if own_id is None and (replies or parent is not None):
            own_id = fields[GENERATED_ID] = f"{stem}:{label.replace(' ', '')}{path}"
        yield fields
        if replies:
            stack.extend((reply, str(own_id), f"{path}/{k}") for k, reply in reversed(replies))
    if stubs:
        load_more = (f"{len(stubs)} Reddit \"load more\" link(s) stand for "
                     f"{sum(c for c in stubs if isinstance(c, int))} comments that are not in "
                     "the file")
        report.warn(f"{label}: {load_more}", "load more", load_more, **place(label))

def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
