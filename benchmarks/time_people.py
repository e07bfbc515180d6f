"""The people stage alone on the benchmark's structured corpus, best of N, against an older
version of it and against networkx's own community search; and the partitions' modularity.

Builds the structured corpus of ``analysis bench`` (``build_structured_corpus``: N comments by
N / 5 participants), analyses it once (the whole pipeline, both cores; ``--cache`` keeps the
analysed table in a pickle so later runs skip that), then times in this one process, each as
the best of ``--repeat`` calls:

* the people stage as ``analysis bench`` times it (``time_people``: the participant and
  interaction tables, then the graph measures), and with ``--before FILE`` the stage of an
  older ``analysis/people.py`` in turns with it (so both see the same load), and whether both
  give the same participant table;
* the community partition alone, as shipped and by networkx's
  ``fast_label_propagation_communities`` on a graph object built edge by edge (the code before
  2026-12-04), and PageRank;
* with ``--vader``, VADER alone over the same texts (once: about 13 s at 100k).

Then the modularity (``nx.community.modularity`` on the undirected, unweighted reply graph
the partition is searched on) of both partitions, and whether they are the same, on the
generated corpus and on each real Reddit thread of ``../shared/eval/threads/threads.csv``
(authors and parents as given).

usage (from the repo root):
    git show 7053640:analysis/people.py > /tmp/people_before.py   # the stage before 2026-12-04
    python benchmarks/time_people.py [--comments 100000] [--repeat 5] [--cache /tmp/p.pkl]
                                     [--before /tmp/people_before.py] [--vader]
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
THREADS_CSV = REPO_ROOT.parent / "shared" / "eval" / "threads" / "threads.csv"
sys.path.insert(0, str(REPO_ROOT))

from analysis import people as people_module  # noqa: E402
from analysis.bench import best_of, build_structured_corpus, vader_alone  # noqa: E402
from analysis.people import people_tables  # noqa: E402
from analysis.schema import Col, EdgeCol, PeopleCol  # noqa: E402


def analysed_table(n_comments: int, cache: Path | None) -> tuple[pd.DataFrame, list[str]]:
    """The analysed per-comment table of the structured corpus, and its texts."""
    if cache is not None and cache.exists():
        with cache.open("rb") as file:
            stored = pickle.load(file)
        if stored["comments_asked"] == n_comments:
            return stored["comments"], stored["texts"]
    from analysis.pipeline import analyse_files

    corpus = build_structured_corpus(n_comments)
    comments = analyse_files(corpus.files).comments
    if cache is not None:
        with cache.open("wb") as file:
            pickle.dump({"comments_asked": n_comments, "comments": comments,
                         "texts": corpus.texts}, file)
    return comments, corpus.texts


def edge_codes(participants: pd.DataFrame, interactions: pd.DataFrame
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The interaction table's edges as participant row numbers, and their reply counts."""
    rank = pd.Series(np.arange(len(participants)),
                     index=participants[PeopleCol.AUTHOR].to_numpy(dtype=object))
    src = rank.reindex(interactions[EdgeCol.FROM_AUTHOR].to_numpy(dtype=object)).to_numpy()
    dst = rank.reindex(interactions[EdgeCol.TO_AUTHOR].to_numpy(dtype=object)).to_numpy()
    return (src.astype(np.int64), dst.astype(np.int64),
            interactions[EdgeCol.REPLIES].to_numpy())


def undirected_graph(size: int, src: np.ndarray, dst: np.ndarray) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(size))
    graph.add_edges_from(zip(src.tolist(), dst.tolist(), strict=True))
    return graph


