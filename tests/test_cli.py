"""The other commands: new, schema, clauses, doctor; messages as a user sees them."""

from __future__ import annotations

import json

import pytest
import yaml

from plankit.inputs.kinds import KINDS
from tests.conftest import ROOT, write


def test_help_and_version(cli):
    run = cli("--help")
    assert run.code == 0
    for command in ("build", "validate", "new", "schema", "clauses", "doctor"):
        assert command in run.out
    assert cli("--version").code == 0


def test_new_lists_kinds(cli):
    run = cli("new")
    assert run.code == 0
    for kind in KINDS:
        assert kind in run.out


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_starter_is_commented_and_valid(cli, tmp_path, kind):
    run = cli("new", kind)
    assert run.code == 0
    assert run.out.count("#") >= 10, "a starter explains its fields in comments"
    data = yaml.safe_load(run.out)
    assert data["kind"] == kind
    target = tmp_path / "mine.yaml"
    assert cli("new", kind, "-o", target).code == 0
    assert cli("validate", target).code == 0
    again = cli("new", kind, "-o", target)
    assert again.code == 1 and "--force" in again.err


def test_new_unknown_kind(cli):
    run = cli("new", "mou")
    assert run.code == 1
    assert "kinds:" in run.err


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_is_json_schema(cli, kind):
    run = cli("schema", kind)
    assert run.code == 0
    schema = json.loads(run.out)
    assert schema["type"] == "object"
    assert "kind" in schema["properties"]
    assert schema.get("additionalProperties") is False


def test_clauses_list_show_check(cli):
    run = cli("clauses", "list")
    assert run.code == 0
    ids = [line.split()[0] for line in run.out.splitlines() if line.startswith("  ")]
    assert "living-wage.require" in ids
    assert "Living wage (living-wage)" in run.out   # grouped under its topic
    show = cli("clauses", "show", "living-wage.require")
    assert show.code == 0
    assert "wage_floor" in show.out and "built-in" in show.out
    assert cli("clauses", "show", "living-wage.requir").code == 1
    # `clauses check` on the package's library: test_clause_library.py


def test_clauses_check_reports_bad_user_folder(cli, tmp_path):
    write(tmp_path / "bad.md", "---\nid: x.y\n---\n")
    run = cli("clauses", "check", tmp_path)
    assert run.code == 1
    assert "bad.md" in run.out


def test_user_clause_override_is_reported_and_used(cli, tmp_path):
    from plankit.library import load_library

    original = load_library().get("living-wage.require")
    text = original.path.read_text("utf-8")
    body_start = text.index("---", 3) + 3
    custom = text[:body_start].replace("version: ", "version: 7.0.0\n# previously ", 1) + \
        "\nOur agency's own living wage wording.\n"
    write(tmp_path / "clauses" / "lw.md", custom)
    from tests.conftest import ROOT
    run = cli("build", ROOT / "examples" / "procurement-rfp.yaml", "--clauses",
              tmp_path / "clauses", "-o", tmp_path / "out", "-f", "md")
    assert run.code == 0, run.err
    assert "replaces the package clause" in run.err
    assert "Our agency's own living wage wording" in (tmp_path / "out" /
                                                       "procurement-rfp.md").read_text()


def test_doctor(cli):
    run = cli("doctor")
    assert "DOCX output" in run.out and "PDF output" in run.out
    assert run.code in (0, 3)


def test_a_missing_clause_folder_is_one_usage_error_for_validate_as_for_build(cli, tmp_path):
    inputs = [ROOT / "examples" / "mou-data-sharing.yaml",
              ROOT / "examples" / "procurement-rfp.yaml"]
    for command in (["validate"], ["build", "-o", str(tmp_path / "out")]):
        run = cli(*command, *inputs, "--clauses", tmp_path / "nope")
        assert run.code == 2, run.err
        assert run.err.count("folder not found") == 1, run.err
    assert not (tmp_path / "out").exists()
