"""Reply trees: validate links, build threads and measure how they unfold.

:func:`build_threads` checks links before it builds (a parent missing from the article, a
self-reply or a cycle each makes the comment a root), then gives every comment its thread (the
root's comment_id) and depth. The metric functions take that table (they build it when the columns
are missing) and return one row per thread, per back-and-forth run or per article.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.calibration import probability
from analysis.metrics import inferred_flags, inferred_link_confidence, level_flags
from analysis.replies import evidence as ev
from analysis.schema import (
    ARTICLE_METRIC_COLUMNS,
    PAIR_COLUMNS,
    THREAD_COLUMNS,
    ArticleMetricCol,
    Col,
    PairCol,
    ThreadCol,
)
from analysis.text import SECOND_PERSON

INVALID_MISSING = "invalid link: parent missing"
INVALID_OTHER_ARTICLE = "invalid link: parent under another article"
INVALID_SELF = "invalid link: self-reply"
INVALID_CYCLE = "invalid link: cycle"


class Reading:
    """The two readings of a flat page's reply structure. Both keep the links a source gives,
    links read from page markers and links corrected by hand; they differ in the others."""

    INFERRED = "inferred"  # reply inference's links (analysis.replies)
    PAGE_ORDER = "page_order"  # each comment answers the previous one in its article


READING_NAMES = {Reading.INFERRED: "inferred structure", Reading.PAGE_ORDER: "plain page order"}
"""How the screens name each reading."""

PAGE_ORDER_EVIDENCE = "previous comment (plain page order)"
PAGE_ORDER_FIRST_EVIDENCE = "first comment (plain page order)"


def _is_blank(values: pd.Series) -> np.ndarray:
    return (values.isna() | (values.astype(str).str.strip() == "")).to_numpy()


def _order(comments: pd.DataFrame) -> np.ndarray:
    """Row numbers sorted by article then page position (row order where position is missing)."""
    key = pd.DataFrame(
        {
            "a": comments[Col.ARTICLE_ID].astype(str).to_numpy(),
            "p": comments[Col.POSITION].to_numpy() if Col.POSITION in comments else 0,
            "r": np.arange(len(comments)),
        }
    )
    return key.sort_values(["a", "p", "r"], kind="stable")["r"].to_numpy()


def validate_links(article_ids: Sequence[str], comment_ids: Sequence[str],
                   parent_ids: Sequence[str], order: Sequence[int] | None = None,
                   ) -> tuple[np.ndarray, dict[int, str]]:
    """Check reply links before a tree is built: the one place that does (the readers, the
    tree builder and the views all call it).

    ``parent_ids[r]`` is row r's parent comment id, "" for a top-level comment; a parent is
    looked up among the rows of the same article. Returns each row's parent row (-1 for a root
    or a cut link) and, for every cut link, its reason: INVALID_MISSING (no such comment),
    INVALID_OTHER_ARTICLE (the comment is under another article), INVALID_SELF, and for each
    cycle INVALID_CYCLE on the link of its member that comes first in ``order`` (row numbers in
    page order; row order by default). With duplicated ids, a link goes to the first such row.
    Linear in the number of rows.
    """
    n = len(comment_ids)
    ids = pd.Series(comment_ids, dtype=object).astype(str)
    parents = pd.Series(parent_ids, dtype=object).fillna("").astype(str)
    arts = pd.Series(article_ids, dtype=object).astype(str) + "\x00"
    # Row of each (article, id), the first one where ids repeat; -1 where there is none.
    rows = pd.Series(np.arange(n), index=arts + ids)
    rows = rows[~rows.index.duplicated(keep="first")]
    found = rows.reindex(arts + parents).to_numpy()
    has = (parents != "").to_numpy()
    parent_row = np.where(has & ~np.isnan(found), np.nan_to_num(found, nan=-1), -1) \
        .astype(np.int64)
    problems: dict[int, str] = {}
    unmatched = np.flatnonzero(has & np.isnan(found))
    if len(unmatched):
        known = set(ids.tolist())
        for r, parent in zip(unmatched.tolist(), parents.iloc[unmatched].tolist(), strict=True):
            problems[r] = INVALID_OTHER_ARTICLE if parent in known else INVALID_MISSING
    for r in np.flatnonzero(parent_row == np.arange(n)).tolist():
        problems[r] = INVALID_SELF
        parent_row[r] = -1
    parent_row = parent_row.tolist()
    rank = list(range(n))
    walk = range(n) if order is None else [int(r) for r in order]
    if order is not None:
        for k, r in enumerate(walk):
            rank[r] = k
    # Follow parents from each row in page order, marking the rows on the current walk; a walk
    # that meets its own mark has found a cycle. Every row is walked once, so this always ends.
    state = bytearray(n)  # 0 unseen, 1 on the current walk, 2 done
    for start in walk:
        if state[start]:
            continue
        path = []
        c = start
        while c >= 0 and not state[c]:
            state[c] = 1
            path.append(c)
            c = parent_row[c]
        if c >= 0 and state[c] == 1:
            cycle = path[path.index(c):]
            cut = min(cycle, key=rank.__getitem__)
            parent_row[cut] = -1
            problems[cut] = INVALID_CYCLE
        for node in path:
            state[node] = 2
    return np.asarray(parent_row, dtype=np.int64), problems


def _parent_texts(comments: pd.DataFrame) -> list[str]:
    """Col.PARENT_ID as stripped text, "" for a top-level comment (missing or blank)."""
    if Col.PARENT_ID not in comments:
        return [""] * len(comments)
    raw = comments[Col.PARENT_ID]
    blank = _is_blank(raw)
    return ["" if b else p for b, p in zip(blank.tolist(), raw.astype(str).str.strip().tolist(),
                                           strict=True)]


def build_threads(comments: pd.DataFrame) -> pd.DataFrame:
    """Validate reply links (:func:`validate_links`), then assign threads and depths.

    Reads Col.ARTICLE_ID, Col.COMMENT_ID, Col.PARENT_ID (NA or '' for a top-level comment) and
    Col.POSITION if present. A link to a comment that is not in the same article, a self-reply and
    every link that closes a cycle are cut: the comment becomes a root, its Col.PARENT_ID is set
    to NA and the reason is appended to Col.REPLY_EVIDENCE. Writes Col.THREAD_ID (the root's
    comment_id) and Col.DEPTH (int, 0 at the root). Returns a new frame in the input's row order.
    """
    n = len(comments)
    ids = comments[Col.COMMENT_ID].astype(str).to_numpy()
    raw_parent = comments[Col.PARENT_ID] if Col.PARENT_ID in comments else pd.Series([pd.NA] * n)
    blank = _is_blank(raw_parent)
    order = _order(comments)
    par, problem = validate_links(comments[Col.ARTICLE_ID].astype(str).tolist(), ids.tolist(),
                                  _parent_texts(comments), order)
    # The links now form a forest: each row's depth and root follow from its parent's, walked
    # up to the first row already placed.
    parent_of = par.tolist()
    root = [-1] * n
    depth = [-1] * n
    for start in order.tolist():
        if depth[start] >= 0:
            continue
        path = []
        c = start
        while c >= 0 and depth[c] < 0:
            path.append(c)
            c = parent_of[c]
        base_depth, base_root = (depth[c], root[c]) if c >= 0 else (-1, path[-1])
        for k, node in enumerate(reversed(path)):
            depth[node] = base_depth + 1 + k
            root[node] = base_root
    parent_out = raw_parent.astype(object).copy()
    parent_out[blank] = pd.NA
    updates = {
        Col.THREAD_ID: pd.Series(ids[np.asarray(root, dtype=np.int64)], index=comments.index,
                                 dtype=object),
        Col.DEPTH: pd.Series(np.asarray(depth, dtype=np.int64), index=comments.index,
                             dtype="int64"),
    }
    if problem:
        rows = np.fromiter(problem, dtype=np.int64)
        parent_out.iloc[rows] = pd.NA
        ev = (
            comments[Col.REPLY_EVIDENCE].astype(object).copy()
            if Col.REPLY_EVIDENCE in comments
            else pd.Series([pd.NA] * n, index=comments.index, dtype=object)
        )
        for r, why in problem.items():
            old = ev.iloc[r]
            ev.iloc[r] = why if pd.isna(old) or old == "" else f"{old}; {why}"
        updates[Col.REPLY_EVIDENCE] = ev
    updates[Col.PARENT_ID] = pd.Series(parent_out.to_numpy(), index=comments.index, dtype=object)
    return comments.assign(**updates)


def known_links(comments: pd.DataFrame) -> np.ndarray:
    """True for each row whose link is known rather than inferred: Col.INFERRED is False and
    Col.REPLY_CONFIDENCE is set (a source link, an "in reply to" page marker, a correction by
    hand, a top-level comment the source gives). Reply inference keeps these links; so does
    :func:`read_in_page_order`. A guess a commentscope export states (Col.INFERRED and
    Col.REPLY_STATED True) is not known: inference keeps it as stated, and page order reads it
    as it read the guess when the export was written."""
    n = len(comments)
    inferred = (comments[Col.INFERRED].astype("boolean").fillna(False).to_numpy(dtype=bool)
                if Col.INFERRED in comments else np.zeros(n, bool))
    confidence = (pd.to_numeric(comments[Col.REPLY_CONFIDENCE], errors="coerce")
                  .to_numpy(dtype=float) if Col.REPLY_CONFIDENCE in comments
                  else np.full(n, np.nan))
    return ~inferred & ~np.isnan(confidence)


def read_in_page_order(comments: pd.DataFrame) -> pd.DataFrame:
    """The per-comment table as plain page order reads it: each comment whose link is not
    known (:func:`known_links`) answers the previous comment of its article (Col.POSITION
    order, row order where it is missing); the first comment of an article is top-level.
    Known links stay as they are.

    Reads Col.ARTICLE_ID, Col.COMMENT_ID, Col.POSITION, Col.PARENT_ID, Col.INFERRED,
    Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE, Col.REPLY_ADDRESSES. A row whose parent page order
    keeps (inference chose the previous comment too) keeps its confidence, evidence and
    addresses: the same link on the same evidence. A row page order gives another parent gets
    Col.REPLY_CONFIDENCE the measured probability that a link to the previous comment is right
    (analysis.calibration, "previous_comment"; "first_comment" for a first comment),
    Col.REPLY_EVIDENCE PAGE_ORDER_EVIDENCE (or PAGE_ORDER_FIRST_EVIDENCE) and
    Col.REPLY_ADDRESSES NA (what it said was about the other parent). Col.INFERRED is True
    wherever the link is not known, Col.REPLY_STATED (where present) True where it is.
    Col.THREAD_ID and Col.DEPTH are built again
    (:func:`build_threads`). Every other column is the input's. Returns a new frame in the
    input's row order.
    """
    return _page_order(comments)[0]


def page_order_thread_metrics(comments: pd.DataFrame,
                              threads: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`thread_metrics` of :func:`read_in_page_order`; ``threads`` (the inferred thread
    table, when given) itself when every link is known, so both readings agree."""
    if threads is not None and known_links(comments).all():
        return threads
    relinked, parent_rows = _page_order(comments)
    if parent_rows is None:
        return thread_metrics(relinked)
    return _thread_metrics(relinked.reset_index(drop=True), parent_rows)


