"""The scale benchmark: ``python -m analysis bench --comments N [--filter-rows M]``.

Builds a corpus of N comments from the seed comments and generated variations of them (word
swaps, sentences recombined across comments, insults, quotes of earlier comments), written as
page-text files (an article, a gap of blank lines, one comment per line in depth-first order)
in a temporary folder. Then, in one run, it prints:

* the floor: VADER ``polarity_scores`` over the same texts, one process, one analyser;
* every stage of the pipeline (read, segment, sentiment, hostility, topics, replies, metrics),
  each with what its time is: a wall time, or seconds summed over worker jobs that overlap;
* the total, the ratio total / VADER alone, and peak memory (``resource.getrusage`` maxrss of
  this process and, separately, of its largest finished child process: a pipeline worker);
* the Explorer filter latency on a table of ``filter_rows`` rows.

The last line is ``comments=N total_s=... vader_s=... ratio=... peak_mb=...``. Speeds are
measured here and never asserted in tests.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.readers import SEEDS_DIR, _visible
from analysis.schema import Col

SEED_FILE = SEEDS_DIR / "000_cc89e47453706f70.txt"
SEED_COMMENT_LINES = (20, 102)  # 1-based, inclusive: the seed page's comment section
SEED_ARTICLE_LINES = (1, 8)
STAGES = ("read", "segment", "sentiment", "hostility", "topics", "replies", "metrics")
"""Stages the benchmark prints, in pipeline order ("read" excludes segmentation)."""

_STAGE_NOTES = {
    "read": "wall: reading and segmenting the files, until their comments are stacked",
    "segment": "one process, timed again alone (its work is inside read)",
    "replies": "summed over its job in a worker, plus topic inheritance in the main process",
    "metrics": "wall, main process",
    "concurrent_wall": "wall: from the stacked comments to the last stage's columns",
}
_WORKER_NOTE = "summed over its jobs in the worker processes (they overlap)"
"""What each printed stage time is: stages run side by side, so they do not add up to the total."""

# Word swaps keep a comment's grammar but make a new text (and a new topic mix).
_SWAPS = {
    "France": ["Germany", "Italy", "Spain", "Poland", "Sweden", "Canada", "Japan"],
    "EU": ["UN", "Commission", "Council", "bloc", "union"],
    "NATO": ["the alliance", "NATO", "the G7", "the coalition"],
    "Greenland": ["Iceland", "the Arctic", "Svalbard", "the Baltics", "Taiwan"],
    "Trump": ["Putin", "Xi", "Macron", "the President", "Biden", "Starmer"],
    "Denmark": ["Norway", "Finland", "Estonia", "the Netherlands"],
    "army": ["navy", "air force", "militia", "police", "coast guard"],
    "defence": ["energy", "trade", "health", "tax", "housing", "climate", "migration"],
    "security": ["economic", "energy", "food", "water", "data"],
    "soldiers": ["ships", "jets", "diplomats", "engineers", "inspectors"],
    "UK": ["US", "Ireland", "Australia", "Scotland", "Wales"],
    "Ukraine": ["Moldova", "Georgia", "Armenia", "Serbia"],
}
_INSULTS = [
    "You are an idiot.", "What a moron.", "Shut up, troll.", "You clown.",
    "Pathetic, as usual.", "Stop lying.", "You're a complete fool.", "Get lost, loser.",
    "What a stupid take.", "Typical brain-dead nonsense.",
]
_OPENERS = ["Agreed.", "Exactly.", "No.", "Rubbish.", "Well said.", "Nonsense.", "Indeed.",
            "I disagree.", "Spot on.", "Really?", "Source?", "Sure,", "Lol.", "Fair point."]
_TOPICS = [
    ("Fuel prices hit record as refinery strike enters second week",
     "Fuel prices rose again on Monday as workers at the country's largest refinery continued "
     "their strike over pay. Drivers queued at petrol stations across the region."),
    ("City council approves new housing plan after heated debate",
     "The council voted to approve thousands of new homes on the edge of the city, despite "
     "objections from residents about traffic, schools and green space."),
    ("Hospital waiting lists grow despite extra funding",
     "Figures published on Thursday show waiting lists for routine operations are still growing, "
     "even after the government announced extra funding for hospitals last year."),
    ("National team knocked out of the cup on penalties",
     "The national side were knocked out in the quarter final after a penalty shoot-out, "
     "ending a run that had raised hopes across the country."),
]


@dataclass
class Corpus:
    """Generated page files (name, bytes) and the comment lines each holds."""

    files: list[tuple[str, bytes]]
    comment_lines: list[list[tuple[int, str]]]  # per file: (1-based line, text) of comments
    texts: list[str]  # every comment line, in file order


def seed_comments() -> list[str]:
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    start, end = SEED_COMMENT_LINES
    return [line.strip() for line in lines[start - 1 : end] if _visible(line)]


def seed_article() -> list[str]:
    lines = SEED_FILE.read_text(encoding="utf-8").splitlines()
    start, end = SEED_ARTICLE_LINES
    return [line.strip() for line in lines[start - 1 : end] if _visible(line)]


def _sentences(text: str) -> list[str]:
    import re

    parts = [p.strip() for p in re.split(r"(?<=[.!?…])\s+", text) if p.strip()]
    return parts or [text]


def _swap_words(text: str, rng: random.Random) -> str:
    for word, options in _SWAPS.items():
        if word in text and rng.random() < 0.6:
            text = text.replace(word, rng.choice(options))
    return text


def _variation(seeds: list[list[str]], earlier: list[str], rng: random.Random) -> str:
    """One new comment: a seed comment, changed by one or more of the generator's moves."""
    base = list(rng.choice(seeds))
    move = rng.random()
    if move < 0.35:  # recombine: sentences from two comments
        other = rng.choice(seeds)
        base = base[: rng.randint(1, len(base))] + other[rng.randint(0, len(other) - 1):][:2]
    elif move < 0.5 and earlier:  # quote an earlier comment, then answer it
        quoted = _sentences(rng.choice(earlier))[0][:90]
        base = [f"“{quoted}” {rng.choice(_OPENERS)}"] + base[: rng.randint(1, 2)]
    elif move < 0.6:  # keep only a short piece
        base = base[:1]
    text = " ".join(base)
    text = _swap_words(text, rng)
    if rng.random() < 0.15:
        text = f"{rng.choice(_OPENERS)} {text}"
    if rng.random() < 0.12:
        text = f"{text} {rng.choice(_INSULTS)}"
    if rng.random() < 0.05:
        text = text + " " + rng.choice(["😂", "👍", "🤣", "🙄"])
    # A number keeps otherwise identical variations distinct, as real comments are.
    if rng.random() < 0.5:
        text = text.replace(" the ", f" the {rng.randint(2, 99)} ", 1) if " the " in text \
            else f"{text} ({rng.randint(2, 999)})"
    return text


