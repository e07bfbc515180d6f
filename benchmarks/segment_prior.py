"""Can segmentation adapt to a page's own continuation prior? Measured, in and out of sample.

A line joins the comment above when the posterior odds that it continues it clear the cost of
a wrong join. Posterior odds = prior odds x likelihood ratio, so a cue that is a poor join on
Reddit (about 19% of lines continue a comment) could be a good one on news pages where 44% do.
This script tests that idea (Saerens, Latinne & Decaestecker 2002, "Adjusting the outputs of a
classifier to new a priori probabilities"):

1. per-line cues: the shipped join clues of ``analysis/segment.py`` (grouped as in
   ``benchmarks/clue_table.py``), the unshipped ones, and weak cues (lower-case start, the line
   above without end punctuation or ending in "?", short and long lines, content words shared
   with the line above, "you", reply openers such as "Yes"/"Lol"/"Exactly", the line repeating
   earlier text or following such a quote);
2. a logistic regression over those cues, trained on the other threads; its coefficients are
   per-cue log likelihood ratios and its intercept, less the training log prior odds, the rest;
3. on the page being read, EM estimates the page's continuation prior from its own lines (the
   prior whose posteriors average to itself), and a line joins when its posterior under that
   prior exceeds 2/3 (a wrong join breaks two comments, a missed join one), or, as a second
   decoder, the spans that maximise the expected number of exactly right comments.

Scored leaving one Reddit thread out (the model trained on the other seven) on: the thread as
it is; the thread with every true comment put on one line (every join is then wrong); and a
"news-like" page resampled from the thread (every multi-line comment and enough one-line ones,
in page order, that 44% of lines continue a comment). Seed 000 is scored against its hand
reading (``tests/test_corrections.py``) with the model trained on all eight threads. Each
reading is shown with the page's EM prior, the training prior and the true prior (an oracle:
what a perfect prior estimate would give), next to today's shipped clues and one line = one
comment.

Data: ``../shared/eval/threads`` (nothing is copied into the repository and nothing measured
here ships). Prints Markdown.

usage (from the repo root):
  .venv/bin/python -m benchmarks.segment_prior [--threads DIR] [--only ID ...]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from analysis import segment as seg
from benchmarks.eval_segmentation import SEED, THREADS, read_section, read_truth

Lines = list[tuple[int, str]]
Spans = list[tuple[int, int]]

NEWS_PRIOR = 0.44
"""Share of lines that continue a comment on the unseen news pages (issue 13)."""

JOIN_POSTERIOR = 2 / 3
"""A join pays when P(continues) * 1 > (1 - P) * 2: right, it can make one comment exact;
wrong, it breaks two."""

THRESHOLDS = (0.4, 0.5, 0.6, JOIN_POSTERIOR, 0.75, 0.85)
"""Join thresholds tried on the news-like pages, around the cost-derived 2/3."""

CLUE_CUES = ("intro_colon", "marker", "dialogue", "continuation_form", "marker_and",
             "intro_phrase")
WEAK_CUES = ("after_quote", "is_quote", "lower_start", "prev_no_end", "prev_question",
             "cur_question", "cur_short", "prev_short", "cur_long", "prev_long",
             "shared_words", "second_person", "reply_opener")
CUES = CLUE_CUES + WEAK_CUES

_OPENER = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|no|nope|nah|agreed|exactly|true|lol|lmao|haha\w*|wow|"
    r"thanks|thank you|indeed|absolutely|sure|ok|okay|i agree|i disagree)\b|^@",
    re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your|you're|you’re|yours)\b", re.IGNORECASE)
_CONTENT_WORD = re.compile(r"[a-z][a-z'’]{3,}")
_STOP = frozenset(
    "that this with have they them their there what when where which would could should "
    "about just like from than then were been being your will more some into only also very "
    "because think know even much many most other does doesn't don't it's that's".split())
_CLOSED = frozenset(".!?\"”’')]…")
_SHORT, _LONG = 40, 200


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.lower()) if w not in _STOP}


def _family(clue: str) -> str:
    return "continuation_form" if clue in seg.CONTINUATION_FORM else clue


def line_cues(lines: Lines) -> tuple[np.ndarray, np.ndarray]:
    """Per line: a 0/1 matrix over ``CUES`` and whether the line follows the one before it
    (no blank line between; a first line or one after a gap always starts a comment)."""
    lex = seg._lexicons()
    nums = [n for n, _ in lines]
    texts = [t.rstrip() for _, t in lines]
    cues = np.zeros((len(lines), len(CUES)), np.int8)
    adjacent = np.zeros(len(lines), bool)
    column = {c: k for k, c in enumerate(CUES)}
    recent = ""
    prev_clue = ""
    prev_quote = False
    for i, cur in enumerate(texts):
        low = cur[:seg._QUOTE_WINDOW_CHARS].lower()
        key = low[: seg._QUOTE_MAX_CHARS + 1].strip(seg._QUOTE_TRIM)
        is_quote = (seg._QUOTE_MIN_CHARS <= len(key) <= seg._QUOTE_MAX_CHARS
                    and key.count(" ") >= 2 and key in recent)
        recent = (recent + low + "\n")[-2 * seg._QUOTE_WINDOW_CHARS:]
        adjacent[i] = i > 0 and nums[i] == nums[i - 1] + 1
        prev = texts[i - 1] if i else ""
        if not adjacent[i] or not cur.strip() or not prev.strip():
            prev_clue, prev_quote = "", is_quote
            continue
        fired = [clue for clue, _ in seg._join_reasons(prev, cur, prev_clue, lex)]
        for clue in fired:
            cues[i, column[_family(clue)]] = 1
        head, tail = cur.lstrip(), prev.rstrip()
        on = {
            "after_quote": prev_quote,
            "is_quote": is_quote,
            "lower_start": head[:1].islower(),
            "prev_no_end": tail[-1] not in _CLOSED,
            "prev_question": tail.endswith("?"),
            "cur_question": cur.endswith("?"),
            "cur_short": len(cur) < _SHORT,
            "prev_short": len(prev) < _SHORT,
            "cur_long": len(cur) >= _LONG,
            "prev_long": len(prev) >= _LONG,
            "shared_words": len(_content_words(cur[:300]) & _content_words(prev[-300:])) >= 2,
            "second_person": _YOU.search(cur[:200]) is not None,
            "reply_opener": _OPENER.match(head) is not None,
        }
        for cue, value in on.items():
            cues[i, column[cue]] = value
        prev_clue, prev_quote = (fired[0] if fired else ""), is_quote
    return cues, adjacent


def continues(lines: Lines, spans: Spans) -> np.ndarray:
    """Per line: does it continue the comment of the line before (the truth)."""
    joined = {n for start, end in spans for n in range(start + 1, end + 1)}
    return np.array([n in joined for n, _ in lines], bool)


# ---------------------------------------------------------------------------------- model

@dataclass(frozen=True)
class PriorModel:
    """Per-cue log likelihood ratios of "continues" against "starts"."""

    weights: np.ndarray
    offset: float  # log LR of a line with no cue
    train_prior: float

    def log_lr(self, cues: np.ndarray) -> np.ndarray:
        return cues @ self.weights + self.offset


def fit_model(pages: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> PriorModel:
    """``pages``: (cues, adjacent, continues) per training page; only adjacent lines count."""
    x = np.vstack([c[a] for c, a, _ in pages])
    y = np.concatenate([t[a] for _, a, t in pages])
    model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y)
    prior = float(y.mean())
    # The intercept holds the training prior; what is left is a likelihood ratio.
    return PriorModel(model.coef_[0], float(model.intercept_[0]) - _logit(prior), prior)


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


def em_prior(log_lr: np.ndarray, start: float, steps: int = 200, floor: float = 1e-3) -> float:
    """Saerens et al. (2002): the prior ``p`` at which the page's posteriors (its lines' log
    likelihood ratios plus log prior odds ``p``) average to ``p``, found from ``start``."""
    if not len(log_lr):
        return start
    prior = start
    for _ in range(steps):
        new = float(np.clip(_sigmoid(log_lr + _logit(prior)).mean(), floor, 1 - floor))
        if abs(new - prior) < 1e-7:
            return new
        prior = new
    return prior


def posteriors(model: PriorModel, cues: np.ndarray, adjacent: np.ndarray,
               prior: float) -> np.ndarray:
    post = _sigmoid(model.log_lr(cues) + _logit(prior))
    return np.where(adjacent, post, 0.0)


def threshold_spans(lines: Lines, post: np.ndarray, threshold: float = JOIN_POSTERIOR) -> Spans:
    spans: list[list[int]] = []
    for (num, _), p in zip(lines, post, strict=True):
        if spans and p > threshold:
            spans[-1][1] = num
        else:
            spans.append([num, num])
    return [(a, b) for a, b in spans]


def expected_exact_spans(lines: Lines, post: np.ndarray, longest: int = 12) -> Spans:
    """The spans that maximise the expected number of exactly right comments, each line's
    decision taken as independent: a span a..b is right with probability
    P(a starts) * P(a+1..b continue) * P(b+1 starts)."""
    n = len(lines)
    p = np.clip(post, 1e-12, 1 - 1e-12)
    p[0] = 1e-12
    log_join, log_start = np.log(p), np.log(1 - p)
    best = np.full(n + 1, -np.inf)
    best[0] = 0.0
    back = np.zeros(n + 1, np.int64)
    for end in range(1, n + 1):
        after = log_start[end] if end < n else 0.0
        for start in range(max(1, end - longest + 1), end + 1):
            value = best[start - 1] + np.exp(log_start[start - 1]
                                             + log_join[start:end].sum() + after)
            if value > best[end]:
                best[end], back[end] = value, start
    spans, end = [], n
    while end > 0:
        start = int(back[end])
        spans.append((lines[start - 1][0], lines[end - 1][0]))
        end = start - 1
    return spans[::-1]


# ---------------------------------------------------------------------------------- pages

def one_comment_per_line(lines: Lines, spans: Spans) -> tuple[Lines, Spans]:
    """The same comments, each on one line (its lines joined by a space)."""
    text = dict(lines)
    joined = [" ".join(text[n] for n in range(a, b + 1) if n in text) for a, b in spans]
    return [(k + 1, t) for k, t in enumerate(joined)], [(k + 1, k + 1) for k in range(len(joined))]


def news_like(lines: Lines, spans: Spans, target: float = NEWS_PRIOR,
              seed: int = 0) -> tuple[Lines, Spans]:
    """Every multi-line comment and a random share of the one-line ones, in page order, so that
    about ``target`` of the lines continue a comment (fewer if the page has too few)."""
    text = dict(lines)
    multi = [s for s in spans if s[1] > s[0]]
    single = [s for s in spans if s[1] == s[0]]
    continuing = sum(b - a for a, b in multi)
    in_multi = sum(b - a + 1 for a, b in multi)
    wanted = max(0, min(len(single), round(continuing / target - in_multi)))
    order = np.random.default_rng(seed).permutation(len(single))
    kept = {single[k] for k in order[:wanted]}
    out_lines: Lines = []
    out_spans: Spans = []
    for a, b in spans:
        if b > a or (a, b) in kept:
            first = len(out_lines) + 1
            out_lines.extend((len(out_lines) + 1, text[n]) for n in range(a, b + 1))
            out_spans.append((first, len(out_lines)))
    return out_lines, out_spans


# ------------------------------------------------------------------------------- scoring

@dataclass
class Page:
    name: str
    lines: Lines
    spans: Spans
    cues: np.ndarray
    adjacent: np.ndarray
    truth: np.ndarray

    @classmethod
    def of(cls, name: str, lines: Lines, spans: Spans) -> Page:
        cues, adjacent = line_cues(lines)
        return cls(name, lines, spans, cues, adjacent, continues(lines, spans))

    def true_prior(self) -> float:
        return float(self.truth[self.adjacent].mean()) if self.adjacent.any() else 0.0

    def training_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.cues, self.adjacent, self.truth


READINGS = ("one line", "today", "today, vetoed under the EM prior", "EM prior",
            "EM prior, expected spans", "training prior", "true prior (oracle)")


def readings(page: Page, model: PriorModel) -> tuple[dict[str, int], float]:
    """Exact spans of each reading of ``page``, and the page's EM prior."""
    truth = set(page.spans)
    today = [(s.line_start, s.line_end) for s in seg.segment_comments(page.lines)]
    log_lr = model.log_lr(page.cues)[page.adjacent]
    em = em_prior(log_lr, model.train_prior)
    oracle = float(np.clip(page.true_prior(), 1e-3, 1 - 1e-3))
    today_joins = continues(page.lines, today)
    em_post = posteriors(model, page.cues, page.adjacent, em)
    got = {
        "one line": [(n, n) for n, _ in page.lines],
        "today": today,
        # Today's joins, each kept only if the page's prior leaves it worth making.
        "today, vetoed under the EM prior": threshold_spans(
            page.lines, np.where(today_joins, em_post, 0.0)),
        "EM prior": threshold_spans(page.lines, em_post),
        "EM prior, expected spans": expected_exact_spans(page.lines, em_post),
        "training prior": threshold_spans(
            page.lines, posteriors(model, page.cues, page.adjacent, model.train_prior)),
        "true prior (oracle)": threshold_spans(
            page.lines, posteriors(model, page.cues, page.adjacent, oracle)),
    }
    return {name: len(truth & set(spans)) for name, spans in got.items()}, em


