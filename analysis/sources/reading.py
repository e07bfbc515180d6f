"""The entry points: a file or in-memory bytes in, a Source out (its format told by name and
content), and the seed pages.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path, PurePosixPath

from analysis.export import is_comment_export
from analysis.schema import ArticleCol, Col
from analysis.sources.archives import COMPRESSED_SUFFIXES, uncompressed, zip_members
from analysis.sources.chat_logs import CHAT_LOG_SUFFIX, chat_log_records, is_chat_log
from analysis.sources.decoding import _LINE_BREAK, _decode, _visible
from analysis.sources.delimited import _csv_records
from analysis.sources.json_records import (
    _first_visible_line,
    _is_json,
    _json_records,
    _jsonl_records,
)
from analysis.sources.languages import warn_other_languages
from analysis.sources.own_export import (
    note_own_export,
    unguarded_records,
    with_stated_columns,
)
from analysis.sources.page_text import PageColumns, _parse_page
from analysis.sources.platform_exports import (
    TWITTER_ARCHIVE_ACCOUNT,
    TWITTER_ARCHIVE_AUTHORS,
    TWITTER_ARCHIVE_SUFFIX,
    exportcomments_records,
    is_exportcomments,
    is_reddit_data_request,
    is_twitter_archive_tweets,
    reddit_data_request_records,
    split_archive_owner,
    twitter_archive_json,
    twitter_archive_owner_note,
    with_archive_account,
)
from analysis.sources.records import (
    _PARENT_LIKE,
    FIELD_ALIASES,
    _account_structured_lines,
    _comments_frame,
    _normalise_key,
    _resolve_fields,
    _rows_from_records,
    _structured_articles,
    _validate_links,
    split_thread_posts,
    without_plain_object_links,
)
from analysis.sources.report import IngestionReport, Source, SourceError, _compact_ranges
from analysis.sources.scripts import warn_other_scripts
from analysis.sources.times import warn_suspicious_times
from analysis.sources.xml_records import (
    _xml_records,
    is_comment_export_head,
    looks_like_xml,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]

SEEDS_DIR = PROJECT_ROOT / "seeds"

STRUCTURED_SUFFIXES = {".csv": "csv", ".tsv": "csv", ".json": "json", ".jsonl": "jsonl",
                       ".ndjson": "jsonl", ".xml": "xml"}
PAGE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
"""Read as a scraped page whatever they hold (a saved .html page with a warning)."""

_XML_HEAD_BYTES = 65536
"""Enough of an XML file to hold its root element and the namespaces declared on it."""


def source_files_in(folder: str | Path) -> tuple[list[Path], list[Path]]:
    """The files directly in ``folder`` that a reader takes by their suffix (pages and
    exports, also compressed: ``export.xml.gz``), sorted by name, and the other files there,
    which are not read: those of other suffixes, and XML files that open no Disqus or WordPress
    export (a sitemap, a feed). Hidden files (".name") and sub-folders are in neither list."""
    readable, other = [], []
    try:
        entries = sorted(Path(folder).iterdir(), key=lambda path: path.name)
    except OSError as err:
        raise SourceError(Path(folder), f"cannot list the folder: {err.strerror or err}") from None
    for entry in entries:
        if entry.name.startswith(".") or not entry.is_file():
            continue
        known = is_source_name(entry.name, lambda entry=entry: _file_head(entry))
        (readable if known else other).append(entry)
    return readable, other

def is_source_name(name: str, head: Callable[[], bytes]) -> bool:
    """The folder rule: whether a file named ``name`` is read as a page or export by its suffix
    (a compressed file by the name inside: ``export.xml.gz`` as ``export.xml``). XML is read
    only when ``head()``, its first bytes, open a Disqus or WordPress export, a ``.log`` only
    when they open a Chatterino log."""
    suffix = Path(name).suffix.lower()
    if suffix in COMPRESSED_SUFFIXES:
        inner = name[: -len(suffix)]
        return bool(Path(inner).suffix) and is_source_name(
            inner, lambda: _compressed_head(suffix, head()))
    if suffix == ".xml":
        return is_comment_export_head(head()[:_XML_HEAD_BYTES].decode("utf-8", errors="replace"))
    if suffix == CHAT_LOG_SUFFIX:
        # Most .log files are a program's, not a chat: only a Chatterino log is read.
        return is_chat_log(head()[:_XML_HEAD_BYTES].decode("utf-8", errors="replace"))
    if suffix == TWITTER_ARCHIVE_SUFFIX:
        # Most .js files are programs, and a Twitter archive's others hold no tweets.
        return is_twitter_archive_tweets(
            head()[:_XML_HEAD_BYTES].decode("utf-8", errors="replace"))
    return suffix in STRUCTURED_SUFFIXES or suffix in PAGE_SUFFIXES

def _file_head(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(_XML_HEAD_BYTES)
    except OSError:
        return b""

def _compressed_head(suffix: str, data: bytes) -> bytes:
    """The first bytes that the start of a compressed file unpacks to (b"" when it cannot be
    unpacked: the reader names the problem when the file is read)."""
    try:
        with COMPRESSED_SUFFIXES[suffix](io.BytesIO(data)) as file:
            return file.read(_XML_HEAD_BYTES)
    except (OSError, EOFError, ValueError, lzma.LZMAError):
        return b""


def read_source(path: str | Path, now: datetime | None = None) -> Source:
    """Read one file (page text or structured export) into articles, comments and a report.
    ``now`` is the time of reading (default: the clock), against which a comment's time is
    judged to lie in the future."""
    path = Path(path)
    return read_bytes(path.name, _with_archive_account(path, _file_bytes(path)), now)

def source_bytes(path: str | Path) -> bytes:
    """The content of a source file; a SourceError names the file when it cannot be read."""
    return _file_bytes(Path(path))

def _file_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, "file not found") from None
    except IsADirectoryError:
        raise SourceError(path, "is a directory, not a file") from None
    except OSError as err:
        raise SourceError(path, f"cannot read: {err.strerror or err}") from None

def read_bytes(name: str, data: bytes, now: datetime | None = None) -> Source:
    """Read a source from memory (an upload): ``name`` gives the format and the source label;
    ``now`` as in :func:`read_source`."""
    source, columns = read_bytes_unframed(name, data, now)
    return source if columns is None else columns.framed(source)

def read_source_unframed(path: str | Path, now: datetime | None = None
                         ) -> tuple[Source, PageColumns | None]:
    """:func:`read_bytes_unframed` of a file."""
    path = Path(path)
    return read_bytes_unframed(path.name, _with_archive_account(path, _file_bytes(path)), now)

def _with_archive_account(path: Path, data: bytes) -> bytes:
    """A Twitter archive's tweets file with the owner named by the account.js beside it (as an
    unpacked archive's data/ folder holds them): the tweets' author. Any other file as it is."""
    if path.suffix.lower() != TWITTER_ARCHIVE_SUFFIX or path.name == TWITTER_ARCHIVE_ACCOUNT:
        return data
    account = path.with_name(TWITTER_ARCHIVE_ACCOUNT)
    if not account.is_file() or not is_twitter_archive_tweets(
            data[:_XML_HEAD_BYTES].decode("utf-8", errors="replace")):
        return data
    try:
        return with_archive_account(data, account.read_bytes())
    except OSError:
        return data  # the tweets read without their author, as when account.js is not there

def read_bytes_unframed(name: str, data: bytes, now: datetime | None = None
                        ) -> tuple[Source, PageColumns | None]:
    """:func:`read_bytes`, except that a page with an article and comments comes back with its
    tables as columns (and empty frames in the Source). Other sources come back whole."""
    inner, unpacked = _unpacked(name, data)
    text, encoding, damaged_lines = _decode(name, unpacked)
    lines = _LINE_BREAK.split(text)
    nul_lines = []
    if "\x00" in text:
        # Dropped before any reader sees them: a NUL is no character of any text, and the
        # JSON reader would stop on it.
        nul_lines = [number for number, line in enumerate(lines, start=1) if "\x00" in line]
        text = text.replace("\x00", "")
        lines = [line.replace("\x00", "") for line in lines]
    if lines and lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it does not start a new one
    if not any(_visible(line) for line in lines):
        raise SourceError(name, "no text: the file has only blank lines", line=1)
    kind = source_kind(inner, text)
    stem = Path(inner).stem or "source"
    columns = None
    if kind == "page":
        articles, comments, report, columns = _parse_page(name, stem, lines)
        page = comments if columns is None else columns.comments
        if len(page[Col.COMMENT_ID]):
            labels = [f"line {n}" for n in page[Col.LINE_START]]
            warn_suspicious_times(page[Col.CREATED_AT], page[Col.COMMENT_ID],
                                  page[Col.PARENT_ID], page[Col.ARTICLE_ID], labels, report, now)
            warn_other_scripts(page[Col.TEXT], labels, report)
            warn_other_languages(page[Col.TEXT], labels, report)
    else:
        articles, comments, report = _parse_structured(name, stem, kind, text, lines, now)
        comments = comments.assign(**{Col.SOURCE: name})
        articles = articles.assign(**{ArticleCol.SOURCE: name})
    report.encoding = encoding
    if kind == "page" and _HTML_START.match(text):
        # The page reader takes the text a reader sees; markup read as text makes an article
        # of tags and scripts, and the comments are not found.
        report.warn("looks like HTML source, which is read as plain text (tags and scripts "
                    "included); save the page as text instead: select all, copy, paste into a "
                    ".txt file", "HTML source")
    if encoding == "cp1252":
        # A guess: Latin-1 and Windows-1252 text reads right, text in another legacy encoding
        # (Cyrillic, Greek, Shift-JIS) reads as wrong letters, so the user must hear of it.
        report.warn("not UTF-8: read as Windows-1252 (Western European); if letters look "
                    "wrong, save the file as UTF-8", "not UTF-8")
    if damaged_lines:
        damaged = "bytes that are not UTF-8, shown as \ufffd"
        report.warn(f"line{'s' if len(damaged_lines) > 1 else ''} "
                    f"{_compact_ranges(damaged_lines)}: {damaged}", "bytes that are not UTF-8",
                    damaged, lines=damaged_lines)
    if nul_lines:
        nul = "NUL bytes, dropped"
        report.warn(f"line{'s' if len(nul_lines) > 1 else ''} {_compact_ranges(nul_lines)}: {nul}",
                    "NUL bytes", nul, lines=nul_lines)
    report.total_lines = len(lines)
    report.articles = len(articles) if columns is None else 1
    report.comments = len(comments) if columns is None else len(columns.comments[Col.TEXT])
    return Source(name, articles, comments, report, hashlib.sha256(data).hexdigest()), columns

def _unpacked(name: str, data: bytes) -> tuple[str, bytes]:
    """The name to read ``data`` by, and its bytes: a compressed file unpacked (a SourceError
    names it when it cannot be). A ZIP archive holds several sources, which one reading does
    not make: the command line and the app read its members (:func:`unpack_archives`), here
    it is refused with its problems or with how to read it."""
    if Path(name).suffix.lower() == ".zip":
        members, skipped = zip_members(name, data, is_source_name)
        if not members:
            others = "; ".join(f"{member}: {why}" for member, why in skipped[:5])
            raise SourceError(name, "a ZIP archive with no page or export among its members"
                                    + (f" ({others}{' ...' if len(skipped) > 5 else ''})"
                                       if others else " (it is empty)"))
        raise SourceError(name, f"a ZIP archive ({len(members)} readable members, "
                                f"{len(skipped)} others) holds several sources, which one "
                                "reading does not make: read its members with "
                                "unpack_archives, as the command line and the app do")
    return uncompressed(name, data)

def unpack_archives(files: Sequence[tuple[str, bytes]]
                    ) -> tuple[list[tuple[str, bytes]], list[tuple[str, str, str]]]:
    """``files`` (name, content) with each ZIP archive replaced by the members a reader takes
    (named ``archive.zip/member``, see :func:`analysis.sources.archives.zip_members`), and the
    members not read as (archive, member, why). An archive that cannot be unpacked, or holds
    nothing to read, stays as given: reading it raises the SourceError that says why."""
    unpacked, skipped = [], []
    for name, data in files:
        if Path(name).suffix.lower() != ".zip":
            unpacked.append((name, data))
            continue
        try:
            members, others = zip_members(name, data, is_source_name)
        except SourceError:
            members, others = [], []
        members, others = _with_archive_accounts(name, data, members, others)
        unpacked += members or [(name, data)]
        skipped += [(name, member, why) for member, why in others]
    return unpacked, skipped

_ACCOUNT_MAX_BYTES = 1 << 20
"""More than any account.js holds (one account's few fields): a bigger one is not read."""

def _with_archive_accounts(name: str, data: bytes, members: list[tuple[str, bytes]],
                           others: list[tuple[str, str]]
                           ) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """A Twitter archive's ZIP: each tweets file with the owner its account.js (in the same
    folder of the archive, data/) names joined to it, and that account.js no longer among the
    members not read. Other archives as they are."""
    accounts = {member for member, _ in others
                if PurePosixPath(member).name == TWITTER_ARCHIVE_ACCOUNT}
    if not accounts:
        return members, others
    used, joined = set(), []
    for label, body in members:
        inner = PurePosixPath(label[len(name) + 1:])
        account = str(inner.with_name(TWITTER_ARCHIVE_ACCOUNT))
        if inner.suffix.lower() == TWITTER_ARCHIVE_SUFFIX and account in accounts:
            owner_file = _small_member(data, account)
            if owner_file is not None:
                body = with_archive_account(body, owner_file)
                used.add(account)
        joined.append((label, body))
    return joined, [(member, why) for member, why in others if member not in used]

def _small_member(data: bytes, member: str) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(member) as file:
            body = file.read(_ACCOUNT_MAX_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
            lzma.LZMAError, RuntimeError, KeyError):
        return None
    return body if len(body) <= _ACCOUNT_MAX_BYTES else None

_HTML_START = re.compile(r"\ufeff?\s*(<!doctype\s+html|<html[\s>])", re.IGNORECASE)

def source_kind(name: str, text: str) -> str:
    """The reader for a file: by its suffix, else by a look at its first characters."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json" and _is_json_lines(text):
        return "jsonl"  # JSON Lines saved as .json, as many dumps are
    if suffix in STRUCTURED_SUFFIXES:
        return STRUCTURED_SUFFIXES[suffix]
    if is_twitter_archive_tweets(text):
        return "json"
    if is_chat_log(text):
        # Chatterino names its logs .log; saved as .txt, the start line still says what it is.
        return "chatlog"
    if looks_like_xml(text, declaration_only=suffix in PAGE_SUFFIXES):
        # An export saved under another name (a Disqus .xml.gz unpacked to a bare name, a WXR
        # saved as .txt): an XML declaration says what the file is whatever its name.
        return "xml"
    if not suffix and _first_line_is_an_object(text):
        # A dump unpacked without a suffix (Pushshift's RC_2019-01.zst, or a subreddit's
        # comments file, decompressed): one JSON object per line.
        return "jsonl"
    if suffix in PAGE_SUFFIXES or not suffix:
        return "page"
    head = text.lstrip()[:1]
    if head == "[":
        return "json"
    if head == "{":
        return "jsonl" if _first_line_is_an_object(text) else "json"
    return "page"


def _first_line_is_an_object(text: str) -> bool:
    first = _LINE_BREAK.split(text.lstrip(), 1)[0].strip()
    return first.startswith("{") and first.endswith("}") and _is_json(first)


def _is_json_lines(text: str) -> bool:
    """True when ``text`` is one JSON object per line, more than one: a JSON document never
    has a whole object on its first line and more after it."""
    rest = _LINE_BREAK.split(text.lstrip(), 1)[1:]
    return bool(rest) and bool(rest[0].strip()) and _first_line_is_an_object(text)

def seed_paths() -> list[Path]:
    """The default sources: every file in the project's seeds/ folder, in name order."""
    return sorted(p for p in SEEDS_DIR.iterdir() if p.is_file() and not p.name.startswith("."))

def _parse_structured(name: str, stem: str, kind: str, text: str, lines: list[str],
                      now: datetime | None = None):
    report = IngestionReport(source=name, kind=kind)
    article_lines: set[int] = set()
    own_export = False
    if kind == "csv":
        records, header_lines, header = _csv_records(name, text, lines, report)
        structure_lines = dict.fromkeys(header_lines, "CSV header")
        own_export = is_comment_export(header)
        if is_reddit_data_request(header):
            records = reddit_data_request_records(records)
        if is_exportcomments(header):
            records = exportcomments_records(records)
        if own_export:
            records = unguarded_records(records)
            note_own_export(report, records, header)
    elif kind == "jsonl":
        records = _jsonl_records(name, stem, lines, report)
        structure_lines = {}
    elif kind == "xml":
        records, structure_lines, article_lines = _xml_records(name, text, len(lines), report)
    elif kind == "chatlog":
        records, structure_lines = chat_log_records(lines, report)
    else:
        owner = None
        if is_twitter_archive_tweets(text):
            text, owner = split_archive_owner(text)
            text = twitter_archive_json(text)
            if owner is None:
                report.warn(TWITTER_ARCHIVE_AUTHORS, "no authors")
            else:
                report.warn(twitter_archive_owner_note(owner), "archive owner")
        records, structure_lines, article_lines = _json_records(name, stem, text, len(lines),
                                                                 report)
        if owner is not None:
            for record in records:
                if isinstance(record.fields, dict):
                    record.fields.setdefault("author", owner)
    if not records:
        raise SourceError(name, "no comment records found", line=1)

    keys: dict[str, None] = {}
    for record in records[:1000]:
        keys.update(dict.fromkeys(record.fields))
    roles = without_plain_object_links(_resolve_fields(keys), records, report)
    if "text" not in roles:
        # repr: a header cell is untrusted text, and may hold terminal escapes.
        found = ", ".join(repr(str(key)) for key in list(keys)[:20]) or "none"
        raise SourceError(name, "no text column: expected one of "
                          f"{', '.join(FIELD_ALIASES['text'])}; found {found}",
                          line=1 if kind == "csv"
                          else records[0].line_start or _first_visible_line(text))

    if "parent" not in roles:
        unknown_links = [str(k) for k in keys if _PARENT_LIKE.search(_normalise_key(k))]
        if unknown_links:
            report.warn(
                f"column {unknown_links[0]!r} looks like a reply link but is not a known name "
                f"for one ({', '.join(FIELD_ALIASES['parent'][:4])}, ...); reply links are "
                "inferred from the text instead", "unknown reply column")
    records, posts, post_lines = split_thread_posts(records, roles, report)
    article_lines |= post_lines
    rows, used_lines, textless = _rows_from_records(name, stem, records, roles, report)
    comments = _comments_frame(rows, linked="parent" in roles)
    labels = comments["_label"].tolist()
    comments = _validate_links(name, comments, report, textless)
    if own_export:
        comments = with_stated_columns(comments, records, labels, header, report)
    warn_suspicious_times(comments[Col.CREATED_AT], comments[Col.COMMENT_ID],
                          comments[Col.PARENT_ID], comments[Col.ARTICLE_ID], labels, report, now)
    texts = comments[Col.TEXT].tolist()
    warn_other_scripts(texts, labels, report)
    warn_other_languages(texts, labels, report)
    articles = _structured_articles(stem, rows, posts)

    _account_structured_lines(report, lines, used_lines, structure_lines, article_lines)
    return articles, comments, report
