"""The whole app in a real browser: Debian's Chromium driven by Playwright.

Starts ``streamlit run app.py`` on a free port, visits every page on the seeds with a filter
set (screenshots to ``artifacts/``, and to ``docs/screenshots/`` with UPDATE_SCREENSHOTS=1),
then uploads a source full of HTML, Markdown links, images and colour directives through the
sidebar and checks that no page turns any of it into an element.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from analysis.pipeline import analyse_files, analyse_paths
from analysis.readers import seed_paths
from analysis.schema import ThreadCol
from analysis.threads import Reading
from pages import _charts as charts
from pages._common import PARTICIPANT_ROWS, rows_height

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PAGES = [("overview", "Overview"), ("sentiment", "Sentiment"), ("hostility", "Hostility"),
         ("topics", "Topics"), ("threads", "Threads"), ("people", "People"),
         ("timeline", "Timeline"), ("explorer", "Explorer")]
CHARTED = {"sentiment", "hostility", "topics", "threads"}
DRAWN = {"overview": "[data-testid='stDataFrame'] canvas",
         "explorer": "[data-testid='stDownloadButton'] button"}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
# The page-count caption: "1,234 of 12,345 comments" (thousands separated, as every count).
COUNT = re.compile(r"(\d[\d,]*) of (\d[\d,]*) comments?\b")

HOSTILE_PAGE = """\
<script>window.__pwned = 1</script> Headline ![img](http://x/y.png) [t](javascript:alert(3))
Article body with <img src=x onerror="window.__pwned=2"> and www.example.com and :red[x] and a
sentence about the EU and NATO.




Comment one <script>window.__pwned = 3</script> you idiot, this is stupid.
Reply: [link](javascript:alert(1)) is what you are, a liar and a troll.
![img](http://x/y.png) look at www.example.com now, you moron
<img src=x onerror="window.__pwned=4"> :red[x] :red-background[y] **bold** `code` damn you
Another <a href="http://evil.example/">click</a> &amp; <iframe src="http://evil.example/"></iframe>
"""

# Anything the hostile source could have turned into an element (Streamlit's own page has
# one inline script, so scripts count only when they carry the payload).
CREATED_JS = """() => [
    ...document.querySelectorAll("img, a[href], iframe, object, embed, svg image"),
    ...[...document.querySelectorAll("script")].filter(s => /__pwned|alert\\(/.test(s.text)),
].filter(e => e.tagName === "SCRIPT" || e.tagName === "IFRAME" || e.tagName === "OBJECT"
    || e.tagName === "EMBED" || /(^x$|y\\.png|javascript:|example\\.com|evil\\.example)/i
        .test(e.getAttribute("src") || e.getAttribute("href") || "")
    || e.hasAttribute("onerror")).map(e => e.outerHTML.slice(0, 200))"""


# Every axis of every chart on the page as drawn: its title, type and the ticks plotly drew.
AXES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(gd =>
    Object.keys(gd._fullLayout || {}).filter(k => /^[xy]axis\\d*$/.test(k)).map(k => {
        const axis = gd._fullLayout[k], ticks = axis._vals || [];
        return {title: (axis.title && axis.title.text) || '', type: axis.type,
                values: ticks.map(v => v.x), texts: ticks.map(v => v.text)};
    }))"""
COUNT_AXIS = re.compile(r"^(comments|deepest reply|reply depth|replies from)")

# Pairs of things drawn on the topic map that cover each other: a label over a label or over
# a topic's marker (rectangles as the browser laid them out, 1 px of slack).
MAP_OVERLAPS_JS = """() => {
    const hit = (a, b) => a.left + 1 < b.right && b.left + 1 < a.right
        && a.top + 1 < b.bottom && b.top + 1 < a.bottom;
    return [...document.querySelectorAll('.js-plotly-plot')]
        .filter(gd => /closeness to the article/.test(gd._fullLayout.title.text))
        .flatMap(gd => {
            const labels = [...gd.querySelectorAll('.textpoint text')]
                .filter(t => t.textContent.trim())
                .map(t => [t.textContent, t.getBoundingClientRect()]);
            const markers = [...gd.querySelectorAll('.scatterlayer path.point')]
                .map((m, i) => ['marker ' + i, m.getBoundingClientRect()]);
            return labels.flatMap(([name, box], i) => [...labels.slice(i + 1), ...markers]
                .filter(([, other]) => hit(box, other)).map(([other]) => name + ' / ' + other));
        });
}"""


def fractional_count_ticks(tab) -> list[dict]:
    """The drawn count axes (comments, depths, steps) with a tick between whole numbers."""
    return [axis for axis in tab.evaluate(AXES_JS) if COUNT_AXIS.match(axis["title"])
            and axis["type"] == "linear"
            and any(value != int(value) for value in axis["values"])]


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    _require_chromium()
    port = _free_port()
    log = open(ARTIFACTS.mkdir(exist_ok=True) or ARTIFACTS / "streamlit.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start; see {log.name}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1440, "height": 1100})
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        try:
            yield tab
        except BaseException:
            tab.screenshot(path=str(ARTIFACTS / "failure.png"))
            raise
        finally:
            browser.close()


def settle(tab, quiet_ms: int = 1_000) -> None:
    """Wait until no script run has been shown as running for ``quiet_ms``."""
    tab.wait_for_function(
        """([quiet]) => {
            const busy = !!document.querySelector('[data-testid="stStatusWidget"]');
            const now = performance.now();
            if (busy || window.__busyAt === undefined) window.__busyAt = now;
            return !busy && now - window.__busyAt >= quiet;
        }""", arg=[quiet_ms], timeout=60_000, polling=100)


def wait_for_run(tab, title: str) -> tuple[int, int]:
    """Wait until the page titled ``title`` finished its run; return its "N of M" counts."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        tab.locator("h1", has_text=title).first.wait_for(timeout=90_000)
    except PlaywrightTimeout:
        shown = tab.locator("body").inner_text()[:2000]
        pytest.fail(f"page {title!r} never rendered; the browser shows:\n{shown}")
    settle(tab)
    caption = tab.locator("[data-testid='stCaptionContainer']", has_text=COUNT).first
    caption.wait_for(timeout=60_000)
    found = COUNT.search(caption.inner_text())
    return tuple(int(group.replace(",", "")) for group in found.groups())


def open_page(tab, name: str, title: str) -> tuple[int, int]:
    tab.locator("[data-testid='stSidebarNav'] a", has_text=title).first.click()
    tab.wait_for_url(re.compile(rf"/{name}(\?|$)") if name != "overview" else re.compile(".*"))
    counts = wait_for_run(tab, title)
    if name in CHARTED and counts[0]:
        tab.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
    if name in DRAWN and counts[0]:
        tab.locator(DRAWN[name]).first.wait_for(timeout=30_000)
    if counts[0]:
        tab.wait_for_timeout(800)  # let plotly and the data grids finish drawing
    return counts


def save_screenshot(tab, name: str, readme: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path))
    if readme and os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, SCREENSHOTS / f"{name}.png")


def read_a_clicked_comment(tab) -> None:
    """Click a point of "Sentiment along the page"; its comment shows as text below."""
    chart = tab.locator(".js-plotly-plot").nth(2)
    chart.scroll_into_view_if_needed()
    point = chart.locator(".scatterlayer .points path.point").first
    box = point.bounding_box()
    assert box, "no point drawn"
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tab.locator("[data-testid='stCaptionContainer']", has_text="· sentiment").first.wait_for(
        timeout=30_000)
    settle(tab)
    assert tab.locator("[data-testid='stText']").count() >= 1


# Every page list the sidebar shows, from the page's first moment (sampled every 50 ms).
NAV_SEEN_JS = """window.__navSeen = [];
setInterval(() => {
    const labels = [...document.querySelectorAll("[data-testid='stSidebarNav'] a")]
        .map(a => a.innerText.split('\\n').pop().trim()).join(',');
    if (labels && window.__navSeen[window.__navSeen.length - 1] !== labels)
        window.__navSeen.push(labels);
}, 50);"""


def test_a_deep_link_as_the_first_request_opens_inside_the_app(page, server):
    # First in this module on purpose: no session of this server has run app.py yet, the case
    # where Streamlit runs a page straight from pages/ without the app around it, and showed
    # its own list of pages/ (helpers too: "app, charts, common, ...") for about 2 s.
    page.add_init_script(NAV_SEEN_JS)
    page.goto(f"{server}/threads?level=2", wait_until="domcontentloaded")
    kept, total = wait_for_run(page, "Threads")
    assert 0 < kept < total  # the link's filter holds
    labels = " ".join(page.locator("[data-testid='stSidebarNav'] a").all_inner_texts())
    assert "Overview" in labels and "common" not in labels
    titles = ",".join(title for _, title in PAGES)
    assert page.evaluate("window.__navSeen") == [titles]
    # The sidebar's uploader renders in the same run but may attach after the page's caption.
    uploader = page.locator("[data-testid='stSidebar'] input[type=file]")
    uploader.first.wait_for(state="attached", timeout=30_000)
    assert uploader.count() == 1
    assert not page.errors


def test_every_page_with_a_filter(page, server):
    page.goto(server, wait_until="domcontentloaded")
    kept, total = wait_for_run(page, "Overview")
    assert kept == total > 0
    search = page.get_by_label("Search text", exact=True).and_(page.locator("input"))
    search.fill("EU")
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q=EU"), timeout=30_000)
    page.wait_for_function(  # the rerun with the filter has drawn its count
        "([all]) => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
        ".some(e => / of \\d[\\d,]* comments/.test(e.innerText)"
        " && !e.innerText.startsWith(all + ' of'))",
        arg=[f"{total:,}"], timeout=60_000)
    filtered = wait_for_run(page, "Overview")
    assert 0 < filtered[0] < total
    for name, title in PAGES:
        counts = open_page(page, name, title)
        assert counts == filtered, name  # the filter holds on every page
        assert "q=EU" in page.url  # and stays in the shareable link
        if name == "topics":
            page.locator(".js-plotly-plot").nth(1).wait_for(timeout=30_000)
            assert page.evaluate(MAP_OVERLAPS_JS) == []
        assert not page.locator("[data-testid='stException']").count(), name
        save_screenshot(page, name)
        if name == "sentiment":
            read_a_clicked_comment(page)
    # The link opens the same filtered view in a fresh session.
    page.goto(page.url, wait_until="domcontentloaded")
    assert wait_for_run(page, "Explorer") == filtered
    assert not page.errors


def _wait_for_all_comments(page, comments: int, timeout: int) -> None:
    """Wait until the sidebar's caption counts ``comments`` of ``comments`` (no filter)."""
    page.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
        ".some(e => e.innerText.startsWith(`${n} of ${n} comments`))", arg=comments,
        timeout=timeout)


def _upload(page, server, source, comments: int, timeout: int) -> None:
    """Open the app, upload ``source`` in the sidebar and wait until all its ``comments``
    are read."""
    page.goto(server, wait_until="domcontentloaded")
    wait_for_run(page, "Overview")
    page.locator("[data-testid='stSidebar'] input[type='file']").set_input_files(str(source))
    page.locator("[data-testid='stFileChip']", has_text=source.name).wait_for()
    _wait_for_all_comments(page, comments, timeout)


def test_untrusted_text_never_becomes_markup(page, server, tmp_path):
    # Saved as .html, which the uploader takes as the command line does (read as page text).
    source = tmp_path / "hostile.html"
    source.write_text(HOSTILE_PAGE, encoding="utf-8")
    _upload(page, server, source, comments=5, timeout=60_000)
    for name, title in PAGES:
        counts = open_page(page, name, title)
        assert counts == (5, 5), name
        if name == "overview":
            page.get_by_text("Article text").first.click()
        if name == "explorer":  # a table's own CSV export writes "=..." cells unguarded
            page.locator("[data-testid='stDataFrame']").first.hover()
            toolbar = page.locator("[data-testid='stElementToolbar'] button")
            toolbar.first.wait_for(timeout=30_000)
            labels = [button.get_attribute("aria-label") for button in toolbar.all()]
            assert "Search" in labels and "Download as CSV" not in labels, labels
        assert page.evaluate(CREATED_JS) == [], name
        assert page.evaluate("() => window.__pwned") is None, name
        assert fractional_count_ticks(page) == [], name  # five comments: one or two a bar
        body = page.locator("[data-testid='stMain']").inner_text()
        if name == "threads":  # the reading view shows every comment as plain text
            assert "<script>window.__pwned = 3</script>" in body
            assert "[link](javascript:alert(1))" in body
            assert ":red[x] :red-background[y] **bold**" in body
            assert '<a href="http://evil.example/">click</a>' in body
        if name == "overview":
            assert "![img](http://x/y.png) [t](javascript:alert(3))" in body
        save_screenshot(page, f"hostile_{name}", readme=False)
    assert not page.dialogs


def participant_rows(tab) -> int:
    """The People page's count of participants (its first metric)."""
    metric = tab.locator("[data-testid='stMetric']", has_text="Participants").first
    return int(metric.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))


def participant_table_height(tab) -> float:
    grid = tab.locator("[data-testid='stDataFrame']").first
    grid.wait_for(timeout=30_000)
    return grid.bounding_box()["height"]


def test_people_and_timeline_on_an_export_with_authors_and_times(page, server, tmp_path):
    """A generated Reddit-like export: the People page draws the network, a click on a
    participant filters every page, the Timeline draws its charts."""
    from analysis.bench import build_structured_corpus

    corpus = build_structured_corpus(600, n_participants=60, seed=5)
    source = tmp_path / "forum.jsonl"
    source.write_bytes(b"".join(data for _, data in corpus.files))
    _upload(page, server, source, comments=600, timeout=90_000)
    counts = open_page(page, "people", "People")
    assert counts == (600, 600)
    # 60 participants: as tall as PARTICIPANT_ROWS rows, the rest scrolls.
    assert participant_rows(page) == 60
    assert participant_table_height(page) == pytest.approx(
        rows_height(PARTICIPANT_ROWS, PARTICIPANT_ROWS), abs=2)
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    save_screenshot(page, "people")
    # Click the largest node of the network: the participant filter takes it.
    chart.scroll_into_view_if_needed()
    node = chart.locator(".scatterlayer .trace").last.locator("path.point").first
    box = node.bounding_box()
    assert box, "no participant drawn"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"[?&]participant="), timeout=60_000)
    kept, total = wait_for_run(page, "People")
    assert 0 < kept < total == 600
    for name, title in (("threads", "Threads"), ("timeline", "Timeline")):
        assert open_page(page, name, title) == (kept, total), name
    page.get_by_role("button", name="Reset filters").click()
    _wait_for_all_comments(page, 600, timeout=60_000)
    wait_for_run(page, "Timeline")
    page.locator(".js-plotly-plot").nth(2).wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    save_screenshot(page, "timeline")
    latency = [axis for axis in page.evaluate(AXES_JS) if axis["title"].startswith("time to")]
    assert len(latency) == 1 and latency[0]["type"] == "log"
    durations = {text for _, text in charts.DURATION_TICKS}
    assert latency[0]["texts"] and set(latency[0]["texts"]) <= durations, latency
    assert fractional_count_ticks(page) == []
    assert not page.locator("[data-testid='stException']").count()
    # A word two comments use: few participants, and the table shrinks to their rows (a fixed
    # 360 px left an empty box under them).
    comments = analyse_files([("forum.jsonl", source.read_bytes())]).comments
    used = Counter(word for text in comments["text"]
                   for word in set(re.findall(r"[a-z]{7,}", text.lower())))
    rare = min(word for word, times in used.items() if times == 2)
    open_page(page, "people", "People")
    search = page.get_by_label("Search text", exact=True).and_(page.locator("input"))
    search.fill(rare)
    search.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="), timeout=60_000)
    # On a loaded machine the filtered run may start after the page has looked quiet for a
    # second: wait for its counts to show the filter, not for quiet alone.
    deadline = time.monotonic() + 60
    while wait_for_run(page, "People")[0] == 600 and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    few = participant_rows(page)
    assert 0 < few < PARTICIPANT_ROWS
    assert participant_table_height(page) == pytest.approx(rows_height(few, PARTICIPANT_ROWS),
                                                           abs=2)


