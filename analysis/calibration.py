"""How often a reply link or a comment span of each kind is right, measured out of sample.

The numbers live in ``analysis/lexicons/structure_calibration.tsv``, written by
``python -m benchmarks.clue_table --write`` from the Reddit evaluation threads beside the
repository, each thread scored by what was measured on the other seven (leave one thread out).
They become ``reply_confidence`` and ``segment_confidence``; nothing else is fitted on those
threads.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

CALIBRATION_FILE = "structure_calibration.tsv"

BY_TIME = {("reply", "posted_later"): 0.25, ("reply", "posted_later_thread"): 0.55}
"""Links moved because the comment above was posted later (up its chain to the nearest comment
posted before; or a new thread when every one was later), which pages without times never
show, so the table above cannot measure them. ``python -m benchmarks.time_order`` on the same
Reddit threads with their true times: right 0.30 / 0.61 with times to the minute, 0.18 / 0.54
to the hour; the rule fits nothing, so these hold out of sample. Between the two, rounded."""


@cache
def _table() -> dict[tuple[str, str], float]:
    text = resources.files("analysis.lexicons").joinpath(CALIBRATION_FILE).read_text("utf-8")
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, context, probability, _ = line.split("\t")
        table[kind, context] = float(probability)
    return table


def probability(kind: str, context: str) -> float:
    """Measured probability that a decision of this kind ("reply", "join", "boundary") in this
    context (a clue name) is right; the kind's "default" row when the context was not
    measured."""
    table = _table()
    return table.get((kind, context), BY_TIME.get((kind, context), table[kind, "default"]))
