"""Time one hand correction on a large analysed corpus (what a click costs, without the app).

usage (from the repo root): .venv/bin/python benchmarks/correction_click.py [--comments N]

Builds the benchmark's generated corpus of N comment lines (page text, about 40-400 comments an
article), analyses it once (or loads it from the on-disk cache), then applies, best of 3:
a join, a split, a re-attached comment and a line marked as no comment, each alone, and all
four together; and a corrections list of 20 rows over 10 articles (what a session of clicks
holds: every click applies the whole list to the analysis again). Prints the seconds of each
and, for comparison, the analysis time.
"""

from __future__ import annotations

import argparse
import time

from analysis.bench import build_corpus
from analysis.cache import load_or_analyse
from analysis.corrections import Correction, apply_corrections
from analysis.schema import Col


def _best(function, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args()
    corpus = build_corpus(args.comments)
    start = time.perf_counter()
    result = load_or_analyse(corpus.files)
    analysed = time.perf_counter() - start
    comments = result.comments
    how = "from the cache" if "cache_load" in result.timings else "analysed"
    print(f"comments={len(comments)} articles={comments[Col.ARTICLE_ID].nunique()} "
          f"load_s={analysed:.2f} ({how})")

    def rows_of(source_index: int) -> list[Correction]:
        name = corpus.files[source_index][0]
        mine = comments[comments[Col.SOURCE] == name]
        starts = mine[Col.LINE_START].astype(int).tolist()
        ends = mine[Col.LINE_END].astype(int).tolist()
        multi = next((s for s, e in zip(starts, ends, strict=True) if e > s), None)
        rows = [Correction(name, str(starts[5]), "join"),
                Correction(name, str(starts[12]), "parent", str(starts[2])),
                Correction(name, str(starts[20]), "skip")]
        if multi is not None:
            rows.append(Correction(name, str(multi + 1), "split"))
        return rows

    middle = len(corpus.files) // 2
    one = rows_of(middle)
    for row in one:
        seconds = _best(lambda row=row: apply_corrections(result, [row]))
        print(f"one {row.action}: {seconds * 1000:.0f} ms")
    print(f"all four in one article: {_best(lambda: apply_corrections(result, one)) * 1000:.0f} ms")
    spread = [row for k in range(0, len(corpus.files), max(1, len(corpus.files) // 10))[:10]
              for row in rows_of(k)[:2]]
    seconds = _best(lambda: apply_corrections(result, spread))
    print(f"{len(spread)} rows over 10 articles: {seconds * 1000:.0f} ms")


if __name__ == "__main__":
    main()