def seed_page() -> Page:
    from tests.test_corrections import SEED_SPANS  # the hand reading of seed 000

    raw = SEED.read_text(encoding="utf-8").split("\n")
    first, last = min(SEED_SPANS), max(SEED_SPANS.values())
    lines = [(n, t) for n, t in enumerate(raw, start=1) if first <= n <= last and t.strip()]
    return Page.of("seed 000", lines, sorted(SEED_SPANS.items()))


def _table(title: str, rows: list[tuple[str, int, dict[str, int], float, float]],
           totals: bool = True) -> list[str]:
    out = [f"\n{title}\n", "| page | comments | true prior | EM prior | "
           + " | ".join(READINGS) + " |", "|---|" + "---|" * (3 + len(READINGS))]
    total = {name: 0 for name in READINGS}
    comments = 0
    for name, n, exact, true_prior, em in rows:
        out.append(f"| {name} | {n} | {true_prior:.3f} | {em:.3f} | "
                   + " | ".join(f"{exact[r] / n:.3f}" for r in READINGS) + " |")
        comments += n
        for r in READINGS:
            total[r] += exact[r]
    if totals:
        out.append(f"| **all** | {comments} | | | "
                   + " | ".join(f"**{total[r] / comments:.3f}**" for r in READINGS) + " |")
        error = np.mean([abs(em - true_prior) for _, _, _, true_prior, em in rows])
        out.append(f"\nMean distance of the EM prior from the true prior: {error:.3f}.")
    return out


