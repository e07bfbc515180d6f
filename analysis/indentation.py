"""Reply structure from indentation: a comment section whose lines are indented by reply depth.

Scrapers and tree dumps often write a thread nested, each reply indented one step deeper than
the comment it answers (spaces, tabs, or tree lines such as "│  ├─ "). Where a page's comment
lines show such steps, the depth is read from them: a comment answers the latest comment one
step less deep above it, a comment at the page's least indentation starts a thread, and a
change of indentation always starts a new comment. The page reader uses it only on a page that
repeats no comment-system layout (``analysis.layout``), as pure functions of the lines.

The page must show nesting, not stray indentation (a poem, a code block): enough lines deeper
than the least, in more than one run (MIN_INDENTED_LINES, MIN_INDENTED_SHARE,
MIN_INDENTED_RUNS), the depths on one grid of steps, and nested page order kept, each line at
most one step deeper than the line above it, on all but MAX_OFF_PATTERN of the lines. And the
lines one step deeper than the line above must read as new comments, not as a comment's later
paragraphs indented (a hanging indent): the join clues of ``analysis.segment`` join few of them
(:func:`deeper_lines_start_comments`). Pages without indentation (the seeds, the Reddit
evaluation pages) read exactly as before.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.segment import (
    BOUNDARY_CLUE_JOINS,
    CONTINUATION_CLUE_COVERAGE,
    PAGE_FORM_JOINS,
    SHIPPED_JOINS,
    boundary_log_odds,
    segment_comments,
)

MIN_INDENTED_LINES = 3
"""At least this many comment lines indented deeper than the least indented ones, ..."""
MIN_INDENTED_SHARE = 0.1
"""... at least this share of them (on a nested page most comments are replies: 87% of the
Reddit threads' comments, about 75% on news pages), ..."""
MIN_INDENTED_RUNS = 2
"""... in at least this many runs between lines of the least indentation, or more than one step
deep (one thread), so that one indented block inside one comment (a poem, a code block) is not
read as replies."""
MAX_OFF_PATTERN = 0.02
"""At most this share of the lines may be off the grid of steps or more than one step deeper
than the line above (a stray space); more, and the indentation is not read as depth."""
CONFIDENCE_INDENTED = 0.95
"""reply_confidence of a link read from indentation: the page states the depth, and its only
doubt is a stray indentation (rounded down from 1.00 on the rendered Reddit threads, as the
layout's page markers are; README)."""
CONFIDENCE_TOP_LEVEL = 0.9
"""... and of a comment at the least indentation, a thread of its own (as the layout's)."""
TAB_WIDTH = 4
_PREFIX = re.compile(r"^[ \t\u00a0\u3000│├└┌┬┴┼─╰╭╴╶↳⤷]*")
"""Indentation: spaces and tabs, and the tree lines and arrows of tree dumps."""


@dataclass(frozen=True)
class Indentation:
    """A comment section read by its indentation: the depth of each line (0 = the page's least
    indentation), the width of one step in characters (a tab counts TAB_WIDTH), the lines
    without their indentation, and the line numbers where a change of depth starts a comment."""

    depths: tuple[int, ...]
    step: int
    lines: tuple[tuple[int, str], ...]
    starts: frozenset[int]

    def describe(self) -> str:
        deepest = max(self.depths)
        return (f"indentation gives the reply depth ({deepest + 1} levels, one step "
                f"{self.step} character{'s' if self.step != 1 else ''} wide)")

    def depth_at(self) -> dict[int, int]:
        """Line number -> depth."""
        return {number: depth for (number, _), depth in zip(self.lines, self.depths,
                                                              strict=True)}


def strip_indentation(text: str) -> str:
    """``text`` without its leading indentation."""
    return text[_PREFIX.match(text).end():]


def _width(text: str) -> int:
    prefix = _PREFIX.match(text).group()
    return len(prefix.expandtabs(TAB_WIDTH))


def read_indentation(lines: Sequence[tuple[int, str]],
                     boundary: float = BOUNDARY_CLUE_JOINS,
                     continuation: float = CONTINUATION_CLUE_COVERAGE) -> Indentation | None:
    """The comment section ``lines`` (``(line number, text)`` as on the page, indentation kept,
    blank lines left out) read by its indentation, or None when it does not show nesting (see
    the module's conditions; ``boundary`` and ``continuation`` as in
    :func:`deeper_lines_start_comments`)."""
    depths = _depths([text for _, text in lines])
    if depths is None:
        return None
    stripped = tuple((number, strip_indentation(text)) for number, text in lines)
    numbers = [number for number, _ in lines]
    deeper = [numbers[k] for k in range(1, len(depths))
              if depths[k] > depths[k - 1] and numbers[k] == numbers[k - 1] + 1]
    plain = segment_comments(stripped, SHIPPED_JOINS - PAGE_FORM_JOINS)
    joined = {n for s in plain for n in range(s.line_start + 1, s.line_end + 1)}
    if not deeper_lines_start_comments(len(joined.intersection(deeper)), len(deeper),
                                       boundary, continuation):
        return None
    starts = frozenset(numbers[k] for k in range(1, len(depths)) if depths[k] != depths[k - 1])
    return Indentation(tuple(depths), _step([text for _, text in lines]), stripped, starts)


def _step(texts: Sequence[str]) -> int:
    """The commonest rise of indentation from one line to the next (a reply below its
    parent)."""
    widths = [_width(text) for text in texts]
    rises = Counter(after - before for before, after in zip(widths, widths[1:], strict=False)
                    if after > before)
    return rises.most_common(1)[0][0]


def _depths(texts: Sequence[str]) -> list[int] | None:
    """Each line's depth, or None when the indentation is not on one grid of steps in nested
    order (MIN_INDENTED_LINES, MAX_OFF_PATTERN)."""
    if len(texts) < 2:
        return None
    widths = [_width(text) for text in texts]
    least = min(widths)
    indented = sum(width > least for width in widths)
    runs = sum(1 for before, after in zip(widths, widths[1:], strict=False)
               if before == least < after)
    if indented < max(MIN_INDENTED_LINES, MIN_INDENTED_SHARE * len(widths)):
        return None
    step = _step(texts)
    depths, off = [], 0
    for width in widths:
        depth, rest = divmod(width - least, step)
        if rest:
            off += 1
            depth += rest * 2 >= step
        depths.append(depth)
    off += sum(1 for before, after in zip(depths, depths[1:], strict=False)
               if after > before + 1)
    if depths[0] != 0 or off > MAX_OFF_PATTERN * len(texts):
        return None
    if runs < MIN_INDENTED_RUNS and max(depths) < 2:
        return None
    return depths


def deeper_lines_start_comments(joined: int, deeper: int,
                                boundary: float = BOUNDARY_CLUE_JOINS,
                                continuation: float = CONTINUATION_CLUE_COVERAGE) -> bool:
    """Whether the ``deeper`` lines that are indented one step more than the line above them
    start comments (replies), given that the join clues join ``joined`` of them to the line
    above: the likelier of a comment boundary and a paragraph of the same comment indented
    (``analysis.segment.boundary_log_odds``); none such lines (each after a blank line) leave
    nothing against depth."""
    return boundary_log_odds(joined, deeper, boundary, continuation) >= 0


def link_by_depth(depths: Sequence[int], first_lines: Sequence[int]
                  ) -> list[tuple[int | None, float, str]]:
    """For each comment (its depth, and its first line number for the evidence), the index of
    the earlier comment it answers (the latest one step less deep; None starts a thread), the
    link's confidence and its evidence in words."""
    links: list[tuple[int | None, float, str]] = []
    latest_at: dict[int, int] = {}  # depth -> the latest comment at that depth
    for index, depth in enumerate(depths):
        parent = None
        for shallower in range(depth - 1, -1, -1):
            if shallower in latest_at:
                parent = latest_at[shallower]
                break
        if parent is None:
            links.append((None, CONFIDENCE_TOP_LEVEL,
                          "page indentation: at the least indentation, starts a new thread"))
        else:
            links.append((parent, CONFIDENCE_INDENTED,
                          f"page indentation: level {depth}, under the comment at line "
                          f"{first_lines[parent]} (level {depths[parent]})"))
        latest_at[depth] = index
        for deeper in [d for d in latest_at if d > depth]:
            del latest_at[deeper]  # a new comment closes the branches below the one above
    return links