# Button labels (a popover's, a download's) that their box cuts short with an ellipsis.
CUT_LABELS_JS = """() => [...document.querySelectorAll(
    "[data-testid='stMain'] button [data-testid='stMarkdownContainer']")]
    .filter(e => e.offsetParent && e.scrollWidth > e.clientWidth + 1)
    .map(e => e.innerText.trim())"""


def test_no_button_label_is_cut_beside_the_sidebar(page, server, tmp_path):
    """At 1280 px, beside the open sidebar, a deep reply's "Correct" sat in a seventh of its
    box and read "Co…" (27 of them on an export's thread), and four equal columns cut
    "Who replied to whom (CSV)" on the People page."""
    from analysis.bench import build_structured_corpus

    corpus = build_structured_corpus(300, n_participants=40, seed=7, per_article=(60, 140))
    source = tmp_path / "forum.jsonl"
    source.write_bytes(b"".join(data for _, data in corpus.files))
    page.set_viewport_size({"width": 1280, "height": 1000})
    _upload(page, server, source, comments=300, timeout=90_000)
    open_page(page, "threads", "Threads")
    page.locator("[data-testid='stPopover']").nth(8).wait_for(timeout=30_000)
    assert page.evaluate(CUT_LABELS_JS) == []
    open_page(page, "people", "People")
    page.locator("[data-testid='stDownloadButton']").nth(3).wait_for(timeout=30_000)
    assert page.evaluate(CUT_LABELS_JS) == []


