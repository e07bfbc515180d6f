import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.hostility import (
    BLEND,
    UNCIVIL_THRESHOLD,
    WEAK_MARKERS,
    WORDS_SHOWN,
    _fast_raw_hits,
    _lowers_like_ignorecase,
    _raw_hits,
    _rules_and_branches,
    _summarise,
    _summarise_fast,
    blend,
    combine,
    find_markers,
    level_of,
    load_rules,
    score_hostility,
)
from analysis.hostility_model import load_model
from analysis.readers import seed_paths
from analysis.schema import LIST_SEPARATOR, Col


def _score(text: str) -> pd.Series:
    frame = pd.DataFrame({Col.COMMENT_ID: ["c1"], Col.TEXT: [text]})
    return score_hostility(frame).iloc[0]


def _markers(text: str) -> set[str]:
    return {hit.marker for hit in find_markers(text)}


def _weight(text: str, marker: str) -> float:
    return sum(hit.weight for hit in find_markers(text) if hit.marker == marker)


@pytest.mark.parametrize(
    ("text", "level", "expected"),
    [
        (
            "Jesus Christ you are a fucking moron or just completely dishonest. I suspect both.",
            2,
            {"insult", "profanity", "second_person_attack"},
        ),
        ("Hey Rutte, who’s the ‘daddy’ you buffoon.", 2, {"insult", "second_person_attack"}),
        ("Even his magatard branch are against it", 2, {"slur"}),
        ("Harper is a coward and a hack.", 2, {"insult", "name_calling"}),
        ("Bore off troll.", 1, {"dismissal", "accusation_of_lying"}),
        (
            "Lol imagine leaving the EU and then crying when EU nations bill you to join",
            1,
            {"dismissal", "mockery"},
        ),
        (
            "At least the French don’t runaway Like brits always do: dunkirk, Iraq, ireland",
            1,
            {"group_generalisation"},
        ),
        ("Wow! Good effort, must try harder though👍", 1, {"sarcasm"}),
        ("Haha! Someone’s got their knickers in a twist.", 1, {"mockery"}),
    ],
)
def test_known_lines_get_their_level_and_markers(text, level, expected):
    row = _score(text)
    assert row[Col.HOSTILITY_LEVEL] == level
    assert expected <= set(row[Col.HOSTILITY_MARKERS].split(LIST_SEPARATOR))


def test_sharp_disagreement_about_ideas_is_civil():
    text = (
        "A classic example of where France is probably thinking with too much self interest is "
        "the restrictions it is trying to place on the EU loan to Ukraine. I can understand why, "
        "but in reality the only thing that matters is that Ukraine does not fall."
    )
    row = _score(text)
    assert row[Col.HOSTILITY_LEVEL] == 0
    assert row[Col.HOSTILITY] < 0.3


def test_quoted_profanity_weighs_less_than_profanity_aimed_at_you():
    quoted = "He wrote « fucking hopeless » about the plan, which was unfair."
    aimed = "You are fucking hopeless."
    assert _weight(quoted, "profanity") < _weight(aimed, "profanity")
    assert _score(quoted)[Col.HOSTILITY] < _score(aimed)[Col.HOSTILITY]
    assert "second_person_attack" in _markers(aimed)
    assert "second_person_attack" not in _markers(quoted)


def test_situation_profanity_weighs_less_than_profanity_at_the_reader():
    situation = _score("What the fuck is going on with the trains today")
    aimed = _score("Fuck off, you fucking moron")
    assert situation[Col.HOSTILITY] < aimed[Col.HOSTILITY]
    assert situation[Col.HOSTILITY_LEVEL] < 2
    assert aimed[Col.HOSTILITY_LEVEL] == 2
    assert "second_person_attack" not in situation[Col.HOSTILITY_MARKERS]


def test_insulting_adjective_about_an_idea_weighs_less_than_about_a_person():
    assert (
        _score("That is a stupid idea.")[Col.HOSTILITY] < _score("You are stupid.")[Col.HOSTILITY]
    )


def test_spans_point_at_the_exact_words():
    text = "Here I’ll lay it out for you, you oxygen thief, but you won't give a fuck, LOL."
    hits = find_markers(text)
    assert hits
    for hit in hits:
        assert text[hit.start : hit.end] == hit.words
    assert any(hit.marker == "insult" and hit.words == "oxygen thief" for hit in hits)


def test_spans_column_matches_markers():
    text = "You are a clown. Bore off."
    row = _score(text)
    spans = row[Col.HOSTILITY_SPANS].split(LIST_SEPARATOR)
    markers = row[Col.HOSTILITY_MARKERS].split(LIST_SEPARATOR)
    assert markers == sorted(set(markers))
    for span in spans:
        marker, _, offsets = span.partition(":")
        start, end = (int(part) for part in offsets.split("-"))
        assert marker in markers
        assert 0 <= start < end <= len(text)
    assert "insult:10-15" in spans


