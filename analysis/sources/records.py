"""Structured exports as comment records: column names of common exports by role, rows from
records, reply links checked and cut with their reasons, the article table, and every line
accounted for.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.layout import day_first_of, read_time
from analysis.schema import ARTICLE_COLUMNS, ArticleCol, Col
from analysis.sources.decoding import _CONTROL, _visible, _without
from analysis.sources.report import IngestionReport, SkippedLine, place
from analysis.threads import (
    INVALID_CYCLE,
    INVALID_MISSING,
    INVALID_OTHER_ARTICLE,
    INVALID_SELF,
    validate_links,
)
from analysis.timeline import (
    normalise_timestamp,
    outside_placeable_years,
    parse_times,
    unknown_zone_name,
)

SOURCE_LINK = "source link"

SOURCE_TOP_LEVEL = "source: top-level"

# Column names of common exports, normalised (lower case, "_" for spaces, dashes and camelCase
# humps), by role.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    # "cid": youtube-comment-downloader; "ts": a Slack export (also the message's time).
    "id": ("comment_id", "id", "commentid", "comment_identifier", "message_id", "post_id_comment",
           "cid", "ts"),
    # The last ones name the comment answered in chat and social exports: Telegram
    # ("reply_to_message_id"), Discord ("reference": {"messageId"}, the API's
    # "message_reference"), X API v2 ("referenced_tweets" of type replied_to), Twitter v1.1,
    # Slack ("thread_ts", the thread's first message), Discourse ("reply_to_post_number",
    # turned into the post's id when read).
    "parent": ("parent_id", "reply_to", "in_reply_to", "parent", "parent_comment_id",
               "reply_to_id", "in_reply_to_id", "parentid", "replied_to", "is_reply_to",
               "reply_to_comment_id", "in_reply_to_comment_id", "parent_comment",
               "replied_to_id", "reply_to_message_id", "reference", "message_reference",
               "referenced_tweets", "in_reply_to_status_id", "thread_ts", "reply_to_post_number",
               "replies_to_id"),  # Apify's TikTok comment scraper
    # Disqus gives "raw_message" (plain) beside "message" (HTML): the plain one wins, as
    # YouTube's "textOriginal" wins over its "textDisplay" (HTML; the only one YouTube gives
    # to anyone but the comment's author). Discourse's "cooked" is HTML.
    "text": ("text", "raw_message", "text_original", "body", "comment", "comment_text",
             "content", "message", "comment_body",
             "commenttext", "comment_content", "cooked", "text_display"),
    # The last ones name the person in chat and social exports, often as an object
    # ({"name": ...}): Slack's "user_profile" (its "user" is an id), Telegram and Facebook
    # ("from"), Hacker News ("by"), Mastodon ("account"), Lemmy ("creator"), YouTube.
    "author": ("author", "user_profile", "user", "username", "user_name", "speaker",
               "screen_name", "author_name", "commenter", "author_display_name", "from", "by",
               "account", "creator", "author_id", "user_id",
               # Apify's Instagram comment scraper; Google Takeout's YouTube comments name
               # their author by channel only (read so only there: _resolve_fields).
               "owner_username", "channel_id"),
    # A parsed time wins over a time as shown: youtube-comment-downloader's "time" is "9 years
    # ago", its "time_parsed" the instant; Telegram's "date" has no zone, its "date_unixtime"
    # is the instant. 4CAT writes "timestamp" without a zone beside "unix_timestamp".
    "time": ("created_at", "created_utc", "created", "unix_timestamp", "timestamp",
             "time_parsed", "time", "date_unixtime", "date", "datetime", "published_at",
             "posted_at", "comment_date", "created_time", "published", "ts",
             "comment_create_timestamp", "create_time_iso", "create_time"),
    "article_id": ("article_id", "link_id", "submission_id", "post_id", "thread_id", "story_id",
                   "page_id", "topic_id", "video_id"),
    "article_title": ("article_title", "thread_title", "link_title", "title", "post_title",
                      "submission_title", "headline", "subject"),
    "article_url": ("article_url", "url", "link_url", "page_url", "post_url", "video_web_url"),
    "article_text": ("article_text", "article_body", "selftext", "post_text", "submission_text"),
    # Counts of likes as the comment system shows them. Not "score": Reddit's is upvotes less
    # downvotes (it goes below zero) and other tools write their own model scores under it.
    "likes": ("likes", "like_count", "likes_count", "num_likes", "upvotes", "ups",
              "recommendations", "recommendation_count", "recommends", "recommend_count"),
}

SHARED_KEYS = frozenset({"ts"})
"""Keys that may hold two roles: a Slack message's "ts" is its id and its time."""