CORRECTED_PAGE = """\
Harbour to close in May (browser correction test)
The council says the harbour will close in May to save money.



Here is what the council left out:
The ferries carry four hundred people a day.
You are wrong, closing it saves money.
Nobody asked you, idiot.
And what about the fishermen?
Thanks for the article.
"""


def _wait_for_tree(tab, boxes: int) -> None:
    """Wait until the reply tree (the Threads page's first chart) draws ``boxes`` boxes."""
    tab.wait_for_function(
        "([n]) => { const tree = document.querySelector('.js-plotly-plot');"
        " return tree && tree.querySelectorAll('g.slice').length === n; }",
        arg=[boxes], timeout=60_000)


def _wait_for_deepest(tab, depth: int) -> None:
    """Wait until the thread's "Deepest reply" figure reads ``depth``."""
    tab.wait_for_function(
        "([d]) => { const m = document.querySelectorAll('[data-testid=\"stMetric\"]')[1];"
        " return m && m.innerText.trim().split(/\\s+/).pop() === String(d); }",
        arg=[depth], timeout=60_000)


def _correct(tab, box: int, button: str, line: int | None = None) -> None:
    """Open the "Correct" popover of the ``box``-th comment of the reading view and send it."""
    # Until the run that follows a correction has finished, the reading view still shows the
    # old comments, and the box-th popover may belong to another comment.
    settle(tab)
    tab.locator("[data-testid='stPopover']").nth(box).locator("button").first.click()
    # Only the open popover is visible; a closed one can linger in the page until the next run.
    body = tab.locator("[data-testid='stPopoverBody']:visible").last
    body.wait_for(timeout=30_000)
    settle(tab)
    if line is not None:
        field = body.locator("input[type='number']:visible")
        field.fill(str(line))
        field.blur()  # the number is committed on blur; the form must send the typed line
    body.get_by_role("button", name=button).click()


