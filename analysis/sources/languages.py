"""Comments in the Latin alphabet but in another language than English (French, German,
Spanish, ...): sentiment (VADER) and hostility read English words only, so such a comment
scores as neutral and about civil whatever it says. The reader names them, as it names
comments in another alphabet (``scripts.py``).

A comment is named by its function words, the short words every sentence of a language
needs ("le", "der", "och", "của"): it must hold at least ``MIN_WORDS`` words, at least
``MIN_FOREIGN`` function words of the languages below, and more of those than English
function words. Each list leaves out words that are also common in English ("a", "in",
"is", "was", "on", "no"; German "die" stays, as its English use is rare).
The lists are general knowledge of these languages, not fitted to any data. How often the
rule fires, on English comments and on sixteen other languages, is measured by
``benchmarks/other_languages.py`` (README, "Comments in another language").
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Sequence

from analysis.sources.report import IngestionReport
from analysis.sources.scripts import in_other_script, warn_named_comments

MIN_WORDS = 5
"""Words a comment needs before its words say anything about its language."""
MIN_FOREIGN = 2
"""Function words of other languages a comment needs: one ("con", "die", "um") is often an
English word or a name."""
KIND = "other language"

FUNCTION_WORDS: dict[str, frozenset[str]] = {language: frozenset(words.split()) for
                                              language, words in {
    "French": "le la les des du un une est et pas que qui dans pour avec sur ce cette mais ou "
              "il elle nous vous ils sont être avoir je tu ne au aux se sa son ses leur plus "
              "très c'est n'est qu'il j'ai",
    "German": "der die das und ist nicht ein eine einen dem den des mit sich auf für zu von "
              "sie er wir ich auch es im nur noch wie wenn aber oder sind wird werden kann "
              "haben bei aus nach über dass daß",
    "Spanish": "el la los las de del que y en un una es por para con se lo le su sus al pero "
               "más como está muy también este esta eso hay ser fue",
    "Italian": "il lo la gli le di del della che è un una con si sono anche questo questa nel "
               "alla dei delle al da",
    "Portuguese": "os um uma de do da dos das que é não na com para por se mais mas ao ele ela "
                  "isso está são foi também muito",
    "Dutch": "de het een en van dat die niet te zijn voor met als maar ook er aan bij nog wat "
             "naar wordt worden kan geen ze zij hij wij ik je deze dit",
    "Polish": "na się nie że jest jak ale od za tak dla jego jej czy są być już tylko przez "
              "może który która które ten ta te mi jestem",
    "Swedish": "och att det som en är på av för med inte har de jag ett så kan du han hon sig "
               "eller från också",
    "Danish": "og det er en til på som med ikke de har jeg et han hun sig kan vil fra også",
    "Finnish": "ja ei se että oli hän ovat mutta kun tai myös niin jos kuin mitä tämä joka "
               "sen ole olla vain",
    "Hungarian": "az és hogy nem egy de ez azt csak már mint volt még ha el fel vagy nagyon "
                 "kell lesz",
    "Czech": "je se na že ale jako jsem pro jsou tak jeho její není jen když byl bylo také",
    "Romanian": "și în de la cu nu că este un să se din care mai sunt pentru fost ce sau dar",
    "Turkish": "ve bir bu da de için ile çok ne daha gibi olarak ama ki mi değil ben sen biz",
    "Indonesian": "dan yang di ini itu dengan untuk tidak dari dalam akan pada juga ke ada "
                  "atau karena oleh saya kami mereka bisa sudah",
    "Vietnamese": "của và là có không được cho những các một người trong này với để đã khi "
                  "đến như thì từ",
}.items()}
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and that this with you your not but have has had they them their there what which "
    "who would could should been were from it's that's don't can't isn't doesn't didn't won't "
    "i'm i've you're they're just about because if when where why how than then more some any "
    "only very really also too these those here it its be am are was is of for by at as on or "
    "an a in to i me my our us we he him his she her do does did so no yes all will can".split())
# Compared as UTF-8 bytes: bytes.translate and bytes.split are several times faster than
# their str forms on text that is not ASCII (typographic quotes make most comments so).
_FUNCTION_WORDS_UTF8 = {language: frozenset(word.encode() for word in words)
                        for language, words in FUNCTION_WORDS.items()}
_ENGLISH_UTF8 = frozenset(word.encode() for word in ENGLISH_FUNCTION_WORDS)
_ANY_FUNCTION_WORD_UTF8 = frozenset().union(*_FUNCTION_WORDS_UTF8.values())

# Words are what is left between spaces once digits and punctuation are spaces; an apostrophe
# stays inside a word ("c'est").
_ASCII_PUNCTUATION = (string.punctuation.replace("'", "") + string.digits).encode()
_PUNCTUATION_TO_SPACE = bytes.maketrans(_ASCII_PUNCTUATION, b" " * len(_ASCII_PUNCTUATION))
_MARKS_TO_SPACE = re.compile("[“”„«»‹›–—…¿¡·•\u00a0]")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+", re.IGNORECASE)


def words_of(text: str) -> list[bytes]:
    """The lower-case words of ``text`` as UTF-8, without links and e-mail addresses."""
    lowered = text.lower()
    if "http" in lowered or "www." in lowered or "@" in lowered:
        lowered = _LINK.sub(" ", lowered)
    if not lowered.isascii():
        lowered = _MARKS_TO_SPACE.sub(" ", lowered).replace("’", "'")
    return lowered.encode().translate(_PUNCTUATION_TO_SPACE).split()


def function_word_counts(text: str) -> tuple[int, int, int]:
    """Words of ``text``, English function words among them, other languages' ones."""
    words = words_of(text)
    return len(words), _count(words, _ENGLISH_UTF8), _count(words, _ANY_FUNCTION_WORD_UTF8)


def reads_as_foreign(words: int, english: int, foreign: int, min_words: int = MIN_WORDS,
                     min_foreign: int = MIN_FOREIGN) -> bool:
    """The rule on :func:`function_word_counts` (its bars can be set to measure others)."""
    return words >= min_words and foreign >= min_foreign and foreign > english


def other_language(text: str) -> str | None:
    """The language whose function words ``text`` holds most, when it reads as written in
    another language than English (see the module's rule); None otherwise."""
    words = words_of(text)
    foreign = _count(words, _ANY_FUNCTION_WORD_UTF8) if len(words) >= MIN_WORDS else 0
    if foreign < MIN_FOREIGN:  # most comments stop here, before their English words are counted
        return None
    if (not reads_as_foreign(len(words), _count(words, _ENGLISH_UTF8), foreign)
            or in_other_script(text)):  # a comment in another script is named as such
        return None
    return max(FUNCTION_WORDS, key=lambda language: _count(words, _FUNCTION_WORDS_UTF8[language]))


def _count(words: list[bytes], vocabulary: frozenset[bytes]) -> int:
    return sum(map(vocabulary.__contains__, words))


def warn_other_languages(texts: Sequence, labels: Sequence[str], report: IngestionReport
                         ) -> None:
    """One warning naming the comments that read as written in another language than English
    (``labels`` place each in the file), when there are any."""
    found = {label: language for text, label in zip(texts, labels, strict=True)
             if isinstance(text, str) and (language := other_language(text))}
    if not found:
        return
    likeness = ", ".join(f"{language} {count}"
                         for language, count in Counter(found.values()).most_common())
    reason = ("read as written in another language than English (their function words are "
              f"most like {likeness}): sentiment and hostility read English words only, so "
              "their scores do not read what they say")
    warn_named_comments(report, KIND, list(found), reason)
