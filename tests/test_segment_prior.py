"""The prior-shift segmentation experiment (benchmarks/segment_prior.py): its cues on tiny
hand-made pages, the EM prior on synthetic pages with known priors, its decoders, the page
builders, and the one-comment-per-line stress reading on the real threads."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import segment_prior as sp


def numbered(*texts: str) -> list[tuple[int, str]]:
    return [(k + 1, t) for k, t in enumerate(texts)]


def fired(*texts: str, line: int = 2) -> set[str]:
    """The cues that fire on line ``line`` of a page of ``texts``."""
    cues, adjacent = sp.line_cues(numbered(*texts))
    assert adjacent[line - 1]
    return {name for name, on in zip(sp.CUES, cues[line - 1], strict=True) if on}


@pytest.mark.parametrize(("cue", "page_on", "page_off"), [
    ("lower_start", ("The bus was late again.", "which is why I walk now."),
     ("The bus was late again.", "Which is why I walk now.")),
    ("prev_no_end", ("The council voted on Tuesday", "Nobody came."),
     ("The council voted on Tuesday.", "Nobody came.")),
    ("prev_question", ("Who pays for the new bridge?", "The county does."),
     ("Who pays for the new bridge.", "The county does.")),
    ("cur_question", ("The county pays.", "Are you sure about that?"),
     ("The county pays.", "I am sure about that.")),
    ("cur_short", ("The county pays for all of the repairs this year.", "Fine."),
     ("The county pays.", "The county pays for all of the repairs this year, as usual.")),
    ("cur_long", ("Short line.", "word " * 50), ("Short line.", "Another short line.")),
    ("shared_words", ("The harbour ferry timetable changed in March.",
                      "The ferry timetable now skips Sundays."),
     ("The harbour ferry timetable changed in March.", "Nobody told the bakery.")),
    ("second_person", ("The bridge will open in May.", "Have you even read the plan?"),
     ("The bridge will open in May.", "Has anyone read the plan?")),
    ("reply_opener", ("The bridge will open in May.", "Exactly, and not a day later."),
     ("The bridge will open in May.", "Construction ends a day later.")),
    ("marker", ("The bridge will open in May.", "Also, the ferry stops then."),
     ("The bridge will open in May.", "The ferry stops then.")),
    ("intro_colon", ("Three things went wrong:", "The budget."),
     ("Three things went wrong.", "The budget.")),
])
def test_each_cue_fires_on_its_own_page_and_not_on_its_twin(cue, page_on, page_off):
    assert cue in fired(*page_on)
    assert cue not in fired(*page_off)


def test_a_quoted_line_and_the_line_after_it():
    page = ("The ferry will stop running on Sundays from March.",
            "Someone else entirely.",
            "ferry will stop running on Sundays",
            "That is a disgrace for the island.")
    assert "is_quote" in fired(*page, line=3)
    assert "after_quote" in fired(*page, line=4)
    assert "after_quote" not in fired(*page, line=3)


def test_a_gap_or_the_first_line_never_counts_as_following():
    cues, adjacent = sp.line_cues([(1, "First."), (2, "and second"), (5, "and third")])
    assert adjacent.tolist() == [False, True, False]
    assert cues[0].sum() == 0 and cues[2].sum() == 0


def _synthetic_page(prior: float, n: int, rng: np.random.Generator
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lines with a known share ``prior`` of continuations and three cues with fixed rates per
    class, so only the prior changes between pages (the assumption of Saerens et al.)."""
    rates = np.array([[0.30, 0.05], [0.60, 0.30], [0.20, 0.50]])  # (continues, starts)
    truth = rng.random(n) < prior
    cues = (rng.random((n, 3)) < np.where(truth[:, None], rates[:, 0], rates[:, 1])).astype(
        np.int8)
    return cues, np.ones(n, bool), truth


