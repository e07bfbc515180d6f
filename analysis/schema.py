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
    # ISO 8601 UTC ("2016-10-14T01:24:05Z") where the source's zone is known, else as given;
    # a page's absolute date without a zone when the page shows none (2020-03-09T19:17:00)
    CREATED_AT = "created_at"
    TEXT = "text"
    PARENT_ID = "parent_id"  # empty for a top-level comment
    REPLY_CONFIDENCE = "reply_confidence"  # 0-1; 1 where the source gives the link
    REPLY_EVIDENCE = "reply_evidence"  # which clues fired ("source link" for given links)
    THREAD_ID = "thread_id"  # comment_id of the thread's root
    DEPTH = "depth"  # 0 for a top-level comment
    SENTIMENT = "sentiment"  # VADER compound in [-1, 1]
    SENTIMENT_LABEL = "sentiment_label"  # negative / neutral / positive
    HOSTILITY = "hostility"  # 0-1: P(uncivil), markers and learned model blended
    HOSTILITY_LEVEL = "hostility_level"  # 0 civil, 1 uncivil, 2 hostile
    HOSTILITY_MARKERS = "hostility_markers"  # ";"-joined marker names that fired
    HOSTILITY_WORDS = "hostility_words"  # ";"-joined words that raised the learned part most
    TOPIC_ID = "topic_id"
    TOPIC_LABEL = "topic_label"
    # Columns beyond the required export order: evidence the screens and tests need.
    POSITION = "position"  # 0-based order of the comment within its article as read
    SEGMENT_EVIDENCE = "segment_evidence"  # why lines were joined into this comment
    TRUNCATED = "truncated"  # True when the comment's last line looks cut off
    HOSTILITY_SPANS = "hostility_spans"  # "marker:start-end" character spans, ";"-joined
    MARKER_SCORE = "marker_score"  # 0-1: the hostility markers alone (noisy-OR of weights)
    ARTICLE_SIMILARITY = "article_similarity"  # cosine of the comment to its article, 0-1
    # True when parent_id is a guess: inferred here, or stated as inferred by a commentscope
    # export read back (see REPLY_STATED); False where the source gives it or it was set by hand
    INFERRED = "reply_inferred"
    # True when an inferred reply speaks to its parent's author (quotes it, names it, says
    # "you", answers its question); empty where the link was given.
    REPLY_ADDRESSES = "reply_addresses"
    # True when parent_id is as read, not chosen by this analysis's reply inference: a source
    # link, a page marker, a hand correction, or a link a commentscope export states (a guess
    # among them keeps reply_inferred True). Reply inference and corrections keep these links.
    REPLY_STATED = "reply_stated"
    # Out-of-sample probability that the comment's line span is exactly right, 0-1 (1 where
    # the source gives each comment as a record).
    SEGMENT_CONFIDENCE = "segment_confidence"
    TIME_TEXT = "time_text"  # the comment's time as the page shows it ("18h ago"); see created_at
    LIKES = "likes"  # like / recommendation count the page shows, a whole number


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
    Col.HOSTILITY_WORDS,
    Col.TOPIC_ID,
    Col.TOPIC_LABEL,
]
"""The per-comment table's required columns, in export order."""

EXTRA_COMMENT_COLUMNS: list[str] = [
    Col.POSITION,
    Col.SEGMENT_EVIDENCE,
    Col.TRUNCATED,
    Col.HOSTILITY_SPANS,
    Col.MARKER_SCORE,
    Col.ARTICLE_SIMILARITY,
    Col.INFERRED,
    Col.REPLY_ADDRESSES,
    Col.REPLY_STATED,
    Col.SEGMENT_CONFIDENCE,
    Col.TIME_TEXT,
    Col.LIKES,
]

ALL_COMMENT_COLUMNS: list[str] = COMMENT_COLUMNS + EXTRA_COMMENT_COLUMNS

