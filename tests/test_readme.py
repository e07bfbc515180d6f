"""The README's contents list matches its sections, so every link in it lands."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def _sections(text: str) -> list[tuple[int, str]]:
    sections, fenced = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else re.match(r"^(#{2,3}) (.+)$", line)
        if heading:
            sections.append((len(heading.group(1)), heading.group(2).strip()))
    return sections


def _anchor(title: str) -> str:
    """GitHub's anchor of a heading (without the -1, -2 it adds to repeated ones)."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def test_the_contents_list_every_section_in_order_with_its_anchor():
    text = README.read_text(encoding="utf-8")
    listed = re.findall(r"^( *)- \[(.+?)\]\(#(.+?)\)$",
                        text.split("Contents:", 1)[1].split("\n## ", 1)[0], re.MULTILINE)
    assert [(2 + len(indent) // 2, title) for indent, title, _ in listed] == _sections(text)
    assert [anchor for _, _, anchor in listed] == [_anchor(t) for _, t in _sections(text)]
