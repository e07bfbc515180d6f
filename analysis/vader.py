"""VADER's compound score (vaderSentiment 3.3.2), computed as the library does, in less time.

``SentimentIntensityAnalyzer.polarity_scores`` lower-cases every word of a text again for each
sentiment word it meets (in ``_negation_check``, ``_special_idioms_check`` and ``negated``), and
builds the emoji-free text one character at a time. On news comments that is most of its time.
Here each text's words are lower-cased once and the same rules run over that one list, so a
text scores exactly as ``polarity_scores(text)["compound"]`` does, bit for bit (checked on every
comment text of the shared evaluation data by ``benchmarks/vader_exact.py`` and in
``tests/test_vader.py``), in about a third of the time.

The rules, constants and word lists are vaderSentiment's own (imported, not copied), so this
module holds only the order in which they are applied. It follows 3.3.2, the release
pyproject.toml pins (the last one, from 2020). vaderSentiment is MIT-licensed (C.J. Hutto;
Hutto & Gilbert 2014, ICWSM-14).
"""

from __future__ import annotations

import string

from vaderSentiment import vaderSentiment as vader
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_BOOSTERS = vader.BOOSTER_DICT
_NEGATIONS = frozenset(vader.NEGATE)
_SPECIAL_CASES = vader.SPECIAL_CASES
_PUNCTUATION = string.punctuation


def _strip_punctuation(token: str) -> str:
    # As SentiText._strip_punc_if_word: a token that strips to two characters or fewer is
    # likely an emoticon (":)", ":-D") and is kept whole.
    stripped = token.strip(_PUNCTUATION)
    return token if len(stripped) <= 2 else stripped


def _is_negation(word_lower: str) -> bool:
    # vader.negated([word]) for one lower-cased word.
    return word_lower in _NEGATIONS or "n't" in word_lower


class WordValences:
    """Per-word valences of a text as ``polarity_scores`` computes them before its final sum.

    ``analyzer`` supplies the lexicon and the emoji table (with any overrides applied to it),
    so the scores match that analyser's ``polarity_scores``.
    """

    def __init__(self, analyzer: SentimentIntensityAnalyzer):
        self.lexicon = analyzer.lexicon
        self.emojis = analyzer.emojis

    def describe_emoji(self, text: str) -> str:
        """``text`` with each one-character emoji replaced by its description, as
        ``polarity_scores`` does (a space before a description unless one precedes it)."""
        if text.isascii():
            return text.strip()
        emojis = self.emojis
        pieces = []
        prev_space = True
        for char in text:
            description = emojis.get(char)
            if description is None:
                pieces.append(char)
                prev_space = char == " "
            else:
                pieces.append(description if prev_space else " " + description)
                prev_space = False
        return "".join(pieces).strip()

    def valences(self, text: str) -> tuple[list[float], str]:
        """The per-word valences of ``text`` and the emoji-free text they were read from: the
        two arguments of VADER's ``score_valence``."""
        text = self.describe_emoji(text)
        words = [_strip_punctuation(token) for token in text.split()]
        lowers = [word.lower() for word in words]
        caps = sum(1 for word in words if word.isupper())
        is_cap_diff = 0 < len(words) - caps < len(words)
        lexicon = self.lexicon
        last = len(words) - 1
        sentiments: list[float] = []
        for i, lower in enumerate(lowers):
            if lower in _BOOSTERS or (i < last and lower == "kind" and lowers[i + 1] == "of"):
                sentiments.append(0)
                continue
            if lower not in lexicon:
                sentiments.append(0)
                continue
            sentiments.append(self._valence(words, lowers, i, is_cap_diff))
        if "but" in lowers:
            # The library's own method, quirks included: it finds each valence by value.
            sentiments = SentimentIntensityAnalyzer._but_check(words, sentiments)
        return sentiments, text

    def _valence(self, words: list[str], lowers: list[str], i: int, is_cap_diff: bool) -> float:
        # SentimentIntensityAnalyzer.sentiment_valence for a word in the lexicon.
        lexicon = self.lexicon
        lower = lowers[i]
        valence = lexicon[lower]
        if lower == "no" and i != len(words) - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in ("or", "nor"))
        ):
            valence = lexicon[lower] * vader.N_SCALAR
        if words[i].isupper() and is_cap_diff:
            valence = valence + vader.C_INCR if valence > 0 else valence - vader.C_INCR
        for start_i in range(3):
            before = i - (start_i + 1)
            if i > start_i and lowers[before] not in lexicon:
                scalar = vader.scalar_inc_dec(words[before], valence, is_cap_diff)
                if start_i == 1 and scalar != 0:
                    scalar = scalar * 0.95
                if start_i == 2 and scalar != 0:
                    scalar = scalar * 0.9
                valence = valence + scalar
                valence = _negation_check(valence, lowers, start_i, i)
                if start_i == 2:
                    valence = _special_idioms_check(valence, lowers, i)
        return _least_check(valence, lowers, i, lexicon)


