"""Variants of hostility measured on UCC val, in sample and out of fold: what was tried for
any-incivility AUC (issue 17) and did not ship, beside what did.

Reads ../shared/eval/ucc_val.csv only (never test) and, with ``--retrain``, ../shared/train
(the learned part retrained with other settings; about 20 s each). Every variant gives each val
comment a marker score and a learned log-odds; the blend (``calibrate_hostility.fit_blend``: one
logistic curve over both) is fitted on all of val ("in sample") and on 4/5 of it and scored on
the rest ("out of fold", 5 folds x 3 shuffles, the folds of calibrate_hostility.py), and the
ROC-AUC for any incivility (UCC hostility_level >= 1) and for ``hostile`` is printed. Other
ways of combining the two parts are measured the same way.

usage (from the repo root): python benchmarks/hostility_variants.py [--retrain]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "benchmarks"))

import calibrate_hostility as calibration  # noqa: E402
import train_hostility_model as training  # noqa: E402

from analysis import hostility  # noqa: E402
from analysis.hostility_model import load_model, normalise_counts, prepare  # noqa: E402

Combiner = Callable[[pd.DataFrame, pd.DataFrame], np.ndarray]
"""(data to score, data to fit on) -> scores."""

EXTRA_CUES = {
    "dismissal": ["so what", "big deal", "says who", "get a clue", "not my problem", "move on",
                  "give it up", "seriously", "boring"],
    "generalisation": ["you people", "these people", "those people", "your ilk", "your kind",
                       "the likes of", "every single one", "they all", "all of them", "typical",
                       "as usual", "as always"],
    "condescension": ["let me guess", "just saying", "in case you", "reality check",
                      "you realize", "you do realize", "do you know", "did you know",
                      "you really think", "so you're saying", "in other words", "spoken like",
                      "said no one", "what part of"],
    "sarcasm": ["how dare", "great job", "way to go", "yeah sure"],
}
"""Weak cues written for this test from the kinds of incivility UCC labels (antagonising,
condescending, dismissive, sarcastic, unfair generalisations), none in the shipped lexicon."""
EXTRA_CUE_WEIGHT = 0.1
"""As the shipped weak cues (sarcasm_cue)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _curve(features: np.ndarray, target: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=1e6, max_iter=2000).fit(features, target)


def _uncivil(data: pd.DataFrame) -> np.ndarray:
    return data["hostility_level"].to_numpy() >= 1


def one_curve(columns: tuple[str, ...] = ("marker_score", "logit")) -> Combiner:
    """One logistic curve over ``columns`` (the shipped blend over the default two)."""
    def combine(data: pd.DataFrame, fit_on: pd.DataFrame) -> np.ndarray:
        fitted = _curve(fit_on[list(columns)].to_numpy(), _uncivil(fit_on))
        return fitted.decision_function(data[list(columns)].to_numpy())
    return combine


def per_part(how: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> Combiner:
    """A logistic curve per part, then ``how`` of the two probabilities."""
    def combine(data: pd.DataFrame, fit_on: pd.DataFrame) -> np.ndarray:
        parts = []
        for column in ("marker_score", "logit"):
            fitted = _curve(fit_on[[column]].to_numpy(), _uncivil(fit_on))
            parts.append(fitted.predict_proba(data[[column]].to_numpy())[:, 1])
        return how(*parts)
    return combine


COMBINERS: dict[str, Combiner] = {
    "one curve over both (shipped)": one_curve(),
    "mean of a curve per part (before)": per_part(lambda a, b: a + b),
    "mean, model share 0.3": per_part(lambda a, b: 0.7 * a + 0.3 * b),
    "mean, model share 0.4": per_part(lambda a, b: 0.6 * a + 0.4 * b),
    "noisy-OR of a curve per part": per_part(lambda a, b: 1 - (1 - a) * (1 - b)),
    "maximum of a curve per part": per_part(np.maximum),
    "sum of each part's log-odds": per_part(
        lambda a, b: np.log(a / (1 - a)) + np.log(b / (1 - b))),
    "one curve over both and their product": lambda data, fit_on: one_curve(
        ("marker_score", "logit", "product"))(data, fit_on),
}


def measure(data: pd.DataFrame, combine: Combiner, shuffles: int = 3) -> dict[str, float]:
    """AUCs in sample and out of fold (mean over the folds) of ``combine`` on ``data``."""
    data = data.assign(product=data["marker_score"] * data["logit"])
    hostile = data["hostile"].to_numpy() == 1
    score = combine(data, data)
    result = {"in_uncivil": roc_auc_score(_uncivil(data), score),
              "in_hostile": roc_auc_score(hostile, score)}
    folds = []
    for seed in range(shuffles):
        splitter = StratifiedKFold(5, shuffle=True, random_state=seed)
        for train, held_out in splitter.split(data, data["hostility_level"]):
            scored = data.iloc[held_out]
            score = combine(scored, data.iloc[train])
            folds.append((roc_auc_score(_uncivil(scored), score),
                          roc_auc_score(scored["hostile"] == 1, score)))
    result["oof_uncivil"], result["oof_hostile"] = np.mean(folds, axis=0)
    return result


def without_negative_tone(texts: list[str]) -> np.ndarray:
    """The marker score with VADER's negative tone left out."""
    return np.array([hostility.combine([hit for hit in hostility.find_markers(text)
                                        if hit.marker != "negative_tone"]) for text in texts])


def with_extra_cues(texts: list[str], marker_score: np.ndarray) -> np.ndarray:
    """The marker score with EXTRA_CUES added as weak cues (noisy-OR, like every marker)."""
    phrases = sorted({p for ps in EXTRA_CUES.values() for p in ps}, key=len, reverse=True)
    matcher = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)",
                         re.IGNORECASE)
    hits = np.array([len(matcher.findall(text.replace("’", "'"))) for text in texts])
    return 1 - (1 - marker_score) * (1 - EXTRA_CUE_WEIGHT) ** hits


