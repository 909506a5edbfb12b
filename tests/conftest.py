"""Shared fixtures: run the CLI in-process, find examples, build each example once per test
run, regenerate goldens on request, and choose the tests of ``make check``.

Two tiers (see the README): ``make check`` runs the tests not marked ``slow``, which
include one end-to-end build of one example per document kind (:data:`CHECK_EXAMPLES`) and
a fixed sample of the bad-input corpus (``--corpus-sample``); ``make test`` runs everything.
Both run in two processes (``pytest -n 2 --dist loadfile``): each test file runs whole in one
worker, so its module and session fixtures are made once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

CHECK_EXAMPLES = ("wioa-state-sector-strategy", "mou-data-sharing", "sector-partnership-mou",
                  "procurement-rfp")
"""The one example per document kind that ``make check`` builds end to end (plan section,
data-sharing MOU, sector partnership MOU, procurement); the others are marked ``slow``. The
plan section is the WIOA state plan's sector strategy section, which builds in a third of
the time of the full WIOA local plan (tests/test_wioa_local.py checks that one's text)."""

FORMATS = "docx,pdf,html,md"

os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: stable goldens


def pytest_configure(config):
    _package_library_once()


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite golden files from current output (review the diff!)")
    parser.addoption("--corpus-sample", action="store_true", default=False,
                     help="Run a fixed sample of the bad-input corpus (make check), not all "
                          "of it")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


def example_params(paths) -> list:
    """``pytest.param`` for each example, marked ``slow`` unless it is in
    :data:`CHECK_EXAMPLES`."""
    return [pytest.param(path, id=path.stem,
                         marks=() if path.stem in CHECK_EXAMPLES else pytest.mark.slow)
            for path in paths]


@pytest.fixture(scope="session")
def example_build(tmp_path_factory):
    """``example_build(path) -> folder`` with the example's review copy in every format, as
    ``plankit build`` writes it; each example is built once per test run (and worker)."""
    from plankit.cli import main

    folders: dict[str, Path] = {}

    def build(path: Path) -> Path:
        if path.stem not in folders:
            out = tmp_path_factory.mktemp(f"example-{path.stem}")
            assert main(["-q", "build", str(path), "-o", str(out), "-f", FORMATS]) == 0
            folders[path.stem] = out
        return folders[path.stem]

    return build


def pdf_plain_text(path: Path) -> str:
    """A PDF's text for "is it there" checks: pdftotext when installed (about twenty times
    faster than pypdf on the 360-page clause catalog), else pypdf. Goldens use pypdf's text
    (tests/test_examples.py)."""
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, text=True, check=True, timeout=120).stdout
    from pypdf import PdfReader

    return " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _package_library_once() -> None:
    """Load the package's clause library once per test process: ``plankit`` commands run
    in-process (the ``cli`` fixture) and test modules reuse it instead of reading the
    160-odd clause files again (about 0.1 s a command, a quarter of the fast tier, and as
    much again while each worker collects the tests). Loads with ``--clauses`` folders, or
    with options, still read their files. Installed when pytest starts, before any test
    module imports ``load_library``; ``plankit.api`` takes it from there too."""
    import plankit.api as api
    import plankit.library as library

    real = library.load_library
    loaded: list = []

    def load(user_dirs=(), **kw):
        if user_dirs or kw:
            return real(user_dirs, **kw)
        if not loaded:
            loaded.append(real())
        return loaded[0]

    load.real = real  # type: ignore[attr-defined]
    library.load_library = load
    api.load_library = load


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Call ``plankit`` in-process: ``cli("build", "x.yaml")`` -> Run(code, out, err)."""
    from plankit.cli import main

    def run(*args: str) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def soffice():
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice is not installed")
    return exe


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- corpus sample


HEAVIEST_FIRST = (
    "test_examples.py", "test_bad_input_corpus.py", "test_clause_library.py",
    "test_docx_side_by_side.py", "test_property_inputs.py", "test_open_value.py",
    "test_escaping.py", "test_hostile_library.py", "test_web_browser.py",
    "test_drafting_aids.py", "test_compare_docx.py", "test_interrupted_writes.py",
    "test_web_app.py", "test_release.py", "test_batch.py", "test_render_typst.py",
)
"""The test files that take longest in the full suite, longest first (their time in a
``--durations=0`` run, fixtures included). The Makefile runs pytest-xdist with whole files
handed out in collection order (``--dist loadfile --no-loadscope-reorder``), so these go
first and the two workers end together instead of one finishing a long file alone."""


def pytest_collection_modifyitems(config, items):
    """The heaviest files first (:data:`HEAVIEST_FIRST`; the others after, in their own
    order). With ``--corpus-sample``, keep the bad-input corpus cases that
    ``test_bad_input_corpus.sample`` picks (a fixed seed: the same cases every run)."""
    rank = {name: i for i, name in enumerate(HEAVIEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: files stay whole
    if not config.getoption("--corpus-sample"):
        return
    corpus = [item for item in items if item.originalname == "test_corpus"
              and item.module.__name__.endswith("test_bad_input_corpus")]
    if not corpus:
        return
    module = corpus[0].module
    keep = module.sample([item.callspec.params["case"] for item in corpus])
    dropped = [item for item in corpus if item.callspec.params["case"].id not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        gone = set(map(id, dropped))
        items[:] = [item for item in items if id(item) not in gone]


# --------------------------------------------------------------------------- corpus summary

CORPUS_STATS: Counter = Counter()
"""The corpus counts of every xdist worker, added up in the controlling process."""


def _support():
    return sys.modules.get("tests.bad_inputs.support")


def pytest_sessionfinish(session):
    """In an xdist worker, hand the corpus counts to the controlling process."""
    support = _support()
    if hasattr(session.config, "workeroutput") and support is not None:
        session.config.workeroutput["bad_input_corpus"] = dict(support.STATS)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    CORPUS_STATS.update(getattr(node, "workeroutput", {}).get("bad_input_corpus", {}))


def pytest_terminal_summary(terminalreporter):
    """After a run that included the bad-input corpus, print its counts (cases tried, clean
    errors, crashes)."""
    support = _support()
    stats = CORPUS_STATS + (support.STATS if support is not None else Counter())
    if stats["tried"]:
        from tests.bad_inputs.support import summary

        terminalreporter.write_sep("-", "bad-input corpus")
        terminalreporter.write_line(summary(stats))


def procurement_input(data, rules=None):
    """A procurement input validated as the pipeline validates it: with the rule book (the
    package's, or ``rules``)."""
    from plankit.models.procurement import ProcurementInput
    from plankit.pipeline import rule_book

    return ProcurementInput.model_validate(data, context={"rules": rule_book(rules)})


def compare_golden(path: Path, text: str, update: bool) -> None:
    """``text`` must equal the golden file at ``path``; with ``--update-goldens`` (``update``)
    the golden is written instead, to be reviewed before it is committed."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"there is no golden {path.name}; create it with --update-goldens and "
                    "review it before committing")
    assert text == path.read_text("utf-8"), (
        f"{path.name} differs from its golden; if the change is intended, rerun with "
        "--update-goldens and review the diff")
