"""Batch builds: one input, one document per row; bad rows reported by row number while the
others build; safe, unique output names; parallel workers; progress; the batch example."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from plankit.console import Progress
from plankit.inputs.batch import is_batch_file, parse_path, slugify, unique_slugs
from tests.conftest import compare_golden, ROOT, write
from tests.test_examples import docx_text, pdf_text

EXAMPLE = ROOT / "examples" / "mou-local-boards-batch.yaml"
CSV = ROOT / "examples" / "mou-local-boards.csv"
GOLDEN = Path(__file__).parent / "golden" / "test_batch"
FIRST = "worksystems-inc"


def check_golden(name: str, text: str, update: bool) -> None:
    compare_golden(GOLDEN / name, text, update)


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize("name, slug", [
    ("Portland Metro Workforce Development Board", "portland-metro-workforce-development-board"),
    ("St. Mary's County WDB", "st-marys-county-wdb"),
    ("Bexar & Travis Workforce Solutions", "bexar-and-travis-workforce-solutions"),
    ("Région de Montréal — Emploi", "region-de-montreal-emploi"),
    ("../../etc/passwd", "etc-passwd"),
    ("C:\\Windows\\System32", "c-windows-system32"),
    ("  --Weird__Name!!  ", "weird-name"),
])
def test_slugs_are_lowercase_ascii_letters_digits_and_hyphens(name, slug):
    assert slugify(name) == slug


def test_slugs_are_short_unique_and_never_empty_or_reserved():
    long = "Very " * 40 + "Long Board"
    slugs = unique_slugs(["Lane County WDB", "Lane County WDB", "lane county wdb", "Lane "
                          "County WDB 2", None, "!!!", "CON", long])
    assert slugs[:4] == ["lane-county-wdb", "lane-county-wdb-2", "lane-county-wdb-3",
                         "lane-county-wdb-2-2"]
    assert slugs[4:7] == ["row-5", "row-6", "con-1"]
    assert len(slugs[7]) <= 60 and not slugs[7].endswith("-")
    assert len(set(slugs)) == len(slugs)
    for s in slugs:
        assert s == slugify(s) or s.startswith("row-") or s.endswith("-1")
        assert "/" not in s and "\\" not in s and not s.startswith(".")


def test_field_paths_count_items_from_one():
    assert parse_path("parties[2]") == ("parties", 1)
    assert parse_path("parties[2].contact.email") == ("parties", 1, "contact", "email")
    for bad in ("parties[0]", "parties..name", "parties[x]", ""):
        with pytest.raises(ValueError):
            parse_path(bad)


# --------------------------------------------------------------------------- helpers


def batch_input(tmp_path: Path, csv_text: str | None = None, rows: str | None = None,
                name: str = "boards.yaml") -> Path:
    """The batch example with its rows replaced by ``csv_text`` or a YAML ``rows:`` block."""
    text = EXAMPLE.read_text("utf-8")
    head = text[:text.index("\nbatch:")]
    if csv_text is not None:
        write(tmp_path / "boards.csv", csv_text)
        block = "\nbatch:\n  fills: parties[2]\n  csv: boards.csv\n"
    else:
        block = "\nbatch:\n  fills: parties[2]\n  rows:\n" + rows
    return write(tmp_path / name, head + block)


HEADER = CSV.read_text("utf-8").splitlines()[0]
GOOD = CSV.read_text("utf-8").splitlines()[1:]


# --------------------------------------------------------------------------- the example


@pytest.fixture(scope="module")
def example_build(tmp_path_factory) -> tuple[Path, object]:
    """The batch example as ``make demo`` builds it, two rows at a time (DOCX and Markdown)."""
    from plankit.cli import main

    out = tmp_path_factory.mktemp("batch")
    code = main(["-q", "build", str(EXAMPLE), "-o", str(out), "-f", "docx,md", "-j", "2"])
    assert code == 0
    return out / "mou-local-boards-batch", code


def test_example_is_a_batch_of_every_local_board():
    assert is_batch_file(EXAMPLE)
    assert len(GOOD) == 9  # Oregon's nine local workforce development boards


def test_example_builds_one_mou_per_board(example_build, update_goldens):
    folder, _ = example_build
    names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    assert len(names) == 2 * len(GOOD)
    check_golden("mou-local-boards-batch.files.txt", "\n".join(names) + "\n", update_goldens)
    md = (folder / f"{FIRST}.md").read_text("utf-8")
    assert ("# Data Sharing Memorandum of Understanding between Higher Education "
            "Coordinating Commission and Worksystems, Inc.\n") in md
    assert "| Worksystems, Inc. | <br><br> | Derek Olsen | Executive Director |" in md
    check_golden(f"{FIRST}.md", md, update_goldens)
    check_golden(f"{FIRST}.docx.txt", docx_text(folder / f"{FIRST}.docx"), update_goldens)
    lane = (folder / "lane-workforce-partnership.md").read_text("utf-8")
    # an empty CSV cell: a visible blank naming the field to fill
    assert ("| **\\[name of the official who signs for the Board\\]** | Executive Director |"
            in lane)


@pytest.mark.slow
def test_example_row_as_pdf(tmp_path, update_goldens):
    """One row of the example in PDF: the same document the full batch makes for it."""
    from plankit.cli import main

    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    write(tmp_path / CSV.name, "\n".join([HEADER, GOOD[0]]) + "\n")
    assert main(["-q", "build", str(tmp_path / EXAMPLE.name), "-o", str(tmp_path / "out"),
                 "-f", "pdf"]) == 0
    pdf = tmp_path / "out" / "mou-local-boards-batch" / f"{FIRST}.pdf"
    check_golden(f"{FIRST}.pdf.txt", pdf_text(pdf), update_goldens)


def test_validate_lists_every_row(cli):
    run = cli("validate", EXAMPLE)
    assert run.code == 0, run.err
    lines = [line for line in run.out.splitlines() if ": ok (" in line]
    assert len(lines) == len(GOOD)
    assert lines[3].startswith(f"{EXAMPLE}, row 4 (mou-local-boards.csv line 5): ok")


# --------------------------------------------------------------------------- bad rows


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_csv_row_is_reported_by_line_and_the_others_build(cli, tmp_path, jobs):
    bad = "Rogue Valley Workforce Development Board,,Manager,x@rvwdb.example.org,,,,,Director"
    path = batch_input(tmp_path, "\n".join([HEADER, GOOD[0], bad, GOOD[1],
                                            '"Too, many",a,b,c,d,e,f,g,h,i', GOOD[2]]) + "\n")
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md", "-j", jobs)
    assert run.code == 1
    assert (f"{path}, row 2 (boards.csv line 3): the input has 1 problem:\n"
            "  parties[2].contact.name: is required but missing") in run.err
    assert f"{path}, row 4 (boards.csv line 5): has 10 values but the header" in run.err
    assert "2 of 5 rows failed (rows 2, 4); the other 3 were written" in run.err
    built = sorted(p.name for p in (tmp_path / "out" / "boards").glob("*.md"))
    assert built == sorted(["worksystems-inc.md", "clackamas-workforce-partnership.md",
                            "lane-workforce-partnership.md"])
    assert run.out.count("wrote ") == 3  # not a terminal: one plain line per file


def test_bad_yaml_row_is_reported_by_item_and_line(cli, tmp_path):
    rows = """\
    - name: Harbor Workforce Board
      signatory.title: Executive Director
      contact.name: Ann Lee
    - name: Ridge Workforce Board
      signatory: {title: Director}
      contact: {email: ridge@example.org}
    - just a name