def test_a_join_and_a_new_parent_change_counts_and_tree(page, server, tmp_path):
    source = tmp_path / "corrected.txt"
    source.write_text(CORRECTED_PAGE, encoding="utf-8")
    _upload(page, server, source, comments=5, timeout=60_000)
    assert open_page(page, "threads", "Threads") == (5, 5)
    _wait_for_tree(page, 5)
    _wait_for_deepest(page, 4)
    assert "lines 6-7" in page.locator("[data-testid='stMain']").inner_text()

    _correct(page, 1, "Join to the comment above")  # line 8 joins lines 6-7
    _wait_for_all_comments(page, 4, timeout=60_000)
    _wait_for_tree(page, 4)  # one box fewer
    _wait_for_deepest(page, 3)
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "lines 6-8" in body and "span corrected by hand" in body

    _correct(page, 3, "Answers the comment at this line", 6)  # line 11 answers lines 6-8
    page.wait_for_function(
        "() => document.body.innerText.includes('(corrected by hand)')", timeout=60_000)
    _wait_for_deepest(page, 2)  # the chain is one reply shorter
    _wait_for_tree(page, 4)
    assert wait_for_run(page, "Threads") == (4, 4)
    assert "line 11 · #3 · depth 1 · reply · confidence 1.00 (corrected by hand)" in \
        page.locator("[data-testid='stMain']").inner_text()
    save_screenshot(page, "threads_corrected", readme=False)
    assert not page.errors


