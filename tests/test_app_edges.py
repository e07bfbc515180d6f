# ruff: noqa: F811  (the imported fixtures of tests/test_app.py are requested by name)
"""What a demanding user runs into on an export with authors, times, reply ids and hostile,
formula-like and markup-like text: real Streamlit (AppTest) on a small hand-written CSV."""

import csv
import io
import json
import re
from datetime import datetime

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analysis.readers import read_bytes
from tests.test_app import (  # noqa: F401 (fixtures: downloads, stay_on_navigation)
    APP,
    PAGES,
    TIMEOUT,
    count_caption,
    stay_on_navigation,
)

HOSTILE = "You are an idiot and a liar, shut up."
ROWS = [  # comment_id, parent_id, author, created_at, text
    ("c1", "", "ann", "2024-05-01T10:00:00Z", "Has anyone read the full report yet?"),
    ("c2", "c1", "bob", "2024-05-01T10:05:00Z", HOSTILE),
    ("c3", "c2", "cem", "2024-05-01T10:09:00Z", "What a stupid pathetic moron, go away."),
    ("c4", "c1", "dia", "2024-05-01T10:20:00Z", "This is ridiculous nonsense, honestly."),
    ("c5", "", "bob", "2024-05-01T11:00:00Z", "Thanks for the article."),
    ("c6", "c5", "ann", "2024-05-01T11:02:00Z", "Typical clueless journalism. Pathetic."),
    ("c7", "", "cem", "2024-05-01T12:00:00Z", "Thanks for the article."),
    ("c8", "c7", "dia", "2024-05-01T12:30:00Z", "Only a complete imbecile would write this."),
    ("c9", "c7", "ann", "2024-05-01T12:31:00Z", "I agree, the numbers look fine to me."),
    ("c10", "", "=cmd|calc", "2024-05-01T13:00:00Z",
     '=HYPERLINK("http://evil.example","click me") you fool'),
    ("c11", "c10", "bob", "2024-05-01T13:10:00Z",
     "[click](http://x) <img src=x onerror=alert(1)> **bold** shut up you moron"),
    ("c12", "c10", "eve", "2024-05-01T13:20:00Z", "+1 agree, -2 for the author, @mods check"),
]


