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

TIME_CALIBRATION_FILE = "time_calibration.tsv"
"""The same for decisions only pages with times show (links moved because the comment above was
posted later; links to the comment above whose time could have ruled it out and did not),
written by ``python -m benchmarks.time_order --write`` from the same threads with their times."""


@cache
def _table() -> dict[tuple[str, str], float]:
    folder = resources.files("analysis.lexicons")
    text = "\n".join(folder.joinpath(name).read_text("utf-8")
                     for name in (CALIBRATION_FILE, TIME_CALIBRATION_FILE))
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("kind\t"):
            continue
        kind, context, probability, _ = line.split("\t")
        table[kind, context] = float(probability)
    return table


def probability(kind: str, context: str) -> float:
    """Measured probability that a decision of this kind ("reply", "join", "boundary";
    "reply_timed": a link to the comment above on a page with times; "reply_listed": any link
    in an article listed by time) in this context (a clue name) is right; for "reply_timed"
    without a row of its own, the "reply" one; the kind's "default" row when the context was
    not measured."""
    table = _table()
    if (kind, context) in table:
        return table[kind, context]
    if kind == "reply_timed":
        kind = "reply"
    return table.get((kind, context), table[kind, "default"])