"""
    path = batch_input(tmp_path, rows=rows)
    text = path.read_text()
    second = next(n for n, line in enumerate(text.splitlines(), 1) if "Ridge" in line)
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md", "-j", "1")
    assert run.code == 1
    assert f"{path}, row 2 (line {second}): the input has 1 problem:" in run.err
    assert f"line {second + 2}: parties[2].contact.name: is required but missing" in run.err
    assert f"{path}, row 3 (line {second + 3}): must be a set of 'key: value' lines" in run.err
    assert (tmp_path / "out" / "boards" / "harbor-workforce-board.md").exists()
    md = (tmp_path / "out" / "boards" / "harbor-workforce-board.md").read_text("utf-8")
    assert "Ann Lee" in md and "Executive Director" in md  # dotted keys fill nested fields


def test_validate_names_every_bad_row(cli, tmp_path):
    bad = GOOD[1].replace("Omar Haddad", "")
    path = batch_input(tmp_path, "\n".join([HEADER, GOOD[0], bad, GOOD[2]]) + "\n")
    run = cli("validate", path)
    assert run.code == 1
    assert "1 of 3 rows has problems:" in run.err
    assert "row 2 (boards.csv line 3): parties[2].contact.name: is required" in run.err


def test_a_problem_every_row_shares_is_reported_once(cli, tmp_path):
    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:4]) + "\n")
    path.write_text(path.read_text().replace("  state: OR", "  state: XX"))
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1
    assert "every row fails in the same way" in run.err
    assert run.err.count("jurisdiction.state") == 1
    assert not list((tmp_path / "out").glob("**/*.md"))


def test_a_failed_row_leaves_the_other_outputs_intact(cli, tmp_path):
    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:3]) + "\n")
    out = tmp_path / "out"
    assert cli("build", path, "-o", out, "-f", "md,docx", "-j", "1").code == 0
    folder = out / "boards"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    # row 2 now fails; its old files stay as they were, and the others are written again
    write(tmp_path / "boards.csv", "\n".join([HEADER, GOOD[0], GOOD[1].replace(
        "Omar Haddad", ""), GOOD[2]]) + "\n")
    edited = folder / "lane-workforce-partnership.md"
    edited.write_text("my own notes")  # an edited output is not replaced without --force
    run = cli("build", path, "-o", out, "-f", "md,docx", "-j", "2")
    assert run.code == 1
    assert "row 2 (boards.csv line 3)" in run.err
    assert "row 3 (boards.csv line 4)" in run.err and "was changed after plankit wrote" \
        in run.err
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after["clackamas-workforce-partnership.md"] == before[
        "clackamas-workforce-partnership.md"]
    assert edited.read_text() == "my own notes"
    assert after[f"{FIRST}.docx"] == before[f"{FIRST}.docx"]  # rebuilt, identical
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_output_names_are_unique_and_stay_in_the_folder(cli, tmp_path):
    rows = """\
    - {name: Harbor Workforce Board, signatory: {title: Director}}
    - {name: Harbor Workforce Board, signatory: {title: Director}}
    - {name: "../../Harbor Workforce Board", signatory: {title: Director}}
