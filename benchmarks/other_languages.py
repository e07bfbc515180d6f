"""How often comments are named as written in another language than English
(``analysis/sources/languages.py``), on English comments and on sixteen other languages.

English: UCC val and test (news comments, ``../shared/eval``), the Reddit threads, the seed
pages' comments and, where installed, sentences of the English man pages. A few of those
comments are in fact French or German; they were read by hand and are listed by id in
``NOT_ENGLISH`` (counted apart, not as false alarms).
Other languages: sentences of prose from Debian's translated man pages, where installed
(``apt-get install manpages-fr manpages-de manpages-es manpages-it manpages-nl manpages-pl
manpages-pt-br manpages-sv manpages-tr manpages-id manpages-vi manpages-cs manpages-da
manpages-fi manpages-hu manpages-ro groff-base``). Man pages are technical prose and some of
their sentences were never translated, so their rates are a floor for conversational text.

The bars (words, function words of other languages) were chosen on one half: UCC val and
the threads for English, French, German, Spanish, Italian, Portuguese, Dutch, Polish and
Swedish for the rest (the most recall with at most one false alarm in 2,000 English
comments), and are reported on the other half: UCC test and the English man pages, Turkish,
Indonesian, Vietnamese, Czech, Danish, Finnish, Hungarian and Romanian.

usage (from the repo root): .venv/bin/python -m benchmarks.other_languages [--pages N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import random
import re
import subprocess
import time
from pathlib import Path

from analysis.readers import read_source, seed_paths
from analysis.schema import Col
from analysis.sources.languages import (
    MIN_FOREIGN,
    MIN_WORDS,
    function_word_counts,
    other_language,
    reads_as_foreign,
)

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
MAN = Path("/usr/share/man")
NOT_ENGLISH = {"1739444628", "1739451428", "1739455579", "1739464469", "dm9ly04"}
"""Comments of the English sets that are written in French or German (read by hand)."""
LANGUAGES = {"fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
             "pt_BR": "Portuguese", "nl": "Dutch", "pl": "Polish", "sv": "Swedish",
             "tr": "Turkish", "id": "Indonesian", "vi": "Vietnamese", "cs": "Czech",
             "da": "Danish", "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian"}
CHOOSING_LANGUAGES = ("fr", "de", "es", "it", "pt_BR", "nl", "pl", "sv")
FALSE_ALARMS_AT_MOST = 1 / 2000
SENTENCES_PER_LANGUAGE = 3000
_CODE_LIKE = re.compile(r"[/=<>{}\[\]()_|\\]|--|\b[A-Z_]{3,}\b")


def man_sentences(language: str, pages: int) -> list[str]:
    """Sentences of 5-60 words from ``pages`` man pages of ``language`` ("en": the English
    ones), without lines that look like code or options."""
    folder = MAN if language == "en" else MAN / language
    files = sorted(path for path in folder.rglob("*.gz")
                   if language != "en" or path.parent.parent == MAN)
    random.Random(0).shuffle(files)
    sentences = []
    for path in files[:pages]:
        rendered = subprocess.run(["groff", "-Tutf8", "-man", "-k", "-P-c", "-P-b", "-P-u"],
                                  input=gzip.decompress(path.read_bytes()),
                                  capture_output=True, timeout=30).stdout.decode("utf-8", "replace")
        for paragraph in re.split(r"\n\s*\n", rendered):
            lines = [line.strip() for line in paragraph.splitlines()]
            if not lines or any(len(line) < 20 for line in lines[:-1]):
                continue  # a table or a list of options
            text = re.sub(r"‐\s+(?=[^\W\d_])", "", " ".join(lines))
            sentences += [sentence for sentence in re.split(r"(?<=[.!?])\s+", text)
                          if not _CODE_LIKE.search(sentence) and 5 <= len(sentence.split()) <= 60]
    random.Random(1).shuffle(sentences)
    return sentences[:SENTENCES_PER_LANGUAGE]


def csv_texts(path: Path) -> tuple[list[str], list[str]]:
    """The texts of an eval CSV that are English, and those that are not."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    return ([row["text"] for row in rows if row["comment_id"] not in NOT_ENGLISH],
            [row["text"] for row in rows if row["comment_id"] in NOT_ENGLISH])


