"""Progress bars on a terminal, silence in a pipe."""

import io

import analysis.pipeline as pipeline
from analysis.cli_progress import terminal_progress
from tests.conftest import SEED_WITH_COMMENTS


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_one_bar_per_stage_and_each_ends_full():
    screen = FakeTerminal()
    progress = terminal_progress(screen)
    result = pipeline.analyse_paths([SEED_WITH_COMMENTS], progress=progress)
    progress.close()
    drawn = screen.getvalue()
    n = len(result.comments)
    for stage in ("sentiment", "hostility", "topics", "replies", "metrics"):
        assert f"{stage:<11}: 100%|##########| {n}/{n} [" in drawn
    assert "read       : 100%|##########| 1/1 [" in drawn
    assert all(bar.n == bar.total for bar in progress.bars.values())


def test_a_pipe_or_a_file_gets_no_bar():
    assert terminal_progress(io.StringIO()) is None
