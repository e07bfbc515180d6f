"""Time page switches of the real app (Streamlit's AppTest, server side) on a large corpus.

usage (from the repo root): .venv/bin/python benchmarks/app_page_switch.py [--comments N]

Uploads a generated corpus of N comment lines (the benchmark's generator, as one JSONL file
with an article id per comment and no reply links, so replies are inferred), lets the first run
analyse it (or load it from the on-disk cache), then switches between the pages and prints the
time of each switch. Measures the script runs the server does for a switch; the browser's own
drawing comes on top.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.bench import build_corpus
from analysis.readers import PROJECT_ROOT

PAGES = ["sentiment", "hostility", "topics", "threads", "explorer", "overview"]


def _stay_on_navigation() -> None:
    """As a server does (see tests/test_app.py): leave the legacy pages-folder mode for good,
    which AppTest would otherwise restore before every run."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    _stay_on_navigation()
    corpus = build_corpus(args.comments)
    records = [{"article_id": f"article{page}", "id": f"a{page}c{line}", "text": text}
               for page, lines in enumerate(corpus.comment_lines) for line, text in lines]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=900)
    at.run()
    at.get("file_uploader")[0].upload("corpus.jsonl", data, "application/json")
    start = time.perf_counter()
    at.run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption if " of " in c.value and "comments" in c.value]
    print(f"first load ({len(records):,} comments, {len(data) / 1e6:.1f} MB): "
          f"{time.perf_counter() - start:.2f} s; page says {shown[:1]}")
    times: dict[str, list[float]] = {page: [] for page in PAGES}
    for _ in range(args.rounds):
        for page in PAGES:
            start = time.perf_counter()
            at.switch_page(f"pages/{page}.py")
            at.run()
            times[page].append(time.perf_counter() - start)
            assert not at.exception, (page, at.exception)
            shown_now = [c.value for c in at.caption if " of " in c.value]
            assert shown_now[:1] == shown[:1], (page, shown_now[:1])
    for page, seconds in times.items():
        later = seconds[1:] or seconds
        print(f"switch to {page:<10} median {statistics.median(seconds) * 1000:7.0f} ms"
              f"   first visit {seconds[0] * 1000:7.0f} ms"
              f"   later visits median {statistics.median(later) * 1000:7.0f} ms")
    every = [s for seconds in times.values() for s in seconds]
    later = [s for seconds in times.values() for s in seconds[1:]] or every
    print(f"page_switch_median_ms={statistics.median(every) * 1000:.0f} "
          f"page_switch_max_ms={max(every) * 1000:.0f} "
          f"later_visit_max_ms={max(later) * 1000:.0f}")


if __name__ == "__main__":
    main()
