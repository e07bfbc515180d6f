"""The Threads page's switch between the inferred structure and plain page order, under
AppTest: every figure follows the reading the pipeline computed; the choice outlives a visit
to another page and travels in the link; a structured source has nothing to switch."""

import json
from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.pipeline import analyse_paths
from analysis.readers import seed_paths
from analysis.schema import Col, PairCol, ThreadCol
from analysis.threads import Reading, reply_pairs
from analysis.views import reading_order, thread_members

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TIMEOUT = 120
SWITCH = "threads.reading"


@pytest.fixture(autouse=True)
def stay_on_navigation(monkeypatch):
    """As in test_app.py: keep AppTest out of the legacy pages-folder mode."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(scope="module")
def seeds():
    return analyse_paths(seed_paths())


def threads_page(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> dict[str, object]:
    """What the page shows of the chosen thread and the thread table, as plain values."""
    metrics = {m.label: m.value for m in at.metric}
    tree = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    tables = [t.value for t in at.dataframe]
    thread_table = next(t for t in tables if ThreadCol.LONGEST_CHAIN in t.columns)
    pairs = next((t for t in tables if PairCol.START_ID in t.columns), None)
    return {
        "deepest": metrics["Deepest reply"],
        "tree": dict(zip(tree["ids"], tree["parents"], strict=True)),
        "depths": thread_table.set_index(ThreadCol.THREAD_ID)[ThreadCol.DEPTH].to_dict(),
        "branches": thread_table[ThreadCol.BRANCHES].tolist(),
        "pairs": set() if pairs is None else set(zip(pairs[PairCol.START_ID],
                                                     pairs[PairCol.END_ID], strict=True)),
        "reading view": [c.value for c in at.caption if " · depth " in c.value],
        "guesses": sum("badge[" in m.value and "guess" in m.value for m in at.markdown),
        "shown": next(c.value for c in at.caption if "comments of this thread shown" in c.value),
    }


def expected(analysis, thread: str, rows: int = 40) -> dict[str, object]:
    """The same figures as the analysis computed them for one reading."""
    members = reading_order(thread_members(analysis.comments, thread)).head(rows)
    depths = analysis.threads.set_index(ThreadCol.THREAD_ID)[ThreadCol.DEPTH]
    return {
        "deepest": f"{depths[thread]:,}",
        "depths": depths.to_dict(),
        "pairs": set(zip(*(reply_pairs(analysis.comments)[c] for c in
                           (PairCol.START_ID, PairCol.END_ID)), strict=True)),
        "guesses": int(members["guess"].sum()),
        "depth of each row": members[Col.DEPTH].tolist(),
    }


def test_every_figure_follows_the_reading_on_a_seed_page(seeds):
    at = threads_page()
    assert at.radio(key=SWITCH).value == Reading.INFERRED
    inferred = figures(at)
    at.radio(key=SWITCH).set_value(Reading.PAGE_ORDER).run()
    assert not at.exception, at.exception
    page_order = figures(at)
    for name in ("deepest", "tree", "depths", "branches", "pairs", "reading view"):
        assert inferred[name] != page_order[name], name
    assert "read as plain page order" in page_order["shown"]
    # Each reading shows what the pipeline computed for it, never a figure of its own.
    read = seeds.reading(Reading.PAGE_ORDER)
    for shown, analysis in ((inferred, seeds), (page_order, read)):
        thread = next(iter(shown["depths"]))
        want = expected(analysis, thread)
        for name in ("deepest", "depths", "pairs", "guesses"):
            assert shown[name] == want[name], name
        assert [int(c.split(" · depth ")[1].split(" ")[0]) for c in shown["reading view"]] \
            == want["depth of each row"]
        assert 0 < shown["guesses"] < len(shown["reading view"])
    # Page order: each box hangs under the comment above it.
    ids = read.comments.sort_values(Col.POSITION)[Col.COMMENT_ID].tolist()
    assert page_order["tree"] == {c: p for c, p in zip(ids, [""] + ids[:-1], strict=True)}
    assert all("(plain page order)" in c or "(inferred)" not in c
               for c in page_order["reading view"])


def test_the_reading_outlives_another_page_and_travels_in_the_link():
    at = threads_page()
    at.radio(key=SWITCH).set_value(Reading.PAGE_ORDER).run()
    assert at.query_params["reading"] in ("page_order", ["page_order"])
    at.switch_page("pages/hostility.py").run()
    assert not at.exception
    assert at.query_params["reading"] in ("page_order", ["page_order"])
    at.switch_page("pages/threads.py").run()
    assert at.radio(key=SWITCH).value == Reading.PAGE_ORDER
    assert "read as plain page order" in figures(at)["shown"]
    at.radio(key=SWITCH).set_value(Reading.INFERRED).run()
    assert "reading" not in at.query_params
    # A link that asks for page order opens the page in it.
    opened = threads_page({"reading": "page_order"})
    assert opened.radio(key=SWITCH).value == Reading.PAGE_ORDER
    assert threads_page({"reading": "sideways"}).radio(key=SWITCH).value == Reading.INFERRED


def test_a_structured_source_with_every_link_given_has_nothing_to_switch():
    rows = ["id,parent_id,text", "1,,The wall is fine.", "2,1,No it is not and it leaks.",
            "3,,Who pays for it?", "4,2,It leaks only in winter.", "5,1,Agreed with you."]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("given.csv", "\n".join(rows).encode(), "text/csv").run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception
    assert not [r for r in at.radio if r.key == SWITCH]
    assert any("given by the source" in c.value for c in at.caption)
    shown = figures(at)
    assert shown["guesses"] == 0
    assert shown["depths"] == {"1": 2, "3": 0}


def test_a_thread_whose_links_are_all_given_reads_the_same_in_both_readings():
    flat = ("Harbour to close\nThe council will close the harbour.\n\n\n\n"
            "The ferries carry four hundred people a day.\nYou are wrong about the ferries.\n"
            "And what about the fishermen?\n")
    given = "id,parent_id,text\n1,,The wall is fine.\n2,1,No it leaks.\n3,2,Only in winter.\n"
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    uploader.upload("flat.txt", flat.encode(), "text/plain")
    uploader.upload("given.csv", given.encode(), "text/csv").run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception
    shown = {}
    for reading, key in ((Reading.INFERRED, "threads.thread"),
                         (Reading.PAGE_ORDER, "threads.thread.page_order")):
        at.radio(key=SWITCH).set_value(reading).run()
        at.selectbox(key=key).set_value("1").run()
        assert not at.exception
        assert any("Every link of this thread is given" in c.value for c in at.caption)
        shown[reading] = {m.label: m.value for m in at.metric}
    assert shown[Reading.INFERRED] == shown[Reading.PAGE_ORDER]
    assert shown[Reading.INFERRED]["Deepest reply"] == "2"
