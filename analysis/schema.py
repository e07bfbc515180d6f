"""The one place that names the columns of commentscope's tables.

Every other module refers to columns through these classes (``Col.TEXT``), never by string
literals, so a rename happens here and nowhere else.
"""

from __future__ import annotations


class Col:
    """Columns of the per-comment table, one row per comment."""

    SOURCE = "source"  # file name the comment was read from
    ARTICLE_ID = "article_id"
    COMMENT_ID = "comment_id"  # unique in a table
    LINE_START = "line_start"  # 1-based inclusive line in the source file; empty for structured
    LINE_END = "line_end"
    AUTHOR = "author"
    CREATED_AT = "created_at"  # ISO 8601 text, as given or converted from epoch seconds
    TEXT = "text"
    PARENT_ID = "parent_id"  # empty for a top-level comment
    REPLY_CONFIDENCE = "reply_confidence"  # 0-1; 1 where the source gives the link
    REPLY_EVIDENCE = "reply_evidence"  # which clues fired ("source link" for given links)
    THREAD_ID = "thread_id"  # comment_id of the thread's root
    DEPTH = "depth"  # 0 for a top-level comment
    SENTIMENT = "sentiment"  # VADER compound in [-1, 1]
    SENTIMENT_LABEL = "sentiment_label"  # negative / neutral / positive
    HOSTILITY = "hostility"  # score in [0, 1]
    HOSTILITY_LEVEL = "hostility_level"  # 0 civil, 1 uncivil, 2 hostile
    HOSTILITY_MARKERS = "hostility_markers"  # ";"-joined marker names that fired
    TOPIC_ID = "topic_id"
    TOPIC_LABEL = "topic_label"
    # Columns beyond the required export order: evidence the screens and tests need.
    POSITION = "position"  # 0-based order of the comment within its article as read
    SEGMENT_EVIDENCE = "segment_evidence"  # why lines were joined into this comment
    TRUNCATED = "truncated"  # True when the comment's last line looks cut off
    HOSTILITY_SPANS = "hostility_spans"  # "marker:start-end" character spans, ";"-joined
    ARTICLE_SIMILARITY = "article_similarity"  # cosine of the comment to its article, 0-1
    INFERRED = "reply_inferred"  # True when parent_id was inferred, not given by the source


COMMENT_COLUMNS: list[str] = [
    Col.SOURCE,
    Col.ARTICLE_ID,
    Col.COMMENT_ID,
    Col.LINE_START,
    Col.LINE_END,
    Col.AUTHOR,
    Col.CREATED_AT,
    Col.TEXT,
    Col.PARENT_ID,
    Col.REPLY_CONFIDENCE,
    Col.REPLY_EVIDENCE,
    Col.THREAD_ID,
    Col.DEPTH,
    Col.SENTIMENT,
    Col.SENTIMENT_LABEL,
    Col.HOSTILITY,
    Col.HOSTILITY_LEVEL,
    Col.HOSTILITY_MARKERS,
    Col.TOPIC_ID,
    Col.TOPIC_LABEL,
]
"""The per-comment table's required columns, in export order."""

EXTRA_COMMENT_COLUMNS: list[str] = [
    Col.POSITION,
    Col.SEGMENT_EVIDENCE,
    Col.TRUNCATED,
    Col.HOSTILITY_SPANS,
    Col.ARTICLE_SIMILARITY,
    Col.INFERRED,
]

ALL_COMMENT_COLUMNS: list[str] = COMMENT_COLUMNS + EXTRA_COMMENT_COLUMNS

TEXT_COMMENT_COLUMNS: frozenset[str] = frozenset({
    Col.SOURCE, Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR, Col.CREATED_AT, Col.TEXT,
    Col.PARENT_ID, Col.REPLY_EVIDENCE, Col.THREAD_ID, Col.SENTIMENT_LABEL,
    Col.HOSTILITY_MARKERS, Col.TOPIC_LABEL, Col.SEGMENT_EVIDENCE, Col.HOSTILITY_SPANS,
})
"""Columns that hold text even when every value looks like a number ("0", "1e5")."""


class ArticleCol:
    """Columns of the article table, one row per article."""

    SOURCE = "source"
    ARTICLE_ID = "article_id"
    TITLE = "title"
    URL = "url"
    TEXT = "text"
    LINE_START = "line_start"
    LINE_END = "line_end"


ARTICLE_COLUMNS: list[str] = [
    ArticleCol.SOURCE,
    ArticleCol.ARTICLE_ID,
    ArticleCol.TITLE,
    ArticleCol.URL,
    ArticleCol.TEXT,
    ArticleCol.LINE_START,
    ArticleCol.LINE_END,
]


class ThreadCol:
    """Columns of the thread metrics table, one row per thread (a root and its replies)."""

    ARTICLE_ID = "article_id"
    THREAD_ID = "thread_id"
    SIZE = "size"  # comments in the thread, root included
    DEPTH = "depth"  # deepest reply's depth (0 for a lone comment)
    WIDTH = "width"  # most comments at any one depth
    BRANCHES = "branches"  # leaves of the tree: distinct root-to-leaf paths
    LONGEST_CHAIN = "longest_chain"  # comments on the longest root-to-leaf path
    HOSTILE_SHARE = "hostile_share"  # share of comments with hostility_level >= 1
    ESCALATION = "escalation"  # mean hostility slope along root-to-leaf chains
    ESCALATES = "escalates"  # True when hostility rises along some chain
    FIRST_HOSTILE_DEPTH = "first_hostile_depth"  # depth of the shallowest hostile comment
    MEAN_CONFIDENCE = "mean_reply_confidence"


THREAD_COLUMNS: list[str] = [
    ThreadCol.ARTICLE_ID,
    ThreadCol.THREAD_ID,
    ThreadCol.SIZE,
    ThreadCol.DEPTH,
    ThreadCol.WIDTH,
    ThreadCol.BRANCHES,
    ThreadCol.LONGEST_CHAIN,
    ThreadCol.HOSTILE_SHARE,
    ThreadCol.ESCALATION,
    ThreadCol.ESCALATES,
    ThreadCol.FIRST_HOSTILE_DEPTH,
    ThreadCol.MEAN_CONFIDENCE,
]

LIST_SEPARATOR = ";"
"""Joins list-valued cells (markers, evidence) in the flat table."""
