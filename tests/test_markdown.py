"""Clause Markdown -> document model, as spec-style fixtures (title / . / input / . / tree / .)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankit.compose import markdown
from plankit.compose.sandbox import TokenTable
from plankit.document import Document

FIXTURES = Path(__file__).parent / "fixtures" / "clause_markdown"


def read_fixture_file(path: Path) -> list[tuple[str, str, str]]:
    cases = []
    lines = path.read_text("utf-8").split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title = lines[i]
        assert lines[i + 1] == ".", f"{path}:{i + 2}: expected '.'"
        j = lines.index(".", i + 2)
        k = lines.index(".", j + 1)
        cases.append((title, "\n".join(lines[i + 2:j]) + "\n", "\n".join(lines[j + 1:k]) + "\n"))
        i = k + 1
    return cases


CASES = [(f.stem, *c) for f in sorted(FIXTURES.glob("*.md")) for c in read_fixture_file(f)]


@pytest.mark.parametrize("file, title, source, expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_clause_markdown(file, title, source, expected):
    blocks = markdown.parse(source, TokenTable())
    assert Document(title="t", children=blocks).pretty() == expected
