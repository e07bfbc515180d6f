"""Train the learned part of hostility and write its weights file.

Reads the two labelled toxicity sets in ../shared/train (beside the repository; see its
README for sources and licences), never UCC. Features as in :mod:`analysis.hostility_model`:
word 1-2-grams (seen in at least 2 texts) and char_wb 2-5-grams (at least 3 texts), the
FEATURES_PER_BLOCK most frequent of each (ties broken by the feature's text), idf
``ln((1 + n) / (1 + df)) + 1``; a logistic regression (C=0.25, balanced classes, lbfgs). The
vocabulary is sorted and every number rounded to 6 decimals, so the same data gives the same
file byte for byte.

usage (from the repo root):
    python benchmarks/train_hostility_model.py                  # rewrites the shipped file
    python benchmarks/train_hostility_model.py --out other.tsv  # writes elsewhere
    python benchmarks/train_hostility_model.py --check          # exit 1 if it would differ
    python benchmarks/train_hostility_model.py --blocks word --out word.tsv   # variants to
    python benchmarks/train_hostility_model.py --features 20000 --out big.tsv # compare with
                                                  # benchmarks/time_hostility_model.py
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from analysis.hostility_model import (  # noqa: E402
    CHAR_NGRAMS,
    MODEL_PATH,
    WORD_NGRAMS,
    WORD_PATTERN,
    LinearModel,
    normalise_counts,
    prepare,
)

TRAIN_DIR = REPO_ROOT.parent / "shared" / "train"
TRAIN_FILES = ("jigsaw_toxic_sentences_detox.csv", "jigsaw_toxic_wikipedia_balanced.csv")
FEATURES_PER_BLOCK = 5_000
WORD_MIN_TEXTS = 2
CHAR_MIN_TEXTS = 3
C = 0.25
RANDOM_STATE = 0


def read_training_data(train_dir: Path = TRAIN_DIR) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of the training files, in file order."""
    frames = [pd.read_csv(train_dir / name, dtype={"text": str}, keep_default_na=False)
              for name in TRAIN_FILES]
    data = pd.concat(frames, ignore_index=True)
    return data["text"].tolist(), data["toxic"].to_numpy(dtype=int)


def _block(vectorizer: CountVectorizer, texts: list[str], features: int
           ) -> tuple[list[str], np.ndarray, sparse.csr_matrix]:
    """The block's kept features (sorted), their idf and the texts' counts over them."""
    counts = vectorizer.fit_transform(texts).tocsr()
    names = vectorizer.get_feature_names_out().tolist()
    totals = np.asarray(counts.sum(axis=0)).ravel()
    ranked = sorted(range(len(names)), key=lambda j: (-totals[j], names[j]))
    kept = sorted(ranked[:features], key=names.__getitem__)
    counts = counts[:, kept]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log((1 + len(texts)) / (1 + df)) + 1
    return [names[j] for j in kept], np.round(idf, 6), counts


def train(texts: list[str], labels: np.ndarray, blocks: str = "both",
          features: int = FEATURES_PER_BLOCK, *, c: float = C,
          word_ngrams: tuple[int, int] = WORD_NGRAMS, char_ngrams: tuple[int, int] = CHAR_NGRAMS,
          sample_weight: np.ndarray | None = None,
          prepare_text: Callable[[str], str] = prepare) -> LinearModel:
    """The model (numbers rounded to 6 decimals) fitted on ``texts``; ``blocks`` "word" or
    "char" leaves the other block empty (to compare what each costs and gives). The keyword
    settings are the shipped ones by default; others (benchmarks/hostility_variants.py) give
    models that only a reference transform with the same settings can read."""
    prepared = [prepare_text(text) for text in texts]
    word = CountVectorizer(lowercase=False, token_pattern=WORD_PATTERN, ngram_range=word_ngrams,
                           min_df=WORD_MIN_TEXTS, dtype=np.int64)
    char = CountVectorizer(lowercase=False, analyzer="char_wb", ngram_range=char_ngrams,
                           min_df=CHAR_MIN_TEXTS, dtype=np.int64)
    empty = ([], np.zeros(0), sparse.csr_matrix((len(texts), 0)))
    word_features, word_idf, word_counts = _block(word, prepared, features) \
        if blocks != "char" else empty
    char_features, char_idf, char_counts = _block(char, prepared, features) \
        if blocks != "word" else empty
    X = sparse.hstack([normalise_counts(word_counts, word_idf),
                       normalise_counts(char_counts, char_idf)]).tocsr()
    fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=5000,
                                random_state=RANDOM_STATE).fit(X, labels,
                                                               sample_weight=sample_weight)
    weights = np.round(fitted.coef_[0], 6)
    n_word = len(word_features)
    return LinearModel(round(float(fitted.intercept_[0]), 6), word_features, word_idf,
                       weights[:n_word], char_features, char_idf, weights[n_word:])


NOTES = [
    "commentscope: the learned part of hostility (analysis/hostility_model.py reads this file).",
    "Trained by benchmarks/train_hostility_model.py on ../shared/train only (Jigsaw Civil",
    "Comments and Wikipedia talk texts; sources, licences and attribution in README.md here).",
    "Only weights: no training text is in this file. Rows: kind, feature, idf, weight.",
    "",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train-dir", type=Path, default=TRAIN_DIR)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the result differs from --out")
    parser.add_argument("--blocks", choices=["both", "word", "char"], default="both",
                        help="feature blocks (the shipped model has both)")
    parser.add_argument("--features", type=int, default=FEATURES_PER_BLOCK,
                        help=f"features per block (shipped: {FEATURES_PER_BLOCK})")
    args = parser.parse_args()
    start = time.perf_counter()
    model = train(*read_training_data(args.train_dir), args.blocks, args.features)
    text = model.to_text(NOTES)
    seconds = time.perf_counter() - start
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'identical' if same else 'DIFFERS'} ({seconds:.1f} s)")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()):,} bytes, {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