def export_csv(rows=ROWS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["comment_id", "parent_id", "author", "created_at", "text"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def open_export(page: str, rows=ROWS, name: str = "export.csv") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload(name, export_csv(rows), "text/csv").run()
    assert not at.exception
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert count_caption(at).startswith(f"{len(ROWS)} of {len(ROWS)} comments")
    return at


def test_a_row_chosen_in_the_hostility_list_survives_a_filter_that_shortens_it():
    at = open_export("hostility")
    table = at.dataframe[0].value
    last = len(table) - 1
    assert last > 2
    at.session_state["hostility.table"] = {"selection": {"rows": [last], "columns": [],
                                                          "cells": []}}
    at.run()
    assert not at.exception
    chosen = table.iloc[last]
    assert any(c.value.startswith(f"Comment {chosen.iloc[0]} ") for c in at.caption)
    # Only the hostile comments are left: the chosen row number is past the list's end.
    at.multiselect(key="filters.level").set_value([2]).run()
    assert not at.exception, at.exception
    shortened = at.dataframe[0].value
    assert len(shortened) <= last
    assert any(c.value.startswith(f"Comment {shortened.iloc[0].iloc[0]} ") for c in at.caption)


def _figure(at: AppTest, title: str) -> dict:
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    found = [f for f in figures if title in f["layout"]["title"]["text"]]
    assert len(found) == 1, [f["layout"]["title"]["text"] for f in figures]
    return found[0]


def test_two_threads_that_open_with_the_same_words_keep_a_bar_each():
    # c5 and c7 both open "Thanks for the article.": plotly draws equal category names as one
    # bar, stacking both threads' shares into a bar past 100%.
    at = open_export("hostility")
    figure = _figure(at, "Hostility levels by thread")
    civil = next(trace for trace in figure["data"] if trace["name"] == "civil")
    names = [name for trace in figure["data"] for name in trace["y"]]
    threads = {row[0] for row in ROWS if not row[1]}
    assert len(set(names)) == len(threads) == len(civil["y"])
    assert sum("Thanks for the article." in name for name in set(names)) == 2


PAGE_WITHOUT_ZONE = "Council approves new cycle lanes\nThe council voted on Tuesday.\n\n\n\n" + \
    "Comments\n\n" + "".join(
        f"{name}\n9 Mar 2020 19.{17 + 3 * k:02d}\n{body}\nReply\nReport\n{k + 2}\n\n"
        for k, (name, body) in enumerate([
            ("RiverRat", "Finally, this has been needed for years."),
            ("Jane_Doe", "Another waste of money by clueless councillors."),
            ("oldtimer77", "You are an idiot if you think this helps, shut up."),
            ("CyclingMum", "I cycle to work and the roads are dangerous.")]))


def test_the_timeline_says_when_times_name_no_zone():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("page.txt", PAGE_WITHOUT_ZONE.encode(), "text/plain").run()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    assert count_caption(at).startswith("4 of 4 comments")
    assert at.get("plotly_chart")  # the page's times are read and drawn
    assert any(c.value.startswith("4 of these times name no time zone") for c in at.caption)
    # An export whose times carry their zone draws the same charts without the caveat.
    at = open_export("timeline")
    assert at.get("plotly_chart")
    assert not any("no time zone" in c.value for c in at.caption)


def test_a_file_name_in_the_note_about_another_sessions_edit_stays_plain_text():
    from pages._common import escape_markdown
    from tests.test_app_corrections import fix, open_threads, page_text

    name = "[x](javascript:alert(1)) **bold**.txt"
    text = page_text("markdown file name")
    watcher = open_threads(name, text)
    fix(open_threads(name, text), "[x](javascript:alert(1)) **bold**:L8", "join")
    watcher.run()
    notes = [i.value for i in watcher.sidebar.info if "changed since" in i.value]
    assert len(notes) == 1 and escape_markdown(name) in notes[0], notes


@pytest.mark.parametrize("page", ["hostility", "sentiment"])
def test_chains_and_depths_on_inferred_links_say_they_are_a_guess(page):
    # The seed page gives no reply links: its chains and depths rest on guessed links.
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    notes = [c.value for c in at.caption if "reply links here are inferred" in c.value]
    assert len(notes) == 1 and "mean link confidence 0." in notes[0], notes
    # An export that gives every link has nothing to warn about.
    assert not any("inferred" in c.value for c in open_export(page).caption)


def test_a_time_range_narrowed_on_one_upload_does_not_cut_the_next_one():
    at = open_export("overview")
    at.slider(key="filters.time").set_value(
        (datetime(2024, 5, 1, 10, 30), datetime(2024, 5, 1, 12, 0))).run()
    assert count_caption(at).startswith(f"3 of {len(ROWS)} comments")
    uploader = at.get("file_uploader")[0]
    uploader.clear()
    uploader.upload("page.txt", PAGE_WITHOUT_ZONE.encode(), "text/plain").run()
    assert not at.exception, at.exception
    # The page's times (9 March 2020) all lie outside the range chosen on the export.
    assert count_caption(at).startswith("4 of 4 comments")
    assert not {"from", "to"} & set(at.query_params)


def test_a_link_to_a_time_range_the_data_lacks_says_so():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"from": "2024-05-01T10:30:00Z", "to": "2024-05-01T12:00:00Z"})
    at.run()  # the seeds carry no time
    assert not at.exception, at.exception
    warnings = [w.value.replace("\\", "") for w in at.sidebar.warning]
    assert len(warnings) == 1, warnings
    assert "time range 2024-05-01T10:30:00Z to 2024-05-01T12:00:00Z" in warnings[0]
    kept, total = count_caption(at).split(" comments")[0].split(" of ")
    assert kept == total  # nothing filtered


def test_a_link_with_filter_values_that_do_not_parse_says_which():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"level": ["7", "2"], "sentiment_min": "low"})
    at.run()
    assert not at.exception, at.exception
    warnings = [w.value.replace("\\", "") for w in at.sidebar.warning]
    assert warnings == ["The link's level=7, sentiment_min=low could not be read as a filter: "
                        "left out."]
    assert at.sidebar.multiselect(key="filters.level").value == [2]  # the readable one holds


