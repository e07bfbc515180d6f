"""Measure hostility and sentiment on the UCC evaluation set (Globe and Mail comments).

Reads ../shared/eval/ucc_val.csv and ucc_test.csv (relative to the repo root; CC BY-NC-SA,
never copied into the repo) and prints the ROC-AUC of ``hostility`` for ``hostile`` and for
``hostility_level >= 1`` (and of the markers alone and the learned model alone), the F1 of our
level >= 1 and the macro-F1 of our three levels, and the time taken per 100k texts.
Tune on val only; test is for reporting.

usage: python benchmarks/eval_ucc.py [--splits val test] [--timing]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(REPO_ROOT))

from analysis.hostility import score_hostility  # noqa: E402
from analysis.hostility_model import load_model  # noqa: E402
from analysis.schema import Col  # noqa: E402
from analysis.sentiment import score_sentiment  # noqa: E402

GOLD_HOSTILE = "hostile"
GOLD_LEVEL = "hostility_level"


def evaluate(split: str) -> dict[str, float]:
    """AUCs and F1 of score_hostility on one split ('val' or 'test')."""
    gold = pd.read_csv(EVAL_DIR / f"ucc_{split}.csv", dtype={"comment_id": str})
    comments = gold[["comment_id", "text"]].rename(
        columns={"comment_id": Col.COMMENT_ID, "text": Col.TEXT}
    )
    scored = score_hostility(comments)
    uncivil = gold[GOLD_LEVEL] >= 1
    model = load_model().logits(comments[Col.TEXT].fillna("").tolist())
    return {
        "auc_hostile": roc_auc_score(gold[GOLD_HOSTILE] == 1, scored[Col.HOSTILITY]),
        "auc_uncivil": roc_auc_score(uncivil, scored[Col.HOSTILITY]),
        "f1_uncivil": f1_score(uncivil, scored[Col.HOSTILITY_LEVEL] >= 1),
        "macro_f1": f1_score(gold[GOLD_LEVEL], scored[Col.HOSTILITY_LEVEL], average="macro"),
        "share_flagged": float((scored[Col.HOSTILITY_LEVEL] >= 1).mean()),
        "markers_auc_hostile": roc_auc_score(gold[GOLD_HOSTILE] == 1, scored[Col.MARKER_SCORE]),
        "markers_auc_uncivil": roc_auc_score(uncivil, scored[Col.MARKER_SCORE]),
        "model_auc_hostile": roc_auc_score(gold[GOLD_HOSTILE] == 1, model),
        "model_auc_uncivil": roc_auc_score(uncivil, model),
    }


def time_100k() -> dict[str, float]:
    """Seconds for score_hostility and score_sentiment on 100k distinct texts built from val.

    Wall-clock times depend on what else runs on the machine; the CPU time of score_hostility
    (one process) does much less.
    """
    texts = pd.read_csv(EVAL_DIR / "ucc_val.csv")["text"].tolist()
    many = [f"{texts[i % len(texts)]} ({i})" for i in range(100_000)]
    comments = pd.DataFrame({Col.TEXT: many})
    score_hostility(comments.head(10))  # load the lexicons outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    score_hostility(comments)
    hostility = time.perf_counter() - start
    hostility_cpu = time.process_time() - cpu
    start = time.perf_counter()
    score_sentiment(comments)
    sentiment = time.perf_counter() - start
    return {
        "hostility_100k_s": hostility,
        "hostility_100k_cpu_s": hostility_cpu,
        "sentiment_100k_s": sentiment,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["val", "test"])
    parser.add_argument("--timing", action="store_true", help="also time 100k texts")
    args = parser.parse_args()
    for split in args.splits:
        result = evaluate(split)
        print(split, " ".join(f"{key}={value:.3f}" for key, value in result.items()))
    if args.timing:
        print(" ".join(f"{key}={value:.2f}" for key, value in time_100k().items()))


if __name__ == "__main__":
    main()
