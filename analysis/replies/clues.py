"""Clues to whom a comment answers, each a plain function of the page's features.

A clue that *decides* returns a :class:`Proposal`: the comments it fires on and the parent it
proposes for each (an earlier comment, or -1 for a new thread), with the words it rests on.
A clue that only *supports* the default (the previous comment) returns a boolean per comment;
it moves the link's confidence, never the link.

Which clues ship, and their thresholds, follow the leave-one-thread-out measurement in
``benchmarks/clue_table.py`` (its table is in the README): a clue decides only where, on threads
it was not tuned on, it was right more often than "the previous comment" on the same comments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from analysis.replies import evidence as ev
from analysis.replies.features import QUOTE_OWN_WORDS, PageFeatures

NEW_THREAD_MIN_ARTICLE = 0.05
"""TF-IDF cosine to its article's own text (headline and body) from which a comment that
shares no word with the comment above, and carries no reply cue, opens a new thread..."""

NEW_THREAD_OVER_PAGE = 4.0
"""... when that cosine is also this many times the page's mean (the page's own prior: on a
page whose comments all talk about the article, taking up its words says less)."""

CLOSE_MIN_SIM = 0.1
"""TF-IDF cosine to the previous comment from which closeness supports the link to it."""

FRESH_MIN_WORDS = 12
"""A comment this long with no reply cue and no word shared with the previous one reads as a
fresh statement."""


@dataclass(frozen=True)
class Proposal:
    """Links one clue proposes: comment ``rows[k]`` answers ``targets[k]`` (-1: it opens a new
    thread), resting on ``words[k]`` (quoted words, a name; may be empty)."""

    clue: str
    rows: np.ndarray
    targets: np.ndarray
    words: tuple[str, ...]

    @staticmethod
    def empty(clue: str) -> Proposal:
        return Proposal(clue, np.zeros(0, np.int64), np.zeros(0, np.int64), ())


def merged(clue: str, proposals: list[Proposal]) -> Proposal:
    """One clue made of several: for each comment, the first proposal that names it."""
    seen: set[int] = set()
    rows, targets, words = [], [], []
    for p in proposals:
        for r, t, w in zip(p.rows.tolist(), p.targets.tolist(), p.words, strict=True):
            if r not in seen:
                seen.add(r)
                rows.append(r)
                targets.append(t)
                words.append(w)
    return Proposal(clue, np.array(rows, dtype=np.int64), np.array(targets, dtype=np.int64),
                    tuple(words))


def previous_comments(features: PageFeatures) -> np.ndarray:
    """Row of the comment just above each comment in its article (-1 for the first)."""
    idx = np.arange(features.m)
    return np.where(idx > features.start, idx - 1, -1)


def _memo(features: PageFeatures, key: str, make: Callable[[], Proposal]) -> Proposal:
    if key not in features.memo:
        features.memo[key] = make()
    return features.memo[key]  # type: ignore[return-value]


def marked_quotes(features: PageFeatures) -> Proposal:
    """A passage in « », “ ” or "" (three words or more) that an earlier comment holds."""
    return _memo(features, ev.QUOTE_MARKED, lambda: _marked_quotes(features))


def _marked_quotes(features: PageFeatures) -> Proposal:
    found = features.marked_quotes()
    rows = np.fromiter(found, dtype=np.int64, count=len(found))
    return Proposal(ev.QUOTE_MARKED, rows,
                    np.array([found[i][0] for i in rows.tolist()], dtype=np.int64),
                    tuple(found[i][1] for i in rows.tolist()))


def unmarked_quotes(features: PageFeatures) -> Proposal:
    """A run of about five words first used by an earlier comment, when the comment adds
    QUOTE_OWN_WORDS words of its own (a pure repetition is a meme or a chorus, not a reply)."""
    return _memo(features, ev.QUOTE_UNMARKED, lambda: _unmarked_quotes(features))


def _unmarked_quotes(features: PageFeatures) -> Proposal:
    found = features.unmarked_quotes()
    rows = np.fromiter(found, dtype=np.int64, count=len(found))
    targets = np.fromiter((found[i][0] for i in rows.tolist()), dtype=np.int64, count=len(rows))
    first, length = features.shared_runs(rows, targets)
    own = features.nwords[rows] - length >= QUOTE_OWN_WORDS
    words = tuple(features.passage(int(i), int(a), int(b))
                  for i, a, b in zip(rows[own], first[own], length[own], strict=True))
    return Proposal(ev.QUOTE_UNMARKED, rows[own], targets[own], words)


def names(features: PageFeatures, kinds: tuple[str, ...] = ("author", "signature", "words")
          ) -> Proposal:
    """A name the comment addresses (``@name``, "Hey Jim", "..., Jacko.", "Jackie boy") that
    matches an earlier comment's author, signature, or (for a vocative) words."""
    found = {i: v for i, v in features.named().items() if v[2] in kinds}
    rows = np.fromiter(found, dtype=np.int64, count=len(found))
    return Proposal(ev.NAME, rows,
                    np.array([found[i][0] for i in rows.tolist()], dtype=np.int64),
                    tuple(found[i][1] for i in rows.tolist()))


