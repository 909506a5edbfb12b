"""Shared fixtures: run the CLI in-process, find examples, regenerate goldens on request."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))

os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01: stable goldens


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite golden files from current output (review the diff!)")


@pytest.fixture
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


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