def test_every_point_of_the_marker_score_comes_from_a_hit():
    # Issue 17: the markers alone are now marker_score; hostility blends them with the model.
    text = "Typical leftist nonsense, you clueless clown 🤡"
    hits = find_markers(text)
    assert _score(text)[Col.MARKER_SCORE] == pytest.approx(combine(hits), abs=1e-4)
    assert combine([]) == 0.0
    assert level_of(0.0, 0.0, False) == 0


def test_civil_text_and_empty_text_have_no_markers_and_stay_civil():
    # Issue 17: hostility is now a probability, so civil and empty texts get the low base
    # rate, not 0; the markers alone still score 0.
    frame = pd.DataFrame({Col.TEXT: ["", None, "The meeting is on Tuesday at noon."]})
    out = score_hostility(frame)
    assert out[Col.MARKER_SCORE].tolist() == [0.0, 0.0, 0.0]
    assert (out[Col.HOSTILITY] < UNCIVIL_THRESHOLD).all()
    assert out[Col.HOSTILITY].iloc[0] == out[Col.HOSTILITY].iloc[1]
    assert out[Col.HOSTILITY_LEVEL].tolist() == [0, 0, 0]
    assert out[Col.HOSTILITY_MARKERS].tolist() == ["", "", ""]
    assert out[Col.HOSTILITY_WORDS].tolist() == ["", "", ""]
    assert out[Col.HOSTILITY_SPANS].tolist() == ["", "", ""]


def test_score_hostility_returns_new_frame_and_keeps_input():
    frame = pd.DataFrame(
        {Col.COMMENT_ID: ["a", "b", "c"], Col.TEXT: ["You idiot.", "Nice point.", "You idiot."]}
    )
    before = frame.copy()
    out = score_hostility(frame)
    pd.testing.assert_frame_equal(frame, before)
    assert Col.HOSTILITY not in frame.columns
    assert out[Col.HOSTILITY].between(0, 1).all()
    assert out[Col.HOSTILITY].iloc[0] == out[Col.HOSTILITY].iloc[2] > out[Col.HOSTILITY].iloc[1]
    assert out[Col.HOSTILITY_LEVEL].tolist() == [2, 0, 2]


def test_words_inside_longer_words_do_not_fire():
    assert find_markers("The assessment of classic Scunthorpe grasses") == []


def test_two_processes_give_the_same_result_as_one():
    texts = [f"Comment {i}: {'you idiot' if i % 3 else 'fair point'}, lol" for i in range(40)]
    frame = pd.DataFrame({Col.TEXT: texts})
    one = score_hostility(frame, n_jobs=1)
    two = score_hostility(frame, n_jobs=2)
    pd.testing.assert_frame_equal(one, two)


def test_crazy_about_things_is_civil_to_the_markers():
    # Issue 17: the learned part reads "crazy" as toxic and lifts this line to level 1 (a
    # known false positive, named in the README); the markers alone still call it civil.
    text = "Crazy times = hitherto crazy solutions"
    strong = _summarise(text)[1]
    assert level_of(0.0, strong, False) == 0
    assert _score("What a stupid budget.")[Col.HOSTILITY_LEVEL] < 2


def test_whatever_dismisses_only_as_a_sentence_of_its_own():
    def dismissals(text: str) -> list[str]:
        return [hit.words for hit in find_markers(text) if hit.marker == "dismissal"]

    assert dismissals("Alberta. Whatever.") == ["Whatever"]
    assert dismissals("Whatever !") == ["Whatever"]
    assert dismissals("Whatever helps you sleep at night") == ["Whatever helps you sleep"]
    assert dismissals("They can base whatever troops they want there.") == []
    assert dismissals("Pay them whatever they ask, or whatever.") == []


def test_weak_cues_grade_the_score_but_set_no_level_by_themselves():
    # Issue 17: weak cues now raise the hostility score, which sets levels; they still give
    # the markers' own level nothing.
    text = "Right. I wonder who will explain the facts... Obviously not them!"
    row = _score(text)
    markers = set(row[Col.HOSTILITY_MARKERS].split(LIST_SEPARATOR))
    assert {"sarcasm_cue", "condescension_cue", "ellipsis", "exclamation"} <= markers
    assert row[Col.MARKER_SCORE] > 0
    marker_score, strong, aimed, _, _ = _summarise(text)
    assert strong == 0.0 and not aimed and marker_score == row[Col.MARKER_SCORE]
    assert row[Col.HOSTILITY_LEVEL] == level_of(row[Col.HOSTILITY], 0.0, False)


def test_a_lexicon_term_wins_over_a_weak_opener_at_the_same_place():
    assert _markers("Oh wow, what a plan.") >= {"sarcasm"}
    assert "sarcasm_cue" not in _markers("Oh wow, what a plan.")


