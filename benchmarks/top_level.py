"""Can a flat page's top-level comments be found from their words? Measured, leaving one thread out.

Top-level detection is the one big lever on reply parents (knowing the true top-level comments
lifts page order a lot), so this script measures the two ways to it that do not rest on rules
tuned to one page, on the Reddit threads of ``../shared/eval/threads`` given the true comments:

1. *A broader new-thread rule*: the shipped ``new_thread`` clue with looser thresholds (cosine to
   the article, its ratio to the page's mean, closeness to the comment above, a reply cue, a
   length). Thresholds are chosen on seven threads (most "top-level" links right minus "previous
   comment" links lost) and applied to the eighth.
2. *A learned model with the page's own prior*: a multinomial logistic model (top-level /
   previous comment / elsewhere) over the same features, trained on seven threads, whose class
   prior is re-estimated on the held-out page by EM (Saerens, Latinne & Decaestecker 2002,
   "Adjusting the outputs of a classifier to new a priori probabilities"); a comment opens a
   thread where top-level is more probable than the previous comment.

Both are scored against "answers the previous comment" on the same comments. Neither ships
unless it wins out of sample (the README's "Top-level comments" gives the result).

usage (from the repo root): python -m benchmarks.top_level [--data DIR]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from analysis.replies import clues
from analysis.replies.features import PageFeatures
from benchmarks.clue_table import DEFAULT_DATA, load_threads

TOP, PREVIOUS, ELSEWHERE = 0, 1, 2
FEATURES = ("article", "to_previous", "cue", "log_words", "to_earlier", "to_two_up",
            "previous_asks", "article_rank")
EARLIER_REACH = 10
"""How many comments above (beyond the previous one) count for ``to_earlier``."""


def page_table(data: Path) -> pd.DataFrame:
    """One row per comment that has a comment above it: its features and its true move."""
    threads = load_threads(data)
    rows = pd.concat([t.comments.assign(thread=t.tid) for t in threads], ignore_index=True)
    features = PageFeatures(rows["text"].tolist(), rows["thread"].to_numpy(),
                            [None] * len(rows), {t.tid: t.article for t in threads})
    m = features.m
    at = {(a, c): k for k, (a, c) in enumerate(zip(rows["thread"], rows["comment_id"],
                                                   strict=True))}
    truth = np.array([at.get((a, p), -1) for a, p in zip(rows["thread"], rows["parent_id"],
                                                         strict=True)])
    previous = clues.previous_comments(features)
    idx = np.arange(m)
    safe = np.maximum(previous, 0)
    two_up = np.where(previous >= 0, previous[safe], -1)
    to_earlier = np.zeros(m)
    for k in range(2, EARLIER_REACH + 1):
        j = np.maximum(idx - k, 0)
        same_page = (idx - k >= 0) & (features.art[j] == features.art)
        to_earlier = np.maximum(to_earlier, np.where(same_page, features.sims(idx, j), 0))
    quoted = np.zeros(m, bool)
    for p in (clues.marked_quotes(features), clues.unmarked_quotes(features)):
        quoted[p.rows] = True
    table = pd.DataFrame({
        "thread": rows["thread"],
        "move": np.where(truth == -1, TOP, np.where(truth == previous, PREVIOUS, ELSEWHERE)),
        "article": features.article_sims(),
        "to_previous": features.sims(idx, previous),
        "cue": clues.reply_cues(features, quoted).astype(float),
        "words": features.nwords[:m],
        "log_words": np.log1p(features.nwords[:m]),
        "to_earlier": to_earlier,
        "to_two_up": np.where(two_up >= 0, features.sims(idx, np.maximum(two_up, 0)), 0),
        "previous_asks": np.where(previous >= 0, features.question[safe], False).astype(float),
    })
    table["article_over_page"] = table["article"] / (
        table.groupby("thread")["article"].transform("mean") + 1e-3)
    table["article_rank"] = table.groupby("thread")["article"].rank(pct=True)
    return table[previous >= 0].reset_index(drop=True)


RULE_GRID = list(itertools.product((0.0, 0.02, 0.05, 0.08), (1.5, 2.0, 3.0, 4.0, 6.0),
                                   (0.0, 0.05), (True, False), (0, 8)))
"""(min cosine to the article, min ratio to the page's mean, max cosine to the comment above,
no reply cue required, min words)."""


def rule_fires(table: pd.DataFrame, params: tuple) -> np.ndarray:
    min_article, over_page, max_previous, no_cue, min_words = params
    fires = ((table["article"] >= min_article) & (table["article_over_page"] >= over_page)
             & (table["to_previous"] <= max_previous) & (table["words"] >= min_words))
    if no_cue:
        fires &= table["cue"] == 0
    return fires.to_numpy()


def broader_rule(table: pd.DataFrame) -> pd.DataFrame:
    """Per held-out thread: the rule chosen on the others, its fires, right and lost links."""
    counts = []
    for params in RULE_GRID:
        fires = rule_fires(table, params)
        for tid, g in table.assign(fires=fires).groupby("thread"):
            counts.append((params, tid, int(g["fires"].sum()),
                           int((g["fires"] & (g["move"] == TOP)).sum()),
                           int((g["fires"] & (g["move"] == PREVIOUS)).sum())))
    c = pd.DataFrame(counts, columns=["params", "thread", "fires", "top", "previous"])
    out = []
    for tid in sorted(table["thread"].unique()):
        train = c[c["thread"] != tid].groupby("params")[["fires", "top", "previous"]].sum()
        train["gain"] = train["top"] - train["previous"]
        chosen = train.sort_values(["gain", "fires"], ascending=[False, True]).index[0]
        inside = train.loc[[chosen]].iloc[0]
        held = c[(c["thread"] == tid) & (c["params"] == chosen)].iloc[0]
        out.append({"thread": tid, "chosen": chosen, "in_gain": int(inside["gain"]),
                    "fires": int(held["fires"]), "top_right": int(held["top"]),
                    "previous_lost": int(held["previous"])})
    return pd.DataFrame(out)


def prior_adjusted(p: np.ndarray, train_prior: np.ndarray, rounds: int = 200
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Saerens et al.'s EM: the page's own class prior and the posteriors under it."""
    prior = train_prior.copy()
    q = p
    for _ in range(rounds):
        q = p * (prior / train_prior)
        q /= q.sum(axis=1, keepdims=True)
        new = q.mean(axis=0)
        if np.abs(new - prior).max() < 1e-7:
            break
        prior = new
    return q, prior


