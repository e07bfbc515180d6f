"""Reply parents when the page shows when each comment was posted: a reply comes after what
it answers, so a parent posted later is ruled out.

The Reddit threads of ``../shared/eval/threads`` (true comments in nested page order, links
hidden) are read through :func:`analysis.replies.infer_parents` twice: without times, and with
each comment's true time as a page shows it (to the minute, or to the hour as "3 hours ago"
would order them). Prints parent accuracy per thread for both, how often each link moved by
time is right, and what the previous comment would have been there. The rule has no parameter
to fit, so in and out of sample are the same numbers.

usage (from the repo root): python -m benchmarks.time_order [--data DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from analysis.replies import evidence as ev
from analysis.replies import infer_parents
from analysis.schema import Col
from benchmarks.eval_replies import DEFAULT_DATA, article_texts, load_flat

RESOLUTIONS = {"minute": "min", "hour": "h"}


def with_times(flat: pd.DataFrame, data: Path, resolution: str) -> pd.DataFrame:
    raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
    posted = pd.to_datetime(raw.set_index("comment_id")["created_at"], utc=True)
    shown = posted.dt.floor(resolution).dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return flat.assign(**{Col.CREATED_AT: shown.loc[flat[Col.COMMENT_ID]].to_numpy()})


def scored(flat: pd.DataFrame, truth: pd.Series, articles: dict[str, str]) -> pd.DataFrame:
    got = infer_parents(flat, articles)
    true = truth.loc[got[Col.COMMENT_ID]].to_numpy()
    previous = got.groupby(Col.ARTICLE_ID)[Col.COMMENT_ID].shift(1).fillna("").to_numpy()
    first = got[Col.REPLY_EVIDENCE].astype(str).str.split(";").str[0].str.strip()
    return pd.DataFrame({
        "thread": got[Col.ARTICLE_ID].to_numpy(),
        "ok": got[Col.PARENT_ID].fillna("").astype(str).to_numpy() == true,
        "previous_ok": previous == true,
        "clue": first.to_numpy(),
        "confidence": got[Col.REPLY_CONFIDENCE].to_numpy(),
    })


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    flat, truth = load_flat(args.data)
    articles = article_texts(args.data)
    plain = scored(flat, truth, articles)
    columns = {"without times": plain.groupby("thread")["ok"].mean()}
    labels = {ev.LATER: "the comment above was posted later",
              ev.LATER_THREAD: "every comment above on its chain was posted later"}
    moved_tables = {}
    for name, resolution in RESOLUTIONS.items():
        table = scored(with_times(flat, args.data, resolution), truth, articles)
        columns[f"times to the {name}"] = table.groupby("thread")["ok"].mean()
        moved_tables[name] = table
    per = pd.DataFrame(columns)
    per.loc["ALL"] = [plain["ok"].mean()] + [t["ok"].mean() for t in moved_tables.values()]
    print("reply parents, true comments, nested page order:")
    print(per.round(3).to_string())
    for name, table in moved_tables.items():
        print(f"links moved by time (times to the {name}):")
        for kind, label in labels.items():
            moved = table[table["clue"] == ev.render([ev.Evidence(kind)])]
            if len(moved):
                print(f"  {label}: {len(moved)} links, right {moved['ok'].mean():.3f}, "
                      f"the previous comment there {moved['previous_ok'].mean():.3f}, "
                      f"confidence given {moved['confidence'].iloc[0]:.2f}")


if __name__ == "__main__":
    main()
