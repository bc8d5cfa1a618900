"""What a rubric is for, in one line: for `rubrics list` and the TUI's rubric picker."""

from __future__ import annotations


def purpose(description: str, title: str) -> str:
    """The description's first paragraph on one line (rubric authors open the description
    with what the rubric is for), or the title when there is no description."""
    first = description.strip().split("\n\n", 1)[0] if description.strip() else ""
    return " ".join(first.split()) or " ".join(title.split())
