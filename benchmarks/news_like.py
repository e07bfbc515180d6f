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

``--soft-link`` measures instead an idea that did not ship: keep the spans, but link a comment
that answers "the comment above" to the most probable start of the true comment holding the line
above, by the continuation probabilities of the segmentation model of
``benchmarks/segment_prior.py`` (trained on the other threads, at the training prior or a page
prior up to the news pages' 0.44).

usage (from the repo root):
  .venv/bin/python -m benchmarks.news_like [--threads DIR] [--checkout DIR] [--soft-link]
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


# ------------------------------------------------------------------ soft linking (not shipped)

SOFT_LINK_PRIORS = (None, 0.3, 0.44)
"""Continuation priors tried: the training prior (None), and up to the news pages' 0.44."""

LONGEST_BACK = 6


def block_start_links(reading: Reading, continues: dict[int, float]) -> Reading:
    """``reading`` with each link to the comment above moved to the most probable start of
    the true comment that holds the line above: line ``j`` starts it with probability
    ``(1 - p_j) * p_(j+1) * ... * p_(i-1)`` (``continues``: line number to the probability that
    it continues the line before, each taken as independent). The link goes to the comment of
    the reading that holds that line."""
    holder = {n: start for start, end in zip(reading.starts, reading.ends, strict=True)
              for n in range(start, end + 1)}
    parents = list(reading.parent_starts)
    for k, start in enumerate(reading.starts):
        above = reading.starts[k - 1] if k else None
        if above is None or parents[k] != above:
            continue
        best, best_p, run = start - 1, -1.0, 1.0
        for line in range(start - 1, max(start - 1 - LONGEST_BACK, 0), -1):
            if line not in continues:
                break
            if (1 - continues[line]) * run > best_p:
                best, best_p = line, (1 - continues[line]) * run
            run *= continues[line]
        parents[k] = holder.get(best, above)
    return Reading(reading.starts, reading.ends, parents)


def _continuation_probabilities(page: TruePage, model, prior: float) -> dict[int, float]:
    from benchmarks import segment_prior as sp

    raw = page.text.split("\n")
    lines = [(n, raw[n - 1]) for n in range(page.starts[0], len(raw) + 1) if raw[n - 1].strip()]
    cues, adjacent = sp.line_cues(lines)
    post = sp.posteriors(model, cues, adjacent, prior)
    return {n: float(p) for (n, _), p in zip(lines, post, strict=True)}


def soft_link_table(threads: Path) -> str:
    """Parents of today's reading and of block-start links, each thread read by a segmentation
    model (benchmarks.segment_prior) trained on the other threads as they are."""
    from benchmarks import segment_prior as sp

    tids = sorted(p.stem for p in threads.glob("*.txt"))
    as_is = {page.name: page for page in sp.load_pages(threads)}
    labels = ("as resampled", "each comment on one line")
    today = {label: Score() for label in labels}
    moved = {(label, prior): Score() for label in labels for prior in SOFT_LINK_PRIORS}
    with tempfile.TemporaryDirectory() as tmp:
        for tid in tids:
            model = sp.fit_model([page.training_data() for name, page in as_is.items()
                                  if name != tid])
            for seed in SEEDS:
                for label, page in zip(labels, _thread_pages(threads, tid, seed), strict=True):
                    path = Path(tmp) / f"{page.name}_{label[:4]}.txt"
                    path.write_text(page.text, encoding="utf-8")
                    reading = _read_here(path)
                    today[label].add(score(page, reading))
                    for prior in SOFT_LINK_PRIORS:
                        continues = _continuation_probabilities(
                            page, model, model.train_prior if prior is None else prior)
                        moved[label, prior].add(
                            score(page, block_start_links(reading, continues)))
    out = ["| page | today | " + " | ".join(
        f"block starts, prior {'of training' if p is None else p}" for p in SOFT_LINK_PRIORS)
        + " |", "|---|---|" + "---|" * len(SOFT_LINK_PRIORS)]
    for label in labels:
        n = today[label].comments
        out.append(f"| {label} | {today[label].parents / n:.3f} | " + " | ".join(
            f"{moved[label, p].parents / n:.3f}" for p in SOFT_LINK_PRIORS) + " |")
    return "\n".join(out)


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
    parser.add_argument("--soft-link", action="store_true",
                        help="instead: link to the most probable start of the comment above "
                             "(measured, not shipped)")
    args = parser.parse_args()
    if not args.threads.is_dir():
        sys.exit(f"no threads at {args.threads}: the shared eval data is not beside the repo")
    print(soft_link_table(args.threads) if args.soft_link else run(args.threads, args.checkout))


if __name__ == "__main__":
    main()