def rate(counts: list[tuple[int, int, int]], *bars: int) -> float:
    return sum(reads_as_foreign(*c, *bars) for c in counts) / max(1, len(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=150, help="man pages read per language")
    args = parser.parse_args()

    english = {}
    for name, path in (("UCC val", EVAL / "ucc_val.csv"), ("threads", EVAL / "threads" /
                       "threads.csv"), ("UCC test", EVAL / "ucc_test.csv")):
        if path.exists():
            english[name], not_english = csv_texts(path)
            named = sum(other_language(text) is not None for text in not_english)
            print(f"{name}: {len(not_english)} comments read by hand as not English; "
                  f"{named} of them named")
    english["seeds"] = [t for path in seed_paths() for t in read_source(path).comments[Col.TEXT]]
    if MAN.exists():
        english["man pages (en)"] = man_sentences("en", args.pages)
    others = {code: man_sentences(code, args.pages) for code in LANGUAGES
              if (MAN / code).exists()}
    counts = {name: [function_word_counts(t) for t in texts] for name, texts in english.items()}
    other_counts = {code: [function_word_counts(t) for t in texts] for code, texts in
                    others.items()}

    print(f"\n## Shipped bars: at least {MIN_WORDS} words, {MIN_FOREIGN} function words of "
          "other languages, more of them than English ones\n")
    print("| English set | comments | named as another language |\n|---|---|---|")
    for name, texts in english.items():
        named = [t for t in texts if other_language(t)]
        print(f"| {name} | {len(texts):,} | {len(named)} |")
        for text in named:
            print(f"|  | | {other_language(text)}: {text[:90]!r} |")
    print("\n| language | sentences | named | named as that language |\n|---|---|---|---|")
    for code, texts in others.items():
        named = [other_language(t) for t in texts]
        hits = [n for n in named if n]
        print(f"| {LANGUAGES[code]} | {len(texts):,} | {len(hits) / max(1, len(texts)):.3f} | "
              f"{sum(n == LANGUAGES[code] for n in hits) / max(1, len(hits)):.3f} |")

    choosing_english = [c for name in ("UCC val", "threads") for c in counts.get(name, [])]
    held_english = [c for name in ("UCC test", "man pages (en)") for c in counts.get(name, [])]
    choosing = [code for code in other_counts if code in CHOOSING_LANGUAGES]
    held = [code for code in other_counts if code not in CHOOSING_LANGUAGES]
    if choosing_english and choosing and held:
        print("\n## Bars chosen on one half, reported on the other\n")
        print("| words, function words | false alarms, choosing | named, choosing | "
              "false alarms, held out | named, held out |\n|---|---|---|---|---|")
        results = {}
        for bars in itertools.product((4, 5, 6, 8), (1, 2, 3)):
            results[bars] = (
                sum(reads_as_foreign(*c, *bars) for c in choosing_english),
                sum(rate(other_counts[code], *bars) for code in choosing) / len(choosing),
                sum(reads_as_foreign(*c, *bars) for c in held_english),
                sum(rate(other_counts[code], *bars) for code in held) / len(held))
            alarms, named, held_alarms, held_named = results[bars]
            shipped = " (shipped)" if bars == (MIN_WORDS, MIN_FOREIGN) else ""
            print(f"| {bars[0]}, {bars[1]}{shipped} | {alarms}/{len(choosing_english):,} | "
                  f"{named:.3f} | {held_alarms}/{len(held_english):,} | {held_named:.3f} |")
        allowed = [bars for bars, r in results.items()
                   if r[0] <= FALSE_ALARMS_AT_MOST * len(choosing_english)]
        print("\nchosen on the choosing half:", max(allowed, key=lambda bars: results[bars][1]))

    texts = english.get("UCC val") or english["seeds"]
    corpus = list(itertools.islice(itertools.cycle(texts), 100_000))
    started = time.process_time()
    for text in corpus:
        other_language(text)
    print(f"\nCPU for 100,000 comments (UCC val repeated): {time.process_time() - started:.2f} s")


if __name__ == "__main__":
    main()