def networkx_communities(size: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The community numbers as the people stage computed them before: networkx's fast label
    propagation on a graph object, numbered by size, then smallest node."""
    found = nx.community.fast_label_propagation_communities(
        undirected_graph(size, src, dst), seed=people_module.COMMUNITY_SEED)
    groups = sorted((sorted(group) for group in found), key=lambda g: (-len(g), g[0]))
    number = np.empty(size, dtype=np.int64)
    for k, group in enumerate(groups):
        number[group] = k
    return number


def partition(numbers: np.ndarray) -> list[set[int]]:
    order = np.argsort(numbers, kind="stable")
    cuts = np.flatnonzero(np.diff(numbers[order])) + 1
    return [set(part.tolist()) for part in np.split(order, cuts)]


def compare_partitions(name: str, participants: pd.DataFrame,
                       interactions: pd.DataFrame) -> str:
    """A line with both partitions' modularity on the reply graph of these tables."""
    src, dst, _ = edge_codes(participants, interactions)
    size = len(participants)
    now = people_module.communities(size, src, dst)
    before = networkx_communities(size, src, dst)
    graph = undirected_graph(size, src, dst)
    if graph.number_of_edges() == 0:
        return f"{name}: no edges"
    return (f"{name}: {size:,} participants, {graph.number_of_edges():,} pairs; modularity "
            f"now {nx.community.modularity(graph, partition(now)):.4f} "
            f"({len(np.unique(now))} communities), networkx "
            f"{nx.community.modularity(graph, partition(before)):.4f} "
            f"({len(np.unique(before))}); same partition: {np.array_equal(now, before)}")


def reddit_threads() -> pd.DataFrame:
    raw = pd.read_csv(THREADS_CSV, dtype=str, keep_default_na=False)
    return pd.DataFrame({Col.ARTICLE_ID: raw["thread_id"], Col.COMMENT_ID: raw["comment_id"],
                         Col.PARENT_ID: raw["parent_id"], Col.AUTHOR: raw["author"],
                         Col.CREATED_AT: raw["created_at"]})


def load_module(path: Path):
    """A people.py of another version (``git show REV:analysis/people.py > FILE``) as a
    module; it imports the rest of ``analysis`` from this checkout."""
    spec = importlib.util.spec_from_file_location("people_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def time_stage(module, comments: pd.DataFrame) -> tuple[float, float, pd.DataFrame]:
    """Seconds of the tables and of the graph measures, as ``analysis.bench.time_people``
    times them, with ``module``'s code; and the measured participant table."""
    start = time.perf_counter()
    people = module.people_tables(comments, measures=False)
    tables = time.perf_counter() - start
    start = time.perf_counter()
    measured = module.with_network_measures(people.participants, people.interactions)
    return tables, time.perf_counter() - start, measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None,
                        help="pickle of the analysed table (written if missing)")
    parser.add_argument("--before", type=Path, default=None,
                        help="an older analysis/people.py whose stage is timed in turns")
    parser.add_argument("--vader", action="store_true", help="also time VADER alone (once)")
    args = parser.parse_args()

    start = time.perf_counter()
    comments, texts = analysed_table(args.comments, args.cache)
    print(f"analysed table: {len(comments):,} comments ({time.perf_counter() - start:.1f} s)")
    variants = {"now": people_module}
    if args.before is not None:
        variants["before"] = load_module(args.before)
    best = {name: [float("inf")] * 3 for name in variants}
    tables = {}
    for _ in range(args.repeat):  # the versions take turns, so both see the same load
        for name, module in variants.items():
            table_s, measure_s, tables[name] = time_stage(module, comments)
            stage_s = table_s + measure_s
            if stage_s < best[name][0]:
                best[name] = [stage_s, table_s, measure_s]
    people = people_tables(comments, measures=False)
    src, dst, replies = edge_codes(people.participants, people.interactions)
    size = len(people.participants)
    print(f"{size:,} participants, {len(people.interactions):,} edges; best of {args.repeat}")
    for name in reversed(variants):
        stage_s, table_s, measure_s = best[name]
        print(f"people stage ({name:6}) {stage_s:.3f} s: tables {table_s:.3f} s + graph "
              f"measures {measure_s:.3f} s")
    if "before" in tables:
        same = tables["before"].equals(tables["now"])
        print(f"  the same participant table (graph measures included): {same}")
    for name, search in (("networkx", networkx_communities), ("now", people_module.communities)):
        seconds, _ = best_of(lambda search=search: search(size, src, dst), args.repeat)
        print(f"  communities ({name:8}) {seconds:.3f} s")
    seconds, _ = best_of(lambda: people_module.pagerank(size, src, dst, replies), args.repeat)
    print(f"  pagerank              {seconds:.3f} s")
    if args.vader:
        vader_s = vader_alone(texts)
        print(f"vader alone {vader_s:.2f} s; people stage "
              + ", ".join(f"{name} {best[name][0] / vader_s:.1%}" for name in reversed(variants))
              + " of it")

    print(compare_partitions("generated corpus", people.participants, people.interactions))
    if THREADS_CSV.exists():
        threads = reddit_threads()
        for thread_id, thread in threads.groupby(Col.ARTICLE_ID, sort=False):
            found = people_tables(thread.reset_index(drop=True))
            print(compare_partitions(f"reddit {thread_id}", found.participants,
                                     found.interactions))
        found = people_tables(threads)
        print(compare_partitions(f"reddit, {threads[Col.ARTICLE_ID].nunique()} threads pooled",
                                 found.participants, found.interactions))


if __name__ == "__main__":
    main()