def _page_order(comments: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray | None]:
    """read_in_page_order, and each row's parent row when they were found without
    validate_links (every parent before its reply in page order), else None."""
    n = len(comments)
    keep = known_links(comments)
    if n == 0 or keep.all():
        return comments.copy(), None
    order = _order(comments)
    articles = comments[Col.ARTICLE_ID].astype(str).to_numpy(dtype=object)
    ids = comments[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)
    first = np.r_[True, articles[order][1:] != articles[order][:-1]]
    previous_row = np.full(n, -1, dtype=np.int64)
    previous_row[order[1:]] = np.where(first[1:], -1, order[:-1])
    previous = np.where(previous_row >= 0, ids[np.maximum(previous_row, 0)], "")
    current = np.array(_parent_texts(comments), dtype=object)
    changed = ~keep & (previous != current)
    is_first = previous_row < 0
    parent = np.where(keep, current, previous)
    confidence = (pd.to_numeric(comments[Col.REPLY_CONFIDENCE], errors="coerce")
                  .to_numpy(dtype=float, copy=True) if Col.REPLY_CONFIDENCE in comments
                  else np.full(n, np.nan))
    confidence[changed & is_first] = probability("reply", ev.FIRST_COMMENT)
    confidence[changed & ~is_first] = probability("reply", ev.PREVIOUS)
    evidence = (comments[Col.REPLY_EVIDENCE].to_numpy(dtype=object, copy=True)
                if Col.REPLY_EVIDENCE in comments else np.full(n, None, dtype=object))
    evidence[changed] = np.where(is_first[changed], PAGE_ORDER_FIRST_EVIDENCE,
                                 PAGE_ORDER_EVIDENCE)
    addresses = (comments[Col.REPLY_ADDRESSES].astype("boolean").copy()
                 if Col.REPLY_ADDRESSES in comments
                 else pd.Series(pd.NA, index=comments.index, dtype="boolean"))
    addresses[changed] = pd.NA
    relinked = comments.assign(**{
        Col.PARENT_ID: pd.Series(np.where(parent == "", pd.NA, parent), index=comments.index,
                                 dtype=object),
        Col.REPLY_CONFIDENCE: pd.Series(confidence, index=comments.index, dtype=float),
        Col.REPLY_EVIDENCE: pd.Series(evidence, index=comments.index, dtype=object),
        Col.REPLY_ADDRESSES: addresses,
        Col.INFERRED: pd.Series(~keep, index=comments.index, dtype=bool),
        **({Col.REPLY_STATED: pd.Series(keep, index=comments.index, dtype=bool)}
           if Col.REPLY_STATED in comments else {}),
    })
    parent_rows = np.where(keep, -1, previous_row)
    linked = np.flatnonzero(keep & (current != ""))
    if len(linked):
        keys = pd.Index(articles + "\x00" + ids)
        found = keys.get_indexer(articles[linked] + "\x00" + current[linked])
        parent_rows[linked] = found
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        if (found < 0).any() or not keys.is_unique or \
                (rank[np.maximum(found, 0)] >= rank[linked]).any():
            return build_threads(relinked), None  # validate_links sorts out what is odd
    # Every parent comes before its reply in page order: one pass in that order places all.
    parent_of = parent_rows.tolist()
    depth = [0] * n
    root = list(range(n))
    for r in order.tolist():
        p = parent_of[r]
        if p >= 0:
            depth[r] = depth[p] + 1
            root[r] = root[p]
    threaded = relinked.assign(**{
        Col.THREAD_ID: pd.Series(ids[np.asarray(root, dtype=np.int64)], index=comments.index,
                                 dtype=object),
        Col.DEPTH: pd.Series(np.asarray(depth, dtype=np.int64), index=comments.index,
                             dtype="int64"),
    })
    return threaded, parent_rows


