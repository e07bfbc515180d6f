"""Explainable hostility: named markers and a learned model, blended into one 0-1 score.

Two parts, each explained:

* The markers: every point of the marker score comes from a :class:`MarkerHit`, a marker
  name with the exact words and character span that fired and the weight it added. The words
  and patterns live in data files under ``analysis/lexicons/`` (``hostility_terms.csv``,
  ``hostility_patterns.csv``, ``hostility_groups.txt``); weak negative tone comes from VADER's
  own lexicon. All of it is compiled once into one regular expression, so a text costs one
  regex pass plus a little work per hit.
* The learned part (:mod:`analysis.hostility_model`): a linear model over word and character
  n-grams whose per-word shares are exact, so the words that raised it are known.

The hostility score is the probability that a reader calls the comment uncivil or hostile,
from one logistic curve over both parts (BLEND: a weight for the marker score, one for the
learned model's log-odds, an intercept). The three constants and the level thresholds were
fitted on UCC val (``benchmarks/calibrate_hostility.py``); a score depends on its comment's
text alone.

Levels (:func:`level_of`, the one place that decides them): 0 civil (disagreement, even sharp,
about ideas), 1 uncivil (mockery, sarcasm, dismissal, accusations of lying or trolling,
condescension, group put-downs), 2 hostile (hostility aimed at a person or group: an insult or
heavy profanity at someone, slurs, dehumanising words). The hostility score sets a level, and
the named markers keep the level they set before the learned part, as a floor.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.hostility_model import load_model
from analysis.schema import LIST_SEPARATOR, Col
from analysis.sentiment import get_analyzer, resolve_jobs
from analysis.text import SECOND_PERSON

LEXICON_DIR = Path(__file__).parent / "lexicons"
TERMS_PATH = LEXICON_DIR / "hostility_terms.csv"
PATTERNS_PATH = LEXICON_DIR / "hostility_patterns.csv"
GROUPS_PATH = LEXICON_DIR / "hostility_groups.txt"

UNCIVIL_THRESHOLD = 0.14
"""A hostility score from here on is at least level 1. Fitted with HOSTILE_THRESHOLD on UCC val:
the pair with the best mean of uncivil F1 and macro-F1 of the three levels (the two ways the
levels are read)."""
HOSTILE_THRESHOLD = 0.31
"""A hostility score from here on is level 2 when a marker shows hostility aimed at someone
(fitted with UNCIVIL_THRESHOLD)."""
MARKER_LEVEL_THRESHOLDS = (0.3, 0.6)
"""The markers' own levels, on the score of the markers that are not weak cues: from 0.3 level
1, from 0.6 level 2 when aimed (the levels before the learned part; a floor under the blend's)."""
LEVEL_MEANING = (
    f"0 civil; 1 uncivil (hostility from {UNCIVIL_THRESHOLD:.2f}, or named markers alone from "
    f"{MARKER_LEVEL_THRESHOLDS[0]:.1f}); 2 hostile: from {HOSTILE_THRESHOLD:.2f} (or "
    f"{MARKER_LEVEL_THRESHOLDS[1]:.1f} of named markers) and only where a marker shows "
    "hostility aimed at someone (an insult or heavy profanity at a person or group, a slur, "
    "dehumanising words), so a comment can score higher and stay uncivil")
"""What a level means, in words, for the tables that show one: the thresholds of level_of."""
BLEND = (2.1914, 0.276, -2.5096)
"""(marker weight, model weight, intercept): hostility = 1 / (1 + exp(-(marker weight *
marker_score + model weight * model log-odds + intercept)))."""
WORDS_SHOWN = 4
"""hostility_words lists at most this many words or word pairs."""
WORD_SHARE_FLOOR = 0.3
"""Beyond the first, a word is listed only when it adds this much to the model's log-odds."""
AIMED_MARKERS = frozenset({"slur", "dehumanising", "name_calling", "second_person_attack"})
"""Level 2 needs one of these: the hostility is aimed at someone, or is a slur or dehumanising."""
AIMED_PROFANITY_WEIGHT = 0.5
"""Profanity at least this heavy ("fuck off", "shut the fuck up") is aimed by itself."""
MIN_AIMED_WEIGHT = 0.25
"""An aimed marker counts for level 2 only with at least this weight (not when quoted)."""

QUOTE_FACTOR = 0.3
"""Words inside quotation marks are someone else's: their weight is cut to this share."""
ADJECTIVE_MAX_WEIGHT = 0.45
"""Insult terms up to this weight are adjectives ("stupid") that can be said of an idea."""
IDEA_FACTOR = 0.5
"""An insulting adjective aimed at an idea ("a stupid policy") keeps this share of its weight."""
SECOND_PERSON_WEIGHT = 0.35
"""Added, as a second_person_attack hit, when "you" stands next to an insult or profanity."""
NAME_CALLING_WEIGHT = 0.35
"""Added, as a name_calling hit, when an insult is said of someone ("Harper is a coward")."""
NEGATIVE_TONE_SCALE = 0.02
"""negative_tone weight per point of VADER valence (a word at -2.5 adds 0.05)."""
NEGATIVE_TONE_MAX_VALENCE = -1.5
"""VADER words at or below this valence count as negative tone."""

GROUP = "_group"
"""Internal marker of a group name: evidence only together with a quantifier or an insult."""
GENERALISATION_WEIGHT = 0.35
CUE_SUFFIX = "_cue"
"""Markers named ``*_cue`` (sarcasm_cue, condescension_cue, ...) are weak cues too."""
WEAK_MARKERS = frozenset(
    {
        "negative_tone",
        "second_person",
        "exclamation",
        "ellipsis",
        "sarcasm_cue",
        "condescension_cue",
        "dismissal_cue",
    }
)
"""Cues that only grade the score (for ranking); the level counts the other markers alone."""
TARGETABLE = frozenset({"insult", "profanity", "slur", "dehumanising"})
UNQUOTABLE = frozenset({"sarcasm", "shouting"}) | WEAK_MARKERS
"""Markers whose weight stays the same inside quotation marks (scare quotes are sarcasm)."""

# Context windows around an insult, in characters, cut at the sentence end.
_BEFORE = 40
_AFTER = 30
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_PREDICATE = re.compile(
    r"(?:(?<!\w)(?:is|are|was|were|being|be|such|what|bunch of|like)|'s)\s+"
    r"(?:(?:an?|the|such an?|just an?|nothing but an?|complete|total|utter|absolute)\s+)*"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_IDEA_AFTER = re.compile(
    r"^[\s,]*(?:[\w-]+\s+)?(?:idea|argument|comment|policy|policies|article|plan|decision|law|"
    r"statement|take|thing|question|post|logic|reasoning|notion|claim|point|move|rule|system|"
    r"remark|proposal|approach|column|piece|headline|excuse|thinking|mistake|time|day|week|year|"
    r"world|situation|solution|stuff|weather|number|price|result|theory|scheme|deal|budget|tax|"
    r"taxe|spending|economy|project|story|news|process|program|programme|bill|legislation|math|"
    r"money|choice|response|reply|answer|priorit(?:y|ie)|agenda|ideology|behaviou?r|situation|"
    r"world|game|show|book|movie|song|traffic|system|strategy|campaign|editorial|opinion)s?(?!\w)",
    re.IGNORECASE,
)
_QUANTIFIER_AFTER = re.compile(
    r"\s+(?:[\w']+\s+){0,3}?(?:always|never|all|are all|can't|cannot|won't|will never|"
    r"only care|just want|don't care|refuse)(?!\w)",
    re.IGNORECASE,
)
_QUANTIFIER_BEFORE = re.compile(
    r"(?<!\w)(?:typical|all|these|those|bunch of|you|most|lefty|leftist|right wing|rightwing|"
    r"left wing|leftwing|alt right|far left|far right)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE,
)
_GROUP_NEAR = 15
"""An insult this close (in characters) to a group name is aimed at the group."""
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"\n]*\"")
_QUOTE_CHARS = ("«", "“", '"')
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_WORD_JOIN = re.compile(r"[\s-]+")
WORD_START = r"(?<!\w)"


_Summary = tuple[float, float, bool, str, str]
"""A text's markers: (marker score, score of the markers that are not weak cues, aimed at
someone, marker names, spans)."""


@dataclass(frozen=True)
class MarkerHit:
    """One piece of evidence: ``text[start:end] == words`` fired ``marker`` adding ``weight``."""

    marker: str
    start: int
    end: int
    words: str
    weight: float


@dataclass(frozen=True)
class _Rules:
    matcher: re.Pattern[str]
    patterns: dict[str, tuple[str, float]]  # regex group name -> (marker, weight)
    exact: dict[str, tuple[str, float]]  # normalised term -> (marker, weight)
    prefixes: list[tuple[str, str, float]]  # (prefix, marker, weight), longest prefix first
    tone: dict[str, float]  # VADER word -> valence


def _data_lines(path: Path) -> list[str]:
    """Non-empty lines of a data file, without # notes and without the header row."""
    lines = [
        line.rstrip("\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return lines[1:] if lines and path.suffix == ".csv" else lines


def _normalise(words: str) -> str:
    return _WORD_JOIN.sub(" ", words.translate(_APOSTROPHES).lower()).strip()


def _term_atoms(term: str) -> list[str]:
    """A lexicon term as regex atoms: one per character, ' ' -> space or hyphen, '*' -> \\w*."""
    atoms = []
    for index, char in enumerate(term):
        if char == "*" and index == len(term) - 1:
            atoms.append(r"\w*")
        elif char == " ":
            atoms.append(r"[\s-]+")
        elif char == "'":
            atoms.append("['’]")
        else:
            atoms.append(re.escape(char))
    return atoms


def _trie_regex(terms: list[str]) -> str:
    """One regex matching any of ``terms``, factored as a trie and preferring longer matches."""
    trie: dict = {}
    for term in terms:
        node = trie
        for atom in _term_atoms(term):
            node = node.setdefault(atom, {})
        node[""] = {}

    def render(node: dict) -> str:
        children = [atom for atom in node if atom]
        # Literal characters before the wildcard, so "idiotic" is read as itself.
        children.sort(key=lambda atom: atom == r"\w*")
        branches = [atom + render(node[atom]) for atom in children]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return body + "?" if len(branches) > 1 else "(?:" + body + ")?"
        return body

    return render(trie)


@dataclass(frozen=True)
class _Branches:
    """The matcher's named branches, in the order the matcher tries them."""

    words: list[tuple[str, str]]  # (group name, regex without the word-start gate)
    symbols: list[tuple[str, str]]  # (group name, regex)
    full: dict[str, str]  # group name -> the pattern's regex as written in the data file


def _read_rules() -> tuple[_Rules, _Branches]:
    exact: dict[str, tuple[str, float]] = {}
    prefixes: list[tuple[str, str, float]] = []
    rows = [line.split(",", 2) for line in _data_lines(TERMS_PATH)]
    # Group names are terms too: they never score alone but make generalisations and targets.
    rows += [[GROUP, "0", line] for line in _data_lines(GROUPS_PATH)]
    for marker, weight, term in rows:
        term = term.strip().lower()
        if term.endswith("*"):
            prefixes.append((_normalise(term[:-1]), marker.strip(), float(weight)))
        else:
            exact.setdefault(_normalise(term), (marker.strip(), float(weight)))
    prefixes.sort(key=lambda item: -len(item[0]))
    terms = list(exact) + [prefix + "*" for prefix, _, _ in prefixes]

    word_branches: list[tuple[str, str]] = []
    cue_branches: list[tuple[str, str]] = []
    symbol_branches: list[tuple[str, str]] = []
    patterns: dict[str, tuple[str, float]] = {}
    full: dict[str, str] = {}
    for index, line in enumerate(_data_lines(PATTERNS_PATH)):
        marker, weight, regex = line.split(",", 2)
        name = f"p{index}"
        patterns[name] = (marker.strip(), float(weight))
        full[name] = regex
        if regex.startswith(WORD_START):
            # The shared gate below already checks the word start. Weak *_cue patterns go after
            # the lexicon terms, so that a term at the same place ("oh wow") wins over the cue.
            branches = cue_branches if marker.strip().endswith(CUE_SUFFIX) else word_branches
            branches.append((name, regex.removeprefix(WORD_START)))
        else:
            symbol_branches.append((name, regex))

    tone = {
        word: valence
        for word, valence in get_analyzer().lexicon.items()
        if valence <= NEGATIVE_TONE_MAX_VALENCE and re.fullmatch(r"[a-z][a-z'-]+", word)
    }
    # Lexicon terms and VADER's negative words share one trie; _classify_term tells them apart.
    trie = _trie_regex(terms + sorted(set(tone) - set(exact)))
    word_branches.append(("term", rf"{trie}(?!\w)"))
    word_branches += cue_branches
    branches = _Branches(word_branches, symbol_branches, full)
    matcher = re.compile(_matcher_regex(branches.words, branches.symbols), re.IGNORECASE)
    return _Rules(matcher, patterns, exact, prefixes, tone), branches


def _matcher_regex(words: list[tuple[str, str]], symbols: list[tuple[str, str]]) -> str:
    # Gates first, so that most positions are rejected by one cheap test, not by every branch.
    return (
        WORD_START + r"(?=\w)(?:" + "|".join(f"(?P<{n}>{r})" for n, r in words) + r")"
        r"|(?=[^\w\s])(?:" + "|".join(f"(?P<{n}>{r})" for n, r in symbols) + r")"
    )


@lru_cache(maxsize=1)
def _rules_and_branches() -> tuple[_Rules, _Branches]:
    return _read_rules()


def load_rules() -> _Rules:
    """Read the lexicon files once and compile them into one matcher."""
    return _rules_and_branches()[0]


@lru_cache(maxsize=65_536)
def _classify_term(words: str) -> tuple[str, float]:
    """(marker, weight) of a word the term branch matched: lexicon first, then VADER's tone."""
    rules = load_rules()
    key = _normalise(words)
    if key in rules.exact:
        return rules.exact[key]
    for prefix, marker, weight in rules.prefixes:
        if key.startswith(prefix):
            return marker, weight
    return "negative_tone", -NEGATIVE_TONE_SCALE * rules.tone.get(key, 0.0)


def _raw_hits(rules: _Rules, text: str) -> list[MarkerHit]:
    hits = []
    for match in rules.matcher.finditer(text):
        name = match.lastgroup
        words = match.group()
        if name == "term":
            marker, weight = _classify_term(words)
        else:
            marker, weight = rules.patterns[name]
        if weight > 0 or marker == GROUP:
            hits.append(MarkerHit(marker, match.start(), match.end(), words, weight))
    return hits


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    if not any(char in text for char in _QUOTE_CHARS):
        return []
    return [match.span() for match in _QUOTED.finditer(text)]


def _sentence_window(text: str, start: int, end: int) -> tuple[int, str, str]:
    """(offset of the before-window, text before the hit, text after it) within its sentence."""
    before_start = max(0, start - _BEFORE)
    before = text[before_start:start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before_start += breaks[-1].end()
        before = text[before_start:start]
    after = text[end : end + _AFTER]
    cut = _SENTENCE_BREAK.search(after)
    return before_start, before, after[: cut.start()] if cut else after


def _target_hits(
    text: str, hit: MarkerHit, groups: list[MarkerHit]
) -> tuple[MarkerHit, list[MarkerHit]]:
    """The hit re-weighed for what it is aimed at, and the target hits it adds."""
    offset, before, after = _sentence_window(text, hit.start, hit.end)
    if hit.marker == "insult" and hit.weight <= ADJECTIVE_MAX_WEIGHT and _IDEA_AFTER.match(after):
        return replace(hit, weight=hit.weight * IDEA_FACTOR), []
    added = []
    pronouns = list(SECOND_PERSON.finditer(before))
    if pronouns:
        start, end = offset + pronouns[-1].start(), offset + pronouns[-1].end()
        added.append(_hit_at("second_person_attack", text, start, end, SECOND_PERSON_WEIGHT))
    else:
        match = SECOND_PERSON.search(after)
        if match and match.start() <= 10:
            start, end = hit.end + match.start(), hit.end + match.end()
            added.append(_hit_at("second_person_attack", text, start, end, SECOND_PERSON_WEIGHT))
    if hit.marker == "profanity":
        return hit, added
    predicate = _PREDICATE.search(before)
    if predicate and predicate.group().strip():
        start = offset + predicate.start()
        end = start + len(predicate.group().rstrip())
        added.append(_hit_at("name_calling", text, start, end, NAME_CALLING_WEIGHT))
    else:
        for group in groups:
            if hit.start - _GROUP_NEAR <= group.end and group.start <= hit.end + _GROUP_NEAR:
                added.append(
                    _hit_at("name_calling", text, group.start, group.end, NAME_CALLING_WEIGHT)
                )
                break
    return hit, added


def _generalisation_hits(text: str, groups: list[MarkerHit]) -> list[MarkerHit]:
    """group_generalisation hits: a group name with 'always'/'never'/'all'/'typical' nearby."""
    found = []
    for group in groups:
        after = _QUANTIFIER_AFTER.match(text, group.end, group.end + 60)
        if after:
            found.append(
                _hit_at(
                    "group_generalisation", text, group.start, after.end(), GENERALISATION_WEIGHT
                )
            )
            continue
        window_start = max(0, group.start - 40)
        before = _QUANTIFIER_BEFORE.search(text, window_start, group.start)
        if before:
            found.append(
                _hit_at(
                    "group_generalisation", text, before.start(), group.end, GENERALISATION_WEIGHT
                )
            )
    return found


def _hit_at(marker: str, text: str, start: int, end: int, weight: float) -> MarkerHit:
    return MarkerHit(marker, start, end, text[start:end], weight)


def find_markers(text: str) -> list[MarkerHit]:
    """Every marker that fires in ``text``, in order of position, with exact character spans.

    Words inside quotation marks (« », “ ”, " ") weigh less; an insult or profanity with "you"
    or a predicate ("... is a ...") next to it in the same sentence adds a second_person_attack
    or name_calling hit. ``text[hit.start:hit.end] == hit.words`` for every hit.
    """
    if not isinstance(text, str) or not text:
        return []
    return _resolve(text, _raw_hits(load_rules(), text))


def _resolve(text: str, raw: list[MarkerHit]) -> list[MarkerHit]:
    """find_markers' hits from the matcher's raw hits: quotes, targets, generalisations."""
    if not raw:
        return raw
    groups = [hit for hit in raw if hit.marker == GROUP]
    quoted = _quoted_spans(text)
    result: list[MarkerHit] = []
    seen_targets: set[tuple[str, int, int]] = set()
    for hit in [hit for hit in raw if hit.marker != GROUP] + _generalisation_hits(text, groups):
        if hit.marker not in UNQUOTABLE and any(a <= hit.start and hit.end <= b for a, b in quoted):
            result.append(replace(hit, weight=hit.weight * QUOTE_FACTOR))
            continue
        if hit.marker not in TARGETABLE:
            result.append(hit)
            continue
        hit, added = _target_hits(text, hit, groups)
        result.append(hit)
        for target in added:
            key = (target.marker, target.start, target.end)
            if key not in seen_targets:
                seen_targets.add(key)
                result.append(target)
    return _one_second_person(result)


def _one_second_person(hits: list[MarkerHit]) -> list[MarkerHit]:
    """Sorted hits with at most one weak second_person cue, none when "you" is attacked."""
    attacked = any(hit.marker == "second_person_attack" for hit in hits)
    kept, seen = [], attacked
    for hit in sorted(hits, key=lambda hit: (hit.start, hit.end)):
        if hit.marker == "second_person":
            if seen:
                continue
            seen = True
        kept.append(hit)
    return kept


def combine(hits: list[MarkerHit]) -> float:
    """Noisy-OR of the hits' weights: 0 with no hit, never above 1."""
    return _combine_weights([hit.weight for hit in hits])


def _combine_weights(weights: list[float]) -> float:
    remaining = 1.0
    for weight in weights:
        remaining *= 1.0 - min(weight, 1.0)
    return 1.0 - remaining


def aims(marker: str, weight: float) -> bool:
    """True when a hit with this marker and weight is hostility aimed at someone (what level 2
    needs): an aimed marker not cut by quotation marks, or profanity heavy enough to be aimed
    by itself ("fuck off")."""
    return (marker in AIMED_MARKERS and weight >= MIN_AIMED_WEIGHT) or (
        marker == "profanity" and weight >= AIMED_PROFANITY_WEIGHT)


def level_of(hostility: np.ndarray | float, strong_marker_score: np.ndarray | float,
             aimed: np.ndarray | bool,
             thresholds: tuple[float, float] = (UNCIVIL_THRESHOLD, HOSTILE_THRESHOLD)
             ) -> np.ndarray:
    """The hostility level (0 civil, 1 uncivil, 2 hostile) of each comment: the one rule.

    The higher of two levels, each with two thresholds (level 1 from the first, level 2 from
    the second when ``aimed``: the markers show hostility aimed at someone, :func:`aims`): the
    hostility score's level (``thresholds``), and the markers' own level on the score of the
    markers that are not weak cues (MARKER_LEVEL_THRESHOLDS). So named evidence (a slur the
    model never saw) keeps its level, weak cues (addressing the reader, a gloomy tone) never
    make one by themselves, and the learned part can raise a level but never lower it.
    """
    aimed = np.asarray(aimed, dtype=bool)

    def by(score: np.ndarray | float, cuts: tuple[float, float]) -> np.ndarray:
        score = np.asarray(score, dtype=float)
        return np.where((score >= cuts[1]) & aimed, 2, np.where(score >= cuts[0], 1, 0))

    return np.maximum(by(hostility, thresholds), by(strong_marker_score, MARKER_LEVEL_THRESHOLDS))


def blend(marker_score: np.ndarray | float, model_logit: np.ndarray | float,
          constants: tuple[float, float, float] = BLEND) -> np.ndarray:
    """The hostility score, rounded to 4 decimals: P(uncivil) from one logistic curve over the
    marker score and the learned model's log-odds (``constants``: see BLEND).

    One curve fitted over both parts, rather than a mean of a curve per part, weighs each part
    by what it adds beside the other (measured in benchmarks/calibrate_hostility.py)."""
    marker_weight, model_weight, intercept = constants
    log_odds = (marker_weight * np.asarray(marker_score, dtype=float)
                + model_weight * np.asarray(model_logit, dtype=float) + intercept)
    return np.round(1.0 / (1.0 + np.exp(-log_odds)), 4)


def _summarise(text: str) -> _Summary:
    """The reference marker summary of one text, through find_markers."""
    return _summary_of(find_markers(text))


def _summary_of(hits: list[MarkerHit]) -> _Summary:
    score = combine(hits)
    strong = min(score, combine([hit for hit in hits if hit.marker not in WEAK_MARKERS]))
    markers = LIST_SEPARATOR.join(sorted({hit.marker for hit in hits}))
    spans = LIST_SEPARATOR.join(f"{hit.marker}:{hit.start}-{hit.end}" for hit in hits)
    aimed = any(aims(hit.marker, hit.weight) for hit in hits)
    return round(score, 4), round(strong, 4), aimed, markers, spans


# ---------------------------------------------------------------------------- the fast path
# score_hostility gives exactly what _summarise (find_markers) gives, with less work per text:
# the scan runs on the lower-cased text with a case-sensitive matcher (far faster than
# IGNORECASE, whose branches cannot be skipped by their first letter), the hits are tuples, and
# only texts with an insult, profanity, slur or group name go through the MarkerHit steps.
# Lower-casing reads like IGNORECASE when lower() leaves the non-ASCII characters alone and none
# of them equals an ASCII letter under IGNORECASE; other texts (accented capitals, Greek,
# Cyrillic, the Kelvin sign, dotless i) take the reference path. Case-sensitive patterns
# ((?-i:...) in the patterns file) cannot be read on lower-cased text: a text where one of them
# fires is scanned by the reference matcher; elsewhere leaving them out changes nothing.
_FOLDING_ODDITIES = "\u0131\u017f"
"""Dotless i and long s: unchanged by lower() but equal to "i" and "s" under IGNORECASE."""
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_CASED_GATE = re.compile(r"[A-Z][A-Z']{3,}[A-Z]|boy")
"""Needed by every case-sensitive pattern, (?-i:...) in the patterns file (a test checks it)."""
_LEADING_LOOKBEHINDS = re.compile(r"^\(\?:(?:\(\?<[=!][^()]*\)\|?)+\)")
"""A group of lookbehind alternatives at a pattern's start: "(?:(?<=^)|(?<=[.!?]\\s))"."""
_NO_MARKERS: _Summary = (0.0, 0.0, False, "", "")
_SLOW_MARKERS = TARGETABLE | {GROUP}
"""Raw hits that need find_markers' context steps (targets, generalisations)."""


@dataclass(frozen=True)
class _FastRules:
    matcher: re.Pattern[str]  # case-sensitive, for lower-cased text; no (?-i:) patterns
    cased: re.Pattern[str]  # the (?-i:) patterns alone, on the original text
    term_classes: dict[str, tuple[str, float]]  # matched words -> _classify_term(words)


@lru_cache(maxsize=1)
def _fast_rules() -> _FastRules:
    _, branches = _rules_and_branches()
    cased = {name for name, regex in branches.full.items() if "(?-i:" in regex}

    def keep(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(name, _lookahead_first(regex)) for name, regex in items if name not in cased]

    return _FastRules(
        matcher=re.compile(_matcher_regex(keep(branches.words), keep(branches.symbols))),
        cased=re.compile("|".join(branches.full[name] for name in sorted(cased)), re.IGNORECASE),
        term_classes={},
    )


def _lookahead_first(regex: str) -> str:
    """The same pattern, with what follows its leading lookbehinds also checked ahead first.

    Lookbehinds cost a step at every word start; "(?=imagine(?!\\w))" fails at once on most
    words. The lookbehinds take no characters, so the match is the same.
    """
    lookbehinds = _LEADING_LOOKBEHINDS.match(regex)
    if not lookbehinds:
        return regex
    return f"(?={regex[lookbehinds.end() :]}){regex}"


def _lowers_like_ignorecase(text: str) -> bool:
    """True when lower() leaves every non-ASCII character alone and none of them is one that
    IGNORECASE equates with an ASCII letter: then text.lower() is IGNORECASE letter by letter."""
    other = "".join(_NON_ASCII.findall(text))
    return other.lower() == other and not any(char in other for char in _FOLDING_ODDITIES)


def _fast_raw_hits(text: str) -> list[tuple[str, int, int, float]] | None:
    """(marker, start, end, weight) of _raw_hits(load_rules(), text); None when this text
    needs the reference path (letters that lower-case differently from IGNORECASE)."""
    if not text.isascii() and not _lowers_like_ignorecase(text):
        return None
    return _scan(text, _CASED_GATE.search(text) is not None)


def _scan(text: str, maybe_cased: bool) -> list[tuple[str, int, int, float]]:
    """_fast_raw_hits of a text that lower-cases like IGNORECASE; ``maybe_cased`` is whether
    _CASED_GATE matches it."""
    fast = _fast_rules()
    rules = load_rules()
    if maybe_cased and fast.cased.search(text):
        # A case-sensitive pattern fires somewhere: scan the original text as the reference does.
        matches = rules.matcher.finditer(text)
    else:
        # No case-sensitive pattern can match anywhere, so leaving them out changes nothing.
        matches = fast.matcher.finditer(text.lower())
    patterns, classes = rules.patterns, fast.term_classes
    raw = []
    for match in matches:
        name = match.lastgroup
        if name == "term":
            words = match.group()
            found = classes.get(words)
            if found is None:
                found = classes[words] = _classify_term(words)
            marker, weight = found
        else:
            marker, weight = patterns[name]
        if weight > 0 or marker == GROUP:
            start, end = match.span()
            raw.append((marker, start, end, weight))
    return raw


def _summarise_fast(text: str) -> _Summary:
    """The same summary as _summarise(text), with less work per text."""
    if not text:
        return _NO_MARKERS
    raw = _fast_raw_hits(text)
    if raw is None:
        return _summarise(text)
    return _summary_of_raw(text, raw)


def _summary_of_raw(text: str, raw: list[tuple[str, int, int, float]]) -> _Summary:
    if not raw:
        return _NO_MARKERS
    names = {hit[0] for hit in raw}
    if not names.isdisjoint(_SLOW_MARKERS):
        hits = [MarkerHit(m, start, end, text[start:end], w) for m, start, end, w in raw]
        return _summary_of(_resolve(text, hits))
    # Without insults or group names find_markers only cuts quoted weights and keeps the first
    # second_person cue; the raw hits are already in position order and never overlap.
    quoted = _quoted_spans(text)
    hits = []
    seen_second_person = False
    for marker, start, end, weight in raw:
        if marker == "second_person":
            if seen_second_person:
                continue
            seen_second_person = True
        if quoted and marker not in UNQUOTABLE:
            if any(a <= start and end <= b for a, b in quoted):
                weight = weight * QUOTE_FACTOR
        hits.append((marker, start, end, weight))
    score = _combine_weights([hit[3] for hit in hits])
    if names <= WEAK_MARKERS:
        strong, aimed = 0.0, False
    else:
        strong = min(score, _combine_weights([w for m, _, _, w in hits if m not in WEAK_MARKERS]))
        aimed = any(aims(marker, weight) for marker, _, _, weight in hits)
    # Dropping repeated second_person cues leaves the set of marker names as it was.
    markers = LIST_SEPARATOR.join(sorted(names))
    spans = LIST_SEPARATOR.join(f"{marker}:{start}-{end}" for marker, start, end, _ in hits)
    return round(score, 4), round(strong, 4), aimed, markers, spans


def _texts_matching(patterns: list[re.Pattern[str]], texts: list[str]) -> set[int]:
    """Indices of the texts one of ``patterns`` finds something in, from one search of each
    over all the texts. No pattern may match across a line break."""
    starts = list(accumulate((len(text) + 1 for text in texts), initial=0))
    joined = "\n".join(texts)
    return {bisect_right(starts, match.start()) - 1
            for pattern in patterns for match in pattern.finditer(joined)}


_ASCII_BYTES = bytes(range(128))
# _CASED_GATE as two searches that each skip ahead fast (a leading character class, a literal).
_CASED_GATE_PARTS = [re.compile(part) for part in _CASED_GATE.pattern.split("|")]


def _unlowerable(texts: list[str]) -> set[int]:
    """Indices of the texts _lowers_like_ignorecase rejects. Its test holds character by
    character, so it is run once per distinct non-ASCII character of all the texts."""
    # UTF-8 without its ASCII bytes is the non-ASCII characters, whole.
    chars = set("".join(texts).encode("utf-8", "surrogatepass")
                .translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    odd = sorted(char for char in chars if not _lowers_like_ignorecase(char))
    if not odd:
        return set()
    return _texts_matching([re.compile("[" + "".join(map(re.escape, odd)) + "]")], texts)


def _summarise_chunk(texts: list[str]) -> list[_Summary]:
    """_summarise_fast of each text, with the per-text checks made once over all the texts."""
    # Runs in a worker process too: the rules are loaded once per process.
    reference = _unlowerable(texts)
    maybe_cased = _texts_matching(_CASED_GATE_PARTS, texts)
    return [
        _NO_MARKERS if not text
        else _summarise(text) if index in reference
        else _summary_of_raw(text, _scan(text, index in maybe_cased))
        for index, text in enumerate(texts)
    ]


def _score_chunk(texts: list[str]) -> dict[str, list]:
    """score_hostility's columns for distinct texts (runs in a worker process too: the rules
    and the model are loaded once per process)."""
    markers = _summarise_chunk(texts)
    learned = load_model().score(texts)
    marker_score, strong, aimed, names, spans = (list(column) for column in zip(*markers,
                                                                               strict=True)) \
        if markers else ([], [], [], [], [])
    hostility = blend(np.array(marker_score, dtype=float), learned.logits)
    level = level_of(hostility, np.array(strong, dtype=float), np.array(aimed, dtype=bool))
    return {
        Col.HOSTILITY: hostility.tolist(),
        Col.HOSTILITY_LEVEL: level.tolist(),
        Col.HOSTILITY_MARKERS: names,
        Col.HOSTILITY_WORDS: learned.words(level >= 1, WORDS_SHOWN, WORD_SHARE_FLOOR),
        Col.MARKER_SCORE: marker_score,
        Col.HOSTILITY_SPANS: spans,
    }


HOSTILITY_COLUMNS = [Col.HOSTILITY, Col.HOSTILITY_LEVEL, Col.HOSTILITY_MARKERS,
                     Col.HOSTILITY_WORDS, Col.MARKER_SCORE, Col.HOSTILITY_SPANS]
"""The columns score_hostility writes."""


def score_hostility(comments: pd.DataFrame, n_jobs: int | None = None) -> pd.DataFrame:
    """Add explainable hostility to a comment table.

    Reads ``Col.TEXT``. Returns a new frame with

    * ``Col.HOSTILITY``: 0-1, the estimated probability that a reader calls the comment
      uncivil or hostile: one logistic curve over the marker score and the learned model's
      log-odds (:func:`blend`), rounded to 4 decimals;
    * ``Col.HOSTILITY_LEVEL``: 0 civil, 1 uncivil, 2 hostile (:func:`level_of`);
    * ``Col.HOSTILITY_MARKERS``: sorted distinct marker names joined by ``LIST_SEPARATOR``
      ('' when none);
    * ``Col.HOSTILITY_WORDS``: for comments at level 1 or 2, the words and word pairs that
      raised the learned part most, largest first, joined the same way ('' at level 0);
    * ``Col.MARKER_SCORE``: 0-1, the markers alone (noisy-OR of their weights);
    * ``Col.HOSTILITY_SPANS``: 'marker:start-end' character spans, joined the same way.

    A comment's values depend on its text alone. Identical texts are scored once. ``n_jobs``
    processes share the work: by default 1 below 20,000 rows or inside a worker process, else
    2. The markers are exactly those of :func:`find_markers`, reached by a faster path (see
    ``_summarise_fast``).
    """
    texts = comments[Col.TEXT].astype("string").fillna("").tolist()
    position = {text: index for index, text in enumerate(dict.fromkeys(texts))}
    distinct = list(position)
    jobs = resolve_jobs(len(texts), n_jobs)
    if jobs <= 1 or len(distinct) < 2 * jobs:
        parts = [_score_chunk(distinct)]
    else:
        size = -(-len(distinct) // jobs)
        chunks = [distinct[i : i + size] for i in range(0, len(distinct), size)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(_score_chunk, chunks))
    rows = [position[text] for text in texts]
    columns = {}
    for column in HOSTILITY_COLUMNS:
        values = [value for part in parts for value in part[column]]
        columns[column] = [values[row] for row in rows]
    return comments.assign(**columns)
