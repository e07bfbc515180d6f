"""End-to-end reply parents and spans on news-like pages made from the Reddit threads.

The unseen news pages of issue 13 differ from the Reddit threads in one way this script can
copy: 44% of their comment lines continue a comment (19% on the threads). Each thread is
resampled twice (seeds 0 and 1) with ``benchmarks.segment_prior.news_like``: every multi-line
comment and a random share of the one-line ones, in page order. A kept comment's true parent is
its nearest kept ancestor (top-level when none is kept). The page keeps its thread's title and
post above the usual run of blank lines, and is read like any page: through
``analysis.pipeline.analyse_paths`` or, with ``--checkout DIR``, through ``python -m analysis
comments`` run in another checkout (an older commit, say), so two versions read the same pages.

Scored like ``../shared/eval/score_threads.py``: a true comment's parent is right when a
comment starts on its first line and its parent starts on the true parent's first line; spans
count exact (first line, last line) matches. Two readings of each page: as resampled, and with
each comment on one line (what the issue calls "given the true comments"). Beside them: one
line per comment with the previous line as parent, and page order given the true comments.

Nothing here is tuned: it measures what ships. Data: ``../shared/eval/threads`` (read only;
pages are written to a temporary folder).

usage (from the repo root):
  .venv/bin/python -m benchmarks.news_like [--threads DIR] [--checkout DIR]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from analysis.schema import Col
from benchmarks.eval_segmentation import THREADS
from benchmarks.segment_prior import news_like

SEEDS = (0, 1)


@dataclass
class TruePage:
    name: str
    text: str  # the whole page: title and post, blank lines, comment lines
    starts: list[int]  # per true comment, in page order: first line
    ends: list[int]
    parents: list[int | None]  # first line of the true parent, None for top-level


def _thread_pages(threads: Path, tid: str, seed: int) -> tuple[TruePage, TruePage]:
    raw = (threads / f"{tid}.txt").read_text(encoding="utf-8").split("\n")
    with (threads / f"{tid}.lines.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (threads / "threads.csv").open(encoding="utf-8", newline="") as fh:
        parent_of = {r["comment_id"]: r["parent_id"] for r in csv.DictReader(fh)
                     if r["thread_id"] == tid}
    header_lines = int(rows[0]["line_start"]) - 1
    lines = [(n, raw[n - 1]) for n in range(header_lines + 1, len(raw) + 1) if raw[n - 1].strip()]
    spans = [(int(r["line_start"]), int(r["line_end"])) for r in rows]
    id_of = {span: r["comment_id"] for span, r in zip(spans, rows, strict=True)}
    page_lines, page_spans = news_like(lines, spans, seed=seed)
    kept = _kept_comments(dict(lines), spans, page_lines, page_spans, id_of)
    kept_set = set(kept)

    def ancestor(comment: str) -> str:
        parent = parent_of[comment]
        while parent and parent not in kept_set:
            parent = parent_of.get(parent, "")
        return parent

    header = raw[:header_lines]
    name = f"{tid}_s{seed}"
    as_page = _page(name, header, [t for _, t in page_lines],
                    [(a + header_lines, b + header_lines) for a, b in page_spans],
                    kept, ancestor)
    text = dict(page_lines)
    one_line = [" ".join(text[n] for n in range(a, b + 1)) for a, b in page_spans]
    first = header_lines + 1
    on_one_line = _page(name, header, one_line,
                        [(first + k, first + k) for k in range(len(one_line))], kept, ancestor)
    return as_page, on_one_line


def _kept_comments(text: dict[int, str], spans, page_lines, page_spans, id_of) -> list[str]:
    """Ids of the thread's comments the resample kept, in page order (matched by their lines)."""
    kept, k = [], 0
    for a, b in spans:
        if k < len(page_spans):
            start, end = page_spans[k]
            if [t for _, t in page_lines[start - 1:end]] == [text[n] for n in range(a, b + 1)]:
                kept.append(id_of[(a, b)])
                k += 1
    assert k == len(page_spans), "every resampled comment is a comment of the thread"
    return kept


