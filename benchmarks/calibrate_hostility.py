"""Fit the hostility calibration and level thresholds on UCC val, and measure them out of sample.

Reads ../shared/eval/ucc_val.csv (beside the repository; CC BY-NC-SA, never copied into it;
test is never read here). For each comment it takes the marker score and the learned model's
log-odds, then fits

* BLEND: one logistic curve over the marker score and the learned model's log-odds (a weight
  for each and an intercept), mapping them to P(uncivil) (UCC hostility_level >= 1),
  unregularised;
* UNCIVIL_THRESHOLD: the hostility score from which a comment is level 1, and
  HOSTILE_THRESHOLD: from which it is level 2 when aimed at someone, with the markers' own
  levels (MARKER_LEVEL_THRESHOLDS, kept) as a floor: the pair (grid of 0.01) with the best mean
  of uncivil F1 and macro-F1 of the three levels. Picking the first threshold by uncivil F1
  alone, then the second, flagged 30% of val comments out of fold (10% are uncivil) for
  uncivil F1 0.293 and macro-F1 0.401; the pair flags 25% for 0.303 and 0.413.

It also prints, on the same folds, the AUCs of the blend shipped before (a logistic curve per
part fitted on the 4/5, then the plain mean of the two), so the two can be compared out of fold.

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


def _logistic(features: np.ndarray, target: np.ndarray) -> tuple[float, ...]:
    """Unregularised logistic regression: the weights of ``features``' columns, then the
    intercept, rounded to 4 decimals."""
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(features, target)
    return tuple(round(float(value), 4) for value in [*fitted.coef_[0], fitted.intercept_[0]])


def fit_blend(data: pd.DataFrame) -> tuple[float, float, float]:
    """BLEND fitted on ``data``: one logistic curve over the marker score and the log-odds."""
    features = data[["marker_score", "logit"]].to_numpy()
    return _logistic(features, data["hostility_level"].to_numpy() >= 1)


def mean_of_curves(data: pd.DataFrame, fit_on: pd.DataFrame) -> np.ndarray:
    """The blend shipped before: a logistic curve per part fitted on ``fit_on``, then the plain
    mean of the two probabilities (to compare with BLEND out of fold)."""
    uncivil = fit_on["hostility_level"].to_numpy() >= 1
    curves = [_logistic(fit_on[[part]].to_numpy(), uncivil) for part in ("marker_score", "logit")]
    return np.mean([1 / (1 + np.exp(-(slope * data[part].to_numpy() + intercept)))
                    for (slope, intercept), part in zip(curves, ("marker_score", "logit"),
                                                        strict=True)], axis=0)


def fit(data: pd.DataFrame) -> dict[str, object]:
    """The constants fitted on ``data``."""
    gold = data["hostility_level"].to_numpy()
    uncivil = gold >= 1
    constants = fit_blend(data)
    score = _score(data, constants)
    def both_f1(pair: tuple[float, float]) -> float:
        levels = _levels(data, score, *pair)
        return (f1_score(uncivil, levels >= 1) + f1_score(gold, levels, average="macro")) / 2

    pairs = [(t1, t2) for t1 in GRID for t2 in GRID if t2 >= t1]
    t1, t2 = max(pairs, key=lambda pair: (both_f1(pair), -pair[0], -pair[1]))
    return {"BLEND": constants, "UNCIVIL_THRESHOLD": float(t1), "HOSTILE_THRESHOLD": float(t2)}


def _score(data: pd.DataFrame, constants: tuple[float, float, float]) -> np.ndarray:
    return hostility.blend(data["marker_score"].to_numpy(), data["logit"].to_numpy(), constants)


def _levels(data: pd.DataFrame, score: np.ndarray, uncivil: float, hostile: float
            ) -> np.ndarray:
    """The levels analysis.hostility gives for these scores and thresholds."""
    return hostility.level_of(score, data["strong_score"].to_numpy(),
                              data["aimed"].to_numpy(dtype=bool), (uncivil, hostile))


def measure(data: pd.DataFrame, constants: dict[str, object]) -> dict[str, float]:
    """AUCs of hostility, uncivil F1 and macro-F1 of the levels on ``data``."""
    score = _score(data, constants["BLEND"])
    levels = _levels(data, score, constants["UNCIVIL_THRESHOLD"],
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


def cross_validate(data: pd.DataFrame, shuffles: int = 3) -> dict[str, dict]:
    """Mean out-of-fold results of the whole fit, of the markers alone and (AUCs only) of the
    blend shipped before, on the same folds."""
    results: dict[str, list] = {"fitted": [], "markers alone": [], "mean of curves": []}
    for seed in range(shuffles):
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        for train, held_out in folds.split(data, data["hostility_level"]):
            fit_on, scored = data.iloc[train], data.iloc[held_out]
            results["fitted"].append(measure(scored, fit(fit_on)))
            results["markers alone"].append(markers_alone(scored))
            results["mean of curves"].append(_aucs(scored, mean_of_curves(scored, fit_on)))
    return {name: pd.DataFrame(rows).mean().to_dict() for name, rows in results.items()}


def _aucs(data: pd.DataFrame, score: np.ndarray) -> dict[str, float]:
    return {"auc_hostile": roc_auc_score(data["hostile"] == 1, score),
            "auc_uncivil": roc_auc_score(data["hostility_level"] >= 1, score)}


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
    folds = cross_validate(data)
    print("val, out of fold (5 folds x 3):", _line(folds["fitted"]))
    print("markers alone, same folds:      ", _line(folds["markers alone"]))
    print("mean of a curve per part (the blend before), same folds:",
          _line(folds["mean of curves"]))
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
