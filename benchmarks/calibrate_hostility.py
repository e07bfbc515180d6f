"""Fit the hostility calibration and level thresholds on UCC val, and measure them out of sample.

Reads ../shared/eval/ucc_val.csv (beside the repository; CC BY-NC-SA, never copied into it;
test is never read here). For each comment it takes the marker score and the learned model's
log-odds, then fits

* MARKER_CALIBRATION and MODEL_CALIBRATION: a logistic curve (slope, intercept) per part,
  mapping it to P(uncivil) (UCC hostility_level >= 1), unregularised;
* UNCIVIL_THRESHOLD: the hostility score from which a comment is level 1, best uncivil F1
  (grid of 0.01), with the markers' own levels (MARKER_LEVEL_THRESHOLDS, kept) as a floor;
* HOSTILE_THRESHOLD: from which it is level 2 when aimed at someone, best macro-F1 of the
  three levels given the first threshold.

MODEL_SHARE stays 0.5 (the plain mean; weights chosen on folds picked 0.4-0.5).

It prints the constants and, out of sample, the same fit made on 4/5 of val and scored on the
rest (5 folds, 3 shuffles), next to the simple default (the markers alone, with their previous
fixed levels). ``--check`` exits 1 when the constants in analysis/hostility.py differ.

usage (from the repo root): python benchmarks/calibrate_hostility.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(REPO_ROOT))

from analysis import hostility  # noqa: E402
from analysis.hostility_model import load_model  # noqa: E402

GRID = np.round(np.arange(0.05, 0.601, 0.01), 2)


def read_val() -> pd.DataFrame:
    """UCC val with the marker score, strong-marker score, aimed flag and model log-odds."""
    gold = pd.read_csv(EVAL_DIR / "ucc_val.csv", dtype={"comment_id": str})
    texts = gold["text"].fillna("").astype(str).tolist()
    summaries = hostility._summarise_chunk(texts)
    return gold.assign(marker_score=[row[0] for row in summaries],
                       strong_score=[row[1] for row in summaries],
                       aimed=[row[2] for row in summaries], logit=load_model().logits(texts))


def _platt(score: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(score[:, None], target)
    return round(float(fitted.coef_[0, 0]), 4), round(float(fitted.intercept_[0]), 4)


def fit(data: pd.DataFrame) -> dict[str, object]:
    """The constants fitted on ``data``."""
    gold = data["hostility_level"].to_numpy()
    uncivil = gold >= 1
    marker = _platt(data["marker_score"].to_numpy(), uncivil)
    model = _platt(data["logit"].to_numpy(), uncivil)
    t1 = max(GRID, key=lambda t: (f1_score(uncivil, _levels(data, marker, model, t, 1.0) >= 1),
                                  -t))
    t2 = max((t for t in GRID if t >= t1), key=lambda t: (
        f1_score(gold, _levels(data, marker, model, t1, t), average="macro"), -t))
    return {"MARKER_CALIBRATION": marker, "MODEL_CALIBRATION": model,
            "UNCIVIL_THRESHOLD": float(t1), "HOSTILE_THRESHOLD": float(t2)}


def _levels(data: pd.DataFrame, marker: tuple[float, float], model: tuple[float, float],
            uncivil: float, hostile: float) -> np.ndarray:
    """The levels analysis.hostility gives with these constants."""
    score = hostility.blend(data["marker_score"].to_numpy(), data["logit"].to_numpy(), marker,
                            model)
    return hostility.level_of(score, data["strong_score"].to_numpy(),
                              data["aimed"].to_numpy(dtype=bool), (uncivil, hostile))


def measure(data: pd.DataFrame, constants: dict[str, object]) -> dict[str, float]:
    """AUCs of hostility, uncivil F1 and macro-F1 of the levels on ``data``."""
    marker, model = constants["MARKER_CALIBRATION"], constants["MODEL_CALIBRATION"]
    score = hostility.blend(data["marker_score"].to_numpy(), data["logit"].to_numpy(), marker,
                            model)
    levels = _levels(data, marker, model, constants["UNCIVIL_THRESHOLD"],
                     constants["HOSTILE_THRESHOLD"])
    return _report(data, score, levels)


def _report(data: pd.DataFrame, score: np.ndarray, levels: np.ndarray) -> dict[str, float]:
    gold = data["hostility_level"].to_numpy()
    return {"auc_hostile": roc_auc_score(data["hostile"] == 1, score),
            "auc_uncivil": roc_auc_score(gold >= 1, score),
            "f1_uncivil": f1_score(gold >= 1, levels >= 1),
            "macro_f1": f1_score(gold, levels, average="macro"),
            "flagged": float((levels >= 1).mean())}


def markers_alone(data: pd.DataFrame) -> dict[str, float]:
    """The simple default: the marker score and its previous fixed levels."""
    # Thresholds above 1 leave only the markers' own levels.
    levels = hostility.level_of(np.zeros(len(data)), data["strong_score"].to_numpy(),
                                data["aimed"].to_numpy(dtype=bool), (2.0, 2.0))
    return _report(data, data["marker_score"].to_numpy(), levels)


def cross_validate(data: pd.DataFrame, shuffles: int = 3) -> tuple[dict, dict]:
    """Mean out-of-fold results of the whole fit, and of the markers alone on the same folds."""
    fitted, default = [], []
    for seed in range(shuffles):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        for train, held_out in folds.split(data, data["hostility_level"]):
            constants = fit(data.iloc[train])
            fitted.append(measure(data.iloc[held_out], constants))
            default.append(markers_alone(data.iloc[held_out]))
    return (pd.DataFrame(fitted).mean().to_dict(), pd.DataFrame(default).mean().to_dict())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when analysis/hostility.py holds other constants")
    args = parser.parse_args()
    data = read_val()
    constants = fit(data)
    for name, value in constants.items():
        print(f"{name} = {value}")
    print("val, fitted on all of val:", _line(measure(data, constants)))
    fitted, default = cross_validate(data)
    print("val, out of fold (5 folds x 3):", _line(fitted))
    print("markers alone, same folds:      ", _line(default))
    if args.check:
        shipped = {name: getattr(hostility, name) for name in constants}
        if shipped != constants:
            print(f"analysis/hostility.py holds {shipped}")
            return 1
        print("analysis/hostility.py holds these constants")
    return 0


def _line(result: dict[str, float]) -> str:
    return " ".join(f"{key}={value:.3f}" for key, value in result.items())


if __name__ == "__main__":
    sys.exit(main())
