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

Graph measures come from networkx on the directed graph of the interaction table (one edge per
ordered pair, weighted by its replies): in- and out-degree, a community partition (fast label
propagation, Traag & Šubelj 2023: near-linear, edge directions ignored, weighted by replies,
seed 0) and PageRank over reply counts (sparse power iteration: linear in the edges per
iteration, so it stays fast on large graphs). Weighted in- and out-degree are
``replies_received`` and ``replies_given``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

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


def _keys(comments: pd.DataFrame, id_column: str) -> pd.Series:
    """(article, comment) keys as one string: a link is to a comment under the same article."""
    return comments[Col.ARTICLE_ID].astype(str) + "\x1f" + comments[id_column].astype(str)


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


def parent_authors(comments: pd.DataFrame, context: pd.DataFrame | None = None) -> pd.Series:
    """The participant name of each comment's parent (None for a top-level comment, a parent
    by nobody, or a parent not in ``context``). ``context`` is the table parents are looked up
    in (default: ``comments``), so a filtered view still knows whom its replies answer."""
    context = comments if context is None else context
    if comments.empty:
        return pd.Series([], index=comments.index, dtype=object)
    names = participant_names(context[Col.AUTHOR]) if Col.AUTHOR in context else \
        pd.Series([None] * len(context), index=context.index, dtype=object)
    lookup = pd.Series(names.to_numpy(dtype=object), index=_keys(context, Col.COMMENT_ID))
    lookup = lookup[~lookup.index.duplicated(keep="first")]
    has_parent = ~_blank(comments[Col.PARENT_ID])
    parent_keys = _keys(comments, Col.PARENT_ID)
    found = lookup.reindex(parent_keys.to_numpy()).to_numpy(dtype=object, copy=True)
    found[~has_parent] = None
    found = np.where(pd.isna(found), None, found)
    return pd.Series(found, index=comments.index, dtype=object)


def reply_links(comments: pd.DataFrame, include_inferred: bool = False,
                context: pd.DataFrame | None = None) -> pd.DataFrame:
    """The replies that are edges: one row per reply between two different participants, on a
    link the source gave (or any link with ``include_inferred``). Columns: from_author,
    to_author, sentiment, hostility_level, reply_confidence, reply_inferred; index: the
    reply's row label in ``comments``."""
    authors = participant_names(comments[Col.AUTHOR]) if Col.AUTHOR in comments else \
        pd.Series([None] * len(comments), index=comments.index, dtype=object)
    parents = parent_authors(comments, context)
    inferred = _inferred(comments)
    both = authors.notna().to_numpy() & parents.notna().to_numpy()
    edge = both & (authors.to_numpy(dtype=object) != parents.to_numpy(dtype=object))
    if not include_inferred:
        edge &= ~inferred
    confidence = _column(comments, Col.REPLY_CONFIDENCE, 1.0)
    confidence = np.where(np.isnan(confidence) & ~inferred, 1.0, confidence)
    return pd.DataFrame({
        EdgeCol.FROM_AUTHOR: authors.to_numpy(dtype=object)[edge],
        EdgeCol.TO_AUTHOR: parents.to_numpy(dtype=object)[edge],
        Col.SENTIMENT: _column(comments, Col.SENTIMENT, np.nan)[edge],
        Col.HOSTILITY_LEVEL: _levels(comments)[edge],
        Col.REPLY_CONFIDENCE: confidence[edge],
        Col.INFERRED: inferred[edge],
    }, index=comments.index[edge])


def interaction_table(links: pd.DataFrame) -> pd.DataFrame:
    """One row per ordered pair of :func:`reply_links`, columns schema.EDGE_COLUMNS, most
    replies first (then by the pair's first reply)."""
    if links.empty:
        return _empty(EDGE_COLUMNS, {EdgeCol.REPLIES: "int64", EdgeCol.RECIPROCATED: "bool",
                                     EdgeCol.UNCIVIL_REPLIES: "int64",
                                     EdgeCol.HOSTILE_REPLIES: "int64",
                                     EdgeCol.INFERRED_REPLIES: "int64"})
    uncivil, hostile = level_flags(links)
    work = pd.DataFrame({
        "from": links[EdgeCol.FROM_AUTHOR].to_numpy(dtype=object),
        "to": links[EdgeCol.TO_AUTHOR].to_numpy(dtype=object),
        "sentiment": links[Col.SENTIMENT].to_numpy(dtype=float),
        "uncivil": uncivil, "hostile": hostile,
        "confidence": links[Col.REPLY_CONFIDENCE].to_numpy(dtype=float),
        "inferred": links[Col.INFERRED].to_numpy(dtype=bool).astype(int),
        "order": np.arange(len(links)),
    })
    grouped = work.groupby(["from", "to"], sort=False)
    table = pd.DataFrame({
        EdgeCol.REPLIES: grouped.size(),
        EdgeCol.MEAN_SENTIMENT: grouped["sentiment"].mean(),
        EdgeCol.UNCIVIL_SHARE: grouped["uncivil"].mean(),
        EdgeCol.HOSTILE_SHARE: grouped["hostile"].mean(),
        EdgeCol.UNCIVIL_REPLIES: grouped["uncivil"].sum().astype("int64"),
        EdgeCol.HOSTILE_REPLIES: grouped["hostile"].sum().astype("int64"),
        EdgeCol.LINK_CONFIDENCE: grouped["confidence"].mean(),
        EdgeCol.INFERRED_REPLIES: grouped["inferred"].sum().astype("int64"),
        "order": grouped["order"].min(),
    })
    table.index = table.index.set_names([EdgeCol.FROM_AUTHOR, EdgeCol.TO_AUTHOR])
    table = table.reset_index()
    pairs = set(zip(table[EdgeCol.FROM_AUTHOR].tolist(), table[EdgeCol.TO_AUTHOR].tolist(),
                    strict=True))
    table[EdgeCol.RECIPROCATED] = [(b, a) in pairs for a, b in
                                   zip(table[EdgeCol.FROM_AUTHOR].tolist(),
                                       table[EdgeCol.TO_AUTHOR].tolist(), strict=True)]
    table = table.sort_values([EdgeCol.REPLIES, "order"], ascending=[False, True],
                              kind="stable")
    return table[EDGE_COLUMNS].reset_index(drop=True)


