"""The bad-input corpus: every user mistake gets a clear message, a documented exit code,
no traceback and no output file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, write

RFP = ROOT / "examples" / "procurement-rfp.yaml"


def example_data(path: Path = RFP) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def mutate(data: dict, path: tuple, value=None, *, delete=False, rename=None) -> dict:
    data = copy.deepcopy(data)
    target = data
    for part in path[:-1]:
        target = target[part]
    if delete:
        del target[path[-1]]
    elif rename:
        target[rename] = target.pop(path[-1])
    else:
        target[path[-1]] = value
    return data


def dump(tmp_path: Path, data, name="input.yaml") -> Path:
    return write(tmp_path / name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def check_failure(cli, tmp_path, args, code, *words):
    out_dir = tmp_path / "out"
    run = cli("build", *args, "-o", out_dir, "-f", "md,html,docx")
    text = run.err + run.out
    assert run.code == code, text
    assert "Traceback" not in text
    assert len(text.splitlines()) <= 60, "message should fit on one screen"
    for w in words:
        assert w.lower() in text.lower(), f"{w!r} not in:\n{text}"
    leftovers = [p.name for p in out_dir.glob("*")] if out_dir.exists() else []
    assert [p for p in leftovers if not p.startswith(".plankit")] == []
    return text


RAW_CASES = {
    "empty file": (b"", "empty"),
    "only comments": (b"# nothing here\n", "no content"),
    "not utf-8": (b"kind: procurement\ntitle: Caf\xe9\n", "not UTF-8"),
    "yaml syntax": (b"kind: procurement\nagency: {name: x\n", "line"),
    "tab indentation": (b"kind: procurement\nagency:\n\tname: x\n", "line 3"),
    "alias bomb": (b"kind: procurement\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                   b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                   b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
                   "aliases"),
    "python tag": (b"kind: !!python/object/apply:os.system ['echo pwned']\n", "not allowed"),
    "list at top": (b"- kind: procurement\n", "key: value"),
    "no kind": (b"title: x\n", "kind:"),
    "unknown kind": (b"kind: procurment\n", "did you mean 'procurement'"),
    "duplicate key": (b"kind: procurement\nkind: procurement\n", "appears twice"),
}


@pytest.mark.parametrize("name", sorted(RAW_CASES))
def test_raw_file_mistakes(cli, tmp_path, name):
    content, words = RAW_CASES[name]
    f = write(tmp_path / "input.yaml", content)
    check_failure(cli, tmp_path, [f], 1, words, str(f))


def test_missing_file_and_directory(cli, tmp_path):
    check_failure(cli, tmp_path, [tmp_path / "nope.yaml"], 1, "not found")
    check_failure(cli, tmp_path, [tmp_path], 1, "folder")


MODEL_CASES = [
    ("wrong type", ("solicitation", "estimated_value"), "lots of money", {},
     ["solicitation.estimated_value", "money", "line "]),
    ("negative money", ("solicitation", "estimated_value"), -5, {}, ["negative"]),
    ("unknown key", ("solicitation",), None, {"rename": "solicitaton"},
     ["solicitaton", "did you mean 'solicitation'"]),
    ("missing required", ("agency",), None, {"delete": True}, ["agency", "required"]),
    ("control character", ("solicitation", "title"), "Bus \x07 facility", {},
     ["solicitation.title", "control character"]),
    ("bad date", ("solicitation", "construction_start"), "next spring", {},
     ["construction_start", "YYYY-MM-DD"]),
    ("empty provisions", ("provisions",), [], {}, ["provisions", "at least one"]),
    ("unknown clause id", ("provisions", 0, "clause"), "living-wage.requir", {},
     ["provisions[1].clause", "did you mean", "living-wage.require"]),
    ("bad clause param", ("provisions", 2, "params"), {"wage_floor": "a lot"}, {},
     ["provisions[3].params.wage_floor"]),
    ("unknown clause param", ("provisions", 2, "params"), {"wage_flor": 20}, {},
     ["wage_flor", "did you mean 'wage_floor'"]),
    ("too long text", ("solicitation", "title"), "x" * 30_000, {}, ["solicitation.title"]),
]


@pytest.mark.parametrize("name, path, value, how, words", MODEL_CASES, ids=[c[0] for c in MODEL_CASES])
def test_field_mistakes_name_the_field_and_line(cli, tmp_path, name, path, value, how, words):
    data = mutate(example_data(), path, value, **how)
    f = dump(tmp_path, data)
    check_failure(cli, tmp_path, [f], 1, *words)


def test_unwritable_output_location(cli, tmp_path):
    blocker = write(tmp_path / "afile", "x")
    run = cli("build", RFP, "-o", blocker / "sub", "-f", "md")
    assert run.code == 1 and "Traceback" not in run.err
    assert "cannot" in run.err.lower()


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("build").code == 2
    run = cli("build", RFP, "-o", tmp_path, "-f", "doc")
    assert run.code == 2 and "use 'docx'" in run.err
    assert cli("frobnicate").code == 2
    assert not list(tmp_path.glob("*.md"))


def test_strict_refuses_placeholders_and_writes_nothing(cli, tmp_path):
    # the MOU example leaves negotiable terms open on purpose, so it has placeholders
    mou = ROOT / "examples" / "mou-data-sharing.yaml"
    assert cli("validate", mou).out.count("placeholder") >= 1
    check_failure(cli, tmp_path, [mou, "--strict"], 1, "placeholder", "--strict", "section ")


def test_inputs_are_never_modified(cli, tmp_path):
    f = dump(tmp_path, example_data())
    before = f.read_bytes()
    assert cli("build", f, "-o", tmp_path / "out", "-f", "md").code == 0
    assert f.read_bytes() == before


def test_refuses_to_overwrite_a_file_plankit_did_not_write(cli, tmp_path):
    out = tmp_path / "out"
    f = dump(tmp_path, example_data())
    write(out / "input.md", "my own notes")
    run = cli("build", f, "-o", out, "-f", "md")
    assert run.code == 1 and "--force" in run.err
    assert (out / "input.md").read_text() == "my own notes"
    assert cli("build", f, "-o", out, "-f", "md", "--force").code == 0
    assert cli("build", f, "-o", out, "-f", "md").code == 0  # plankit's own file: replaced


def test_one_bad_file_in_a_batch_keeps_the_others(cli, tmp_path):
    good = dump(tmp_path, example_data(), "good.yaml")
    bad = write(tmp_path / "bad.yaml", "kind: procurement\n")
    run = cli("build", good, bad, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1
    assert (tmp_path / "out" / "good.md").exists()
