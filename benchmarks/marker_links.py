"""Which of NAME's comments does "in reply to NAME" mean? Measured on real Reddit threads.

Each thread of ``threads.csv`` becomes the comment blocks a page with "in reply to" markers
gives :func:`analysis.layout.link_replies`: the true authors, and on every reply its parent's
author as the marker, in nested page order and with each thread's replies flat by time. Where
NAME has several earlier comments in the thread, the link is a choice; this prints how often
each way of choosing is right, per thread, with the number of shared words it takes chosen
leaving one thread out, and how often each ``reply_confidence`` of the shipped rule is right.
The data stays where it is (``../shared/eval/threads`` beside the repository, or ``--data``).

usage (from the repo root): python -m benchmarks.marker_links [--data DIR]
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path
from unittest import mock

import pandas as pd

import analysis.layout as layout
from analysis.layout import CommentBlock, ReplyLink, link_replies

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "threads"
SHARED_WORDS = [1, 2, 3, 4, 5, 6]


def orders(thread: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The thread in nested page order, and flat by time within each top-level subtree."""
    nested = thread.sort_values("page_order", kind="stable")
    parent = dict(zip(nested["comment_id"], nested["parent_id"], strict=True))

    def root(cid: str) -> str:
        while parent[cid]:
            cid = parent[cid]
        return cid

    roots = nested["comment_id"].map(root)
    flat = nested.assign(
        root_rank=roots.map({r: k for k, r in enumerate(dict.fromkeys(roots))}),
        is_reply=nested["parent_id"] != "",
    ).sort_values(["root_rank", "is_reply", "created_at", "page_order"], kind="stable")
    return {"nested": nested, "flat": flat}


def blocks_of(page: pd.DataFrame, dated: bool = False) -> list[CommentBlock]:
    """The page's comment blocks; ``dated``: with their times to the minute, as pages show."""
    author = dict(zip(page["comment_id"], page["author"], strict=True))
    times = [f"{t[:16]}:00" if dated else None for t in page["created_at"]]
    return [CommentBlock([], author=a, reply_to=author[p] if p else None, reply_to_line=0,
                         created_at=t)
            for a, p, t in zip(page["author"], page["parent_id"], times, strict=True)]


def latest_on_the_chain(blocks: list[CommentBlock]) -> list[ReplyLink]:
    """The rule before shared words and back-and-forths: the latest of NAME's comments on the
    chain the comment above answers, else the latest."""
    def one_of_several(earlier, index, blocks, parents, words, min_shared_words):
        chain = layout._chain(parents, index - 1)
        on_chain = [c for c in earlier if c in chain]
        return (on_chain or earlier)[-1], 0.0, "before"

    with mock.patch.object(layout, "_one_of_several", one_of_several):
        return link_replies(blocks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    raw = pd.read_csv(args.data / "threads.csv", dtype=str, keep_default_na=False)
    raw["page_order"] = raw["page_order"].astype(int)
    rules = {"before": None, "no words": 0, **{f"{k} word(s)": k for k in SHARED_WORDS}}
    right = defaultdict(Counter)  # rule -> thread -> links right among those with a choice
    several = Counter()  # thread -> links with a choice
    by_confidence = defaultdict(Counter)
    every = Counter()  # (order, dated) -> links right among all
    for tid, thread in raw.groupby("thread_id", sort=True):
        for order, page in orders(thread).items():
            blocks = blocks_of(page)
            index = {cid: k for k, cid in enumerate(page["comment_id"])}
            truth = [index.get(p) for p in page["parent_id"]]
            texts = page["text"].tolist()
            chosen = [k for k, link in enumerate(link_replies(blocks, texts))
                      if "earlier comments by that name" in link.evidence]
            several[tid] += len(chosen)
            for rule, k in rules.items():
                if k is None:
                    links = latest_on_the_chain(blocks)
                elif k == 0:
                    links = link_replies(blocks)
                else:
                    links = link_replies(blocks, texts, min_shared_words=k)
                right[rule][tid] += sum(links[i].parent == truth[i] for i in chosen)
            for dated in (False, True):
                links = link_replies(blocks_of(page, dated), texts)
                every[order, dated] += sum(link.parent == true
                                           for link, true in zip(links, truth, strict=True))
                every[order, "links"] += len(links) * (not dated)
            for link, true in zip(link_replies(blocks, texts), truth, strict=True):
                by_confidence[link.confidence]["links"] += 1
                by_confidence[link.confidence]["right"] += link.parent == true
    threads = sorted(several)
    print("links where NAME has several earlier comments, right / all (nested + flat):")
    print("rule".ljust(12) + "".join(t[:8].rjust(10) for t in threads) + "       ALL")
    for rule in rules:
        cells = "".join(f"{right[rule][t]:>5}/{several[t]:<4}" for t in threads)
        total = sum(right[rule].values())
        print(rule.ljust(12) + cells + f"  {total}/{sum(several.values())} "
              f"= {total / sum(several.values()):.3f}")
    held_out = 0
    for t in threads:
        fit = [u for u in threads if u != t]
        candidates = [r for r in rules if r != "before"]
        best = max(candidates, key=lambda r: (sum(right[r][u] for u in fit), -candidates.index(r)))
        held_out += right[best][t]
        print(f"  leaving {t} out: {best} chosen on the other seven, {right[best][t]}/{several[t]}")
    print(f"held out: {held_out}/{sum(several.values())} = "
          f"{held_out / sum(several.values()):.3f}; shipped: "
          f"{layout.MIN_SHARED_WORDS} word(s)")
    print("all links of the shipped rule, undated / with times to the minute (comments of "
          "NAME dated after the reply left out):")
    for order in ("nested", "flat"):
        n = every[order, "links"]
        print(f"  {order}: {every[order, False] / n:.3f} / {every[order, True] / n:.3f} of {n}")
    print("reply_confidence of the shipped rule against how often it is right (undated):")
    for confidence, count in sorted(by_confidence.items()):
        print(f"  {confidence:.2f}: {count['right']}/{count['links']} = "
              f"{count['right'] / count['links']:.3f}")


if __name__ == "__main__":
    main()