def reply_cues(features: PageFeatures, quoted: np.ndarray) -> np.ndarray:
    """Per comment: does it read as a reply to someone on the page? A reply opener ("Yes",
    "Lol", "Well"), second person, a name, or a quote of an earlier comment (``quoted``)."""
    cue = quoted.copy()
    cue |= np.array([bool(o) for o in features.openers], dtype=bool)
    cue |= features.second
    cue |= features.has_name
    return cue


def new_threads(features: PageFeatures, previous: np.ndarray, cues: np.ndarray,
                min_article: float = NEW_THREAD_MIN_ARTICLE,
                over_page: float = NEW_THREAD_OVER_PAGE) -> Proposal:
    """A comment that takes up its article's words (cosine >= ``min_article`` to the headline
    and body, and >= ``over_page`` times its page's mean cosine) and not the previous
    comment's (no content word shared), with no reply cue, addresses the article: it opens a
    new thread."""
    article = features.article_sims()
    page_mean = (np.bincount(features.art, weights=article)
                 / np.maximum(np.bincount(features.art), 1))[features.art]
    to_previous = features.sims(np.arange(features.m), previous)
    fires = ((previous >= 0) & ~cues & (to_previous <= 0) & (article >= min_article)
             & (article >= over_page * page_mean))
    rows = np.flatnonzero(fires)
    return Proposal(ev.NEW_THREAD, rows, np.full(len(rows), -1, np.int64), ("",) * len(rows))


def same_author(features: PageFeatures, previous: np.ndarray) -> Proposal:
    """Where authors are known: a comment whose author also wrote the comment just above
    rarely answers themself; it answers what that comment answered (taken as the comment above
    it)."""
    author = np.array(features.authors, dtype=object)
    has = (previous >= 0) & (author != "")
    same = has & (author == author[np.maximum(previous, 0)])
    rows = np.flatnonzero(same)
    return Proposal(ev.SELF_REPLY, rows, previous[previous[rows]], ("",) * len(rows))


def supports(features: PageFeatures, previous: np.ndarray, quoted_previous: np.ndarray
             ) -> dict[str, np.ndarray]:
    """Per supporting clue, the comments it fires on (booleans): what speaks for the link to
    the previous comment (a quote of it, an answer to its question, closeness, "you", a reply
    opener) or against it (a long comment sharing no word with it)."""
    m = features.m
    has_prev = previous >= 0
    safe_prev = np.maximum(previous, 0)
    closeness = features.sims(np.arange(m), previous)
    opener = np.array([bool(o) for o in features.openers], dtype=bool)
    answer = np.array([bool(a) for a in features.answers], dtype=bool)
    author = np.array(features.authors, dtype=object)
    above = author[safe_prev]
    two_up = author[np.maximum(previous[safe_prev], 0)]
    back_and_forth = (has_prev & (previous[safe_prev] >= 0) & (author != "") & (above != "")
                      & (author == two_up) & (author != above))
    return {
        ev.QUOTES_PREVIOUS: quoted_previous & has_prev,
        ev.BACK_AND_FORTH: back_and_forth,
        ev.ANSWER: answer & features.question[safe_prev] & has_prev,
        ev.LEXICAL: (closeness >= CLOSE_MIN_SIM) & has_prev,
        ev.SECOND_PERSON: features.second & has_prev,
        ev.OPENER: opener & has_prev,
        ev.SHARES_NOTHING: (
            (features.nwords[:m] >= FRESH_MIN_WORDS) & ~features.second & ~opener
            & (closeness <= 0) & has_prev
        ),
    }


SUPPORT_ORDER = (ev.QUOTES_PREVIOUS, ev.BACK_AND_FORTH, ev.ANSWER, ev.LEXICAL,
                 ev.SECOND_PERSON, ev.OPENER, ev.SHARES_NOTHING)
"""The supporting clue that sets a default link's confidence is the first of these that fires
(a quote of the comment above says more than closeness, closeness more than "you")."""
