import pandas as pd
import pytest

from analysis.hostility import combine, find_markers, level_of, score_hostility
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


def test_every_point_of_the_score_comes_from_a_hit():
    text = "Typical leftist nonsense, you clueless clown 🤡"
    hits = find_markers(text)
    assert _score(text)[Col.HOSTILITY] == pytest.approx(combine(hits), abs=1e-4)
    assert combine([]) == 0.0
    assert level_of(0.0, []) == 0


def test_civil_text_and_empty_text_score_zero():
    frame = pd.DataFrame({Col.TEXT: ["", None, "The meeting is on Tuesday at noon."]})
    out = score_hostility(frame)
    assert out[Col.HOSTILITY].tolist() == [0.0, 0.0, 0.0]
    assert out[Col.HOSTILITY_LEVEL].tolist() == [0, 0, 0]
    assert out[Col.HOSTILITY_MARKERS].tolist() == ["", "", ""]
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


def test_crazy_about_things_is_civil():
    row = _score("Crazy times = hitherto crazy solutions")
    assert row[Col.HOSTILITY_LEVEL] == 0
    assert _score("What a stupid budget.")[Col.HOSTILITY_LEVEL] < 2


def test_weak_cues_grade_the_score_but_set_no_level():
    text = "Right. I wonder who will explain the facts... Obviously not them!"
    row = _score(text)
    markers = set(row[Col.HOSTILITY_MARKERS].split(LIST_SEPARATOR))
    assert {"sarcasm_cue", "condescension_cue", "ellipsis", "exclamation"} <= markers
    assert row[Col.HOSTILITY] > 0
    assert row[Col.HOSTILITY_LEVEL] == 0


def test_a_lexicon_term_wins_over_a_weak_opener_at_the_same_place():
    assert _markers("Oh wow, what a plan.") >= {"sarcasm"}
    assert "sarcasm_cue" not in _markers("Oh wow, what a plan.")