def _article_lines(index: int, rng: random.Random, seed_article_lines: list[str]) -> list[str]:
    if index % 3 == 0:
        paragraphs = [_swap_words(line, rng) for line in seed_article_lines]
        title = f"{_swap_words('NATO and EU cooperation is essential, Rutte tells MEPs', rng)}"
    else:
        title, body = _TOPICS[index % len(_TOPICS)]
        paragraphs = [body, _swap_words(rng.choice(seed_article_lines), rng)]
    return [f"{title} ({index})", *paragraphs]


def build_corpus(n_comments: int, seed: int = 0, per_article: tuple[int, int] = (40, 400)
                 ) -> Corpus:
    """N comments spread over articles of ``per_article`` comments (the seed page's own
    comments open the first article). Pages alternate between one comment per line and
    comments separated by a blank line."""
    rng = random.Random(seed)
    seed_texts = seed_comments()
    seeds = [_sentences(t) for t in seed_texts]
    article_lines = seed_article()
    files, comment_lines, texts = [], [], []
    remaining = n_comments
    index = 0
    while remaining > 0:
        size = min(remaining, rng.randint(*per_article))
        if index == 0:
            comments = seed_texts[:size]
            comments += [_variation(seeds, comments, rng) for _ in range(size - len(comments))]
        else:
            comments = []
            for _ in range(size):
                comments.append(_variation(seeds, comments[-30:], rng))
        lines = _article_lines(index, rng, article_lines) + ["", "", "", "", ""]
        spaced = index % 2 == 1
        numbered = []
        for text in comments:
            lines.append(text)
            numbered.append((len(lines), text))
            if spaced:
                lines.append("")
        name = f"bench_{index:05d}.txt"
        files.append((name, ("\n".join(lines) + "\n").encode("utf-8")))
        comment_lines.append(numbered)
        texts.extend(comments)
        remaining -= size
        index += 1
    return Corpus(files, comment_lines, texts)


