"""Reply parents when the page shows when each comment was posted: a reply comes after what
it answers, so a parent posted later is ruled out.

The Reddit threads of ``../shared/eval/threads`` (true comments in nested page order, links
hidden) are read through :func:`analysis.replies.infer_parents` without times and with each
comment's true time as a page shows it (to the minute, or to the hour as "3 hours ago" would
order them). Prints parent accuracy per thread, how often each decision that only pages with
times show is right (links moved by time; links to the comment above that the times could have
ruled out and did not), and the reliability of their ``reply_confidence`` leaving one thread
out (each thread scored with the rates of the other seven). The rule itself fits nothing.

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

from analysis.calibration import TIME_CALIBRATION_FILE
from analysis.replies import TIMED, infer_parents, link_pages
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
    return pd.DataFrame({
        "thread": flat[Col.ARTICLE_ID].to_numpy(),
        "right": links.parent == true,
        "kind": np.where(timed, TIMED, "reply"),
        "context": links.context,
    })


def rates(table: pd.DataFrame) -> dict[tuple[str, str], tuple[float, int]]:
    """Accuracy and count of each decision only pages with times show."""
    own = table[(table["kind"] == TIMED) | table["context"].isin(TIME_ONLY)]
    grouped = own.groupby(["kind", "context"])["right"].agg(["mean", "size"])
    return {key: (float(row["mean"]), int(row["size"])) for key, row in grouped.iterrows()}


def held_out(table: pd.DataFrame) -> pd.DataFrame:
    """Each thread's time-only decisions with the confidence the other seven give them."""
    parts = []
    for thread in sorted(table["thread"].unique()):
        fit = {k: p for k, (p, n) in rates(table[table["thread"] != thread]).items()
               if n >= MIN_CONTEXT}
        own = table[(table["thread"] == thread)
                    & ((table["kind"] == TIMED) | table["context"].isin(TIME_ONLY))]
        conf = [fit.get((k, c), np.nan) for k, c in zip(own["kind"], own["context"], strict=True)]
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
    tables = {name: decisions(with_times(flat, args.data, res), truth, articles)
              for name, res in RESOLUTIONS.items()}
    for name, table in tables.items():
        columns[f"times to the {name}"] = table.groupby("thread")["right"].mean()
    per = pd.DataFrame(columns)
    per.loc["ALL"] = [plain.mean()] + [t["right"].mean() for t in tables.values()]
    print("reply parents, true comments, nested page order:")
    print(per.round(3).to_string())
    measured: dict[str, dict[tuple[str, str], tuple[float, int]]] = {}
    for name, table in tables.items():
        measured[name] = rates(table)
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
        keys = set.intersection(*(set(m) for m in measured.values()))
        rows = []
        for key in sorted(keys):
            ps = [measured[name][key] for name in measured]
            if min(n for _, n in ps) >= MIN_CONTEXT:
                p, n = min(ps)
                rows.append(f"{key[0]}\t{key[1]}\t{p:.3f}\t{n}")
        CALIBRATION_PATH.write_text(
            "# How often decisions only pages with times show are right, measured on the Reddit\n"
            "# threads of ../shared/eval/threads with their true times, to the minute and to the\n"
            "# hour (the lower of the two). Read by analysis/calibration.py. Regenerate, never\n"
            "# edit:  .venv/bin/python -m benchmarks.time_order --write\n"
            "kind\tcontext\tprobability\tn\n" + "\n".join(rows) + "\n", encoding="utf-8")
        print(f"\nwrote {CALIBRATION_PATH.relative_to(ROOT)} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
