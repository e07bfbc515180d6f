"""Comment spans on pages whose comment section has blank lines: ``blank_separated`` and
``blank_paragraph``.

The Reddit threads of ``../shared/eval/threads`` have no blank line in their comment sections,
so they are written out again here, in memory (nothing is saved), in the ways a scraper or a
copy from a browser may leave them:

- ``comment``: a blank line between comments, a comment's lines together;
- ``mixed``: the same, with a blank line also between a comment's lines half of the time;
- ``every_line``: a blank line between all lines (nothing to tell a comment's lines apart);
- ``thread``: a blank line only between threads (before each top-level comment), where lines
  without a blank between are mostly separate comments: the case the join must not fire on;
- ``paragraph``: no blank line between comments, a blank line between a comment's lines (a
  scraper that joins texts holding blank lines with single line breaks): ``blank_paragraph``;
- ``numbered``: no blank line, each comment's first line opening with its number ("12. "):
  ``numbered``; ``numbered_comment``: the same with a blank line between comments;
- ``none``: the pages as they are (their comments' own numbered lists must stay lists).

A line the page reader takes as blank (only invisible characters: two zero-width-space lines in
fjn0j9) is left out here too, so each page is segmented as the reader would see it.

Each is segmented: one line = one comment; without ``blank_separated`` and ``blank_paragraph``
(the reading before them); with ``blank_separated`` and no guard; and as shipped, with the
guard (the other join clues must not join far fewer of the line pairs without a blank between
than the lowest share of continuation lines they join on any thread,
CONTINUATION_CLUE_COVERAGE), in sample (the shipped constant, measured on all eight threads) and
out of sample (each thread read with the lowest share of the other seven, and for
``blank_paragraph`` the highest share of comment breaks they join, BOUNDARY_CLUE_JOINS, of the
other seven). Prints exact spans,
the worst comment-count error and how many pages read each way, per kind.

usage (from the repo root): python -m benchmarks.blank_lines [--data DIR]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from analysis import segment as seg
from analysis.sources.decoding import visible
from benchmarks.clue_table import DEFAULT_DATA, Thread, load_threads, true_joins

KINDS = ("comment", "mixed", "every_line", "thread", "paragraph", "numbered",
         "numbered_comment", "none")
SEED = 11


def render(thread: Thread, kind: str, rng: random.Random) -> tuple[list[tuple[int, str]],
                                                                    list[tuple[int, int]]]:
    """The thread's comment lines renumbered with blank lines as ``kind`` puts them, and the
    true spans in the new numbering."""
    text = dict(thread.section)
    top_level = (thread.comments["parent_id"] == "").tolist()
    lines: list[tuple[int, str]] = []
    spans = []
    number = 0
    for k, (start, end) in enumerate(thread.spans):
        if k and (kind in ("comment", "mixed", "every_line", "numbered_comment")
                  or (kind == "thread" and top_level[k])):
            number += 1  # a blank line
        first = number + 1
        for j, old in enumerate(range(start, end + 1)):
            if j and (kind in ("every_line", "paragraph")
                      or (kind == "mixed" and rng.random() < 0.5)):
                number += 1
            number += 1
            numbering = f"{k + 1}. " if kind.startswith("numbered") and j == 0 else ""
            if numbering or visible(text[old]):  # the page reader takes the rest as blank
                lines.append((number, numbering + text[old]))
        spans.append((first, number))
    return lines, spans


def coverage(thread: Thread) -> float:
    """Share of the thread's true continuation lines that the other shipped join clues join."""
    truth = true_joins(thread.spans)
    made = true_joins([(s.line_start, s.line_end) for s in seg.segment_comments(
        thread.section, seg.SHIPPED_JOINS - {seg.BLANK_SEPARATED, seg.BLANK_PARAGRAPH})])
    return len(made & truth) / len(truth)


def boundary_rate(thread: Thread) -> float:
    """Share of the thread's breaks between comments that the other shipped join clues join."""
    truth = true_joins(thread.spans)
    made = true_joins([(s.line_start, s.line_end) for s in seg.segment_comments(
        thread.section, seg.SHIPPED_JOINS - {seg.BLANK_SEPARATED, seg.BLANK_PARAGRAPH})])
    return len(made - truth) / (len(thread.spans) - 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    threads = load_threads(args.data)
    for t in threads:
        assert len(t.spans) == len(t.comments), t.tid
    per_thread = {t.tid: coverage(t) for t in threads}
    held_out = {tid: min(v for other, v in per_thread.items() if other != tid)
                for tid in per_thread}
    boundary = {t.tid: boundary_rate(t) for t in threads}
    boundary_held_out = {tid: max(v for other, v in boundary.items() if other != tid)
                         for tid in boundary}
    print("share of continuation lines the other join clues join, per thread: "
          + ", ".join(f"{tid} {v:.3f}" for tid, v in per_thread.items())
          + f"; lowest {min(per_thread.values()):.3f} (shipped: "
          f"{seg.CONTINUATION_CLUE_COVERAGE})\n")
    readings = {
        "one line = one comment": lambda lines, t: frozenset(),
        "without the page-form clues": lambda lines, t: seg.SHIPPED_JOINS - {
            seg.BLANK_SEPARATED, seg.BLANK_PARAGRAPH, seg.NUMBERED},
        "blank_separated, no guard": lambda lines, t: 0.0,
        "shipped, in sample": lambda lines, t: (seg.CONTINUATION_CLUE_COVERAGE,
                                                seg.BOUNDARY_CLUE_JOINS),
        "shipped, out of sample": lambda lines, t: (held_out[t.tid], boundary_held_out[t.tid]),
    }
    print("| page | reading | exact spans | worst count error | pages read as "
          "blank-separated | as blank lines between paragraphs | as numbered |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for kind in KINDS:
        rng = random.Random(SEED)
        pages = [(t, *render(t, kind, rng)) for t in threads]
        for name, setting in readings.items():
            exact = comments = fired = fired_within = fired_numbered = 0
            worst = 0.0
            for t, lines, spans in pages:
                chosen = setting(lines, t)
                if isinstance(chosen, frozenset):
                    got = seg.segment_comments(lines, chosen)
                elif chosen == 0.0:
                    joins = seg.SHIPPED_JOINS - {seg.BLANK_PARAGRAPH, seg.NUMBERED}
                    got = seg.segment_comments(lines, joins, clue_coverage=chosen)
                    fired += seg.blank_separated(lines, joins, clue_coverage=chosen) is not None
                else:
                    coverage_rate, boundary_joins = chosen
                    got = seg.segment_comments(lines, clue_coverage=coverage_rate,
                                               boundary_joins=boundary_joins)
                    numbered = seg.numbered_comments(lines) is not None
                    fired_numbered += numbered
                    paragraphs = not numbered and seg.blank_paragraphs(
                        lines, boundary=boundary_joins, continuation=coverage_rate) is not None
                    fired_within += paragraphs
                    fired += not numbered and not paragraphs and seg.blank_separated(
                        lines, clue_coverage=coverage_rate) is not None
                exact += len({(s.line_start, s.line_end) for s in got} & set(spans))
                comments += len(spans)
                worst = max(worst, abs(len(got) - len(spans)) / len(spans))
            print(f"| {kind} | {name} | {exact / comments:.3f} | {worst:.0%} | {fired} "
                  f"| {fired_within} | {fired_numbered} |")


if __name__ == "__main__":
    main()
