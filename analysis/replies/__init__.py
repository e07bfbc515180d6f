"""Infer who answers whom on flat comment pages.

A scraped page lists comments depth-first (a reply sits under its parent) but shows neither
authors, times nor reply links: only the order of the comments and their words. For each comment
of such a page :func:`infer_parents` picks a parent among the earlier comments of its article, or
none (a new top-level comment), and says why.

The default reading is nested page order: each comment answers the previous one, the first
comment of an article opens the first thread. A clue departs from it only where it was measured
to beat it out of sample (``benchmarks/clue_table.py``, leaving one Reddit thread out; the
table is in the README). In this order:

1. ``quote``: the comment quotes an earlier comment, in « », “ ” or "" (three words or more) or
   as an unmarked run of about five words that comment used first (when the comment adds words
   of its own): it answers that comment.
2. ``new_thread``: the comment takes up its article's words (headline and body) well above
   its page's usual closeness to the article, shares no word with the comment above and
   carries no reply cue (opener, "you", a name, a quote): it opens a new thread. The page's
   own mean closeness to its article is its prior: on a page whose comments all discuss the
   article, taking up its words says little.

Measured and not shipped, because they lost to the previous comment on threads they were not
tuned on: ``name`` (a vocative or @name matched to an earlier author, signature or words)
and, where authors are known, ``same_author`` (a comment right under its own author's). They
stay in :mod:`.clues` so the benchmark can measure them again.

Other clues (a quote of the comment above, an answer after its question, closeness, second
person, a reply opener, a long comment sharing no word with it) support the default link and set
its confidence. ``reply_confidence`` is the out-of-sample probability that a link of that kind
is right (``analysis/calibration.py``); ``reply_evidence`` names the clues and their words.
Where comments show when they were posted, a parent posted after the comment is ruled out
(:func:`.decode.posted_before`), and in an article listed by time (oldest or newest first,
:func:`.decode.listed_by_time`), where the order says little about who answers whom, every
decision takes the rate measured on such lists.

Layout: :mod:`.features` reads the words, :mod:`.clues` turns them into proposals,
:func:`.decode.decode` chooses (a pure function on arrays), :mod:`.evidence` keeps the reasons as
data and renders them to text only when the table is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.calibration import probability
from analysis.replies import clues
from analysis.replies import evidence as ev
from analysis.replies.decode import (
    DEFAULT,
    GIVEN,
    INFER,
    LATER,
    decode,
    listed_by_time,
    posted_before,
)
from analysis.replies.features import PageFeatures
from analysis.schema import ArticleCol, Col
from analysis.timeline import posting_order

__all__ = ["Links", "article_documents", "infer_parents", "link_pages"]

SOURCE_LINK = "source link"

TIMED = "reply_timed"
"""The calibration kind of links to the comment above on pages with times (``Links.timed``)."""

LISTED = "reply_listed"
"""The calibration kind of every inferred link in an article whose comments are listed by
time (``Links.listed``): there the order says little about who answers whom."""

SHIPPED = (ev.QUOTE, ev.NEW_THREAD)
"""The deciding clues in use, in priority order: those that beat the previous comment out of
sample (README, "How well it works")."""


def article_documents(articles: pd.DataFrame | None) -> dict[str, str]:
    """Each article's own text for reply inference: headline and body, by article id."""
    if articles is None or articles.empty:
        return {}
    n = len(articles)
    titles = (articles[ArticleCol.TITLE].fillna("").astype(str).tolist()
              if ArticleCol.TITLE in articles else [""] * n)
    bodies = (articles[ArticleCol.TEXT].fillna("").astype(str).tolist()
              if ArticleCol.TEXT in articles else [""] * n)
    out = {}
    for key, title, body in zip(articles[ArticleCol.ARTICLE_ID].astype(str).tolist(), titles,
                                bodies, strict=True):
        # A page's body starts with its headline (the title may be it, shortened with "…").
        head = "" if body.startswith(title.rstrip("…")) else title
        out[key] = f"{head}\n{body}".strip()
    return out


