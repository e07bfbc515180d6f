"""Score inferred reply parents against real Reddit threads with known reply trees.

Builds the per-comment frame from ``threads.csv`` (true segmentation, page order, authors and
links hidden), runs :func:`analysis.replies.infer_parents` and prints parent accuracy per thread
and overall, next to the two baselines (previous comment; all top-level). The data stays where it
is (``../shared/eval/threads`` beside the repository, or ``--data``); nothing is copied into
the repository.

usage (from the repo root): python -m benchmarks.eval_replies [--data DIR] [--speed N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.replies import infer_parents
from analysis.schema import Col

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "threads"


def load_flat(data: Path) -> tuple[pd.DataFrame, pd.Series]:
    """The flat comments frame (no authors, no links) and the true parent of each comment."""
    raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
    raw = raw.assign(page_order=raw["page_order"].astype(int)).sort_values(
        ["thread_id", "page_order"], kind="stable"
    )
    flat = pd.DataFrame(
        {
            Col.ARTICLE_ID: raw["thread_id"].to_numpy(),
            Col.COMMENT_ID: raw["comment_id"].to_numpy(),
            Col.POSITION: raw.groupby("thread_id").cumcount().to_numpy(),
            Col.TEXT: raw["text"].to_numpy(),
            Col.AUTHOR: pd.array([pd.NA] * len(raw), dtype=object),
            Col.PARENT_ID: pd.array([pd.NA] * len(raw), dtype=object),
            Col.REPLY_CONFIDENCE: np.nan,
            Col.INFERRED: False,
        }
    )
    truth = pd.Series(raw["parent_id"].to_numpy(), index=raw["comment_id"].to_numpy())
    return flat, truth


def article_texts(data: Path) -> dict[str, str]:
    """Each thread's own text, as a page shows it above the comments: title and selftext."""
    out = {}
    for path in sorted(data.glob("*.txt")):
        head = []
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.strip():
                break
            head.append(line)
        out[path.stem] = "\n".join(head)
    return out


def score(flat: pd.DataFrame, truth: pd.Series, articles: dict[str, str] | None = None
          ) -> pd.DataFrame:
    """Per-thread accuracy of inferred parents and of the two baselines."""
    got = infer_parents(flat, articles)
    pred = got[Col.PARENT_ID].fillna("").astype(str).to_numpy()
    true = truth.loc[got[Col.COMMENT_ID]].to_numpy()
    prev = got.groupby(Col.ARTICLE_ID)[Col.COMMENT_ID].shift(1).fillna("").to_numpy()
    conf = got[Col.REPLY_CONFIDENCE].to_numpy()
    table = pd.DataFrame(
        {
            "thread": got[Col.ARTICLE_ID].to_numpy(),
            "ok": pred == true,
            "previous": prev == true,
            "top_level": true == "",
            "confidence": conf,
        }
    )
    per = table.groupby("thread").agg(
        comments=("ok", "size"),
        accuracy=("ok", "mean"),
        baseline_previous=("previous", "mean"),
        baseline_top_level=("top_level", "mean"),
        mean_confidence=("confidence", "mean"),
    )
    per.loc["ALL"] = [
        len(table),
        table["ok"].mean(),
        table["previous"].mean(),
        table["top_level"].mean(),
        table["confidence"].mean(),
    ]
    evidence = got[Col.REPLY_EVIDENCE].astype(str)
    # The deciding clue is the first item of the evidence (analysis.replies.evidence.render).
    table["clue"] = evidence.str.split(";").str[0].str.split(":").str[0].to_numpy()
    by_clue = table.groupby("clue").agg(
        n=("ok", "size"), accuracy=("ok", "mean"), previous_would_be=("previous", "mean")
    )
    print("decisions by deciding clue (precision of each override vs the previous comment):")
    print(by_clue.round(3).to_string())
    band = pd.cut(table["confidence"], [0, 0.35, 0.45, 0.5, 0.65, 0.85, 1.0])
    calib = table.groupby(band, observed=True).agg(
        n=("ok", "size"), mean_confidence=("confidence", "mean"), accuracy=("ok", "mean")
    )
    print("calibration in sample (accuracy by confidence band; out of sample: "
          "benchmarks.clue_table):")
    print(calib.round(3).to_string())
    return per


def speed(flat: pd.DataFrame, n: int) -> float:
    """CPU seconds to infer parents for about n comments (the eval threads repeated as articles)."""
    reps = max(1, n // len(flat) + 1)
    parts = [
        flat.assign(
            **{
                Col.ARTICLE_ID: flat[Col.ARTICLE_ID] + f"_{k}",
                Col.COMMENT_ID: flat[Col.COMMENT_ID] + f"_{k}",
            }
        )
        for k in range(reps)
    ]
    big = pd.concat(parts, ignore_index=True).iloc[:n]
    t0 = time.process_time()
    infer_parents(big)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--speed", type=int, default=0, help="also time inference on N comments")
    args = ap.parse_args()
    flat, truth = load_flat(args.data)
    per = score(flat, truth, article_texts(args.data))
    with pd.option_context("display.width", 120, "display.precision", 3):
        print(per)
    print(f"parent_accuracy={per.loc['ALL', 'accuracy']:.3f}")
    if args.speed:
        print(f"speed: {args.speed} comments in {speed(flat, args.speed):.2f} s CPU")


if __name__ == "__main__":
    main()
