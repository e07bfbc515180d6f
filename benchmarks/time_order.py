"""Reply parents when the page shows when each comment was posted: a reply comes after what
it answers, so a parent posted later is ruled out.

The Reddit threads of ``../shared/eval/threads`` (true comments in nested page order, links
hidden) are read through :func:`analysis.replies.infer_parents` without times and with each
comment's true time as a page shows it (to the minute, or to the hour as "3 hours ago" would
order them). Prints parent accuracy per thread, how often each decision that only pages with
times show is right (links moved by time; links to the comment above that the times could have
ruled out and did not), and the reliability of their ``reply_confidence`` leaving one thread
out (each thread scored with the rates of the other seven). The rule itself fits nothing.

The same threads are then listed by time (oldest first and newest first, as an export
without parent ids may be): there every decision is calibrated apart (``reply_listed``), and
the table shows how often each kind is right next to "every comment opens a thread". As a
check, the threads in nested order and thread by thread (each thread's replies by time) are
cut into pages of PAGE comments, and the pages that happen to be in time order show how the
``reply_listed`` confidence holds there.

``--write`` rewrites ``analysis/lexicons/time_calibration.tsv`` with those rates measured on all
eight threads, the lower of the two resolutions for each decision (a page's times may be
either), where both saw at least MIN_CONTEXT decisions.

``--speed N`` instead times :func:`analysis.replies.infer_parents` (CPU seconds, one process)
on N generated comments in articles of 250, without times, with random dates and with random
ages, so the cost of the time rule shows.

usage (from the repo root): python -m benchmarks.time_order [--data DIR] [--write] [--speed N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.calibration import TIME_CALIBRATION_FILE, probability
from analysis.calibration import _table as calibration_table
from analysis.replies import LISTED, TIMED, infer_parents, link_pages
from analysis.replies import evidence as ev
from analysis.replies.features import PageFeatures
from analysis.schema import Col
from analysis.timeline import posting_order
from benchmarks.clue_table import BINS, MIN_CONTEXT
from benchmarks.eval_replies import DEFAULT_DATA, article_texts, load_flat

ROOT = Path(__file__).resolve().parents[1]
CALIBRATION_PATH = ROOT / "analysis" / "lexicons" / TIME_CALIBRATION_FILE
RESOLUTIONS = {"minute": "min", "hour": "h"}
TIME_ONLY = (ev.LATER, ev.LATER_THREAD)
DIRECTIONS = {"oldest first": True, "newest first": False}
PAGE = 20
"""Comments per page when the nested and thread-by-thread orders are cut into pages."""


def with_times(flat: pd.DataFrame, data: Path, resolution: str) -> pd.DataFrame:
    raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
    posted = pd.to_datetime(raw.set_index("comment_id")["created_at"], utc=True)
    shown = posted.dt.floor(resolution).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return flat.assign(**{Col.CREATED_AT: shown.loc[flat[Col.COMMENT_ID]].to_numpy()})


def decisions(flat: pd.DataFrame, truth: pd.Series, articles: dict[str, str]) -> pd.DataFrame:
    """Per comment: its thread, whether its link is right, and the calibration key of its
    decision (kind, context) as :func:`analysis.replies.link_pages` looks it up."""
    features = PageFeatures(flat[Col.TEXT].tolist(), flat[Col.ARTICLE_ID].to_numpy(),
                            [None] * len(flat), articles)
    links = link_pages(features, calibration=lambda kind, context: 0.0,
                       times=posting_order(flat))
    row_of = {cid: k for k, cid in enumerate(flat[Col.COMMENT_ID])}
    true = np.array([row_of.get(p, -1) for p in truth.loc[flat[Col.COMMENT_ID]]])
    timed = links.timed if links.timed is not None else np.zeros(len(flat), bool)
    listed = links.listed if links.listed is not None else np.zeros(len(flat), bool)
    return pd.DataFrame({
        "thread": flat[Col.ARTICLE_ID].to_numpy(),
        "right": links.parent == true,
        "top_level": true == -1,
        "kind": np.where(listed, LISTED, np.where(timed, TIMED, "reply")),
        "context": links.context,
    })


def before_listing(listed: pd.DataFrame) -> float:
    """The mean confidence these decisions had before articles listed by time were calibrated
    apart: the rates of nested pages (``reply_timed`` for a link to the comment above)."""
    def rate(context: str) -> float:
        if context.startswith(ev.PREVIOUS):
            return probability(TIMED, context)
        return probability("reply", context)
    return float(np.mean([rate(c) for c in listed["context"]]))


def reordered(flat: pd.DataFrame, order: str, data: Path) -> pd.DataFrame:
    """The comments (with times) in another order: ``oldest first`` / ``newest first`` (each
    thread listed by time), ``thread by thread`` (threads in page order, each thread's
    replies by time under its first comment)."""
    if order in DIRECTIONS:
        out = flat.sort_values([Col.ARTICLE_ID, Col.CREATED_AT],
                               ascending=[True, DIRECTIONS[order]], kind="stable")
    else:
        raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
        parent = dict(zip(raw["comment_id"], raw["parent_id"], strict=True))

        def root(c: str) -> str:
            while parent.get(c):
                c = parent[c]
            return c

        roots = flat[Col.COMMENT_ID].map(root)
        first = roots.map(dict(zip(roots, flat[Col.POSITION], strict=True)))
        out = flat.assign(_root=first.to_numpy()).sort_values(
            [Col.ARTICLE_ID, "_root", Col.CREATED_AT], kind="stable").drop(columns="_root")
    out = out.reset_index(drop=True)
    return out.assign(**{Col.POSITION: out.groupby(Col.ARTICLE_ID).cumcount().to_numpy()})


def cut_into_pages(flat: pd.DataFrame, size: int = PAGE) -> pd.DataFrame:
    """Each thread cut into pages of ``size`` comments (articles of their own); a link to a
    comment on another page then counts as wrong, as on a page that shows only these."""
    page = flat.groupby(Col.ARTICLE_ID).cumcount() // size
    return flat.assign(**{Col.ARTICLE_ID: flat[Col.ARTICLE_ID] + "/" + page.astype(str)})


def rates(table: pd.DataFrame) -> dict[tuple[str, str], tuple[float, int]]:
    """Accuracy and count of each decision only pages with times show, and of all decisions
    in articles listed by time together (their "default", for contexts too rare to rate)."""
    own = table[table["kind"].isin([TIMED, LISTED]) | table["context"].isin(TIME_ONLY)]
    grouped = own.groupby(["kind", "context"])["right"].agg(["mean", "size"])
    out = {key: (float(row["mean"]), int(row["size"])) for key, row in grouped.iterrows()}
    listed = table[table["kind"] == LISTED]
    if len(listed):
        out[LISTED, "default"] = (float(listed["right"].mean()), len(listed))
    return out


def held_out(table: pd.DataFrame) -> pd.DataFrame:
    """Each thread's time-only decisions with the confidence the other seven give them (as
    ``analysis.calibration.probability`` would: a listed decision of a rare context gets the
    listed default)."""
    parts = []
    for thread in sorted(table["thread"].unique()):
        fit = {k: p for k, (p, n) in rates(table[table["thread"] != thread]).items()
               if n >= MIN_CONTEXT}
        own = table[(table["thread"] == thread)
                    & (table["kind"].isin([TIMED, LISTED]) | table["context"].isin(TIME_ONLY))]
        conf = [fit.get((k, c), fit.get((k, "default"), np.nan) if k == LISTED else np.nan)
                for k, c in zip(own["kind"], own["context"], strict=True)]
        parts.append(own.assign(confidence=conf))
    return pd.concat(parts).dropna(subset=["confidence"])


def speed(n: int) -> None:
    rng = np.random.default_rng(0)
    words = np.array("bridge council flood report vote monday annex road closed open".split())
    page = pd.DataFrame({
        Col.ARTICLE_ID: [f"a{k // 250}" for k in range(n)],
        Col.COMMENT_ID: [f"c{k}" for k in range(n)],
        Col.POSITION: [k % 250 for k in range(n)],
        Col.TEXT: [" ".join(rng.choice(words, 8)) for _ in range(n)],
        Col.AUTHOR: pd.array([pd.NA] * n, dtype=object),
        Col.PARENT_ID: pd.array([pd.NA] * n, dtype=object),
        Col.REPLY_CONFIDENCE: np.nan,
        Col.INFERRED: False,
    })
    seconds = rng.integers(0, 10**6, n)
    dates = pd.to_datetime(seconds, unit="s", utc=True).strftime("%Y-%m-%dT%H:%M:%SZ")
    pages = {"without times": page,
             "random dates": page.assign(**{Col.CREATED_AT: dates}),
             "random ages": page.assign(**{Col.TIME_TEXT: [f"{s // 3600}h ago" for s in seconds]})}
    for name, frame in pages.items():
        start = time.process_time()
        infer_parents(frame)
        print(f"{name}: {time.process_time() - start:.2f} s CPU for {n} comments")


Rates = dict[tuple[str, str], tuple[float, int]]


def measure(flat: pd.DataFrame, truth: pd.Series, articles: dict[str, str], data: Path
            ) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], dict[str, Rates]]:
    """Per resolution: the decisions on the nested threads with times, the decisions on the
    threads listed by time (oldest and newest first), and the rates the calibration file
    holds (the nested decisions with the listed ones of articles read as listed)."""
    tables = {name: decisions(with_times(flat, data, res), truth, articles)
              for name, res in RESOLUTIONS.items()}
    # Listed by the true times, shown to the minute or the hour: comments within one hour keep
    # the order of their seconds, as an export sorted by its own times would.
    exact = with_times(flat, data, "s")
    listed_tables = {
        name: pd.concat([decisions(with_times(reordered(exact, order, data), data, res),
                                   truth, articles).assign(order=order)
                         for order in DIRECTIONS], ignore_index=True)
        for name, res in RESOLUTIONS.items()}
    # Only the listed decisions: an article with too few distinct times to read as listed (one
    # thread, to the hour) keeps the nested rates, as a page would.
    measured = {name: rates(pd.concat([table, listed_tables[name][
                    listed_tables[name]["kind"] == LISTED]], ignore_index=True))
                for name, table in tables.items()}
    return tables, listed_tables, measured


def calibration_text(measured: dict[str, Rates]) -> str:
    """The calibration file: each decision's lower rate of the two resolutions, where both saw
    at least MIN_CONTEXT of them."""
    keys = set.intersection(*(set(m) for m in measured.values()))
    rows = []
    for key in sorted(keys):
        ps = [measured[name][key] for name in measured]
        if min(n for _, n in ps) >= MIN_CONTEXT:
            p, n = min(ps)
            rows.append(f"{key[0]}\t{key[1]}\t{p:.3f}\t{n}")
    return ("# How often decisions only pages with times show are right, measured on the Reddit\n"
            "# threads of ../shared/eval/threads with their true times, to the minute and to the\n"
            "# hour (the lower of the two). Read by analysis/calibration.py. Regenerate, never\n"
            "# edit:  .venv/bin/python -m benchmarks.time_order --write\n"
            "kind\tcontext\tprobability\tn\n" + "\n".join(rows) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--speed", type=int, metavar="N")
    args = parser.parse_args()
    if args.speed:
        speed(args.speed)
        return
    flat, truth = load_flat(args.data)
    articles = article_texts(args.data)
    got = infer_parents(flat, articles)
    plain = got[Col.PARENT_ID].fillna("").astype(str) == truth.loc[got[Col.COMMENT_ID]].to_numpy()
    columns = {"without times": plain.groupby(got[Col.ARTICLE_ID]).mean()}
    tables, listed_tables, measured = measure(flat, truth, articles, args.data)
    for name, table in tables.items():
        columns[f"times to the {name}"] = table.groupby("thread")["right"].mean()
    per = pd.DataFrame(columns)
    per.loc["ALL"] = [plain.mean()] + [t["right"].mean() for t in tables.values()]
    print("reply parents, true comments, nested page order:")
    print(per.round(3).to_string())
    print("\nthe same comments listed by time (an export without parent ids):")
    for name, table in listed_tables.items():
        for order, part in table.groupby("order", sort=False):
            print(f"  times to the {name}, {order}: parents right {part['right'].mean():.3f} "
                  f"(every comment opening a thread: {part['top_level'].mean():.3f}); "
                  f"{(part['kind'] == LISTED).mean():.0%} of decisions read as listed by time")
        listed = table[table["kind"] == LISTED]
        oos = held_out(listed)
        print(f"  times to the {name}, listed decisions leaving one thread out: mean confidence "
              f"{oos['confidence'].mean():.3f}, observed {oos['right'].mean():.3f}; "
              f"before (the page-order rates): {before_listing(listed):.3f}")
    for name, table in tables.items():
        listed = listed_tables[name]
        table = pd.concat([table, listed[listed["kind"] == LISTED]], ignore_index=True)
        print(f"\ndecisions only pages with times show (times to the {name}), all eight threads:")
        for (kind, context), (p, n) in sorted(measured[name].items()):
            print(f"  {kind:12s} {context:40s} {n:5d} right {p:.3f}")
        oos = held_out(table)
        print("reliability leaving one thread out (decisions, mean confidence, observed):")
        for lo, hi in zip(BINS[:-1], BINS[1:], strict=True):
            inside = oos[(oos["confidence"] >= lo) & (oos["confidence"] < hi)]
            if len(inside):
                print(f"  {lo:.1f}-{min(hi, 1.0):.1f}: {len(inside):5d}  "
                      f"{inside['confidence'].mean():.2f}  {inside['right'].mean():.2f}")
    if args.write:
        text = calibration_text(measured)
        CALIBRATION_PATH.write_text(text, encoding="utf-8")
        rows = text.count("\n") - 5
        print(f"\nwrote {CALIBRATION_PATH.relative_to(ROOT)} ({rows} rows)")
        calibration_table.cache_clear()
    pages_check(flat, truth, articles, args.data)


def pages_check(flat: pd.DataFrame, truth: pd.Series, articles: dict[str, str], data: Path
                ) -> None:
    """Pages of PAGE comments cut from the nested and thread-by-thread orders, times to the
    minute: how many read as listed by time, and how the shipped confidence holds on them."""
    exact = with_times(flat, data, "s")
    print(f"\npages of {PAGE} comments cut from other orders (times to the minute), those read "
          "as listed by time: pages, decisions, mean reply_listed confidence, observed right")
    for order in ("nested", "thread by thread"):
        page = with_times(cut_into_pages(exact if order == "nested"
                                         else reordered(exact, order, data)), data, "min")
        pieces = {a: articles.get(a.split("/")[0], "") for a in page[Col.ARTICLE_ID].unique()}
        table = decisions(page, truth, pieces)
        own = table[table["kind"] == LISTED]
        conf = [probability(k, c) for k, c in zip(own["kind"], own["context"], strict=True)]
        print(f"  {order}: {own['thread'].nunique()} of {table['thread'].nunique()} pages, "
              f"{len(own)} decisions, confidence {np.mean(conf) if conf else np.nan:.2f}, "
              f"right {own['right'].mean() if len(own) else np.nan:.2f}")


if __name__ == "__main__":
    main()