def test_an_empty_hostility_list_says_so_once_and_offers_no_row():
    at = open_export("hostility")
    # Civil comments without a marker or learned words: nothing to list.
    at.text_input(key="filters.search").input("Thanks for the article").run()
    assert not at.exception, at.exception
    assert any("No comment here has a hostility marker" in i.value for i in at.info)
    assert not any("comments with a marker" in c.value for c in at.caption)
    assert not any("Select a row" in c.value for c in at.caption)


def test_the_timeline_leaves_out_and_counts_a_reply_stamped_before_its_parent():
    rows = [row if row[0] != "c9" else (*row[:3], "2024-05-01T11:59:00Z", row[4])
            for row in ROWS]  # c9 answers c7 (12:00) a minute before it was written
    at = open_export("timeline", rows, "skewed.csv")
    assert any(c.value.startswith("1 reply is stamped before the comment answered")
               for c in at.caption)
    assert _figure(at, "How fast replies come")  # the other replies are still timed
    at = open_export("timeline")
    assert not any("stamped before" in c.value for c in at.caption)


@pytest.mark.parametrize("page", PAGES)
def test_a_page_of_comments_without_its_article_renders_every_page(page):
    text = "\n\n\n\n" + "\n".join(row[4] for row in ROWS[:9]) + "\n"
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("only.txt", text.encode(), "text/plain").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    read = len(read_bytes("only.txt", text.encode()).comments)  # before: 0, all article
    assert read > 0 and count_caption(at).startswith(f"{read} of {read} comments")


INDENTED_PAGE = "\n".join([
    "Bridge plan approved", "", "The council approved the bridge on Monday.", "", "", "",
    "The plan is years late and nobody is surprised.",
    "    It was late because the council changed the design twice.",
    "        Which the contractor asked for, to be fair.",
    "    Late and over budget, as every bridge is.",
    "The ferry works fine, why build a bridge at all?",
    "    Because the ferry stops in winter storms.",
    "Good news for cyclists at least.",
]) + "\n"