@pytest.mark.parametrize("prior", [0.05, 0.19, 0.44, 0.70])
def test_em_recovers_a_known_page_prior(prior):
    rng = np.random.default_rng(7)
    train = [_synthetic_page(0.2, 4000, rng) for _ in range(3)]
    model = sp.fit_model(train)
    cues, adjacent, truth = _synthetic_page(prior, 4000, rng)
    estimate = sp.em_prior(model.log_lr(cues), model.train_prior)
    assert abs(estimate - truth.mean()) < 0.05
    # Starting from the training prior is not enough: the estimate moved to the page's.
    if abs(prior - 0.2) > 0.1:
        assert abs(estimate - truth.mean()) < abs(model.train_prior - truth.mean())


def test_em_keeps_its_start_on_an_empty_page():
    assert sp.em_prior(np.array([]), 0.2) == 0.2


def test_the_threshold_pays_for_the_cost_of_a_wrong_join():
    page = numbered("One.", "Two.", "Three.")
    # 0.6 is more likely than not, but a wrong join breaks two comments: not worth it.
    assert sp.threshold_spans(page, np.array([0.0, 0.6, 0.9])) == [(1, 1), (2, 3)]
    assert sp.expected_exact_spans(page[:2], np.array([0.0, 0.6])) == [(1, 1), (2, 2)]
    assert sp.expected_exact_spans(page[:2], np.array([0.0, 0.7])) == [(1, 2)]


def test_expected_spans_weigh_a_whole_comment():
    # Two likely joins in a row make one likely three-line comment.
    page = numbered("a", "b", "c", "d")
    assert sp.expected_exact_spans(page, np.array([0.0, 0.9, 0.9, 0.05])) == [(1, 3), (4, 4)]


def test_page_builders_keep_every_comment_text_and_reach_the_target_prior():
    # 20 comments of three lines, then 100 of one line.
    lines = numbered(*(f"line {k}" for k in range(1, 161)))
    spans = [(k, k + 2) for k in range(1, 61, 3)] + [(k, k) for k in range(61, 161)]
    flat, flat_spans = sp.one_comment_per_line(lines, spans)
    assert flat[0] == (1, "line 1 line 2 line 3") and len(flat) == len(spans)
    assert flat_spans == [(k, k) for k in range(1, len(spans) + 1)]
    news, news_spans = sp.news_like(lines, spans, target=0.44)
    page = sp.Page.of("news", news, news_spans)
    assert abs(page.true_prior() - 0.44) < 0.01
    text = dict(news)
    kept = [tuple(text[n] for n in range(a, b + 1)) for a, b in news_spans]
    # Every multi-line comment is kept whole, in page order; the rest are one-line comments.
    assert kept[:20] == [tuple(f"line {n}" for n in range(a, b + 1)) for a, b in spans[:20]]
    assert all(len(k) == 1 and k[0] in {f"line {n}" for n in range(61, 161)} for k in kept[20:])


needs_threads = pytest.mark.skipif(not sp.THREADS.exists(),
                                   reason="../shared/eval/threads is not beside the repository")


@needs_threads
def test_one_comment_per_line_pages_get_a_low_prior_and_almost_no_joins():
    pages = sp.load_pages(sp.THREADS, ["ablzuq", "haucpf", "fjn0j9"])
    for k, page in enumerate(pages):
        model = sp.fit_model([p.training_data() for j, p in enumerate(pages) if j != k])
        flat = sp.Page.of(page.name, *sp.one_comment_per_line(page.lines, page.spans))
        exact, em = sp.readings(flat, model)
        _, em_as_is = sp.readings(page, model)
        assert em <= em_as_is
        assert exact["EM prior"] >= exact["today"]
        assert exact["EM prior"] >= 0.95 * len(flat.spans)
        assert exact["one line"] == len(flat.spans)


@needs_threads
def test_the_report_scores_each_thread_once_per_table():
    pages = sp.load_pages(sp.THREADS, ["ablzuq", "haucpf"])
    text = sp.report(pages)
    for reading in sp.READINGS:
        assert reading in text
    assert text.count("| ablzuq |") == 4  # as on the page, one line, news-like, in sample
    assert "| seed 000 |" in text
    sweep = next(line for line in text.splitlines() if line.startswith("| exact spans |"))
    assert len(sweep.split("|")) == len(sp.THRESHOLDS) + 3
    for cue in sp.CUES:
        assert f"| {cue} |" in text