def cue_table(pages: Sequence[Page], model: PriorModel) -> list[str]:
    """Each cue: how often it fires on continuing and starting lines, its likelihood ratio
    alone, its weight in the model and the prior from which it alone would join."""
    y = np.concatenate([p.truth[p.adjacent] for p in pages])
    x = np.vstack([p.cues[p.adjacent] for p in pages])
    out = ["| cue | fires on continuing lines | on starting lines | likelihood ratio alone | "
           "model log LR | joins alone from a page prior of |", "|---|---|---|---|---|---|"]
    for k, cue in enumerate(CUES):
        on_cont, on_start = int(x[y, k].sum()), int(x[~y, k].sum())
        ratio = ((on_cont + 0.5) / (y.sum() + 1)) / ((on_start + 0.5) / ((~y).sum() + 1))
        weight = model.weights[k] + model.offset
        # Posterior odds 2 (P = 2/3) need prior odds 2 / LR.
        breakeven = 2 / (2 + np.exp(weight))
        out.append(f"| {cue} | {on_cont} | {on_start} | {ratio:.2f} | {weight:+.2f} | "
                   f"{breakeven:.2f} |")
    out.append(f"| (no cue) | | | | {model.offset:+.2f} | {2 / (2 + np.exp(model.offset)):.2f} |")
    return out