@dataclass
class StructuredCorpus:
    """Generated exports (name, JSONL bytes) with authors, times and reply links."""

    files: list[tuple[str, bytes]]
    comments: int
    participants: int  # distinct named authors
    texts: list[str]


_FIRST_NAMES = ("alex", "sam", "kim", "jo", "lee", "max", "ray", "pat", "robin", "noor",
                "eli", "mika", "sasha", "yan", "ari", "dani", "remy", "tal", "uma", "vic")


def build_structured_corpus(n_comments: int, n_participants: int | None = None, seed: int = 0,
                            per_article: tuple[int, int] = (40, 400)) -> StructuredCorpus:
    """N comments as Reddit-like JSONL exports, one file per article, with ``n_participants``
    authors (default N / 5): every author writes at least once, a few write a lot (a Zipf-like
    tail), about 1% of comments are by ``[deleted]``. Each comment answers an earlier one in
    its article (a recent one more often) or, one time in four, opens a thread; times are
    epoch seconds that grow by seconds to hours, so the reader normalises them. Texts are the
    page corpus's variations of the seed comments."""
    rng = random.Random(seed)
    n_participants = n_participants or max(1, n_comments // 5)
    names = [f"{rng.choice(_FIRST_NAMES)}_{k:05d}" for k in range(n_participants)]
    texts = build_corpus(n_comments, seed=seed, per_article=per_article).texts
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(n_participants)]
    authors = names[:n_comments] + rng.choices(names, weights=weights,
                                               k=max(0, n_comments - n_participants))
    rng.shuffle(authors)
    files, start, index = [], 0, 0
    named: set[str] = set()
    clock = 1_700_000_000
    while start < n_comments:
        size = min(n_comments - start, rng.randint(*per_article))
        article = f"bench{index:05d}"
        lines = []
        clock += rng.randint(600, 86_400)
        moment = clock
        for k in range(size):
            moment += int(rng.expovariate(1 / 240)) + 1
            number = start + k
            parent = ""
            if k and rng.random() < 0.75:
                back = min(k, 1 + int(rng.expovariate(1 / 6)))
                parent = f"t1_{article}x{k - back}"
            author = "[deleted]" if rng.random() < 0.01 else authors[number]
            named.add(author)
            lines.append(json.dumps({
                "id": f"t1_{article}x{k}", "parent_id": parent or f"t3_{article}",
                "link_id": f"t3_{article}", "author": author, "body": texts[number],
                "created_utc": moment}, ensure_ascii=False))
        files.append((f"{article}.jsonl", ("\n".join(lines) + "\n").encode("utf-8")))
        start += size
        index += 1
    return StructuredCorpus(files, n_comments, len(named - {"[deleted]"}), texts)


def time_people(comments: pd.DataFrame) -> dict[str, float]:
    """Seconds of the people stage on an analysed table: the participant and interaction
    tables, and the graph measures (networkx) on them."""
    from analysis.people import people_tables, with_network_measures

    start = time.perf_counter()
    people = people_tables(comments, measures=False)
    tables = time.perf_counter() - start
    start = time.perf_counter()
    with_network_measures(people.participants, people.interactions)
    measures = time.perf_counter() - start
    return {"people_tables": tables, "people_measures": measures, "people": tables + measures,
            "participants": len(people.participants), "edges": len(people.interactions)}


def measure_people(n_comments: int, vader_s: float, seed: int = 0) -> list[str]:
    """Lines reporting the people stage on the structured corpus of the same texts, with
    authors (N / 5 participants) and times: its analysis (read, sentiment, hostility, topics;
    the links are given), then the participant and interaction tables and the graph
    measures, against VADER alone over the same texts."""
    from analysis.pipeline import analyse_files

    corpus = build_structured_corpus(n_comments, seed=seed)
    start = time.perf_counter()
    analysis = analyse_files(corpus.files)
    analysed_s = time.perf_counter() - start
    people = time_people(analysis.comments)
    return [
        f"structured corpus: {corpus.comments:,} comments by {corpus.participants:,} "
        f"participants in {len(corpus.files)} JSONL files, analysed in {analysed_s:.2f} s",
        f"stage people     {people['people']:8.2f} s  participant and interaction tables "
        f"{people['people_tables']:.2f} s + graph measures {people['people_measures']:.2f} s "
        f"({people['participants']:,} participants, {people['edges']:,} edges); "
        f"{people['people'] / vader_s:.1%} of vader alone (aim: at most 10%)",
    ]


