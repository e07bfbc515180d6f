"""`python -m analysis people` as a user runs it: a real subprocess, real files."""

import json
import subprocess
import sys

import networkx as nx

from analysis.export import read_safe_csv
from analysis.readers import PROJECT_ROOT
from analysis.schema import EDGE_COLUMNS, PEOPLE_COLUMNS, EdgeCol, PeopleCol
from tests.conftest import SEED_WITH_COMMENTS

THREAD = [
    {"id": "1", "parent_id": "", "author": "=HYPERLINK(1)", "text": "Opening remark here.",
     "created_at": 1700000000},
    {"id": "2", "parent_id": "1", "author": "1234", "text": "You are wrong, idiot.",
     "created_at": "2023-11-14T23:14:20+01:00"},
    {"id": "3", "parent_id": "2", "author": "=HYPERLINK(1)", "text": "Calm down.",
     "created_at": "2023-11-14T22:20:00Z"},
    {"id": "4", "parent_id": "3", "author": "[removed]", "text": "gone"},
    {"id": "5", "parent_id": "1", "author": "quiet one", "text": "Nice.",
     "created_at": "2023-11-14 22:30:00"},
]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=PROJECT_ROOT, timeout=300)


def test_people_command_writes_participants_edges_and_the_network(tmp_path):
    source = tmp_path / "thread.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in THREAD), encoding="utf-8")
    out, edges, network = tmp_path / "p.csv", tmp_path / "e.csv", tmp_path / "n.gexf"
    done = _run("people", str(source), "--out", str(out), "--edges", str(edges),
                "--network", str(network))
    assert done.returncode == 0, done.stderr
    assert "=HYPERLINK" not in out.read_text(encoding="utf-8").replace("'=HYPERLINK", "")
    people = read_safe_csv(out).set_index(PeopleCol.AUTHOR)
    assert list(people.reset_index().columns) == PEOPLE_COLUMNS
    assert sorted(people.index) == ["1234", "=HYPERLINK(1)", "quiet one"]  # names stay text
    assert people.loc["1234", PeopleCol.REPLIES_GIVEN] == 1
    assert people.loc["=HYPERLINK(1)", PeopleCol.REPLIES_RECEIVED] == 2  # 1234, quiet one
    assert people.loc["=HYPERLINK(1)", PeopleCol.FIRST_SEEN] == "2023-11-14T22:13:20Z"
    assert people.loc["quiet one", PeopleCol.LAST_SEEN] == "2023-11-14 22:30:00"  # zone unknown
    table = read_safe_csv(edges)
    assert list(table.columns) == EDGE_COLUMNS
    assert len(table) == 3 and table[EdgeCol.RECIPROCATED].tolist().count("True") == 2
    graph = nx.read_gexf(network)
    assert graph.number_of_nodes() == 3 and graph.number_of_edges() == 3


def test_a_source_without_authors_gives_empty_tables_and_a_warning(tmp_path):
    out, network = tmp_path / "p.csv", tmp_path / "n.graphml"
    done = _run("people", str(SEED_WITH_COMMENTS), "--out", str(out), "--network", str(network))
    assert done.returncode == 0, done.stderr
    assert f"warning: {SEED_WITH_COMMENTS}: names no authors" in done.stderr
    table = read_safe_csv(out)
    assert table.empty and list(table.columns) == PEOPLE_COLUMNS
    assert nx.read_graphml(network).number_of_nodes() == 0


def test_a_network_file_of_another_kind_is_a_usage_error(tmp_path):
    done = _run("people", str(SEED_WITH_COMMENTS), "--out", str(tmp_path / "p.csv"),
                "--network", str(tmp_path / "n.csv"))
    assert done.returncode == 2
    assert "must end in .graphml or .gexf" in done.stderr
