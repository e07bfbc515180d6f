"""Correcting structure in the app (AppTest): the controls beside each comment, saved
corrections that outlive the session, the switch that ignores them, undo, and the download /
upload round trip. Each test uploads a page of its own, so saved corrections (kept in the
session's private data folder, tests/conftest.py) never reach another test."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from analysis.corrections import CorrectionStore, read_corrections
from analysis.schema import Col
from tests.conftest import TWO_TOPICS_NAME, TWO_TOPICS_PAGE
from tests.test_app import (  # noqa: F401 - fixtures
    APP,
    TIMEOUT,
    count_caption,
    downloaded_bytes,
    downloads,
    stay_on_navigation,
)


def page_text(tag: str) -> str:
    return "\n".join([
        f"Harbour to close in May ({tag})",
        "The council says the harbour will close in May to save money.",
        "", "", "",
        "Here is what the council left out:",                 # 6
        "The ferries carry four hundred people a day.",       # 7 (joins 6: intro line)
        f"You are wrong, closing it saves money ({tag}).",    # 8
        "Nobody asked you, idiot.",                           # 9
        "And what about the fishermen?",                      # 10
        "Thanks for the article.",                            # 11
    ]) + "\n"


def open_threads(name: str, text: str, *extra: tuple[str, bytes]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    uploader.upload(name, text.encode(), "text/plain")
    for extra_name, data in extra:
        uploader.upload(extra_name, data, "text/csv")
    at.run()
    at.switch_page("pages/threads.py").run()
    assert not at.exception, at.exception
    return at


def fix(at: AppTest, comment: str, action: str, line: int | None = None) -> AppTest:
    key = f"threads.fix.{comment}"
    if line is not None:
        at.number_input(key=f"{key}.line").set_value(line)
    at.button(key=f"{key}.{action}").click().run()
    assert not at.exception, at.exception
    return at


def reading_captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith("line")]


def test_a_join_and_a_new_parent_change_the_counts_the_tree_and_every_page():
    at = open_threads("join.txt", page_text("join"))
    assert count_caption(at).startswith("5 of 5 comments")
    before = reading_captions(at)
    assert before[1].startswith("line 8 · #1 · depth 1")
    fix(at, "join:L8", "join")
    assert count_caption(at).startswith("4 of 4 comments")
    captions = reading_captions(at)
    assert captions[0].startswith("lines 6-8 · #0") and "span corrected by hand" in captions[0]
    fix(at, "join:L11", "answer", 6)
    last = reading_captions(at)[-1]
    assert last.startswith("line 11 · #3 · depth 1 · reply · confidence 1.00 "
                           "(corrected by hand)")
    assert [m.value for m in at.metric][:2] == ["4", "2"]  # comments, deepest reply
    listed = [t.value for t in at.text if "join.txt line" in t.value]
    assert listed == ["join.txt line 8: continues the comment above",
                      "join.txt line 11: answers line 6"]
    at.switch_page("pages/overview.py").run()
    assert count_caption(at).startswith("4 of 4 comments")


def test_a_correction_that_cannot_apply_says_why_and_is_not_saved():
    at = open_threads("bad.txt", page_text("bad"))
    fix(at, "bad:L9", "answer", 10)
    assert any("comes after line 9" in e.value.replace("\\", "") for e in at.error)
    assert count_caption(at).startswith("5 of 5 comments")
    assert not [c.value for c in at.sidebar.caption if "saved correction" in c.value]


def test_a_correction_survives_a_restart_and_can_be_ignored():
    text = page_text("restart")
    fix(open_threads("restart.txt", text), "restart:L10", "top")
    # A fresh session of a fresh app: only the data folder is shared.
    at = open_threads("restart.txt", text)
    notes = [c.value for c in at.sidebar.caption if "saved correction" in c.value]
    assert len(notes) == 1 and notes[0].startswith("1 saved correction applied (last saved 20")
    assert len(at.selectbox(key="threads.thread").options) == 2  # line 10 opens a thread
    at.toggle(key="corrections.ignore").set_value(True).run()
    assert not at.exception
    assert len(at.selectbox(key="threads.thread").options) == 1
    notes = [c.value for c in at.sidebar.caption if "saved correction" in c.value]
    assert notes[0].startswith("1 saved correction ignored")
    assert not [b for b in at.button if b.key and b.key.startswith("threads.fix.")]


def test_undo_one_then_all():
    at = open_threads("undo.txt", page_text("undo"))
    fix(at, "undo:L6", "split", 7)
    fix(at, "undo:L9", "skip", 9)
    assert count_caption(at).startswith("5 of 5 comments")  # one more, one less
    assert reading_captions(at)[1].startswith("line 7 ·")
    at.button(key=[b.key for b in at.button if b.key and b.key.startswith(
        "corrections.undo.")][1]).click().run()  # the skip
    assert count_caption(at).startswith("6 of 6 comments")
    at.button(key="corrections.undo_all").click().run()
    assert count_caption(at).startswith("5 of 5 comments")
    assert not [c.value for c in at.sidebar.caption if "saved correction" in c.value]


def test_download_and_upload_again_round_trip(downloads):  # noqa: F811 - a fixture
    text = page_text("trip")
    at = open_threads("trip.txt", text)
    fix(at, "trip:L8", "join")
    fix(at, "trip:L11", "answer", 9)
    corrected = reading_captions(at)
    data = downloaded_bytes(at, downloads)
    rows, problems = read_corrections("corrections.csv", data)
    assert not problems and [c.asks() for c in rows] == [
        ("trip.txt", "8", "join", ""), ("trip.txt", "11", "parent", "9")]
    assert rows[1].line_text == "Thanks for the article."
    at.button(key="corrections.undo_all").click().run()
    assert count_caption(at).startswith("5 of 5 comments")
    # A colleague (a fresh session) uploads the page with the corrections file.
    again = open_threads("trip.txt", text, ("corrections.csv", data))
    assert count_caption(again).startswith("4 of 4 comments")
    assert reading_captions(again) == corrected
    assert any("corrections.csv: 2 corrections added" in i.value.replace("\\", "")
               for i in again.info)


def test_saved_corrections_whose_lines_changed_are_reported_not_applied():
    text = page_text("edited")
    at = open_threads("edited.txt", text)
    fix(at, "edited:L11", "answer", 6)
    hashes = at.session_state["corrections.hashes"][1]
    edited = text.replace("Thanks for the article.", "Great article, thanks.")
    at = open_threads("edited.txt", edited)
    assert count_caption(at).startswith("5 of 5 comments")
    assert "corrected by hand" not in " ".join(reading_captions(at))  # nothing saved for it
    # The old file's corrections, copied to the edited file's content hash, are checked.
    store = CorrectionStore()
    old = store.load(hashes["edited.txt"], "edited.txt")
    new_hash = at.session_state["corrections.hashes"][1]["edited.txt"]
    store.save(new_hash, old.corrections)
    at = open_threads("edited.txt", edited)
    warnings = [w.value for w in at.warning]
    assert any("could not apply" in w for w in warnings), warnings
    assert any("no longer starts with 'Thanks for the article.'" in t.value for t in at.text)
    assert "corrected by hand" not in " ".join(reading_captions(at))


@pytest.mark.parametrize("page", ["overview", "threads", "explorer"])
def test_another_sessions_edit_never_changes_this_view_silently(page):
    text = page_text(f"shared-{page}")
    name = f"shared{page}.txt"
    watcher = open_threads(name, text)
    fix(open_threads(name, text), f"shared{page}:L8", "join")
    watcher.switch_page(f"pages/{page}.py").run()
    assert count_caption(watcher).startswith("5 of 5 comments")
    assert any("changed since this view loaded them" in i.value for i in watcher.sidebar.info)
    watcher.button(key="corrections.reload").click().run()
    assert count_caption(watcher).startswith("4 of 4 comments")


EXPORT = """id,parent_id,author,text
1,,ann,Where is the ferry timetable for the structured test?
2,1,bob,On the council website.
3,2,cat,It is out of date.
4,,dan,Close it.
"""


def test_a_structured_comment_is_attached_by_id():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("ids.csv", EXPORT.encode(), "text/csv").run()
    at.switch_page("pages/threads.py").run()
    assert len(at.selectbox(key="threads.thread").options) == 2
    at.selectbox(key="threads.thread").set_value("4").run()
    at.text_input(key="threads.fix.4.target").input("3")
    at.button(key="threads.fix.4.answer").click().run()
    assert not at.exception, at.exception
    assert len(at.selectbox(key="threads.thread").options) == 1
    assert [m.value for m in at.metric][:2] == ["4", "3"]


def test_a_comment_joined_across_a_blank_line_shows_its_lines():
    text = page_text("blank").replace("Nobody asked you, idiot.\n", "Nobody asked you, idiot.\n\n")
    at = open_threads("blank.txt", text)
    fix(at, "blank:L11", "join")  # line 11 (after the blank line 10) joins line 9
    assert not at.exception
    joined = [t.value for t in at.text if "Nobody asked you" in t.value]
    assert joined and "And what about the fishermen?" in joined[0]
    assert joined[0].lstrip().startswith("9  Nobody asked you")


RESAVED = "tests/data/resaved"


def _thread_view(files: list[tuple[str, bytes]], thread: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    uploader = at.get("file_uploader")[0]
    for name, data in files:
        uploader.upload(name, data, "application/json" if name.endswith(".jsonl")
                        else "text/csv")
    at.run()
    at.switch_page("pages/threads.py").run()
    at.selectbox(key="threads.thread").set_value(thread).run()
    assert not at.exception, at.exception
    return at


def _links_shown(at: AppTest) -> list[str]:
    """The guess legend and each comment's link as the reading view shows it."""
    return [c.value for c in at.caption if "guessed link" in c.value] + \
        [c.value.split(" · hostility level")[0] for c in at.caption if c.value.startswith("#")]


