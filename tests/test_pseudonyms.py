"""Pseudonyms: keyed, stable within an analysis and under the same key, and no name left."""

import hashlib
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import pseudonyms
from analysis.people import people_tables
from analysis.pseudonyms import (
    key_from_text,
    pseudonym_map,
    pseudonymise_comments,
    pseudonymise_text,
    random_key,
)
from analysis.readers import PROJECT_ROOT
from analysis.schema import Col
from analysis.views import highlight_text

# Distinctive names, so that a search of every output finds them only if they leak.
NAMES = ["Quorblatt", "zindelmoss", "Vex Harrow"]


def _table() -> pd.DataFrame:
    return pd.DataFrame({
        Col.ARTICLE_ID: ["a"] * 5,
        Col.COMMENT_ID: ["1", "2", "3", "4", "5"],
        Col.PARENT_ID: ["", "1", "2", "1", "4"],
        Col.AUTHOR: pd.array(["Quorblatt", " zindelmoss", "Vex Harrow", "[deleted]", None],
                             dtype="string"),
        Col.TEXT: pd.array([
            "Hello all.",
            "@Quorblatt you idiot, read it again",
            "ZINDELMOSS and vex harrow: Quorblattian words stay, u/quorblatt does not.",
            "gone",
            "Vex Harrow's point, Quorblatt!",
        ], dtype="string"),
        Col.REPLY_EVIDENCE: pd.array(["", "name: Quorblatt", "", "", ""], dtype="string"),
        Col.HOSTILITY_SPANS: pd.array(["", "insult:15-20", "", "", "name_calling:0-10"],
                                      dtype="string"),
        Col.TOPIC_LABEL: pd.array(["quorblatt / news"] * 5, dtype="string"),
    })


def test_pseudonyms_are_keyed_hashes_stable_under_the_same_key():
    key = key_from_text("ethics board 7")
    first = pseudonym_map(NAMES, key)
    assert first == pseudonym_map(list(reversed(NAMES)), key)
    assert first != pseudonym_map(NAMES, key_from_text("another key"))
    assert first != pseudonym_map(NAMES, random_key())
    for name, pseudonym in first.items():
        assert pseudonym.startswith("P-") and len(pseudonym) == 2 + pseudonyms.HEX_DIGITS
        assert pseudonym[2:] != hashlib.sha256(name.encode()).hexdigest()[:6]  # not bare


def test_colliding_pseudonyms_are_lengthened_until_they_differ(monkeypatch):
    monkeypatch.setattr(pseudonyms, "HEX_DIGITS", 1)
    names = [f"user{i}" for i in range(200)]  # 16 one-digit values for 200 names
    mapping = pseudonym_map(names, key_from_text("k"))
    assert len(set(mapping.values())) == 200


def test_every_name_is_replaced_in_every_column_and_spans_move_with_the_text():
    table = _table()
    out, mapping = pseudonymise_comments(table, key_from_text("k"))
    assert set(mapping) == set(NAMES)
    q, z, v = (mapping[n] for n in NAMES)
    assert out[Col.AUTHOR].tolist()[:3] == [q, z, v]
    assert out[Col.AUTHOR].iloc[3] == "[deleted]" and pd.isna(out[Col.AUTHOR].iloc[4])
    texts = out[Col.TEXT].tolist()
    assert texts[1] == f"@{q} you idiot, read it again"
    assert texts[2] == f"{z} and {v}: Quorblattian words stay, u/{q} does not."
    assert out[Col.REPLY_EVIDENCE].iloc[1] == f"name: {q}"
    assert out[Col.TOPIC_LABEL].iloc[0] == f"{q} / news"
    # The marker spans still cover the same words.
    assert highlight_text(texts[1], out[Col.HOSTILITY_SPANS].iloc[1]) == \
        f"@{q} you ⟦idiot⟧, read it again"
    assert highlight_text(texts[4], out[Col.HOSTILITY_SPANS].iloc[4]) == \
        f"⟦{v}⟧'s point, {q}!"
    flat = " ".join(str(v) for v in out.drop(columns=[Col.TEXT]).to_numpy().ravel()) \
        + " ".join(texts).replace("Quorblattian", "")
    for name in NAMES:
        assert name.lower() not in flat.lower(), name
    assert table[Col.AUTHOR].iloc[0] == "Quorblatt"  # the input is left as it was


def test_the_people_tables_of_a_pseudonymised_table_hold_only_pseudonyms():
    out, mapping = pseudonymise_comments(_table(), key_from_text("k"))
    people = people_tables(out)
    assert set(people.participants["author"]) == set(mapping.values())
    assert pseudonymise_text("who is vex harrow?", mapping) == f"who is {mapping['Vex Harrow']}?"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=300)


@pytest.mark.slow
def test_no_cli_output_holds_a_name(tmp_path):
    records = [
        {"id": "1", "parent_id": "", "author": "Quorblatt", "text": "Quorblatt here, hello."},
        {"id": "2", "parent_id": "1", "author": "zindelmoss",
         "text": "Quorblatt, you are a liar and an idiot."},
        {"id": "3", "parent_id": "2", "author": "Vex Harrow",
         "text": "Stop it zindelmoss. @Quorblatt ignore them."},
        {"id": "4", "parent_id": "3", "author": "zindelmoss", "text": "Vex Harrow again?"},
    ]
    source = tmp_path / "names.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    runs = {
        "comments": ["comments", str(source), "--out", str(tmp_path / "c.csv"),
                     "--all-columns"],
        "threads": ["threads", str(source), "--out", str(tmp_path / "t.csv"), "--pairs",
                    str(tmp_path / "pairs.csv")],
        "people": ["people", str(source), "--out", str(tmp_path / "p.csv"), "--edges",
                   str(tmp_path / "e.csv"), "--network", str(tmp_path / "n.graphml")],
        "gexf": ["people", str(source), "--out", str(tmp_path / "p2.csv"), "--network",
                 str(tmp_path / "n.gexf")],
    }
    for name, args in runs.items():
        done = _run(*args, "--pseudonym-key", "board")
        assert done.returncode == 0, (name, done.stderr)
        assert not any(n.lower() in (done.stdout + done.stderr).lower() for n in NAMES)
    outputs = [p for p in tmp_path.iterdir() if p.name != source.name]
    assert len(outputs) == 8
    for path in outputs:
        text = path.read_text(encoding="utf-8").lower()
        for name in NAMES:
            assert name.lower() not in text, (path.name, name)
    pairs = (tmp_path / "pairs.csv").read_text(encoding="utf-8")
    assert "P-" in pairs  # the back-and-forth run names its speakers by pseudonym
    # The same key gives the same pseudonyms in another run; a random key does not.
    first = (tmp_path / "p.csv").read_text(encoding="utf-8")
    again, other = tmp_path / "again.csv", tmp_path / "other.csv"
    assert _run("people", str(source), "--out", str(again), "--pseudonym-key",
                "board").returncode == 0
    assert _run("people", str(source), "--out", str(other), "--pseudonymise").returncode == 0
    assert again.read_text(encoding="utf-8") == first
    assert other.read_text(encoding="utf-8") != first
    assert not any(n.lower() in other.read_text(encoding="utf-8").lower() for n in NAMES)
