"""Participants and who answers whom: the participant table, the interaction table (the signed
reply network) and its graph measures.

Definitions (the same in every table, chart and export):

* A participant is an author string after trimming white space, across all loaded sources, with
  no case folding. An empty author, ``[deleted]`` or ``[removed]`` is nobody: such comments count
  in no participant row and make no edge.
* An edge is a reply: a comment whose Col.PARENT_ID names a comment by another participant. Links
  follow the per-comment table as it is (after the reader moved replies of deleted comments up,
  after hand corrections). A link the analysis inferred (Col.INFERRED, scraped pages and flat
  exports) makes an edge only when the caller opts in (``include_inferred``), and the edge then
  carries the links' mean confidence. A reply to one's own comment is no interaction.
* ``uncivil`` means hostility_level >= 1, ``hostile`` means hostility_level == 2.

Graph measures of the directed graph of the interaction table (one edge per ordered pair,
weighted by its replies): in- and out-degree (distinct repliers / people replied to); a
community partition by networkx's fast label propagation (Traag & Šubelj 2023: near-linear,
edge directions and weights ignored, seed 0), replayed step for step and draw for draw on plain
lists (:func:`communities`: the same partition, checked against networkx in the tests, at half
the cost, since no graph object is built); and PageRank over reply counts (who gets
answered) by networkx's own sparse power iteration, run on the edge arrays (:func:`pagerank`,
checked equal to ``nx.pagerank`` in the tests): linear in the edges per iteration, so it stays
fast on large graphs, where building networkx's graph object would cost several times the
iteration. Weighted in- and out-degree are ``replies_received`` and ``replies_given``. The
tables are computed on integer codes of the names, in order of first appearance, so no
measure changes when the names are pseudonymised.
"""

from __future__ import annotations

import collections
import io
import math
import random
import re
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from analysis.metrics import level_flags
from analysis.schema import (
    EDGE_COLUMNS,
    EXCHANGE_COLUMNS,
    PEOPLE_COLUMNS,
    Col,
    EdgeCol,
    ExchangeCol,
    PeopleCol,
)
from analysis.timeline import time_keys

NOBODY: frozenset[str] = frozenset({"", "[deleted]", "[removed]"})
"""Author values that name no one (after trimming)."""
COMMUNITY_SEED = 0
NETWORK_FORMATS = ("graphml", "gexf")


@dataclass(frozen=True)
class People:
    """The participant and interaction tables of a set of comments."""

    participants: pd.DataFrame  # schema.PEOPLE_COLUMNS, most comments first
    interactions: pd.DataFrame  # schema.EDGE_COLUMNS, most replies first
    named_comments: int  # comments with a participant as author
    comments: int  # comments the tables were computed from
    inferred_links_left_out: int  # replies between participants on inferred links, not counted


def participant_names(authors: pd.Series) -> pd.Series:
    """Each author as a participant name (trimmed), or None for nobody (empty, missing,
    ``[deleted]``, ``[removed]``). Object dtype, aligned to ``authors``."""
    trimmed = authors.astype("string").str.strip()
    nobody = trimmed.isna() | trimmed.isin(NOBODY)
    return trimmed.astype(object).where(~nobody.to_numpy(dtype=bool), None)


def _blank(values: pd.Series) -> np.ndarray:
    return (values.isna() | (values.astype("string").str.strip() == "")).to_numpy(dtype=bool)


def _levels(comments: pd.DataFrame) -> np.ndarray:
    if Col.HOSTILITY_LEVEL not in comments:
        return np.full(len(comments), np.nan)
    return pd.to_numeric(comments[Col.HOSTILITY_LEVEL], errors="coerce").to_numpy(dtype=float)


def _column(comments: pd.DataFrame, column: str, default: float) -> np.ndarray:
    if column not in comments:
        return np.full(len(comments), default)
    return pd.to_numeric(comments[column], errors="coerce").to_numpy(dtype=float)


def _inferred(comments: pd.DataFrame) -> np.ndarray:
    if Col.INFERRED not in comments:
        return np.zeros(len(comments), dtype=bool)
    return comments[Col.INFERRED].astype("boolean").fillna(False).to_numpy(dtype=bool)


