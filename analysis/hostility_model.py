"""The learned part of hostility: a linear model over word and character n-grams.

The model is a logistic regression over two blocks of features, both read from a comment's
lower-cased text (:func:`prepare`): word 1-2-grams (tokens of two or more word characters, as
scikit-learn's default ``token_pattern``) and character 2-5-grams inside each whitespace token
padded with a space at either end (scikit-learn's ``char_wb``). A block's feature value is its
count times its idf, divided by the square root of the block's summed ``count * idf**2``:

    x_j = count_j * idf_j / sqrt(sum_k count_k * idf_k ** 2)

That is an l2 norm that counts each occurrence once (for a text without repeated n-grams it is
exactly tf-idf with an l2 norm). It is chosen because it adds up token by token: every
whitespace token of a text contributes a fixed amount to the numerator and to the sum under the
root, whatever else the text holds. So a distinct token is featurised once per process and
cached, a text's score is a few sums over its tokens, and each token's share of the score is
exact, which is what ``hostility_words`` shows.

Identity terms (``lexicons/identity_terms.txt``: "gay", "muslim", "black", "deaf", ...) are
dropped from every text before any n-gram is read, in training and at run time, so the model
cannot learn them as toxic (as linear toxicity models trained on these data otherwise do): a
neutral sentence scores the same whichever group it names. The markers still read them.

The weights are trained by ``benchmarks/train_hostility_model.py`` on ``../shared/train`` only
(never on UCC) and shipped as text in ``analysis/models/hostility_model.tsv`` (sources and
licences in ``analysis/models/README.md``). Nothing here needs scikit-learn: the vocabulary, idf
and weights are applied directly, so no pickle ties the package to one scikit-learn version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.schema import LIST_SEPARATOR

MODEL_DIR = Path(__file__).parent / "models"
MODEL_PATH = MODEL_DIR / "hostility_model.tsv"
IDENTITY_TERMS_PATH = Path(__file__).parent / "lexicons" / "identity_terms.txt"

WORD_PATTERN = r"(?u)\b\w\w+\b"
"""Word tokens: runs of two or more word characters (scikit-learn's default token_pattern)."""
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)
WORD = "word"
CHAR = "char"
"""The two feature blocks, as named in the weights file's first column."""
INTERCEPT = "intercept"

_WORD = re.compile(WORD_PATTERN)
_SEPARATOR = "\x00"
"""Put between texts when a batch is split in one go; it is no whitespace, so it is a token."""
_HEADER = ("kind", "feature", "idf", "weight")
_CACHE_LIMIT = 500_000
"""Distinct tokens a process keeps featurised; the cache starts again beyond this."""


def prepare(text: str) -> str:
    """The text every feature is read from (the same in training and at run time): lower
    case, with NUL (which the batch splitter uses between texts) read as a space and the
    identity terms dropped (:func:`drop_identity_terms`)."""
    return drop_identity_terms(text.replace(_SEPARATOR, " ").lower())