def test_an_export_read_back_shows_its_guesses_as_the_first_reading_did():
    from tests.test_own_export import AUTHORED_RECORDS
    authored = "\n".join(json.dumps(record) for record in AUTHORED_RECORDS) + "\n"
    first = _thread_view([("authored.jsonl", authored.encode())], "p1")
    with open(f"{RESAVED}/export_libreoffice.csv", "rb") as handle:
        again = _thread_view([("export_libreoffice.csv", handle.read())], "p1")
    shown = _links_shown(again)
    assert shown == _links_shown(first)
    assert sum("(inferred)" in link for link in shown) == len(AUTHORED_RECORDS)
    # A hand correction on the read-back export: that link is set by hand, the others stay
    # the guesses the file states.
    again.text_input(key="threads.fix.p5.target").input("p1")
    again.button(key="threads.fix.p5.answer").click().run()
    assert not again.exception, again.exception
    after = _links_shown(again)
    assert sum("(corrected by hand)" in link for link in after) == 1
    assert sum("(inferred)" in link for link in after) == len(AUTHORED_RECORDS) - 1


def topic_members(at: AppTest, topic: int) -> set[str]:
    at.selectbox(key="topics.topic").set_value(topic).run()
    assert not at.exception, at.exception
    return set(at.dataframe[-1].value[Col.COMMENT_ID])


