"""Small aggregations the screens show: per-article summaries, counts per level and marker,
highlighted marker words, reply trees in reading order and root-to-leaf chains.

Plain pandas, no Streamlit or plotly; every function takes a (possibly filtered) per-comment
table and returns a new frame or plain values.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from analysis.filters import LEVEL_NAMES
from analysis.hostility import CUE_SUFFIX, WEAK_MARKERS
from analysis.metrics import inferred_flags, inferred_link_confidence, level_flags
from analysis.schema import (
    LIST_SEPARATOR,
    OVERVIEW_COLUMNS,
    THREAD_VIEW_COLUMNS,
    ArticleCol,
    ArticleMetricCol,
    Col,
    ThreadCol,
    ThreadViewCol,
)
from analysis.threads import validate_links
from analysis.topics import NO_TOPIC

GUESS_BELOW = 0.5
"""An inferred link whose Col.REPLY_CONFIDENCE (the out-of-sample probability that it is
right) is below this is a guess: more likely wrong than right. The screens mark it."""

HIGHLIGHT_OPEN = "⟦"
HIGHLIGHT_CLOSE = "⟧"


def marker_label(marker: str) -> str:
    """A hostility marker as a reader names it: "second person attack"; weak cues, which grade
    the score but never set a level, say so ("ellipsis (weak cue)")."""
    words = marker.removesuffix(CUE_SUFFIX).replace("_", " ")
    weak = marker in WEAK_MARKERS or marker.endswith(CUE_SUFFIX)
    return f"{words} (weak cue)" if weak else words


def article_labels(articles: pd.DataFrame, width: int = 48) -> dict[str, str]:
    """Article id -> its title shortened to ``width`` characters (the id when untitled)."""
    out = {}
    for article_id, title in zip(articles[ArticleCol.ARTICLE_ID].astype(str),
                                 articles[ArticleCol.TITLE].astype(object), strict=True):
        title = " ".join(title.split()) if isinstance(title, str) else ""
        out[article_id] = (title[: width - 1] + "…" if len(title) > width else title) or article_id
    return out


def _levels(comments: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(comments[Col.HOSTILITY_LEVEL], errors="coerce")


def article_overview(comments: pd.DataFrame, articles: pd.DataFrame,
                     n_topics: int = 3) -> pd.DataFrame:
    """Each article of ``articles`` with the comment signals of its rows in ``comments``:
    schema.OVERVIEW_COLUMNS (shares and link confidence as analysis.metrics counts them).

    Articles that only appear in ``comments`` are added with empty title and text."""
    known = articles[[ArticleCol.ARTICLE_ID, ArticleCol.TITLE, ArticleCol.SOURCE,
                      ArticleCol.TEXT]].astype(object)
    extra = sorted(set(comments[Col.ARTICLE_ID].astype(str)) - set(known[ArticleCol.ARTICLE_ID]))
    if extra:
        sources = comments.drop_duplicates(Col.ARTICLE_ID).set_index(Col.ARTICLE_ID)[Col.SOURCE]
        known = pd.concat([known, pd.DataFrame({
            ArticleCol.ARTICLE_ID: extra, ArticleCol.TITLE: [""] * len(extra),
            ArticleCol.SOURCE: [sources.get(a, "") for a in extra],
            ArticleCol.TEXT: [""] * len(extra)})], ignore_index=True)
    uncivil, hostile = level_flags(comments)
    work = pd.DataFrame({
        "article": comments[Col.ARTICLE_ID].astype(str).to_numpy(),
        "thread": comments[Col.THREAD_ID].astype(str).to_numpy(),
        "uncivil": uncivil,
        "hostile": hostile,
        "sentiment": pd.to_numeric(comments[Col.SENTIMENT], errors="coerce").to_numpy(),
        "topic": comments[Col.TOPIC_LABEL].astype(str).to_numpy(),
        "inferred": inferred_flags(comments),
        "confidence": inferred_link_confidence(comments),
    })
    groups = work.groupby("article", sort=False)
    # Comments without topic words are no topic: they never count among the top topics.
    with_topic = work[pd.to_numeric(comments[Col.TOPIC_ID], errors="coerce").to_numpy()
                      != NO_TOPIC]
    topics = with_topic.groupby("article", sort=False)["topic"].agg(
        lambda labels: "; ".join(labels.value_counts().index[:n_topics]))
    stats = pd.DataFrame({
        ArticleMetricCol.COMMENTS: groups.size(),
        ArticleMetricCol.THREADS: groups["thread"].nunique(),
        ArticleMetricCol.UNCIVIL_SHARE: groups["uncivil"].mean(),
        ArticleMetricCol.HOSTILE_SHARE: groups["hostile"].mean(),
        ArticleMetricCol.MEAN_SENTIMENT: groups["sentiment"].mean(),
        ArticleMetricCol.TOP_TOPICS: topics,
        ArticleMetricCol.INFERRED_SHARE: groups["inferred"].mean(),
        ArticleMetricCol.MEAN_LINK_CONFIDENCE: groups["confidence"].mean(),
    })
    out = known.join(stats, on=ArticleCol.ARTICLE_ID)
    out[ArticleMetricCol.COMMENTS] = out[ArticleMetricCol.COMMENTS].fillna(0).astype(int)
    out[ArticleMetricCol.THREADS] = out[ArticleMetricCol.THREADS].fillna(0).astype(int)
    out[ArticleMetricCol.TOP_TOPICS] = out[ArticleMetricCol.TOP_TOPICS].fillna("")
    return out.reset_index(drop=True)[OVERVIEW_COLUMNS]


def level_counts(comments: pd.DataFrame, by: str) -> pd.DataFrame:
    """Comments per (``by`` value, hostility level): columns ``by``, "level" (civil / uncivil /
    hostile), "count", "share" (of the group, 0-1) and "count_text" (the count in words, "1
    comment", for a hover). Levels with no comment are left out. Groups come largest first (ties
    in natural order: topic 2 before topic 10)."""
    levels = _levels(comments).map(LEVEL_NAMES)
    counts = (pd.DataFrame({by: comments[by].astype(str).to_numpy(), "level": levels.to_numpy()})
              .dropna().groupby([by, "level"], sort=False).size().rename("count").reset_index())
    total = counts.groupby(by)["count"].transform("sum")
    counts["share"] = counts["count"] / total
    counts["count_text"] = counted_each(counts["count"], "comment")
    level_rank = counts["level"].map({name: i for i, name in enumerate(LEVEL_NAMES.values())})
    numeric = pd.to_numeric(counts[by], errors="coerce")
    order = np.lexsort((level_rank.to_numpy(), counts[by].to_numpy(dtype=str),
                        numeric.fillna(np.inf).to_numpy(), -total.to_numpy()))
    return counts.iloc[order].reset_index(drop=True)


def marker_counts(comments: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """How many comments each marker fired in: columns (``by``,) "marker", "count", most first."""
    columns = [by, "marker", "count"] if by else ["marker", "count"]
    cells = comments[Col.HOSTILITY_MARKERS].astype(object).to_numpy(dtype=object)
    rows = np.flatnonzero(pd.notna(cells) & (cells != ""))
    # Each marker once per comment, however often its cell repeats it.
    fired = [sorted(set(cell.split(LIST_SEPARATOR)) - {""}) for cell in cells[rows].tolist()]
    counts = np.fromiter((len(f) for f in fired), dtype=np.int64, count=len(fired))
    groups = comments[by].astype(str).to_numpy(dtype=object)[rows] if by else np.array([], object)
    frame = pd.DataFrame({
        "group": np.repeat(groups, counts) if by else "",
        "marker": np.array([m for f in fired for m in f], dtype=object),
    })
    if frame.empty:
        return pd.DataFrame(columns=columns)
    keys = ["group", "marker"] if by else ["marker"]
    out = frame.groupby(keys, sort=True).size().rename("count").reset_index()
    if by:
        out = out.rename(columns={"group": by})
    return out.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)[columns]


def parse_spans(spans: str | None) -> list[tuple[str, int, int]]:
    """``Col.HOSTILITY_SPANS`` text ('marker:start-end;...') as (marker, start, end) tuples;
    pieces that do not parse are skipped."""
    out = []
    if not isinstance(spans, str):
        return out
    for piece in spans.split(LIST_SEPARATOR):
        marker, _, where = piece.rpartition(":")
        start, _, end = where.partition("-")
        if marker and start.isdigit() and end.isdigit() and int(start) < int(end):
            out.append((marker, int(start), int(end)))
    return out


def highlight_pieces(text: str, spans: str | None) -> list[tuple[str, list[str]]]:
    """``text`` cut into consecutive pieces, each with the markers whose span covers it
    ([] outside every span). The pieces joined give ``text`` back exactly."""
    text = text if isinstance(text, str) else ""
    cuts = {0, len(text)}
    found = [(m, max(0, s), min(len(text), e)) for m, s, e in parse_spans(spans)]
    for _, start, end in found:
        cuts.update((start, end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start == end:
            continue
        markers = sorted({m for m, s, e in found if s <= start and end <= e})
        pieces.append((text[start:end], markers))
    return pieces


def highlight_text(text: str, spans: str | None) -> str:
    """``text`` with every marker span wrapped in ⟦ ⟧, for plain-text display."""
    out = []
    for piece, markers in highlight_pieces(text, spans):
        out.append(f"{HIGHLIGHT_OPEN}{piece}{HIGHLIGHT_CLOSE}" if markers else piece)
    return "".join(out)


def matched_words(text: str, spans: str | None) -> str:
    """The words each marker matched, as 'marker: words' joined by '; '."""
    text = text if isinstance(text, str) else ""
    return "; ".join(f"{m}: {text[s:e]}" for m, s, e in parse_spans(spans))


def guessed_links(comments: pd.DataFrame) -> np.ndarray:
    """True for each comment whose link (to its parent, or its being top-level) was inferred
    with Col.REPLY_CONFIDENCE below GUESS_BELOW. Links a source gives, page markers and
    corrections by hand are never guesses."""
    if Col.REPLY_CONFIDENCE not in comments:
        return np.zeros(len(comments), dtype=bool)
    confidence = pd.to_numeric(comments[Col.REPLY_CONFIDENCE], errors="coerce") \
        .to_numpy(dtype=float)
    return inferred_flags(comments).astype(bool) & (confidence < GUESS_BELOW)


def reading_order(comments: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``comments`` in depth-first reading order (each reply after its parent, siblings
    by Col.POSITION), with a "level" column: depth within the rows shown, and a "guess" column
    (:func:`guessed_links`). A row whose parent is not among the rows (or whose link
    :func:`analysis.threads.validate_links` cuts) starts a new branch at level 0."""
    if comments.empty:
        return comments.assign(level=pd.Series(dtype=int), guess=pd.Series(dtype=bool))
    order_key = Col.POSITION if Col.POSITION in comments else Col.LINE_START
    rows = comments.sort_values(order_key, kind="stable")
    _, _, parent = _links(rows)
    children: dict[int, list[int]] = defaultdict(list)
    roots = []
    for i, p in enumerate(parent.tolist()):
        if p >= 0:
            children[p].append(i)
        else:
            roots.append(i)
    order, level = [], []
    stack = [(i, 0) for i in reversed(roots)]
    while stack:  # the links form a forest, so every row is reached exactly once
        i, lvl = stack.pop()
        order.append(i)
        level.append(lvl)
        stack.extend((c, lvl + 1) for c in reversed(children.get(i, [])))
    rows = rows.iloc[order]
    return rows.assign(level=level, guess=guessed_links(rows)).reset_index(drop=True)


