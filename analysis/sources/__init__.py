"""Reading sources: the only package that opens files.

Two kinds of source:

* a scraped page (any text file): article text first, then a gap of blank lines (or a
  "Comments" header), then the comments, one per line, with no author, time or reply link;
* a structured export (``.csv``/``.tsv``, ``.json``, ``.jsonl``/``.ndjson``) with one comment per
  row or object: id, parent id, author, time, text, and optionally article id/title/url/text.

Every physical line of a file ends up in exactly one place: an article, a comment, or the
ingestion report's list of skipped lines with a reason. Input that cannot be read raises
:class:`SourceError`, which names the file, the line where it applies, and the reason.

Modules, one per part of the work: :mod:`.reading` (the entry points), :mod:`.decoding` (bytes
to text), :mod:`.page_text` (scraped pages), :mod:`.delimited` (CSV/TSV), :mod:`.json_records`
(JSON/JSONL), :mod:`.chat_logs` (Chatterino's Twitch logs), :mod:`.platform_exports` (a
platform's own objects in its own wrapping: Zeeschuimer, Twitter, Mastodon, Reddit and Facebook
data requests, Matrix), :mod:`.records` (structured
records to comments), :mod:`.times` (times that cannot be right: after the reading, a reply
before its parent), :mod:`.report` (the ingestion report and SourceError). A new format adds
a module that yields records and a branch in :func:`.reading._parse_structured`.
"""

from analysis.sources.archives import ARCHIVE_SUFFIXES, MAX_MEMBERS, MAX_UNPACKED_BYTES
from analysis.sources.chat_logs import CHAT_LOG_SUFFIX
from analysis.sources.decoding import decode
from analysis.sources.page_text import (
    MIN_GAP_BLANK_LINES,
    BoilerplateRule,
    PageColumns,
    boilerplate_reason,
    boilerplate_rules,
    page_comment_lines,
)
from analysis.sources.platform_exports import TWITTER_ARCHIVE_SUFFIX
from analysis.sources.reading import (
    PAGE_SUFFIXES,
    PROJECT_ROOT,
    SEEDS_DIR,
    STRUCTURED_SUFFIXES,
    is_source_name,
    read_bytes,
    read_bytes_unframed,
    read_source,
    read_source_unframed,
    seed_paths,
    source_bytes,
    source_files_in,
    source_kind,
    unpack_archives,
)
from analysis.sources.records import FIELD_ALIASES, SOURCE_LINK, SOURCE_TOP_LEVEL
from analysis.sources.report import IngestionReport, Note, SkippedLine, Source, SourceError

__all__ = [
    "ARCHIVE_SUFFIXES",
    "CHAT_LOG_SUFFIX",
    "MAX_MEMBERS",
    "MAX_UNPACKED_BYTES",
    "FIELD_ALIASES",
    "MIN_GAP_BLANK_LINES",
    "PAGE_SUFFIXES",
    "PROJECT_ROOT",
    "SEEDS_DIR",
    "SOURCE_LINK",
    "SOURCE_TOP_LEVEL",
    "STRUCTURED_SUFFIXES",
    "TWITTER_ARCHIVE_SUFFIX",
    "BoilerplateRule",
    "IngestionReport",
    "Note",
    "PageColumns",
    "SkippedLine",
    "Source",
    "SourceError",
    "boilerplate_reason",
    "boilerplate_rules",
    "decode",
    "page_comment_lines",
    "read_bytes",
    "read_bytes_unframed",
    "read_source",
    "read_source_unframed",
    "seed_paths",
    "source_bytes",
    "source_files_in",
    "source_kind",
    "unpack_archives",
    "is_source_name",
]