GENERATED_ID = "_generated_id"
"""The field holding the id a nested comment without one is given (json_records)."""

SKIPPED_AS = "_skipped_as"
"""The field of a record that its export marks as no comment to read (spam, a pingback, held
for moderation): (skip reason, what the comment "is"), as :func:`_why_textless` gives them."""

@dataclass
class _Record:
    fields: dict
    line_start: int | None  # physical lines of the record in the file, when known
    line_end: int | None
    label: str  # "line 12" or "record 3", for messages

def _normalise_key(key) -> str:
    humps = _CAMEL_HUMP.sub("_", str(key).strip())
    return re.sub(r"[\s\-]+", "_", humps.lower())

# Where a camelCase name starts a new word: "parentCommentId", "commentID", "HTMLText".
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")

OBJECT_LINK_ALIASES = frozenset({"reference", "message_reference"})
"""Parent aliases that are reply links only as link objects (Discord's "reference":
{"messageId": ...}): a plain column so named (a citation, an order or article number) is no
reply link, and reading it as one would cut every link and stop their inference."""


def without_plain_object_links(roles: dict[str, str], records, report: IngestionReport
                               ) -> dict[str, str]:
    """``roles`` without a parent column of :data:`OBJECT_LINK_ALIASES` that holds no link
    object in this file (said in the report)."""
    key = roles.get("parent")
    if key is None or _normalise_key(key) not in OBJECT_LINK_ALIASES:
        return roles
    if any(isinstance(record.fields.get(key), dict) for record in records):
        return roles
    report.warn(f"column {key!r} holds no link objects (as Discord writes a reply's "
                "\"reference\"), so it is not read as a reply link; reply links are inferred "
                "from the text instead", "plain reference column")
    return {role: column for role, column in roles.items() if role != "parent"}


# A column that sounds like a reply link; named when none of the parent aliases is found.
_PARENT_LIKE = re.compile(r"parent|reply_?to|replied")

PERSON_NAME_KEYS = ("name", "username", "display_name", "displayName", "real_name", "acct",
                    "handle")
"""Where a person object names the person, first choice first: Disqus' author ("name",
"username"), Mastodon's account ("acct"), Bluesky's author ("displayName", "handle")."""


def _resolve_fields(keys: Iterable[str]) -> dict[str, str]:
    """Map each role to the first matching column present."""
    normalised = {_normalise_key(k): k for k in keys}
    chosen = {}
    for role, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in normalised and (normalised[alias] not in chosen.values()
                                        or alias in SHARED_KEYS):
                chosen[role] = normalised[alias]
                break
    if "author" not in chosen:
        # A nested person flattened into columns, "author.name" beside "author.id" (as
        # chat-downloader's CSV and pandas' json_normalize write an object): its name.
        flattened = next((normalised[f"{alias}.{_normalise_key(name_key)}"]
                          for alias in FIELD_ALIASES["author"] for name_key in PERSON_NAME_KEYS
                          if f"{alias}.{_normalise_key(name_key)}" in normalised), None)
        if flattened is not None:
            chosen["author"] = flattened
    if chosen.get("author") is not None and _normalise_key(chosen["author"]) == "channel_id" \
            and "comment_create_timestamp" not in normalised:
        # Elsewhere (the YouTube API, YouTube Data Tools) a channel id is the video's channel.
        del chosen["author"]
    if chosen.get("id") is not None and _normalise_key(chosen["id"]) == "ts" \
            and "thread_ts" not in normalised:
        # "ts" names a message where Slack writes it beside "thread_ts"; elsewhere a column so
        # named is a time, which several comments can share.
        del chosen["id"]
    return chosen

def _cell(fields: dict, key: str | None) -> str:
    """The value of ``key`` as text, stripped, without control characters: every cell is
    untrusted, and an ESC sequence in an author or an id would recolour or clear the terminal
    that prints the table."""
    return _without(_CONTROL, _raw_cell(fields, key)).strip()


def _raw_cell(fields: dict, key: str | None) -> str:
    if key is None:
        return ""
    value = fields.get(key)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dict):
        for name_key in PERSON_NAME_KEYS:  # a nested person ({"name": "Ann", ...})
            if isinstance(value.get(name_key), (str, int)) and str(value[name_key]).strip():
                return str(value[name_key]).strip()
    if isinstance(value, list) and value and all(
            isinstance(part, str) or (isinstance(part, dict) and isinstance(part.get("text"), str))
            for part in value):
        # Text in fragments: Telegram writes a message with a link or a bold word as a list of
        # strings and entity objects ({"type": "link", "text": "https://..."}).
        return "".join(part if isinstance(part, str) else part["text"] for part in value).strip()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value).strip() if not isinstance(value, str) else value.strip()