def _links(comments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Comment ids, parent ids ('' where the parent is not among ``comments`` or the link is
    cut) and each row's parent row (-1 for a root), per :func:`analysis.threads.validate_links`
    in row order."""
    ids = comments[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)
    raw = comments[Col.PARENT_ID]
    parents = raw.astype(object).where(raw.notna(), "").astype(str).to_numpy(dtype=object)
    articles = (comments[Col.ARTICLE_ID].astype(str).tolist() if Col.ARTICLE_ID in comments
                else [""] * len(ids))
    parent, _ = validate_links(articles, ids.tolist(), parents.tolist())
    return ids, np.where(parent >= 0, parents, ""), parent


def tree_nodes(comments: pd.DataFrame) -> pd.DataFrame:
    """Nodes of the reply tree(s) among ``comments``: columns "id", "parent" ('' for a root or
    a reply whose parent is filtered out), "guess" (:func:`guessed_links`), plus the comment's
    own columns."""
    ids, parents, _ = _links(comments)
    return comments.assign(id=ids, parent=parents, guess=guessed_links(comments)) \
        .reset_index(drop=True)


def _chain_lengths(parent: np.ndarray) -> np.ndarray:
    """Comments from each row up to its root (1 for a root), by pointer doubling over parent
    rows that form a forest (:func:`analysis.threads.validate_links` cut any cycle)."""
    n = len(parent)
    length = np.ones(n, np.int64)
    up = parent.copy()
    for _ in range(max(1, int(np.ceil(np.log2(n + 1)))) + 1):
        live = up >= 0
        if not live.any():
            break
        length[live] += length[up[live]]
        up[live] = up[up[live]]
    return np.minimum(length, n)


def chains(comments: pd.DataFrame, limit: int = 12) -> pd.DataFrame:
    """Root-to-leaf reply chains among ``comments``, the ``limit`` longest: one row per comment
    per chain with "chain" (1 = longest), "step" (0 at the chain's first comment) and the
    comment's own columns. A comment shared by several chains appears in each."""
    ids, parents, parent = _links(comments)
    if len(ids) == 0:
        return tree_nodes(comments).assign(chain=pd.Series(dtype=int), step=pd.Series(dtype=int))
    is_leaf = np.bincount(parent[parent >= 0], minlength=len(ids)) == 0
    leaves = np.flatnonzero(is_leaf)
    length = _chain_lengths(parent)
    # Longest first; among equally long chains, the leaf that comes first in the table.
    longest = leaves[np.argsort(-length[leaves], kind="stable")][:limit]
    parts = []
    for leaf in longest.tolist():
        path, row = [], leaf
        while row >= 0:
            path.append(row)
            row = int(parent[row])
        if len(path) >= 2:
            path.reverse()
            parts.append((path, comments.iloc[path].assign(id=ids[path], parent=parents[path])))
    parts.sort(key=lambda part: len(part[0]), reverse=True)
    frames = [rows.assign(chain=number, step=range(len(path)))
              for number, (path, rows) in enumerate(parts[:limit], start=1)]
    if not frames:
        return tree_nodes(comments.iloc[:0]).assign(chain=pd.Series(dtype=int),
                                                    step=pd.Series(dtype=int))
    return pd.concat(frames, ignore_index=True)


def articles_overview(comments: pd.DataFrame, article_ids: tuple[str, ...] = (), *,
                      articles: pd.DataFrame) -> pd.DataFrame:
    """:func:`article_overview` limited to ``article_ids`` (every article when empty)."""
    if article_ids:
        articles = articles[articles[ArticleCol.ARTICLE_ID].isin(article_ids)]
    return article_overview(comments, articles)


def largest_level_counts(comments: pd.DataFrame, by: str, limit: int = 15) -> pd.DataFrame:
    """:func:`level_counts` over the ``limit`` largest groups of ``by`` only."""
    keys = comments[by].astype(str)
    return level_counts(comments[keys.isin(keys.value_counts().index[:limit])], by)


def is_flagged(comments: pd.DataFrame) -> pd.Series:
    """True where there is hostility evidence: some marker fired (Col.HOSTILITY_MARKERS) or
    the learned part names the words that raised it (Col.HOSTILITY_WORDS, at level 1 or 2)."""
    flagged = comments[Col.HOSTILITY_MARKERS].astype("string").fillna("") != ""
    if Col.HOSTILITY_WORDS in comments:
        flagged |= comments[Col.HOSTILITY_WORDS].astype("string").fillna("") != ""
    return flagged


def most_hostile(comments: pd.DataFrame, limit: int = 300) -> tuple[pd.DataFrame, int]:
    """The ``limit`` flagged comments (:func:`is_flagged`) with the highest Col.HOSTILITY, most
    hostile first, with "matched" (:func:`matched_words`, the marker words) and "highlighted"
    (:func:`highlight_text`) columns; and how many comments are flagged in all."""
    flagged = comments[is_flagged(comments)]
    top = flagged.nlargest(limit, Col.HOSTILITY, keep="first") if limit < len(flagged) \
        else flagged.sort_values(Col.HOSTILITY, ascending=False, kind="stable")
    texts, spans = top[Col.TEXT].tolist(), top[Col.HOSTILITY_SPANS].tolist()
    table = top.assign(
        matched=[matched_words(t, s) for t, s in zip(texts, spans, strict=True)],
        highlighted=[highlight_text(t, s) for t, s in zip(texts, spans, strict=True)],
    )
    return table.reset_index(drop=True), len(flagged)


def first_rows(comments: pd.DataFrame, limit: int, by: str | None = None,
               ascending: bool = True) -> pd.DataFrame:
    """The first ``limit`` rows of ``comments``, in table order or sorted by column ``by``
    (stable, missing values last)."""
    if by is not None:
        comments = comments.sort_values(by, ascending=ascending, kind="stable",
                                        na_position="last")
    return comments.head(limit)


def escalating_threads(comments: pd.DataFrame, threads: pd.DataFrame) -> tuple[int, int]:
    """(threads that turn uncivil, all threads) among the threads ``comments`` shows, read from
    ``threads`` (:func:`analysis.threads.thread_metrics` of the whole table): whole threads'
    ThreadCol.TURNS_UNCIVIL, whatever the filters left of them."""
    shown = threads[threads[ThreadCol.THREAD_ID].astype(str).isin(
        comments[Col.THREAD_ID].astype(str).unique())]
    return int(shown[ThreadCol.TURNS_UNCIVIL].fillna(False).astype(bool).sum()), len(shown)


OPENING_CHARS = 48


def thread_names(comments: pd.DataFrame, width: int = OPENING_CHARS) -> dict[str, str]:
    """Thread id -> the thread's name: the opening words of its root comment, at most ``width``
    characters. The one way a thread is named; give it the whole table, so a thread keeps its
    name whatever a filter hides."""
    if comments.empty:
        return {}
    first = comments.sort_values([Col.DEPTH, Col.POSITION], kind="stable").drop_duplicates(
        Col.THREAD_ID)
    return {str(t): opening_words(text, width) or "(empty)" for t, text in
            zip(first[Col.THREAD_ID], first[Col.TEXT], strict=True)}


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """A count and its noun, thousands separated: "1 comment", "0 comments", "2,345 comments".
    ``plural`` where adding "s" is wrong ("replies")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def counted_each(counts: object, noun: str, plural: str | None = None) -> list[str]:
    """:func:`counted` of each count in ``counts`` (missing: ""), for a chart's hover: plotly
    puts a number into a fixed noun ("%{x} comments"), which reads "1 comments"."""
    values = pd.to_numeric(pd.Series(counts, dtype=object), errors="coerce")
    return ["" if v != v else counted(int(v), noun, plural) for v in values.tolist()]


def counted_of(part: int, whole: int, noun: str, plural: str | None = None) -> str:
    """ "1 of 1 comment", "0 of 3 comments", "1,234 of 12,345 comments": the noun follows the
    whole."""
    return f"{part:,} of {counted(whole, noun, plural)}"


def verb_for(count: int, singular: str, plural: str) -> str:
    """The verb whose subject is ``count`` things: "1 of 3 threads *has*", "0 of 3 *have*"."""
    return singular if count == 1 else plural


def opening_words(text: object, width: int) -> str:
    """The first words of a text, whitespace collapsed, at most ``width`` characters ("…" marks
    a cut); "" for empty or missing text."""
    flat = " ".join(text.split()) if isinstance(text, str) else ""
    if len(flat) <= width:
        return flat
    return (flat[: width - 1].rsplit(" ", 1)[0] or flat[: width - 1]) + "…"


def shown_threads(comments: pd.DataFrame, *, threads: pd.DataFrame,
                  names: dict[str, str]) -> pd.DataFrame:
    """The rows of ``threads`` (the whole-thread metrics the pipeline computed) for the threads
    that have a comment in ``comments``, largest first, with ThreadViewCol.NAME (from
    ``names``, :func:`thread_names` of the whole table) and ThreadViewCol.SHOWN (how many of
    the thread's comments ``comments`` holds). Metrics are never recomputed on filtered rows."""
    shown = comments[Col.THREAD_ID].astype(str).value_counts()
    ids = threads[ThreadCol.THREAD_ID].astype(str)
    out = threads[ids.isin(shown.index)]
    ids = ids[out.index]
    out = out.assign(**{ThreadViewCol.NAME: ids.map(names).fillna(ids),
                        ThreadViewCol.SHOWN: ids.map(shown).astype("int64")})
    return out.sort_values(ThreadCol.SIZE, ascending=False, kind="stable") \
        .reset_index(drop=True)[THREAD_VIEW_COLUMNS]


def thread_members(comments: pd.DataFrame, thread: str) -> pd.DataFrame:
    """The rows of ``comments`` whose Col.THREAD_ID (as text) is ``thread``."""
    return comments[comments[Col.THREAD_ID].astype(str) == thread]


def topic_members(comments: pd.DataFrame, topic: int,
                  limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The comments of one Col.TOPIC_ID, closest to their article first
    (Col.ARTICLE_SIMILARITY), at most ``limit`` of them; and how many the topic has."""
    members = comments[comments[Col.TOPIC_ID] == topic]
    ordered = members.sort_values(Col.ARTICLE_SIMILARITY, ascending=False, kind="stable")
    return (ordered if limit is None else ordered.head(limit)), len(members)