def _with_threads(comments: pd.DataFrame) -> pd.DataFrame:
    if Col.THREAD_ID in comments and Col.DEPTH in comments:
        if comments[Col.THREAD_ID].notna().all():
            return comments
    return build_threads(comments)


def _tree(comments: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Threaded frame with a positional index and each row's parent row (-1 for roots)."""
    t = _with_threads(comments).reset_index(drop=True)
    par, _ = validate_links(t[Col.ARTICLE_ID].astype(str).tolist(),
                            t[Col.COMMENT_ID].astype(str).tolist(), _parent_texts(t))
    return t, par


def _hostility(t: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray | None]:
    level = (
        pd.to_numeric(t[Col.HOSTILITY_LEVEL], errors="coerce").to_numpy(dtype=float)
        if Col.HOSTILITY_LEVEL in t
        else None
    )
    score = (
        pd.to_numeric(t[Col.HOSTILITY], errors="coerce").to_numpy(dtype=float)
        if Col.HOSTILITY in t
        else None
    )
    return level, score


def _path_sums(par: np.ndarray, depth: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Column sums of ``values`` (one row per comment) over each comment's path from its thread
    root, itself included. Computed one depth level at a time, each level reading its parents'
    sums: vectorised, and linear in the number of comments."""
    out = np.zeros(values.shape, dtype=float)
    by_depth = np.argsort(depth, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(depth[by_depth]) != 0, True])
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        rows = by_depth[lo:hi]
        parents = par[rows]
        has = (parents >= 0)[:, None]
        out[rows] = values[rows] + np.where(has, out[np.maximum(parents, 0)], 0.0)
    return out


def thread_metrics(comments: pd.DataFrame) -> pd.DataFrame:
    """One row per thread with the columns of schema.THREAD_COLUMNS.

    Reads the link columns (building threads first when Col.THREAD_ID / Col.DEPTH are missing),
    Col.HOSTILITY_LEVEL (0-2) and Col.HOSTILITY (0-1) if present, Col.REPLY_CONFIDENCE.
    ThreadCol.ESCALATION is the mean, over root-to-leaf chains of two or more comments, of the
    least-squares slope of Col.HOSTILITY against depth (hostility units per reply level).
    ThreadCol.TURNS_UNCIVIL is True when some comment with level >= 1 has a level-0 comment
    above it on its chain. Shares and link confidence follow analysis.metrics. Hostility metrics
    are NaN (turns_uncivil NA) when the columns are missing.
    """
    return _thread_metrics(*_tree(comments))


def _thread_metrics(t: pd.DataFrame, par: np.ndarray) -> pd.DataFrame:
    """thread_metrics of a threaded frame with a positional index and its parent rows."""
    n = len(t)
    if n == 0:
        return pd.DataFrame(columns=THREAD_COLUMNS)
    depth = t[Col.DEPTH].to_numpy(dtype=np.int64)
    level, score = _hostility(t)
    children = np.bincount(par[par >= 0], minlength=n)
    is_leaf = children == 0
    y = np.nan_to_num(score if score is not None else np.zeros(n), nan=0.0)
    lv = level if level is not None else np.zeros(n)
    d = depth.astype(float)
    civil = (lv == 0).astype(float)
    sx, sy, sxx, sxy, civil_on_path = _path_sums(
        par, depth, np.column_stack([d, y, d * d, d * y, civil])).T
    escal_node = (civil_on_path - civil > 0) & (lv >= 1)  # a civil comment above a hostile one
    m = depth + 1.0
    denom = m * sxx - sx * sx
    with np.errstate(invalid="ignore", divide="ignore"):
        slope = np.where(denom > 0, (m * sxy - sx * sy) / denom, np.nan)
    slope[~is_leaf | (depth == 0)] = np.nan
    uncivil, hostile = level_flags(t)
    uncivil_depth = np.where(lv >= 1, depth, np.nan) if level is not None else np.full(n, np.nan)
    work = pd.DataFrame(
        {
            "art": t[Col.ARTICLE_ID].to_numpy(),
            "thread": t[Col.THREAD_ID].astype(str).to_numpy(),
            "depth": depth,
            "leaf": is_leaf,
            "uncivil": uncivil,
            "hostile": hostile,
            "slope": slope if score is not None else np.nan,
            "escal": escal_node,
            "udepth": uncivil_depth,
            "inferred": inferred_flags(t),
            "conf": inferred_link_confidence(t),
        }
    )
    g = work.groupby(["art", "thread"], sort=False)
    width = (
        work.groupby(["art", "thread", "depth"], sort=False)
        .size()
        .groupby(level=[0, 1], sort=False)
        .max()
    )
    out = pd.DataFrame(
        {
            ThreadCol.SIZE: g.size(),
            ThreadCol.DEPTH: g["depth"].max(),
            ThreadCol.WIDTH: width,
            ThreadCol.BRANCHES: g["leaf"].sum(),
            ThreadCol.LONGEST_CHAIN: g["depth"].max() + 1,
            ThreadCol.UNCIVIL_SHARE: g["uncivil"].mean(),
            ThreadCol.HOSTILE_SHARE: g["hostile"].mean(),
            ThreadCol.ESCALATION: g["slope"].mean(),
            ThreadCol.TURNS_UNCIVIL: g["escal"].any(),
            ThreadCol.FIRST_UNCIVIL_DEPTH: g["udepth"].min(),
            ThreadCol.INFERRED_SHARE: g["inferred"].mean(),
            ThreadCol.MEAN_LINK_CONFIDENCE: g["conf"].mean(),
        }
    )
    out.index = out.index.set_names([ThreadCol.ARTICLE_ID, ThreadCol.THREAD_ID])
    out = out.reset_index()
    if level is None:
        out[ThreadCol.TURNS_UNCIVIL] = pd.array([pd.NA] * len(out), dtype="boolean")
    for col in (
        ThreadCol.SIZE,
        ThreadCol.DEPTH,
        ThreadCol.WIDTH,
        ThreadCol.BRANCHES,
        ThreadCol.LONGEST_CHAIN,
    ):
        out[col] = out[col].astype("int64")
    return out[THREAD_COLUMNS]


def _answers_back(t: pd.DataFrame) -> np.ndarray:
    """Flat pages: does each comment speak back to its parent's author?

    Col.REPLY_ADDRESSES where reply inference set it (a quote of the parent, a name, second
    person, an answer to its question); elsewhere, whether the text uses the second person.
    """
    n = len(t)
    known = (t[Col.REPLY_ADDRESSES].astype("boolean") if Col.REPLY_ADDRESSES in t
             else pd.Series(pd.NA, index=t.index, dtype="boolean"))
    missing = known.isna().to_numpy()
    by_text = np.zeros(n, dtype=bool)
    if Col.TEXT in t and missing.any():  # the text is read only where inference did not say
        text = t[Col.TEXT].to_numpy(dtype=object)[missing]
        by_text[missing] = [isinstance(x, str) and SECOND_PERSON.search(x) is not None
                            for x in text]
    return np.where(missing, by_text, known.fillna(False).to_numpy(dtype=bool))


def reply_pairs(comments: pd.DataFrame) -> pd.DataFrame:
    """Back-and-forth runs: A answers B, B answers A, ... along one chain of replies.

    A run is a parent -> child -> grandchild ... chain of at least three comments in which, for
    each comment from the third on, the speaker is the one two steps above and differs from its
    parent's speaker.

    * Where Col.AUTHOR is known on the chain, speakers are the authors (basis "authors").
    * On flat pages (no authors) a comment is taken to come from its grandparent's speaker when
      it *answers back*: it replies to its parent and addresses that parent's author (second
      person, a quote of the parent, a name, an answer to its question), per Col.REPLY_ADDRESSES
      or the text. The second comment of a run must answer back as well. Basis "answers_back".

    Only maximal runs are listed (one per chain end). Columns: PAIR_COLUMNS.
    """
    t, par = _tree(comments)
    n = len(t)
    if n == 0:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    authors = (
        t[Col.AUTHOR].astype(object).where(~_is_blank(t[Col.AUTHOR]), None).to_numpy()
        if Col.AUTHOR in t
        else np.array([None] * n, dtype=object)
    )
    back = _answers_back(t)
    depth = t[Col.DEPTH].to_numpy(dtype=np.int64)
    # Plain lists: this loop indexes single items, which lists do several times faster.
    run = [1] * n  # length of the run ending at each comment
    basis = [""] * n
    first, second = list(range(n)), list(range(n))  # the run's first and second comment
    par_of, back_of = par.tolist(), back.tolist()
    authors = authors.tolist()
    for r in np.argsort(depth, kind="stable").tolist():
        p = par_of[r]
        if p < 0:
            continue
        gp = par_of[p]
        a_r, a_p = authors[r], authors[p]
        if a_r is not None and a_p is not None:
            if a_r == a_p:
                continue
            if gp >= 0 and run[p] >= 2 and authors[gp] == a_r and basis[p] == "authors":
                run[r], basis[r] = run[p] + 1, "authors"
                first[r], second[r] = first[p], second[p]
            else:
                run[r], basis[r], first[r], second[r] = 2, "authors", p, r
        elif back_of[r]:
            if run[p] >= 2 and basis[p] == "answers_back":
                run[r], basis[r] = run[p] + 1, "answers_back"
                first[r], second[r] = first[p], second[p]
            else:
                run[r], basis[r], first[r], second[r] = 2, "answers_back", p, r
    extended = np.zeros(n, dtype=bool)
    for r in range(n):
        p = par_of[r]
        if p >= 0 and run[r] == run[p] + 1 and basis[r] == basis[p]:
            extended[p] = True
    run, basis = np.array(run, dtype=np.int64), np.array(basis, dtype=object)
    ends = np.flatnonzero((run >= 3) & ~extended)
    start = np.asarray(first, dtype=np.int64)[ends]
    # Shares of each run: sums of the known flags from the root, differenced between the run's
    # end and the parent of its first comment.
    uncivil, hostile = (_run_shares(flags, par, depth, start, ends) for flags in level_flags(t))
    by_authors = basis[ends] == "authors"
    second_of = np.asarray(second, dtype=np.int64)[ends]
    speakers = [f"{authors[a]}|{authors[b]}" if named else ""
                for a, b, named in zip(start.tolist(), second_of.tolist(), by_authors.tolist(),
                                       strict=True)]
    return pd.DataFrame(
        {
            PairCol.ARTICLE_ID: t[Col.ARTICLE_ID].to_numpy(dtype=object)[ends],
            PairCol.THREAD_ID: t[Col.THREAD_ID].to_numpy(dtype=object)[ends],
            PairCol.START_ID: t[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)[start],
            PairCol.END_ID: t[Col.COMMENT_ID].astype(str).to_numpy(dtype=object)[ends],
            PairCol.LENGTH: run[ends].astype(int),
            PairCol.START_DEPTH: depth[start].astype(int),
            PairCol.BASIS: basis[ends],
            PairCol.SPEAKERS: np.array(speakers, dtype=object),
            PairCol.UNCIVIL_SHARE: uncivil,
            PairCol.HOSTILE_SHARE: hostile,
        },
        columns=PAIR_COLUMNS,
    )


def _run_shares(flags: np.ndarray, par: np.ndarray, depth: np.ndarray, start: np.ndarray,
                ends: np.ndarray) -> np.ndarray:
    """Mean of the known ``flags`` (NaN = unknown) over each run from ``start`` down to ``ends``
    along the parent links; NaN for a run without a known flag."""
    known = ~np.isnan(flags)
    flag_sum, flag_count = _path_sums(
        par, depth, np.column_stack([np.where(known, flags, 0.0), known])).T
    above = par[start]
    base_sum = np.where(above >= 0, flag_sum[np.maximum(above, 0)], 0.0)
    base_count = np.where(above >= 0, flag_count[np.maximum(above, 0)], 0.0)
    count = flag_count[ends] - base_count
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, (flag_sum[ends] - base_sum) / count, np.nan).astype(float)


def article_metrics(comments: pd.DataFrame, article_ids: Sequence[str] = ()) -> pd.DataFrame:
    """One row per article with the columns of ARTICLE_METRIC_COLUMNS.

    Reads the link columns (threads are built when missing), Col.HOSTILITY_LEVEL,
    Col.INFERRED and Col.REPLY_CONFIDENCE if present (shares as analysis.metrics counts them).
    Concentration is the largest thread's size over the article's comments (0-1). Articles of
    ``article_ids`` without comments get a row too: 0 comments and threads, the rest missing.
    """
    t = _with_threads(comments)
    if len(t) == 0:
        out = pd.DataFrame(columns=ARTICLE_METRIC_COLUMNS)
        return _with_silent_articles(out, article_ids)
    uncivil, hostile = level_flags(t)
    work = pd.DataFrame(
        {
            "art": t[Col.ARTICLE_ID].to_numpy(),
            "thread": t[Col.THREAD_ID].astype(str).to_numpy(),
            "depth": t[Col.DEPTH].to_numpy(dtype=float),
            "uncivil": uncivil,
            "hostile": hostile,
            "inferred": inferred_flags(t),
            "conf": inferred_link_confidence(t),
        }
    )
    g = work.groupby("art", sort=False)
    largest = work.groupby(["art", "thread"], sort=False).size().groupby(level=0).max()
    out = pd.DataFrame(
        {
            ArticleMetricCol.COMMENTS: g.size(),
            ArticleMetricCol.THREADS: g["thread"].nunique(),
            ArticleMetricCol.CONCENTRATION: largest / g.size(),
            ArticleMetricCol.MEAN_DEPTH: g["depth"].mean(),
            ArticleMetricCol.MAX_DEPTH: g["depth"].max().astype("int64"),
            ArticleMetricCol.UNCIVIL_SHARE: g["uncivil"].mean(),
            ArticleMetricCol.HOSTILE_SHARE: g["hostile"].mean(),
            ArticleMetricCol.INFERRED_SHARE: g["inferred"].mean(),
            ArticleMetricCol.MEAN_LINK_CONFIDENCE: g["conf"].mean(),
        }
    )
    out.index = out.index.set_names(ArticleMetricCol.ARTICLE_ID)
    return _with_silent_articles(out.reset_index()[ARTICLE_METRIC_COLUMNS], article_ids)


def _with_silent_articles(metrics: pd.DataFrame, article_ids: Sequence[str]) -> pd.DataFrame:
    known = set(metrics[ArticleMetricCol.ARTICLE_ID].astype(str))
    silent = [a for a in dict.fromkeys(map(str, article_ids)) if a not in known]
    if not silent:
        return metrics
    empty = pd.DataFrame({ArticleMetricCol.ARTICLE_ID: silent, ArticleMetricCol.COMMENTS: 0,
                          ArticleMetricCol.THREADS: 0})
    out = pd.concat([metrics, empty], ignore_index=True) if len(metrics) else empty
    out = out.reindex(columns=ARTICLE_METRIC_COLUMNS)
    out[ArticleMetricCol.COMMENTS] = out[ArticleMetricCol.COMMENTS].astype("int64")
    out[ArticleMetricCol.THREADS] = out[ArticleMetricCol.THREADS].astype("int64")
    out[ArticleMetricCol.MAX_DEPTH] = out[ArticleMetricCol.MAX_DEPTH].astype("Int64")
    return out
