# ruff: noqa: F811  (the imported fixtures of tests/test_app.py are requested by name)
"""The People and Timeline pages, the participant and time filters, and pseudonyms in the app:
real Streamlit (AppTest) on the seeds and on a generated export with authors and times."""

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analysis.bench import build_structured_corpus
from analysis.filters import Filters, apply_filters
from analysis.people import participant_names
from analysis.pipeline import analyse_files
from analysis.schema import Col
from tests.test_app import (  # noqa: F401 (fixtures: downloads, stay_on_navigation)
    APP,
    TIMEOUT,
    count_caption,
    downloaded_bytes,
    downloads,
    open_page,
    param,
    stay_on_navigation,
)

PAGES = ["overview", "sentiment", "hostility", "topics", "threads", "people", "timeline",
         "explorer"]
NAMES = ["Quorblatt", "zindelmoss", "Vex Harrow"]  # distinctive: a search finds only leaks


@pytest.fixture(scope="module")
def forum() -> tuple[str, bytes]:
    corpus = build_structured_corpus(300, n_participants=40, seed=3)
    return "forum.jsonl", b"".join(data for _, data in corpus.files)


@pytest.fixture(scope="module")
def forum_analysis(forum):
    return analyse_files([forum])


def _upload(name: str, data: bytes) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload(name, data, "application/json").run()
    assert not at.exception
    return at


def _texts(at: AppTest) -> list[str]:
    return [e.value for e in [*at.markdown, *at.caption, *at.info, *at.warning, *at.error,
                              *at.title, *at.subheader, *at.text]]


def test_the_people_page_says_the_seeds_name_no_authors():
    at = open_page("people")
    assert any("name no authors" in info.value for info in at.info)
    assert not at.get("plotly_chart") and not at.dataframe


def test_the_timeline_says_page_order_is_the_only_clock_without_timestamps():
    at = open_page("timeline")
    assert any("page order is the only clock" in info.value for info in at.info)
    assert not at.get("plotly_chart")


