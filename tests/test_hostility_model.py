import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from analysis.hostility_model import (
    CHAR,
    CHAR_NGRAMS,
    MODEL_PATH,
    WORD,
    WORD_NGRAMS,
    WORD_PATTERN,
    LinearModel,
    load_model,
    normalise_counts,
    prepare,
)
from analysis.readers import seed_paths

REPO_ROOT = Path(__file__).resolve().parents[1]
TRAIN_DIR = REPO_ROOT.parent / "shared" / "train"
TRAIN_SCRIPT = REPO_ROOT / "benchmarks" / "train_hostility_model.py"

EDGE_CASES = [
    "", "   ", "a", "I", "x\x00y z", "\x00", "don't you-idiot", "Σ ΣΣ word ΟΔΟΣ",
    "İstanbul idiots!!", "😀 you moron 😀", "well-known well known fact",
    "PMO SCANDAL!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "you - you are a clown , a clown .",
    "tab\tand\nnew line\r\nand\u2028separator\x1cunit", "ＦＵＬＬ width ｉｄｉｏｔ",
]


def _reference_logits(model: LinearModel, texts: list[str]) -> np.ndarray:
    """The model's logits through scikit-learn's own analysers and the training transform."""
    prepared = [prepare(text) for text in texts]
    word = CountVectorizer(lowercase=False, token_pattern=WORD_PATTERN, ngram_range=WORD_NGRAMS,
                           vocabulary=model.word_features).transform(prepared)
    char = CountVectorizer(lowercase=False, analyzer="char_wb", ngram_range=CHAR_NGRAMS,
                           vocabulary=model.char_features).transform(prepared)
    return (model.intercept + normalise_counts(word, model.word_idf) @ model.word_weights
            + normalise_counts(char, model.char_idf) @ model.char_weights)


def _seed_lines() -> list[str]:
    return [line for path in seed_paths()
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_weights(tmp_path):
    if not (TRAIN_DIR / "jigsaw_toxic_sentences_detox.csv").exists():
        pytest.skip(f"the training data ({TRAIN_DIR}) is not on this machine")
    out = tmp_path / "retrained.tsv"
    subprocess.run([sys.executable, str(TRAIN_SCRIPT), "--out", str(out)], check=True,
                   capture_output=True, cwd=REPO_ROOT)
    shipped = MODEL_PATH.read_text(encoding="utf-8").splitlines()
    retrained = out.read_text(encoding="utf-8").splitlines()
    differing = [(a, b) for a, b in zip(shipped, retrained, strict=False) if a != b]
    assert len(shipped) == len(retrained), "a different number of features"
    assert not differing, f"{len(differing)} rows differ, first: {differing[0]}"


def test_run_time_scores_equal_the_training_features():
    # The run-time path featurises whitespace tokens and adds them up; it must give exactly
    # what the training transform (scikit-learn's analysers) gives.
    model = load_model()
    texts = _seed_lines() + EDGE_CASES
    np.testing.assert_allclose(model.logits(texts), _reference_logits(model, texts),
                               rtol=0, atol=1e-9)


@given(st.lists(st.text(alphabet=list("ab Z'-.!\x00é😀\t"), max_size=40) | st.text(),
                min_size=1, max_size=5))
def test_run_time_scores_equal_the_training_features_on_any_text(texts):
    model = load_model()
    np.testing.assert_allclose(model.logits(texts), _reference_logits(model, texts),
                               rtol=0, atol=1e-9)


def test_a_text_scores_the_same_alone_and_in_any_batch():
    model = load_model()
    texts = _seed_lines()[:40]
    together = model.logits(texts)
    alone = np.array([model.logits([text])[0] for text in texts])
    reversed_batch = model.logits(texts[::-1])[::-1]
    np.testing.assert_allclose(together, alone, rtol=0, atol=1e-12)
    np.testing.assert_allclose(together, reversed_batch, rtol=0, atol=1e-12)


def test_the_shipped_weights_are_small_sorted_and_rounded():
    text = MODEL_PATH.read_text(encoding="utf-8")
    assert len(text.encode("utf-8")) < 500_000
    rows = [line.split("\t") for line in text.split("\n")
            if line and not line.startswith("#")][1:]
    for kind in (WORD, CHAR):
        features = [feature for k, feature, _, _ in rows if k == kind]
        assert features == sorted(set(features)) and len(features) > 1000
    for _, _, idf, weight in rows:
        for number in (idf, weight):
            assert len(number.partition(".")[2]) <= 6
    model = load_model()
    assert model.to_text([]).split("\n")[1:] == [
        line for line in text.split("\n") if not line.startswith("#")][1:]


def test_the_model_knows_insults_from_civil_words():
    logits = load_model().logits(["you are a stupid idiot", "thank you for the helpful article"])
    assert logits[0] > 0 > logits[1]


def test_a_broken_weights_file_names_the_file_and_row(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("kind\tfeature\tidf\tweight\nword\tidiot\t2.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.tsv: row 2"):
        LinearModel.read(path)
    path.write_text("kind\tfeature\tidf\tweight\nword\tidiot\t2.0\t1.5\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no intercept"):
        LinearModel.read(path)