def sentence_maximum(texts: list[str]) -> np.ndarray:
    """The learned log-odds of a comment's most hostile sentence."""
    sentences, owners = [], []
    for index, text in enumerate(texts):
        parts = [part for part in _SENTENCE_END.split(text) if part.strip()] or [""]
        sentences += parts
        owners += [index] * len(parts)
    maximum = np.full(len(texts), -np.inf)
    np.maximum.at(maximum, np.array(owners), load_model().logits(sentences))
    return maximum


_APOSTROPHE = re.compile(r"['’‘`]")
_PUNCTUATION = re.compile(r"([^\w\s'’‘`])")


def detox_like(text: str) -> str:
    """A text written as the detox training sentences are: apostrophes dropped ("dont"),
    punctuation split off ("idiot ."), on top of the shipped preparation."""
    return _PUNCTUATION.sub(r" \1 ", _APOSTROPHE.sub("", prepare(text)))


def retrained_logits(texts: list[str], *, weight_of_first_file: float = 1.0,
                     files: slice = slice(None), prepare_text: Callable[[str], str] = prepare,
                     features: int = training.FEATURES_PER_BLOCK,
                     word_ngrams: tuple[int, int] = training.WORD_NGRAMS,
                     char_ngrams: tuple[int, int] = training.CHAR_NGRAMS,
                     c: float = training.C) -> np.ndarray:
    """Val log-odds of the learned part retrained with other settings (the shipped ones by
    default), read through scikit-learn's transform with the same settings."""
    train_texts, labels = training.read_training_data()
    first_file = np.arange(len(labels)) < _rows_of_first_file()
    weights = np.where(first_file, weight_of_first_file, 1.0)
    model = training.train(train_texts[files], labels[files], features=features, c=c,
                           word_ngrams=word_ngrams, char_ngrams=char_ngrams,
                           sample_weight=weights[files], prepare_text=prepare_text)
    prepared = [prepare_text(text) for text in texts]
    word = CountVectorizer(lowercase=False, token_pattern=training.WORD_PATTERN,
                           ngram_range=word_ngrams, vocabulary=model.word_features)
    char = CountVectorizer(lowercase=False, analyzer="char_wb", ngram_range=char_ngrams,
                           vocabulary=model.char_features)
    return (model.intercept
            + normalise_counts(word.transform(prepared), model.word_idf) @ model.word_weights
            + normalise_counts(char.transform(prepared), model.char_idf) @ model.char_weights)


