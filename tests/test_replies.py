"""Reply inference on tiny hand-made flat pages: one test per clue, the decoder, the evidence
and the contract with given links."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.calibration import probability
from analysis.replies import clues, infer_parents
from analysis.replies import evidence as ev
from analysis.replies.decode import (
    DEFAULT,
    GIVEN,
    INFER,
    LATER,
    MIN_LISTED,
    decode,
    listed_by_time,
    posted_before,
)
from analysis.replies.features import PageFeatures
from analysis.schema import Col


def flat(texts: list[str], article: str = "a") -> pd.DataFrame:
    """A flat page: order and words only, no authors, links or confidence."""
    n = len(texts)
    return pd.DataFrame(
        {
            Col.ARTICLE_ID: article,
            Col.COMMENT_ID: [f"{article}{k}" for k in range(n)],
            Col.POSITION: range(n),
            Col.TEXT: texts,
            Col.AUTHOR: pd.array([pd.NA] * n, dtype=object),
            Col.PARENT_ID: pd.array([pd.NA] * n, dtype=object),
            Col.REPLY_CONFIDENCE: np.nan,
            Col.INFERRED: False,
        }
    )


def parent_of(out: pd.DataFrame, k: int) -> object:
    value = out.set_index(Col.COMMENT_ID).loc[f"a{k}", Col.PARENT_ID]
    return None if pd.isna(value) else value


def evidence_of(out: pd.DataFrame, k: int) -> str:
    return out.set_index(Col.COMMENT_ID).loc[f"a{k}", Col.REPLY_EVIDENCE]


def test_unmarked_quote_links_back_past_the_previous_comment():
    out = infer_parents(
        flat(
            [
                "France has been deploying rafales in Sweden and Poland.",
                "Nuclear capable is a long way from nuclear armed, the deterrent belongs to NATO.",
                "Tariffs on cheese are the real scandal of this summer.",
                "Nuclear capable is a long way from nuclear armed. Well, nobody knows that.",
            ]
        )
    )
    assert parent_of(out, 3) == "a1"
    assert 'quote:"nuclear capable is a long way from nuclear armed' in evidence_of(out, 3)


def test_guillemet_quote_names_the_quoted_words():
    out = infer_parents(
        flat(
            [
                "I am actually very pro EU and would love a return. But it has its limits.",
                "Fisheries were always going to be the sticking point in any talks.",
                "Bananas and straight cucumbers again, really.",
                "« But it has its limits »: exactly why countries will refuse.",
            ]
        )
    )
    assert parent_of(out, 3) == "a0"
    assert 'quote:"but it has its limits"' in evidence_of(out, 3)


JACKO = [
    "Whatever helps you sleep at night Jackie boy, they would not dare.",
    "Sweden has also sent two or three soldiers to Nuuk.",
    "Rain all week in Brussels, typical.",
    "Last one from me, Jacko, and then serious hat back on.",
]


def features_of(texts: list[str], article: str = "", authors: list | None = None
                ) -> PageFeatures:
    return PageFeatures(texts, np.array(["a"] * len(texts)), authors or [None] * len(texts),
                        {"a": article} if article else None)


def test_name_clue_finds_the_comment_that_used_the_name():
    found = clues.names(features_of(JACKO))
    assert found.rows.tolist() == [3] and found.targets.tolist() == [0]
    assert found.words == ("jacko",)


def test_a_name_does_not_move_the_link():
    # Measured leaving one Reddit thread out (README's clue table), a name matched to an
    # earlier comment was right less often than the previous comment: it does not ship.
    assert parent_of(infer_parents(flat(JACKO)), 3) == "a2"


def test_at_mention_without_author_does_not_move_the_link():
    out = infer_parents(
        flat(
            [
                "This is the developer of Apollo in case anyone does not know who /u/iamthatis is.",
                "Am Reddit noob. What is Apollo?",
                "Apollo is a third party app, /u/iamthatis wrote it and it is great.",
            ]
        )
    )
    assert parent_of(out, 2) == "a1"


def test_repeated_meme_is_not_a_quote_that_moves_the_link():
    out = infer_parents(
        flat(
            [
                "Hold on to your butts, said the engineer before the reboot of the park.",
                "Reading that explanation made me think of Jurassic Park.",
                "Hold on to your butts",
            ]
        )
    )
    assert parent_of(out, 2) == "a1"


def test_answer_after_question_raises_confidence():
    out = infer_parents(
        flat(
            [
                "The bridge reopened on Monday.",
                "Did they also fix the cycle lane?",
                "Yes, finally.",
                "Tram lines are next on the list of works planned for this year in the city.",
            ]
        )
    )
    conf = out.set_index(Col.COMMENT_ID)[Col.REPLY_CONFIDENCE]
    assert conf["a2"] > conf["a3"]


def test_second_person_is_evidence_for_the_previous_comment():
    page = [
        "The summit in Brussels ended without any agreement on the budget.",
        "Honestly you clearly did not read the article before posting.",
    ]
    out = infer_parents(flat(page))
    assert parent_of(out, 1) == "a0"
    assert "second person" in evidence_of(out, 1)
    assert out.set_index(Col.COMMENT_ID).loc["a1", Col.REPLY_ADDRESSES]


def test_yes_answers_the_question_before_it():
    out = infer_parents(
        flat(
            [
                "The bridge reopened on Monday after months of repairs.",
                "Did they also fix the cycle lane on the north side?",
                "Yes, finally.",
            ]
        )
    )
    assert parent_of(out, 2) == "a1"
    assert 'answer:"yes"' in evidence_of(out, 2)


def test_lexical_closeness_to_the_previous_comment_is_evidence():
    out = infer_parents(
        flat(
            [
                "Greenland sovereignty belongs to Greenlanders; Denmark decides Greenland defence.",
                "Exactly, and you said it well.",
                "Haha you two again.",
                "Greenland defence by Denmark: Greenlanders decide sovereignty, not Washington.",
                "Greenlanders decide, and Denmark pays for the defence of Greenland anyway.",
            ]
        )
    )
    assert parent_of(out, 4) == "a3"
    assert "lexical" in evidence_of(out, 4)


def test_without_any_evidence_each_comment_answers_the_previous_one():
    out = infer_parents(
        flat(
            [
                "The tram strike in Ghent enters its third week.",
                "Ferry prices for Dover crossings doubled again this summer.",
                "Meanwhile the harvest in Andalusia was the best in a decade for olive growers.",
                "Bananas.",
            ]
        )
    )
    assert parent_of(out, 0) is None
    assert [parent_of(out, k) for k in (1, 2, 3)] == ["a0", "a1", "a2"]
    assert "first comment" in evidence_of(out, 0)
    assert "shares no word with the comment above" in evidence_of(out, 2)
    assert evidence_of(out, 3) == "previous comment"
    conf = out.set_index(Col.COMMENT_ID)[Col.REPLY_CONFIDENCE]
    assert conf["a0"] == probability("reply", ev.FIRST_COMMENT)
    assert conf["a2"] == probability("reply", f"{ev.PREVIOUS}+{ev.SHARES_NOTHING}")
    assert conf["a3"] == probability("reply", ev.PREVIOUS)


def test_output_columns_and_confidence_range():
    page = flat(["One comment here.", "You are wrong about that.", "Something else entirely."])
    out = infer_parents(page)
    assert out[Col.INFERRED].all()
    assert out[Col.REPLY_CONFIDENCE].between(0, 1).all()
    assert out[Col.REPLY_EVIDENCE].str.len().gt(0).all()
    # The input is not changed.
    assert page[Col.PARENT_ID].isna().all()


def test_source_links_are_kept_with_full_confidence():
    given = pd.DataFrame(
        {
            Col.ARTICLE_ID: "s",
            Col.COMMENT_ID: ["s0", "s1", "s2"],
            Col.POSITION: [0, 1, 2],
            Col.TEXT: ["Root.", "You are wrong.", "Unrelated new point."],
            Col.AUTHOR: ["ann", "bob", "cy"],
            Col.PARENT_ID: ["", "s0", "s0"],
            Col.REPLY_CONFIDENCE: [1.0, 1.0, 1.0],
            Col.INFERRED: False,
        }
    )
    both = pd.concat([given, flat(["A first.", "You are wrong."])], ignore_index=True)
    out = infer_parents(both)
    src = out[out[Col.ARTICLE_ID] == "s"]
    assert src[Col.PARENT_ID].tolist() == ["", "s0", "s0"]
    assert (src[Col.REPLY_CONFIDENCE] == 1.0).all()
    assert (src[Col.REPLY_EVIDENCE] == "source link").all()
    assert not src[Col.INFERRED].any()
    assert out[out[Col.ARTICLE_ID] == "a"][Col.INFERRED].all()


@pytest.mark.parametrize("shuffle", [False, True])
def test_parents_are_always_earlier_in_the_same_article(shuffle):
    texts = [f"comment {k} about topic {k % 3} and you" for k in range(40)]
    pages = pd.concat([flat(texts, "a"), flat(texts, "b")], ignore_index=True)
    if shuffle:
        pages = pages.sample(frac=1.0, random_state=0)
    out = infer_parents(pages)
    pos = out.set_index(Col.COMMENT_ID)[Col.POSITION]
    art = out.set_index(Col.COMMENT_ID)[Col.ARTICLE_ID]
    for cid, par in out.set_index(Col.COMMENT_ID)[Col.PARENT_ID].dropna().items():
        assert pos[par] < pos[cid]
        assert art[par] == art[cid]
    assert out.index.equals(pages.index)


# News-site pages: long paragraph comments (median well above LONG_PAGE characters).
NEWS_ROOT = (
    "Deeper EU and NATO cooperation is not desirable. NATO is a security alliance and the EU "
    "is an economic one, and each should keep to its own job. The EU is riddled with bad actors "
    "who put their own economic interest ahead of the security of the continent."
)


def test_words_taken_up_and_fresh_starts_do_not_move_the_link():
    # Measured leaving one thread out, neither a return to the ancestor whose words a comment
    # takes up nor a long fresh start beat "answers the previous comment": without a quote or
    # the article's words, each comment answers the one above it.
    out = infer_parents(
        flat(
            [
                NEWS_ROOT,
                "All member states put their interests first; that is what the union is for, a "
                "place to argue conflicting interests until the outcome suits everyone involved "
                "in the long negotiation rounds in Brussels every single spring.",
                "Tbh I am far more worried about the protesters in Iran being left to hang out to "
                "dry than about any of this. Thousands arrested, the internet switched off for a "
                "week, and barely a line from the foreign ministries about what comes next.",
                "Being a security alliance is not reserved to NATO: nothing stops the EU from "
                "becoming a security alliance too, with its members still in NATO and a common "
                "defence policy that ends the duplication of thirty separate procurement offices.",
            ]
        )
    )
    assert [parent_of(out, k) for k in range(4)] == [None, "a0", "a1", "a2"]


ARTICLE = "Rutte tells MEPs that NATO and EU cooperation must boost defence production"
CHATTER = [
    "Rain again all weekend in the north, the garden is a swamp.",
    "Same here, the garden hose froze solid last night.",
    "Frozen hoses every winter, buy the insulated kind.",
    "Insulated ones crack too after two winters.",
    "Mine cracked in one winter, cheap rubber.",
    "Rubber boots are the only thing that survives this weather.",
]


def test_a_comment_about_the_article_not_the_one_above_opens_a_new_thread():
    about = "Rutte wants NATO to lean on EU money, which MEPs will never accept for defence."
    out = infer_parents(flat([*CHATTER, about]), {"a": ARTICLE})
    assert parent_of(out, 6) is None
    assert evidence_of(out, 6).startswith("new thread")
    # The same words put to someone ("you") are a reply, and a page without its article's text
    # gives nothing to compare with.
    replying = about.replace("Rutte wants", "You think Rutte wants")
    assert parent_of(infer_parents(flat([*CHATTER, replying]), {"a": ARTICLE}), 6) == "a5"
    assert parent_of(infer_parents(flat([*CHATTER, about])), 6) == "a5"


def test_new_thread_needs_more_than_the_page_usually_takes_from_its_article():
    # When every comment takes up the article's words, taking them up says nothing.
    page = [f"Rutte and the MEPs on defence production, take {k}: NATO money or EU money."
            for k in range(5)] + ["Production of defence kit is what Rutte asked MEPs for."]
    f = features_of(page, ARTICLE)
    found = clues.new_threads(f, clues.previous_comments(f), np.zeros(len(page), bool))
    assert len(found.rows) == 0


def test_same_author_and_back_and_forth_need_authors():
    page = ["First point.", "I disagree with you.", "You are wrong again.", "Also this."]
    authors = ["ann", "bob", "ann", "ann"]
    f = features_of(page, authors=authors)
    previous = clues.previous_comments(f)
    found = clues.same_author(f, previous)
    assert found.rows.tolist() == [3] and found.targets.tolist() == [1]
    support = clues.supports(f, previous, np.zeros(4, bool))
    assert support[ev.BACK_AND_FORTH].tolist() == [False, False, True, False]
    nobody = features_of(page)
    assert len(clues.same_author(nobody, previous).rows) == 0


def test_decode_takes_the_first_proposal_and_keeps_given_links():
    previous = np.array([-1, 0, 1, 2, 3])
    quote = clues.Proposal(ev.QUOTE, np.array([3, 4]), np.array([0, 3]), ("a b c", "d e f"))
    thread = clues.Proposal(ev.NEW_THREAD, np.array([2, 3]), np.array([-1, -1]), ("", ""))
    given = np.array([INFER, INFER, INFER, INFER, 1])
    parent, decided_by = decode(previous, [quote, thread], given)
    # Row 3: the quote (first) wins over the new thread; row 4: the quote names the previous
    # comment, which is the default; but row 4's link is given and kept.
    assert parent.tolist() == [-1, 0, -1, 0, 1]
    assert decided_by.tolist() == [DEFAULT, DEFAULT, 1, 0, GIVEN]
    parent, decided_by = decode(previous, [quote, thread])
    assert parent[4] == 3 and decided_by[4] == DEFAULT


def test_given_links_in_a_flat_article_are_kept_and_the_rest_inferred():
    page = flat([
        "The summit ended without a deal.",
        "Nobody expected one, the budget talks never work.",
        "Correction by hand: this answers the first comment.",
        "Agreed, they never do.",
    ])
    page.loc[2, [Col.PARENT_ID, Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE]] = [
        "a0", 1.0, "corrected by hand"]
    out = infer_parents(page).set_index(Col.COMMENT_ID)
    assert out.loc["a2", Col.PARENT_ID] == "a0"
    assert out.loc["a2", Col.REPLY_EVIDENCE] == "corrected by hand"
    assert not out.loc["a2", Col.INFERRED]
    assert pd.isna(out.loc["a2", Col.REPLY_ADDRESSES])
    assert out.loc["a3", Col.PARENT_ID] == "a2" and out.loc["a3", Col.INFERRED]
    # A row flagged for inference is inferred even if it carries a confidence.
    page.loc[2, Col.INFERRED] = True
    assert infer_parents(page).set_index(Col.COMMENT_ID).loc["a2", Col.PARENT_ID] == "a1"


def test_a_guess_the_source_states_is_kept_and_stays_a_guess():
    page = flat([
        "The summit ended without a deal.",
        "Nobody expected one, the budget talks never work.",
        "An export said this answers the first comment, a guess at 0.41.",
        "Agreed, they never do.",
    ])
    page[Col.REPLY_STATED] = [False, False, True, False]
    page[Col.REPLY_ADDRESSES] = pd.array([None, None, True, None], dtype="boolean")
    page.loc[2, [Col.PARENT_ID, Col.REPLY_CONFIDENCE, Col.REPLY_EVIDENCE, Col.INFERRED]] = [
        "a0", 0.41, "previous comment; lexical:0.10", True]
    out = infer_parents(page).set_index(Col.COMMENT_ID)
    stated = out.loc["a2"]
    assert (stated[Col.PARENT_ID], stated[Col.REPLY_CONFIDENCE], stated[Col.REPLY_EVIDENCE]) \
        == ("a0", 0.41, "previous comment; lexical:0.10")
    assert stated[Col.INFERRED] and stated[Col.REPLY_ADDRESSES] and stated[Col.REPLY_STATED]
    assert out.loc["a3", Col.INFERRED] and not out.loc["a3", Col.REPLY_STATED]
    # Without a confidence there is nothing stated to keep: it is inferred.
    page.loc[2, Col.REPLY_CONFIDENCE] = np.nan
    assert not infer_parents(page).set_index(Col.COMMENT_ID).loc["a2", Col.REPLY_STATED]


def test_evidence_is_data_rendered_to_text_at_the_end():
    items = [ev.Evidence(ev.QUOTE, 0.37, "but it has its limits"),
             ev.Evidence(ev.SECOND_PERSON, 1.0), ev.Evidence(ev.LEXICAL, 0.214)]
    assert ev.render(items, back=3) == (
        'quote:"but it has its limits"; second person; lexical:0.21; back:3')


def test_page_of_short_quips_stays_one_chain():
    quips = [
        "This is the best thing I have seen all week honestly.",
        "Lol same here.",
        "My cat does exactly this every single morning at five.",
        "Mine too, the little monster never lets me sleep.",
        "Time to buy a better door for the bedroom I guess, one with a lock.",
        "Haha true.",
        "Somebody should make a documentary about cats and their morning routines.",
        "It would be the most watched film of the decade.",
    ]
    out = infer_parents(flat(quips))
    assert out[Col.PARENT_ID].isna().sum() == 1


def _longest_shared_run(later: list[str], earlier: list[str]) -> tuple[int, int]:
    """Reference: first longest run of ``later``'s words whose every 3-word window is in
    ``earlier``, as (first word, words); (0, 0) when there is none."""
    windows = set(zip(earlier, earlier[1:], earlier[2:], strict=False))
    best, best_end, run = 0, 0, 0
    for end, window in enumerate(zip(later, later[1:], later[2:], strict=False)):
        run = run + 1 if window in windows else 0
        if run > best:
            best, best_end = run, end
    return (best_end - best + 1, best + 2) if best else (0, 0)


@settings(deadline=None)  # the first example loads the lexicons
@given(
    st.lists(st.lists(st.sampled_from("ab cd ef gh ij".split()), min_size=0, max_size=14),
             min_size=2, max_size=6)
)
def test_vectorised_quoted_runs_match_a_word_by_word_scan(word_lists):
    texts = [" ".join(words) for words in word_lists]
    pages = PageFeatures(texts, np.zeros(len(texts), dtype=np.int64), [None] * len(texts),
                         {0: "ab cd ef gh ij ab cd ef"})
    later = np.arange(1, len(texts), dtype=np.int64)
    earlier = later - 1
    first, length = pages.shared_runs(later, earlier)
    for k, i in enumerate(later.tolist()):
        assert (first[k], length[k]) == _longest_shared_run(word_lists[i], word_lists[i - 1])


def test_back_and_forth_with_authors_sets_its_own_confidence():
    page = flat(["The bridge reopened on Monday.", "It did not, it is still shut.",
                 "It reopened, I drove over it.", "Pictures or it did not happen."])
    page[Col.AUTHOR] = ["ann", "bob", "ann", "cy"]
    out = infer_parents(page).set_index(Col.COMMENT_ID)
    assert out.loc["a2", Col.REPLY_CONFIDENCE] == probability(
        "reply", f"{ev.PREVIOUS}+{ev.BACK_AND_FORTH}")
    assert "answers back (A, B, A)" in out.loc["a2", Col.REPLY_EVIDENCE]
    assert "answers back" not in out.loc["a3", Col.REPLY_EVIDENCE]


def test_decode_never_keeps_a_parent_posted_after_the_comment():
    # 0 <- 1 <- 2 in page order; 3 was posted before 2 and 1 but after 0.
    parent = np.array([-1, 0, 1, 2])
    decided = np.full(4, DEFAULT)
    times = np.array([0.0, 50.0, 60.0, 40.0])
    moved, by = posted_before(parent, decided, times)
    assert moved.tolist() == [-1, 0, 1, 0] and by.tolist() == [DEFAULT, DEFAULT, DEFAULT, LATER]
    # Posted before every comment on the chain: a new thread. A time unknown stops the walk;
    # a given link is kept whatever its time.
    earliest = np.array([10.0, 20, 30, 5])
    assert posted_before(parent, decided, earliest)[0].tolist() == [-1, 0, 1, -1]
    unknown = np.array([0.0, np.nan, 60, 40])
    assert posted_before(parent, decided, unknown)[0].tolist() == [-1, 0, 1, 1]
    kept = np.array([DEFAULT, DEFAULT, DEFAULT, GIVEN])
    assert posted_before(parent, kept, times)[0].tolist() == [-1, 0, 1, 2]


@pytest.mark.parametrize("column, shown", [
    (Col.CREATED_AT, ["2020-03-09T19:00:00Z", "2020-03-09T19:20:00Z", "2020-03-09T19:10:00Z"]),
    (Col.TIME_TEXT, ["3 hours ago", "1 hour ago", "2 hours ago"]),
])
def test_a_comment_posted_before_the_one_above_answers_higher_up(column, shown):
    page = flat(["Is the bridge open?", "It closed on Monday, sadly.",
                 "Yes, the north lane is open."]).assign(**{column: shown})
    out = infer_parents(page)
    assert parent_of(out, 1) == "a0"
    # The comment above (a1) was posted after a2: a2 answers a0, with the measured doubt.
    assert parent_of(out, 2) == "a0"
    assert "the comment above was posted later" in evidence_of(out, 2)
    assert out[Col.REPLY_CONFIDENCE].iloc[2] == probability("reply", ev.LATER)
    # Without times, page order.
    assert parent_of(infer_parents(flat(page[Col.TEXT].tolist())), 2) == "a1"


def test_an_ambiguous_date_or_a_mix_of_dates_and_ages_orders_nothing():
    page = flat(["Is the bridge open?", "It closed on Monday.", "The north lane is open."])
    ambiguous = page.assign(**{Col.CREATED_AT: ["01/03/2020 10:00", "03/01/2020 10:00",
                                                "02/03/2020 10:00"]})
    assert parent_of(infer_parents(ambiguous), 2) == "a1"
    mixed = page.assign(**{Col.CREATED_AT: ["2020-03-09T19:00:00Z", None, None],
                           Col.TIME_TEXT: [None, "1 hour ago", "2 hours ago"]})
    assert parent_of(infer_parents(mixed), 2) == "a1"


def test_a_link_the_times_could_have_ruled_out_and_did_not_is_surer():
    texts = ["Is the bridge open?", "It closed on Monday, sadly.", "Monday is too early."]
    untimed = infer_parents(flat(texts))
    timed = infer_parents(flat(texts).assign(**{Col.CREATED_AT: [
        "2020-03-09T19:00:00Z", "2020-03-09T19:10:00Z", "2020-03-09T19:20:00Z"]}))
    assert timed[Col.PARENT_ID].tolist()[1:] == untimed[Col.PARENT_ID].tolist()[1:] == ["a0", "a1"]
    assert (timed[Col.REPLY_CONFIDENCE].iloc[1:] > untimed[Col.REPLY_CONFIDENCE].iloc[1:]).all()
    # Times that say nothing (one comment undated) leave the page-order confidence.
    half = flat(texts).assign(**{Col.CREATED_AT: ["2020-03-09T19:00:00Z", None, None]})
    assert infer_parents(half)[Col.REPLY_CONFIDENCE].tolist() == pytest.approx(
        untimed[Col.REPLY_CONFIDENCE].tolist())


def test_articles_listed_by_time_are_told_from_pages_that_turn_back():
    n = MIN_LISTED + 2
    starts = np.array([-1] + list(range(n - 1)))  # one article of n rows
    rising = np.arange(n, dtype=float)
    assert listed_by_time(starts, rising).all()
    assert listed_by_time(starts, rising[::-1].copy()).all()  # newest first
    # Ties do not turn back, but there must be MIN_LISTED distinct times.
    assert listed_by_time(starts, np.repeat(rising[: n // 2], 2)).sum() == 0
    tied = np.sort(np.append(rising[:MIN_LISTED], [3.0] * (n - MIN_LISTED)))
    assert listed_by_time(starts, tied).all()
    # One step back (a reply under an older comment, as nested pages show) or one time unknown.
    turned = rising.copy()
    turned[5], turned[6] = turned[6], turned[5]
    assert not listed_by_time(starts, turned).any()
    unknown = rising.copy()
    unknown[3] = np.nan
    assert not listed_by_time(starts, unknown).any()
    # Articles are told apart by where they start: a listed one next to a short one.
    two = np.append(starts, [-1, n, n + 1])
    both = listed_by_time(two, np.append(rising, [0.0, 1.0, 2.0]))
    assert both.tolist() == [True] * n + [False] * 3


LISTED_TEXTS = ["Is the bridge open again after the flood?", "The council says Monday.",
                "Monday is too early, the annex road is still under water.",
                "Who pays for the repairs?", "The county, as always.",
                "Buses are running on the old route.", "The ferry is free this week.",
                "Has anyone seen the report on the pillars?", "It is on the council site.",
                "They should have closed it a year ago.", "Traffic on the ring road is awful.",
                "Good luck to everyone commuting tomorrow."]


@pytest.mark.parametrize("newest_first", [False, True])
def test_links_in_an_article_listed_by_time_carry_the_rate_measured_on_such_lists(newest_first):
    times = [f"2020-03-09T{10 + k // 6:02d}:{k * 7 % 60:02d}:00Z" for k in range(len(LISTED_TEXTS))]
    times = sorted(times, reverse=newest_first)
    listed = infer_parents(flat(LISTED_TEXTS).assign(**{Col.CREATED_AT: times}))
    untimed = infer_parents(flat(LISTED_TEXTS))
    label = "comments listed by time"
    # The earliest comment answers no one for certain; every other decision is a guess.
    first, rest = listed.iloc[0], listed.iloc[1:]
    assert all(label in e for e in rest[Col.REPLY_EVIDENCE])
    assert (rest[Col.REPLY_CONFIDENCE] <= probability("reply_listed", ev.QUOTE)).all()
    assert (label in first[Col.REPLY_EVIDENCE]) == newest_first
    assert first[Col.REPLY_CONFIDENCE] == (probability("reply_listed", ev.FIRST_COMMENT)
                                           if newest_first else 1.0)
    # The links themselves stay as the order and the times give them: only their confidence
    # says how little a listing by time shows.
    if not newest_first:
        assert listed[Col.PARENT_ID].tolist() == untimed[Col.PARENT_ID].tolist()
        later = listed[Col.REPLY_CONFIDENCE].iloc[1:].to_numpy()
        assert (later < untimed[Col.REPLY_CONFIDENCE].iloc[1:].to_numpy()).all()
    else:
        assert listed[Col.PARENT_ID].isna().all()
        assert (listed[Col.REPLY_CONFIDENCE].iloc[1:] < probability("reply", ev.LATER_THREAD)).all()
    # The same comments in an order that turns back (nested) are read as a page.
    turned = list(times)
    turned[4], turned[5] = turned[5], turned[4]
    nested = infer_parents(flat(LISTED_TEXTS).assign(**{Col.CREATED_AT: turned}))
    assert not any(label in e for e in nested[Col.REPLY_EVIDENCE])