# ------------------------------------------------ the fast scoring path equals find_markers

EDGE_CASES = [
    "",
    "   ",
    "\n\t",
    "YOU IDIOT. SHUT UP!!!",
    "You Idiot",
    "IMAGINE being this dense. Imagine. lol imagine",
    "Listen, pal. Nice try, buddy!",
    "Good boy. The Harper boy did it. boy oh boy",
    "f*** off, F!!! you s**t a**hole b***h fu** f#ck",
    "Oh wow, what a plan. Right. Sure, sure... Obviously not!",
    "He said « fucking hopeless » and “you moron” and \"idiot\" about 'experts'",
    "Typical leftist nonsense, you clueless clown 🤡😂🙄",
    "Liberals always lie. All conservatives are idiots. Those Tories never learn",
    "knuckle-dragger KNUCKLE DRAGGERS knuckle  dragger",
    "I don’t think you’re a moron, you’re an IDIOT",
    "\u0131diot \u017ftupid \u0130DIOT \u212aill yourself",  # letters IGNORECASE folds oddly
    "ΑΘΗΝΑ idiots and Straße morons, ÉNORME moron",
    "Ça suffit, idiot",
    "...…!!!???",
    "What a stupid idea. That is a stupid budget. You are stupid.",
    "NATO EU UK USA CANADA AMERICA'S",
    "you you you your ur u ya",
    "The assessment of classic Scunthorpe grasses",
    "Whatever. Alberta. WHATEVER!! base whatever troops... whatever you say; whatever.",
]


def _ucc_val_texts() -> list[str]:
    path = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ucc_val.csv"
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return pd.read_csv(path)["text"].fillna("").astype(str).tolist()