def proposals_of(features: PageFeatures, previous: np.ndarray,
                 in_use: tuple[str, ...] = SHIPPED) -> list[clues.Proposal]:
    """The proposals of the deciding clues named in ``in_use``, in that order."""
    def quotes() -> list[clues.Proposal]:
        return [clues.marked_quotes(features), clues.unmarked_quotes(features)]

    def cues() -> np.ndarray:
        quoted = np.zeros(features.m, bool)
        for p in quotes():
            quoted[p.rows] = True
        return clues.reply_cues(features, quoted)

    made = {
        ev.QUOTE: lambda: clues.merged(ev.QUOTE, quotes()),
        ev.NAME: lambda: clues.names(features),
        ev.NEW_THREAD: lambda: clues.new_threads(features, previous, cues()),
        ev.SELF_REPLY: lambda: clues.same_author(features, previous),
    }
    return [made[name]() for name in in_use]


@dataclass(frozen=True)
class Links:
    """Reply inference over the rows of some flat articles, as plain data (rows in page order,
    article after article). ``parent``: a row, or -1 for a top-level comment. ``context``: the
    kind of decision (the deciding clue, or "previous_comment+<supporting clue>"), which sets
    ``confidence``. ``evidence``: the clues behind each link. ``addresses``: the comment speaks
    to its parent's author (a quote of it, a name, "you", an answer). ``timed``: the link is to
    the comment above, whose time the page shows no later than the comment's (its confidence
    is calibrated on pages with times). ``listed``: the comment's article lists its comments
    by time, oldest or newest first (every decision there is calibrated apart)."""

    parent: np.ndarray
    confidence: np.ndarray
    context: list[str]
    evidence: list[list[ev.Evidence]]
    addresses: np.ndarray
    timed: np.ndarray | None = None
    listed: np.ndarray | None = None


def link_pages(features: PageFeatures, given: np.ndarray | None = None,
               proposals: list[clues.Proposal] | None = None,
               calibration: Callable[[str, str], float] = probability,
               times: np.ndarray | None = None) -> Links:
    """Choose every comment's parent in ``features``. ``given`` as in
    :func:`analysis.replies.decode.decode` (links kept as they are); ``proposals``: the deciding
    clues' proposals in priority order (those of SHIPPED by default; the benchmarks try
    others); ``calibration``: the probability that a decision of a kind is right
    (``analysis.calibration.probability``; the benchmarks pass their own); ``times``: when
    each comment was posted (seconds, NaN where unknown), which rules out parents posted
    after it (:func:`analysis.replies.decode.posted_before`)."""
    m = features.m
    previous = clues.previous_comments(features)
    if proposals is None:
        proposals = proposals_of(features, previous)
    parent, decided_by = decode(previous, proposals, given)
    timed = np.zeros(m, bool)
    listed = np.zeros(m, bool)
    if times is not None:
        parent, decided_by = posted_before(parent, decided_by, times)
        t = np.asarray(times, dtype=float)
        above = np.maximum(previous, 0)
        # A link to the comment above that the times could have ruled out and did not: such
        # links are right more often than on pages without times (calibrated apart).
        timed = ((decided_by == DEFAULT) & (previous >= 0) & ~np.isnan(t)
                 & ~np.isnan(t[above]) & (t[above] <= t))
        listed = listed_by_time(previous, t)
        # The first of an oldest-first list is the earliest comment: it answers no one for
        # certain. The first of a newest-first list is the newest, and that is a guess.
        below = np.append(previous[1:] == np.arange(m - 1), False)
        earliest = (previous < 0) & below & (t <= np.append(t[1:], np.inf))
        listed &= ~earliest
    quoted_previous = np.zeros(m, bool)
    quote_words: dict[int, str] = {}
    for p in (clues.unmarked_quotes(features), clues.marked_quotes(features)):
        hit = p.targets == previous[p.rows]
        quoted_previous[p.rows[hit]] = True
        quote_words.update((int(r), w) for r, w in
                           zip(p.rows[hit].tolist(), np.array(p.words, dtype=object)[hit],
                               strict=True))
    support = clues.supports(features, previous, quoted_previous)
    words_of = {(p.clue, int(r)): w for p in proposals for r, w in
                zip(p.rows.tolist(), p.words, strict=True) if w}
    to_parent = features.sims(np.arange(m), parent)
    names = [p.clue for p in proposals]
    fired = {name: flags.tolist() for name, flags in support.items()}
    context: list[str] = []
    evidence: list[list[ev.Evidence]] = []
    addresses = np.zeros(m, bool)
    p_of: dict[tuple[str, str], float] = {}
    kinds = np.where(listed, LISTED, np.where(timed, TIMED, "reply"))
    for i in range(m):
        k = int(decided_by[i])
        if k == GIVEN:
            context.append("")
            evidence.append([])
            continue
        if k == LATER:
            kind = ev.LATER if parent[i] >= 0 else ev.LATER_THREAD
        elif previous[i] < 0 and k == DEFAULT:
            kind = ev.FIRST_COMMENT
        elif k == DEFAULT:
            first = next((s for s in clues.SUPPORT_ORDER if fired[s][i]), "")
            kind = f"{ev.PREVIOUS}+{first}" if first else ev.PREVIOUS
        else:
            kind = names[k]
        key = (str(kinds[i]), kind)
        if key not in p_of:
            p_of[key] = calibration(*key)
        context.append(kind)
        decider = names[k] if k >= 0 else kind.split("+")[0]
        items = [ev.Evidence(decider, p_of[key], words_of.get((decider, i), ""))]
        if parent[i] >= 0:
            for s in clues.SUPPORT_ORDER:
                if s == ev.LEXICAL or not fired[s][i]:
                    continue
                if s in (ev.QUOTES_PREVIOUS, ev.ANSWER, ev.SHARES_NOTHING) and k != DEFAULT:
                    continue  # they are about the comment above, which is not the parent
                words = {ev.ANSWER: features.answers[i], ev.OPENER: features.openers[i],
                         ev.QUOTES_PREVIOUS: quote_words.get(i, "")}
                items.append(ev.Evidence(s, 1.0, str(words.get(s, ""))))
            if to_parent[i] >= 0.05:
                items.append(ev.Evidence(ev.LEXICAL, float(to_parent[i])))
        if listed[i]:
            items.append(ev.Evidence(ev.LISTED))
        addresses[i] = parent[i] >= 0 and not ev.ADDRESSING.isdisjoint([e.clue for e in items])
        evidence.append(items)
    confidence = np.array([p_of.get((str(k), c), np.nan)
                           for c, k in zip(context, kinds, strict=True)], dtype=float)
    return Links(parent, confidence, context, evidence, addresses, timed, listed)


