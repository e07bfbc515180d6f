"""Time the page-order reading against the inferred thread table on many comments.

usage (from the repo root): .venv/bin/python benchmarks/page_order.py [--comments N]

Analyses seed 000 once, copies its comments into as many articles as it takes to reach N
comments (ids made unique per copy, links kept), then times, best of 3: the inferred thread
table (threads.thread_metrics, what the pipeline always computed), the page-order thread table
(threads.page_order_thread_metrics, what the pipeline now computes beside it) and the
page-order comment table (threads.read_in_page_order, what the app builds when the Threads
page switches to plain page order). Prints seconds.
"""

from __future__ import annotations

import argparse

import pandas as pd

from analysis.bench import best_of
from analysis.pipeline import analyse_paths
from analysis.readers import SEEDS_DIR
from analysis.schema import Col
from analysis.threads import page_order_thread_metrics, read_in_page_order, thread_metrics


def _best(function, repeat: int = 3) -> float:
    return best_of(function, repeat)[0]


def copies(comments: pd.DataFrame, total: int) -> pd.DataFrame:
    """``comments`` repeated in new articles until there are at least ``total`` rows."""
    frames = []
    for k in range(-(-total // len(comments))):
        suffix = f"#{k}"
        frames.append(comments.assign(**{
            Col.ARTICLE_ID: comments[Col.ARTICLE_ID] + suffix,
            Col.COMMENT_ID: comments[Col.COMMENT_ID] + suffix,
            Col.PARENT_ID: comments[Col.PARENT_ID] + suffix,
            Col.THREAD_ID: comments[Col.THREAD_ID] + suffix,
        }))
    return pd.concat(frames, ignore_index=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args()
    seed = analyse_paths([SEEDS_DIR / "000_cc89e47453706f70.txt"]).comments
    comments = copies(seed, args.comments)
    threads = thread_metrics(comments)
    print(f"{len(comments):,} comments in {comments[Col.ARTICLE_ID].nunique():,} articles")
    print(f"inferred thread table:   {_best(lambda: thread_metrics(comments)):.3f} s")
    print(f"page-order thread table: "
          f"{_best(lambda: page_order_thread_metrics(comments, threads)):.3f} s")
    print(f"page-order comment table: {_best(lambda: read_in_page_order(comments)):.3f} s")


if __name__ == "__main__":
    main()