def _deepest(analysis) -> int:
    return int(analysis.threads[ThreadCol.DEPTH].max())


def test_the_page_order_switch_survives_another_page_and_guesses_are_marked(page, server):
    seeds = analyse_paths(seed_paths())
    inferred, page_order = _deepest(seeds), _deepest(seeds.reading(Reading.PAGE_ORDER))
    assert inferred != page_order
    page.goto(f"{server}/threads", wait_until="domcontentloaded")
    wait_for_run(page, "Threads")
    _wait_for_deepest(page, inferred)
    main = page.locator("[data-testid='stMain']")
    # Guessed links: boxes of the tree drawn with the guess outline, coloured by hostility
    # (never black), and a badge in the reading view, with the legend that says what the
    # threshold means.
    outline = "rgb(59, 110, 168)"
    # The metrics above the tree can be up before plotly has drawn (and styled) its boxes.
    page.wait_for_function(
        """([outline]) => [...document.querySelectorAll(
            '.js-plotly-plot g.slice path.surface')].some(p => p.style.stroke === outline)""",
        arg=[outline], timeout=30_000)
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '.js-plotly-plot g.slice path.surface')].map(p => [p.style.stroke, p.style.fill])""")
    assert any(stroke == outline for stroke, _ in boxes)
    assert any(stroke != outline for stroke, _ in boxes)
    assert not any(fill in ("rgb(0, 0, 0)", "black") for _, fill in boxes)
    badges = main.locator("[data-testid='stMarkdownContainer'] span", has_text=re.compile(
        r"^\W*(help)?\s*guess$"))
    assert badges.count() > 0
    assert "more likely wrong than right" in main.inner_text()

    page.locator("[data-testid='stRadio'] label", has_text="plain page order").click()
    page.wait_for_url(re.compile(r"[?&]reading=page_order"), timeout=30_000)
    _wait_for_deepest(page, page_order)
    assert "read as plain page order" in main.inner_text()
    save_screenshot(page, "threads_page_order")

    open_page(page, "hostility", "Hostility")
    assert "reading=page_order" in page.url  # the choice stays in the shareable link
    open_page(page, "threads", "Threads")
    _wait_for_deepest(page, page_order)
    checked = page.locator("[data-testid='stRadio'] label:has(input:checked)")
    assert checked.inner_text().strip().endswith("plain page order")
    assert not page.errors


def _many_articles_export(articles: int) -> bytes:
    rows = ["article_id,article_title,comment_id,parent_id,author,created_at,text"]
    for a in range(articles):
        title = f"Article {a} with a long headline about the harbour, the ferries and the budget"
        for c in range(3):
            parent = f"a{a}c{c - 1}" if c else ""
            rows.append(f'art{a},"{title}",a{a}c{c},{parent},user{c},2024-05-0{1 + c}T10:00:00Z,'
                        f'"Comment {c} under article {a}, fine by me."')
    return ("\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("articles", [1, 4, 8])
def test_a_sentiment_legend_never_covers_its_axis_title(articles, tmp_path):
    """One legend entry per article under the charts along the page and along reply depth:
    with several articles it grew upwards over the x axis's title."""
    from playwright.sync_api import sync_playwright

    from analysis.pipeline import analyse_files
    from analysis.views import article_labels
    from pages import _charts as charts

    _require_chromium()
    result = analyse_files([("many.csv", _many_articles_export(articles))])
    labels = article_labels(result.articles)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 700, "height": 1000})
        for build in (charts.sentiment_along_order, charts.sentiment_along_depth):
            path = tmp_path / f"{build.__name__}.html"
            # Half of a wide page's width, as the Sentiment page draws it.
            build(result.comments, labels=labels).write_html(
                path, include_plotlyjs=True, default_width=560)
            tab.goto(path.as_uri())
            tab.locator(".legend").wait_for()
            box = tab.evaluate("""() => Object.fromEntries(['.legend', '.xtitle', '.gridlayer']
                .map(s => [s, document.querySelector(s).getBoundingClientRect().toJSON()]))""")
            legend, title, plot = box[".legend"], box[".xtitle"], box[".gridlayer"]
            assert legend["top"] >= title["bottom"], (build.__name__, legend, title)
            assert plot["height"] >= 240, (build.__name__, plot)  # the plot keeps its room
        browser.close()