def _negation_check(valence: float, lowers: list[str], start_i: int, i: int) -> float:
    # SentimentIntensityAnalyzer._negation_check over the lower-cased words.
    if start_i == 0:
        if _is_negation(lowers[i - 1]):
            valence = valence * vader.N_SCALAR
    elif start_i == 1:
        if lowers[i - 2] == "never" and lowers[i - 1] in ("so", "this"):
            valence = valence * 1.25
        elif lowers[i - 2] == "without" and lowers[i - 1] == "doubt":
            pass
        elif _is_negation(lowers[i - 2]):
            valence = valence * vader.N_SCALAR
    else:
        if (lowers[i - 3] == "never" and lowers[i - 2] in ("so", "this")) or lowers[i - 1] in (
            "so",
            "this",
        ):
            valence = valence * 1.25
        elif lowers[i - 3] == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
            pass
        elif _is_negation(lowers[i - 3]):
            valence = valence * vader.N_SCALAR
    return valence


def _special_idioms_check(valence: float, lowers: list[str], i: int) -> float:
    # SentimentIntensityAnalyzer._special_idioms_check; only called with i > 2.
    one_zero = f"{lowers[i - 1]} {lowers[i]}"
    two_one_zero = f"{lowers[i - 2]} {lowers[i - 1]} {lowers[i]}"
    two_one = f"{lowers[i - 2]} {lowers[i - 1]}"
    three_two_one = f"{lowers[i - 3]} {lowers[i - 2]} {lowers[i - 1]}"
    three_two = f"{lowers[i - 3]} {lowers[i - 2]}"
    for sequence in (one_zero, two_one_zero, two_one, three_two_one, three_two):
        if sequence in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[sequence]
            break
    if len(lowers) - 1 > i:
        zero_one = f"{lowers[i]} {lowers[i + 1]}"
        if zero_one in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zero_one]
    if len(lowers) - 1 > i + 1:
        zero_one_two = f"{lowers[i]} {lowers[i + 1]} {lowers[i + 2]}"
        if zero_one_two in _SPECIAL_CASES:
            valence = _SPECIAL_CASES[zero_one_two]
    for n_gram in (three_two_one, three_two, two_one):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _least_check(valence: float, lowers: list[str], i: int, lexicon: dict) -> float:
    # SentimentIntensityAnalyzer._least_check ("least" is not in the lexicon, so its
    # not-in-lexicon test is kept only for fidelity).
    if i > 1 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
        if lowers[i - 2] != "at" and lowers[i - 2] != "very":
            valence = valence * vader.N_SCALAR
    elif i > 0 and lowers[i - 1] not in lexicon and lowers[i - 1] == "least":
        valence = valence * vader.N_SCALAR
    return valence


def compound_from_valences(sentiments: list[float], text: str) -> float:
    """The compound of ``score_valence(sentiments, text)``: the sum, punctuation emphasis,
    VADER's normalisation and its rounding to 4 decimals."""
    if not sentiments:
        return 0.0
    total = float(sum(sentiments))
    analyzer = SentimentIntensityAnalyzer
    emphasis = analyzer._amplify_ep(text) + analyzer._amplify_qm(text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(vader.normalize(total), 4)