def load_pages(threads: Path, only: Sequence[str] = ()) -> list[Page]:
    """The comment sections of the threads in ``threads`` (all, or ``only`` these)."""
    return [Page.of(p.stem, read_section(p), read_truth(p.with_name(p.stem + ".lines.csv")))
            for p in sorted(threads.glob("*.txt"))
            if p.with_name(p.stem + ".lines.csv").exists() and (not only or p.stem in only)]


def report(pages: Sequence[Page]) -> str:
    """Every table, as Markdown."""
    kinds = {"as on the page": [], "each comment on one line": [],
             f"news-like (about {NEWS_PRIOR:.0%} of lines continue)": []}
    scores, truths = [], []
    sweep = dict.fromkeys(THRESHOLDS, 0)
    sweep_today = sweep_comments = 0
    for k, page in enumerate(pages):
        model = fit_model([p.training_data() for j, p in enumerate(pages) if j != k])
        scores.append(model.log_lr(page.cues)[page.adjacent])
        truths.append(page.truth[page.adjacent])
        variants = (page, Page.of(page.name, *one_comment_per_line(page.lines, page.spans)),
                    Page.of(page.name, *news_like(page.lines, page.spans)))
        for rows, variant in zip(kinds.values(), variants, strict=True):
            exact, em = readings(variant, model)
            rows.append((variant.name, len(variant.spans), exact, variant.true_prior(), em))
        news = variants[2]
        oracle = float(np.clip(news.true_prior(), 1e-3, 1 - 1e-3))
        post = posteriors(model, news.cues, news.adjacent, oracle)
        for threshold in THRESHOLDS:
            sweep[threshold] += len(set(news.spans) & set(threshold_spans(news.lines, post,
                                                                          threshold)))
        sweep_today += len(set(news.spans) & {(s.line_start, s.line_end)
                                              for s in seg.segment_comments(news.lines)})
        sweep_comments += len(news.spans)
    full = fit_model([p.training_data() for p in pages])
    in_sample = []
    for page in pages:
        exact, em = readings(page, full)
        in_sample.append((page.name, len(page.spans), exact, page.true_prior(), em))
    seed = seed_page()
    seed_rows = []
    for variant in (seed, Page.of("seed 000, each comment on one line",
                                  *one_comment_per_line(seed.lines, seed.spans))):
        exact, em = readings(variant, full)
        seed_rows.append((variant.name, len(variant.spans), exact, variant.true_prior(), em))
    auc = roc_auc_score(np.concatenate(truths), np.concatenate(scores))
    out = ["Exact comment spans (share of true comments reproduced exactly). Out of sample: "
           "each thread read by the model trained on the other seven. Out of sample, the "
           f"model ranks continuing lines above starting ones with ROC AUC {auc:.3f}."]
    for kind, rows in kinds.items():
        out += _table(f"**Reddit threads, {kind}, out of sample**", rows)
    out += _table("**Reddit threads as on the page, in sample** (trained on all eight)",
                  in_sample)
    out += _table("**Seed 000 against its hand reading** (trained on all eight threads)",
                  seed_rows, totals=False)
    out += ["\n**News-like pages, the true prior, other join thresholds** (out of sample; "
            f"shipped clues: {sweep_today / sweep_comments:.3f})\n",
            "| join when the posterior exceeds | "
            + " | ".join(f"{t:.2f}" for t in THRESHOLDS) + " |",
            "|---|" + "---|" * len(THRESHOLDS),
            "| exact spans | " + " | ".join(f"{sweep[t] / sweep_comments:.3f}"
                                          for t in THRESHOLDS) + " |"]
    out += ["\n**Cues on all eight threads** (likelihood ratio of \"continues\" against "
            "\"starts\"; a line joins at posterior 2/3)\n", *cue_table(pages, full)]
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=Path, default=THREADS)
    parser.add_argument("--only", nargs="*", default=(), help="only these thread ids")
    args = parser.parse_args()
    print(report(load_pages(args.threads, args.only)))


if __name__ == "__main__":
    main()
