"""Every page under AppTest, on the seeds (the default data) and on an upload."""

import re
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from analysis.export import read_safe_csv
from analysis.filters import Filters, apply_filters
from analysis.pipeline import analyse_paths
from analysis.readers import seed_paths
from analysis.schema import COMMENT_COLUMNS, Col, ThreadCol, ThreadViewCol
from analysis.views import thread_names

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ["overview", "sentiment", "hostility", "topics", "threads", "people", "timeline",
         "explorer"]
TIMEOUT = 120

HOSTILE_PAGE = """\
<script>window.__pwned = 1</script> Headline ![img](http://x/y.png) [t](javascript:alert(3))
Article body with <img src=x onerror=alert(2)> and www.example.com and :red[x] about the EU.




Comment one <script>window.__pwned = 2</script> you idiot, this is stupid.
Reply: [link](javascript:alert(1)) is what you are, a liar.
![img](http://x/y.png) look at www.example.com now, you moron
<img src=x onerror="window.__pwned=3"> :red[x] :red-background[y] **bold** `code`
"""


@pytest.fixture(autouse=True)
def stay_on_navigation(monkeypatch):
    """AppTest resets PagesManager.uses_pages_directory before every run, so each run of an
    app with a ``pages/`` folder starts in the legacy pages-folder mode (app.py then reruns at
    once, and a widget change sent with that run is lost). A server sets the flag once and
    st.navigation turns it off for good: do the same here."""
    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """What the media file manager was handed for download buttons, by file id: the bytes,
    or for a deferred download the callable a click would run."""
    stored: dict[str, object] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    original_deferred = MediaFileManager.add_deferred

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = path_or_data
        return file_id

    def add_deferred(self, data_callable, *args, **kwargs):
        file_id = original_deferred(self, data_callable, *args, **kwargs)
        stored[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return stored


def downloaded_bytes(at: AppTest, downloads: dict[str, object]) -> bytes:
    """The file the (first) download button on the page hands out when clicked."""
    proto = at.get("download_button")[0].proto
    if proto.HasField("deferred_file_id"):
        data = downloads[proto.deferred_file_id]()
    else:
        data = downloads[Path(proto.url).stem]
    return data.encode("utf-8") if isinstance(data, str) else data


@pytest.fixture(scope="module")
def seeds():
    return analyse_paths(seed_paths())


def open_page(page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def param(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


def count_caption(at: AppTest) -> str:
    captions = [c.value for c in at.caption if re.match(r"[\d,]+ of [\d,]+ comments?\b", c.value)]
    assert captions, [c.value for c in at.caption]
    return captions[0]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_seeds(page, seeds):
    at = open_page(page)
    total = len(seeds.comments)
    assert count_caption(at).startswith(f"{total} of {total} comments")
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_a_filter_changes_the_counts(page, seeds):
    at = open_page(page)
    at.multiselect(key="filters.level").set_value([2]).run()
    assert not at.exception
    hostile = int((seeds.comments[Col.HOSTILITY_LEVEL] == 2).sum())
    assert 0 < hostile < len(seeds.comments)
    assert count_caption(at).startswith(f"{hostile} of {len(seeds.comments)} comments")
    assert param(at, "level") == ["2"]


@pytest.mark.parametrize("page", PAGES)
def test_no_match_shows_a_message_not_an_error(page):
    at = open_page(page)
    at.text_input(key="filters.search").input("no comment says this zqxj").run()
    assert not at.exception
    assert count_caption(at).startswith("0 of ")
    assert not at.error
    if page != "overview":  # the overview still lists the articles themselves
        assert at.info


def test_filters_persist_across_pages():
    at = open_page("overview")
    at.text_input(key="filters.search").input("France").run()
    first = count_caption(at)
    for page in PAGES[1:]:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception
        assert count_caption(at) == first
        assert at.text_input(key="filters.search").value == "France"
        assert param(at, "q") == ["France"]


def test_a_shared_link_opens_filtered(seeds):
    at = open_page("threads", {"level": "1", "q": "EU", "depth_min": "1"})
    expected = apply_filters(seeds.comments, Filters(levels=(1,), search="EU", depth=(1, 10**9)))
    assert count_caption(at).startswith(f"{len(expected)} of {len(seeds.comments)} comments")
    assert at.multiselect(key="filters.level").value == [1]


def test_a_link_to_data_this_session_lacks_says_what_it_left_out(seeds):
    at = open_page("hostility", {"article": "6wmniq", "level": "2"})
    warnings = [w.value.replace("\\", "") for w in at.sidebar.warning]
    assert len(warnings) == 1 and "article 6wmniq" in warnings[0], warnings
    assert at.multiselect(key="filters.level").value == [2]  # what the data has is kept
    assert not open_page("hostility", {"level": "2"}).sidebar.warning


def test_reset_clears_every_filter(seeds):
    at = open_page("overview", {"level": "2", "marker": "insult", "q": "you"})
    assert not count_caption(at).startswith(f"{len(seeds.comments)} of")
    at.button(key="filters.reset").click().run()
    total = len(seeds.comments)
    assert count_caption(at).startswith(f"{total} of {total} comments")
    assert not {"level", "marker", "q"} & set(at.query_params)


def test_explorer_download_holds_exactly_the_filtered_rows(seeds, downloads):
    at = open_page("explorer")
    at.multiselect(key="filters.level").set_value([1, 2]).run()
    at.slider(key="filters.sentiment").set_value((-1.0, 0.0)).run()
    assert not at.exception
    data = downloaded_bytes(at, downloads)
    exported = read_safe_csv(data)
    expected = apply_filters(seeds.comments, Filters(levels=(1, 2), sentiment=(-1.0, 0.0)))
    assert 0 < len(exported) < len(seeds.comments)
    assert list(exported.columns) == COMMENT_COLUMNS
    assert exported[Col.COMMENT_ID].tolist() == expected[Col.COMMENT_ID].tolist()
    assert exported[Col.TEXT].tolist() == expected[Col.TEXT].astype(str).tolist()


def test_explorer_download_follows_the_sort_and_can_hold_every_column(seeds, downloads):
    at = open_page("explorer")
    at.selectbox(key="explorer.sort").set_value("most hostile first").run()
    at.toggle(key="explorer.every_column").set_value(True).run()
    assert not at.exception
    exported = read_safe_csv(downloaded_bytes(at, downloads))
    assert len(exported) == len(seeds.comments)
    assert set(COMMENT_COLUMNS) < set(exported.columns)
    assert Col.INFERRED in exported.columns
    # Every comment read from page text carries how likely its span is right.
    assert exported[Col.SEGMENT_CONFIDENCE].between(0, 1).all()
    scores = exported[Col.HOSTILITY].tolist()
    assert scores == sorted(scores, reverse=True)


def test_sentiment_page_reads_a_clicked_comment(seeds):
    at = open_page("sentiment")
    assert any("Click a point" in info.value for info in at.info)


@pytest.mark.parametrize("page", PAGES)
def test_an_upload_replaces_the_seeds_and_stays_inert(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("evil.txt", HOSTILE_PAGE.encode(), "text/plain").run()
    assert not at.exception
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert count_caption(at).startswith("4 of 4 comments")
    # Untrusted text only ever reaches Markdown escaped: no raw tag or link syntax survives.
    for element in [*at.markdown, *at.caption, *at.info, *at.error, *at.title]:
        assert "<script" not in element.value and "](javascript" not in element.value


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("broken.json", b'[{"id": 1, "text": "ok"},\n {"id": 2,, "text": "x"}]',
     "broken.json, line 2"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary file"),
    ("empty.txt", b"", "empty file"),
    ("notext.csv", b"id,parent_id,author\n1,,ann\n", "no text column"),
])
@pytest.mark.parametrize("page", ["overview", "threads"])
def test_a_bad_upload_shows_its_error_on_the_page_not_a_traceback(page, name, content,
                                                                  expected):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload(name, content, "application/octet-stream").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 1 and expected in errors[0], errors


@pytest.mark.parametrize("page", ["overview", "threads"])
def test_an_unreadable_file_is_set_aside_and_the_others_are_analysed(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    uploader.upload("broken.json", b'[{"id": 1, "text": "ok"},\n {"id": 2,, "text": "x"}]',
                    "application/json")
    uploader.upload("good.txt", HOSTILE_PAGE.encode(), "text/plain").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert len(errors) == 1 and "broken.json, line 2" in errors[0], errors
    assert "other files are analysed" in errors[0]
    assert count_caption(at).startswith("4 of 4 comments")
    assert at.sidebar.get("multiselect"), "the filters stay available"


@pytest.mark.parametrize("page", ["overview", "explorer"])
def test_lines_the_reading_skipped_are_named_on_the_page(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    source = (b'{"id": "1", "author": "ann", "text": "The budget is fine."}\n'
              b'{"id": "2", "parent_id": "1", "author": "bob", broken\n'
              b'{"id": "3", "parent_id": "9", "author": "cy", "text": "Who are you?"}\n')
    at.get("file_uploader")[0].upload("skips.jsonl", source, "application/json").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert count_caption(at).startswith("2 of 2 comments")
    notes = "\n".join(t.value for t in at.text)
    assert "skips.jsonl:2: skipped: invalid JSON" in notes
    assert "skips.jsonl:3: comment '3' replies to '9', which is not in the file" in notes


def test_an_open_depth_range_stays_open_on_deeper_uploaded_threads():
    # The seeds' threads are shallower than this upload's 30-deep chain: an untouched depth
    # slider must not hide the deeper replies.
    rows = ["id,parent_id,text"] + [f"{i},{i - 1 if i else ''},reply number {i} to the one above"
                                    for i in range(31)]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("chain.csv", "\n".join(rows).encode(), "text/csv").run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception
    assert count_caption(at) == "31 of 31 comments"


def test_the_number_of_topics_can_be_set_in_the_sidebar():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page("pages/topics.py").run()
    automatic = at.session_state["filters.options"].topics
    at.number_input(key="data.topics").set_value(3).run()
    assert not at.exception
    chosen = at.session_state["filters.options"].topics
    assert len(chosen) != len(automatic)
    assert len([t for t in chosen if int(t) >= 0]) == 3


def test_after_the_first_load_visiting_the_pages_computes_only_selections():
    from pages._common import VIEWS_BUILT

    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    # A source no other test uploads, so its views are not in the process-wide cache yet.
    page = HOSTILE_PAGE + "A comment only this test uploads, about warm caches, you fool.\n"
    at.get("file_uploader")[0].upload("warm.txt", page.encode("utf-8"), "text/plain")
    before = VIEWS_BUILT.copy()
    at.run()
    assert not at.exception
    warmed = VIEWS_BUILT - before
    assert {"analysis.views.chains", "analysis.threads.reply_pairs",
            "pages._charts.sentiment_along_depth",
            "analysis.topics.summarise_topics"} <= set(warmed)
    after_load = VIEWS_BUILT.copy()
    for name in PAGES[1:] + PAGES[:1]:
        at.switch_page(f"pages/{name}.py").run()
        assert not at.exception, (name, at.exception)
    built_on_visits = set(VIEWS_BUILT - after_load)
    # Only views of what a page selects (one thread, one topic, the explorer's first rows).
    assert built_on_visits <= {"analysis.views.thread_members", "analysis.views.topic_members",
                               "analysis.views.first_rows",
                               "analysis.timeline.article_activity"}, built_on_visits


def test_threads_page_shows_whole_threads_and_the_sidebar_names_under_a_filter(seeds):
    at = open_page("threads")
    at.slider(key="filters.depth").set_value((2, 6)).run()
    at.multiselect(key="filters.level").set_value([0]).run()
    assert not at.exception
    kept = apply_filters(seeds.comments, Filters(levels=(0,), depth=(2, 6)))
    names = thread_names(seeds.comments)
    whole = seeds.threads.set_index(ThreadCol.THREAD_ID)
    # The picker names each thread as the sidebar does, with the whole thread's size.
    sidebar = at.sidebar.selectbox(key="filters.thread").options
    picker = at.selectbox(key="threads.thread").options
    shown = kept[Col.THREAD_ID].value_counts()
    assert len(picker) == len(shown)
    for label in picker:
        name, _, size = label.rpartition(" (")
        assert name in sidebar
        thread = next(t for t, n in names.items() if n == name)
        count = whole.loc[thread, ThreadCol.SIZE]
        assert size == f"{count:,} comment{'' if count == 1 else 's'})"
    # The chosen thread's figures are the whole thread's, next to how much of it is shown.
    thread = at.selectbox(key="threads.thread").value
    size = int(whole.loc[thread, ThreadCol.SIZE])
    assert 0 < shown[thread] < size, "the filter hides part of this thread"
    assert f"{shown[thread]:,} of {size:,} comments of this thread shown" in \
        " ".join(c.value for c in at.caption)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Comments"] == f"{size:,}"
    assert metrics["Deepest reply"] == f"{int(whole.loc[thread, ThreadCol.DEPTH]):,}"
    assert metrics["Uncivil+"] == f"{whole.loc[thread, ThreadCol.UNCIVIL_SHARE]:.0%}"
    table = at.dataframe[0].value.set_index(ThreadCol.THREAD_ID)
    assert table[ThreadCol.SIZE].to_dict() == whole.loc[table.index, ThreadCol.SIZE].to_dict()
    assert table[ThreadViewCol.SHOWN].to_dict() == shown.loc[table.index].to_dict()


def test_a_new_analysis_shows_its_stages_and_a_cached_one_does_not(monkeypatch):
    import pages._common as common
    from analysis.stages import PROGRESS_STAGES

    monkeypatch.setattr(common, "STATUS_AFTER_S", 0.0)  # show even a quick analysis
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    page = HOSTILE_PAGE + "A comment only the progress test uploads, about stages.\n"
    at.get("file_uploader")[0].upload("stages.txt", page.encode("utf-8"), "text/plain").run()
    assert not at.exception
    status = at.status[0]
    assert status.label == "Analysed: " + ", ".join(PROGRESS_STAGES)
    assert status.state == "complete"
    shown = " ".join(t.value for t in status.text)
    assert shown == "done: " + ", ".join(PROGRESS_STAGES)
    # The same files again: the analysis comes from the cache, well within the wait before
    # stages are shown (with no wait at all, the thread's start alone may outlast it).
    monkeypatch.setattr(common, "STATUS_AFTER_S", 1.0)
    at.run()
    assert not at.exception
    assert not at.status


def test_cached_loaders_read_no_session_state_and_call_no_element():
    import ast
    import inspect

    import pages._common as common

    # What reads or writes the session (or draws): allowed around cached functions, not inside.
    session_bound = {"filtered_view", "show", "_analysis", "_source_analysis", "data_digest",
                     "source_digest", "current_filters", "readable_files", "topic_count",
                     "pseudonym_key", "article_titles", "topic_labels", "thread_titles",
                     "_load_with_status", "view_chart"}
    tree = ast.parse(inspect.getsource(common))
    cached = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
              and any("cache_" in ast.unparse(d) for d in node.decorator_list)]
    assert len(cached) >= 8
    for function in cached:
        names = {n.id for n in ast.walk(ast.Module(body=function.body, type_ignores=[]))
                 if isinstance(n, ast.Name)}
        assert "st" not in names, function.name
        assert not names & session_bound, (function.name, names & session_bound)


def _hostility_page_of(name: str, source: str) -> AppTest:
    """The Hostility page after uploading the CSV text ``source`` as ``name``."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload(name, source.encode(), "text/csv").run()
    at.switch_page("pages/hostility.py").run()
    assert not at.exception
    return at


def test_the_hostility_page_shows_learned_words_next_to_the_marker_words():
    at = _hostility_page_of("few.csv", (
        "id,text\n1,Nothing but sex and balls jokes again\n2,You are a stupid idiot.\n"
        "3,The meeting is on Tuesday at noon.\n"))
    tables = [t.value for t in at.dataframe if Col.HOSTILITY_WORDS in t.value.columns]
    assert len(tables) == 1
    table = tables[0].set_index(Col.COMMENT_ID)
    # The learned part alone flags comment 1: it is listed, with its words and no marker.
    assert sorted(table.index) == ["1", "2"]
    assert table.loc["1", Col.HOSTILITY_MARKERS] == ""
    assert table.loc["1", Col.HOSTILITY_WORDS].split(";")[0] == "sex"
    assert "idiot" in table.loc["2", Col.HOSTILITY_WORDS].split(";")
    first = tables[0].iloc[0]
    shown = [t.value for t in at.text if t.value.startswith("Marker words:")]
    assert shown == [f"Marker words: {first['matched'] or '(none)'}\n"
                     f"Learned words: {first[Col.HOSTILITY_WORDS] or '(none)'}"]


def test_the_explorer_shows_the_learned_words(seeds):
    at = open_page("explorer")
    table = at.dataframe[0].value
    expected = seeds.comments.set_index(Col.COMMENT_ID)[Col.HOSTILITY_WORDS]
    assert table[Col.HOSTILITY_WORDS].tolist() == expected.loc[table[Col.COMMENT_ID]].tolist()
    assert (table[Col.HOSTILITY_WORDS] != "").any()


def test_the_hostility_list_does_not_call_civil_comments_flagged():
    at = _hostility_page_of("cues.csv", (
        "id,text\n1,You are a stupid idiot.\n2,Great article thanks!\n"
        "3,The meeting is at noon.\n"))
    table = next(t.value for t in at.dataframe if Col.HOSTILITY_WORDS in t.value.columns)
    assert (table[Col.HOSTILITY_LEVEL] == 0).any()  # a weak cue lists a civil comment too
    caption = next(c.value for c in at.caption if "most hostile first" in c.value)
    assert "flagged" not in caption
    assert caption.startswith(f"All {len(table)} comments with a marker (weak cues too)")


def test_a_mean_sentiment_that_rounds_to_zero_shows_no_minus_sign():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    # Compounds -0.4767, 0.2023 and 0.2732: the mean is -0.0004.
    source = "id,text\n1,Sad news.\n2,Fine by me.\n3,Agreed.\n"
    at.get("file_uploader")[0].upload("calm.csv", source.encode(), "text/csv").run()
    assert not at.exception
    assert [m.value for m in at.metric if m.label == "Sentiment"] == ["+0.00"]


def test_the_timeline_does_not_call_a_thread_that_starts_uncivil_one_that_turned():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    source = ("id,parent_id,created_at,text\n1,,2024-01-01T10:00:00Z,You are a stupid idiot.\n"
              "2,1,2024-01-01T10:05:00Z,The meeting is at noon.\n")
    at.get("file_uploader")[0].upload("rude.csv", source.encode(), "text/csv").run()
    at.switch_page("pages/hostility.py").run()
    assert not at.exception
    turning = next(c.value for c in at.caption if " turn uncivil" in c.value)
    assert turning.startswith("0 of 1 thread turn uncivil")  # nothing civil was answered
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    captions = [c.value for c in at.caption if " of 1 thread" in c.value]
    assert captions == ["1 of 1 thread has an uncivil or hostile comment (level 1 or 2), "
                        "soonest first; times count from the thread's first comment, over the "
                        "whole thread."]


def test_two_uploads_of_one_file_name_are_named_on_the_page():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    uploader.upload("x.csv", b"id,parent_id,text\n1,,first file\n2,1,its reply\n", "text/csv")
    uploader.upload("x.csv", b"id,parent_id,text\n1,,second file\n", "text/csv").run()
    assert not at.exception
    assert count_caption(at).startswith("3 of 3 comments")
    warnings = [w.value.replace("\\", "") for w in at.warning]
    assert warnings == ["2 uploaded files are named x.csv: every table shows them as one "
                        "source name, so rename one and upload it again."]
