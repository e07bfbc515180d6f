"""Reply structure read from indentation, on the Reddit threads written out indented.

The threads of ``../shared/eval/threads`` are written out again here, in memory (nothing is
saved), as a headline, a gap and their comments in nested page order, the way a scraper or a
tree dump may leave them:

- ``spaces``: each reply two spaces deeper than the comment it answers;
- ``tabs``: one tab per level;
- ``tree``: tree lines ("│  ├─ ") before each comment's first line, "│  " before the others;
- ``blank_lines``: four spaces per level and a blank line between comments;
- ``hanging`` (no depth shown): every comment flush left, its later lines indented two spaces,
  the case that must not be read as depth.

Each page goes through the page reader (``analysis.readers.read_bytes``) and reply inference
for the links the page does not give (``analysis.replies.infer_parents``), and is scored against
the true trees: exact comment spans, and parents (a comment's parent is right when the comment
read at its first line answers the comment read at its true parent's first line, or both are
top-level). "before" is the reading with indentation ignored (the page reader as it was: the
lines with their indentation through ``segment_comments`` and reply inference).

Out of sample: whether a page is read by its indentation rests on two rates measured on the
threads themselves (``analysis.segment.BOUNDARY_CLUE_JOINS``, the highest share of comment
breaks the join clues wrongly join on any thread, and ``CONTINUATION_CLUE_COVERAGE``, the
lowest share of continuation lines they join); the decision is made again for each thread with
the rates of the other seven, and the table says on how many pages it differs.

usage (from the repo root): python -m benchmarks.indented_pages [--data DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis import segment as seg
from analysis.indentation import read_indentation
from analysis.readers import read_bytes
from analysis.replies import article_documents, infer_parents
from benchmarks import blank_lines
from benchmarks.clue_table import DEFAULT_DATA, Thread, load_threads

KINDS = ("spaces", "tabs", "tree", "blank_lines", "hanging")
HEAD_LINES = 13  # the headline and 12 blank lines, as in the evaluation pages


def depths(thread: Thread) -> list[int]:
    parent_of = dict(zip(thread.comments["comment_id"], thread.comments["parent_id"],
                         strict=True))
    out = []
    for comment in thread.comments["comment_id"]:
        depth, parent = 0, parent_of[comment]
        while parent:
            depth, parent = depth + 1, parent_of[parent]
        out.append(depth)
    return out


def render(thread: Thread, kind: str) -> tuple[list[str], list[tuple[int, int]]]:
    """The page's lines and the true (line_start, line_end) of each comment, 1-based."""
    text = dict(thread.section)
    lines = ["headline"] + [""] * (HEAD_LINES - 1)
    spans = []
    for k, ((start, end), depth) in enumerate(zip(thread.spans, depths(thread), strict=True)):
        if kind == "blank_lines" and k:
            lines.append("")
        first = {"spaces": "  " * depth, "tabs": "\t" * depth, "blank_lines": "    " * depth,
                 "tree": "│  " * (depth - 1) + "├─ " if depth else "", "hanging": ""}[kind]
        later = {"tree": "│  " * depth, "hanging": "  "}.get(kind, first)
        spans.append((len(lines) + 1, len(lines) + 1 + end - start))
        lines += [(first if j == start else later) + text[j] for j in range(start, end + 1)]
    return lines, spans