def test_a_participant_click_filters_every_page(forum, forum_analysis):
    at = _upload(*forum)
    at.switch_page("pages/people.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    top = str(table["author"].iloc[0])
    assert len(at.get("plotly_chart")) == 1  # the network
    at.session_state["people.table"] = {"selection": {"rows": [0], "columns": [],
                                                      "cells": []}}
    at.run()
    assert not at.exception
    assert at.multiselect(key="filters.participant").value == [top]
    assert param(at, "participant") == [top]
    comments = forum_analysis.comments
    own = apply_filters(comments, Filters(participants=(top,)))
    assert 0 < len(own) < len(comments)
    expected = f"{len(own)} of {len(comments)} comments"
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert count_caption(at).startswith(expected), page
    # The second switch adds the replies they received.
    at.toggle(key="filters.with_replies").set_value(True).run()
    with_replies = apply_filters(comments, Filters(participants=(top,), with_replies=True))
    assert len(with_replies) > len(own)
    assert count_caption(at).startswith(f"{len(with_replies)} of {len(comments)} comments")
    assert param(at, "with_replies") == ["1"]


def test_a_click_on_the_network_filters_too(forum):
    at = _upload(*forum)
    at.switch_page("pages/people.py").run()
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    nodes = next(trace for trace in figure["data"] if trace.get("name") == "participants")
    name = nodes["customdata"][3][0]
    at.session_state["people.network"] = {"selection": {"points": [
        {"customdata": [name], "point_index": 3}], "point_indices": [3], "box": [],
        "lasso": []}}
    at.run()
    assert not at.exception
    assert at.multiselect(key="filters.participant").value == [name]


def test_the_time_range_filter_narrows_every_page(forum, forum_analysis):
    at = _upload(*forum)
    at.switch_page("pages/timeline.py").run()
    assert len(at.get("plotly_chart")) == 3  # activity, tone, latency
    slider = at.slider(key="filters.time")
    low, high = slider.value
    middle = low + (high - low) / 2
    slider.set_value((low, middle)).run()
    assert not at.exception
    kept = apply_filters(forum_analysis.comments, Filters(time_range=(
        f"{low:%Y-%m-%dT%H:%M:%S}Z", f"{middle:%Y-%m-%dT%H:%M:%S}Z")))
    assert 0 < len(kept) < len(forum_analysis.comments)
    assert count_caption(at).startswith(f"{len(kept)} of ")
    assert param(at, "from") == [f"{low:%Y-%m-%dT%H:%M:%S}Z"]


def _named_source() -> bytes:
    rows = [
        {"id": "1", "parent_id": "", "author": "Quorblatt", "created_at": 1700000000,
         "text": "Quorblatt here: the council got this one right.",
         "article_title": "Council vote, with a word from Quorblatt",
         "article_text": "Vex Harrow asked the council."},
        {"id": "2", "parent_id": "1", "author": "zindelmoss", "created_at": 1700000300,
         "text": "Quorblatt, you are a liar and an idiot."},
        {"id": "3", "parent_id": "2", "author": "Vex Harrow", "created_at": 1700000900,
         "text": "Stop it zindelmoss. @Quorblatt ignore them."},
        {"id": "4", "parent_id": "3", "author": "zindelmoss", "created_at": 1700001500,
         "text": "Vex Harrow again? Pathetic."},
        {"id": "5", "parent_id": "", "author": "Vex Harrow", "created_at": 1700002000,
         "text": "A new point about the housing plan."},
    ]
    return "\n".join(json.dumps(row) for row in rows).encode("utf-8")


def _leaks(at: AppTest, downloads: dict) -> list[str]:
    """Every name found in what the page shows, its charts, its link and its downloads."""
    shown = [*_texts(at), json.dumps(dict(at.query_params))]
    shown += [frame.value.to_csv() for frame in at.dataframe]
    shown += [chart.proto.spec for chart in at.get("plotly_chart")]
    shown += [str(w.value) for w in [*at.multiselect, *at.selectbox, *at.text_input]]
    shown += [str(option) for w in [*at.multiselect, *at.selectbox] for option in w.options]
    for button in range(len(at.get("download_button"))):
        proto = at.get("download_button")[button].proto
        data = downloads[proto.deferred_file_id]() if proto.HasField("deferred_file_id") \
            else downloads[Path(proto.url).stem]
        shown.append(data.decode("utf-8") if isinstance(data, bytes) else str(data))
    blob = "\n".join(shown).lower()
    return [name for name in NAMES if name.lower() in blob]


def test_pseudonyms_leave_no_name_on_any_page(downloads):
    at = _upload("names.jsonl", _named_source())
    at.switch_page("pages/people.py").run()
    assert "Quorblatt" in at.dataframe[0].value["author"].tolist()  # shown by name first
    at.multiselect(key="filters.participant").set_value(["Quorblatt"]).run()
    at.text_input(key="filters.search").input("zindelmoss").run()
    at.toggle(key="data.pseudonymise").set_value(True).run()
    assert not at.exception
    # The filter and the search typed before the switch now hold pseudonyms, in the link too.
    chosen = at.multiselect(key="filters.participant").value
    assert len(chosen) == 1 and chosen[0].startswith("P-")
    assert at.text_input(key="filters.search").value.startswith("P-")
    at.multiselect(key="filters.participant").set_value([]).run()
    at.text_input(key="filters.search").input("").run()
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert count_caption(at).startswith("5 of 5 comments"), page
        assert _leaks(at, downloads) == [], page
    # Searching for a name finds nothing: no comment carries it any more.
    at.text_input(key="filters.search").input("Quorblatt").run()
    assert count_caption(at).startswith("0 of 5")


def test_the_same_key_gives_the_same_pseudonyms_in_another_session():
    seen = []
    for _ in range(2):
        at = _upload("names.jsonl", _named_source())
        at.toggle(key="data.pseudonymise").set_value(True).run()
        at.text_input(key="data.pseudonym_key").input("ethics board 7").run()
        at.switch_page("pages/people.py").run()
        seen.append(sorted(at.dataframe[0].value["author"]))
    assert seen[0] == seen[1] and all(name.startswith("P-") for name in seen[0])
    at.text_input(key="data.pseudonym_key").input("").run()  # a random key for this session
    assert sorted(at.dataframe[0].value["author"]) != seen[0]


def test_the_people_downloads_hold_the_tables_and_the_network(forum, forum_analysis,
                                                             downloads):
    at = _upload(*forum)
    at.switch_page("pages/people.py").run()
    names = participant_names(forum_analysis.comments[Col.AUTHOR]).dropna().unique()
    buttons = at.get("download_button")
    assert len(buttons) == 4
    participants = downloaded_bytes(at, downloads).decode("utf-8-sig")
    assert participants.splitlines()[0].startswith("author,comments,threads")
    assert len(participants.strip().splitlines()) == len(names) + 1
