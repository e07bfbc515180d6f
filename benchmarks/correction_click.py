"""Time one hand correction on a large analysed corpus (what a click costs, without the app).

usage (from the repo root): .venv/bin/python benchmarks/correction_click.py [--comments N]

Builds the benchmark's generated corpus of N comment lines (page text, about 40-400 comments an
article), analyses it once (or loads it from the on-disk cache), then applies, best of 3:
a join, a split, a re-attached comment and a line marked as no comment, each alone (also on
the same analysis without its kept topic model, where a changed comment takes the topic of the
comment its first line came from: the cost of placing changed comments by the model), and all
four together; and a corrections list of 20 rows over 10 articles (what a session of clicks
holds: every click applies the whole list to the analysis again), and one more row after
those with the memo the app keeps (only the newly corrected source is rebuilt). Prints the
seconds of each and, for comparison, the analysis time.

With ``--app``, the same corpus is uploaded to the real app (Streamlit's AppTest, server side;
saved corrections go to a temporary data folder), the Threads page is opened and corrections
are clicked in its reading view: the time of each click's script run, which includes applying
every correction of the session, checking the new one and drawing the page again.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from dataclasses import replace

import numpy as np

from analysis.bench import best_of, build_corpus
from analysis.cache import load_or_analyse
from analysis.corrections import Correction, apply_corrections
from analysis.schema import Col
from analysis.topics import place_topics


def _best(function, repeat: int = 3) -> float:
    return best_of(function, repeat)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--app", action="store_true", help="click corrections in the app")
    args = parser.parse_args()
    corpus = build_corpus(args.comments)
    if args.app:
        click_in_the_app(corpus)
        return
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
    unplaced = replace(result, topics=None)  # changed comments take their first line's topic
    for row in one:
        seconds = _best(lambda row=row: apply_corrections(result, [row]))
        before = _best(lambda row=row: apply_corrections(unplaced, [row]))
        print(f"one {row.action}: {seconds * 1000:.0f} ms "
              f"(without placing topics by the model: {before * 1000:.0f} ms)")
    article = comments[comments[Col.SOURCE] == corpus.files[middle][0]]
    seconds = _best(lambda: place_topics(article, result.topics, result.articles,
                                         np.ones(len(article), dtype=bool)))
    print(f"placing all {len(article)} comments of that article by the model: "
          f"{seconds * 1000:.1f} ms")
    print(f"all four in one article: {_best(lambda: apply_corrections(result, one)) * 1000:.0f} ms")
    spread = [row for k in range(0, len(corpus.files), max(1, len(corpus.files) // 10))[:10]
              for row in rows_of(k)[:2]]
    seconds = _best(lambda: apply_corrections(result, spread))
    print(f"{len(spread)} rows over 10 articles: {seconds * 1000:.0f} ms")
    # A session's next click: one more row, the other sources' articles from the memo.
    memo: dict = {}
    apply_corrections(result, spread, memo=memo)
    extra = rows_of(middle + 1)[:1]
    seconds = _best(lambda: apply_corrections(result, [*spread, *extra], memo=dict(memo)))
    print(f"one more row after those {len(spread)}, with the memo: {seconds * 1000:.0f} ms")


def click_in_the_app(corpus) -> None:
    os.environ["COMMENTSCOPE_DATA_DIR"] = tempfile.mkdtemp(prefix="commentscope-bench-")
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from analysis.readers import PROJECT_ROOT

    original = PagesManager.__init__

    def init(self, *a, **k):  # as a server does: leave the pages-folder mode for good
        original(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=1800).run()
    uploader = at.get("file_uploader")[0]
    for name, data in corpus.files:
        uploader.upload(name, data, "text/plain")
    start = time.perf_counter()
    at.run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption if " of " in c.value and "comments" in c.value][:1]
    print(f"upload, analysis and Threads page: {time.perf_counter() - start:.1f} s; {shown}")
    clicks = []

    def click(suffix: str, index: int, line: int | None = None) -> None:
        keys = [b.key for b in at.button if b.key and b.key.endswith(suffix)]
        if line is not None:
            at.number_input(key=keys[index].replace(suffix, ".line")).set_value(line)
        start = time.perf_counter()
        at.button(key=keys[index]).click().run()
        clicks.append(time.perf_counter() - start)
        assert not at.exception, [e.stack_trace for e in at.exception]
        assert not at.error, [e.value for e in at.error]

    for _ in range(3):
        click(".join", 1)  # the second comment of the reading view joins the first
        first = [c.value for c in at.caption if c.value.startswith("line")][0]
        click(".answer", 3, int(first.split(" ")[1].split("-")[0]))  # the fourth answers it
    now = [c.value for c in at.caption if " of " in c.value and "comments" in c.value][:1]
    print(f"clicks: {', '.join(f'{s * 1000:.0f}' for s in clicks)} ms "
          f"(median {statistics.median(clicks) * 1000:.0f} ms); page now says {now}")
    start = time.perf_counter()
    at.button(key="corrections.undo_all").click().run()
    print(f"undo all: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
