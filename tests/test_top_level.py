"""The top-level benchmark: its EM prior estimate on synthetic data, and its held-out scoring."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import top_level


def test_em_recovers_a_shifted_prior_from_calibrated_posteriors():
    rng = np.random.default_rng(0)
    # Two classes, a score x ~ N(+-1, 1); posteriors are exact for a 50/50 training prior.
    n, true_share = 20000, 0.2
    y = rng.random(n) < true_share
    x = np.where(y, rng.normal(1, 1, n), rng.normal(-1, 1, n))
    p_first = 1 / (1 + np.exp(-2 * x))
    p = np.column_stack([p_first, 1 - p_first])
    q, prior = top_level.prior_adjusted(p, np.array([0.5, 0.5]))
    assert prior[0] == pytest.approx(true_share, abs=0.02)
    assert q[:, 0].mean() == pytest.approx(prior[0], abs=1e-6)


@pytest.mark.skipif(not top_level.DEFAULT_DATA.exists(),
                    reason="../shared/eval/threads is not beside the repository")
def test_each_thread_is_held_out_once_and_scored_against_page_order():
    table = top_level.page_table(top_level.DEFAULT_DATA)
    model = top_level.learned_model(table)
    assert sorted(model["thread"]) == sorted(table["thread"].unique())
    assert model["comments"].sum() == len(table)
    # Page order's accuracy is the share of comments that answer the one above.
    expected = (table["move"] == top_level.PREVIOUS).groupby(table["thread"]).mean()
    assert np.allclose(model.set_index("thread")["page_order"].sort_index(),
                       expected.sort_index())
    rule = top_level.broader_rule(table)
    assert (rule["top_right"] + rule["previous_lost"] <= rule["fires"]).all()