def reply_network(participants: pd.DataFrame, interactions: pd.DataFrame) -> nx.DiGraph:
    """The directed reply network: every participant a node (isolated ones too) with its
    participant columns as attributes, one edge per ordered pair with the interaction columns
    (``replies`` is the weight). Nodes and edges are added in the tables' order, so measures
    that depend on order give the same result whatever the names are."""
    graph = nx.DiGraph()
    people = participants.set_index(PeopleCol.AUTHOR, drop=False)
    node_columns = [c for c in PEOPLE_COLUMNS if c != PeopleCol.AUTHOR]
    graph.add_nodes_from(
        (name, _attributes(values, node_columns))
        for name, values in zip(people.index.tolist(),
                                people[node_columns].itertuples(index=False, name=None),
                                strict=True))
    edge_columns = [c for c in EDGE_COLUMNS if c not in (EdgeCol.FROM_AUTHOR, EdgeCol.TO_AUTHOR)]
    ordered = _in_node_order(interactions, participants)
    graph.add_edges_from(
        (a, b, _attributes(values, edge_columns))
        for a, b, values in zip(ordered[EdgeCol.FROM_AUTHOR].tolist(),
                                ordered[EdgeCol.TO_AUTHOR].tolist(),
                                ordered[edge_columns].itertuples(index=False, name=None),
                                strict=True))
    return graph


def _attributes(values: tuple, columns: list[str]) -> dict[str, object]:
    """Attributes for a network file: plain Python values; missing values are left out
    (GraphML and GEXF have no missing value)."""
    out = {}
    for column, value in zip(columns, values, strict=True):
        if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
            continue
        out[column] = value.item() if isinstance(value, np.generic) else value
    return out


