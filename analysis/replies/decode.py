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