@pytest.mark.parametrize("build", [charts.sentiment_along_order, charts.sentiment_along_depth],
                         ids=["along the page", "along reply depth"])
def test_a_click_on_any_comment_point_opens_that_comment(build, tmp_path):
    """The Sentiment page opens the comment behind a clicked point (its customdata). On the
    seeds (one chain, one comment per depth) the mean per depth's markers lay on every point
    of the depth chart and took every click: no comment could be opened there."""
    from playwright.sync_api import sync_playwright

    _require_chromium()
    comments = analyse_paths(seed_paths()).comments
    path = tmp_path / f"{build.__name__}.html"
    build(comments).write_html(path, include_plotlyjs=True, default_width=700,
                               post_script="document.querySelector('.js-plotly-plot')"
                                           ".on('plotly_click', e => window.clicked ="
                                           " e.points.map(p => p.customdata));")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 800, "height": 700})
        tab.goto(path.as_uri())
        points = tab.locator(".scatterlayer .trace").first.locator("path.point")
        points.first.wait_for()
        opened = []
        for number in range(0, points.count(), 9):
            box = points.nth(number).bounding_box()
            tab.evaluate("window.clicked = null")
            tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            tab.mouse.down()
            tab.mouse.up()
            tab.wait_for_function("window.clicked !== null", timeout=5_000)
            opened.append(tab.evaluate("window.clicked"))
        browser.close()
    assert len(opened) >= 8
    assert all(clicked and clicked[0] for clicked in opened), opened


def _top_legend_figures() -> dict[str, object]:
    """Every chart with a legend between its title and its plot, on real analysis output."""
    from analysis.people import reply_network_layout
    from analysis.pipeline import analyse_files
    from analysis.timeline import article_activity
    from analysis.views import level_counts, marker_counts

    seeds = analyse_paths(seed_paths()).comments
    export = analyse_files([("many.csv", _many_articles_export(4))]).comments
    activity = article_activity(export, "art0")
    return {
        "level_bars": charts.level_bars(
            level_counts(seeds, "topic_id"), "topic_id",
            title="Hostility levels by thread (the 15 with most comments shown)"),
        "marker_bars": charts.marker_bars(marker_counts(seeds, "hostility_level"),
                                          "hostility_level"),
        "reply_network": charts.reply_network(reply_network_layout(export)),
        "activity_over_time": charts.activity_over_time(activity),
        "tone_over_time": charts.tone_over_time(activity),
    }


def _figures_in_chromium(tmp_path, figures: dict, widths: tuple[int, ...], ready: str):
    """Each figure drawn by Chromium at each width (written as a page of its own), as (name,
    width, tab) once the element ``ready`` names is on the page."""
    from playwright.sync_api import sync_playwright

    _require_chromium()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 800, "height": 900})
        for name, figure in figures.items():
            for width in widths:
                path = tmp_path / f"{name}_{width}.html"
                figure.write_html(path, include_plotlyjs=True, default_width=width)
                tab.goto(path.as_uri())
                tab.locator(ready).first.wait_for()
                yield name, width, tab
        browser.close()


def test_a_legend_under_a_title_never_covers_it_on_a_phone(tmp_path):
    """At a phone's width the legend above a plot wraps onto more lines; anchored to the plot's
    top it grew upwards over the chart's title (Hostility, People, Timeline at 390 px)."""
    # A phone's column, half of a wide page.
    for name, width, tab in _figures_in_chromium(tmp_path, _top_legend_figures(), (340, 700),
                                                 ".legend"):
        box = tab.evaluate("""() => Object.fromEntries(['.gtitle', '.legend', '.bglayer',
            '.gridlayer'].map(s => [s, document.querySelector(s)?.getBoundingClientRect()
            .toJSON()]))""")
        title, legend = box[".gtitle"], box[".legend"]
        assert legend["top"] >= title["bottom"], (name, width, title, legend)
        plot = box[".gridlayer"] if name != "reply_network" else None
        if plot and plot["height"]:
            assert plot["top"] >= legend["bottom"] - 1, (name, width, legend, plot)


