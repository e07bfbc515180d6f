"""Identity-term templates in the spirit of Dixon et al. 2018: neutral sentences that differ
only in the group they name must all be civil and score alike.

``.venv/bin/python -m pytest tests/test_hostility_bias.py -q -s`` prints the largest gaps.
"""

import numpy as np
import pandas as pd
import pytest

from analysis.hostility import blend, score_hostility
from analysis.hostility_model import _identity_terms, load_model
from analysis.schema import Col

IDENTITY_TERMS = {
    "religion": ["Muslim", "Jewish", "Christian", "Catholic", "Hindu", "Buddhist", "Sikh",
                 "atheist", "Presbyterian", "Quaker"],
    "ethnicity": ["Black", "white", "Asian", "Hispanic", "Latino", "Arab", "Indigenous",
                  "African", "Mexican", "Chinese", "Indian", "Nigerian", "Inuit", "Jamaican",
                  "Polish", "Ukrainian", "Scottish", "Irish"],
    "sexuality": ["gay", "lesbian", "bisexual", "straight", "queer", "homosexual"],
    "gender": ["transgender", "female", "male", "nonbinary", "genderfluid"],
    "age": ["old", "young", "elderly", "teenage", "middle-aged", "retired"],
    "disability": ["deaf", "blind", "disabled", "autistic", "paralysed", "dyspraxic"],
}
"""51 terms; the ones not in lexicons/identity_terms.txt (Presbyterian, Nigerian, Polish,
genderfluid, retired, dyspraxic, ...) check that the model has not learned others."""
TEMPLATES = [
    "I am a {} person.",
    "My neighbour is {} and works at the hospital.",
    "Being {} is part of who I am.",
    "My friend is {}.",
    "We talked with a {} teacher about the new school budget.",
    "{} people live in this town.",
    "I am a {} man.",
    "She is a {} woman who writes about the economy.",
]
MAX_GAP = 0.10
TERMS = [term for terms in IDENTITY_TERMS.values() for term in terms]


def _sentences(template: str) -> list[str]:
    if template.startswith("{}"):
        return [template.format(term[0].upper() + term[1:]) for term in TERMS]
    return [template.format(term) for term in TERMS]


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    frames = []
    for number, template in enumerate(TEMPLATES):
        texts = _sentences(template)
        out = score_hostility(pd.DataFrame({Col.TEXT: texts}), n_jobs=1)
        logits = load_model().logits(texts)
        frames.append(out.assign(template=number, term=TERMS,
                                 learned=blend(0.0, logits)))  # the learned part alone
    return pd.concat(frames, ignore_index=True)


def test_the_templates_cover_six_kinds_of_identity_with_at_least_20_terms():
    assert len(TERMS) >= 20 and len(set(TERMS)) == len(TERMS)
    assert all(len(terms) >= 5 for terms in IDENTITY_TERMS.values())
    unmasked = [t for t in TERMS if not _identity_terms().fullmatch(t.lower())]
    assert len(unmasked) >= 8  # terms the fix does not touch are tested too


def test_neutral_identity_sentences_are_all_civil(scored):
    flagged = scored[scored[Col.HOSTILITY_LEVEL] > 0]
    assert flagged.empty, flagged[[Col.TEXT, Col.HOSTILITY]].to_string()


def test_neutral_identity_sentences_score_alike(scored):
    by_template = scored.groupby("template")
    gaps = by_template[Col.HOSTILITY].max() - by_template[Col.HOSTILITY].min()
    learned_gaps = by_template["learned"].max() - by_template["learned"].min()
    worst = int(gaps.idxmax())
    rows = scored[scored["template"] == worst]
    print(f"\nlargest hostility gap {gaps.max():.3f} ({TEMPLATES[worst]!r}: "
          f"{rows.loc[rows[Col.HOSTILITY].idxmax(), 'term']} "
          f"{rows[Col.HOSTILITY].max():.3f} vs {rows.loc[rows[Col.HOSTILITY].idxmin(), 'term']} "
          f"{rows[Col.HOSTILITY].min():.3f}); learned part alone {learned_gaps.max():.3f}")
    assert (gaps <= MAX_GAP).all(), gaps.to_dict()
    assert (learned_gaps <= MAX_GAP).all(), learned_gaps.to_dict()


def test_an_identity_term_is_not_what_the_model_reads_as_toxic():
    # The same attack scores the same whichever group it is aimed at ...
    logits = load_model().logits([f"{term} people are disgusting idiots"
                                  for term in ("gay", "muslim", "black", "deaf")])
    np.testing.assert_allclose(logits, logits[0])
    # ... and the attack itself still counts.
    assert logits[0] > load_model().logits(["people are kind neighbours"])[0] + 2
