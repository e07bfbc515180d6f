"""What the learned part of hostility gives (UCC val AUC) and costs (CPU seconds per 100k).

For each weights file (the shipped one by default; variants come from
``train_hostility_model.py --blocks/--features --out``) it prints

* val AUC of the model alone and of the blend with the markers (the blend's curve refitted on
  val for each file, as ``calibrate_hostility.py`` does for the shipped one), for
  ``hostile`` and for ``hostility_level >= 1``;
* CPU seconds (``time.process_time``, one process) to score 100,000 texts and list the words
  of the ~28% at level 1 or 2, with an empty token cache (a fresh process) and again warm, on
  two corpora built in memory from UCC val: ``distinct`` (each text with its own number
  appended, so 100k tokens never seen before: the worst case for the cache) and ``shuffled``
  (each text's words shuffled: new texts from the val vocabulary);
* for the shipped model, the CPU of the whole hostility stage (``score_hostility``, markers and
  model, one process) and of the markers alone on the same texts.

usage (from the repo root):
    python benchmarks/time_hostility_model.py [--model PATH ...] [--texts 100000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(REPO_ROOT))

from analysis import hostility  # noqa: E402
from analysis.hostility_model import MODEL_PATH, LinearModel  # noqa: E402
from analysis.schema import Col  # noqa: E402

FLAGGED_SHARE = 0.28
"""About the share of UCC val at level 1 or 2: the texts whose words are listed."""


def corpora(texts: list[str], size: int) -> dict[str, list[str]]:
    """Two corpora of ``size`` texts made from ``texts`` (see the module doc)."""
    rng = random.Random(0)
    shuffled = []
    for i in range(size):
        words = texts[i % len(texts)].split()
        rng.shuffle(words)
        shuffled.append(" ".join(words))
    return {"distinct": [f"{texts[i % len(texts)]} ({i})" for i in range(size)],
            "shuffled": shuffled}


def cpu(call) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def learned_cost(path: Path, texts: list[str]) -> tuple[float, float]:
    """(cold, warm) CPU seconds of scoring ``texts`` and listing the flagged ones' words."""
    model = LinearModel.read(path)  # a new instance: an empty token cache

    def run() -> None:
        scores = model.score(texts)
        flagged = scores.logits >= np.quantile(scores.logits, 1 - FLAGGED_SHARE)
        scores.words(flagged, hostility.WORDS_SHOWN, hostility.WORD_SHARE_FLOOR)

    return cpu(run), cpu(run)


def val_aucs(path: Path, gold: pd.DataFrame, marker_score: np.ndarray) -> dict[str, float]:
    logits = LinearModel.read(path).logits(gold["text"].tolist())
    uncivil = (gold["hostility_level"] >= 1).to_numpy()
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(np.c_[marker_score, logits], uncivil)
    constants = (*fitted.coef_[0].tolist(), float(fitted.intercept_[0]))
    blended = hostility.blend(marker_score, logits, constants)
    hostile = (gold["hostile"] == 1).to_numpy()
    return {"model_auc_hostile": roc_auc_score(hostile, logits),
            "model_auc_uncivil": roc_auc_score(uncivil, logits),
            "blend_auc_hostile": roc_auc_score(hostile, blended),
            "blend_auc_uncivil": roc_auc_score(uncivil, blended)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, nargs="+", default=[MODEL_PATH])
    parser.add_argument("--texts", type=int, default=100_000)
    args = parser.parse_args()
    gold = pd.read_csv(EVAL_DIR / "ucc_val.csv", dtype={"comment_id": str})
    gold["text"] = gold["text"].fillna("").astype(str)
    marker_score = np.array([row[0] for row in hostility._summarise_chunk(gold["text"].tolist())])
    built = corpora(gold["text"].tolist(), args.texts)
    per = 100_000 / args.texts
    for path in args.model:
        aucs = val_aucs(path, gold, marker_score)
        print(f"{path.name} ({path.stat().st_size:,} bytes): "
              + " ".join(f"{key}={value:.3f}" for key, value in aucs.items()))
        for name, texts in built.items():
            cold, warm = learned_cost(path, texts)
            print(f"  {name}: learned part cpu_s_per_100k cold={cold * per:.2f} "
                  f"warm={warm * per:.2f}")
    if MODEL_PATH.resolve() in [path.resolve() for path in args.model]:
        for name, texts in built.items():
            frame = pd.DataFrame({Col.TEXT: texts})
            markers = cpu(lambda texts=texts: hostility._summarise_chunk(texts))
            whole = cpu(lambda frame=frame: hostility.score_hostility(frame, n_jobs=1))
            print(f"  {name}: markers alone cpu_s_per_100k={markers * per:.2f}, whole "
                  f"hostility stage (score_hostility, one process)={whole * per:.2f}")


if __name__ == "__main__":
    main()
