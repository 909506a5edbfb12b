"""Organisation profiles: one file of shared facts, reused by every document that names it."""

from __future__ import annotations

import json

import pytest
import yaml

from plankit import api
from plankit.errors import InputError
from plankit.inputs import load
from plankit.library import load_library
from plankit.inputs.profiles import Profile, ProfileLine
from tests.conftest import ROOT, write

LIB = load_library()
BOARD = ROOT / "examples" / "profiles" / "three-rivers-board.yaml"
THREE_RIVERS = ROOT / "examples" / "three-rivers"


def md(path) -> str:
    return api.render(api.draft(path, LIB).document, "md").decode("utf-8")


@pytest.mark.parametrize("name", ["local-plan", "sector-mou", "data-sharing-mou"])
def test_profile_values_appear_in_every_document_that_uses_it(name):
    text = md(THREE_RIVERS / f"{name}.yaml")
    for value in ("Three Rivers Workforce Development Board", "Marcus Hale"):
        assert value in text, (name, value)
    if name != "local-plan":
        assert "Janelle Ortiz" in text  # the Board's contact
    if name == "data-sharing-mou":
        assert "Owen Pryce" in text  # its security contact
    if name == "sector-mou":
        assert "Angela Moreno" in text  # a partner's signatory


def test_a_plan_drafted_from_the_profile_is_the_plan_typed_out():
    assert md(THREE_RIVERS / "local-plan.yaml") == md(ROOT / "examples" / "wioa-local-plan.yaml")


def test_the_profile_example_and_the_starter_are_valid_profiles(cli):
    Profile.model_validate(load(BOARD).data)
    run = cli("new", "profile")
    assert run.code == 0
    Profile.model_validate(yaml.safe_load(run.out))
    assert "profile" in cli("new").out
    schema = json.loads(cli("schema", "profile").out)
    assert "organization" in schema["properties"]


# --------------------------------------------------------------------------- override order

PROFILE = """\
kind: profile
organization:
  name: Example Board
  short_name: the Board
  contact:
    name: Profile Contact
    email: contact@example.org
  signatory:
    name: Profile Signer
    title: Profile Title
letterhead: Profile Letterhead
"""

SECTOR = """\
kind: mou-sector-partnership
date: 2026-05-15
profile: {profile}
sector:
  name: health care
  region: the Example region
  state: OH
{convener}partners:
  - name: Example Hospital
    role: industry
    commitments: [Host placements]
    signatory: {{name: Pat Lee, title: President}}
  - name: Example College
    role: education-training
    commitments: [Run the cohort]
    signatory: {{name: Sam Roe, title: President}}
vision: Good jobs in health care.
meetings: {{cadence: quarterly}}
term: {{start: 2026-07-01, years: 3, renewal: by-amendment}}
{batch}"""


def sector(tmp_path, convener: str = "", batch: str = "", profile: str = "board.yaml"):
    write(tmp_path / "board.yaml", PROFILE)
    return write(tmp_path / "in.yaml", SECTOR.format(profile=profile, convener=convener,
                                                     batch=batch))


def test_the_input_overrides_the_profile(tmp_path):
    dr = api.draft(sector(tmp_path), LIB)
    assert dr.model.convener.name == "Example Board"
    assert dr.model.convener.signatory.name == "Profile Signer"
    assert dr.model.point_of_contact.name == "Profile Contact"
    assert dr.model.options.letterhead == "Profile Letterhead"
    dr = api.draft(sector(tmp_path, "convener:\n  name: Example Board\n  signatory:\n"
                                    "    title: Input Title\n"), LIB)
    assert dr.model.convener.signatory.title == "Input Title"  # the input's value wins
    assert dr.model.convener.signatory.name == "Profile Signer"  # the rest is the profile's