def _in_node_order(interactions: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    rank = pd.Series(np.arange(len(participants)),
                     index=participants[PeopleCol.AUTHOR].to_numpy(dtype=object))
    keys = pd.DataFrame({"a": rank.reindex(interactions[EdgeCol.FROM_AUTHOR].to_numpy()).to_numpy(),
                         "b": rank.reindex(interactions[EdgeCol.TO_AUTHOR].to_numpy()).to_numpy()})
    order = keys.sort_values(["a", "b"], kind="stable").index.to_numpy()
    return interactions.iloc[order]


def _texts(values: pd.Series) -> list:
    """A column as a list of Python values (None for missing): Arrow-backed strings convert
    to a list several times faster than element by element."""
    return values.astype(object).where(values.notna(), None).tolist()


def _parent_positions(comments: pd.DataFrame, context: pd.DataFrame) -> np.ndarray:
    """Position in ``context`` of each comment's parent (under the same article), or -1.
    Article and comment ids are matched as integer codes of the pair (no joined strings)."""
    if Col.PARENT_ID not in comments:
        return np.full(len(comments), -1, dtype=np.int64)
    parents = comments[Col.PARENT_ID].astype("string").str.strip()
    articles, _ = pd.factorize(pd.concat([context[Col.ARTICLE_ID].astype("string"),
                                          comments[Col.ARTICLE_ID].astype("string")],
                                         ignore_index=True))
    ids, distinct_ids = pd.factorize(pd.concat([context[Col.COMMENT_ID].astype("string"),
                                                parents], ignore_index=True))
    keys = articles.astype(np.int64) * (len(distinct_ids) + 1) + ids
    keys[(articles < 0) | (ids < 0)] = -1  # a missing id names nothing
    own, wanted = keys[:len(context)], keys[len(context):]
    known, first = np.unique(own, return_index=True)  # a link names the first of equal ids
    found = np.full(len(comments), -1, dtype=np.int64)
    if len(known):
        slot = np.minimum(np.searchsorted(known, wanted), len(known) - 1)
        hit = (wanted >= 0) & (known[slot] == wanted)
        found[hit] = first[slot[hit]]
    blank = (parents.isna() | (parents == "")).to_numpy(dtype=bool)
    return np.where(blank, -1, found).astype(np.int64)


@dataclass
class _Links:
    """Participants as integer codes (in order of first appearance in the comments) and the
    replies that are edges, as arrays."""

    names: np.ndarray  # object: the name of each code
    author: np.ndarray  # code of each comment's author, -1 for nobody
    parent: np.ndarray  # code of each comment's parent's author, -1 for none or nobody
    edge: np.ndarray  # bool per comment: the reply is an edge
    inferred: np.ndarray  # bool per comment: its link was inferred
    confidence: np.ndarray  # reply_confidence per comment (1 where the source gives the link)


def _coded_links(comments: pd.DataFrame, include_inferred: bool,
                 context: pd.DataFrame | None) -> _Links:
    n = len(comments)
    own = participant_names(comments[Col.AUTHOR]).to_numpy(dtype=object) \
        if Col.AUTHOR in comments else np.full(n, None, dtype=object)
    if context is None or context is comments:
        context, around = comments, own
    else:
        around = participant_names(context[Col.AUTHOR]).to_numpy(dtype=object) \
            if Col.AUTHOR in context else np.full(len(context), None, dtype=object)
    codes, names = pd.factorize(np.concatenate([own, around]), use_na_sentinel=True)
    author, around_codes = codes[:n], codes[n:]
    position = _parent_positions(comments, context) if n else np.zeros(0, np.int64)
    parent = np.where(position >= 0, around_codes[np.maximum(position, 0)], -1) \
        if len(around_codes) else np.full(n, -1)
    inferred = _inferred(comments)
    edge = (author >= 0) & (parent >= 0) & (author != parent)
    if not include_inferred:
        edge &= ~inferred
    confidence = _column(comments, Col.REPLY_CONFIDENCE, 1.0)
    confidence = np.where(np.isnan(confidence) & ~inferred, 1.0, confidence)
    return _Links(np.asarray(names, dtype=object), author, parent, edge, inferred, confidence)


def parent_authors(comments: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.Series:
    """The participant name of each comment's parent (None for a top-level comment, a parent
    by nobody, or a parent not in ``context``). ``context`` is the table parents are looked up
    in (default: ``comments``), so a filtered view still knows whom its replies answer."""
    links = _coded_links(comments, True, context)
    names = np.append(links.names, None)  # code -1 reads the last entry: nobody
    return pd.Series(names[links.parent], index=comments.index, dtype=object)


def reply_links(comments: pd.DataFrame, include_inferred: bool = False,
                context: pd.DataFrame | None = None) -> pd.DataFrame:
    """The replies that are edges: one row per reply between two different participants, on a
    link the source gave (or any link with ``include_inferred``). Columns: from_author,
    to_author, sentiment, hostility_level, reply_confidence, reply_inferred; index: the
    reply's row label in ``comments``."""
    links = _coded_links(comments, include_inferred, context)
    edge = links.edge
    return pd.DataFrame({
        EdgeCol.FROM_AUTHOR: links.names[links.author[edge]],
        EdgeCol.TO_AUTHOR: links.names[links.parent[edge]],
        Col.SENTIMENT: _column(comments, Col.SENTIMENT, np.nan)[edge],
        Col.HOSTILITY_LEVEL: _levels(comments)[edge],
        Col.REPLY_CONFIDENCE: links.confidence[edge],
        Col.INFERRED: links.inferred[edge],
    }, index=comments.index[edge])


def _empty(columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in columns})


def _group_means(codes: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Mean of ``values`` per code (NaN values and codes without a value give NaN)."""
    known = ~np.isnan(values)
    total = np.bincount(codes[known], weights=values[known], minlength=size)
    count = np.bincount(codes[known], minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _distinct_per_code(codes: np.ndarray, other: np.ndarray, size: int) -> np.ndarray:
    """How many distinct ``other`` values each code has."""
    if not len(codes):
        return np.zeros(size, dtype=np.int64)
    pairs = np.unique(codes.astype(np.int64) * (int(other.max()) + 1) + other)
    return np.bincount(pairs // (int(other.max()) + 1), minlength=size)


def _interactions(comments: pd.DataFrame, links: _Links) -> tuple[pd.DataFrame, np.ndarray,
                                                                    np.ndarray]:
    """The interaction table, and its edges' from and to codes."""
    edge_rows = np.flatnonzero(links.edge)
    size = len(links.names)
    src, dst = links.author[edge_rows], links.parent[edge_rows]
    if not len(edge_rows):
        empty = _empty(EDGE_COLUMNS, {EdgeCol.REPLIES: "int64", EdgeCol.RECIPROCATED: "bool",
                                      EdgeCol.UNCIVIL_REPLIES: "int64",
                                      EdgeCol.HOSTILE_REPLIES: "int64",
                                      EdgeCol.INFERRED_REPLIES: "int64"})
        return empty, src, dst
    pair = src.astype(np.int64) * size + dst
    pairs, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
    uncivil, hostile = (flags[edge_rows] for flags in level_flags(comments))
    sentiment = _column(comments, Col.SENTIMENT, np.nan)[edge_rows]
    groups = len(pairs)
    replies = np.bincount(inverse, minlength=groups)

    def mean(values: np.ndarray) -> np.ndarray:
        return _group_means(inverse, values.astype(float), groups)

    def count(values: np.ndarray) -> np.ndarray:
        return np.bincount(inverse, weights=np.nan_to_num(values), minlength=groups) \
            .round().astype(np.int64)

    table = pd.DataFrame({
        EdgeCol.FROM_AUTHOR: links.names[pairs // size],
        EdgeCol.TO_AUTHOR: links.names[pairs % size],
        EdgeCol.REPLIES: replies.astype(np.int64),
        EdgeCol.MEAN_SENTIMENT: mean(sentiment),
        EdgeCol.UNCIVIL_SHARE: mean(uncivil),
        EdgeCol.HOSTILE_SHARE: mean(hostile),
        EdgeCol.UNCIVIL_REPLIES: count(uncivil),
        EdgeCol.HOSTILE_REPLIES: count(hostile),
        EdgeCol.RECIPROCATED: np.isin((pairs % size) * size + pairs // size, pairs),
        EdgeCol.LINK_CONFIDENCE: mean(links.confidence[edge_rows]),
        EdgeCol.INFERRED_REPLIES: count(links.inferred[edge_rows].astype(float)),
    })
    order = np.lexsort((first, -replies))  # most replies first, then by the first reply
    table = table.iloc[order].reset_index(drop=True)
    return table[EDGE_COLUMNS], (pairs // size)[order], (pairs % size)[order]


def _seen_positions(codes: np.ndarray, created_at: pd.Series | None, size: int
                    ) -> tuple[np.ndarray, np.ndarray]:
    """Row positions of each code's earliest and latest dated comment (-1 where none),
    ordered by the instant, not the text."""
    first = np.full(size, -1, dtype=np.int64)
    last = np.full(size, -1, dtype=np.int64)
    if created_at is None or not len(codes):
        return first, last
    keys = time_keys(created_at)
    rows = np.flatnonzero(~np.isnan(keys) & (codes >= 0))
    if not len(rows):
        return first, last
    order = rows[np.lexsort((keys[rows], codes[rows]))]  # by code, then time (stable)
    ordered = codes[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:] - 1, len(order) - 1]
    first[ordered[starts]] = order[starts]
    last[ordered[ends]] = order[ends]
    return first, last


def _participants(comments: pd.DataFrame, links: _Links, src: np.ndarray,
                  dst: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The participant table without graph measures, and its rows' codes; ``src`` and
    ``dst`` are the codes of the interaction table's pairs."""
    size = len(links.names)
    author = links.author
    named = author >= 0
    codes = author[named]
    rows = np.flatnonzero(named)
    written = np.bincount(codes, minlength=size)
    present = (written > 0) | (np.bincount(dst, minlength=size) > 0)
    articles = comments[Col.ARTICLE_ID].astype("string")
    thread_ids = comments[Col.THREAD_ID] if Col.THREAD_ID in comments \
        else comments[Col.COMMENT_ID]
    thread_codes = pd.factorize((articles + "\x1f" + thread_ids.astype("string"))
                                .to_numpy(dtype=object)[rows])[0]
    article_codes = pd.factorize(articles.to_numpy(dtype=object)[rows])[0]
    top = _blank(comments[Col.PARENT_ID])[rows] if Col.PARENT_ID in comments \
        else np.ones(len(rows), bool)
    uncivil, hostile = (flags[rows] for flags in level_flags(comments))
    pairs = np.unique(np.minimum(src, dst).astype(np.int64) * size + np.maximum(src, dst))
    partners = np.bincount(pairs // size, minlength=size) + np.bincount(pairs % size,
                                                                        minlength=size)
    first, last = _seen_positions(author, comments[Col.CREATED_AT]
                                  if Col.CREATED_AT in comments else None, size)
    times = np.append(np.asarray(_texts(comments[Col.CREATED_AT].astype("string").str.strip()),
                                 dtype=object), None) if Col.CREATED_AT in comments \
        else np.full(len(comments) + 1, None, dtype=object)
    table = pd.DataFrame({
        PeopleCol.AUTHOR: links.names,
        PeopleCol.COMMENTS: written.astype(np.int64),
        PeopleCol.ANSWERED_ONLY: written == 0,
        PeopleCol.THREADS: _distinct_per_code(codes, thread_codes, size),
        PeopleCol.ARTICLES: _distinct_per_code(codes, article_codes, size),
        PeopleCol.THREADS_STARTED: np.bincount(codes, weights=top, minlength=size)
        .astype(np.int64),
        PeopleCol.REPLIES_GIVEN: np.bincount(author[links.edge], minlength=size)
        .astype(np.int64),
        PeopleCol.REPLIES_RECEIVED: np.bincount(links.parent[links.edge], minlength=size)
        .astype(np.int64),
        PeopleCol.PARTNERS: partners.astype(np.int64),
        PeopleCol.MEAN_SENTIMENT: _group_means(
            codes, _column(comments, Col.SENTIMENT, np.nan)[rows], size),
        PeopleCol.UNCIVIL_SHARE: _group_means(codes, uncivil, size),
        PeopleCol.HOSTILE_SHARE: _group_means(codes, hostile, size),
        PeopleCol.FIRST_SEEN: pd.Series(times[first], dtype=object),
        PeopleCol.LAST_SEEN: pd.Series(times[last], dtype=object),
        PeopleCol.IN_DEGREE: 0, PeopleCol.OUT_DEGREE: 0,
        PeopleCol.COMMUNITY: -1, PeopleCol.PAGERANK: np.nan,
    })
    kept = np.flatnonzero(present)
    # Most comments first; among equals, first appearance (the codes' order).
    kept = kept[np.argsort(-written[kept], kind="stable")]
    return table.iloc[kept].reset_index(drop=True)[PEOPLE_COLUMNS], kept


def pagerank(size: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray,
             alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> np.ndarray:
    """PageRank of ``size`` nodes over weighted edges ``src -> dst``: networkx's own
    algorithm (``nx.pagerank``'s sparse power iteration: uniform teleport, dangling nodes
    spread uniformly, the same stopping rule), run on the edge arrays rather than a graph
    object, which costs several times the iteration to build at this scale."""
    if size == 0:
        return np.zeros(0)
    matrix = sparse.csr_array((weight.astype(float), (src, dst)), shape=(size, size))
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    scale = np.divide(1.0, out_weight, out=np.zeros(size), where=out_weight != 0)
    matrix = sparse.diags_array(scale) @ matrix
    uniform = np.full(size, 1.0 / size)
    dangling = out_weight == 0
    x = uniform.copy()
    for _ in range(max_iter):
        previous = x
        x = alpha * (x @ matrix + x[dangling].sum() * uniform) + (1 - alpha) * uniform
        if np.abs(x - previous).sum() < size * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def communities(size: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The community number of each of ``size`` nodes joined by edges ``src - dst``
    (directions and repeats ignored): networkx's fast label propagation with seed
    COMMUNITY_SEED, the same partition (:func:`_fast_label_propagation`); 0 is the largest
    community, equal sizes in order of their smallest node."""
    labels = _fast_label_propagation(size, src, dst, COMMUNITY_SEED)
    if not size:
        return labels
    found, first, members = np.unique(labels, return_index=True, return_counts=True)
    number = np.empty(len(found), dtype=np.int64)
    number[np.lexsort((first, -members))] = np.arange(len(found))
    return number[np.searchsorted(found, labels)]


def _neighbours(size: int, src: np.ndarray, dst: np.ndarray) -> list[list[int]]:
    """Each node's neighbours in the order ``nx.Graph.add_edges_from(zip(src, dst))`` keeps
    them: by the first edge that joins the two."""
    edge = np.arange(len(src))
    node = np.concatenate([src, dst]).astype(np.int64)
    other = np.concatenate([dst, src]).astype(np.int64)
    added = np.concatenate([edge, edge])
    pair = node * size + other
    by_pair = np.lexsort((added, pair))
    sorted_pairs = pair[by_pair]
    first = by_pair[np.r_[True, sorted_pairs[1:] != sorted_pairs[:-1]][:len(by_pair)]]
    listed = first[np.lexsort((added[first], node[first]))]
    ends = np.cumsum(np.bincount(node[listed], minlength=size)).tolist()
    others = other[listed].tolist()
    starts = [0, *ends][:-1]
    return [others[start:end] for start, end in zip(starts, ends, strict=True)]


def _fast_label_propagation(size: int, src: np.ndarray, dst: np.ndarray,
                            seed: int) -> np.ndarray:
    """Each node's label after networkx's ``fast_label_propagation_communities`` (unweighted,
    on the undirected graph of the edges, ``seed``): the same steps and the same random draws
    on plain lists, without building a graph object, which cost more than the propagation and
    loads the cycle collector. Every node starts with its own label; a queue, shuffled once,
    hands out nodes; a node with neighbours takes the label most of them carry (a random one
    among equals, drawn as networkx draws it), and when its label changes, its neighbours with
    another label join the queue. Equality with networkx is checked in the tests."""
    rng = random.Random(seed)
    neighbours = _neighbours(size, src, dst)
    order = list(range(size))
    rng.shuffle(order)  # as networkx shuffles its queue: the same draws
    queue = collections.deque(order)
    waiting = [True] * size
    labels = list(range(size))
    label_of = labels.__getitem__
    choice = rng.choice
    while queue:
        node = queue.popleft()
        waiting[node] = False
        around = neighbours[node]
        if not around:
            continue
        counts = collections.Counter(map(label_of, around))
        most = max(counts.values())
        label = choice([value for value, count in counts.items() if count == most])
        if labels[node] != label:
            labels[node] = label
            for other in around:
                if labels[other] != label and not waiting[other]:
                    queue.append(other)
                    waiting[other] = True
    return np.asarray(labels, dtype=np.int64)


def _measures(participants: pd.DataFrame, codes: np.ndarray, src: np.ndarray, dst: np.ndarray,
              replies: np.ndarray, size: int) -> pd.DataFrame:
    """In/out degree, community and PageRank of the participants (rows' codes ``codes``)."""
    if participants.empty:
        return participants
    position = np.full(size, -1, dtype=np.int64)
    position[codes] = np.arange(len(codes))
    a, b = position[src], position[dst]  # edges between table rows
    n = len(codes)
    return participants.assign(**{
        PeopleCol.IN_DEGREE: np.bincount(b, minlength=n).astype(np.int64),
        PeopleCol.OUT_DEGREE: np.bincount(a, minlength=n).astype(np.int64),
        PeopleCol.COMMUNITY: communities(n, a, b),
        PeopleCol.PAGERANK: pagerank(n, a, b, replies),
    })


def with_network_measures(participants: pd.DataFrame,
                          interactions: pd.DataFrame) -> pd.DataFrame:
    """``participants`` with in/out degree, community and PageRank of the reply network of
    ``interactions`` (see the module docstring). A new frame."""
    rank = pd.Series(np.arange(len(participants)),
                     index=participants[PeopleCol.AUTHOR].to_numpy(dtype=object))
    src = rank.reindex(interactions[EdgeCol.FROM_AUTHOR].to_numpy(dtype=object)).to_numpy()
    dst = rank.reindex(interactions[EdgeCol.TO_AUTHOR].to_numpy(dtype=object)).to_numpy()
    return _measures(participants, np.arange(len(participants)), src.astype(np.int64),
                     dst.astype(np.int64), interactions[EdgeCol.REPLIES].to_numpy(),
                     len(participants))


def people_tables(comments: pd.DataFrame, include_inferred: bool = False,
                  context: pd.DataFrame | None = None, measures: bool = True) -> People:
    """The participant and interaction tables of ``comments`` (a per-comment table, possibly
    filtered). Reads Col.AUTHOR, ARTICLE_ID, COMMENT_ID, PARENT_ID, THREAD_ID, CREATED_AT,
    SENTIMENT (compound in [-1, 1]), HOSTILITY_LEVEL (0-2), REPLY_CONFIDENCE and
    REPLY_INFERRED where present. ``context`` is the table parents are looked up in (the
    unfiltered table, so that a reply in a filtered view still names whom it answers);
    ``measures`` adds the graph measures."""
    links = _coded_links(comments, include_inferred, context)
    interactions, src, dst = _interactions(comments, links)
    participants, codes = _participants(comments, links, src, dst)
    if measures:
        participants = _measures(participants, codes, src, dst,
                                 interactions[EdgeCol.REPLIES].to_numpy(), len(links.names))
    left_out = 0
    if not include_inferred and links.inferred.any():
        every = (links.author >= 0) & (links.parent >= 0) & (links.author != links.parent)
        left_out = int(every.sum() - links.edge.sum())
    return People(participants, interactions, int((links.author >= 0).sum()), len(comments),
                  left_out)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: object) -> object:
    return _XML_INVALID.sub("\ufffd", value) if isinstance(value, str) else value


def network_bytes(people: People, fmt: str) -> bytes:
    """The reply network as a GraphML or GEXF file (``fmt``: "graphml" or "gexf"), UTF-8:
    a directed graph whose node ids are the participants' names, every participant a node
    (isolated ones too), one edge per ordered pair with its interaction columns."""
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"network format must be one of {', '.join(NETWORK_FORMATS)}: {fmt!r}")
    graph = reply_network(people.participants, people.interactions)
    # XML 1.0 cannot hold control characters, which a name may carry: shown as U+FFFD.
    if any(_XML_INVALID.search(str(name)) for name in graph.nodes):
        graph = nx.relabel_nodes(graph, {name: _xml_safe(name) for name in graph.nodes})
    for _, attributes in graph.nodes(data=True):
        attributes.update({k: _xml_safe(v) for k, v in attributes.items()})
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def network_format(path: str) -> str:
    """The network format a file name asks for by its extension (.graphml or .gexf)."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if suffix not in NETWORK_FORMATS:
        raise ValueError(f"{path}: the network file must end in .graphml or .gexf")
    return suffix


# ---------------------------------------------------------------------------- views

NETWORK_MAX_NODES = 150
"""Participants drawn at most in the network chart: the most active ones."""
EDGE_LEVELS = ("civil", "uncivil", "hostile")


def activity_order(participants: pd.DataFrame) -> pd.DataFrame:
    """Participants most active first: comments plus the replies they received."""
    activity = participants[PeopleCol.COMMENTS] + participants[PeopleCol.REPLIES_RECEIVED]
    return participants.assign(_activity=activity).sort_values(
        "_activity", ascending=False, kind="stable").drop(columns="_activity")


def edge_level(interactions: pd.DataFrame) -> pd.Series:
    """Each edge's hostility in words: "hostile" when some reply along it is at level 2,
    "uncivil" when some is at level >= 1, else "civil"."""
    return pd.Series(np.select(
        [interactions[EdgeCol.HOSTILE_REPLIES] > 0, interactions[EdgeCol.UNCIVIL_REPLIES] > 0],
        ["hostile", "uncivil"], "civil"), index=interactions.index, dtype=object)


@dataclass(frozen=True)
class NetworkLayout:
    """Positions of the most active participants and the edges among them, for a drawing."""

    nodes: pd.DataFrame  # participant columns + "x", "y"
    edges: pd.DataFrame  # interaction columns + "level", "x0", "y0", "x1", "y1"
    participants: int  # participants in all
    interactions: int  # edges in all


# networkx spaces a spring layout by 1 / sqrt(nodes) (0.08 of the [-1, 1] frame for 150 nodes):
# on a sparse network of many small conversations, partners then land under each other's
# markers and their edge cannot be seen (90% of the drawn edges on the eight Reddit threads
# of the evaluation data, 3% with this floor; generated forums of 60 and 400 participants
# about 2% either way).
SPRING_MIN_SPACING = 0.3


def network_layout(people: People, limit: int = NETWORK_MAX_NODES,
                   seed: int = 0) -> NetworkLayout:
    """A spring layout (networkx, fixed seed) of the ``limit`` most active participants
    (:func:`activity_order`) and the edges among them."""
    shown = activity_order(people.participants).head(limit).reset_index(drop=True)
    names = set(shown[PeopleCol.AUTHOR].tolist())
    interactions = people.interactions
    inside = interactions[interactions[EdgeCol.FROM_AUTHOR].isin(names)
                          & interactions[EdgeCol.TO_AUTHOR].isin(names)]
    graph = nx.Graph()
    graph.add_nodes_from(shown[PeopleCol.AUTHOR].tolist())
    for a, b, n in inside[[EdgeCol.FROM_AUTHOR, EdgeCol.TO_AUTHOR, EdgeCol.REPLIES]] \
            .itertuples(index=False):
        weight = graph.edges[a, b]["weight"] + n if graph.has_edge(a, b) else n
        graph.add_edge(a, b, weight=weight)
    spacing = max(SPRING_MIN_SPACING, 1 / math.sqrt(max(len(graph), 1)))
    position = nx.spring_layout(graph, weight="weight", seed=seed, k=spacing) \
        if len(graph) else {}
    nodes = shown.assign(x=[float(position[n][0]) for n in shown[PeopleCol.AUTHOR]],
                         y=[float(position[n][1]) for n in shown[PeopleCol.AUTHOR]])
    ends = {name: position[name] for name in names}
    edges = inside.assign(
        level=edge_level(inside),
        x0=[float(ends[a][0]) for a in inside[EdgeCol.FROM_AUTHOR]],
        y0=[float(ends[a][1]) for a in inside[EdgeCol.FROM_AUTHOR]],
        x1=[float(ends[b][0]) for b in inside[EdgeCol.TO_AUTHOR]],
        y1=[float(ends[b][1]) for b in inside[EdgeCol.TO_AUTHOR]],
    ).reset_index(drop=True)
    return NetworkLayout(nodes, edges, len(people.participants), len(interactions))


def hostile_pairs(people: People, limit: int = 20) -> pd.DataFrame:
    """The edges with uncivil replies, most hostile replies first, then most uncivil ones."""
    edges = people.interactions
    found = edges[edges[EdgeCol.UNCIVIL_REPLIES] > 0]
    return found.sort_values([EdgeCol.HOSTILE_REPLIES, EdgeCol.UNCIVIL_REPLIES,
                              EdgeCol.UNCIVIL_SHARE], ascending=False, kind="stable") \
        .head(limit).reset_index(drop=True)


def back_and_forth(people: People) -> pd.DataFrame:
    """Pairs who replied to each other (schema.EXCHANGE_COLUMNS), most replies first;
    ``author_a`` wrote more of them (the first of the interaction table on a tie)."""
    edges = people.interactions[people.interactions[EdgeCol.RECIPROCATED].astype(bool)]
    if edges.empty:
        return _empty(EXCHANGE_COLUMNS, {})
    by_pair = edges.set_index([EdgeCol.FROM_AUTHOR, EdgeCol.TO_AUTHOR])
    rows, seen = [], set()
    for a, b in by_pair.index.tolist():
        if (b, a) in seen:
            continue
        seen.add((a, b))
        there, back = by_pair.loc[(a, b)], by_pair.loc[(b, a)]
        replies = int(there[EdgeCol.REPLIES] + back[EdgeCol.REPLIES])
        rows.append({
            ExchangeCol.AUTHOR_A: a, ExchangeCol.AUTHOR_B: b,
            ExchangeCol.A_TO_B: int(there[EdgeCol.REPLIES]),
            ExchangeCol.B_TO_A: int(back[EdgeCol.REPLIES]),
            ExchangeCol.REPLIES: replies,
            ExchangeCol.UNCIVIL_SHARE: (there[EdgeCol.UNCIVIL_SHARE] * there[EdgeCol.REPLIES]
                                        + back[EdgeCol.UNCIVIL_SHARE] * back[EdgeCol.REPLIES])
            / replies,
            ExchangeCol.HOSTILE_SHARE: (there[EdgeCol.HOSTILE_SHARE] * there[EdgeCol.REPLIES]
                                        + back[EdgeCol.HOSTILE_SHARE] * back[EdgeCol.REPLIES])
            / replies,
        })
    return pd.DataFrame(rows, columns=EXCHANGE_COLUMNS).sort_values(
        ExchangeCol.REPLIES, ascending=False, kind="stable").reset_index(drop=True)


def reply_network_layout(comments: pd.DataFrame, include_inferred: bool = False,
                         context: pd.DataFrame | None = None,
                         limit: int = NETWORK_MAX_NODES) -> NetworkLayout:
    """:func:`network_layout` of the comments' people tables (without graph measures)."""
    people = people_tables(comments, include_inferred=include_inferred, context=context,
                           measures=False)
    return network_layout(people, limit)
