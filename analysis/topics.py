"""Topic clusters of comments with readable labels, and each comment's closeness to its article.

Comments are turned into TF-IDF vectors (words and word pairs, sublinear tf, English stop words
plus ``lexicons/topics_stopwords.txt``), clustered with NMF refined by a few spherical k-means
steps, and labelled class-based TF-IDF style (terms frequent in a cluster relative to the others).
A fitted :class:`TopicModel` assigns unseen texts by cosine to the topic centroids, so it can be
fitted on a sample and applied to every partition of a large table.

The number of topics is chosen from the data unless given: a few candidates scaled to the corpus
size, scored by the NPMI coherence of each topic's top terms on a sample.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from analysis.metrics import level_flags
from analysis.schema import TOPIC_COLUMNS, ArticleCol, Col, TopicCol

NO_TOPIC = -1
"""Topic id of a comment with no words the topic model knows (empty, emoji, a bare URL)."""
NO_TOPIC_LABEL = "no topic: too few words"
"""The label of NO_TOPIC: the name such comments go by in every table, chart and filter."""


def topic_name(topic_id: int, label: str) -> str:
    """The one name of a topic on every screen: "3: tax / budget"; NO_TOPIC_LABEL alone for
    comments without a topic (no id, as it is no topic)."""
    return NO_TOPIC_LABEL if int(topic_id) == NO_TOPIC else f"{topic_id}: {label}"

_LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_URL_RE = re.compile(r"https?://[^\s\x00]+|www\.[^\s\x00]+")
# Runs of letters. Apostrophes split words; the stubs ("s", "t", "re", "ve") are too short or
# stop words, so "France's" -> "france". NUL separates texts in the batch tokenizer.
_WORD_RE = re.compile(r"[^\W\d_]+")
_BATCH_RE = re.compile(r"[^\W\d_]+|\x00")
# Plural endings left alone: "class", "bonus", "analysis", "texas", "politics".
_KEEP_S_ENDINGS = ("ss", "us", "is", "as", "os", "ics")
_NMF_TERMS = 1_500  # most widespread terms NMF sees
_SELECTION_ROWS = 1_500  # texts the topic-count selection clusters per candidate


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    path = _LEXICON_DIR / "topics_stopwords.txt"
    extra = {
        line.strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(ENGLISH_STOP_WORDS | extra)


def fold_plural(word: str) -> str:
    """Fold simple English plurals so "actor" and "actors" count as one term."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(_KEEP_S_ENDINGS):
        return word[:-1]
    return word


def _normal_form(token: str) -> str:
    """A token's term ("" when it is too short or a stop word)."""
    if len(token) < 2 or token in _stop_words():
        return ""
    word = fold_plural(token)
    return "" if word in _stop_words() else word


# token -> term; words repeat a lot, so this memo makes analysis several times faster.
_NORMAL_FORMS: dict[str, str] = {}


def analyze(text: str) -> list[str]:
    """Terms of one text: lower-cased singular words without stop words, then adjacent pairs.

    A module-level function (not a lambda) so a fitted vectorizer pickles for worker processes.
    """
    text = text.lower().replace("\x00", " ")
    if "http" in text or "www" in text:
        text = _URL_RE.sub(" ", text)
    forms = _NORMAL_FORMS
    if len(forms) > 1_000_000:
        forms.clear()
    words = []
    for token in _WORD_RE.findall(text):
        word = forms.get(token)
        if word is None:
            word = forms[token] = _normal_form(token)
        if word:
            words.append(word)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a != b]


