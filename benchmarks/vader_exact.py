"""Checks that analysis.vader scores every text exactly as vaderSentiment's polarity_scores, and
times both.

    .venv/bin/python -m benchmarks.vader_exact [--limit N]

Texts: every comment and training text under ../shared (UCC val and test, the Reddit threads,
the training sets), the seeds, and variants of each that reach VADER's rarer rules: the text
in capitals, every third word in capitals (VADER's emphasis when only some words are), its
opening words alone (rules that look three words back at the start of a text) and with emoji
around it. Prints the
number of texts, how many differ (0 expected) and CPU seconds for each.
"""

from __future__ import annotations

import argparse
import csv
import glob
import time
from pathlib import Path

from analysis.sentiment import get_analyzer, normalise_text
from analysis.vader import WordValences, compound_from_valences

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_texts() -> list[str]:
    csv.field_size_limit(1 << 30)
    texts = []
    for path in sorted(glob.glob(str(SHARED / "eval" / "*.csv"))) + sorted(
        glob.glob(str(SHARED / "train" / "*.csv"))
    ):
        with open(path, encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row.get("text")]
    for path in sorted(glob.glob(str(SHARED / "eval" / "threads" / "*.txt"))) + sorted(
        glob.glob(str(Path(__file__).resolve().parent.parent / "seeds" / "*.txt"))
    ):
        texts += Path(path).read_text(encoding="utf-8").splitlines()
    return [text for text in texts if text.strip()]


def variants(text: str) -> list[str]:
    words = text.split()
    some_caps = " ".join(w.upper() if k % 3 == 1 else w for k, w in enumerate(words))
    with_emoji = f"👍{text}😡 🙂" if len(words) % 2 else f"{text} 😂!"
    return [text, text.upper(), some_caps, " ".join(words[:4]), " ".join(words[:2]), with_emoji]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="first N texts only (0: all)")
    args = parser.parse_args()
    texts = shared_texts()
    if args.limit:
        texts = texts[: args.limit]
    texts = [normalise_text(v) for text in texts for v in variants(text)]
    analyzer = get_analyzer()
    fast = WordValences(analyzer)

    start = time.process_time()
    library = [analyzer.polarity_scores(text)["compound"] for text in texts]
    library_s = time.process_time() - start
    start = time.process_time()
    ours = [compound_from_valences(*fast.valences(text)) for text in texts]
    ours_s = time.process_time() - start

    differ = [(t, a, b) for t, a, b in zip(texts, library, ours, strict=True) if a != b]
    print(f"texts={len(texts)} differ={len(differ)} "
          f"library_cpu_s={library_s:.2f} fast_cpu_s={ours_s:.2f} "
          f"speedup={library_s / ours_s:.2f}")
    for text, a, b in differ[:10]:
        print(f"  {a} != {b}: {text[:120]!r}")


if __name__ == "__main__":
    main()
