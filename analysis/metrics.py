"""Per-comment flags that every table's shares and means average, so that a name such as
``uncivil_share`` or ``mean_link_confidence`` (schema.Metric) is counted the same way in the
thread, article, pair and topic tables and on every card.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.schema import Col


def level_flags(comments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(uncivil, hostile) per comment: 1.0 where Col.HOSTILITY_LEVEL >= 1 (uncivil) or == 2
    (hostile), 0.0 below, NaN where the level is missing or the column is absent. Their group
    means are Metric.UNCIVIL_SHARE and Metric.HOSTILE_SHARE."""
    if Col.HOSTILITY_LEVEL not in comments:
        missing = np.full(len(comments), np.nan)
        return missing, missing.copy()
    level = pd.to_numeric(comments[Col.HOSTILITY_LEVEL], errors="coerce").to_numpy(dtype=float)
    unscored = np.isnan(level)
    uncivil = np.where(unscored, np.nan, (level >= 1).astype(float))
    hostile = np.where(unscored, np.nan, (level >= 2).astype(float))
    return uncivil, hostile


def inferred_flags(comments: pd.DataFrame) -> np.ndarray:
    """1.0 where Col.INFERRED is True (the reply link, or its absence, was inferred), 0.0
    elsewhere and when the column is absent. The group mean is Metric.INFERRED_SHARE."""
    if Col.INFERRED not in comments:
        return np.zeros(len(comments))
    return comments[Col.INFERRED].astype("boolean").fillna(False).to_numpy(dtype=bool) \
        .astype(float)


def has_parent(comments: pd.DataFrame) -> np.ndarray:
    """True where Col.PARENT_ID names a parent (not missing, not blank)."""
    if Col.PARENT_ID not in comments:
        return np.zeros(len(comments), dtype=bool)
    parents = comments[Col.PARENT_ID]
    return (parents.notna() & (parents.astype(str).str.strip() != "")).to_numpy(dtype=bool)


def inferred_link_confidence(comments: pd.DataFrame) -> np.ndarray:
    """Col.REPLY_CONFIDENCE of each inferred link (a reply whose parent was inferred), NaN for
    links the source gives, top-level comments and missing columns. The group mean (NaN when a
    group has no inferred link) is Metric.MEAN_LINK_CONFIDENCE."""
    n = len(comments)
    if Col.REPLY_CONFIDENCE not in comments:
        return np.full(n, np.nan)
    confidence = pd.to_numeric(comments[Col.REPLY_CONFIDENCE], errors="coerce") \
        .to_numpy(dtype=float)
    inferred_link = (inferred_flags(comments) == 1.0) & has_parent(comments)
    return np.where(inferred_link, confidence, np.nan)


def mean_link_confidence(comments: pd.DataFrame) -> float:
    """Metric.MEAN_LINK_CONFIDENCE of a whole table (NaN without inferred links)."""
    values = inferred_link_confidence(comments)
    known = values[~np.isnan(values)]
    return float(known.mean()) if len(known) else float("nan")


def link_summary(comments: pd.DataFrame) -> tuple[float, float]:
    """(Metric.INFERRED_SHARE, Metric.MEAN_LINK_CONFIDENCE) of a whole table: the share of its
    comments whose reply link was inferred (NaN for no comments) and the mean confidence of its
    inferred links (NaN without one), counted as in every table's rows."""
    flags = inferred_flags(comments)
    return (float(flags.mean()) if len(flags) else float("nan"),
            mean_link_confidence(comments))