def learned_model(table: pd.DataFrame) -> pd.DataFrame:
    """Per held-out thread: parent accuracy of page order, of the model, of the model under the
    page's EM prior, with the true and estimated top-level shares."""
    x = table[list(FEATURES)].to_numpy(float)
    y = table["move"].to_numpy()
    out = []
    for tid in sorted(table["thread"].unique()):
        train = (table["thread"] != tid).to_numpy()
        held = ~train
        # Each thread weighs the same, so one long thread does not set the prior.
        weight = 1.0 / table[train].groupby("thread")["move"].transform("size").to_numpy()
        scale = StandardScaler().fit(x[train])
        model = LogisticRegression(max_iter=2000).fit(scale.transform(x[train]), y[train],
                                                      sample_weight=weight)
        p = model.predict_proba(scale.transform(x[held]))
        train_prior = np.array([np.average(y[train] == k, weights=weight) for k in range(3)])
        q, prior = prior_adjusted(p, train_prior)
        truth = y[held]

        def accuracy(post: np.ndarray, truth: np.ndarray = truth) -> float:
            top = post[:, TOP] > post[:, PREVIOUS]
            return float(np.where(top, truth == TOP, truth == PREVIOUS).mean())

        out.append({"thread": tid, "comments": int(held.sum()),
                    "page_order": float((truth == PREVIOUS).mean()),
                    "model": accuracy(p), "model_page_prior": accuracy(q),
                    "true_top_share": float((truth == TOP).mean()),
                    "estimated_top_share": float(prior[TOP])})
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    table = page_table(args.data)
    rule = broader_rule(table)
    print("1. broader new-thread rule, thresholds chosen on the other threads")
    print(rule.to_string(index=False))
    print(f"out of sample: {rule['fires'].sum()} fires, {rule['top_right'].sum()} top-level "
          f"right, {rule['previous_lost'].sum()} previous-comment links lost\n")
    model = learned_model(table)
    n = model["comments"].sum()
    print("2. learned model (top-level / previous / elsewhere), prior re-estimated per page by EM")
    print(model.round(3).to_string(index=False))
    pooled = {c: round(float((model[c] * model["comments"]).sum() / n), 3)
              for c in ("page_order", "model", "model_page_prior")}
    print(f"out of sample, all {n} comments with one above: {pooled}")


if __name__ == "__main__":
    main()
