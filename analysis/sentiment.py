"""Per-comment sentiment with VADER (vaderSentiment 3.3.2).

VADER reads emoji through its own emoji table, so "😂" or "👍" count. Curly apostrophes are
turned into straight ones first, because VADER's negation list only knows "don't", not "don’t".
"""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.schema import Col
from analysis.vader import WordValences, compound_from_valences

POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
"""VADER's usual cut-offs on the compound score for the three labels."""

PARALLEL_MIN_ROWS = 20_000
"""Below this many rows, starting worker processes costs more than it saves."""

DEFAULT_PARALLEL_JOBS = 2

LONG_TEXT_CHARS = 2_000
"""Texts VADER reads as longer than this (emoji count as their descriptions) are scored in
chunks of at most this many characters. VADER's time grows with the square of a text's length
(for each sentiment word it lower-cases every word of the text again): 4 ms at 2,000 characters,
70 ms at 10,000, 21 s at 114 KB."""

EMOJI_OVERRIDES_PATH = Path(__file__).parent / "lexicons" / "hostility_emoji_sentiment.tsv"
"""Emoji whose VADER description has no valence ("thumbs up"), with a description that has."""

# Apostrophe look-alikes that would hide a negation ("don’t") from VADER.
_APOSTROPHE_CHARS = ("\u2019", "\u2018", "\u02bc", "\u2032")
# A sentence ends at . ! ? or an ellipsis followed by space, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])\s+|\s*\n+\s*")
_SPACE = re.compile(r"\s+")


def load_emoji_overrides(path: Path = EMOJI_OVERRIDES_PATH) -> dict[str, str]:
    """Emoji -> description pairs from a tab-separated file; lines starting with # are notes."""
    overrides = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            emoji, description = line.split("\t")[:2]
            overrides[emoji.strip()] = description.strip()
    return overrides


@lru_cache(maxsize=1)
def get_analyzer() -> SentimentIntensityAnalyzer:
    """The module's one VADER analyser, created on first use (loading the lexicon takes ~0.1 s).

    Its emoji table is patched with the overrides so "👍" reads as approval, not as 0.0.
    """
    analyzer = SentimentIntensityAnalyzer()
    analyzer.emojis.update(load_emoji_overrides())
    return analyzer


@lru_cache(maxsize=1)
def _get_word_valences() -> WordValences:
    # Reads the patched analyser's emoji table, so scores match its polarity_scores.
    return WordValences(get_analyzer())


@lru_cache(maxsize=1)
def _emoji_pattern() -> re.Pattern:
    # VADER replaces emoji one character at a time, so only one-character keys ever match.
    singles = sorted(key for key in get_analyzer().emojis if len(key) == 1)
    return re.compile("[" + "".join(map(re.escape, singles)) + "]")


@lru_cache(maxsize=1)
def _longest_description() -> int:
    return max(map(len, get_analyzer().emojis.values()), default=0)


def _is_long(text: str) -> bool:
    """True when VADER reads ``text`` (each emoji replaced by its description) as longer than
    LONG_TEXT_CHARS."""
    if text.isascii():
        return len(text) > LONG_TEXT_CHARS
    # Each non-ASCII character adds at least one UTF-8 byte and at most the longest description:
    # a bound in C that settles almost every comment without the emoji scan, which costs more
    # than VADER itself on ordinary text.
    extra_bytes = len(text.encode("utf-8")) - len(text)
    if len(text) + extra_bytes * _longest_description() <= LONG_TEXT_CHARS:
        return False
    emojis = get_analyzer().emojis
    described = sum(len(emojis[char]) for char in _emoji_pattern().findall(text))
    return len(text) + described > LONG_TEXT_CHARS


def describe_emoji(text: str) -> str:
    """``text`` with emoji replaced by their descriptions, exactly as VADER's polarity_scores
    does before scoring (a space before a description unless one precedes it)."""
    return _get_word_valences().describe_emoji(text)


def normalise_text(text: str) -> str:
    """Straighten curly apostrophes so VADER sees "don't" as a negation."""
    if text.isascii():
        return text
    # str.replace per look-alike: 20x faster than str.translate on non-ASCII text.
    for char in _APOSTROPHE_CHARS:
        if char in text:
            text = text.replace(char, "'")
    return text


def compound(text: object) -> float:
    """VADER compound in [-1, 1] of one text; 0.0 for empty or missing text."""
    if not isinstance(text, str):
        return 0.0
    return _compounds([text])[0]


def _compounds(texts: list[str]) -> list[float]:
    """compound() of each text: VADER's compound, computed by analysis.vader (the same numbers
    as ``polarity_scores``, in a third of the time)."""
    valences = _get_word_valences().valences
    return [
        0.0
        if not text or text.isspace()  # the same texts as `not text.strip()`
        else compound_from_valences(*valences(normalise_text(text)))
        if not _is_long(text)
        else chunked_compound(normalise_text(text))
        for text in texts
    ]