def test_a_split_shows_each_part_under_the_topic_of_its_words():
    # Two topics from the page's own comments; the comment at lines 18-19 is about both.
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.number_input(key="data.topics").set_value(2).run()
    at.get("file_uploader")[0].upload(TWO_TOPICS_NAME, TWO_TOPICS_PAGE.encode(), "text/plain")
    at.run()
    at.switch_page("pages/topics.py").run()
    assert not at.exception, at.exception
    options = at.selectbox(key="topics.topic").options  # "0: stadium / football / club"
    football = next(int(name.split(":")[0]) for name in options if "stadium" in name)
    railway = next(int(name.split(":")[0]) for name in options if "railway" in name)
    assert "pitch:L18" in topic_members(at, football)
    assert "pitch:L19" not in topic_members(at, railway)
    at.switch_page("pages/threads.py").run()
    fix(at, "pitch:L18", "split", 19)
    at.switch_page("pages/topics.py").run()
    assert not at.exception, at.exception
    # The same topics, named as before (listed largest first); each part under its own.
    assert sorted(at.selectbox(key="topics.topic").options) == sorted(options)
    assert "pitch:L18" in topic_members(at, football)
    assert "pitch:L19" in topic_members(at, railway)
    assert "pitch:L19" not in topic_members(at, football)