_LINK_KEYS = ("id", "message_id", "comment_id", "uri")
"""Where a nested link object names the comment it points to: Facebook's "parent": {"id"},
Discord's "reference": {"messageId"}, a Bluesky "parent": {"uri"}."""


def _link_cell(fields: dict, key: str | None) -> str:
    """The id a reply link names: a plain value as :func:`_cell` reads it, the id inside a
    link object, or the "replied_to" one of a list of typed links (X API v2's
    "referenced_tweets"; a tweet that only quotes or retweets answers nothing: "")."""
    value = fields.get(key) if key is not None else None
    if isinstance(value, list) and value and all(isinstance(v, dict) and "type" in v
                                                 for v in value):
        replied = [v for v in value if v.get("type") in ("replied_to", "reply")]
        value = replied[0] if replied else None
    if isinstance(value, dict):
        by_key = {_normalise_key(k): v for k, v in value.items()}
        linked = next((by_key[k] for k in _LINK_KEYS
                       if isinstance(by_key.get(k), (str, int)) and str(by_key[k]).strip()), None)
        return _without(_CONTROL, str(linked)).strip() if linked is not None else ""
    if value is None:
        return ""
    return _cell(fields, key)

_HTML_TAG = re.compile(r"</?(?:p|br|a|span|i|b|em|strong|pre|code|blockquote|ul|ol|li|h[1-6]"
                       r"|div|img|aside|del|s|u)\b[^<>]*>", re.IGNORECASE)