def split_chunks(text: str, size: int = LONG_TEXT_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back into it: at the
    last sentence end within the limit, else at the last space, else (one long word) at it."""
    chunks = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        breaks = list(_SENTENCE_END.finditer(window)) or list(_SPACE.finditer(window))
        cut = breaks[-1].end() if breaks else size
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def chunked_compound(text: str, size: int = LONG_TEXT_CHARS) -> float:
    """VADER compound in [-1, 1] of a text scored in chunks of at most ``size`` characters (after
    its emoji are described), in time linear in its length.

    VADER's compound is a squashed sum of per-word valences. Here each chunk's valences are
    computed as VADER does and all of them go through VADER's own final sum, punctuation
    emphasis and squashing, so a long text scores as one text, not as an average of pieces.
    What stops at a chunk end is only context: a negation or booster up to three words back
    and the reach of a "but". A text of one chunk scores exactly as ``polarity_scores``.
    """
    word_valences = _get_word_valences().valences
    valences: list[float] = []
    texts: list[str] = []
    for chunk in split_chunks(describe_emoji(text), size):
        chunk_valences, chunk_text = word_valences(chunk)
        valences += chunk_valences
        texts.append(chunk_text)
    return compound_from_valences(valences, " ".join(texts))


def label_sentiment(score: float) -> str:
    """'positive', 'negative' or 'neutral' by VADER's ±0.05 thresholds."""
    if score >= POSITIVE_THRESHOLD:
        return "positive"
    if score <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def _score_chunk(texts: list[str]) -> list[float]:
    # Runs in a worker process: each worker builds its own cached analyser.
    return _compounds(texts)


def resolve_jobs(n_rows: int, n_jobs: int | None) -> int:
    """Processes to use: ``n_jobs`` if given (capped at the CPU count), else 1 below
    PARALLEL_MIN_ROWS rows or inside a worker process (its pool already uses the cores; a
    pool inside it would only oversubscribe them), and DEFAULT_PARALLEL_JOBS otherwise."""
    if n_jobs is None:
        in_worker = multiprocessing.parent_process() is not None
        n_jobs = 1 if n_rows < PARALLEL_MIN_ROWS or in_worker else DEFAULT_PARALLEL_JOBS
    return max(1, min(n_jobs, os.cpu_count() or 1))


def score_texts(texts: list[str], n_jobs: int = 1) -> list[float]:
    """Compound scores of distinct texts, in order, split over ``n_jobs`` processes."""
    if n_jobs <= 1 or len(texts) < 2 * n_jobs:
        return _score_chunk(texts)
    size = -(-len(texts) // n_jobs)
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    with ProcessPoolExecutor(max_workers=n_jobs) as pool:
        return [score for part in pool.map(_score_chunk, chunks) for score in part]


def score_sentiment(comments: pd.DataFrame, n_jobs: int | None = None) -> pd.DataFrame:
    """Add VADER sentiment to a comment table.

    Reads ``Col.TEXT``. Returns a new frame with ``Col.SENTIMENT`` (VADER compound in [-1, 1],
    0.0 for empty or missing text) and ``Col.SENTIMENT_LABEL`` ('negative' / 'neutral' /
    'positive' by the ±0.05 thresholds). Identical texts are scored once. ``n_jobs`` is the
    number of processes; by default 1 below 20,000 rows or inside a worker process, else 2.
    """
    texts = comments[Col.TEXT].astype("string").fillna("").tolist()
    distinct = list(dict.fromkeys(texts))
    jobs = resolve_jobs(len(comments), n_jobs)
    scored = score_texts(distinct, jobs)
    labels = [label_sentiment(score) for score in scored]
    summaries = dict(zip(distinct, zip(scored, labels, strict=True), strict=True))
    rows = [summaries[text] for text in texts]
    return comments.assign(
        **{
            Col.SENTIMENT: np.array([row[0] for row in rows], dtype="float64"),
            Col.SENTIMENT_LABEL: [row[1] for row in rows],
        }
    )


def split_sentences(text: str) -> list[str]:
    """Split a comment into sentences at . ! ? … or line breaks; empty pieces are dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]


def sentence_sentiments(text: str) -> list[tuple[str, float]]:
    """Per-sentence (sentence, VADER compound in [-1, 1]) pairs, in order; [] for empty text.

    A long comment can open civil and end in an insult; the screens show where it turns.
    """
    if not isinstance(text, str):
        return []
    return [(sentence, compound(sentence)) for sentence in split_sentences(text)]
