"""Clause files are untrusted: a hostile one is refused with a message naming its file."""

from __future__ import annotations

import time

import pytest

from tests.conftest import ROOT, write

RFP = ROOT / "examples" / "procurement-rfp.yaml"

HEAD = """---
id: procurement.intro
title: Purpose of this section
topic: procurement
kinds: [procurement]
version: 9.0.0
---
Intro text.
"""

# case -> (clause body, words the message must contain)
CASES = {
    "reach python internals": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "may not do"),
    "read a file": ("{% include '/etc/passwd' %}", "cannot include"),
    "huge string": ("{{ 'x' * 900000000 }}", "too large"),
    "undefined name": ("{{ secret_value }}", "not defined"),
    "template syntax": ("{% if %}", "template error"),
    "runaway loop": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                     "{% endfor %}", "longer than 1 second"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_clause_is_refused_with_its_file_named(cli, tmp_path, monkeypatch, name):
    import plankit.compose.composer as composer

    monkeypatch.setattr(composer, "RENDER_SECONDS", 1)
    body, words = CASES[name]
    clause = write(tmp_path / "lib" / "intro.md", HEAD + body + "\n")
    started = time.monotonic()
    run = cli("build", RFP, "--clauses", tmp_path / "lib", "-o", tmp_path / "out", "-f", "md")
    assert time.monotonic() - started < 20
    assert run.code == 1, run.err
    assert str(clause) in run.err
    assert words in run.err
    assert "Traceback" not in run.err
    assert "root:" not in run.err  # nothing of /etc/passwd
    assert not (tmp_path / "out" / "procurement-rfp.md").exists()