TEXT_COMMENT_COLUMNS: frozenset[str] = frozenset({
    Col.SOURCE, Col.ARTICLE_ID, Col.COMMENT_ID, Col.AUTHOR, Col.CREATED_AT, Col.TEXT,
    Col.PARENT_ID, Col.REPLY_EVIDENCE, Col.THREAD_ID, Col.SENTIMENT_LABEL,
    Col.HOSTILITY_MARKERS, Col.HOSTILITY_WORDS, Col.TOPIC_LABEL, Col.SEGMENT_EVIDENCE,
    Col.HOSTILITY_SPANS, Col.TIME_TEXT,
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


class Metric:
    """Names that several tables share, each with one meaning wherever it appears.

    Vocabulary: a name with "uncivil" counts comments with hostility_level >= 1 (uncivil or
    hostile), a name with "hostile" counts comments with hostility_level == 2 only.
    """

    COMMENTS = "comments"  # comments in the group
    THREADS = "threads"  # distinct threads among the group's comments
    SIZE = "size"  # comments in the whole thread, root included
    UNCIVIL_SHARE = "uncivil_share"  # share of comments with hostility_level >= 1, 0-1
    HOSTILE_SHARE = "hostile_share"  # share of comments with hostility_level == 2, 0-1
    MEAN_SENTIMENT = "mean_sentiment"  # mean VADER compound, [-1, 1]
    INFERRED_SHARE = "inferred_share"  # share of comments whose reply link was inferred, 0-1
    # Mean reply_confidence of the inferred links: replies whose parent was inferred. Links the
    # source gives (confidence 1) and top-level comments do not count; NaN when there are none.
    MEAN_LINK_CONFIDENCE = "mean_link_confidence"


class ThreadCol:
    """Columns of the thread metrics table, one row per thread (a root and its replies). Always
    computed over the whole thread, whatever a screen filters."""

    ARTICLE_ID = Col.ARTICLE_ID
    THREAD_ID = Col.THREAD_ID
    SIZE = Metric.SIZE
    DEPTH = "depth"  # deepest reply's depth (0 for a lone comment)
    WIDTH = "width"  # most comments at any one depth
    BRANCHES = "branches"  # leaves of the tree: distinct root-to-leaf paths
    LONGEST_CHAIN = "longest_chain"  # comments on the longest root-to-leaf path
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE
    HOSTILE_SHARE = Metric.HOSTILE_SHARE
    ESCALATION = "escalation"  # mean hostility-score slope along root-to-leaf chains
    # True when some comment with hostility_level >= 1 has a civil (level 0) comment above it
    # on its chain: the thread turned uncivil.
    TURNS_UNCIVIL = "turns_uncivil"
    FIRST_UNCIVIL_DEPTH = "first_uncivil_depth"  # depth of the shallowest level >= 1 comment
    INFERRED_SHARE = Metric.INFERRED_SHARE
    MEAN_LINK_CONFIDENCE = Metric.MEAN_LINK_CONFIDENCE


THREAD_COLUMNS: list[str] = [
    ThreadCol.ARTICLE_ID,
    ThreadCol.THREAD_ID,
    ThreadCol.SIZE,
    ThreadCol.DEPTH,
    ThreadCol.WIDTH,
    ThreadCol.BRANCHES,
    ThreadCol.LONGEST_CHAIN,
    ThreadCol.UNCIVIL_SHARE,
    ThreadCol.HOSTILE_SHARE,
    ThreadCol.ESCALATION,
    ThreadCol.TURNS_UNCIVIL,
    ThreadCol.FIRST_UNCIVIL_DEPTH,
    ThreadCol.INFERRED_SHARE,
    ThreadCol.MEAN_LINK_CONFIDENCE,
]


class ThreadViewCol(ThreadCol):
    """The Threads page's table (views.shown_threads): whole-thread metrics of the threads a
    filter shows, with their name and how many of their comments are shown."""

    NAME = "name"  # the root comment's opening words (views.thread_names)
    SHOWN = "shown"  # the thread's comments the filters keep, of ThreadCol.SIZE


THREAD_VIEW_COLUMNS: list[str] = [ThreadViewCol.NAME, ThreadViewCol.SHOWN, *THREAD_COLUMNS]


class PairCol:
    """Columns of the back-and-forth table, one row per run (see threads.reply_pairs)."""

    ARTICLE_ID = Col.ARTICLE_ID
    THREAD_ID = Col.THREAD_ID
    START_ID = "start_id"  # comment_id of the run's first comment
    END_ID = "end_id"  # comment_id of the run's last comment
    LENGTH = "length"  # comments in the run (>= 3)
    START_DEPTH = "start_depth"
    BASIS = "basis"  # "authors" (known speakers alternate) or "answers_back" (flat pages)
    SPEAKERS = "speakers"  # "A|B" where authors are known, else empty
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE  # of the run's comments
    HOSTILE_SHARE = Metric.HOSTILE_SHARE  # of the run's comments


PAIR_COLUMNS: list[str] = [
    PairCol.ARTICLE_ID,
    PairCol.THREAD_ID,
    PairCol.START_ID,
    PairCol.END_ID,
    PairCol.LENGTH,
    PairCol.START_DEPTH,
    PairCol.BASIS,
    PairCol.SPEAKERS,
    PairCol.UNCIVIL_SHARE,
    PairCol.HOSTILE_SHARE,
]


class ArticleMetricCol:
    """Columns of the per-article tables: the thread summary the CLI writes
    (ARTICLE_METRIC_COLUMNS) and the Overview's table (OVERVIEW_COLUMNS)."""

    ARTICLE_ID = ArticleCol.ARTICLE_ID
    TITLE = ArticleCol.TITLE
    SOURCE = ArticleCol.SOURCE
    TEXT = ArticleCol.TEXT
    COMMENTS = Metric.COMMENTS
    THREADS = Metric.THREADS
    CONCENTRATION = "concentration"  # share of the article's comments in its largest thread
    MEAN_DEPTH = "mean_depth"  # mean comment depth
    MAX_DEPTH = "max_depth"
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE  # NaN without scored comments
    HOSTILE_SHARE = Metric.HOSTILE_SHARE
    MEAN_SENTIMENT = Metric.MEAN_SENTIMENT
    TOP_TOPICS = "top_topics"  # up to three topic labels, most comments first, "; "-joined
    INFERRED_SHARE = Metric.INFERRED_SHARE
    MEAN_LINK_CONFIDENCE = Metric.MEAN_LINK_CONFIDENCE


ARTICLE_METRIC_COLUMNS: list[str] = [
    ArticleMetricCol.ARTICLE_ID,
    ArticleMetricCol.COMMENTS,
    ArticleMetricCol.THREADS,
    ArticleMetricCol.CONCENTRATION,
    ArticleMetricCol.MEAN_DEPTH,
    ArticleMetricCol.MAX_DEPTH,
    ArticleMetricCol.UNCIVIL_SHARE,
    ArticleMetricCol.HOSTILE_SHARE,
    ArticleMetricCol.INFERRED_SHARE,
    ArticleMetricCol.MEAN_LINK_CONFIDENCE,
]

OVERVIEW_COLUMNS: list[str] = [
    ArticleMetricCol.ARTICLE_ID,
    ArticleMetricCol.TITLE,
    ArticleMetricCol.SOURCE,
    ArticleMetricCol.TEXT,
    ArticleMetricCol.COMMENTS,
    ArticleMetricCol.THREADS,
    ArticleMetricCol.UNCIVIL_SHARE,
    ArticleMetricCol.HOSTILE_SHARE,
    ArticleMetricCol.MEAN_SENTIMENT,
    ArticleMetricCol.TOP_TOPICS,
    ArticleMetricCol.INFERRED_SHARE,
    ArticleMetricCol.MEAN_LINK_CONFIDENCE,
]
"""The Overview's article table (views.article_overview)."""


class TopicCol:
    """Columns of the per-topic summary table, one row per topic (topics.summarise_topics)."""

    TOPIC_ID = Col.TOPIC_ID
    TOPIC_LABEL = Col.TOPIC_LABEL
    TOP_TERMS = "top_terms"  # distinctive terms, ", "-joined, most distinctive first
    # The topic's comments among those summarised (the filters' on a screen): not a size, which
    # names a whole thread's count wherever it appears.
    COMMENTS = Metric.COMMENTS
    SHARE = "share"  # comments / all comments summarised, 0-1
    MEAN_SENTIMENT = Metric.MEAN_SENTIMENT
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE
    HOSTILE_SHARE = Metric.HOSTILE_SHARE
    ARTICLE_SIMILARITY = "mean_article_similarity"  # mean cosine to own article, 0-1


TOPIC_COLUMNS: list[str] = [
    TopicCol.TOPIC_ID,
    TopicCol.TOPIC_LABEL,
    TopicCol.TOP_TERMS,
    TopicCol.COMMENTS,
    TopicCol.SHARE,
    TopicCol.MEAN_SENTIMENT,
    TopicCol.UNCIVIL_SHARE,
    TopicCol.HOSTILE_SHARE,
    TopicCol.ARTICLE_SIMILARITY,
]


LIST_SEPARATOR = ";"
"""Joins list-valued cells (markers, evidence) in the flat table."""


class PeopleCol:
    """Columns of the participant table, one row per participant (see analysis/people.py).

    A participant is an author string after trimming white space (no case folding); an empty
    author, ``[deleted]`` or ``[removed]`` is nobody. Counts are over the comments the table was
    computed from; a reply is an edge only when both ends are participants, not the same one,
    and the link is one the source gave (or the user opted into inferred links).
    """

    AUTHOR = "author"
    COMMENTS = Metric.COMMENTS  # comments written
    # True: wrote none of the comments counted, and is in the table only because one of them
    # answers this participant (a filtered view's replies to someone whose comments it hides).
    ANSWERED_ONLY = "answered_only"
    THREADS = Metric.THREADS  # distinct threads commented in
    ARTICLES = "articles"  # distinct articles commented under
    THREADS_STARTED = "threads_started"  # top-level comments written
    REPLIES_GIVEN = "replies_given"  # replies to another participant's comment
    REPLIES_RECEIVED = "replies_received"  # replies other participants wrote to this one
    PARTNERS = "partners"  # distinct other participants replied to or replied by
    MEAN_SENTIMENT = Metric.MEAN_SENTIMENT  # of the participant's comments
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE  # of the participant's comments
    HOSTILE_SHARE = Metric.HOSTILE_SHARE  # of the participant's comments
    FIRST_SEEN = "first_seen"  # earliest created_at (ISO 8601 UTC where the zone is known)
    LAST_SEEN = "last_seen"  # latest created_at
    IN_DEGREE = "in_degree"  # distinct participants who replied to this one
    OUT_DEGREE = "out_degree"  # distinct participants this one replied to
    COMMUNITY = "community"  # community of the reply network, 0 = the largest
    PAGERANK = "pagerank"  # PageRank over reply counts (who gets answered), sums to 1


PEOPLE_COLUMNS: list[str] = [
    PeopleCol.AUTHOR,
    PeopleCol.COMMENTS,
    PeopleCol.THREADS,
    PeopleCol.ARTICLES,
    PeopleCol.THREADS_STARTED,
    PeopleCol.REPLIES_GIVEN,
    PeopleCol.REPLIES_RECEIVED,
    PeopleCol.PARTNERS,
    PeopleCol.MEAN_SENTIMENT,
    PeopleCol.UNCIVIL_SHARE,
    PeopleCol.HOSTILE_SHARE,
    PeopleCol.FIRST_SEEN,
    PeopleCol.LAST_SEEN,
    PeopleCol.IN_DEGREE,
    PeopleCol.OUT_DEGREE,
    PeopleCol.COMMUNITY,
    PeopleCol.PAGERANK,
    PeopleCol.ANSWERED_ONLY,  # last: the columns before it keep their places in exports
]


class EdgeCol:
    """Columns of the interaction table, one row per ordered pair (who replied, to whom)."""

    FROM_AUTHOR = "from_author"  # the participant who replied
    TO_AUTHOR = "to_author"  # the participant replied to
    REPLIES = "replies"  # replies along this edge
    MEAN_SENTIMENT = Metric.MEAN_SENTIMENT  # of the replies along this edge
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE  # of the replies along this edge
    HOSTILE_SHARE = Metric.HOSTILE_SHARE  # of the replies along this edge
    UNCIVIL_REPLIES = "uncivil_replies"  # those replies at hostility_level >= 1
    HOSTILE_REPLIES = "hostile_replies"  # those replies at hostility_level == 2
    RECIPROCATED = "reciprocated"  # True when to_author also replied to from_author
    LINK_CONFIDENCE = "link_confidence"  # mean reply_confidence of the links (1 = all given)
    INFERRED_REPLIES = "inferred_replies"  # replies whose link was inferred (opt-in only)


EDGE_COLUMNS: list[str] = [
    EdgeCol.FROM_AUTHOR,
    EdgeCol.TO_AUTHOR,
    EdgeCol.REPLIES,
    EdgeCol.MEAN_SENTIMENT,
    EdgeCol.UNCIVIL_SHARE,
    EdgeCol.HOSTILE_SHARE,
    EdgeCol.UNCIVIL_REPLIES,
    EdgeCol.HOSTILE_REPLIES,
    EdgeCol.RECIPROCATED,
    EdgeCol.LINK_CONFIDENCE,
    EdgeCol.INFERRED_REPLIES,
]

TEXT_PEOPLE_COLUMNS: frozenset[str] = frozenset({
    PeopleCol.AUTHOR, PeopleCol.FIRST_SEEN, PeopleCol.LAST_SEEN, EdgeCol.FROM_AUTHOR,
    EdgeCol.TO_AUTHOR,
})
"""Columns of the people tables that hold text even when every value looks like a number
(an author called "1234")."""


class ExchangeCol:
    """Columns of the back-and-forth table, one row per pair who replied to each other."""

    AUTHOR_A = "author_a"  # the one of the pair who replied first
    AUTHOR_B = "author_b"
    A_TO_B = "replies_a_to_b"
    B_TO_A = "replies_b_to_a"
    REPLIES = "replies"  # both ways
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE  # of the replies both ways
    HOSTILE_SHARE = Metric.HOSTILE_SHARE  # of the replies both ways


EXCHANGE_COLUMNS: list[str] = [
    ExchangeCol.AUTHOR_A,
    ExchangeCol.AUTHOR_B,
    ExchangeCol.A_TO_B,
    ExchangeCol.B_TO_A,
    ExchangeCol.REPLIES,
    ExchangeCol.UNCIVIL_SHARE,
    ExchangeCol.HOSTILE_SHARE,
]


class ActivityCol:
    """Columns of the activity table (analysis/timeline.py): one row per article and time bin."""

    ARTICLE_ID = "article_id"
    BIN_START = "bin_start"  # UTC instant the bin starts at
    BIN_SECONDS = "bin_seconds"  # the article's bin width, chosen from its span
    BIN = "bin"  # the bin width in words ("5 minutes", "day")
    COMMENTS = Metric.COMMENTS  # comments in the bin
    MEAN_SENTIMENT = Metric.MEAN_SENTIMENT
    UNCIVIL_SHARE = Metric.UNCIVIL_SHARE
    HOSTILE_SHARE = Metric.HOSTILE_SHARE
    UNCIVIL = "uncivil"  # comments at hostility_level >= 1 in the bin
    HOSTILE = "hostile"  # comments at hostility_level == 2 in the bin


ACTIVITY_COLUMNS: list[str] = [
    ActivityCol.ARTICLE_ID,
    ActivityCol.BIN_START,
    ActivityCol.BIN_SECONDS,
    ActivityCol.BIN,
    ActivityCol.COMMENTS,
    ActivityCol.MEAN_SENTIMENT,
    ActivityCol.UNCIVIL_SHARE,
    ActivityCol.HOSTILE_SHARE,
    ActivityCol.UNCIVIL,
    ActivityCol.HOSTILE,
]


class LatencyCol:
    """Columns of the reply latency table: one row per dated reply to a dated parent."""

    ARTICLE_ID = "article_id"
    THREAD_ID = "thread_id"
    COMMENT_ID = "comment_id"  # the reply
    PARENT_ID = "parent_id"
    DEPTH = "depth"  # the reply's depth
    LATENCY_SECONDS = "latency_seconds"  # from the parent's time to the reply's
    FIRST_REPLY = "first_reply"  # True for the parent's earliest reply


LATENCY_COLUMNS: list[str] = [
    LatencyCol.ARTICLE_ID,
    LatencyCol.THREAD_ID,
    LatencyCol.COMMENT_ID,
    LatencyCol.PARENT_ID,
    LatencyCol.DEPTH,
    LatencyCol.LATENCY_SECONDS,
    LatencyCol.FIRST_REPLY,
]


class LatencySummaryCol:
    """Quartiles of reply latency: the time to first reply, and replies per depth."""

    KIND = "kind"  # "first reply" or "reply"
    DEPTH = "depth"  # the replies' depth (empty for "first reply")
    REPLIES = "replies"
    QUARTILE1_SECONDS = "quartile1_seconds"
    MEDIAN_SECONDS = "median_seconds"
    QUARTILE3_SECONDS = "quartile3_seconds"
    # Replies stamped before the comment they answer (clocks that disagree): left out of the
    # quartiles, which they would drag below zero.
    STAMPED_BEFORE_PARENT = "stamped_before_parent"


LATENCY_SUMMARY_COLUMNS: list[str] = [
    LatencySummaryCol.KIND,
    LatencySummaryCol.DEPTH,
    LatencySummaryCol.REPLIES,
    LatencySummaryCol.QUARTILE1_SECONDS,
    LatencySummaryCol.MEDIAN_SECONDS,
    LatencySummaryCol.QUARTILE3_SECONDS,
    LatencySummaryCol.STAMPED_BEFORE_PARENT,
]


class TurnCol:
    """Columns of the thread turn table: when each thread turned uncivil and hostile."""

    ARTICLE_ID = "article_id"
    THREAD_ID = "thread_id"
    STARTED_AT = "started_at"  # the thread's first dated comment (UTC)
    COMMENTS = Metric.COMMENTS  # dated comments in the whole thread
    FIRST_UNCIVIL_AT = "first_uncivil_at"  # first comment at hostility_level >= 1
    FIRST_HOSTILE_AT = "first_hostile_at"  # first comment at hostility_level == 2
    SECONDS_TO_UNCIVIL = "seconds_to_uncivil"  # from the start
    SECONDS_TO_HOSTILE = "seconds_to_hostile"
    COMMENTS_BEFORE_UNCIVIL = "comments_before_uncivil"  # in time order
    TIME_TO_UNCIVIL = "time_to_uncivil"  # SECONDS_TO_UNCIVIL in words ("12 min"), for screens
    TIME_TO_HOSTILE = "time_to_hostile"


TURN_COLUMNS: list[str] = [
    TurnCol.ARTICLE_ID,
    TurnCol.THREAD_ID,
    TurnCol.STARTED_AT,
    TurnCol.COMMENTS,
    TurnCol.FIRST_UNCIVIL_AT,
    TurnCol.FIRST_HOSTILE_AT,
    TurnCol.SECONDS_TO_UNCIVIL,
    TurnCol.SECONDS_TO_HOSTILE,
    TurnCol.COMMENTS_BEFORE_UNCIVIL,
]