def _seed_texts() -> list[str]:
    return [
        line.strip()
        for path in seed_paths()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _assert_fast_path_is_reference(texts: list[str]) -> None:
    rules = load_rules()
    for text in texts:
        fast = _fast_raw_hits(text)
        if fast is not None:
            reference = [(h.marker, h.start, h.end, h.weight) for h in _raw_hits(rules, text)]
            assert fast == reference, text
        assert _summarise_fast(text) == _summarise(text), text


@pytest.mark.parametrize("text", EDGE_CASES)
def test_fast_path_equals_find_markers_on_edge_cases(text):
    _assert_fast_path_is_reference([text, text.upper(), text.lower(), text.title()])


def test_fast_path_equals_find_markers_on_the_seeds():
    texts = _seed_texts()
    assert len(texts) > 100
    _assert_fast_path_is_reference(texts)


def test_fast_path_equals_find_markers_on_ucc_val():
    _assert_fast_path_is_reference(_ucc_val_texts())


def test_score_hostility_equals_the_reference_summaries():
    # score_hostility makes the per-text checks (case folding, case-sensitive patterns) once
    # over all its texts: every kind of text must still get its own summary.
    variants = [f(text) for text in EDGE_CASES for f in (str.upper, str.lower, str.title)]
    _assert_scores_are_reference(EDGE_CASES + variants + _seed_texts())


def test_score_hostility_equals_the_reference_summaries_on_ucc_val():
    _assert_scores_are_reference(_ucc_val_texts())


def _assert_scores_are_reference(texts: list[str]) -> None:
    out = score_hostility(pd.DataFrame({Col.TEXT: texts}), n_jobs=1)
    expected = [_summarise(text) for text in texts]
    columns = [Col.MARKER_SCORE, Col.HOSTILITY_MARKERS, Col.HOSTILITY_SPANS]
    assert list(out[columns].itertuples(index=False, name=None)) == [
        (score, markers, spans) for score, _, _, markers, spans in expected]
    levels = level_of(out[Col.HOSTILITY].to_numpy(), [row[1] for row in expected],
                      [row[2] for row in expected])
    assert out[Col.HOSTILITY_LEVEL].tolist() == levels.tolist()


def test_lower_casing_is_ignorecase_wherever_the_fast_path_lower_cases():
    # Every non-ASCII character the fast path accepts is left alone by lower() and matches no
    # ASCII letter under IGNORECASE, so text.lower() reads like IGNORECASE letter by letter.
    accepted = "".join(
        char
        for char in map(chr, range(0x80, sys.maxunicode + 1))
        if not 0xD800 <= ord(char) <= 0xDFFF and _lowers_like_ignorecase(char)
    )
    assert accepted.lower() == accepted
    assert re.findall("[a-z]", accepted, re.IGNORECASE) == []
    assert not _lowers_like_ignorecase("\u212a") and not _lowers_like_ignorecase("\u0131")


def test_case_sensitive_patterns_are_the_ones_the_fast_gate_knows():
    # _CASED_GATE must hold wherever a (?-i:...) pattern matches: review it when they change.
    cased = [regex for regex in _rules_and_branches()[1].full.values() if "(?-i:" in regex]
    assert cased == [
        r"(?<!\w)(?-i:[A-Z][a-z]+\s+boy)(?!\w)",
        r"(?<!\w)(?<!')(?-i:[A-Z][A-Z']{3,}[A-Z])(?![\w'])",
    ]


# ------------------------------------------------------- the blend with the learned model


def test_the_level_rule_takes_the_higher_of_the_score_and_the_markers_own_level():
    assert level_of(0.5, 0.0, True) == 2  # a high score aimed at someone
    assert level_of(0.5, 0.0, False) == 1  # a high score, aimed at no one
    assert level_of(UNCIVIL_THRESHOLD, 0.0, False) == 1
    assert level_of(UNCIVIL_THRESHOLD - 0.01, 0.0, True) == 0
    assert level_of(0.05, 0.65, True) == 2  # named evidence keeps its level
    assert level_of(0.05, 0.35, False) == 1
    assert level_of(0.05, 0.29, True) == 0
    assert level_of([0.5, 0.05], [0.0, 0.65], [False, True]).tolist() == [1, 2]


def test_hostility_is_one_logistic_curve_over_both_parts():
    texts = ["You are a fucking idiot.", "Thank you for the article.", "what a load of bull"]
    out = score_hostility(pd.DataFrame({Col.TEXT: texts}))
    logits = load_model().logits(texts)
    np.testing.assert_allclose(out[Col.HOSTILITY], blend(out[Col.MARKER_SCORE], logits))
    marker_weight, model_weight, intercept = BLEND
    expected = 1 / (1 + np.exp(-(marker_weight * out[Col.MARKER_SCORE] + model_weight * logits
                                 + intercept)))
    np.testing.assert_allclose(out[Col.HOSTILITY], expected, atol=5e-5)
    assert out[Col.HOSTILITY].iloc[0] > out[Col.HOSTILITY].iloc[2] > out[Col.HOSTILITY].iloc[1]


def test_either_part_alone_raises_the_score():
    assert BLEND[0] > 0 and BLEND[1] > 0
    assert blend(0.5, 0.0) > blend(0.0, 0.0) and blend(0.0, 2.0) > blend(0.0, 0.0)
    assert 0 < float(blend(0.0, -20.0)) < float(blend(1.0, 20.0)) <= 1


def test_the_learned_part_flags_what_no_marker_names_and_says_which_words():
    text = "this whole thing sucks"
    row = _score(text)
    assert set(row[Col.HOSTILITY_MARKERS].split(LIST_SEPARATOR)) <= WEAK_MARKERS
    assert level_of(0.0, _summarise(text)[1], False) == 0  # no level from the markers
    assert row[Col.HOSTILITY_LEVEL] == 1
    assert row[Col.HOSTILITY_WORDS].split(LIST_SEPARATOR)[0] == "sucks"


def test_hostility_words_come_from_the_comment_and_start_with_the_largest_share():
    text = "Are you really this stupid?!"
    row = _score(text)
    words = row[Col.HOSTILITY_WORDS].split(LIST_SEPARATOR)
    assert words[0] == "stupid" and 1 <= len(words) <= WORDS_SHOWN
    for item in words:
        for word in item.split(" "):
            assert word in text.lower()


def _assert_every_flagged_comment_is_explained(texts: list[str]) -> None:
    out = score_hostility(pd.DataFrame({Col.TEXT: texts}), n_jobs=1)
    flagged = out[Col.HOSTILITY_LEVEL] >= 1
    explained = (out[Col.HOSTILITY_MARKERS] != "") | (out[Col.HOSTILITY_WORDS] != "")
    assert flagged.sum() > 0
    assert explained[flagged].all(), out.loc[flagged & ~explained, Col.TEXT].tolist()
    # Words are listed for flagged comments only.
    assert (out.loc[~flagged, Col.HOSTILITY_WORDS] == "").all()


def test_every_comment_above_level_0_is_explained():
    variants = [f(text) for text in EDGE_CASES for f in (str.upper, str.lower, str.title)]
    _assert_every_flagged_comment_is_explained(EDGE_CASES + variants + _seed_texts())


def test_every_comment_above_level_0_is_explained_on_ucc_val():
    _assert_every_flagged_comment_is_explained(_ucc_val_texts())


def test_a_score_depends_on_the_text_alone():
    texts = _seed_texts()[:60]
    together = score_hostility(pd.DataFrame({Col.TEXT: texts}), n_jobs=1)
    alone = pd.concat([score_hostility(pd.DataFrame({Col.TEXT: [text]}), n_jobs=1)
                       for text in texts], ignore_index=True)
    pd.testing.assert_frame_equal(together, alone)