"""
    path = batch_input(tmp_path, rows=rows)
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 0, run.err
    names = sorted(p.name for p in (tmp_path / "out" / "boards").glob("*.md"))
    assert names == ["harbor-workforce-board-2.md", "harbor-workforce-board-3.md",
                     "harbor-workforce-board.md"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["boards.yaml", "out"]


@pytest.mark.slow
def test_one_and_two_workers_give_identical_files(cli, tmp_path, monkeypatch):
    import plankit.pipeline.pool

    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:3]) + "\n")
    assert cli("-q", "build", path, "-o", tmp_path / "one", "-f", "docx", "-j", "1").code == 0
    assert cli("-q", "build", path, "-o", tmp_path / "two", "-f", "docx", "-j", "2").code == 0
    # workers started as fresh interpreters (as on Windows and macOS) give the same files
    monkeypatch.setattr(plankit.pipeline.pool, "_start_method", lambda: "spawn")
    assert cli("-q", "build", path, "-o", tmp_path / "spawn", "-f", "docx", "-j", "2").code \
        == 0
    one = sorted((tmp_path / "one" / "boards").glob("*.docx"))
    assert len(one) == 3
    for p in one:
        assert p.read_bytes() == (tmp_path / "two" / "boards" / p.name).read_bytes()
        assert p.read_bytes() == (tmp_path / "spawn" / "boards" / p.name).read_bytes()


def test_batch_block_mistakes(cli, tmp_path):
    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:2]) + "\n")
    text = path.read_text()
    cases = {
        "fills: parties[9]": "there is no item 8 before it",
        "fills: parties[": "is not a field path",
        "csv: missing.csv": "file not found",
        "csv: boards.yaml": "is not a CSV file",
    }
    for change, message in cases.items():
        key = change.split(":")[0]
        lines = [(f"  {change}" if line.startswith(f"  {key}:") else line)
                 for line in text.splitlines()]
        path.write_text("\n".join(lines) + "\n")
        run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
        assert run.code == 1, change
        assert message in run.err, (change, run.err)
    path.write_text(text.replace("  csv: boards.csv", "  csv: boards.csv\n  rows: []"))
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md")
    assert run.code == 1 and "give either 'rows:'" in run.err


# --------------------------------------------------------------------------- progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(capsys):
    tty = _Tty()
    bar = Progress(4, "boards.yaml", stream=tty, bar=None)
    assert bar.bar
    bar.step("a")
    bar.wrote(Path("out/a.md"))
    bar.step("b")
    bar.close()
    drawn = tty.getvalue()
    assert "\r" in drawn and "boards.yaml [" in drawn and "2/4" in drawn
    assert drawn.endswith("\r\x1b[K")
    assert "wrote" not in capsys.readouterr().out
    plain = Progress(4, "boards.yaml", stream=io.StringIO())
    assert not plain.bar
    plain.wrote(Path("out/a.md"))
    plain.step()
    assert capsys.readouterr().out == "wrote out/a.md\n"


def test_api_build_returns_the_batch_result(tmp_path):
    from plankit import api

    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:2]) + "\n")
    result = api.build([path], tmp_path / "out", "md", jobs=1)
    (batch,) = result.batches
    assert batch.built == [1, 2] and not batch.failed
    assert [p.name for p in batch.written] == [f"{FIRST}.md",
                                               "clackamas-workforce-partnership.md"]


def test_missing_pdf_libraries_stop_the_batch_with_exit_3(cli, tmp_path, monkeypatch):
    import plankit.pipeline.run as run_module
    from plankit.errors import EnvironmentProblem

    def no_pdf(doc, fmt, **options):
        raise EnvironmentProblem("PDF output needs the Pango library")

    monkeypatch.setattr(run_module, "render", no_pdf)
    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:3]) + "\n")
    run = cli("build", path, "-o", tmp_path / "out", "-f", "pdf", "-j", "1")
    assert run.code == 3
    assert run.err.count("Pango") == 1  # said once, as the reason the batch stopped
    assert not list((tmp_path / "out").glob("**/*.pdf"))


def test_a_bug_in_one_row_is_an_internal_error(cli, tmp_path, monkeypatch):
    import plankit.pipeline.run as run_module

    real = run_module.render

    def flaky(doc, fmt, **options):
        if "Clackamas" in doc.title:
            raise ZeroDivisionError("division by zero")
        return real(doc, fmt, **options)

    monkeypatch.setattr(run_module, "render", flaky)
    path = batch_input(tmp_path, "\n".join([HEADER] + GOOD[:3]) + "\n")
    run = cli("build", path, "-o", tmp_path / "out", "-f", "md", "-j", "1")
    assert run.code == 4
    assert "row 2 (boards.csv line 3): internal error: ZeroDivisionError" in run.err
    assert "Traceback" not in run.err
    assert len(list((tmp_path / "out" / "boards").glob("*.md"))) == 2


def test_a_row_gets_the_plausibility_warnings_a_single_input_gets(tmp_path):
    """A row is drafted as an input file is, so it gets the same content warnings."""
    from plankit import api
    from plankit.pipeline.run import make
    from plankit.pipeline.jobs import expand

    text = (ROOT / "examples" / "wioa-local-plan.yaml").read_text("utf-8")
    low = text.replace("median_wage: 38.20", "median_wage: 3.82", 1)
    path = write(tmp_path / "low.yaml", low + "\nbatch:\n  rows:\n    - {}\n")
    (row,) = expand(path, tmp_path / "out").jobs
    outcome = make(row, api.load_library(), None, ["md"], False, {}, False, False, True)
    assert not outcome.error, outcome.error
    assert [f.rule for f in outcome.draft.findings] == ["plausible.below-federal-minimum-wage"]
    assert any("row 1" in w and "minimum wage" in w for w in outcome.warnings), outcome.warnings