def infer_parents(comments: pd.DataFrame,
                  article_texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Choose a parent for each comment whose link is not known.

    Reads Col.ARTICLE_ID, Col.COMMENT_ID, Col.POSITION (0-based page order in the article),
    Col.TEXT, Col.PARENT_ID, Col.REPLY_CONFIDENCE, Col.INFERRED and Col.AUTHOR if present;
    ``article_texts`` maps an article id to its own text (headline and body, see
    :func:`article_documents`), which new-thread detection compares comments with.

    A row whose Col.INFERRED is False and whose Col.REPLY_CONFIDENCE is set has a known link (a
    source link, a page marker, a hand correction): it keeps its parent and confidence (evidence
    "source link" where it had none). So does a row whose Col.REPLY_STATED is True and whose
    Col.REPLY_CONFIDENCE is set: a link its source states though it was a guess (a commentscope
    export's inferred link, read back), which also keeps its Col.REPLY_EVIDENCE,
    Col.REPLY_ADDRESSES and Col.INFERRED True. Every other row gets Col.PARENT_ID (an earlier
    comment_id of its article, or NA for a top-level comment), Col.REPLY_CONFIDENCE (the
    out-of-sample probability that a link of its kind is right, 0-1), Col.REPLY_EVIDENCE (the
    clues, ";"-joined, with their words), Col.REPLY_ADDRESSES (it speaks to its parent's
    author: a quote, a name, "you", an answer) and Col.INFERRED True. An article may mix these
    kinds of rows. Col.REPLY_STATED is True on every row whose link was kept. Returns a new
    frame in the input's row order.
    """
    out = comments.copy()
    n = len(out)
    blank = pd.Series([pd.NA] * n, index=out.index, dtype=object)
    parent = out[Col.PARENT_ID].astype(object) if Col.PARENT_ID in out else blank
    conf = (pd.to_numeric(out[Col.REPLY_CONFIDENCE], errors="coerce")
            if Col.REPLY_CONFIDENCE in out else pd.Series(np.nan, index=out.index)).astype(float)
    evidence = out[Col.REPLY_EVIDENCE].astype(object) if Col.REPLY_EVIDENCE in out else blank
    flagged = _flags(out, Col.INFERRED)
    par_arr = parent.to_numpy(dtype=object, copy=True)
    conf_arr = conf.to_numpy(dtype=float, copy=True)
    ev_arr = evidence.to_numpy(dtype=object, copy=True)
    addr_arr = np.full(n, pd.NA, dtype=object)
    # A guess the source states (an export's inferred link) is kept as it states it, and stays
    # a guess.
    stated_guess = flagged & _flags(out, Col.REPLY_STATED) & ~np.isnan(conf_arr)
    if stated_guess.any() and Col.REPLY_ADDRESSES in out:
        addr_arr[stated_guess] = out[Col.REPLY_ADDRESSES].astype("boolean").to_numpy(
            dtype=object, na_value=pd.NA)[stated_guess]
    inf_arr = stated_guess.copy()
    infer = (flagged & ~stated_guess) | np.isnan(conf_arr)
    ev_missing = (evidence.isna() | (evidence.astype(str) == "")).to_numpy()
    ev_arr[~infer & ~stated_guess & ev_missing] = SOURCE_LINK
    if infer.any():
        arts = out[Col.ARTICLE_ID].astype(str).to_numpy()
        # Articles as codes: numpy's isin and sort on 100k strings cost seconds.
        art_code, art_names = pd.factorize(arts)
        has_inferred = np.zeros(len(art_names), bool)
        has_inferred[art_code[infer]] = True
        rows = np.flatnonzero(has_inferred[art_code])
        art_rank = np.argsort(np.argsort(np.asarray(art_names, dtype=object)))
        pos = out[Col.POSITION].to_numpy() if Col.POSITION in out else np.arange(n)
        rows = rows[np.lexsort((pos[rows], art_rank[art_code[rows]]))]
        ids = out[Col.COMMENT_ID].astype(str).to_numpy()[rows]
        texts = out[Col.TEXT].fillna("").astype(str).to_numpy()[rows].tolist()
        auth = (out[Col.AUTHOR].to_numpy(dtype=object)[rows].tolist() if Col.AUTHOR in out
                else [None] * len(rows))
        features = PageFeatures(texts, arts[rows], auth, article_texts)
        row_of = {(a, c): k for k, (a, c) in enumerate(zip(arts[rows], ids, strict=True))}
        given = np.array([
            INFER if infer[r] else (-1 if pd.isna(par_arr[r]) or par_arr[r] == "" else
                                    row_of.get((arts[r], str(par_arr[r])), -1))
            for r in rows.tolist()], dtype=np.int64)
        times = posting_order(out.iloc[rows])
        links = link_pages(features, given, times=times)
        par, cf, items, addresses = (links.parent, links.confidence, links.evidence,
                                     links.addresses)
        todo = infer[rows]
        target = rows[todo]
        chosen = par[todo]
        par_arr[target] = np.where(chosen >= 0, ids[np.maximum(chosen, 0)], pd.NA)
        conf_arr[target] = cf[todo]
        back = np.arange(len(rows))[todo] - chosen
        ev_arr[target] = [ev.render(e, int(b) if c >= 0 else 1) for e, b, c in
                          zip([items[k] for k in np.flatnonzero(todo).tolist()], back, chosen,
                              strict=True)]
        inf_arr[target] = True
        addr_arr[target] = addresses[todo]
    return out.assign(
        **{
            Col.PARENT_ID: pd.Series(par_arr, index=out.index, dtype=object),
            Col.REPLY_CONFIDENCE: pd.Series(conf_arr, index=out.index, dtype=float),
            Col.REPLY_EVIDENCE: pd.Series(ev_arr, index=out.index, dtype=object),
            Col.REPLY_ADDRESSES: pd.Series(addr_arr, index=out.index, dtype="boolean"),
            Col.INFERRED: pd.Series(inf_arr, index=out.index, dtype=bool),
            Col.REPLY_STATED: pd.Series(~infer, index=out.index, dtype=bool),
        }
    )


def _flags(comments: pd.DataFrame, column: str) -> np.ndarray:
    """A boolean column as a numpy array: missing values and a missing column are False."""
    if column not in comments:
        return np.zeros(len(comments), bool)
    return comments[column].astype("boolean").fillna(False).to_numpy(dtype=bool)