def _batch_words(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All texts' words in one regex pass: (text index, word id) per word, and the word list.

    The same words, in the same order, as ``analyze`` keeps for each text.
    """
    n_docs = len(texts)
    joined = "\x00".join(texts).lower()
    if joined.count("\x00") != n_docs - 1:  # a text holds NUL itself
        joined = "\x00".join(t.replace("\x00", " ") for t in texts).lower()
    if "http" in joined or "www" in joined:
        joined = _URL_RE.sub(" ", joined)
    codes, uniques = pd.factorize(np.asarray(_BATCH_RE.findall(joined), dtype=object))
    forms = _NORMAL_FORMS
    normal = [forms[u] if u in forms else forms.setdefault(u, _normal_form(u)) for u in uniques]
    word_codes, words = pd.factorize(np.asarray(normal, dtype=object))
    empty = np.flatnonzero(words == "")
    word_codes = np.where(np.isin(word_codes, empty), -1, word_codes)
    # Not `uniques == "\x00"`: NumPy drops trailing NULs from the string it compares with.
    is_sep = np.fromiter((u == "\x00" for u in uniques), dtype=bool, count=len(uniques))[codes]
    doc = np.cumsum(is_sep)
    word = word_codes[codes]
    keep = (word >= 0) & ~is_sep
    return doc[keep], word[keep], np.asarray(words, dtype=object)


class _Tokens(NamedTuple):
    """Words of a batch of texts as ``analyze`` keeps them: text index and word id per word
    (in text order), the distinct words by id, and the number of texts."""

    doc: np.ndarray
    word: np.ndarray
    words: np.ndarray
    n_docs: int


def _tokenize(texts: Sequence[str]) -> _Tokens:
    return _Tokens(*_batch_words(texts), len(texts))


def _select(tokens: _Tokens, rows: np.ndarray) -> _Tokens:
    """The tokens of texts ``rows`` (ascending), renumbered 0..len(rows)-1."""
    keep = np.isin(tokens.doc, rows)
    return _Tokens(np.searchsorted(rows, tokens.doc[keep]), tokens.word[keep], tokens.words,
                   len(rows))


def _stack(first: _Tokens, second: _Tokens) -> _Tokens:
    """The texts of ``first`` followed by those of ``second``, with one word list."""
    ids, words = pd.factorize(np.concatenate([first.words, second.words]))
    split = len(first.words)
    return _Tokens(
        np.concatenate([first.doc, second.doc + first.n_docs]),
        np.concatenate([ids[:split][first.word], ids[split:][second.word]]),
        np.asarray(words, dtype=object),
        first.n_docs + second.n_docs,
    )


def _pairs(doc: np.ndarray, word: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Adjacent word pairs within a text, as ``analyze`` forms them: (text, first, second)."""
    same = (doc[1:] == doc[:-1]) & (word[1:] != word[:-1])
    return doc[:-1][same], word[:-1][same].astype(np.int64), word[1:][same].astype(np.int64)


def fit_vocabulary(
    texts: Sequence[str], min_df: int, max_df: float, max_features: int | None
) -> dict[str, int]:
    """Terms of ``analyze`` in at least ``min_df`` and at most ``max_df`` (share) of the texts,
    the ``max_features`` most frequent, numbered alphabetically like CountVectorizer's.

    Raises ValueError when no term is left (as CountVectorizer does).
    """
    return _vocabulary_of(_tokenize(list(texts)), min_df, max_df, max_features)


def _vocabulary_of(
    tokens: _Tokens, min_df: int, max_df: float, max_features: int | None
) -> dict[str, int]:
    """fit_vocabulary of already tokenized texts."""
    doc, word, words = tokens.doc, tokens.word, tokens.words
    n_words = len(words)
    pair_doc, first, second = _pairs(doc, word)
    keys = np.concatenate([word.astype(np.int64), n_words + first * n_words + second])
    docs = np.concatenate([doc, pair_doc])
    if len(keys) == 0:
        raise ValueError("empty vocabulary; the texts hold no usable words")
    totals = pd.Series(keys).value_counts()
    df = pd.DataFrame({"doc": docs, "key": keys}).drop_duplicates()["key"].value_counts()
    df = df.reindex(totals.index)
    kept = totals[(df >= min_df) & (df <= max_df * tokens.n_docs)]
    if max_features is not None and len(kept) > max_features:
        kept = kept.sort_values(ascending=False, kind="stable").iloc[:max_features]
    key = kept.index.to_numpy()
    is_pair = key >= n_words
    a, b = (key - n_words) // max(n_words, 1), (key - n_words) % max(n_words, 1)
    terms = np.where(
        is_pair,
        words[np.where(is_pair, a, 0)] + " " + words[np.where(is_pair, b, 0)],
        words[np.where(is_pair, 0, key)],
    )
    if len(terms) == 0:
        raise ValueError("empty vocabulary; no term meets min_df / max_df")
    return {term: i for i, term in enumerate(sorted(terms))}


def count_terms(texts: Sequence[str], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Term counts per text over a fixed vocabulary; equals CountVectorizer(analyzer=analyze).

    Tokenizes all texts in one regex pass and counts with pandas/numpy instead of a Python loop
    per token, several times faster than ``CountVectorizer.transform`` on 100k comments.
    """
    if len(texts) == 0:
        return sparse.csr_matrix((0, len(vocabulary)), dtype=np.float32)
    return _count(_tokenize(texts), vocabulary)


class _VocabularyParts(NamedTuple):
    """A vocabulary's terms split into words, once: each term's first and second word ("" for
    a single word), whether it is a pair, and its column."""

    first: np.ndarray
    second: np.ndarray
    is_pair: np.ndarray
    columns: np.ndarray


def _vocabulary_parts(vocabulary: dict[str, int]) -> _VocabularyParts:
    vocab = pd.Series(vocabulary, dtype=np.int64)
    parts = vocab.index.str.split(" ", n=1, expand=True).to_frame(index=False)
    if parts.shape[1] > 1:
        is_pair = parts[1].notna().to_numpy()
        second = parts[1].fillna("").to_numpy(dtype=object)
    else:
        is_pair = np.zeros(len(vocab), bool)
        second = np.full(len(vocab), "", dtype=object)
    return _VocabularyParts(parts[0].to_numpy(dtype=object), second, is_pair, vocab.to_numpy())


def _count(tokens: _Tokens, vocabulary: dict[str, int],
           parts: _VocabularyParts | None = None) -> sparse.csr_matrix:
    """count_terms of already tokenized texts; ``parts`` are the vocabulary's, when known (a
    kept model counts a few texts at a time: splitting 30,000 terms would cost more)."""
    n_docs, n_terms = tokens.n_docs, len(vocabulary)
    if n_docs == 0:
        return sparse.csr_matrix((0, n_terms), dtype=np.float32)
    doc, word, words = tokens.doc, tokens.word, tokens.words

    word_index = pd.Index(words)
    if parts is None:
        parts = _vocabulary_parts(vocabulary)
    is_pair = parts.is_pair
    first = word_index.get_indexer(parts.first)
    second = word_index.get_indexer(parts.second) if is_pair.any() else first
    unigram_col = np.full(len(words), -1, dtype=np.int64)
    single = ~is_pair & (first >= 0)
    unigram_col[first[single]] = parts.columns[single]
    pair = is_pair & (first >= 0) & (second >= 0)
    pair_keys = first[pair].astype(np.int64) * len(words) + second[pair]
    pair_cols = parts.columns[pair]
    uni = unigram_col[word]
    rows = [doc[uni >= 0]]
    cols = [uni[uni >= 0]]
    if len(pair_keys) and len(word) > 1:
        pair_doc, a, b = _pairs(doc, word)
        hit = pd.Index(pair_keys).get_indexer(a * len(words) + b)
        rows.append(pair_doc[hit >= 0])
        cols.append(np.asarray(pair_cols, dtype=np.int64)[hit[hit >= 0]])
    rows_all, cols_all = np.concatenate(rows), np.concatenate(cols)
    counts = sparse.csr_matrix(
        (np.ones(len(rows_all), dtype=np.float32), (rows_all, cols_all)), shape=(n_docs, n_terms)
    )
    counts.sum_duplicates()
    return counts


def _as_texts(texts: Sequence[str] | pd.Series) -> list[str]:
    # tolist(): iterating an Arrow-backed column directly is several times slower.
    items = texts.tolist() if isinstance(texts, pd.Series) else list(texts)
    return ["" if not isinstance(t, str) else t for t in items]


def _candidate_counts(n_docs: int) -> list[int]:
    """A few topic counts to try, growing slowly with the corpus (80 -> 3..8, 100k -> 9..23)."""
    hi = int(np.clip(round(5 * np.log10(max(n_docs, 10))) - 2, 8, 30))
    lo = max(3, round(hi / 2.5))
    return sorted({int(round(k)) for k in np.linspace(lo, hi, num=min(5, hi - lo + 1))})


class TopicModel(BaseEstimator):
    """Clusters short texts into topics and labels each topic with its distinctive terms.

    Parameters
    ----------
    n_topics : number of topics, or None to choose it from the data.
    random_state : seed of the fit sample, NMF and the topic-count selection.
    max_fit_rows : at most this many texts (a deterministic sample) are used to fit.
    n_label_terms : terms joined with " / " into a topic's label.
    n_top_terms : distinctive terms kept per topic in ``top_terms_``.
    max_features : vocabulary cap of the TF-IDF vectorizer.

    Attributes after ``fit``
    ------------------------
    vectorizer_ : Pipeline of CountVectorizer ("count") and TfidfTransformer ("tfidf"); text in,
        TF-IDF out. ``vectorize`` does the same faster.
    centroids_ : (n_topics_, n_terms) array; unit-length mean TF-IDF vector of each topic.
    n_topics_ : number of topics (ids 0..n_topics_-1, largest topic first).
    labels_ : list[str], a distinct readable label per topic id.
    top_terms_ : list[list[str]], distinctive terms per topic id, most distinctive first.
    sizes_ : fit texts per topic id.
    candidate_scores_ : {k: coherence} for the counts tried; empty when n_topics was given.
    """

    def __init__(
        self,
        n_topics: int | None = None,
        random_state: int = 0,
        max_fit_rows: int = 20_000,
        n_label_terms: int = 3,
        n_top_terms: int = 10,
        max_features: int = 30_000,
    ):
        self.n_topics = n_topics
        self.random_state = random_state
        self.max_fit_rows = max_fit_rows
        self.n_label_terms = n_label_terms
        self.n_top_terms = n_top_terms
        self.max_features = max_features

    # -- fitting -----------------------------------------------------------------------------

    def fit(
        self, texts: Sequence[str], context_texts: Sequence[str] | None = None
    ) -> TopicModel:
        """Fit on ``texts`` (at most ``max_fit_rows`` of them, sampled deterministically).

        ``context_texts`` (e.g. article bodies) join the vocabulary and IDF but are not clustered,
        so comments and articles share one TF-IDF space.
        """
        context = _as_texts(context_texts) if context_texts is not None else []
        return self._fit(_as_texts(texts), context)

    def _fit(
        self,
        texts: list[str],
        context: list[str],
        tokens: _Tokens | None = None,
        context_tokens: _Tokens | None = None,
    ) -> TopicModel:
        """fit(); ``tokens`` and ``context_tokens``, when given, are those of ``texts`` and
        ``context``, so texts that are vectorised afterwards are tokenized once."""
        if self.n_topics is not None and self.n_topics < 1:
            raise ValueError(f"n_topics must be >= 1 or None, got {self.n_topics}")
        rng = np.random.default_rng(self.random_state)
        n_texts = len(texts)
        if len(texts) > self.max_fit_rows:
            keep = np.sort(rng.choice(len(texts), self.max_fit_rows, replace=False))
            texts = [texts[i] for i in keep]
            if tokens is not None:
                tokens = _select(tokens, keep)
        fit_tokens = _stack(
            tokens if tokens is not None else _tokenize(texts),
            context_tokens if context_tokens is not None else _tokenize(context),
        )

        n_docs = len(texts) + len(context)
        try:
            vocabulary = _vocabulary_of(
                fit_tokens,
                min_df=1 if n_docs < 20 else 2,
                max_df=0.9 if n_docs >= 20 else 1.0,
                max_features=self.max_features,
            )
        except ValueError:  # no usable words anywhere: a vocabulary nothing can match
            vocabulary = {"\x00": 0}
        count = CountVectorizer(analyzer=analyze, vocabulary=vocabulary, dtype=np.float32)
        count.fit([])
        counts = _count(fit_tokens, vocabulary)
        # Kept as two public steps so transform can count terms in bulk (count_terms).
        self.vectorizer_ = Pipeline(
            [("count", count), ("tfidf", TfidfTransformer(sublinear_tf=True).fit(counts))]
        )
        self.terms_ = np.asarray(count.get_feature_names_out(), dtype=object)
        X = _tfidf_rows(counts[: len(texts)], self.vectorizer_.named_steps["tfidf"].idf_)
        Xu = X[np.flatnonzero(X.getnnz(axis=1) > 0)]

        # Threads over two cores fight the rest of the pipeline; one thread is faster here.
        with threadpool_limits(limits=1):
            assignment, self.centroids_ = self._fit_topics(Xu, rng, n_texts)
        self._name_topics(Xu, assignment)
        return self

    def _fit_topics(
        self, X: sparse.csr_matrix, rng: np.random.Generator, n_total: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Choose k (unless given), NMF on a sample, spherical k-means over all; -> (ids, C)."""
        self.candidate_scores_: dict[int, float] = {}
        if X.shape[0] == 0:
            return np.full(0, NO_TOPIC), np.zeros((0, X.shape[1]), dtype=np.float32)
        sample = X
        if X.shape[0] > _SELECTION_ROWS:
            sample = X[np.sort(rng.choice(X.shape[0], _SELECTION_ROWS, replace=False))]
        # A few short comments can hold fewer distinct texts or terms than the topics asked for.
        limit = _topic_limit(sample)
        if self.n_topics is not None:
            k = min(self.n_topics, limit)
            seed = self._nmf_assign(sample, k)
        else:
            k, seed = self._choose_count(sample, n_total, limit)
        centroids = _centroids(sample, seed, k)
        return self._refine(X, centroids, k)

    def _choose_count(
        self, sample: sparse.csr_matrix, n_total: int, limit: int
    ) -> tuple[int, np.ndarray]:
        """The candidate count (at most ``limit``) whose topics' top terms co-occur most
        (size-weighted NPMI).

        Returns the count and the sample's assignment for it.
        """
        candidates = [
            k for k in _candidate_counts(n_total) if k <= min(sample.shape[0] // 3, limit)
        ]
        if not candidates:
            k = min(3, limit)
            return k, self._nmf_assign(sample, k)
        presence = (sample > 0).astype(np.float32).tocsc()
        assignments = {}
        for k in candidates:
            seed = self._nmf_assign(sample, k)
            assignment, _ = self._refine(sample, _centroids(sample, seed, k), k)
            assignments[k] = assignment
            terms = _distinctive_terms(presence, assignment, k, self.terms_, n_terms=6)
            self.candidate_scores_[k] = _npmi_coherence(
                presence, terms, _sizes(assignment, k), self.terms_
            )
        best = max(candidates, key=lambda k: (round(self.candidate_scores_[k], 3), -k))
        return best, assignments[best]

    def _nmf_assign(self, X: sparse.csr_matrix, k: int) -> np.ndarray:
        """Dominant NMF component per row (-1 for rows NMF gives no weight), none left empty.

        NMF sees only the most widespread terms: its cost grows with the vocabulary. ``k`` is at
        most ``_topic_limit(X)``.
        """
        distinct = _distinct_rows(X)
        if k >= distinct.max() + 1:
            # One topic per distinct text. NMF would reproduce X exactly, and float rounding makes
            # its reconstruction error slightly negative: sklearn's sqrt of it warns.
            return distinct
        common = np.sort(np.argsort(-X.getnnz(axis=0), kind="stable")[:_NMF_TERMS])
        nmf = NMF(
            n_components=k, init="nndsvda", random_state=self.random_state, max_iter=60, tol=1e-3
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            weights = nmf.fit_transform(X[:, common])
        assignment = weights.argmax(axis=1)
        assignment[weights.max(axis=1) <= 0] = NO_TOPIC
        _fill_empty(assignment, weights, k)
        return assignment

    def _refine(
        self, X: sparse.csr_matrix, centroids: np.ndarray, k: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Spherical k-means steps from ``centroids``; never empties a topic.

        The returned assignment is by the returned centroids, so transform() reproduces it.
        """
        assignment = _nearest(X, centroids)
        if _sizes(assignment, k).min() == 0:  # keep the seed topics rather than lose one
            return assignment, centroids
        for _ in range(5):
            new_centroids = _centroids(X, assignment, k)
            new = _nearest(X, new_centroids)
            if _sizes(new, k).min() == 0:
                break
            centroids = new_centroids
            if np.array_equal(new, assignment):
                break
            assignment = new
        return _nearest(X, centroids), centroids

    def _name_topics(self, X: sparse.csr_matrix, assignment: np.ndarray) -> None:
        """Order topics by size (ties by label), then set labels_, top_terms_, sizes_."""
        k = self.centroids_.shape[0]
        presence = (X > 0).astype(np.float32).tocsc()
        terms = _distinctive_terms(presence, assignment, k, self.terms_, self.n_top_terms)
        sizes = _sizes(assignment, k)
        drafts = [" / ".join(t[: self.n_label_terms]) for t in terms]
        order = sorted(range(k), key=lambda j: (-sizes[j], drafts[j], j))
        self.centroids_ = self.centroids_[order]
        self.top_terms_ = [terms[j] for j in order]
        self.sizes_ = np.asarray([sizes[j] for j in order], dtype=int)
        self.labels_ = _distinct_labels(self.top_terms_, self.n_label_terms)
        self.n_topics_ = k

    # -- applying ----------------------------------------------------------------------------

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Topic id (int) per text; NO_TOPIC (-1) for texts without known words."""
        return self.assign_matrix(self.vectorize(texts))

    def vectorize(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows in the fitted space; same as ``vectorizer_.transform``."""
        texts = _as_texts(texts)
        if len(texts) == 0:
            return sparse.csr_matrix((0, len(self.vectorizer_.named_steps["count"].vocabulary_)))
        return self._vectorize_tokens(_tokenize(texts))

    def _vectorize_tokens(self, tokens: _Tokens) -> sparse.csr_matrix:
        """vectorize() of already tokenized texts (at least one)."""
        counts = _count(tokens, self.vectorizer_.named_steps["count"].vocabulary_)
        return _tfidf_rows(counts, self.vectorizer_.named_steps["tfidf"].idf_)

    def assign_matrix(self, X: sparse.spmatrix) -> np.ndarray:
        """Topic ids for rows already vectorised with ``vectorizer_``."""
        if self.n_topics_ == 0:
            return np.full(X.shape[0], NO_TOPIC, dtype=np.int64)
        return _nearest(sparse.csr_matrix(X), self.centroids_).astype(np.int64)

    def label_of(self, topic_ids: np.ndarray) -> np.ndarray:
        """Label per topic id, NO_TOPIC_LABEL for -1."""
        return _label_table(self.labels_)[np.asarray(topic_ids)]  # -1 indexes the last entry

    def fitted_topics(self) -> FittedTopics:
        """What this fitted model needs to place new texts, to keep with an analysis."""
        return FittedTopics(self.terms_, self.vectorizer_.named_steps["tfidf"].idf_,
                            self.centroids_, self.labels_)


def _label_table(labels: Sequence[str]) -> np.ndarray:
    return np.asarray([*labels, NO_TOPIC_LABEL], dtype=object)


def _tfidf_rows(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """TfidfTransformer(sublinear_tf=True).transform of term counts, step for step: 1 + log of
    each count, times its term's idf, rows scaled to unit length (empty rows stay empty)."""
    X = sparse.csr_matrix(counts, copy=True)
    np.log(X.data, X.data)
    X.data += 1.0
    X.data *= idf[X.indices]
    return normalize(X, norm="l2", copy=False)


class FittedTopics:
    """The parts of a fitted :class:`TopicModel` that place a new text, and nothing else: the
    vocabulary, its idf weights, the topic centroids and the topic labels. It travels with an
    :class:`~analysis.pipeline.Analysis` (Streamlit's cache, Dask, the on-disk cache as plain
    arrays), so a comment whose text a correction changed gets its topic from the model that
    placed every other comment, without a refit: same ids, same labels.

    ``terms`` are in column order; ``centroids`` is (topics, terms), unit-length rows.
    """

    def __init__(self, terms: Sequence[str], idf: np.ndarray, centroids: np.ndarray,
                 labels: Sequence[str]):
        self.terms = np.asarray(terms, dtype=object)
        self.idf = np.asarray(idf)
        self.centroids = np.asarray(centroids)
        self.labels = tuple(str(label) for label in labels)
        if self.centroids.shape != (len(self.labels), len(self.terms)) and len(self.labels):
            raise ValueError(f"centroids of shape {self.centroids.shape} for "
                             f"{len(self.labels)} topics over {len(self.terms)} terms")
        self.vocabulary = {term: column for column, term in enumerate(self.terms.tolist())}
        self._parts: _VocabularyParts | None = None

    def vectorize(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Unit-length TF-IDF rows, exactly as the fitted model's ``vectorize``."""
        texts = _as_texts(texts)
        if len(texts) == 0:
            return sparse.csr_matrix((0, len(self.terms)), dtype=np.float32)
        if self._parts is None:
            self._parts = _vocabulary_parts(self.vocabulary)
        return _tfidf_rows(_count(_tokenize(texts), self.vocabulary, self._parts), self.idf)

    def assign_matrix(self, X: sparse.spmatrix) -> np.ndarray:
        """Topic id per row (the nearest centroid); NO_TOPIC for a row without known words."""
        if len(self.labels) == 0:
            return np.full(X.shape[0], NO_TOPIC, dtype=np.int64)
        return _nearest(sparse.csr_matrix(X), self.centroids).astype(np.int64)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """Topic id per text, as the fitted model's ``transform``."""
        return self.assign_matrix(self.vectorize(texts))

    def label_of(self, topic_ids: np.ndarray) -> np.ndarray:
        """Label per topic id, NO_TOPIC_LABEL for -1."""
        return _label_table(self.labels)[np.asarray(topic_ids, dtype=np.int64)]

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays (no Python objects), for ``numpy.savez``; :meth:`from_arrays` reads
        them back."""
        return {"terms": self.terms.astype(str), "idf": self.idf,
                "centroids": self.centroids, "labels": np.asarray(self.labels, dtype=str)}

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray]) -> FittedTopics:
        return cls(arrays["terms"].tolist(), arrays["idf"], arrays["centroids"],
                   arrays["labels"].tolist())


def _distinct_rows(X: sparse.csr_matrix) -> np.ndarray:
    """Id per row, equal for equal rows (numbered by first appearance)."""
    X = X.tocsr(copy=True)
    X.sum_duplicates()  # canonical rows: sorted, unique column indices
    rows = [
        X.indices[start:end].tobytes() + X.data[start:end].tobytes()
        for start, end in zip(X.indptr[:-1], X.indptr[1:], strict=True)
    ]
    return pd.factorize(pd.Series(rows, dtype=object))[0]


def _topic_limit(X: sparse.csr_matrix) -> int:
    """Most topics the rows of ``X`` can be split into: NMF needs no more components than rows
    and terms it sees, and equal texts always share a topic."""
    terms = min(int((X.getnnz(axis=0) > 0).sum()), _NMF_TERMS)
    return max(1, min(int(_distinct_rows(X).max()) + 1, terms))


def _nearest(X: sparse.csr_matrix, centroids: np.ndarray) -> np.ndarray:
    """Index of the most similar centroid per row; NO_TOPIC where no similarity at all."""
    sims = np.asarray(X @ centroids.T)
    best = sims.argmax(axis=1)
    best[sims.max(axis=1) <= 0] = NO_TOPIC
    return best


def _sizes(assignment: np.ndarray, k: int) -> np.ndarray:
    """Texts per topic id 0..k-1 (texts with -1 are not counted)."""
    return np.bincount(assignment[assignment >= 0], minlength=k)


def _membership(assignment: np.ndarray, k: int) -> sparse.csr_matrix:
    """(k, n) 0/1 matrix: row j marks the texts of topic j (-1 belongs to none)."""
    rows = np.flatnonzero(assignment >= 0)
    return sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (assignment[rows], rows)),
        shape=(k, len(assignment)),
    )


def _centroids(X: sparse.csr_matrix, assignment: np.ndarray, k: int) -> np.ndarray:
    members = _membership(assignment, k)
    return normalize(np.asarray((members @ X).todense(), dtype=np.float32))


def _fill_empty(assignment: np.ndarray, weights: np.ndarray, k: int) -> None:
    """Give each empty topic the text that leans to it most, from a topic with others left."""
    for j in range(k):
        sizes = _sizes(assignment, k)
        if sizes[j] > 0:
            continue
        lean = np.where((assignment >= 0) & (sizes[assignment] > 1), weights[:, j], -np.inf)
        if np.isfinite(lean).any():
            assignment[int(lean.argmax())] = j


def _distinctive_terms(
    presence: sparse.csc_matrix, assignment: np.ndarray, k: int, names: np.ndarray, n_terms: int
) -> list[list[str]]:
    """Class-based TF-IDF: per topic, terms in many of its texts but few texts elsewhere.

    ``presence`` is the binary text-term matrix (a repeated word counts once per text) whose
    columns are ``names``. Terms sharing a word with a better one are skipped.
    """
    if k == 0:
        return []
    members = _membership(assignment, k)
    counts = np.asarray((members @ presence).todense())
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    avg_words = counts.sum() / k
    idf = np.log1p(avg_words / np.maximum(counts.sum(axis=0), 1))
    scores = tf * idf
    result = []
    for j in range(k):
        chosen: list[str] = []
        seen_words: set[str] = set()
        for t in np.argsort(-scores[j], kind="stable"):
            if scores[j, t] <= 0 or len(chosen) >= n_terms:
                break
            words = set(names[t].split())
            if words & seen_words:  # "bad actor" after "actor" adds nothing readable
                continue
            chosen.append(names[t])
            seen_words |= words
        result.append(chosen)
    return result


def _npmi_coherence(
    presence: sparse.csc_matrix, terms: list[list[str]], sizes: np.ndarray, names: np.ndarray
) -> float:
    """Size-weighted mean NPMI of each topic's term pairs over texts (-1 when never together)."""
    index = {w: i for i, w in enumerate(names)}
    n = presence.shape[0]
    scores = []
    for topic_terms in terms:
        cols = [index[w] for w in topic_terms]
        if len(cols) < 2:
            scores.append(-1.0)
            continue
        sub = presence[:, cols]
        together = np.asarray((sub.T @ sub).todense()) / n
        p = np.diag(together)
        pair_scores = []
        for a in range(len(cols)):
            for b in range(a + 1, len(cols)):
                pab = together[a, b]
                if pab <= 0:
                    pair_scores.append(-1.0)
                elif pab >= 1:
                    pair_scores.append(1.0)
                else:
                    pair_scores.append(np.log(pab / (p[a] * p[b])) / -np.log(pab))
        scores.append(float(np.mean(pair_scores)))
    return float(np.average(scores, weights=np.maximum(sizes, 1)))


def _distinct_labels(top_terms: list[list[str]], n_label_terms: int) -> list[str]:
    """Labels from the first terms; a label already taken is extended with the next term."""
    labels: list[str] = []
    taken: set[str] = {NO_TOPIC_LABEL}
    for j, terms in enumerate(top_terms):
        n = n_label_terms
        label = " / ".join(terms[:n]) or f"topic {j}"
        while label in taken and n < len(terms):
            n += 1
            label = " / ".join(terms[:n])
        suffix = 2
        base = label
        while label in taken:
            label = f"{base} ({suffix})"
            suffix += 1
        taken.add(label)
        labels.append(label)
    return labels


def _article_texts(articles: pd.DataFrame) -> pd.Series:
    """Title and body per article id; empty string where the article has no body text."""
    body = articles[ArticleCol.TEXT].fillna("").astype(str)
    title = ""
    if ArticleCol.TITLE in articles:
        title = articles[ArticleCol.TITLE].fillna("").astype(str)
    joined = (title + "\n" + body).where(body.str.strip() != "", "")
    return pd.Series(joined.to_numpy(), index=articles[ArticleCol.ARTICLE_ID].to_numpy())


def known_article_texts(articles: pd.DataFrame) -> pd.Series:
    """Title and body of each article that has body text, by article id (the first of a
    repeated id): the texts the topic model's vocabulary includes and article similarity
    compares with."""
    texts = _article_texts(articles)
    texts = texts[~texts.index.duplicated(keep="first")]
    return texts[texts != ""]


def assign_topics(
    comments: pd.DataFrame,
    articles: pd.DataFrame,
    n_topics: int | None = None,
    random_state: int = 0,
    max_fit_rows: int = 20_000,
) -> pd.DataFrame:
    """Topic and closeness to the article for every comment: :func:`fit_and_assign_topics`
    without the model."""
    return fit_and_assign_topics(comments, articles, n_topics, random_state, max_fit_rows)[0]


def fit_and_assign_topics(
    comments: pd.DataFrame,
    articles: pd.DataFrame,
    n_topics: int | None = None,
    random_state: int = 0,
    max_fit_rows: int = 20_000,
) -> tuple[pd.DataFrame, TopicModel]:
    """Topic and closeness to the article for every comment, and the fitted model.

    Reads ``Col.TEXT`` and ``Col.ARTICLE_ID`` of ``comments`` and ``ArticleCol.ARTICLE_ID``,
    ``ArticleCol.TITLE`` and ``ArticleCol.TEXT`` of ``articles``. One topic model is fitted over
    all articles' comments together (at most ``max_fit_rows`` of them), so topics are comparable
    across articles; article texts share its TF-IDF space.

    Returns a copy with ``Col.TOPIC_ID`` (int, -1 for no usable words), ``Col.TOPIC_LABEL`` (str)
    and ``Col.ARTICLE_SIMILARITY`` (cosine of comment and article TF-IDF, in [0, 1]; 0 for a
    comment without known words, NaN when its article has no text).
    """
    texts = _as_texts(comments[Col.TEXT])
    with_text = known_article_texts(articles)
    context = _as_texts(with_text.tolist())
    # Each text is tokenized once, for the fit (a sample) and for the vectors (all).
    tokens, context_tokens = _tokenize(texts), _tokenize(context)
    model = TopicModel(
        n_topics=n_topics, random_state=random_state, max_fit_rows=max_fit_rows
    )._fit(texts, context, tokens, context_tokens)
    X = model._vectorize_tokens(tokens) if texts else model.vectorize(texts)
    topic_ids = model.assign_matrix(X)
    placed = comments.assign(
        **{
            Col.TOPIC_ID: topic_ids,
            Col.TOPIC_LABEL: model.label_of(topic_ids),
            Col.ARTICLE_SIMILARITY: article_similarity(
                X,
                comments[Col.ARTICLE_ID],
                model._vectorize_tokens(context_tokens) if context else model.vectorize(context),
                with_text.index,
            ),
        }
    )
    return placed, model


def article_similarity(
    X: sparse.spmatrix, article_ids: pd.Series, A: sparse.spmatrix, known_ids: Sequence
) -> np.ndarray:
    """Cosine in [0, 1] of each comment row of ``X`` to its article's row of ``A``.

    Rows are unit-length (or zero) TF-IDF; ``known_ids[i]`` is the article id of ``A[i]``.
    NaN for comments whose article is not among ``known_ids``.
    """
    result = np.full(X.shape[0], np.nan)
    if len(known_ids) == 0:
        return result
    A = sparse.csr_matrix(A)
    X = sparse.csr_matrix(X)
    position = pd.Index(known_ids).get_indexer(pd.Series(article_ids).to_numpy())
    has_article = position >= 0
    rows = np.flatnonzero(has_article)
    dots = np.asarray(X[rows].multiply(A[position[rows]]).sum(axis=1)).ravel()
    result[rows] = np.clip(dots, 0.0, 1.0)
    return result


SUMMARY_TERM_ROWS = 10_000
"""Comments read for a summary's top terms at most."""


def summarise_topics(comments: pd.DataFrame) -> pd.DataFrame:
    """One row per topic of a table from :func:`assign_topics`, largest first.

    Reads ``Col.TOPIC_ID``, ``Col.TOPIC_LABEL``, ``Col.TEXT``, and when present
    ``Col.SENTIMENT``, ``Col.HOSTILITY_LEVEL``, ``Col.ARTICLE_SIMILARITY``. Returns the
    ``TopicCol`` columns: top_terms recomputed from the topic's texts (", "-joined), size, share
    (0-1), mean sentiment ([-1, 1]), uncivil share (level >= 1) and hostile share (level 2),
    both 0-1, and mean article similarity
    (0-1, the topic's closeness to its article). Optional inputs missing -> NaN columns.
    """
    ids = comments[Col.TOPIC_ID].astype(int)
    groups = comments.groupby(ids, sort=False)
    out = pd.DataFrame(
        {
            TopicCol.TOPIC_ID: groups.size().index.astype(int),
            TopicCol.TOPIC_LABEL: groups[Col.TOPIC_LABEL].first().to_numpy(),
            TopicCol.COMMENTS: groups.size().to_numpy(),
        }
    )
    out[TopicCol.SHARE] = out[TopicCol.COMMENTS] / max(len(comments), 1)
    out[TopicCol.TOP_TERMS] = _summary_terms(comments, ids, out[TopicCol.TOPIC_ID])

    def mean_of(values: pd.Series | None) -> np.ndarray:
        if values is None:
            return np.full(len(out), np.nan)
        return values.groupby(ids).mean().reindex(out[TopicCol.TOPIC_ID]).to_numpy(float)

    sentiment = comments[Col.SENTIMENT] if Col.SENTIMENT in comments else None
    uncivil, hostile = (pd.Series(flags, index=comments.index) if Col.HOSTILITY_LEVEL in comments
                        else None for flags in level_flags(comments))
    similarity = comments[Col.ARTICLE_SIMILARITY] if Col.ARTICLE_SIMILARITY in comments else None
    out[TopicCol.MEAN_SENTIMENT] = mean_of(sentiment)
    out[TopicCol.UNCIVIL_SHARE] = mean_of(uncivil)
    out[TopicCol.HOSTILE_SHARE] = mean_of(hostile)
    out[TopicCol.ARTICLE_SIMILARITY] = mean_of(similarity)
    order = out.assign(_none=out[TopicCol.TOPIC_ID] == NO_TOPIC).sort_values(
        ["_none", TopicCol.COMMENTS, TopicCol.TOPIC_LABEL], ascending=[True, False, True],
        kind="stable")
    return order[TOPIC_COLUMNS].reset_index(drop=True)


def _summary_terms(comments: pd.DataFrame, ids: pd.Series, topic_ids: pd.Series) -> list[str]:
    """Distinctive terms per topic from the texts themselves (the summary has no model); from a
    fixed sample of SUMMARY_TERM_ROWS comments on large tables, which ranks the same top terms."""
    if len(comments) > SUMMARY_TERM_ROWS:
        comments = comments.sample(n=SUMMARY_TERM_ROWS, random_state=0)
        ids = ids.loc[comments.index]
    valid = ids.to_numpy() >= 0
    # Every topic of the summary gets a row, even one the sample happens to miss.
    k = max(int(ids.max()), int(pd.Series(topic_ids).max())) + 1 if valid.any() else 0
    if k == 0:
        return ["" for _ in topic_ids]
    vectorizer = CountVectorizer(analyzer=analyze, min_df=1)
    try:
        presence = (vectorizer.fit_transform(_as_texts(comments[Col.TEXT])) > 0).astype(np.float32)
    except ValueError:
        return ["" for _ in topic_ids]
    terms = _distinctive_terms(
        presence.tocsc(), ids.to_numpy(), k, vectorizer.get_feature_names_out(), n_terms=10
    )
    return [", ".join(terms[t]) if t >= 0 else "" for t in topic_ids]


def inherit_topics(comments: pd.DataFrame) -> pd.DataFrame:
    """A reply without topic words of its own ("Bore off troll.", "Haha, Jesus!") is about what
    its thread is about: it takes its nearest ancestor's topic. Reads Col.TOPIC_ID,
    Col.TOPIC_LABEL, Col.COMMENT_ID, Col.PARENT_ID and Col.DEPTH (run after the threads are
    built); returns a copy in which such comments carry the ancestor's topic id and label and
    comments with no such ancestor keep NO_TOPIC. Col.ARTICLE_SIMILARITY is left as measured."""
    topic = comments[Col.TOPIC_ID].astype(int).to_numpy().copy()
    if not (topic == NO_TOPIC).any():
        return comments
    label = comments[Col.TOPIC_LABEL].astype(object).to_numpy().copy()
    ids = comments[Col.COMMENT_ID].astype(str).to_numpy()
    parents = comments[Col.PARENT_ID].astype(object).to_numpy()
    row_of = {cid: row for row, cid in enumerate(ids)}
    # Shallow comments first, so an ancestor has its final topic before its replies look.
    for row in np.argsort(comments[Col.DEPTH].to_numpy(), kind="stable"):
        if topic[row] != NO_TOPIC:
            continue
        parent_row = row_of.get(parents[row]) if isinstance(parents[row], str) else None
        if parent_row is not None and topic[parent_row] != NO_TOPIC:
            topic[row], label[row] = topic[parent_row], label[parent_row]
    return comments.assign(**{Col.TOPIC_ID: topic, Col.TOPIC_LABEL: label})


def place_topics(comments: pd.DataFrame, fitted: FittedTopics, articles: pd.DataFrame,
                 changed: np.ndarray) -> pd.DataFrame:
    """Topics of comments whose text changed after the fit (a correction by hand), placed by
    the fitted model, never refitted: topic ids and labels stay those of the analysis.

    ``comments`` are whole articles with their threads built: reads ``Col.TEXT``,
    ``Col.ARTICLE_ID``, ``Col.COMMENT_ID``, ``Col.PARENT_ID``, ``Col.DEPTH`` and the topic
    columns; ``articles`` as :func:`known_article_texts` reads them. Rows where ``changed`` (a
    boolean array) get ``Col.TOPIC_ID``, ``Col.TOPIC_LABEL`` and ``Col.ARTICLE_SIMILARITY`` from
    their own words, as :func:`fit_and_assign_topics` gives them. Then every comment without
    known words, changed or not, takes its nearest ancestor's topic again
    (:func:`inherit_topics`), so one whose parent changed follows the new parent. Every other
    value is kept. Returns a copy.
    """
    changed = np.asarray(changed, dtype=bool)
    if len(comments) == 0:
        return comments
    X = fitted.vectorize(comments[Col.TEXT].tolist())
    own = fitted.assign_matrix(X)
    topic = np.where(changed, own, comments[Col.TOPIC_ID].to_numpy(dtype=np.int64))
    label = np.where(changed, fitted.label_of(own),
                     comments[Col.TOPIC_LABEL].to_numpy(dtype=object))
    wordless = own == NO_TOPIC  # inherited before, or to inherit now
    topic[wordless], label[wordless] = NO_TOPIC, NO_TOPIC_LABEL
    similarity = comments[Col.ARTICLE_SIMILARITY].to_numpy(dtype=float, copy=True)
    if changed.any():
        known = known_article_texts(articles)
        here = known[known.index.isin(comments[Col.ARTICLE_ID].unique())]
        rows = np.flatnonzero(changed)
        similarity[rows] = article_similarity(
            X[rows], comments[Col.ARTICLE_ID].iloc[rows], fitted.vectorize(here.tolist()),
            here.index)
    placed = comments.assign(**{Col.TOPIC_ID: topic, Col.TOPIC_LABEL: label,
                                Col.ARTICLE_SIMILARITY: similarity})
    return inherit_topics(placed)
