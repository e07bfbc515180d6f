"""Choosing each comment's parent from the proposals of the clues: a pure function on arrays.

Inputs and outputs are plain integer arrays over the rows of the flat articles in page order, so
links given by a source, read from page markers or corrected by hand can be laid over the result
(or passed in as ``given``) without touching any clue.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from analysis.replies.clues import Proposal

INFER = -2
"""In ``given``: no link is known for this row; the decoder chooses one."""

DEFAULT = -1
"""In ``decided_by``: no proposal decided; the comment answers the previous one (or, first in
its article, opens the first thread)."""

GIVEN = -2
"""In ``decided_by``: the row's link was given and is kept."""

LATER = -3
"""In ``decided_by``: the chosen parent was posted after the comment, so the link moved up
that parent's chain (:func:`posted_before`)."""


def decode(previous: np.ndarray, proposals: Sequence[Proposal],
           given: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each row's parent and what decided it.

    ``previous[i]`` is the row of the comment just above row i in its article (-1 for the
    first). ``proposals`` come in priority order: the first one that names row i decides it,
    unless it proposes the previous comment (that is the default anyway, and the proposal is
    only support). ``given[i]`` >= -1 is a known link (a row, or -1 for top-level) that is kept
    as it is; ``INFER`` lets the decoder choose.

    Returns ``parent`` (a row, or -1 for a top-level comment) and ``decided_by`` (the index of
    the deciding proposal, ``DEFAULT`` or ``GIVEN``).
    """
    previous = np.asarray(previous, dtype=np.int64)
    parent = previous.copy()
    decided_by = np.full(len(parent), DEFAULT, np.int64)
    # Lowest priority first, so that a higher one overwrites it.
    for k in range(len(proposals) - 1, -1, -1):
        rows, targets = proposals[k].rows, proposals[k].targets
        parent[rows] = targets
        decided_by[rows] = np.where(targets == previous[rows], DEFAULT, k)
    if given is not None:
        known = np.asarray(given) != INFER
        parent[known] = np.asarray(given)[known]
        decided_by[known] = GIVEN
    return parent, decided_by


def posted_before(parent: np.ndarray, decided_by: np.ndarray, times: np.ndarray
                  ) -> tuple[np.ndarray, np.ndarray]:
    """A reply is posted after what it answers. Where a chosen parent was posted after the
    comment (``times``: seconds, NaN where unknown; both known), the link moves up the
    parent's chain to the nearest comment posted no later than the comment, or to no parent
    (a new thread) when every one on the chain is later. A comment without a time stops the
    walk: nothing says it is later. Given links are kept. Rows are in page order, so a
    comment's ancestors are settled before it."""
    parent, decided_by = parent.copy(), decided_by.copy()
    t = np.asarray(times, dtype=float)
    rows = np.flatnonzero((parent >= 0) & (decided_by != GIVEN))
    with np.errstate(invalid="ignore"):
        later = rows[t[parent[rows]] > t[rows]]
    for i in later.tolist():
        q = int(parent[parent[i]])
        while q >= 0 and t[q] > t[i]:
            q = int(parent[q])
        parent[i] = q
        decided_by[i] = LATER
    return parent, decided_by


MIN_LISTED = 10
"""Distinct posting times an article needs before its order by time counts as a listing by
time: a nested page of a few comments is often in time order by chance (a chain of replies),
one of ten or more rarely is (README, "Comments listed by time")."""


def listed_by_time(previous: np.ndarray, times: np.ndarray, min_distinct: int = MIN_LISTED
                   ) -> np.ndarray:
    """Rows of the articles whose comments are listed by when they were posted (oldest or
    newest first): every comment has a time, the times never turn back, and there are at least
    ``min_distinct`` of them. In such a list the comment above is rarely the parent, whatever
    else the order shows. ``previous``: each row's comment above in its article, -1 for an
    article's first row (so articles are the runs that start there)."""
    previous = np.asarray(previous)
    t = np.asarray(times, dtype=float)
    n = len(t)
    if n == 0:
        return np.zeros(0, bool)
    article = np.cumsum(previous < 0) - 1
    article = np.maximum(article, 0)
    count = article.max() + 1
    step = np.diff(t)
    same = article[1:] == article[:-1]
    at = article[1:][same]
    with np.errstate(invalid="ignore"):
        up = np.bincount(at, ~(step[same] >= 0), count) > 0  # NaN steps count as turning
        down = np.bincount(at, ~(step[same] <= 0), count) > 0
        distinct = np.bincount(at, step[same] != 0, count) + 1
    untimed = np.bincount(article, np.isnan(t), count) > 0
    listed = ~untimed & (~up | ~down) & (distinct >= min_distinct)
    return listed[article]