def score(thread: Thread, comments: pd.DataFrame, spans: list[tuple[int, int]]
          ) -> tuple[int, int]:
    """(exact spans, right parents) of a reading against the true tree, matched by overlap as
    ``../shared/eval/score_furniture.py`` does: a comment read is owned by the true comment
    whose lines it overlaps most; a true comment's parent is right when the comment read that
    it owns and overlaps most answers a comment owned by its true parent (or both are
    top-level)."""
    owner_of_line = {n: k for k, (start, end) in enumerate(spans) for n in range(start, end + 1)}
    read = list(zip(comments["comment_id"], comments["line_start"].astype(int),
                    comments["line_end"].astype(int), comments["parent_id"], strict=True))
    owner, overlap = {}, {}
    for cid, start, end, _ in read:
        counts = pd.Series([owner_of_line[n] for n in range(start, end + 1)
                            if n in owner_of_line]).value_counts(sort=False)
        if len(counts):
            owner[cid] = int(counts.idxmax())
            overlap[cid] = int(counts.max())
    rep: dict[int, str] = {}
    for cid, *_ in read:
        if cid in owner and (owner[cid] not in rep or overlap[cid] > overlap[rep[owner[cid]]]):
            rep[owner[cid]] = cid
    index = {cid: k for k, cid in enumerate(thread.comments["comment_id"])}
    parent_read = {cid: parent for cid, _, _, parent in read}
    right = 0
    for k, parent in enumerate(thread.comments["parent_id"]):
        if k not in rep:
            continue
        got = parent_read[rep[k]]
        if pd.isna(got):
            right += not parent
        else:
            right += bool(parent) and owner.get(got) == index[parent]
    got_spans = set(zip(comments["line_start"].astype(int), comments["line_end"].astype(int),
                        strict=True))
    return len(got_spans & set(spans)), right


def read_before(lines: list[str]) -> pd.DataFrame:
    """The reading with indentation ignored: lines as they are, clues, reply inference."""
    section = [(n, text) for n, text in enumerate(lines, start=1)
               if n > HEAD_LINES and text.strip()]
    segments = seg.segment_comments(section)
    frame = pd.DataFrame({
        "article_id": "a", "comment_id": [f"L{s.line_start}" for s in segments],
        "line_start": [s.line_start for s in segments], "line_end": [s.line_end for s in segments],
        "text": [s.text for s in segments], "position": range(len(segments)),
        "parent_id": None, "reply_confidence": None, "reply_inferred": True,
    })
    return infer_parents(frame, {"a": lines[0]})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    threads = load_threads(args.data)
    boundary_rate, continuation_rate = {}, {}
    for t in threads:
        boundary_rate[t.tid] = blank_lines.boundary_rate(t)
        continuation_rate[t.tid] = blank_lines.coverage(t)
    print("share of comment breaks the join clues join, per thread: "
          + ", ".join(f"{tid} {v:.3f}" for tid, v in boundary_rate.items())
          + f"; highest {max(boundary_rate.values()):.3f} "
          f"(shipped: {seg.BOUNDARY_CLUE_JOINS}); lowest continuation share "
          f"{min(continuation_rate.values()):.3f} (shipped: {seg.CONTINUATION_CLUE_COVERAGE})\n")
    print("| indentation | comments | spans before | spans now | parents before | parents now "
          "| pages read by indentation: in sample | out of sample |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        total = spans_before = spans_now = parents_before = parents_now = 0
        in_sample = out_of_sample = 0
        for t in threads:
            lines, spans = render(t, kind)
            data = ("\n".join(lines) + "\n").encode("utf-8")
            source = read_bytes(f"{t.tid}.txt", data)
            now = infer_parents(source.comments, article_documents(source.articles))
            exact, right = score(t, now, spans)
            spans_now, parents_now = spans_now + exact, parents_now + right
            exact, right = score(t, read_before(lines), spans)
            spans_before, parents_before = spans_before + exact, parents_before + right
            total += len(spans)
            section = [(n, text) for n, text in enumerate(lines, start=1)
                       if n > HEAD_LINES and text.strip()]
            in_sample += read_indentation(section) is not None
            others = [o.tid for o in threads if o is not t]
            out_of_sample += read_indentation(
                section, max(boundary_rate[o] for o in others),
                min(continuation_rate[o] for o in others)) is not None
        print(f"| {kind} | {total} | {spans_before / total:.3f} | {spans_now / total:.3f} "
              f"| {parents_before / total:.3f} | {parents_now / total:.3f} | {in_sample} "
              f"| {out_of_sample} |")


if __name__ == "__main__":
    main()
