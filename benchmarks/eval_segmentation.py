"""Score ``segment_comments`` on real Reddit threads flattened to page text.

Data, beside the repository: ``../shared/eval/threads/<thread>.txt`` (title, selftext, a run
of blank lines, then one line per block element of each comment) and ``<thread>.lines.csv``
(each true comment's ``line_start,line_end``). Reports, per thread and overall:

- span accuracy: share of true comments whose exact (line_start, line_end) we reproduce, next to
  the "one line = one comment" baseline;
- precision / recall of join decisions (a join = two adjacent lines in the same comment);
- precision of each evidence rule (how often the joins it made were true joins);
- span accuracy when each true comment is given on one line (its lines joined by a space), where
  one line = one comment is exact and every join is a mistake;
- the segment count and multi-line segments for seed 000, and the time for 100k lines.

Run: ``.venv/bin/python benchmarks/eval_segmentation.py [--threads DIR] [--rules] [--errors N]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from a checkout without installing the package

from analysis.segment import Segment, segment_comments  # noqa: E402

THREADS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "threads"
SEED = ROOT / "seeds" / "000_cc89e47453706f70.txt"
SEED_SECTION = (20, 102)
_RULE = re.compile(r"L(\d+): ([^;]+)")


def read_section(path: Path) -> list[tuple[int, str]]:
    """Comment section of a thread file: the non-blank lines after its longest run of blanks."""
    raw = path.read_text(encoding="utf-8").split("\n")
    best_end, run, best_run = 0, 0, 0
    for i, line in enumerate(raw):
        run = run + 1 if not line.strip() else 0
        if run > best_run:
            best_run, best_end = run, i + 1
    return [(i + 1, line) for i, line in enumerate(raw) if i >= best_end and line.strip()]


def read_truth(path: Path) -> list[tuple[int, int]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(int(r["line_start"]), int(r["line_end"])) for r in csv.DictReader(fh)]


def joins_of(spans: list[tuple[int, int]]) -> set[int]:
    """Line numbers that are joined to the line before them."""
    return {n for start, end in spans for n in range(start + 1, end + 1)}


def score_thread(path: Path, rule_hits: Counter, rule_good: Counter, errors: list) -> dict:
    section = read_section(path)
    truth = read_truth(path.with_name(path.stem + ".lines.csv"))
    segments = segment_comments(section)
    spans = [(s.line_start, s.line_end) for s in segments]
    got, true = joins_of(spans), joins_of(truth)
    for seg in segments:
        for num, rule in _RULE.findall(seg.evidence):
            key = rule.split("'")[0].split("(")[0].strip()
            rule_hits[key] += 1
            rule_good[key] += int(num) in true
            if int(num) not in true:
                errors.append((path.stem, int(num), key))
    exact = len(set(spans) & set(truth))
    base = sum(1 for s, e in truth if s == e)
    return {
        "thread": path.stem,
        "comments": len(truth),
        "exact": exact,
        "baseline": base,
        "tp": len(got & true),
        "fp": len(got - true),
        "fn": len(true - got),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def one_line_spans(threads: Path) -> list[tuple[str, int, int]]:
    """Per thread: comments, and how many come out exactly when each true comment is given on
    one line (every join is then a mistake)."""
    out = []
    for path in sorted(threads.glob("*.txt")):
        spans_file = path.with_name(path.stem + ".lines.csv")
        if not spans_file.exists():
            continue
        section = dict(read_section(path))
        comments = [
            " ".join(section[n] for n in range(start, end + 1) if n in section)
            for start, end in read_truth(spans_file)
        ]
        segments = segment_comments([(k + 1, text) for k, text in enumerate(comments)])
        out.append((path.stem, len(comments), sum(s.line_start == s.line_end for s in segments)))
    return out


def report_seed() -> None:
    lines = [
        (n, t)
        for n, t in enumerate(SEED.read_text(encoding="utf-8").split("\n"), start=1)
        if SEED_SECTION[0] <= n <= SEED_SECTION[1] and t.strip()
    ]
    segments = segment_comments(lines)
    print(f"\nseed 000 (lines {SEED_SECTION[0]}-{SEED_SECTION[1]}): {len(segments)} segments")
    for s in segments:
        if s.line_start != s.line_end or s.truncated:
            flag = " truncated" if s.truncated else ""
            print(f"  {s.line_start}-{s.line_end}{flag}: {s.evidence}")


def time_100k() -> float:
    sample = read_section(SEED)
    lines = [(i + 1, sample[i % len(sample)][1]) for i in range(100_000)]
    start = time.process_time()  # CPU time: other jobs on a shared machine do not count
    out: list[Segment] = segment_comments(lines)
    elapsed = time.process_time() - start
    assert sum(s.line_end - s.line_start + 1 for s in out) == len(lines)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=Path, default=THREADS)
    parser.add_argument("--rules", action="store_true", help="precision of each evidence rule")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong joins")
    args = parser.parse_args()
    rule_hits: Counter = Counter()
    rule_good: Counter = Counter()
    errors: list = []
    rows = [
        score_thread(p, rule_hits, rule_good, errors)
        for p in sorted(args.threads.glob("*.txt"))
        if p.with_name(p.stem + ".lines.csv").exists()
    ]
    print(f"{'thread':8} {'comments':>8} {'spans':>7} {'base':>6} {'join P':>7} {'join R':>7}")
    for r in [*rows, None]:
        if r is None:
            keys = ("comments", "exact", "baseline", "tp", "fp", "fn")
            r = {k: sum(x[k] for x in rows) for k in keys}
            r["thread"] = "ALL"
        print(
            f"{r['thread']:8} {r['comments']:8d} {_ratio(r['exact'], r['comments']):7.3f} "
            f"{_ratio(r['baseline'], r['comments']):6.3f} "
            f"{_ratio(r['tp'], r['tp'] + r['fp']):7.3f} {_ratio(r['tp'], r['tp'] + r['fn']):7.3f}"
        )
    print(f"overall exact spans: {r['exact']}/{r['comments']} (baseline {r['baseline']})")
    rows_one = one_line_spans(args.threads)
    print("\neach comment given on one line (one line = one comment: 1.000)")
    for thread, n, exact in [*rows_one, ("ALL", sum(r[1] for r in rows_one),
                                         sum(r[2] for r in rows_one))]:
        print(f"{thread:8} {n:8d} {_ratio(exact, n):7.3f}")
    if args.rules:
        print("\nrule precision on the Reddit threads:")
        for rule, hits in rule_hits.most_common():
            print(f"  {rule_good[rule]:4d}/{hits:<4d} {_ratio(rule_good[rule], hits):.2f}  {rule}")
    for thread, num, rule in errors[: args.errors]:
        text = dict(read_section(args.threads / f"{thread}.txt"))
        print(f"  {thread} L{num} [{rule}]")
        print(f"     {text.get(num - 1, '')[-90:]!r}\n   > {text[num][:90]!r}")
    report_seed()
    print(f"\n100k lines segmented in {time_100k():.2f} s of CPU")


if __name__ == "__main__":
    main()