@pytest.mark.parametrize("page", PAGES)
def test_a_page_indented_by_reply_depth_renders_every_page_with_its_own_links(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("indented.txt", INDENTED_PAGE.encode(),
                                      "text/plain").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert count_caption(at).startswith("7 of 7 comments")
    # The links are the page's, not guesses: no page says they are inferred.
    assert not any("inferred from page order" in c.value for c in at.caption)


ARTICLE_ONLY_PAGE = ("Harbour budget approved\n"
                     "The council approved the harbour budget on Monday.\n"
                     "The vote was close.\n")


@pytest.mark.parametrize("page", [p for p in PAGES if p != "overview"])
def test_sources_without_comments_say_so_instead_of_blaming_the_filters(page):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("article.txt", ARTICLE_ONLY_PAGE.encode(),
                                      "text/plain").run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert count_caption(at).startswith("0 of 0 comments")
    infos = " ".join(info.value for info in at.info)
    assert "hold no comments" in infos  # no filter is set: the filters are not the reason
    assert "match the filters" not in infos
    # With comments loaded, a filter that keeps none still says it is the filters.
    at.get("file_uploader")[0].upload("export.csv", export_csv(), "text/csv").run()
    at.text_input(key="filters.search").input("no comment says this zqxj").run()
    assert not at.exception, at.exception
    assert any("match the filters" in info.value for info in at.info)


@pytest.mark.parametrize("page", ["timeline", "people"])
def test_a_comment_from_the_future_is_kept_named_in_the_reading_notes_and_drawn(page):
    rows = [row if row[0] != "c7" else (*row[:3], "2200-05-01T12:00:00Z", row[4])
            for row in ROWS]  # c7's clock is off by two centuries; c8 and c9 answer it "before"
    at = open_export(page, rows, "future.csv")
    notes = "\n".join(t.value for t in at.text)
    assert "future.csv:8: dated '2200-05-01T12:00:00Z', after the file was read" in notes
    assert "future.csv:10: reply 'c9' is dated '2024-05-01T12:31:00Z', before the comment it " \
           "answers ('c7', dated '2200-05-01T12:00:00Z')" in notes
    if page == "timeline":
        assert any(c.value.startswith("2 replies are stamped before the comment answered")
                   for c in at.caption)


def test_one_comment_is_counted_in_the_singular():
    at = open_export("explorer")
    at.text_input(key="filters.search").input("full report").run()  # c1 only
    assert not at.exception, at.exception
    assert at.get("download_button")[0].label.startswith("Download this 1 comment as CSV")
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    assert any(c.value.startswith("1 comment with a time under this article")
               for c in at.caption)


def test_threads_whose_links_the_source_gives_are_not_called_inferred():
    at = open_export("threads")
    shown = [c.value for c in at.caption if "comments of this thread shown" in c.value]
    assert shown and not any("inferred" in c for c in shown), shown


def test_counts_of_a_thousand_and_more_carry_a_thousands_separator():
    rows = [(f"m{i}", f"m{i - 1}" if i % 3 else "", f"user{i % 40}",
             f"2024-05-0{1 + i // 500}T{(i // 60) % 24:02d}:{i % 60:02d}:00Z",
             f"Comment {i} about the budget and the tax plan.") for i in range(1_005)]
    at = AppTest.from_file(APP, default_timeout=TIMEOUT * 2).run()
    at.get("file_uploader")[0].upload("big.csv", export_csv(rows), "text/csv").run()
    assert not at.exception, at.exception
    assert count_caption(at) == "1,005 of 1,005 comments"
    at.switch_page("pages/timeline.py").run()
    assert not at.exception, at.exception
    assert count_caption(at) == "1,005 of 1,005 comments"


NO_TOPIC_ROWS = ROWS + [("c13", "", "fay", "2024-05-01T14:00:00Z", "🤣🤣🤣"),
                        ("c14", "", "gus", "2024-05-01T14:05:00Z", "+1")]


def test_comments_without_topic_words_go_by_one_name_that_is_no_topic():
    from analysis.topics import NO_TOPIC, NO_TOPIC_LABEL

    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("export.csv", export_csv(NO_TOPIC_ROWS), "text/csv").run()
    at.switch_page("pages/topics.py").run()
    assert not at.exception, at.exception
    topic_filter = at.sidebar.multiselect(key="filters.topic")
    assert NO_TOPIC_LABEL in topic_filter.options
    assert not any(option.startswith(f"{NO_TOPIC}:") for option in topic_filter.options)
    assert NO_TOPIC_LABEL in at.selectbox(key="topics.topic").options
    sizes, topic_map = _figure(at, "Topic sizes"), _figure(at, "Topics: closeness")
    grey = [bar for bar in sizes["data"] if NO_TOPIC_LABEL in bar["hovertext"]]
    assert grey and grey[0]["marker"]["color"] == "#b4b4b4"
    assert NO_TOPIC_LABEL not in json.dumps(topic_map["data"])
    assert topic_map["layout"]["title"]["subtitle"]["text"] == (
        f"Not on the map: 2 comments, {NO_TOPIC_LABEL}")
    at.switch_page("pages/hostility.py").run()
    by_topic = _figure(at, "Hostility levels by topic")
    assert NO_TOPIC_LABEL in {name for bar in by_topic["data"] for name in bar["y"]}


def test_the_people_table_marks_who_wrote_none_of_the_kept_comments():
    at = open_export("people")
    at.sidebar.multiselect(key="filters.participant").set_value(["cem"]).run()
    assert not at.exception, at.exception
    assert count_caption(at).startswith(f"2 of {len(ROWS)} comments")  # c3 and c7
    table = at.dataframe[0].value.set_index("author")
    # c3 answers bob, whose comments the filter hides: listed, marked, last.
    assert table["answered_only"].to_dict() == {"cem": False, "bob": True}
    assert list(table.index) == ["cem", "bob"]
    assert any(c.value.startswith("1 of these 2 participants wrote none of the comments kept")
               for c in at.caption)
    # bob wrote none of them: no mean to show, as analysis has it (NaN). The cell is empty,
    # not "None", and the column's help says why.
    assert table["mean_sentiment"].isna().to_dict() == {"cem": False, "bob": True}
    assert at.dataframe[0].proto.HasField("placeholder")  # unset, Streamlit writes "None"
    assert at.dataframe[0].proto.placeholder == ""
    config = json.loads(at.dataframe[0].proto.columns)
    for column in ("mean_sentiment", "uncivil_share", "hostile_share"):
        assert "only answered" in config[column]["help"], column
    at.sidebar.multiselect(key="filters.participant").set_value([]).run()
    assert not at.dataframe[0].value["answered_only"].any()
    assert not any("wrote none of the comments kept" in c.value for c in at.caption)


@pytest.mark.parametrize("page", ["overview", "hostility", "topics", "threads", "people",
                                  "timeline", "explorer"])
def test_every_table_shows_a_missing_value_as_an_empty_cell(page):
    """Streamlit writes "None" in a cell with no value ("first hostile after" of a thread
    with no hostile comment): it reads as a value. Every table leaves such a cell empty."""
    at = open_export(page)
    assert not at.exception, at.exception
    assert len(at.dataframe), page
    assert all(table.proto.HasField("placeholder") and table.proto.placeholder == ""
               for table in at.dataframe), page


@pytest.mark.parametrize("page", ["overview", "hostility", "topics", "threads", "people",
                                  "timeline", "explorer"])
def test_every_table_shows_its_counts_thousands_separated(page):
    """Streamlit draws 12345 for a whole number unless told otherwise: every table's
    whole-number columns are "localized" (12,345), as the captions write counts."""
    at = open_export(page)
    checked = 0
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        for column, dtype in table.value.dtypes.items():
            if pd.api.types.is_integer_dtype(dtype):
                assert config.get(column, {}).get("type_config", {}).get("format") == \
                    "localized", (page, column)
                checked += 1
    assert checked


def test_the_number_of_comments_to_read_survives_a_filter_that_shortens_the_thread():
    from tests.test_app import open_page

    at = open_page("threads")  # the seeds: one thread of 73 comments
    at.number_input(key="threads.max_rows").set_value(60).run()
    shown = [t for t in at.text if t.value.startswith("evidence: ")]
    assert len(shown) == 60
    at.multiselect(key="filters.level").set_value([2]).run()  # a few hostile comments left
    assert not at.exception
    at.multiselect(key="filters.level").set_value([]).run()
    assert not at.exception
    assert at.number_input(key="threads.max_rows").value == 60  # was cut to 10 for good
    assert len([t for t in at.text if t.value.startswith("evidence: ")]) == 60


@pytest.mark.parametrize("page", ["overview", "hostility", "topics", "threads", "people",
                                  "timeline", "explorer"])
def test_every_table_shows_sentiment_signed_to_two_places(page):
    """One number, one look: a VADER score reads +0.66 in every table, as on the cards and
    in the captions (the Topics page's list of a topic's comments showed 0.6621)."""
    at = open_export(page)
    checked = 0
    for table in at.dataframe:
        config = json.loads(table.proto.columns or "{}")
        for column in table.value.columns:
            if column in ("sentiment", "mean_sentiment"):
                assert config.get(column, {}).get("type_config", {}).get("format") == \
                    "%+.2f", (page, column, config.get(column))
                checked += 1
    assert checked or page in ("hostility", "threads", "timeline")


def test_the_level_rule_is_what_the_level_columns_say():
    """A table's level column explains the level by the thresholds level_of applies, so a
    reader who sees 0.43 hostile and 0.37 uncivil learns why (level 2 needs aim)."""
    from analysis.hostility import (
        HOSTILE_THRESHOLD,
        LEVEL_MEANING,
        MARKER_LEVEL_THRESHOLDS,
        UNCIVIL_THRESHOLD,
        level_of,
    )

    below = UNCIVIL_THRESHOLD - 0.01
    assert level_of(below, 0.0, False) == 0 and level_of(UNCIVIL_THRESHOLD, 0.0, False) == 1
    assert level_of(below, MARKER_LEVEL_THRESHOLDS[0], False) == 1
    assert level_of(HOSTILE_THRESHOLD, 0.0, True) == 2
    assert level_of(0.99, 0.0, False) == 1  # higher, still uncivil: not aimed
    for number in (UNCIVIL_THRESHOLD, HOSTILE_THRESHOLD):
        assert f"{number:.2f}" in LEVEL_MEANING
    for page in ("hostility", "topics", "explorer"):
        at = open_export(page)
        helps = [json.loads(t.proto.columns or "{}").get("hostility_level", {}).get("help")
                 for t in at.dataframe if "hostility_level" in t.value.columns]
        assert helps and all(text == LEVEL_MEANING for text in helps), (page, helps)


def test_threads_of_given_links_say_no_link_is_guessed_instead_of_the_guess_legend():
    """The export gives every link: the tree's caption says none is guessed, and the legend
    of guesses (which the seeds' inferred chain needs) is not shown."""
    at = open_export("threads")
    captions = [c.value for c in at.caption]
    assert any(c.startswith("No guessed link among the") for c in captions), captions
    assert not any("A guess is a link inferred" in c for c in captions)
    from tests.test_app import open_page

    seeds = [c.value for c in open_page("threads").caption]
    assert any("hang on a guessed link. A guess is a link inferred" in c for c in seeds)


def test_a_very_long_comment_is_cut_in_the_reading_view_and_whole_on_request():
    from pages.threads import LONG_COMMENT_CHARS

    essay = "The report's numbers do not add up. " * 300  # 10,800 characters
    rows = [(*row[:4], essay) if row[0] == "c4" else row for row in ROWS]
    at = open_export("threads", rows=rows)
    texts = [t.value for t in at.text]
    cut = [t for t in texts if t.startswith("The report's numbers")]
    assert len(cut) == 2, [len(t) for t in cut]  # the cut one, and the whole one
    assert cut[0] == essay[:LONG_COMMENT_CHARS] + " …"
    assert cut[1].strip() == essay.strip()
    assert [e.label for e in at.expander if e.label.startswith("The whole comment")] == \
        [f"The whole comment ({len(cut[1]):,} characters)"]
    # the thread's other comments are shown whole, as before
    assert "Has anyone read the full report yet?" in texts


ONE_COMMENT = [("c1", "", "ann", "2024-05-01T10:00:00Z", "You idiot, this is stupid nonsense.")]
# A count of one written with a plural noun ("1 comments", "1 of 1 threads"), or of several
# with a singular one.
WRONG_NUMBER = re.compile(r"(?<![\d,.])(1 (of 1 )?(comments|threads|replies|participants|articles"
                          r"|saved corrections)\b|([02-9]|\d\d+) (comment|thread|reply|"
                          r"participant)\b(?! (id|level|text|filter|link|page|table|count)))")


@pytest.mark.parametrize("page", ["overview", "sentiment", "hostility", "topics", "threads",
                                  "people", "timeline", "explorer"])
def test_a_count_of_one_is_written_in_the_singular(page):
    """"1 of 1 comments" and "1 comments" stood on every page of a one-comment source."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.get("file_uploader")[0].upload("one.csv", export_csv(ONE_COMMENT), "text/csv").run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    assert count_caption(at) == "1 of 1 comment"
    texts = [e.value for e in [*at.caption, *at.markdown, *at.info, *at.warning]]
    texts += [b.proto.label for b in at.get("download_button")]
    wrong = [text for text in texts if WRONG_NUMBER.search(str(text))]
    assert not wrong, wrong


def test_without_reply_chains_the_escalation_caption_points_at_no_lines():
    """Top-level comments only: no chain is drawn, and the caption under the escalation said
    "Each line above follows one of the longest chains" over an empty box."""
    at = open_export("hostility")
    at.slider(key="filters.depth").set_value((0, 0)).run()
    assert not at.exception
    assert any("No reply chains" in info.value for info in at.info)
    turning = [c.value for c in at.caption if "turn uncivil" in c.value or "turns uncivil"
               in c.value]
    assert turning and not any("Each line above" in text for text in turning), turning