def _empty(columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "object")) for c in columns})


def _seen(names: pd.Series, created_at: pd.Series | None) -> tuple[pd.Series, pd.Series]:
    """Each participant's earliest and latest created_at, as the table has it (ISO 8601 UTC
    where the source's zone is known). Ordered by the instant, not the text."""
    if created_at is None:
        return pd.Series(dtype=object), pd.Series(dtype=object)
    keys = time_keys(created_at)
    dated = ~np.isnan(keys)
    work = pd.DataFrame({"name": names.to_numpy(dtype=object)[dated],
                         "key": keys[dated],
                         "text": created_at.astype("string").str.strip().to_numpy(
                             dtype=object)[dated]})
    work = work.sort_values(["name", "key"], kind="stable")
    grouped = work.groupby("name", sort=False)["text"]
    return grouped.first(), grouped.last()


def participant_table(comments: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """One row per participant of ``comments`` (and per participant replied to in ``links``
    without a comment here), columns schema.PEOPLE_COLUMNS without the graph measures (those
    are 0 / NaN until :func:`with_network_measures`). Most comments first, then by first
    appearance in ``comments``."""
    names = participant_names(comments[Col.AUTHOR]) if Col.AUTHOR in comments else \
        pd.Series([None] * len(comments), index=comments.index, dtype=object)
    named = names.notna().to_numpy()
    rows = comments[named]
    names = names[named]
    uncivil, hostile = level_flags(rows)
    top_level = _blank(rows[Col.PARENT_ID]) if Col.PARENT_ID in rows else np.ones(len(rows), bool)
    work = pd.DataFrame({
        "name": names.to_numpy(dtype=object),
        "thread": (rows[Col.ARTICLE_ID].astype(str) + "\x1f"
                   + rows[Col.THREAD_ID].astype(str)).to_numpy(dtype=object)
        if Col.THREAD_ID in rows else rows[Col.COMMENT_ID].astype(str).to_numpy(dtype=object),
        "article": rows[Col.ARTICLE_ID].astype(str).to_numpy(dtype=object),
        "top": top_level.astype(int),
        "sentiment": _column(rows, Col.SENTIMENT, np.nan),
        "uncivil": uncivil, "hostile": hostile,
    })
    grouped = work.groupby("name", sort=False)
    table = pd.DataFrame({
        PeopleCol.COMMENTS: grouped.size(),
        PeopleCol.THREADS: grouped["thread"].nunique(),
        PeopleCol.ARTICLES: grouped["article"].nunique(),
        PeopleCol.THREADS_STARTED: grouped["top"].sum(),
        PeopleCol.MEAN_SENTIMENT: grouped["sentiment"].mean(),
        PeopleCol.UNCIVIL_SHARE: grouped["uncivil"].mean(),
        PeopleCol.HOSTILE_SHARE: grouped["hostile"].mean(),
    })
    # Participants replied to whose comments are not among these (a filtered view).
    others = pd.unique(links[EdgeCol.TO_AUTHOR].to_numpy(dtype=object)) if len(links) else []
    missing = [name for name in others if name not in table.index]
    if missing:
        table = pd.concat([table, pd.DataFrame(index=pd.Index(missing, dtype=object))])
    table.index.name = PeopleCol.AUTHOR
    given = links.groupby(EdgeCol.FROM_AUTHOR, sort=False).size()
    received = links.groupby(EdgeCol.TO_AUTHOR, sort=False).size()
    pairs = pd.DataFrame({
        "a": np.concatenate([links[EdgeCol.FROM_AUTHOR].to_numpy(dtype=object),
                             links[EdgeCol.TO_AUTHOR].to_numpy(dtype=object)]),
        "b": np.concatenate([links[EdgeCol.TO_AUTHOR].to_numpy(dtype=object),
                             links[EdgeCol.FROM_AUTHOR].to_numpy(dtype=object)]),
    }).drop_duplicates()
    partners = pairs.groupby("a", sort=False).size()
    first, last = _seen(names, rows[Col.CREATED_AT] if Col.CREATED_AT in rows else None)
    table = table.assign(**{
        PeopleCol.REPLIES_GIVEN: given.reindex(table.index).fillna(0),
        PeopleCol.REPLIES_RECEIVED: received.reindex(table.index).fillna(0),
        PeopleCol.PARTNERS: partners.reindex(table.index).fillna(0),
        PeopleCol.FIRST_SEEN: first.reindex(table.index).astype(object),
        PeopleCol.LAST_SEEN: last.reindex(table.index).astype(object),
        PeopleCol.IN_DEGREE: 0, PeopleCol.OUT_DEGREE: 0,
        PeopleCol.COMMUNITY: -1, PeopleCol.PAGERANK: np.nan,
    })
    for column in (PeopleCol.COMMENTS, PeopleCol.THREADS, PeopleCol.ARTICLES,
                   PeopleCol.THREADS_STARTED, PeopleCol.REPLIES_GIVEN,
                   PeopleCol.REPLIES_RECEIVED, PeopleCol.PARTNERS):
        table[column] = table[column].fillna(0).astype("int64")
    for column in (PeopleCol.FIRST_SEEN, PeopleCol.LAST_SEEN):
        table[column] = table[column].where(table[column].notna(), None)
    table = table.reset_index()
    table["_order"] = np.arange(len(table))
    table = table.sort_values([PeopleCol.COMMENTS, "_order"], ascending=[False, True],
                              kind="stable")
    return table[PEOPLE_COLUMNS].reset_index(drop=True)


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


def with_network_measures(participants: pd.DataFrame,
                          interactions: pd.DataFrame) -> pd.DataFrame:
    """``participants`` with in/out degree, community and PageRank computed by networkx on the
    reply network (see the module docstring). A new frame."""
    if participants.empty:
        return participants
    graph = nx.DiGraph()
    names = participants[PeopleCol.AUTHOR].tolist()
    graph.add_nodes_from(names)
    ordered = _in_node_order(interactions, participants)
    graph.add_weighted_edges_from(
        zip(ordered[EdgeCol.FROM_AUTHOR].tolist(), ordered[EdgeCol.TO_AUTHOR].tolist(),
            ordered[EdgeCol.REPLIES].tolist(), strict=True), weight=EdgeCol.REPLIES)
    in_degree, out_degree = dict(graph.in_degree()), dict(graph.out_degree())
    community = _communities(graph, names)
    if graph.number_of_edges():
        rank = nx.pagerank(graph, weight=EdgeCol.REPLIES)
    else:
        rank = dict.fromkeys(names, 1.0 / len(names))
    return participants.assign(**{
        PeopleCol.IN_DEGREE: [in_degree[n] for n in names],
        PeopleCol.OUT_DEGREE: [out_degree[n] for n in names],
        PeopleCol.COMMUNITY: [community[n] for n in names],
        PeopleCol.PAGERANK: [rank[n] for n in names],
    })


def _communities(graph: nx.DiGraph, names: list[str]) -> dict[str, int]:
    """Community number of each node: 0 for the largest community, then by size, ties by the
    first member in ``names`` order; an isolated participant is a community of its own."""
    found = nx.community.fast_label_propagation_communities(
        graph, weight=EdgeCol.REPLIES, seed=COMMUNITY_SEED)
    position = {name: i for i, name in enumerate(names)}
    groups = sorted((sorted(group, key=position.__getitem__) for group in found),
                    key=lambda group: (-len(group), position[group[0]]))
    return {name: number for number, group in enumerate(groups) for name in group}


def people_tables(comments: pd.DataFrame, include_inferred: bool = False,
                  context: pd.DataFrame | None = None, measures: bool = True) -> People:
    """The participant and interaction tables of ``comments`` (a per-comment table, possibly
    filtered). Reads Col.AUTHOR, ARTICLE_ID, COMMENT_ID, PARENT_ID, THREAD_ID, CREATED_AT,
    SENTIMENT (compound in [-1, 1]), HOSTILITY_LEVEL (0-2), REPLY_CONFIDENCE and
    REPLY_INFERRED where present. ``context`` is the table parents are looked up in (the
    unfiltered table, so that a reply in a filtered view still names whom it answers);
    ``measures`` adds the graph measures (networkx)."""
    links = reply_links(comments, include_inferred=include_inferred, context=context)
    participants = participant_table(comments, links)
    interactions = interaction_table(links)
    if measures:
        participants = with_network_measures(participants, interactions)
    left_out = 0
    if not include_inferred:
        left_out = len(reply_links(comments, include_inferred=True, context=context)) \
            - len(links) if _inferred(comments).any() else 0
    named = int(participant_names(comments[Col.AUTHOR]).notna().sum()) \
        if Col.AUTHOR in comments else 0
    return People(participants, interactions, named, len(comments), left_out)


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
    position = nx.spring_layout(graph, weight="weight", seed=seed) if len(graph) else {}
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