def test_profile_then_input_then_batch_row(tmp_path, cli):
    path = sector(tmp_path, "convener:\n  name: Example Board\n  signatory:\n"
                            "    title: Input Title\n",
                  "batch:\n  fills: convener\n  name_from: signatory.name\n  rows:\n"
                  "    - signatory: {name: Row Signer}\n"
                  "    - signatory: {name: Row Signer Two, title: Row Title}\n")
    run = cli("-q", "build", path, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 0, run.err
    files = sorted((tmp_path / "out").rglob("*.md"))
    texts = {f.stem: f.read_text("utf-8") for f in files}
    assert len(texts) == 2, list(texts)
    one, two = (texts[k] for k in sorted(texts))
    assert "Row Signer" in one and "Input Title" in one and "Profile Signer" not in one
    assert "Row Signer Two" in two and "Row Title" in two and "Input Title" not in two
    assert "Profile Contact" in one and "Profile Contact" in two


# --------------------------------------------------------------------------- bad input


def _fails(cli, tmp_path, path, *words):
    out = tmp_path / "out"
    run = cli("build", path, "-o", out, "-f", "md")
    assert run.code == 1, run.err
    assert "Traceback" not in run.err
    for word in words:
        assert word in run.err, (word, run.err)
    assert not out.exists() or not any(out.iterdir())
    return run.err


@pytest.mark.parametrize("profile, words", [
    ("/etc/board.yaml", ["line 3", "relative to this input"]),
    ("https://example.org/board.yaml", ["not allowed"]),
    ("~/board.yaml", ["not allowed"]),
    ("board.txt", ["not a YAML or JSON file"]),
    ("missing.yaml", ["was not found", "plankit new profile"]),
])
def test_a_profile_path_outside_the_rules_is_refused(tmp_path, cli, profile, words):
    _fails(cli, tmp_path, sector(tmp_path, profile=profile), "in.yaml", *words)


def test_a_profile_of_the_wrong_kind_is_refused(tmp_path, cli):
    path = sector(tmp_path)
    write(tmp_path / "board.yaml", "kind: procurement\nagency: {name: X}\n")
    _fails(cli, tmp_path, path, "line 3", "'procurement' input, not a profile")


def test_profiles_do_not_chain(tmp_path, cli):
    path = sector(tmp_path)
    write(tmp_path / "board.yaml", PROFILE + "profile: other.yaml\n")
    write(tmp_path / "other.yaml", PROFILE)
    _fails(cli, tmp_path, path, "board.yaml", "cannot name another profile")


def test_two_files_that_name_each_other_do_not_loop(tmp_path, cli):
    path = sector(tmp_path)
    write(tmp_path / "board.yaml", "kind: mou-sector-partnership\nprofile: in.yaml\n")
    _fails(cli, tmp_path, path, "not a profile")


def test_an_unknown_key_in_the_profile_names_the_profile_and_line(tmp_path, cli):
    path = sector(tmp_path)
    write(tmp_path / "board.yaml", PROFILE + "colour: blue\n")
    err = _fails(cli, tmp_path, path, "board.yaml", "line 12", "colour")
    assert "profile has 1 problem" in err


def test_a_bad_value_from_the_profile_names_the_profile_line(tmp_path, cli):
    """The Board's type in the profile is words; a data-sharing MOU's party type is one of
    a list. Without the input's own type, the profile's is used, and the problem is
    reported at the profile's line."""
    write(tmp_path / "board.yaml", BOARD.read_text("utf-8"))
    text = (THREE_RIVERS / "data-sharing-mou.yaml").read_text("utf-8")
    text = text.replace("../profiles/three-rivers-board.yaml", "board.yaml")
    text = text.replace("    type: workforce-board\n", "", 1)
    path = write(tmp_path / "in.yaml", text)
    line = BOARD.read_text("utf-8").splitlines().index(
        "  type: local workforce development board") + 1
    err = _fails(cli, tmp_path, path, f"line {line} of ", "board.yaml", "parties[1].type")
    assert "workforce-board" in err


def test_a_bad_value_in_the_input_still_names_the_input_line(tmp_path, cli):
    path = sector(tmp_path, "convener:\n  name: Example Board\n  signatory:\n"
                            "    title: [not, text]\n")
    _fails(cli, tmp_path, path, "line 11: convener.signatory.title")


def test_profile_line_reads_as_a_line_of_the_profile():
    line = ProfileLine(7, "board.yaml")
    assert f"line {line}: x" == "line 7 of board.yaml: x" and line == 7 and line < 8


def test_a_profile_is_not_a_document(tmp_path, cli):
    write(tmp_path / "board.yaml", PROFILE)
    run = cli("validate", tmp_path / "board.yaml")
    assert run.code == 1 and "organisation profile, not a document" in run.err


def test_an_input_without_a_profile_is_unchanged(tmp_path):
    path = ROOT / "examples" / "sector-partnership-mou.yaml"
    loaded = load(path)
    assert "profile" not in loaded.data and all(type(v) is int for v in loaded.lines.values())


def test_a_logo_in_the_profile_is_found_beside_the_profile(tmp_path):
    import base64

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4"
                           "DwABBAEAghk9ZgAAAABJRU5ErkJggg==")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "seal.png").write_bytes(png)
    (tmp_path / "docs").mkdir()
    write(tmp_path / "shared" / "board.yaml",
          PROFILE + "logo: seal.png\nlogo_description: Seal of the Board\n")
    path = write(tmp_path / "docs" / "in.yaml",
                 SECTOR.format(profile="../shared/board.yaml", convener="", batch=""))
    dr = api.draft(path, LIB)
    assert dr.document.logo is not None and dr.document.logo.data == png


def test_profile_errors_are_input_errors(tmp_path):
    with pytest.raises(InputError):
        load(sector(tmp_path, profile="nope.yaml"))


def test_the_recorded_input_hash_covers_the_profile(tmp_path):
    """A document records one hash for what it was built from: a change to the profile
    changes it, as a change to the input does."""
    from plankit.inputs import load

    profile = tmp_path / "board.yaml"
    source = (ROOT / "examples" / "profiles" / "three-rivers-board.yaml").read_text("utf-8")
    profile.write_text(source, "utf-8")
    text = (ROOT / "examples" / "three-rivers" / "sector-mou.yaml").read_text("utf-8")
    inp = tmp_path / "mou.yaml"
    inp.write_text(text.replace("../profiles/three-rivers-board.yaml", "board.yaml"), "utf-8")
    first = load(inp).sha256
    profile.write_text(source + "\n# edited\n", "utf-8")
    assert load(inp).sha256 != first
    profile.write_text(source, "utf-8")
    assert load(inp).sha256 == first