def _page(name, header, comment_lines, spans, kept, ancestor) -> TruePage:
    start_of = {c: a for c, (a, _) in zip(kept, spans, strict=True)}
    parents = [start_of.get(ancestor(c)) for c in kept]
    return TruePage(name, "\n".join([*header, *comment_lines]) + "\n",
                    [a for a, _ in spans], [b for _, b in spans], parents)


@dataclass
class Reading:
    starts: list[int]
    ends: list[int]
    parent_starts: list[int | None]


def _read_here(path: Path) -> Reading:
    from analysis.pipeline import analyse_paths

    comments = analyse_paths([path]).comments
    return _reading(comments[Col.COMMENT_ID].astype(str).tolist(),
                    comments[Col.PARENT_ID].fillna("").astype(str).tolist(),
                    comments[Col.LINE_START].tolist(), comments[Col.LINE_END].tolist())


def _read_with_checkout(path: Path, checkout: Path) -> Reading:
    out = path.with_suffix(".csv")
    subprocess.run([sys.executable, "-m", "analysis", "comments", str(path), "--out", str(out)],
                   cwd=checkout, check=True, capture_output=True)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return _reading([r["comment_id"] for r in rows], [r["parent_id"] for r in rows],
                    [float(r["line_start"]) for r in rows], [float(r["line_end"]) for r in rows])


def _reading(ids, parents, starts, ends) -> Reading:
    start_of = {i: int(s) for i, s in zip(ids, starts, strict=True)}
    return Reading([int(s) for s in starts], [int(e) for e in ends],
                   [start_of.get(p) if p else None for p in parents])


@dataclass
class Score:
    comments: int = 0
    parents: int = 0
    spans: int = 0
    found: int = 0
    one_line_parents: int = 0
    one_line_spans: int = 0
    page_order: int = 0

    def add(self, other: Score) -> None:
        for field in self.__dataclass_fields__:
            setattr(self, field, getattr(self, field) + getattr(other, field))


def score(page: TruePage, reading: Reading) -> Score:
    parent_at = dict(zip(reading.starts, reading.parent_starts, strict=True))
    found_spans = set(zip(reading.starts, reading.ends, strict=True))
    result = Score(comments=len(page.starts), found=len(reading.starts))
    for k, (start, end, parent) in enumerate(zip(page.starts, page.ends, page.parents,
                                                 strict=True)):
        result.spans += (start, end) in found_spans
        result.parents += start in parent_at and parent_at[start] == parent
        result.one_line_spans += start == end
        result.one_line_parents += parent == (start - 1 if k else None)
        result.page_order += parent == (page.starts[k - 1] if k else None)
    return result


def run(threads: Path, checkout: Path | None) -> str:
    tids = sorted(p.stem for p in threads.glob("*.txt"))
    totals = {"as resampled": Score(), "each comment on one line": Score()}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for tid in tids:
            for seed in SEEDS:
                for label, page in zip(totals, _thread_pages(threads, tid, seed), strict=True):
                    path = Path(tmp) / f"{page.name}_{len(rows)}.txt"
                    path.write_text(page.text, encoding="utf-8")
                    reading = (_read_with_checkout(path, checkout) if checkout
                               else _read_here(path))
                    got = score(page, reading)
                    totals[label].add(got)
                    rows.append((page.name, label, got))
    out = ["| page | reading | comments | found | parents | spans | one line per comment: "
           "parents | spans | page order, true comments |", "|---|---|---|---|---|---|---|---|---|"]
    for name, label, got in [*rows, *(("**all**", k, v) for k, v in totals.items())]:
        n = got.comments
        out.append(f"| {name} | {label} | {n} | {got.found} | {got.parents / n:.3f} | "
                   f"{got.spans / n:.3f} | {got.one_line_parents / n:.3f} | "
                   f"{got.one_line_spans / n:.3f} | {got.page_order / n:.3f} |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=Path, default=THREADS)
    parser.add_argument("--checkout", type=Path, default=None,
                        help="read the pages with `python -m analysis comments` run in this "
                             "checkout (this interpreter, that code)")
    args = parser.parse_args()
    if not args.threads.is_dir():
        sys.exit(f"no threads at {args.threads}: the shared eval data is not beside the repo")
    print(run(args.threads, args.checkout))


if __name__ == "__main__":
    main()