@pytest.mark.parametrize("width", [390, 1440])
def test_a_reply_stands_indented_under_its_parent_on_a_phone_too(server, width):
    """The reading view indents each reply by its level; on a phone, columns stack, and every
    reply stood at the left edge beside its parent (390 px: all at one x)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": width, "height": 1000})
        tab.goto(f"{server}/threads")
        wait_for_run(tab, "Threads")
        captions = tab.locator("[data-testid='stCaptionContainer']", has_text=" · depth ")
        captions.nth(5).wait_for(timeout=30_000)
        seen = []
        for i in range(6):  # the seeds' thread: depths 0 to 5, one comment each
            caption = captions.nth(i)
            depth = int(re.search(r" · depth (\d+)", caption.inner_text()).group(1))
            seen.append((depth, caption.bounding_box()["x"]))
        browser.close()
    assert [depth for depth, _ in seen] == list(range(6)), seen
    steps = [b - a for (_, a), (_, b) in zip(seen[:-1], seen[1:], strict=True)]
    assert all(step >= 10 for step in steps), seen


def _share_figures() -> dict[str, object]:
    """Every chart that plots an uncivil or hostile share, on real analysis output."""
    from analysis.people import reply_network_layout
    from analysis.pipeline import analyse_files
    from analysis.timeline import article_activity
    from analysis.topics import summarise_topics
    from analysis.views import level_counts

    seeds = analyse_paths(seed_paths())
    export = analyse_files([("many.csv", _many_articles_export(4))]).comments
    return {
        "level_bars": charts.level_bars(level_counts(seeds.comments, "article_id"),
                                        "article_id"),
        "tone_over_time": charts.tone_over_time(article_activity(export, "art0")),
        "topic_map": charts.topic_map(summarise_topics(seeds.comments)),
        "thread_sizes": charts.thread_sizes(seeds.threads),
        "reply_network": charts.reply_network(reply_network_layout(export)),
    }


# The percent tick labels plotly drew (shown, inside the figure) on axes and colour bars.
PERCENT_TICKS_JS = """() => {
    const figure = document.querySelector('.main-svg').getBoundingClientRect();
    return [...document.querySelectorAll('.xtick text, .ytick text, .y2tick text, .colorbar text')]
        .filter(t => /%$/.test(t.textContent) && getComputedStyle(t).display !== 'none')
        .filter(t => t.getBoundingClientRect().right <= figure.right
                     && t.getBoundingClientRect().width > 0)
        .map(t => t.textContent);
}"""


def test_every_share_axis_runs_from_0_to_100_percent(tmp_path):
    """A share axis ends at 100% and shows that tick: plotly hid the "100%" of the level bars
    (its label reached past the figure's edge), and colour bars of shares read 0 to 1."""
    for name, width, tab in _figures_in_chromium(tmp_path, _share_figures(), (340, 700),
                                                 ".main-svg"):
        shown = tab.evaluate(PERCENT_TICKS_JS)
        assert shown[:1] == ["0%"] and shown.count("100%") == 1, (name, width, shown)
        assert shown == ["0%", "25%", "50%", "75%", "100%"], (name, width, shown)


def _long_title_figures() -> dict[str, object]:
    """Charts whose titles run longest, on real analysis output (People and Timeline ones on
    an export with authors and times)."""
    from analysis.pipeline import analyse_files
    from analysis.timeline import article_activity, latency_overview
    from analysis.topics import NO_TOPIC, summarise_topics
    from analysis.views import chains, level_counts, tree_nodes

    seeds = analyse_paths(seed_paths())
    export = analyse_files([("many.csv", _many_articles_export(4))]).comments
    thread = seeds.comments[seeds.comments["thread_id"] == seeds.comments["thread_id"].iloc[0]]
    without_topic = seeds.comments.copy()  # a subtitle under the map's title too
    without_topic.loc[without_topic.index[:3], "topic_id"] = NO_TOPIC
    return {
        "sentiment_along_order": charts.sentiment_along_order(seeds.comments),
        "level_bars": charts.level_bars(
            level_counts(seeds.comments, "thread_id"), "thread_id",
            title="Hostility levels by thread (the 15 with most comments shown)"),
        "escalation_lines": charts.escalation_lines(chains(seeds.comments)),
        "topic_map": charts.topic_map(summarise_topics(without_topic)),
        "reply_tree": charts.reply_tree(tree_nodes(thread)),
        "thread_sizes": charts.thread_sizes(seeds.threads),
        "tone_over_time": charts.tone_over_time(article_activity(export, "art0")),
        "reply_latency": charts.reply_latency(latency_overview(export)),
    }


# The title's and subtitle's boxes against the figure's and the plot's (its background).
TITLE_BOXES_JS = """() => Object.fromEntries(['.main-svg', '.gtitle', '.gtitle-subtitle',
    '.nsewdrag', '.iciclelayer', '.legend'].map(s => [s, document.querySelector(s)
    ?.getBoundingClientRect().toJSON()]))"""


def test_a_long_chart_title_shows_whole_on_a_phone(tmp_path):
    """Plotly never wraps a title: at 390 px (a 358 px figure) five titles ran past the
    figure's edge and were cut ("Reply tree (click a box to zoom in; outlined in blue: a gue");
    each line of a wrapped title stays inside the figure (its first line's top too) and above
    the plot and the legend."""
    # Small and 390 px phones, half of a wide page.
    for name, width, tab in _figures_in_chromium(tmp_path, _long_title_figures(),
                                                 (330, 358, 700), ".gtitle"):
        box = tab.evaluate(TITLE_BOXES_JS)
        whole = box[".main-svg"]
        for part in (".gtitle", ".gtitle-subtitle"):
            if box[part]:
                # Plotly drew a title of two or more lines 7 px above the figure's top edge.
                assert whole["top"] - 0.5 <= box[part]["top"], (name, width, part, box)
                assert whole["left"] - 1 <= box[part]["left"], (name, width, part, box)
                assert box[part]["right"] <= whole["right"] + 1, (name, width, part, box)
        lowest = max(box[part]["bottom"] for part in (".gtitle", ".gtitle-subtitle")
                     if box[part])
        plot = box[".nsewdrag"] or box[".iciclelayer"]
        if plot:
            assert lowest <= plot["top"] + 1, (name, width, box)
        if box[".legend"] and box[".legend"]["top"] < whole["top"] + 150:
            assert lowest <= box[".legend"]["top"] + 1, (name, width, box)


PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/131.0.0.0 Mobile Safari/537.36")


def test_a_phone_closes_the_sidebar_after_a_page_is_chosen(server):
    """Streamlit closes the sidebar after a page is chosen when the browser's user agent names
    a phone (not by the window's width: a narrow desktop window keeps it open, and Streamlit
    offers the app no way to close it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                               has_touch=True, user_agent=PHONE_AGENT)
        tab.goto(server)
        wait_for_run(tab, "Overview")
        sidebar = tab.locator("[data-testid='stSidebar']")
        assert sidebar.bounding_box()["x"] < 0  # closed on a phone at first
        tab.locator("[data-testid='stExpandSidebarButton']").first.tap()
        tab.wait_for_function("() => document.querySelector(\"[data-testid='stSidebar']\")"
                              ".getBoundingClientRect().x >= 0")
        tab.locator("[data-testid='stSidebarNav'] a", has_text="Hostility").first.tap()
        wait_for_run(tab, "Hostility")
        tab.wait_for_function("() => document.querySelector(\"[data-testid='stSidebar']\")"
                              ".getBoundingClientRect().right <= 0", timeout=10_000)
        browser.close()


# Each topic-map label's box against the plot's (its drag layer), the colour bar right of it.
MAP_LABELS_JS = """() => {
    const plot = document.querySelector('.nsewdrag').getBoundingClientRect();
    return [...document.querySelectorAll('.textpoint text')].filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent, past: t.getBoundingClientRect().right - plot.right}));
}"""


def test_a_topic_map_label_never_runs_into_the_colour_bar(tmp_path):
    """The map placed its labels in the plot of half a wide page (about 320 px); on a 390 px
    phone the plot is 185 px wide, and a label by a marker near its right edge ran up to 13 px
    past it, over the colour bar (the seeds' "army / european")."""
    from analysis.topics import summarise_topics
    from tests.test_charts import _topic_summary

    spread = _topic_summary([(40, 0.1, 0.5), (30, 0.2, -0.5), (20, 0.3, 0.0), (10, 0.3, 0.8)])
    figures = {"seeds": charts.topic_map(summarise_topics(analyse_paths(seed_paths()).comments)),
               "spread": charts.topic_map(spread)}
    for name, width, tab in _figures_in_chromium(tmp_path, figures, (358, 820), ".textpoint"):
        labels = tab.evaluate(MAP_LABELS_JS)
        assert labels, (name, width)  # the map still names topics
        assert all(label["past"] <= 0.5 for label in labels), (name, width, labels)


def test_topic_bars_keep_most_of_a_phone_wide_figure(tmp_path):
    """Topic names of up to 30 characters beside the bars and a wide colour bar left the bars
    64-91 px of a 358 px figure (a 390 px phone): 18-25% of its width."""
    from analysis.schema import TopicCol
    from analysis.topics import summarise_topics

    seeds = summarise_topics(analyse_paths(seed_paths()).comments)
    long = seeds.assign(**{TopicCol.TOPIC_LABEL: "journalism / pathetic / newspaper"})
    figures = {"seeds": charts.topic_sizes(seeds), "long names": charts.topic_sizes(long)}
    for name, width, tab in _figures_in_chromium(tmp_path, figures, (358, 820), ".nsewdrag"):
        bars = tab.evaluate("() => document.querySelector('.nsewdrag').getBoundingClientRect()"
                            ".width")
        assert bars >= 0.5 * width, (name, width, bars)


# Pairs of x tick labels whose boxes overlap (as the browser laid them out, 1 px of slack).
TICK_OVERLAPS_JS = """() => {
    const ticks = [...document.querySelectorAll('.xtick text')].map(t => [t.textContent,
        t.getBoundingClientRect()]);
    return ticks.flatMap(([name, a], i) => ticks.slice(i + 1).filter(([, b]) =>
        a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom
        && b.top + 1 < a.bottom).map(([other]) => name + ' / ' + other));
}"""


@pytest.mark.parametrize("articles", [4, 8, 20])
def test_article_names_under_the_sentiment_boxes_never_overlap(articles, tmp_path):
    """Plotly slanted the article names under "Sentiment by article" by 30 degrees on a phone,
    where names of 30 characters then lay over each other (4 articles: 6 pairs at 358 px)."""
    from analysis.pipeline import analyse_files
    from analysis.views import article_labels

    result = analyse_files([("many.csv", _many_articles_export(articles))])
    figures = {"by article": charts.sentiment_distribution(
        result.comments, "article_id", labels=article_labels(result.articles),
        title="Sentiment by article")}
    for name, width, tab in _figures_in_chromium(tmp_path, figures, (358, 820), ".xtick"):
        assert tab.evaluate(TICK_OVERLAPS_JS) == [], (name, width)
        plot = tab.evaluate("() => document.querySelector('.nsewdrag').getBoundingClientRect()"
                            ".height")
        assert plot >= 240, (name, width, plot)  # names under the plot leave it its height
