"""Clause files: front matter validation, overlays, lint, and the package library itself."""

from __future__ import annotations


import pytest
from pydantic import ValidationError

from plankit.errors import ClauseError, UsageError
from plankit.library import load_library, read_clause
from plankit.compose.lint import check_library
from tests.conftest import write

GOOD = """---
id: test.sample
title: Sample
topic: test
kinds: [procurement]
version: 1.0.0
summary: A sample clause.
params:
  rate: {type: money, required: true, example: 20, help: Hourly rate}
  mode: {type: choice, choices: [a, b], default: a, help: Which way}
defines:
  Sample Worker: a worker.
notes: [Check the rate.]
---
Pay each Covered Worker {{ rate | money }}{% if mode == "a" %} now{% endif %}.
"""


def test_reads_a_clause(tmp_path):
    clause = read_clause(write(tmp_path / "c.md", GOOD), "package")
    assert clause.id == "test.sample"
    assert clause.body_line == 15
    model = clause.params_model
    assert model.model_validate({"rate": "21.5"}).rate == 21.5
    with pytest.raises(ValidationError):
        model.model_validate({"rate": -1})
    with pytest.raises(ValidationError):
        model.model_validate({"rate": 1, "mode": "z"})
    with pytest.raises(ValidationError):
        model.model_validate({"rate": 1, "rat": 2})


@pytest.mark.parametrize("text, words", [
    ("no front matter", "must start with"),
    ("---\nid: x\n", "no closing"),
    ("---\nid: [\n---\nbody", "not valid YAML"),
    ("---\nid: Bad Id\ntitle: t\ntopic: t\nkinds: [procurement]\nversion: 1.0.0\n---\n", "id"),
    ("---\nid: a.b\ntitle: t\ntopic: t\nkinds: [procurement]\nversion: one\n---\n", "version"),
    ("---\nid: a.b\ntitle: t\ntopic: t\nkinds: [procurement]\nversion: 1.0.0\nextra: 1\n---\n",
     "extra"),
    ("---\nid: a.b\ntitle: t\ntopic: t\nkinds: [procurement]\nversion: 1.0.0\n"
     "params: {x: {type: choice}}\n---\n", "choices"),
])
def test_invalid_front_matter_is_refused(tmp_path, text, words):
    with pytest.raises(ValueError) as exc:
        read_clause(write(tmp_path / "c.md", text), "package")
    assert words.lower() in str(exc.value).lower()


def test_user_directory_overrides_package_clause_and_is_reported(tmp_path):
    lib = load_library([])
    some_id = lib.ids()[0]
    src = lib.clauses[some_id].path.read_text("utf-8").replace(
        "version: ", "version: 9.9.9\n# was: ", 1)
    write(tmp_path / "mine.md", src)
    lib2 = load_library([tmp_path])
    assert lib2.clauses[some_id].origin == str(tmp_path)
    assert lib2.clauses[some_id].meta.version == "9.9.9"
    assert [o[0] for o in lib2.overrides] == [some_id]


def test_missing_clause_dir_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_library([tmp_path / "nope"])


def test_unknown_clause_id_suggests_close_ids():
    lib = load_library([])
    some_id = lib.ids()[0]
    with pytest.raises(ClauseError) as exc:
        lib.get(some_id[:-1] + "x")
    assert some_id in exc.value.hint


def test_lint_catches_undeclared_unused_and_broken_refs(tmp_path):
    write(tmp_path / "ok.md", GOOD)
    write(tmp_path / "bad.md", GOOD.replace("test.sample", "test.bad")
          .replace("{{ rate | money }}", "{{ rat | money }} see {{ ref('no.such') }}"))
    write(tmp_path / "broken.md", "---\nid: [\n---\n")
    write(tmp_path / "syntax.md", GOOD.replace("test.sample", "test.syntax")
          .replace("{% endif %}", ""))
    write(tmp_path / "setvar.md", GOOD.replace("test.sample", "test.setvar").replace(
        "Pay each", "{% if rate %}{% set shown = rate %}{% endif %}{{ shown }} Pay each"))
    problems, count = check_library(tmp_path)
    text = "\n".join(problems)
    assert count == 5
    assert "shown" not in text
    assert "uses 'rat'" in text
    assert "'rate' is declared but never used" in text
    assert "no.such" in text
    assert "broken.md" in text
    assert "syntax.md" in text and "template error" in text
    assert "ok.md" not in text


def test_symlinks_out_of_the_library_are_ignored(tmp_path):
    outside = write(tmp_path / "outside" / "x.md", GOOD)
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    (lib_dir / "link.md").symlink_to(outside)
    assert "test.sample" not in load_library([lib_dir]).clauses


def test_lint_checks_that_a_part_drafted_alone_names_a_clause(tmp_path):
    alone = GOOD.replace("test.sample", "test.alone").replace(
        "help: Hourly rate}", "help: Hourly rate, alone: no.such-clause}", 1)
    assert alone != GOOD
    write(tmp_path / "alone.md", alone)
    problems, _ = check_library(tmp_path)
    assert any("params.rate: alone: 'no.such-clause' is not a clause" in p for p in problems)