@lru_cache(maxsize=1)
def _identity_terms() -> re.Pattern[str]:
    terms = [line.strip() for line in IDENTITY_TERMS_PATH.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    alternatives = "|".join(re.escape(term) for term in sorted(set(terms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})s?\b")


def drop_identity_terms(lowered: str) -> str:
    """A lower-cased text without the identity terms of ``lexicons/identity_terms.txt`` (and
    their plurals): "i am a gay man" -> "i am a  man". The model never sees them, so it cannot
    have learned them as toxic. A term never spans whitespace, so dropping them from each
    whitespace token is dropping them from the text."""
    return _identity_terms().sub("", lowered)


def char_ngrams(token: str, lengths: tuple[int, int] = CHAR_NGRAMS) -> list[str]:
    """The character n-grams of one whitespace token, padded with a space at either end, as
    scikit-learn's ``char_wb`` analyser makes them (a padded token shorter than n gives itself,
    once, and no longer n-grams)."""
    padded = f" {token} "
    grams: list[str] = []
    for n in range(lengths[0], lengths[1] + 1):
        if len(padded) <= n:
            grams.append(padded)
            break
        grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


def word_ngrams(text: str) -> list[str]:
    """The word 1-2-grams of a prepared text, as scikit-learn's word analyser makes them."""
    words = _WORD.findall(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def normalise_counts(counts: sparse.spmatrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Feature values of one block from its counts (texts x features): count * idf divided by
    the square root of the row's summed count * idf**2 (rows without features stay 0)."""
    counts = sparse.csr_matrix(counts, dtype=np.float64)
    norms = np.sqrt(counts @ (idf**2))
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ counts @ sparse.diags(idf)


@dataclass
class _Tokens:
    """One batch split into whitespace tokens: the per-occurrence arrays a score and its
    explanation are made from."""

    codes: np.ndarray  # index into ``distinct`` of each token occurrence, in text order
    texts: np.ndarray  # which text each occurrence belongs to
    distinct: list[str]  # the distinct tokens (lower-cased)
    char_sum: np.ndarray  # per distinct token: its char n-grams' summed weight * idf
    word_sum: np.ndarray  # per distinct token: its word n-grams' summed weight * idf
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray]  # word pairs across tokens: text, column
    # of the pair feature, position of the pair's first token occurrence
    char_norm: np.ndarray  # per text: the char block's root (1 when it has no feature)
    word_norm: np.ndarray


@dataclass
class LinearModel:
    """Vocabulary, idf and weights of the two blocks and the intercept (see the module doc)."""

    intercept: float
    word_features: list[str]
    word_idf: np.ndarray
    word_weights: np.ndarray
    char_features: list[str]
    char_idf: np.ndarray
    char_weights: np.ndarray
    _cache: dict[str, tuple] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._word_gain = self.word_weights * self.word_idf
        self._word_mass = self.word_idf**2
        self._char_gain = self.char_weights * self.char_idf
        self._char_mass = self.char_idf**2
        # Per feature: what one occurrence adds to the numerator (weight * idf) and to the sum
        # under the root (idf ** 2), as Python floats for the per-token sums.
        self._char_gain_of = dict(zip(self.char_features, self._char_gain.tolist(), strict=True))
        self._char_mass_of = dict(zip(self.char_features, self._char_mass.tolist(), strict=True))
        self._word_gain_of = dict(zip(self.word_features, self._word_gain.tolist(), strict=True))
        self._word_mass_of = dict(zip(self.word_features, self._word_mass.tolist(), strict=True))
        # A word pair across two tokens is looked up by (last word of one, first of the next).
        pairs = [(f.split(" ")[0], f.split(" ")[1], i)
                 for i, f in enumerate(self.word_features) if " " in f]
        pair_words = sorted({w for a, b, _ in pairs for w in (a, b)})
        self._pair_word = {w: i for i, w in enumerate(pair_words)}
        self._pair_base = max(len(pair_words), 1)
        keyed = sorted((self._pair_word[a] * self._pair_base + self._pair_word[b], i)
                       for a, b, i in pairs)
        self._pair_keys = np.array([k for k, _ in keyed], dtype=np.int64)
        self._pair_columns = np.array([i for _, i in keyed], dtype=np.int64)

    # ------------------------------------------------------------------ reading and writing
    @classmethod
    def read(cls, path: Path = MODEL_PATH) -> LinearModel:
        """The model in a weights file (see :meth:`write`)."""
        intercept = None
        blocks: dict[str, tuple[list[str], list[float], list[float]]] = {
            WORD: ([], [], []), CHAR: ([], [], [])}
        # Split on "\n" only: a feature may hold any character but whitespace other than " ".
        lines = path.read_text(encoding="utf-8").split("\n")
        rows = [line for line in lines if line and not line.startswith("#")]
        if not rows or tuple(rows[0].split("\t")) != _HEADER:
            raise ValueError(f"{path}:1: expected the header {'	'.join(_HEADER)!r}")
        for number, line in enumerate(rows[1:], start=2):
            parts = line.split("\t")
            if len(parts) != 4:
                raise ValueError(f"{path}: row {number}: expected 4 tab-separated fields")
            kind, feature, idf, weight = parts
            if kind == INTERCEPT:
                intercept = float(weight)
            elif kind in blocks:
                blocks[kind][0].append(feature)
                blocks[kind][1].append(float(idf))
                blocks[kind][2].append(float(weight))
            else:
                raise ValueError(f"{path}: row {number}: unknown kind {kind!r}")
        if intercept is None:
            raise ValueError(f"{path}: no intercept row")
        (wf, wi, ww), (cf, ci, cw) = blocks[WORD], blocks[CHAR]
        return cls(intercept, wf, np.array(wi), np.array(ww), cf, np.array(ci), np.array(cw))

    def to_text(self, notes: list[str]) -> str:
        """The weights file: ``notes`` as # lines, a header, the intercept, then one row per
        feature (kind, feature, idf, weight), sorted by kind and feature, numbers to 6
        decimals. Features hold no tab or line break (whitespace never is inside a token)."""
        lines = [f"# {note}" if note else "#" for note in notes]
        lines.append("\t".join(_HEADER))
        lines.append(f"{INTERCEPT}\t\t0\t{_number(self.intercept)}")
        for kind, features, idf, weights in (
                (CHAR, self.char_features, self.char_idf, self.char_weights),
                (WORD, self.word_features, self.word_idf, self.word_weights)):
            for feature, i, w in sorted(zip(features, idf, weights, strict=True)):
                lines.append(f"{kind}\t{feature}\t{_number(i)}\t{_number(w)}")
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ scoring
    def logits(self, texts: list[str]) -> np.ndarray:
        """The model's log-odds for each text (the intercept for a text without features)."""
        return self._logits(self._split(texts))

    def score(self, texts: list[str]) -> LearnedScores:
        """The log-odds of each text, with what is needed to explain them."""
        tokens = self._split(texts)
        return LearnedScores(self._logits(tokens), tokens, self)

    def _logits(self, tokens: _Tokens) -> np.ndarray:
        n = len(tokens.char_norm)
        char = np.bincount(tokens.texts, tokens.char_sum[tokens.codes], minlength=n)
        word = np.bincount(tokens.texts, tokens.word_sum[tokens.codes], minlength=n)
        pair_texts, pair_columns, _ = tokens.pairs
        word += np.bincount(pair_texts, self._word_gain[pair_columns], minlength=n)
        return self.intercept + char / tokens.char_norm + word / tokens.word_norm

    def _split(self, texts: list[str]) -> _Tokens:
        """The batch's whitespace tokens, featurised (each distinct token once per process)."""
        joined = f" {_SEPARATOR} ".join(texts)
        if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
            joined = f" {_SEPARATOR} ".join(t.replace(_SEPARATOR, " ") for t in texts)
        # lower() of the whole batch is prepare() of each text: the texts hold no NUL now.
        codes, distinct = pd.factorize(np.array(joined.lower().split(), dtype=object),
                                       use_na_sentinel=False)
        distinct = distinct.tolist()
        entries = [self._entry(token) for token in distinct]
        is_separator = np.array([token == _SEPARATOR for token in distinct], dtype=bool)
        at_separator = is_separator[codes]
        text_of = np.cumsum(at_separator)
        codes, text_of = codes[~at_separator], text_of[~at_separator]
        char_sum, char_mass, word_sum, word_mass, has_words, first, last = (
            np.array(column, dtype=dtype) for column, dtype in zip(
                zip(*entries, strict=True) if entries else [()] * 7,
                (float, float, float, float, bool, np.int64, np.int64), strict=True))
        n = len(texts)
        # Word pairs across tokens: the last word of a token with words and the first word of
        # the next such token of the same text.
        worded = np.flatnonzero(has_words[codes]) if len(codes) else np.zeros(0, np.int64)
        left, right = worded[:-1], worded[1:]
        same = text_of[left] == text_of[right]
        left, right = left[same], right[same]
        a, b = last[codes[left]], first[codes[right]]
        known = (a >= 0) & (b >= 0)
        keys = a[known] * self._pair_base + b[known]
        slots = np.minimum(np.searchsorted(self._pair_keys, keys), len(self._pair_keys) - 1)
        hit = self._pair_keys[slots] == keys if len(self._pair_keys) else np.zeros(0, bool)
        pair_texts = text_of[left[known][hit]]
        pair_columns = self._pair_columns[slots[hit]]
        pairs = (pair_texts, pair_columns, left[known][hit])
        char_root = np.sqrt(np.bincount(text_of, char_mass[codes], minlength=n))
        word_root = np.sqrt(np.bincount(text_of, word_mass[codes], minlength=n)
                            + np.bincount(pair_texts, self._word_mass[pair_columns], minlength=n))
        char_root[char_root == 0] = 1.0
        word_root[word_root == 0] = 1.0
        return _Tokens(codes, text_of, distinct, char_sum, word_sum, pairs, char_root, word_root)

    def _entry(self, token: str) -> tuple:
        """(char gain, char mass, word gain, word mass, has words, pair id of its first word,
        pair id of its last word) of one lower-cased whitespace token."""
        entry = self._cache.get(token)
        if entry is not None:
            return entry
        read = drop_identity_terms(token)
        if token == _SEPARATOR or not read:
            entry = (0.0, 0.0, 0.0, 0.0, False, -1, -1)
        else:
            padded = f" {read} "
            grams: list[str] = []
            for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1):  # as char_ngrams(token)
                if len(padded) <= n:
                    grams.append(padded)
                    break
                grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
            words = _WORD.findall(read)
            if len(words) > 1:
                words_and_pairs = words + [f"{a} {b}" for a, b in zip(words, words[1:],
                                                                       strict=False)]
            else:
                words_and_pairs = words
            entry = (
                sum(map(self._char_gain_of.get, grams, repeat(0.0))),
                sum(map(self._char_mass_of.get, grams, repeat(0.0))),
                sum(map(self._word_gain_of.get, words_and_pairs, repeat(0.0))),
                sum(map(self._word_mass_of.get, words_and_pairs, repeat(0.0))),
                bool(words),
                self._pair_word.get(words[0], -1) if words else -1,
                self._pair_word.get(words[-1], -1) if words else -1,
            )
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[token] = entry
        return entry


_EDGE_PUNCTUATION = re.compile(r"^\W+|\W+$")


@dataclass
class LearnedScores:
    """A batch's log-odds (``logits``) and, through :meth:`words`, what raised them."""

    logits: np.ndarray
    _tokens: _Tokens
    _model: LinearModel

    def words(self, which: np.ndarray, limit: int = 5, floor: float = 0.0) -> list[str]:
        """For each text where ``which`` is True, the words and word pairs that raised its
        log-odds most, largest share first, at most ``limit``: the largest if it adds anything,
        the others only when they add more than ``floor`` (in log-odds); joined by
        LIST_SEPARATOR ('' for the other texts and for a text where nothing adds).

        A whitespace token's share is exact (see the module doc): its character n-grams and
        the words inside it; it is shown without the punctuation at its ends ("idiot!" ->
        "idiot"). A word pair across two tokens is shown as the pair ("you idiot").
        """
        tokens, model = self._tokens, self._model
        n = len(tokens.char_norm)
        chosen = np.asarray(which, dtype=bool)
        out = [""] * n
        if not chosen.any():
            return out
        # Token occurrences of the chosen texts, then pairs; one key space for both.
        at = chosen[tokens.texts]
        texts, codes = tokens.texts[at], tokens.codes[at]
        share = (tokens.char_sum[codes] / tokens.char_norm[texts]
                 + tokens.word_sum[codes] / tokens.word_norm[texts])
        pair_texts, pair_columns, _ = tokens.pairs
        pair_at = chosen[pair_texts]
        pair_texts, pair_columns = pair_texts[pair_at], pair_columns[pair_at]
        shown_codes = np.unique(codes)
        shown = [_EDGE_PUNCTUATION.sub("", tokens.distinct[c]) or tokens.distinct[c]
                 for c in shown_codes.tolist()]
        labels, label_of_shown = np.unique(np.array(shown, dtype=object), return_inverse=True)
        label_of_code = dict(zip(shown_codes.tolist(), label_of_shown.tolist(), strict=True))
        token_keys = np.array([label_of_code[c] for c in codes.tolist()], dtype=np.int64)
        n_labels = len(labels)
        keys = np.concatenate([token_keys, n_labels + pair_columns])
        owners = np.concatenate([texts, pair_texts])
        values = np.concatenate([share,
                                 model._word_gain[pair_columns] / tokens.word_norm[pair_texts]])
        span = n_labels + len(model.word_features)
        combined, inverse = np.unique(owners * span + keys, return_inverse=True)
        totals = np.bincount(inverse, values)
        keep = totals > 0
        combined, totals = combined[keep], totals[keep]
        owners, keys = combined // span, combined % span
        order = np.lexsort((-totals, owners))
        owners, keys, totals = owners[order], keys[order], totals[order]
        # A text's largest share is always shown; the others only above the floor.
        first = np.r_[True, owners[1:] != owners[:-1]] if len(owners) else owners.astype(bool)
        keep = first | (totals > floor)
        owners, keys = owners[keep], keys[keep]
        starts = np.searchsorted(owners, np.arange(n + 1))
        for text in np.flatnonzero(chosen).tolist():
            items = [str(labels[k]) if k < n_labels else model.word_features[k - n_labels]
                     for k in keys[starts[text] : min(starts[text + 1], starts[text] + limit)]
                     .tolist()]
            # The separator never appears inside an item, so the list splits back cleanly.
            out[text] = LIST_SEPARATOR.join(item.replace(LIST_SEPARATOR, ",") for item in items)
        return out


def _number(value: float) -> str:
    """A number rounded to 6 decimals, written the same way on every machine."""
    text = f"{round(float(value), 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=1)
def load_model() -> LinearModel:
    """The shipped model, read once per process (worker processes read their own)."""
    return LinearModel.read(MODEL_PATH)
