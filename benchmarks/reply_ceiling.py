"""How far can page order plus shallow text cues go on the Reddit threads? An upper bound.

In a page listed depth-first, each comment either answers the previous one (C), is its sibling
(S: answers the previous comment's parent), returns further up the branch (P), or starts a new
thread (T). This script measures, on ``../shared/eval/threads/threads.csv`` (true
segmentation, true tree), how those moves are distributed and how predictable they are from
the two signals that the inference relies on most: whether the comment shares a content word
with the previous one, and what the previous move was.

Every model here is fitted on the very data it is scored on and is told the true previous move,
so its accuracy is an optimistic ceiling for any rule built from these signals, not a result.
Nothing fitted here is used by ``analysis``. A move counts as right when its type is right; a
right P still has to pick the right ancestor, so the real ceiling is lower still.

usage (from the repo root): python -m benchmarks.reply_ceiling [--data DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "threads"
MOVES = ["C", "S", "P", "T"]


def moves_and_overlap(data: Path) -> pd.DataFrame:
    """One row per comment after the first of its thread: thread, true move, previous true move,
    and whether it shares a content word with the previous comment."""
    raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
    raw = raw.assign(page_order=raw["page_order"].astype(int)).sort_values(
        ["thread_id", "page_order"], kind="stable"
    )
    rows = []
    for thread, group in raw.groupby("thread_id", sort=True):
        ids = group["comment_id"].tolist()
        parent = dict(zip(ids, group["parent_id"], strict=True))
        words = TfidfVectorizer(stop_words="english").fit_transform(group["text"])
        shares = np.asarray((words[1:].multiply(words[:-1])).sum(axis=1)).ravel() > 0
        previous_move = "T"  # the first comment starts the first thread
        for k in range(1, len(ids)):
            move = _move(ids[k], ids[k - 1], parent)
            rows.append((thread, move, previous_move, bool(shares[k - 1])))
            previous_move = move
    return pd.DataFrame(rows, columns=["thread", "move", "previous_move", "shares_words"])


def _move(comment: str, previous: str, parent: dict[str, str]) -> str:
    target = parent[comment]
    if target == previous:
        return "C"
    if target == "":
        return "T"
    return "S" if target == parent[previous] else "P"


def best_cell_accuracy(table: pd.DataFrame, by: list[str]) -> float:
    """Accuracy of always guessing the commonest move within each group (fitted in-sample)."""
    counts = table.groupby(by + ["move"]).size().unstack(fill_value=0)
    return counts.max(axis=1).sum() / len(table)


def viterbi_accuracy(table: pd.DataFrame) -> float:
    """A hidden Markov model over moves (transitions and the shares-words emission counted on
    this same data), decoded per thread without being told any true move."""
    trans = (
        pd.crosstab(table["previous_move"], table["move"])
        .reindex(index=MOVES, columns=MOVES, fill_value=0)
        .to_numpy(float)
        + 1.0
    )
    emit = (
        pd.crosstab(table["move"], table["shares_words"])
        .reindex(index=MOVES, columns=[False, True], fill_value=0)
        .to_numpy(float)
        + 1.0
    )
    log_trans = np.log(trans / trans.sum(axis=1, keepdims=True))
    log_emit = np.log(emit / emit.sum(axis=1, keepdims=True))
    right = 0
    for _, group in table.groupby("thread", sort=False):
        seen = group["shares_words"].to_numpy().astype(int)
        score = log_trans[MOVES.index("T")] + log_emit[:, seen[0]]
        back = []
        for obs in seen[1:]:
            step = score[:, None] + log_trans
            back.append(step.argmax(axis=0))
            score = step.max(axis=0) + log_emit[:, obs]
        path = [int(score.argmax())]
        for pointers in reversed(back):
            path.append(int(pointers[path[-1]]))
        guessed = np.array(MOVES)[path[::-1]]
        right += int((guessed == group["move"].to_numpy()).sum())
    return right / len(table)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    table = moves_and_overlap(args.data)
    with pd.option_context("display.width", 120, "display.precision", 2):
        print("moves per thread (share of comments after the first):")
        print(pd.crosstab(table["thread"], table["move"], normalize="index")[MOVES].round(2))
        print("\nnext move after each move:")
        print(pd.crosstab(table["previous_move"], table["move"], normalize="index")[MOVES].round(2))
        print("\nmove by whether the comment shares a word with the previous one:")
        print(pd.crosstab(table["shares_words"], table["move"], normalize="index")[MOVES].round(2))
    print()
    print(f"always C (page order)                          {(table['move'] == 'C').mean():.3f}")
    print(f"best move per shares-words                     "
          f"{best_cell_accuracy(table, ['shares_words']):.3f}")
    print(f"best move per true previous move + shares-words "
          f"{best_cell_accuracy(table, ['previous_move', 'shares_words']):.3f}  (ceiling)")
    print(f"HMM over moves, decoded                        {viterbi_accuracy(table):.3f}")


if __name__ == "__main__":
    main()