def write_corpus(corpus: Corpus, folder: Path) -> list[Path]:
    paths = []
    for name, data in corpus.files:
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------- measurements


def vader_alone(texts: list[str]) -> float:
    """Seconds for plain VADER over every text, one process, one analyser: the floor."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    return time.perf_counter() - start


def time_segmentation(corpus: Corpus) -> float:
    """Seconds spent in ``segment_comments`` over every page's comment lines."""
    from analysis.segment import segment_comments

    start = time.perf_counter()
    for lines in corpus.comment_lines:
        segment_comments(lines)
    return time.perf_counter() - start


def peak_rss_mb() -> tuple[float, float]:
    """(this process, its largest finished child) peak resident memory in MB (ru_maxrss)."""
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # kB on Linux, bytes on macOS
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 1e6
    return own, children


def filter_table(comments: pd.DataFrame, rows: int) -> pd.DataFrame:
    """The analysed table repeated to ``rows`` rows (ids and articles made unique per copy)."""
    copies = -(-rows // max(len(comments), 1))
    parts = []
    for k in range(copies):
        parts.append(comments.assign(**{
            Col.COMMENT_ID: comments[Col.COMMENT_ID].astype(str) + f"#{k}",
            Col.ARTICLE_ID: comments[Col.ARTICLE_ID].astype(str) + f"#{k % 50}",
        }))
    return pd.concat(parts, ignore_index=True).iloc[:rows].reset_index(drop=True)


def best_of(func: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """The fastest of ``repeat`` timed calls of ``func``, in seconds, and its result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def typical_filters(table: pd.DataFrame) -> dict[str, dict]:
    """The Explorer's typical filters on this table: article, hostility, sentiment, search."""
    article = table[Col.ARTICLE_ID].iloc[len(table) // 2]
    return {
        "article": {"article": article},
        "hostile": {"min_level": 1},
        "sentiment": {"sentiment": (-1.0, -0.3)},
        "search": {"search": "greenland"},
        "combined": {"min_level": 1, "sentiment": (-1.0, 0.0), "search": "france"},
    }


def pandas_filter(table: pd.DataFrame, spec: dict) -> pd.DataFrame:
    """Boolean masks over the in-memory table, as a page would build them."""
    mask = np.ones(len(table), dtype=bool)
    if "article" in spec:
        mask &= (table[Col.ARTICLE_ID] == spec["article"]).to_numpy()
    if "min_level" in spec:
        mask &= (table[Col.HOSTILITY_LEVEL] >= spec["min_level"]).to_numpy()
    if "sentiment" in spec:
        lo, hi = spec["sentiment"]
        mask &= table[Col.SENTIMENT].between(lo, hi).to_numpy()
    if "search" in spec:
        mask &= table[Col.TEXT].str.contains(spec["search"], case=False, regex=False).fillna(
            False).to_numpy(dtype=bool)
    return table[mask]


def duckdb_filter(con, spec: dict) -> pd.DataFrame:
    """The same filter as SQL over the Parquet file registered as view ``c``."""
    where, params = ["TRUE"], []
    if "article" in spec:
        where.append(f"{Col.ARTICLE_ID} = ?")
        params.append(spec["article"])
    if "min_level" in spec:
        where.append(f"{Col.HOSTILITY_LEVEL} >= ?")
        params.append(spec["min_level"])
    if "sentiment" in spec:
        where.append(f"{Col.SENTIMENT} BETWEEN ? AND ?")
        params.extend(spec["sentiment"])
    if "search" in spec:
        where.append(f"{Col.TEXT} ILIKE ?")
        params.append(f"%{spec['search']}%")
    return con.execute(f"SELECT * FROM c WHERE {' AND '.join(where)}", params).df()


def measure_filters(comments: pd.DataFrame, rows: int, folder: Path) -> list[str]:
    """Lines reporting filter latency (best of 5, ms) per typical filter and engine."""
    table = filter_table(comments, rows)
    out = [f"filter table: {len(table):,} rows"]
    specs = typical_filters(table)
    engines: dict[str, Callable[[dict], object]] = {"pandas": lambda s: pandas_filter(table, s)}
    try:
        engines["apply_filters"] = _app_filter(table)
    except ImportError:  # the Explorer's filters module is being written alongside
        out.append("filters: analysis.filters.apply_filters not present; not measured")
    con = None
    try:
        import duckdb

        path = folder / "filter_table.parquet"
        table.to_parquet(path, index=False)
        con = duckdb.connect()
        con.execute(f"CREATE VIEW c AS SELECT * FROM read_parquet('{path.as_posix()}')")
        engines["duckdb"] = lambda s: duckdb_filter(con, s)
    except ImportError:
        out.append("filters: duckdb not installed")
    for engine, run in engines.items():
        parts = []
        for name, spec in specs.items():
            try:
                seconds, result = best_of(lambda run=run, spec=spec: run(spec))
            except Exception as err:  # a filter API still in flux must not sink the benchmark
                parts.append(f"{name}=error({type(err).__name__})")
                continue
            parts.append(f"{name}={seconds * 1000:.1f}ms/{len(result):,}")
        out.append(f"filter {engine}: " + " ".join(parts))
    if con is not None:
        con.close()
    return out


def _app_filter(table: pd.DataFrame) -> Callable[[dict], object]:
    """The Explorer's own ``analysis.filters.apply_filters`` with a spec turned into Filters."""
    from analysis.filters import Filters, apply_filters

    def run(spec: dict):
        return apply_filters(table, Filters(
            articles=(spec["article"],) if "article" in spec else (),
            levels=tuple(range(spec["min_level"], 3)) if "min_level" in spec else (),
            sentiment=spec.get("sentiment", (-1.0, 1.0)),
            search=spec.get("search", ""),
        ))

    return run


# ---------------------------------------------------------------------------- the run


def run_benchmark(n_comments: int, filter_rows: int = 1_000_000, seed: int = 0,
                  out=None) -> dict[str, float]:
    """Build, analyse, measure and print; returns the measured numbers."""
    from analysis.pipeline import analyse_files

    out = out or sys.stdout

    def say(line: str) -> None:
        print(line, file=out, flush=True)

    start = time.perf_counter()
    corpus = build_corpus(n_comments, seed=seed)
    say(f"corpus: {len(corpus.texts):,} comment lines in {len(corpus.files)} page files "
        f"({sum(len(d) for _, d in corpus.files) / 1e6:.1f} MB, "
        f"{len(set(corpus.texts)) / max(len(corpus.texts), 1):.0%} distinct), "
        f"built in {time.perf_counter() - start:.1f} s")
    with tempfile.TemporaryDirectory(prefix="commentscope-bench-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(corpus, folder)
        vader_s = vader_alone(corpus.texts)
        say(f"vader alone (1 process, polarity_scores): {vader_s:.2f} s "
            f"({len(corpus.texts) / max(vader_s, 1e-9):,.0f} comments/s)")
        files = [(p.name, p.read_bytes()) for p in paths]
        wall = time.perf_counter()
        analysis = analyse_files(files)
        total_s = time.perf_counter() - wall
        timings = dict(analysis.timings)
        if "segment" not in timings:
            # Reading segments each page; segmentation alone is timed again on the same lines.
            timings["segment"] = time_segmentation(corpus)
        say(f"analysed: {len(analysis.comments):,} comments, {len(analysis.threads):,} threads, "
            f"{analysis.comments[Col.TOPIC_ID].nunique()} topics")
        for stage in STAGES:
            seconds = timings.get(stage, float("nan"))
            say(f"stage {stage:<10} {seconds:8.2f} s  {_STAGE_NOTES.get(stage, _WORKER_NOTE)}")
        for stage in sorted(set(timings) - set(STAGES)):
            say(f"stage {stage:<10} {timings[stage]:8.2f} s  "
                f"{_STAGE_NOTES.get(stage, '(extra)')}")
        for line in measure_people(n_comments, vader_s, seed):
            say(line)
        own_mb, child_mb = peak_rss_mb()
        say(f"total {total_s:.2f} s; ratio to vader alone {total_s / vader_s:.2f}")
        say(f"peak memory (resource.getrusage ru_maxrss): this process {own_mb:.0f} MB, "
            f"largest child process {child_mb:.0f} MB")
        if filter_rows:
            for line in measure_filters(analysis.comments, filter_rows, folder):
                say(line)
    ratio = total_s / vader_s
    say(f"comments={n_comments} total_s={total_s:.2f} vader_s={vader_s:.2f} "
        f"ratio={ratio:.2f} peak_mb={own_mb:.0f}")
    return {"total_s": total_s, "vader_s": vader_s, "ratio": ratio, "peak_mb": own_mb,
            **{f"{k}_s": v for k, v in timings.items()}}
