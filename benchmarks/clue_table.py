"""Every reply and segmentation clue, measured in and out of sample, and the confidences.

Data, beside the repository: ``../shared/eval/threads`` (8 Reddit threads with their true reply
trees and line spans; nothing is copied here). The default reading is nested page order (each
comment answers the one above it; the first comment of a thread opens it) and one line = one
comment. A clue departs from it only if it beats it where it fires:

- a reply clue that moves a link: its link is right more often than "the previous comment"
  would be on the same comments;
- a join clue: the two lines it joins belong to one comment more often than not.

*Out of sample* means leave one thread out: for each thread, which clues are used, their
thresholds and the confidence constants come from the other seven, and the thread is scored
with them; the counts are pooled over the eight. *In sample* means chosen and scored on all
eight. A clue ships when it is chosen on all eight and also won out of sample.

Prints, as Markdown: the reply clue table, the join clue table, the reliability of
``reply_confidence`` and ``segment_confidence`` (out of sample), and per-thread accuracy.

usage (from the repo root):
  python -m benchmarks.clue_table [--data DIR] [--threads ID ...] [--authors]
                                  [--write] [--readme]
  --threads  only these threads (the test runs a small set)
  --authors  the true authors are visible (as on pages whose author lines are read)
  --write    rewrite analysis/lexicons/structure_calibration.tsv (all eight threads)
  --readme   rewrite the tables between the clue-table markers in README.md
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import segment as seg
from analysis.calibration import CALIBRATION_FILE
from analysis.replies import clues, link_pages
from analysis.replies import evidence as ev
from analysis.replies.decode import decode
from analysis.replies.features import PageFeatures

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "threads"
CALIBRATION_PATH = ROOT / "analysis" / "lexicons" / CALIBRATION_FILE
README = ROOT / "README.md"
MARK_START, MARK_END = "<!-- clue-table:start -->", "<!-- clue-table:end -->"

MIN_FIRES = 3
"""A clue is chosen only if it fired at least this often where it was measured."""

MIN_CONTEXT = 5
"""A confidence context needs this many decisions to get its own number."""

NEW_THREAD_GRID = tuple((a, k) for a in (0.02, 0.05, 0.08, 0.10) for k in (0.0, 2.0, 3.0, 4.0))
"""(cosine to the article, multiple of the page's mean cosine) from which new_thread may fire,
tried on the training threads."""

BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)

JOIN_FAMILIES: dict[str, frozenset[str]] = {
    seg.INTRO_COLON: frozenset({seg.INTRO_COLON}),
    seg.MARKER: frozenset({seg.MARKER}),
    seg.MARKER_AND: frozenset({seg.MARKER_AND}),
    seg.DIALOGUE: frozenset({seg.DIALOGUE}),
    seg.QUOTE_REPLY: frozenset({seg.QUOTE_REPLY}),
    "continuation_form": seg.CONTINUATION_FORM,
    seg.INTRO_PHRASE: frozenset({seg.INTRO_PHRASE}),
}
"""Join clues as measured and chosen (the rare wording cues as one family)."""

REPLY_FAMILIES: dict[str, tuple[str, ...]] = {
    ev.QUOTE: (ev.QUOTE_MARKED, ev.QUOTE_UNMARKED),
    ev.NAME: (ev.NAME,),
    ev.NEW_THREAD: (ev.NEW_THREAD,),
}
"""Deciding reply clues as measured and chosen: a quote, marked or not, is one clue."""
AUTHOR_FAMILIES: dict[str, tuple[str, ...]] = {ev.SELF_REPLY: (ev.SELF_REPLY,)}
"""Tried only where authors are visible (``--authors``)."""


# ------------------------------------------------------------------------------------ data

@dataclass
class Thread:
    tid: str
    article: str  # headline and selftext
    comments: pd.DataFrame  # page order: comment_id, parent_id, author, text
    section: list[tuple[int, str]]  # the comment lines of <tid>.txt
    spans: list[tuple[int, int]]  # true (line_start, line_end) per comment


def load_threads(data: Path, only: Sequence[str] = ()) -> list[Thread]:
    raw = pd.read_csv(data / "threads.csv", dtype=str, keep_default_na=False)
    raw = raw.assign(page_order=raw["page_order"].astype(int)).sort_values(
        ["thread_id", "page_order"], kind="stable")
    threads = []
    for tid, group in raw.groupby("thread_id", sort=True):
        if only and tid not in only:
            continue
        lines = (data / f"{tid}.txt").read_text(encoding="utf-8").split("\n")
        head = []
        for line in lines:
            if not line.strip():
                break
            head.append(line)
        first_comment_line = next(i for i in range(len(head), len(lines)) if lines[i].strip())
        section = [(i + 1, t) for i, t in enumerate(lines)
                   if i >= first_comment_line and t.strip()]
        with (data / f"{tid}.lines.csv").open(encoding="utf-8", newline="") as fh:
            spans = [(int(r["line_start"]), int(r["line_end"])) for r in csv.DictReader(fh)]
        threads.append(Thread(str(tid), "\n".join(head),
                              group[["comment_id", "parent_id", "author", "text"]]
                              .reset_index(drop=True), section, spans))
    return threads


# ------------------------------------------------------------------------------- counting

@dataclass
class Tally:
    """How a clue did where it decided: fired, its link (or join) right, the default right."""

    fires: int = 0
    right: int = 0
    default_right: int = 0
    folds: int = 0  # folds in which it was chosen
    chosen_in: list[str] = field(default_factory=list)

    def add(self, fires: int, right: int, default_right: int) -> None:
        self.fires += fires
        self.right += right
        self.default_right += default_right

    def precision(self) -> float:
        return self.right / self.fires if self.fires else float("nan")

    def default_precision(self) -> float:
        return self.default_right / self.fires if self.fires else float("nan")


def reliability(confidence: np.ndarray, right: np.ndarray) -> list[tuple[str, int, float, float]]:
    """Per confidence bin: its range, decisions, mean confidence, observed accuracy."""
    out = []
    for lo, hi in zip(BINS[:-1], BINS[1:], strict=True):
        inside = (confidence >= lo) & (confidence < hi)
        if inside.any():
            out.append((f"{lo:.1f}-{min(hi, 1.0):.1f}", int(inside.sum()),
                        float(confidence[inside].mean()), float(right[inside].mean())))
    return out


def _calibrator(table: dict[tuple[str, str], float]) -> Callable[[str, str], float]:
    def look_up(kind: str, context: str) -> float:
        return table.get((kind, context), table[kind, "default"])
    return look_up


# -------------------------------------------------------------------------------- replies

@dataclass
class ReplyData:
    features: PageFeatures
    thread: np.ndarray  # thread index per row
    truth: np.ndarray  # true parent row, -1 for top-level
    previous: np.ndarray
    candidates: dict[str, dict[object, clues.Proposal]]  # family -> parameter -> proposal
    members: dict[str, clues.Proposal]  # each member clue of a family alone


def reply_data(threads: list[Thread], authors: bool) -> ReplyData:
    frames = [t.comments.assign(thread=t.tid) for t in threads]
    rows = pd.concat(frames, ignore_index=True)
    features = PageFeatures(
        rows["text"].tolist(), rows["thread"].to_numpy(),
        rows["author"].tolist() if authors else [None] * len(rows),
        {t.tid: t.article for t in threads})
    index = {(a, c): k for k, (a, c) in enumerate(zip(rows["thread"], rows["comment_id"],
                                                      strict=True))}
    truth = np.array([index.get((a, p), -1) for a, p in
                      zip(rows["thread"], rows["parent_id"], strict=True)], dtype=np.int64)
    previous = clues.previous_comments(features)
    quotes = [clues.marked_quotes(features), clues.unmarked_quotes(features)]
    quoted = np.zeros(features.m, bool)
    for p in quotes:
        quoted[p.rows] = True
    cues = clues.reply_cues(features, quoted)
    candidates: dict[str, dict[object, clues.Proposal]] = {
        ev.QUOTE: {0.0: clues.merged(ev.QUOTE, quotes)},
        ev.NAME: {0.0: clues.names(features)},
        ev.NEW_THREAD: {t: clues.new_threads(features, previous, cues, *t)
                        for t in NEW_THREAD_GRID},
    }
    if authors:
        candidates[ev.SELF_REPLY] = {0.0: clues.same_author(features, previous)}
    thread = pd.factorize(rows["thread"])[0]
    return ReplyData(features, thread, truth, previous, candidates,
                     {ev.QUOTE_MARKED: quotes[0], ev.QUOTE_UNMARKED: quotes[1]})


def _deciding(data: ReplyData, proposal: clues.Proposal, rows: np.ndarray) -> tuple[int, ...]:
    """On the rows in ``rows`` (a mask): how often the proposal moves a link, is right, and
    the previous comment would have been right."""
    p = proposal
    moves = (p.targets != data.previous[p.rows]) & rows[p.rows]
    r, t = p.rows[moves], p.targets[moves]
    return (int(moves.sum()), int((t == data.truth[r]).sum()),
            int((data.previous[r] == data.truth[r]).sum()))


def choose_reply_clues(data: ReplyData, train: np.ndarray, names: Sequence[str]
                       ) -> list[tuple[str, object, bool]]:
    """Per candidate: its parameter and whether the clue is chosen on the training rows.

    The parameter: the one that gains most over the previous comment among those that lose on
    no training thread (do no harm page by page; if every one loses somewhere, the one that
    gains most). Chosen: it fires MIN_FIRES times and gains there."""
    threads = np.unique(data.thread[train])
    out = []
    for name in names:
        best = None
        for param, proposal in sorted(data.candidates[name].items(), reverse=True):
            fires, right, default = _deciding(data, proposal, train)
            worst = min(
                (lambda f, r, d: r - d)(*_deciding(data, proposal, train & (data.thread == t)))
                for t in threads)
            key = (worst >= 0, right - default)
            if best is None or key > best[0]:
                best = (key, param, fires)
        (_, gain), param, fires = best
        out.append((name, param, fires >= MIN_FIRES and gain > 0))
    return out


def reply_contexts(data: ReplyData, proposals: list[clues.Proposal]
                   ) -> tuple[list[str], np.ndarray]:
    """The decision kind of every row and its parent, with these proposals."""
    links = link_pages(data.features, proposals=proposals,
                       calibration=lambda kind, context: 0.0)
    return links.context, links.parent


def measure_contexts(context: Sequence[str], right: np.ndarray, rows: np.ndarray
                     ) -> dict[tuple[str, str], tuple[float, int]]:
    """Accuracy and count of each decision kind on ``rows``; the plain previous-comment
    accuracy also serves as the default."""
    table: dict[tuple[str, str], tuple[float, int]] = {}
    counts = Counter()
    hits = Counter()
    for c, ok, use in zip(context, right.tolist(), rows.tolist(), strict=True):
        if use:
            counts[c] += 1
            hits[c] += ok
    for c, n in counts.items():
        if n >= MIN_CONTEXT:
            table["reply", c] = (hits[c] / n, n)
    plain = ("reply", ev.PREVIOUS)
    if plain not in table:
        everything = sum(hits.values()), sum(counts.values())
        table[plain] = (everything[0] / max(everything[1], 1), everything[1])
    table["reply", "default"] = table[plain]
    return table


@dataclass
class ReplyResult:
    tallies: dict[str, tuple[Tally, Tally]]  # clue -> (in sample, out of sample)
    member_tallies: dict[str, tuple[Tally, Tally]]  # each kind of quote alone
    chosen: list[tuple[str, object]]  # on all threads
    chosen_params: dict[str, list[object]]  # per clue, the parameter chosen in each fold
    calibration: dict[tuple[str, str], tuple[float, int]]  # on all threads
    context_tallies: dict[str, tuple[Tally, Tally]]
    per_thread: pd.DataFrame
    reliability: list[tuple[str, int, float, float]]
    fold_choice: dict[str, list[tuple[str, object]]]  # per held-out thread, the clues chosen


def run_replies(threads: list[Thread], authors: bool = False) -> ReplyResult:
    data = reply_data(threads, authors)
    names = tuple(REPLY_FAMILIES) + (tuple(AUTHOR_FAMILIES) if authors else ())
    everything = np.ones(data.features.m, bool)
    tallies = {n: (Tally(), Tally()) for n in names}
    member_tallies = {n: (Tally(), Tally()) for n in data.members}
    context_tallies: dict[str, tuple[Tally, Tally]] = {}
    chosen_params: dict[str, list[object]] = {n: [] for n in names}
    fold_choice: dict[str, list[tuple[str, object]]] = {}
    # In sample: every clue's numbers where it decides alone (its best parameter), chosen or not.
    for name, param, _keep in choose_reply_clues(data, everything, names):
        tallies[name][0].add(*_deciding(data, data.candidates[name][param], everything))
    for name, proposal in data.members.items():
        member_tallies[name][0].add(*_deciding(data, proposal, everything))
        for k in range(len(threads)):
            member_tallies[name][1].add(*_deciding(data, proposal, data.thread == k))
    # Out of sample: leave one thread out.
    oos_right = np.zeros(data.features.m, bool)
    oos_conf = np.zeros(data.features.m)
    for k in range(len(threads)):
        test = data.thread == k
        train = ~test
        choice = choose_reply_clues(data, train, names)
        for name, param, keep in choice:
            chosen_params[name].append(param)
            # The clue's own record on the held-out thread (with the parameter chosen on the
            # other seven), whether or not it was chosen.
            tallies[name][1].add(*_deciding(data, data.candidates[name][param], test))
            if keep:
                tallies[name][1].folds += 1
                tallies[name][1].chosen_in.append(threads[k].tid)
        fold_config = [data.candidates[n][p] for n, p, keep in choice if keep]
        fold_choice[threads[k].tid] = [(n, p) for n, p, keep in choice if keep]
        context, parent = reply_contexts(data, fold_config)
        right_k = parent == data.truth
        table = measure_contexts(context, right_k, train)
        look_up = _calibrator({key: value[0] for key, value in table.items()})
        oos_right[test] = right_k[test]
        oos_conf[test] = [look_up("reply", context[i]) for i in np.flatnonzero(test)]
        for c in {context[i] for i in np.flatnonzero(test)}:
            use = np.array([x == c for x in context]) & test
            context_tallies.setdefault(c, (Tally(), Tally()))[1].add(
                int(use.sum()), int(right_k[use].sum()), 0)
    # Ships: chosen on all threads and right more often than the previous comment out of sample.
    chosen_all = [(n, p) for n, p, keep in choose_reply_clues(data, everything, names)
                  if keep and tallies[n][1].right > tallies[n][1].default_right]
    config = [data.candidates[n][p] for n, p in chosen_all]
    context, parent = reply_contexts(data, config)
    right = parent == data.truth
    calibration = measure_contexts(context, right, everything)
    for c in set(context):
        use = np.array([x == c for x in context])
        context_tallies.setdefault(c, (Tally(), Tally()))[0].add(
            int(use.sum()), int(right[use].sum()), 0)
    in_sample = right.copy()
    prev_right = data.previous == data.truth
    per_thread = pd.DataFrame({
        "thread": [threads[k].tid for k in data.thread],
        "in_sample": in_sample, "out_of_sample": oos_right, "page_order": prev_right,
    }).groupby("thread", sort=True).agg(comments=("in_sample", "size"),
                                        page_order=("page_order", "mean"),
                                        in_sample=("in_sample", "mean"),
                                        out_of_sample=("out_of_sample", "mean"))
    per_thread.loc["ALL"] = [len(in_sample), prev_right.mean(), in_sample.mean(),
                             oos_right.mean()]
    return ReplyResult(tallies, member_tallies, chosen_all, chosen_params, calibration,
                       context_tallies, per_thread, reliability(oos_conf, oos_right),
                       fold_choice)


# --------------------------------------------------------------------------- segmentation

def true_joins(spans: Sequence[tuple[int, int]]) -> set[int]:
    """Line numbers that continue the comment of the line before them."""
    return {n for start, end in spans for n in range(start + 1, end + 1)}


def one_line_section(thread: Thread) -> list[tuple[int, str]]:
    """The thread's comments, each given on one line (its lines joined by a space)."""
    text = dict(thread.section)
    return [(k + 1, " ".join(text[n] for n in range(s, e + 1) if n in text))
            for k, (s, e) in enumerate(thread.spans)]


def _joined(segments: list[seg.Segment]) -> set[int]:
    return true_joins([(s.line_start, s.line_end) for s in segments])


@dataclass
class SegmentResult:
    tallies: dict[str, tuple[Tally, Tally]]
    one_line_fires: dict[str, int]
    chosen: list[str]
    calibration: dict[tuple[str, str], tuple[float, int]]
    per_thread: pd.DataFrame
    reliability: list[tuple[str, int, float, float]]
    fold_joins: dict[str, frozenset[str]]  # per held-out thread, the join clues chosen


def _segment_calibration(threads: list[Thread], joins: frozenset[str],
                         join_tallies: dict[str, Tally]
                         ) -> dict[tuple[str, str], tuple[float, int]]:
    """P(join right) per join clue (its family's precision) and P(break right) per context,
    measured on ``threads`` segmented with ``joins``."""
    table: dict[tuple[str, str], tuple[float, int]] = {}
    for family, members in JOIN_FAMILIES.items():
        tally = join_tallies[family]
        if tally.fires:
            for clue in members:
                table["join", clue] = (tally.precision(), tally.fires)
    right, total = Counter(), Counter()
    for t in threads:
        truth = true_joins(t.spans)
        segments = seg.segment_comments(t.section, joins)
        nums = [n for n, _ in t.section]
        previous_line = dict(zip(nums[1:], nums[:-1], strict=True))
        for s in segments[1:]:
            before = previous_line[s.line_start]
            context = seg.boundary_context(s.line_start != before + 1)
            total[context] += 1
            right[context] += s.line_start not in truth
    for context, n in total.items():
        table["boundary", context] = (right[context] / n, n)
    everything = sum(right.values()), sum(total.values())
    table["boundary", "default"] = (everything[0] / max(everything[1], 1), everything[1])
    fires = sum(t.fires for t in join_tallies.values())
    hits = sum(t.right for t in join_tallies.values())
    table["join", "default"] = (hits / fires if fires else 0.5, fires)
    return table


def run_segmentation(threads: list[Thread]) -> SegmentResult:
    names = list(JOIN_FAMILIES)
    # Per thread and family: joins it makes alone, and how many are right.
    alone: dict[tuple[str, str], tuple[int, int]] = {}
    one_line_fires = Counter()
    for t in threads:
        truth = true_joins(t.spans)
        one_line = one_line_section(t)
        for family, members in JOIN_FAMILIES.items():
            made = _joined(seg.segment_comments(t.section, members))
            alone[t.tid, family] = (len(made), len(made & truth))
            one_line_fires[family] += len(_joined(seg.segment_comments(one_line, members)))

    def tally_on(tids: set[str], family: str) -> Tally:
        tally = Tally()
        for tid in tids:
            fires, right = alone[tid, family]
            tally.add(fires, right, fires - right)
        return tally

    def choose(tids: set[str]) -> list[str]:
        return [f for f in names if (tl := tally_on(tids, f)).fires >= MIN_FIRES
                and tl.right > tl.default_right]

    all_tids = {t.tid for t in threads}
    tallies = {f: (tally_on(all_tids, f), Tally()) for f in names}
    for t in threads:
        for f in names:
            fires, right = alone[t.tid, f]
            tallies[f][1].add(fires, right, fires - right)
    # Ships: chosen on all threads and right more often than not out of sample.
    chosen = [f for f in choose(all_tids) if tallies[f][1].right > tallies[f][1].default_right]
    shipped_joins = frozenset().union(*(JOIN_FAMILIES[f] for f in chosen))
    rows = []
    oos_conf, oos_right = [], []
    fold_joins: dict[str, frozenset[str]] = {}
    for t in threads:
        train = all_tids - {t.tid}
        fold = choose(train)
        for f in names:
            if f in fold:
                tallies[f][1].folds += 1
                tallies[f][1].chosen_in.append(t.tid)
        joins = frozenset().union(*(JOIN_FAMILIES[f] for f in fold))
        fold_joins[t.tid] = joins
        train_threads = [x for x in threads if x.tid in train]
        table = _segment_calibration(train_threads, joins,
                                     {f: tally_on(train, f) for f in names})
        look_up = _calibrator({key: value[0] for key, value in table.items()})
        truth = set(t.spans)
        got = seg.segment_comments(t.section, joins, look_up)
        oos_conf.extend(s.confidence for s in got)
        oos_right.extend((s.line_start, s.line_end) in truth for s in got)
        in_spans = {(s.line_start, s.line_end) for s in seg.segment_comments(t.section,
                                                                              shipped_joins)}
        oos_spans = {(s.line_start, s.line_end) for s in got}
        one_line = one_line_section(t)
        rows.append({
            "thread": t.tid, "comments": len(t.spans),
            "one_line": sum(s == e for s, e in t.spans) / len(t.spans),
            "in_sample": len(truth & in_spans) / len(t.spans),
            "out_of_sample": len(truth & oos_spans) / len(t.spans),
            "given_one_line_in": _exact_alone(seg.segment_comments(one_line, shipped_joins)),
            "given_one_line_out": _exact_alone(seg.segment_comments(one_line, joins)),
        })
    per_thread = pd.DataFrame(rows).set_index("thread")
    total = per_thread["comments"].sum()
    per_thread.loc["ALL"] = [total] + [
        float((per_thread[c] * per_thread["comments"]).sum() / total)
        for c in per_thread.columns[1:]]
    calibration = _segment_calibration(threads, shipped_joins,
                                       {f: tally_on(all_tids, f) for f in names})
    return SegmentResult(tallies, dict(one_line_fires), chosen, calibration, per_thread,
                         reliability(np.array(oos_conf), np.array(oos_right)), fold_joins)


def end_to_end(thread: Thread, joins: frozenset[str], config: list[tuple[str, object]]
               ) -> float:
    """Parent accuracy from the page text, as ``score_threads.py`` counts it: the thread's
    lines segmented with ``joins``, links inferred with the deciding clues in ``config``; a
    true comment is right when a segment starts on its first line and that segment's parent
    starts on its true parent's first line (or both are top-level)."""
    segments = seg.segment_comments(thread.section, joins)
    texts = [s.text for s in segments]
    features = PageFeatures(texts, np.zeros(len(texts), np.int64), [None] * len(texts),
                            {0: thread.article})
    previous = clues.previous_comments(features)
    quotes = [clues.marked_quotes(features), clues.unmarked_quotes(features)]
    quoted = np.zeros(features.m, bool)
    for p in quotes:
        quoted[p.rows] = True
    make = {
        ev.QUOTE: lambda _: clues.merged(ev.QUOTE, quotes),
        ev.NAME: lambda _: clues.names(features),
        ev.NEW_THREAD: lambda param: clues.new_threads(
            features, previous, clues.reply_cues(features, quoted), *param),
    }
    parent, _ = decode(previous, [make[name](param) for name, param in config])
    start_of = [s.line_start for s in segments]
    comment_at = {s: cid for (s, _), cid in zip(thread.spans, thread.comments["comment_id"],
                                                  strict=True)}
    segment_at = {s: k for k, s in enumerate(start_of)}
    right = 0
    for (start, _), true_parent in zip(thread.spans, thread.comments["parent_id"], strict=True):
        k = segment_at.get(start)
        if k is None:
            continue
        got = "" if parent[k] < 0 else comment_at.get(start_of[parent[k]], "?")
        right += got == true_parent
    return right / len(thread.spans)


def _exact_alone(segments: list[seg.Segment]) -> float:
    """Share of comments exact when each was given on one line: those left alone."""
    return sum(s.line_start == s.line_end for s in segments) / max(
        sum(s.line_end - s.line_start + 1 for s in segments), 1)


# -------------------------------------------------------------------------------- output

def _pct(x: float) -> str:
    return "—" if x != x else f"{x:.2f}"


def reply_table(result: ReplyResult, n_threads: int) -> str:
    chosen = {n for n, _ in result.chosen}
    lines = [
        "| reply clue (moves the link) | in sample: fires | right | previous comment right "
        "| out of sample: fires | right | previous comment right | chosen in folds | ships |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, (ins, oos) in result.tallies.items():
        params = result.chosen_params[name]
        shown = name if name != ev.NEW_THREAD else (
            f"{name} (cosine to the article ≥ a and ≥ k × the page's mean; (a, k) chosen: "
            + ", ".join(f"({a:.2f}, {k:g})" for a, k in sorted(set(params))) + ")")
        ships = name in chosen and oos.right > oos.default_right
        lines.append(
            f"| {shown} | {ins.fires} | {_pct(ins.precision())} | {_pct(ins.default_precision())}"
            f" | {oos.fires} | {_pct(oos.precision())} | {_pct(oos.default_precision())}"
            f" | {oos.folds}/{n_threads} | {'yes' if ships else 'no'} |")
        for member in REPLY_FAMILIES.get(name, ()):
            if member in result.member_tallies and len(REPLY_FAMILIES[name]) > 1:
                ins, oos = result.member_tallies[member]
                lines.append(
                    f"| — {member} alone | {ins.fires} | {_pct(ins.precision())} "
                    f"| {_pct(ins.default_precision())} | {oos.fires} | {_pct(oos.precision())} "
                    f"| {_pct(oos.default_precision())} | | |")
    lines += ["", "| link kind (sets reply_confidence) | in sample: links | right "
              "| out of sample: links | right |", "|---|---:|---:|---:|---:|"]
    for c, (ins, oos) in sorted(result.context_tallies.items(),
                                key=lambda kv: -kv[1][0].fires):
        lines.append(f"| {c} | {ins.fires} | {_pct(ins.precision())} | {oos.fires} "
                     f"| {_pct(oos.precision())} |")
    return "\n".join(lines)


def join_table(result: SegmentResult, n_threads: int, n_comments: int) -> str:
    lines = [
        "| join clue | in sample: joins | right | out of sample: joins | right "
        "| chosen in folds | joins per 1,000 comments given on one line (all wrong) | ships |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, (ins, oos) in result.tallies.items():
        ships = name in result.chosen
        shown = name if name != "continuation_form" else (
            "continuation_form (" + ", ".join(sorted(seg.CONTINUATION_FORM)) + ")")
        per_1000 = 1000 * result.one_line_fires[name] / n_comments
        lines.append(
            f"| {shown} | {ins.fires} | {_pct(ins.precision())} | {oos.fires} "
            f"| {_pct(oos.precision())} | {oos.folds}/{n_threads} "
            f"| {per_1000:.1f} | {'yes' if ships else 'no'} |")
    return "\n".join(lines)


def reliability_table(rows: list[tuple[str, int, float, float]], what: str) -> str:
    lines = [f"| {what} | decisions | mean confidence | observed accuracy |",
             "|---|---:|---:|---:|"]
    lines += [f"| {b} | {n} | {c:.2f} | {a:.2f} |" for b, n, c, a in rows]
    return "\n".join(lines)


def per_thread_table(threads: list[Thread], replies: ReplyResult,
                     segments: SegmentResult) -> str:
    r, s = replies.per_thread, segments.per_thread
    shipped_joins = frozenset().union(*(JOIN_FAMILIES[f] for f in segments.chosen))
    e2e = {}
    for t in threads:
        e2e[t.tid] = (end_to_end(t, frozenset(), []),
                      end_to_end(t, shipped_joins, replies.chosen),
                      end_to_end(t, segments.fold_joins[t.tid], replies.fold_choice[t.tid]))
    sizes = {t.tid: len(t.spans) for t in threads}
    e2e["ALL"] = tuple(sum(e2e[tid][j] * n for tid, n in sizes.items()) / sum(sizes.values())
                       for j in range(3))
    lines = ["| thread | comments | parents given the true comments: page order | in sample "
             "| out of sample | end to end: one line each, page order | in sample "
             "| out of sample | spans: one line each | in sample | out of sample "
             "| each comment given on one line: in sample | out of sample |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for tid in r.index:
        lines.append(
            f"| {tid} | {int(r.loc[tid, 'comments'])} | {r.loc[tid, 'page_order']:.3f} "
            f"| {r.loc[tid, 'in_sample']:.3f} | {r.loc[tid, 'out_of_sample']:.3f} "
            f"| {e2e[tid][0]:.3f} | {e2e[tid][1]:.3f} | {e2e[tid][2]:.3f} "
            f"| {s.loc[tid, 'one_line']:.3f} | {s.loc[tid, 'in_sample']:.3f} "
            f"| {s.loc[tid, 'out_of_sample']:.3f} | {s.loc[tid, 'given_one_line_in']:.3f} "
            f"| {s.loc[tid, 'given_one_line_out']:.3f} |")
    return "\n".join(lines)


def calibration_tsv(replies: ReplyResult, segments: SegmentResult, tids: list[str]) -> str:
    head = [
        "# How often a decision of each kind is right, measured on the Reddit threads of",
        "# ../shared/eval/threads (" + ", ".join(tids) + "), true comments for replies.",
        "# Read by analysis/calibration.py; the same numbers measured leaving one thread out are",
        "# in the README's reliability tables. Regenerate, never edit:",
        "#     .venv/bin/python -m benchmarks.clue_table --write",
        "kind\tcontext\tprobability\tn",
    ]
    rows = []
    for table in (replies.calibration, segments.calibration):
        for (kind, context), (p, n) in sorted(table.items()):
            rows.append(f"{kind}\t{context}\t{p:.3f}\t{n}")
    return "\n".join(head + rows) + "\n"


def report(threads: list[Thread], authors: bool) -> tuple[str, ReplyResult, SegmentResult]:
    replies = run_replies(threads, authors)
    segments = run_segmentation(threads)
    n = len(threads)
    comments = sum(len(t.spans) for t in threads)
    text = "\n\n".join([
        reply_table(replies, n),
        join_table(segments, n, comments),
        reliability_table(replies.reliability, "reply_confidence (out of sample)"),
        reliability_table(segments.reliability, "segment_confidence (out of sample)"),
        per_thread_table(threads, replies, segments),
    ])
    return text, replies, segments


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--threads", nargs="*", default=[])
    ap.add_argument("--authors", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--readme", action="store_true")
    args = ap.parse_args()
    threads = load_threads(args.data, args.threads)
    text, replies, segments = report(threads, args.authors)
    print(text)
    shipped = {ev.NEW_THREAD: (clues.NEW_THREAD_MIN_ARTICLE, clues.NEW_THREAD_OVER_PAGE)}
    for name, param in replies.chosen:
        if name in shipped and shipped[name] != param:
            print(f"\nnote: {name} ships with {shipped[name]}; chosen here: {param}")
    if args.write:
        if not args.authors:
            # Contexts that only exist where authors are known ("A answers B answers A") are
            # measured with the true authors visible.
            with_authors = run_replies(threads, authors=True).calibration
            for key, value in with_authors.items():
                replies.calibration.setdefault(key, value)
        CALIBRATION_PATH.write_text(
            calibration_tsv(replies, segments, [t.tid for t in threads]), encoding="utf-8")
        print(f"\nwrote {CALIBRATION_PATH.relative_to(ROOT)}")
    if args.readme:
        readme = README.read_text(encoding="utf-8")
        start, end = readme.index(MARK_START), readme.index(MARK_END)
        README.write_text(readme[:start + len(MARK_START)] + "\n" + text + "\n"
                          + readme[end:], encoding="utf-8")
        print("rewrote the clue tables in README.md")


if __name__ == "__main__":
    main()