def naive_bayes_scaled_logits(texts: list[str], c: float = training.C) -> np.ndarray:
    """Val log-odds of the learned part retrained as NB-LR (Wang & Manning 2012): each feature
    scaled by its log-count ratio between toxic and other training texts before the logistic
    regression, so words that split the classes weigh more. The scaling folds into the weights,
    so such a model would ship in the same file format."""
    train_texts, labels = training.read_training_data()
    prepared = [prepare(text) for text in train_texts]
    word = CountVectorizer(lowercase=False, token_pattern=training.WORD_PATTERN,
                           ngram_range=training.WORD_NGRAMS, min_df=training.WORD_MIN_TEXTS,
                           dtype=np.int64)
    char = CountVectorizer(lowercase=False, analyzer="char_wb", ngram_range=training.CHAR_NGRAMS,
                           min_df=training.CHAR_MIN_TEXTS, dtype=np.int64)
    features = training.FEATURES_PER_BLOCK
    word_features, word_idf, word_counts = training._block(word, prepared, features)
    char_features, char_idf, char_counts = training._block(char, prepared, features)
    train_matrix = sparse.hstack([normalise_counts(word_counts, word_idf),
                                  normalise_counts(char_counts, char_idf)]).tocsr()
    present = (train_matrix > 0).astype(float)
    toxic = np.asarray(present[labels == 1].sum(axis=0)).ravel() + 1
    other = np.asarray(present[labels == 0].sum(axis=0)).ravel() + 1
    ratio = np.log((toxic / toxic.sum()) / (other / other.sum()))
    fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=5000,
                                random_state=training.RANDOM_STATE).fit(
        train_matrix.multiply(ratio).tocsr(), labels)
    read = [prepare(text) for text in texts]
    word = CountVectorizer(lowercase=False, token_pattern=training.WORD_PATTERN,
                           ngram_range=training.WORD_NGRAMS, vocabulary=word_features)
    char = CountVectorizer(lowercase=False, analyzer="char_wb", ngram_range=training.CHAR_NGRAMS,
                           vocabulary=char_features)
    val_matrix = sparse.hstack([normalise_counts(word.transform(read), word_idf),
                                normalise_counts(char.transform(read), char_idf)]).tocsr()
    return fitted.intercept_[0] + val_matrix @ (fitted.coef_[0] * ratio)


def _rows_of_first_file() -> int:
    return len(pd.read_csv(training.TRAIN_DIR / training.TRAIN_FILES[0], usecols=["toxic"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retrain", action="store_true",
                        help="also retrain the learned part with other settings (slow)")
    args = parser.parse_args()
    data = calibration.read_val()
    texts = data["text"].fillna("").astype(str).tolist()
    print("variant | val AUC any incivility: in sample, out of fold | hostile: in, out")
    for name, combine in COMBINERS.items():
        _print(name, measure(data, combine))
    shipped = one_curve()
    markers = {"markers without negative tone": without_negative_tone(texts),
               "markers with extra weak cues": with_extra_cues(
                   texts, data["marker_score"].to_numpy())}
    for name, score in markers.items():
        _print(name, measure(data.assign(marker_score=score), shipped))
    maximum = sentence_maximum(texts)
    _print("learned part: most hostile sentence", measure(data.assign(logit=maximum), shipped))
    _print("learned part: whole text and most hostile sentence",
           measure(data.assign(sentence_max=maximum),
                   one_curve(("marker_score", "logit", "sentence_max"))))
    if args.retrain:
        n_first = _rows_of_first_file()
        variants = {
            "retrained: shipped settings (checks this path)": {},
            "retrained: C 0.1": {"c": 0.1}, "retrained: C 1.0": {"c": 1.0},
            "retrained: 20k + 20k features": {"features": 20_000},
            "retrained: word 1-3-grams": {"word_ngrams": (1, 3)},
            "retrained: char 2-6-grams": {"char_ngrams": (2, 6)},
            "retrained: detox sentences weigh 2": {"weight_of_first_file": 2.0},
            "retrained: detox sentences weigh 0.5": {"weight_of_first_file": 0.5},
            "retrained: detox sentences only": {"files": slice(0, n_first)},
            "retrained: Wikipedia comments only": {"files": slice(n_first, None)},
            "retrained: text written like the detox sentences": {"prepare_text": detox_like},
        }
        for name, settings in variants.items():
            logits = retrained_logits(texts, **settings)
            _print(name, measure(data.assign(logit=logits), shipped))
        _print("retrained: NB-LR (features scaled by their log-count ratio)",
               measure(data.assign(logit=naive_bayes_scaled_logits(texts)), shipped))
    return 0


def _print(name: str, result: dict[str, float]) -> None:
    print(f"{name}: {result['in_uncivil']:.4f} {result['oof_uncivil']:.4f} | "
          f"{result['in_hostile']:.4f} {result['oof_hostile']:.4f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