_NUMERIC_ENTITY = re.compile(r"&#(?:\d+|[xX][0-9a-fA-F]+);")
_STRAY_LT = re.compile(r"<(?![A-Za-z/!])")
_STRAY_AMP = re.compile(r"&(?!#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_HTML_FIELDS = frozenset({"cooked"})
"""Text fields that are HTML by their name (Discourse's rendered post)."""


def _html_text_field(records, key: str | None) -> bool:
    """Whether the text field ``key`` holds HTML in this file (Mastodon's "content", Hacker
    News's "text", Discourse's "cooked"): named so, or at least one value has a tag and no
    value has a "<" or "&" that HTML would have escaped. A numeric entity ("&#x27;", as Hacker
    News writes an apostrophe) counts as a tag: Reddit's bodies escape "&", "<" and ">" by
    name only, and are read as they are. Plain text that mentions a tag somewhere nearly
    always has a bare "&" or "<" elsewhere; one file is read one way."""
    if key is None:
        return False
    if _normalise_key(key) in _HTML_FIELDS:
        return True
    values = [record.fields.get(key) for record in records]
    values = [value for value in values if isinstance(value, str)]
    return (any(_HTML_TAG.search(value) or _NUMERIC_ENTITY.search(value) for value in values)
            and not any(_STRAY_LT.search(value) or _STRAY_AMP.search(value)
                        for value in values))


def _plain_from_html(text: str) -> str:
    """HTML text as plain text: paragraphs ("<p>", Hacker News's lone "<p>" between them) and
    "<br>" as line breaks, scripts and styles dropped with their content, other tags dropped,
    entities decoded. The result is untrusted text like any other, never markup."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", "", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</p\s*>\s*<p\b[^<>]*>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<p\b[^<>]*>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^<>]*>", "", text)
    return html.unescape(text).strip()


def _reddit_id(raw: str) -> tuple[str, str]:
    """("t1"|"t3"|"", bare id) for a Reddit fullname like t1_abc; other ids pass through."""
    match = re.fullmatch(r"(t[1-6])_([0-9a-z]+)", raw)
    return (match.group(1), match.group(2)) if match else ("", raw)

DELETED_TEXTS = frozenset({"[deleted]", "[removed]"})
"""What Reddit leaves as the text of a deleted or removed comment: no comment to analyse (a
removed one scored as a civil "[removed]" would hide what the moderators took out)."""

def _why_textless(text: str, text_key: str | None, fields: dict) -> tuple[str, str]:
    """(skip reason, what the comment "has" or "is") for a record without comment text. A
    record without the text field at all (a post among comments, another export's shape) is
    named as such: "empty comment text" would send the user looking for a blank cell."""
    if fields.get(SKIPPED_AS):
        return fields[SKIPPED_AS]
    kind = str(fields.get("$type") or "")
    if fields.get("deleted") is True or kind.endswith("#notFoundPost"):
        # Hacker News and Lemmy mark a deleted comment; Bluesky leaves a "not found" post.
        return "deleted comment: marked deleted", "is deleted (marked so)"
    if fields.get("blocked") is True or kind.endswith("#blockedPost"):
        return "blocked post: not shown to the account that exported it", "is blocked"
    if text_key is not None and text_key not in fields:
        return (f"no text field: the record has no {text_key!r}",
                f"has no {text_key!r} field")
    if text.strip() in DELETED_TEXTS:
        return f"deleted comment: text is {text.strip()}", f"is deleted ({text.strip()})"
    if fields.get("type") == "service":
        # A chat export's notice (Telegram: a group created, a member joined), not a message.
        action = _without(_CONTROL, str(fields.get("action") or "")).strip()
        return (f"service message{': ' + action if action else ''}",
                f"is a service message{' (' + action + ')' if action else ''}")
    media = next((key for key in ("photo", "file", "media_type", "sticker_emoji")
                  if fields.get(key)), None)
    if fields.get("type") == "message" and media:
        # Telegram: a photo, file or sticker sent without a caption.
        return (f"media message without text ({media})",
                f"is a media message without text ({media})")
    return "empty comment text", "has empty text"

def split_thread_posts(records: list[_Record], roles: dict[str, str], report: IngestionReport
                       ) -> tuple[list[_Record], dict[str, dict[str, str]], set[int]]:
    """The records without the posts that open their threads, those posts as article fields
    (title, text, url) by article id, and their lines. A record whose id is its own thread's id
    and that answers nothing is the thread's opening post, as 4CAT writes a Reddit or 4chan
    thread's first row (its "subject" the title): the article, not a comment. Only in an
    export with reply links, and only beside comments."""
    id_key, article_key = roles.get("id"), roles.get("article_id")
    if id_key is None or article_key is None or "parent" not in roles:
        return records, {}, set()
    kept, posts, lines = [], {}, set()
    for record in records:
        fields = record.fields
        own_id = _reddit_id(_cell(fields, id_key))[1]
        if (own_id and own_id == _reddit_id(_cell(fields, article_key))[1]
                and not _link_cell(fields, roles["parent"])):
            posts[own_id] = {"_title": _cell(fields, roles.get("article_title")),
                             "_article_text": _cell(fields, roles.get("text")),
                             "_url": _cell(fields, roles.get("article_url"))}
            if record.line_start:
                lines.update(range(record.line_start, record.line_end + 1))
            post = (f"record {own_id!r} is its thread's own post (its id is the thread id): "
                    "read as the article")
            report.warn(f"{record.label}: {post}", "thread post", post, **place(record.label))
        else:
            kept.append(record)
    if not kept:
        return records, {}, set()
    return kept, posts, lines


def _segments_text(value: str) -> str | None:
    """Google Takeout's YouTube comment text, JSON text segments joined
    ('{"text":"a"},{"text":"\\n"},{"text":"b"}' since June 2024,
    '{"takeoutSegments":[{"text":"a"}]}' before); None for any other text."""
    if not _SEGMENTS_START.match(value):
        return None
    try:
        parts = json.loads(f"[{value}]")
    except (ValueError, RecursionError):
        return None
    if len(parts) == 1 and isinstance(parts[0], dict) and isinstance(
            parts[0].get("takeoutSegments"), list):
        parts = parts[0]["takeoutSegments"]
    if not parts or not all(isinstance(part, dict) and isinstance(part.get("text"), str)
                            for part in parts):
        return None
    return "".join(part["text"] for part in parts).strip()


_SEGMENTS_START = re.compile(r'\s*\{\s*"(?:text|takeoutSegments)"\s*:')


def _segmented_text_field(records, roles: dict[str, str]) -> bool:
    """Whether the text field holds Takeout's text segments: in a Takeout comments file (its
    "Comment Create Timestamp"), where older rows may be plain text, or in any file where
    every text is so written."""
    key = roles.get("text")
    if key is None:
        return False
    if _normalise_key(roles.get("time", "")) == "comment_create_timestamp":
        return True
    values = [v for v in (record.fields.get(key) for record in records)
              if isinstance(v, str) and v.strip()]
    return bool(values) and all(_segments_text(v) is not None for v in values)


def _rows_from_records(name, stem, records, roles, report):
    """The rows of the records with text, the lines they use, and the records without text
    (deleted comments) by id, with each one's parent and label, so that their replies can be
    attached further up."""
    rows = []
    used_lines: set[int] = set()
    seen_ids: Counter = Counter()
    textless: dict[str, tuple[str, str, str]] = {}
    textless_records: list[tuple[str, str, range, tuple[str, str]]] = []
    unzoned: list[tuple[int, str, str]] = []  # (row, label, time as given) of times left as given
    # An XML export's reader gives plain text already.
    html_text = report.kind != "xml" and _html_text_field(records, roles.get("text"))
    if html_text:
        report.warn(f"text field {roles['text']!r} holds HTML: read as plain text (tags "
                    "dropped, entities decoded, paragraphs and <br> as line breaks)", "HTML text")
    segmented = _segmented_text_field(records, roles)
    if segmented:
        report.warn(f"text field {roles['text']!r} holds Google Takeout's text segments "
                    '({"text": ...}): read as their text', "text segments")
    for record in records:
        fields = record.fields
        text = _cell(fields, roles.get("text"))
        if html_text:
            text = _plain_from_html(text)
        if segmented:
            text = _segments_text(text) or text
        lines = range(record.line_start, record.line_end + 1) if record.line_start else range(0)
        if not _visible(text) or text.strip() in DELETED_TEXTS or fields.get(SKIPPED_AS):
            raw_id = _reddit_id(_cell(fields, roles.get("id")) or _cell(fields, GENERATED_ID))[1]
            parent_kind, parent = _reddit_id(_link_cell(fields, roles.get("parent")))
            why = _why_textless(text, roles.get("text"), fields)
            if raw_id:
                textless.setdefault(raw_id, ("" if parent_kind == "t3" else parent,
                                             record.label, why[1]))
            textless_records.append((raw_id, record.label, lines, why))
            continue
        used_lines.update(lines)
        raw_id = _cell(fields, roles.get("id")) or _cell(fields, GENERATED_ID)
        comment_id = _reddit_id(raw_id)[1] if raw_id else f"{stem}:{record.label.replace(' ', '')}"
        seen_ids[comment_id] += 1
        if seen_ids[comment_id] > 1:
            renamed = f"{comment_id}~{seen_ids[comment_id]}"
            duplicate = f"duplicate id {comment_id!r}, kept as {renamed!r}"
            report.warn(f"{record.label}: {duplicate}", "duplicate id", duplicate,
                        **place(record.label))
            comment_id = renamed
        parent_kind, parent = _reddit_id(_link_cell(fields, roles.get("parent")))
        article_id = _reddit_id(_cell(fields, roles.get("article_id")))[1]
        if parent_kind == "t3":
            article_id = article_id or parent
            parent = ""
        raw_time = _cell(fields, roles.get("time"))
        likes = _likes(_cell(fields, roles.get("likes")), record.label, report)
        created_at = normalise_timestamp(raw_time)
        # Left as given, it is not read as an instant with a zone, unless it was given in the
        # normalised form already (most exports): only the others are parsed again.
        if created_at and created_at == raw_time and not _normalised(raw_time):
            unzoned.append((len(rows), record.label, raw_time))
        rows.append({
            Col.ARTICLE_ID: article_id or stem,
            Col.COMMENT_ID: comment_id,
            Col.AUTHOR: _cell(fields, roles.get("author")) or None,
            Col.CREATED_AT: created_at or None,
            Col.TEXT: text,
            Col.PARENT_ID: parent,
            Col.LIKES: likes,
            Col.TIME_TEXT: None,
            "_title": _cell(fields, roles.get("article_title")),
            "_url": _cell(fields, roles.get("article_url")),
            "_article_text": _cell(fields, roles.get("article_text")),
            "_label": record.label,
        })
    _settle_given_times(rows, unzoned, report)
    claimed = set(used_lines)
    for raw_id, label, lines, (reason, has) in textless_records:
        own = [n for n in lines if n not in claimed]
        claimed.update(own)
        report.skipped.extend(SkippedLine(n, reason) for n in own)
        if not own:
            # Its lines hold other records too (a one-line file, a nested reply), so no line
            # can be skipped in its name: the warning stands for it.
            what = f"comment {raw_id!r}" if raw_id else "a comment"
            report.warn(f"{label}: {what} {has}, skipped", reason.split(":")[0],
                        f"{what} {has}, skipped", **place(label))
    report.comment_lines = len(used_lines)
    return rows, used_lines, textless

_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.0+)?")


def _likes(raw: str, label: str, report) -> int | None:
    """The like count of a record: a whole number ("12", "1,234", "12.0" as a spreadsheet
    writes it); anything else is left empty with a warning, never guessed ("1.2k" is not a
    count, and a negative one is a net score, not likes)."""
    text = raw.strip()
    if not text:
        return None
    if _WHOLE_NUMBER.fullmatch(text):
        return int(float(text.replace(",", "")))
    why = f"likes {text!r} is not a whole number of likes; left empty"
    report.warn(f"{label}: {why}", "not a count", why, **place(label))
    return None


_NORMALISED_TIME = re.compile(r"(?P<year>\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
"""The form of a time read with its zone (``analysis.timeline.ISO_UTC``)."""


def _normalised(raw: str) -> bool:
    """Whether a time is given as ``normalise_timestamp`` writes one, in years a time table
    holds whole (1677 and 2262 only in part: those, and a placeholder such as year 1, are
    parsed again and named when out of range)."""
    match = _NORMALISED_TIME.fullmatch(raw)
    return match is not None and 1678 <= int(match.group("year")) <= 2261


# A date written in numbers, day and month in an order the text does not say ("09.03.2020
# 19:17", "3/9/20 7:17 PM").
_NUMERIC_DATE = re.compile(r"\s*\d{1,2}(?P<separator>[/.])\d{1,2}(?P=separator)(?:\d{4}|\d{2})\b")


def _settle_given_times(rows: list[dict], given: list[tuple[int, str, str]], report) -> None:
    """Read the times an export gives in no normalised form (``given``: row, label, time as
    given), as a page's times are read, and say what could not be read.

    A date in numbers takes the order of the whole column: day first where some date's first
    number is above 12, month first where some second number is; with no such date, dots mean
    day first (as on a page: :func:`analysis.layout.read_time`) and slashes stay open (the US
    and most of Europe differ), read month first as before, with a warning. A date in words
    or numbers that pandas does not read ("9 Mar 2020 19.17", "9. März 2020 19:17") is read
    by the page reader; either way the instant goes to ``created_at`` (ISO 8601, no zone) and
    the time as given to ``time_text``. An age ("18h ago") or a day without its year has no
    instant: it goes to ``time_text`` with ``created_at`` left empty and a warning. Anything
    else stays as given with a warning: it counts in no time table, and the user must hear
    why. Rows are changed in place."""
    if not given:
        return
    raws = [raw for _, _, raw in given]
    column_order = day_first_of(raws)
    unsure_order: list[str] = []
    left: list[tuple[int, str, str]] = []
    for row, label, raw in given:
        numeric = _NUMERIC_DATE.match(raw)
        if numeric is None:
            left.append((row, label, raw))
            continue
        if column_order is None and numeric.group("separator") == "/":
            unsure_order.append(raw)
            left.append((row, label, raw))
            continue
        instant = read_time(raw, column_order)[1]
        if instant is None:
            left.append((row, label, raw))
        else:
            rows[row][Col.CREATED_AT], rows[row][Col.TIME_TEXT] = instant, raw
    if unsure_order:
        why = (f"{len(unsure_order):,} times such as {unsure_order[0]!r} write the day and month "
               "in numbers, and no date in the file has a day or month above 12 to tell their "
               "order: read month first (as in the US); if the source writes the day first, "
               "these dates are wrong")
        report.warn(why, "day or month first", why)
    if not left:
        return
    unread = parse_times(pd.Series([raw for _, _, raw in left], dtype="string")).isna()
    far = outside_placeable_years(pd.Series([raw for _, _, raw in left], dtype="string"))
    for (row, label, raw), is_unread, is_far in zip(left, unread.to_numpy(), far.to_numpy(),
                                                     strict=True):
        if not is_unread:
            continue
        # A zone name it cannot place ("IST") is never dropped to read the rest as a date.
        zone = unknown_zone_name(raw)
        is_time, instant = (False, None) if zone else read_time(raw, column_order)
        if instant is not None:
            rows[row][Col.CREATED_AT], rows[row][Col.TIME_TEXT] = instant, raw
            continue
        if zone:
            why = (f"time {raw!r} names the zone {zone!r}, which is ambiguous or unknown "
                   "(use an offset such as +01:00); kept as text, left out of time tables")
        elif is_time:
            rows[row][Col.CREATED_AT], rows[row][Col.TIME_TEXT] = None, raw
            why = (f"time {raw!r} is an age or a day without its year, with no date to count "
                   "from: kept as time_text, created_at left empty, left out of time tables")
        elif is_far:
            why = (f"time {raw!r} is outside the years 1677-2262 that time tables hold (a "
                   "placeholder for no date?); kept as text, left out of time tables")
        else:
            why = f"time {raw!r} does not read as a date; kept as text, left out of time tables"
        report.warn(f"{label}: {why}", "not a date", why, **place(label))


def _comments_frame(rows: list[dict], linked: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR,
                                        Col.CREATED_AT, Col.TEXT, Col.PARENT_ID, Col.LIKES,
                                        Col.TIME_TEXT, "_label"])
    # Set where a time was read as a page shows it; placed with the extras below.
    times_as_given = frame.pop(Col.TIME_TEXT).tolist()
    n = len(frame)
    frame = frame.astype({c: "string" for c in
                          (Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR, Col.CREATED_AT, Col.TEXT,
                           Col.PARENT_ID)})
    if linked:
        has_parent = frame[Col.PARENT_ID].fillna("") != ""
        evidence = has_parent.map({True: SOURCE_LINK, False: SOURCE_TOP_LEVEL})
        confidence = pd.array([1.0] * n, dtype="Float64")
    else:
        # No parent column at all: the export is as flat as a scraped page; infer the links.
        frame[Col.PARENT_ID] = pd.array([None] * n, dtype="string")
        evidence = pd.array([""] * n, dtype="string")
        confidence = pd.array([None] * n, dtype="Float64")
    return frame.assign(**{
        Col.LINE_START: pd.array([None] * n, dtype="Int64"),
        Col.LINE_END: pd.array([None] * n, dtype="Int64"),
        Col.REPLY_CONFIDENCE: confidence,
        Col.REPLY_EVIDENCE: pd.array(evidence, dtype="string"),
        Col.POSITION: frame.groupby(Col.ARTICLE_ID, sort=False).cumcount(),
        Col.SEGMENT_EVIDENCE: pd.array([""] * n, dtype="string"),
        Col.SEGMENT_CONFIDENCE: 1.0,  # each record is one comment
        Col.TRUNCATED: False,
        Col.INFERRED: False,
        Col.TIME_TEXT: pd.array(times_as_given, dtype="string"),
        Col.LIKES: pd.array(frame[Col.LIKES].tolist(), dtype="Int64"),
    })

def _validate_links(name: str, comments: pd.DataFrame, report: IngestionReport,
                    textless: dict[str, tuple[str, str, str]]) -> pd.DataFrame:
    """The source's reply links, checked by :func:`analysis.threads.validate_links`: a link to
    a comment not in the file (or under another article), to itself, or round a cycle is cut:
    the comment becomes top-level, its evidence says why, and the report warns with the
    record's line. First, a reply to a comment without text (``textless``: id to its parent,
    label and what it is or has, "is deleted ([removed])") moves up to the nearest ancestor
    with text, since the thread still runs through it."""
    if comments.empty or comments[Col.REPLY_CONFIDENCE].isna().all():
        return comments.drop(columns="_label")
    ids = comments[Col.COMMENT_ID].tolist()
    parents = comments[Col.PARENT_ID].fillna("").tolist()
    labels = comments["_label"].tolist()
    evidence = comments[Col.REPLY_EVIDENCE].tolist()
    articles = comments[Col.ARTICLE_ID].fillna("").tolist()
    known = set(ids)

    def cut(i: int, why: str) -> None:
        cut_link = f"comment {ids[i]!r} {why}; kept as top-level"
        report.warn(f"{labels[i]}: {cut_link}", "cut link", cut_link, **place(labels[i]))
        evidence[i] = f"{SOURCE_LINK} cut: {why}"
        parents[i] = ""

    by_whole_number: dict[str, str] | None = None
    for i, parent in enumerate(parents):
        if parent and parent not in known and parent not in textless:
            # Spreadsheets and pandas write integer ids of a column with gaps as floats (1.0).
            if by_whole_number is None:
                by_whole_number = {}
                for comment_id in [*ids, *textless]:
                    by_whole_number.setdefault(_whole_number(comment_id), comment_id)
            parents[i] = by_whole_number.get(_whole_number(parent), parent)
    _, problems = validate_links(comments[Col.ARTICLE_ID].tolist(), ids, parents)
    for i, parent in enumerate(parents):
        problem = problems.get(i)
        if problem == INVALID_SELF:
            cut(i, "replies to itself")
        elif parent and parent not in known and parent in textless:
            ancestor = _nearest_ancestor_with_text(parent, textless, known)
            has = textless[parent][2]  # "has empty text", "is deleted ([removed])", ...
            if ancestor:
                moved = (f"comment {ids[i]!r} replies to {parent!r}, which {has}; "
                         f"attached to {ancestor!r}")
                report.warn(f"{labels[i]}: {moved}", "link moved up", moved,
                            **place(labels[i]))
                evidence[i] = f"{SOURCE_LINK} via {parent!r}, which {has}"
                parents[i] = ancestor
            else:
                cut(i, f"replies to {parent!r}, which {has} and no parent with text")
        elif problem == INVALID_MISSING and parent == articles[i]:
            # A reply to the article itself (a Hacker News story, the status a Mastodon
            # context is of, the tweet a conversation starts with): top-level.
            parents[i] = ""
            evidence[i] = SOURCE_TOP_LEVEL
        elif problem == INVALID_MISSING:
            cut(i, f"replies to {parent!r}, which is not in the file")
        elif problem == INVALID_OTHER_ARTICLE:
            cut(i, f"replies to {parent!r}, which is under another article")
    # Cycles are looked for once the links to comments without text have moved up.
    _, problems = validate_links(comments[Col.ARTICLE_ID].tolist(), ids, parents)
    for i, problem in sorted(problems.items()):
        if problem == INVALID_CYCLE:
            cut(i, f"closes a reply cycle through {parents[i]!r}")
    return comments.assign(**{
        Col.PARENT_ID: pd.array(parents, dtype="string"),
        Col.REPLY_EVIDENCE: pd.array(evidence, dtype="string"),
    }).drop(columns="_label")

_FLOAT_OF_INTEGER = re.compile(r"(-?\d+)\.0+")

def _whole_number(raw: str) -> str:
    """``raw`` without a zero fraction ("12.0" becomes "12"); other text unchanged."""
    match = _FLOAT_OF_INTEGER.fullmatch(raw)
    return match.group(1) if match else raw

def _nearest_ancestor_with_text(parent: str, textless: dict[str, tuple[str, str, str]],
                                known: set[str]) -> str:
    """The first comment with text up the chain from ``parent`` (a comment without text), or ""
    when the chain ends, leaves the file, or loops first."""
    seen = set()
    while parent in textless and parent not in known and parent not in seen:
        seen.add(parent)
        parent = textless[parent][0]
    return parent if parent in known else ""

def _structured_articles(stem: str, rows: list[dict],
                         posts: dict[str, dict[str, str]] | None = None) -> pd.DataFrame:
    """The articles of the rows; ``posts`` (:func:`split_thread_posts`) give an article's
    title, text and url where its comments do not."""
    articles: dict[str, dict] = {}
    posts = posts or {}
    commented = {row[Col.ARTICLE_ID] for row in rows}
    for row in [*rows, *({Col.ARTICLE_ID: article_id, **post}
                         for article_id, post in posts.items() if article_id in commented)]:
        article_id = row[Col.ARTICLE_ID]
        entry = articles.setdefault(article_id, {
            ArticleCol.SOURCE: "", ArticleCol.ARTICLE_ID: article_id, ArticleCol.TITLE: "",
            ArticleCol.URL: "", ArticleCol.TEXT: "", ArticleCol.LINE_START: None,
            ArticleCol.LINE_END: None})
        entry[ArticleCol.TITLE] = entry[ArticleCol.TITLE] or row["_title"]
        entry[ArticleCol.URL] = entry[ArticleCol.URL] or row["_url"]
        entry[ArticleCol.TEXT] = entry[ArticleCol.TEXT] or row["_article_text"]
    for entry in articles.values():
        entry[ArticleCol.TITLE] = entry[ArticleCol.TITLE] or (
            entry[ArticleCol.ARTICLE_ID] if entry[ArticleCol.ARTICLE_ID] != stem else stem)
    frame = pd.DataFrame(list(articles.values()), columns=ARTICLE_COLUMNS)
    return frame.astype({ArticleCol.LINE_START: "Int64", ArticleCol.LINE_END: "Int64"})

def _account_structured_lines(report, lines, used_lines, structure_lines, article_lines):
    """Give every line not in a record a place: ``structure_lines`` maps lines to the reason
    they hold no comment (a header, JSON brackets), ``article_lines`` hold only the article."""
    accounted = used_lines | {s.line for s in report.skipped}
    article_only = article_lines - accounted
    report.article_lines += len(article_only)
    accounted |= article_only
    for number in sorted(structure_lines.keys() - accounted):
        reason = structure_lines[number]
        if not _visible(lines[number - 1]):
            reason = "blank line"
        report.skipped.append(SkippedLine(number, reason))
    accounted |= structure_lines.keys()
    rest = [n for n in range(1, len(lines) + 1) if n not in accounted]
    if report.kind == "json" and not used_lines:
        # A JSON document read whole gives no positions per record: its lines hold the comments.
        report.comment_lines = len(rest)
    else:
        report.skipped.extend(SkippedLine(n, "not part of a record") for n in rest)
    report.skipped.sort(key=lambda s: s.line)
