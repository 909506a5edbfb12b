"""Nothing is lost: a build stopped at any moment leaves whole files, never half-written ones.

* ``python -m plankit build`` is killed (SIGKILL, no chance to clean up) after random delays,
  with a fixed random seed, while it replaces a previous build. Afterwards every output file
  is byte for byte either the previous file or the new one (the DOCX opens as a zip, the PDF
  parses), the manifest is readable, and the next build goes ahead without ``--force`` and
  leaves no temporary file behind.
* An input file is never opened for writing, renamed, truncated or deleted (checked by
  watching every ``open``, ``os.open``, ``os.replace``… during builds of each kind), and
  its bytes and modification time stay the same.
* A file plankit did not write, or one edited since, is replaced only with ``--force``.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.bad_inputs import support as S

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")

ALL = "docx,pdf,html,md"
QUICK = "docx,html,md"
"""Most trials leave the PDF out (it takes most of the time); every third one includes it."""
EXTENSIONS = ("docx", "pdf", "html", "md")
SEED = 20260105
TRIALS = 12
LANES = 2
"""Trials run in two folders side by side (6 each), to keep the test short."""

SLOW_WRITES = r"""
import os, sys, time
_fsync = os.fsync
def fsync(fd):  # make the write phase long enough to be hit by a random kill
    time.sleep(0.04)
    return _fsync(fd)
os.fsync = fsync
from plankit.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _smallest_input() -> Path:
    inputs = [p for k in S.kinds() for p in S.inputs_of(k)]
    return min(inputs, key=lambda p: (p.stat().st_size, p.name))


def _versions() -> tuple[str, str]:
    """Two versions of one input whose outputs differ."""
    data = S.load_data(_smallest_input())
    first = S.dump({**data, "title": "Version one of the draft"})
    second = S.dump({**data, "title": "Version two of the draft, with changes"})
    return first, second


def _command(folder: Path, formats: str, slow: bool) -> list[str]:
    """``python -m plankit build`` (or the same with slow writes)."""
    tail = ["build", str(folder / "input.yaml"), "-o", str(folder / "out"), "-f", formats]
    if slow:
        return [sys.executable, "-c", SLOW_WRITES, *tail]
    return [sys.executable, "-m", "plankit", *tail]


def _outputs(folder: Path) -> dict[str, bytes]:
    return {ext: (folder / "out" / f"input.{ext}").read_bytes() for ext in EXTENSIONS}


def _check_whole(version: dict[str, bytes]) -> None:
    """A complete build: the DOCX opens as a zip, the PDF parses."""
    from pypdf import PdfReader

    with zipfile.ZipFile(io.BytesIO(version["docx"])) as z:
        assert z.testzip() is None and "word/document.xml" in z.namelist()
    assert len(PdfReader(io.BytesIO(version["pdf"])).pages) >= 1


def _check_folder(out: Path, expected: list[dict[str, bytes]], note: str) -> None:
    """Every output is byte for byte one of the complete versions (checked whole once, by
    _check_whole); nothing else is there but the manifest and plankit's hidden temporary
    files."""
    for ext in EXTENSIONS:
        data = (out / f"input.{ext}").read_bytes()
        assert any(data == version[ext] for version in expected), \
            f"{note}: input.{ext} is neither the previous nor the new file ({len(data)} bytes)"
    manifest = out / ".plankit-manifest.json"
    if manifest.exists():
        json.loads(manifest.read_text("utf-8"))
    for path in out.iterdir():
        name = path.name
        assert name in {f"input.{e}" for e in EXTENSIONS} | {manifest.name} \
            or (name.startswith(".") and name.endswith(".part")), f"{note}: stray file {name}"


def _timed(commands: list[list[str]]) -> list[float]:
    """Run commands side by side; return how long each took."""
    started = time.monotonic()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for c in commands]
    times = []
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
        times.append(time.monotonic() - started)
    return times


def _lane(lane: int, folder: Path, versions: tuple[str, str],
          expected: list[dict[str, bytes]], durations: dict[str, float]) -> list[str]:
    """Run this lane's trials; return what happened in each."""
    rng = random.Random(SEED + lane)
    source = folder / "input.yaml"
    log = []
    for trial in range(TRIALS // LANES):
        source.write_text(versions[(trial + 1) % 2], encoding="utf-8")
        before = source.read_bytes()
        formats = ALL if trial % 3 == 0 else QUICK
        slow = trial % 2 == 1
        delay = rng.uniform(0.05, durations[formats] * 1.05)
        proc = subprocess.Popen(_command(folder, formats, slow), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            proc.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)  # our own child: no chance to clean up
            proc.wait(timeout=30)
            finished = False
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        note = (f"lane {lane} trial {trial} ({formats}, slow writes: {slow}, "
                f"{'finished' if finished else f'killed after {delay:.2f} s'})")
        log.append(note)
        if finished:
            assert proc.returncode == 0, f"{note}: the build failed:\n{stderr}"
        _check_folder(folder / "out", expected, note)
        assert source.read_bytes() == before, f"{note}: the input file changed"
    return log


@pytest.mark.slow
def test_a_killed_build_leaves_whole_files_and_the_next_build_goes_ahead(tmp_path):
    from plankit.cli import main

    versions = _versions()
    folders = [tmp_path / f"lane-{lane}" for lane in range(LANES)]
    # the first version, built whole, is where every lane starts
    first = folders[0]
    first.mkdir()
    (first / "input.yaml").write_text(versions[0], encoding="utf-8")
    assert main(["-q", "build", str(first / "input.yaml"), "-o", str(first / "out"),
                 "-f", ALL]) == 0
    for folder in folders[1:]:
        (folder / "out").mkdir(parents=True)
        for path in (first / "out").iterdir():  # the manifest too: plankit wrote these
            (folder / "out" / path.name).write_bytes(path.read_bytes())
    expected = [_outputs(first)]

    # timed builds of the second version (with and without slow writes) give its bytes
    durations = {}
    for formats, text in ((ALL, versions[1]), (QUICK, versions[0])):
        for folder in folders:
            (folder / "input.yaml").write_text(text, encoding="utf-8")
        durations[formats] = max(_timed([_command(f, formats, slow=lane % 2 == 1)
                                         for lane, f in enumerate(folders)]))
        if formats == ALL:
            expected.append(_outputs(first))
            assert expected[1]["pdf"] != expected[0]["pdf"]
            for version in expected:
                _check_whole(version)
            assert all(_outputs(f) == expected[1] for f in folders)

    with ThreadPoolExecutor(LANES) as pool:
        logs = list(pool.map(lambda n: _lane(n, folders[n], versions, expected, durations),
                             range(LANES)))
    killed = sum("killed" in line for log in logs for line in log)
    assert killed >= TRIALS // 3, f"too few builds were interrupted: {logs}"

    # the next build needs no --force, ends with the new files and removes leftovers (once
    # they are a minute old: make them so)
    for folder in folders:
        (folder / "input.yaml").write_text(versions[1], encoding="utf-8")
        for part in (folder / "out").glob(".*.part"):
            old = time.time() - 3600
            os.utime(part, (old, old))
    _timed([_command(f, ALL, slow=False) for f in folders])
    for folder in folders:
        assert _outputs(folder) == expected[1]
        leftovers = [p.name for p in (folder / "out").iterdir() if p.name.endswith(".part")]
        assert leftovers == [], f"temporary files left behind: {leftovers}"


# --------------------------------------------------------------------------- inputs are read only

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


@pytest.fixture
def watch_input(monkeypatch):
    """Record every way a file can be opened for writing, replaced or removed."""
    touched: list[tuple[str, str]] = []
    watched: set[str] = set()

    def mine(path) -> bool:
        try:
            return isinstance(path, (str, bytes, os.PathLike)) and \
                os.path.realpath(os.fsdecode(path)) in watched
        except (TypeError, ValueError):
            return False

    real_open, real_os_open = builtins.open, os.open

    def spy_open(file, mode="r", *a, **k):
        if mine(file) and any(c in mode for c in "wax+"):
            touched.append((str(file), f"open({mode!r})"))
        return real_open(file, mode, *a, **k)

    def spy_os_open(path, flags, *a, **k):
        if mine(path) and flags & _WRITE_FLAGS:
            touched.append((str(path), f"os.open(flags={flags:#o})"))
        return real_os_open(path, flags, *a, **k)

    def spy(name):
        real = getattr(os, name)

        def wrapper(*args, **kwargs):
            for arg in args[:2]:
                if mine(arg):
                    touched.append((str(arg), f"os.{name}"))
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "open", spy_open)
    monkeypatch.setattr(io, "open", spy_open)
    monkeypatch.setattr(os, "open", spy_os_open)
    for name in ("replace", "rename", "remove", "unlink", "truncate", "chmod", "utime"):
        monkeypatch.setattr(os, name, spy(name))

    def watch(path: Path) -> None:
        watched.add(os.path.realpath(path))

    watch.touched = touched  # type: ignore[attr-defined]
    return watch


@pytest.mark.parametrize("kind", [k for k in S.kinds() if S.inputs_of(k)])
def test_builds_never_write_to_the_input(kind, cli, tmp_path, watch_input):
    """Outputs go into the input's own folder, which is the riskiest place."""
    source = tmp_path / "input.yaml"
    source.write_bytes(S.base_input(kind).read_bytes())
    os.utime(source, (1_000_000_000, 1_000_000_000))
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    watch_input(source)
    run = cli("build", source, "-o", tmp_path, "-f", "md,html,docx")
    assert run.code == 0, run.err
    assert watch_input.touched == []
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    run = cli("validate", source)
    assert watch_input.touched == []


@pytest.mark.parametrize("force", [False, True])
def test_an_input_named_like_an_output_is_never_overwritten(cli, tmp_path, watch_input, force):
    kind = S.kinds()[0]
    source = tmp_path / "input.md"  # YAML inside, but named as the Markdown output would be
    source.write_bytes(S.base_input(kind).read_bytes())
    before = source.read_bytes()
    watch_input(source)
    run = cli("build", source, "-o", tmp_path, "-f", "md", *(["--force"] if force else []))
    assert run.code == 1
    assert "is the input file itself" in run.err
    assert watch_input.touched == []
    assert source.read_bytes() == before


# --------------------------------------------------------------------------- --force


def test_force_is_needed_to_replace_a_file_plankit_did_not_write(cli, tmp_path):
    source = tmp_path / "input.yaml"
    source.write_bytes(S.base_input(S.kinds()[0]).read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "input.md"
    mine.write_text("my own notes", encoding="utf-8")

    run = cli("build", source, "-o", out, "-f", "md,html")
    assert run.code == 1 and "--force" in run.err and "not written by plankit" in run.err
    assert mine.read_text("utf-8") == "my own notes"
    assert not (out / "input.html").exists()  # nothing written when one target is refused

    assert cli("build", source, "-o", out, "-f", "md,html", "--force").code == 0
    assert mine.read_text("utf-8") != "my own notes"
    assert cli("build", source, "-o", out, "-f", "md,html").code == 0  # plankit's own now

    with open(mine, "a", encoding="utf-8") as fh:
        fh.write("\nan edit after plankit wrote it\n")
    edited = mine.read_bytes()
    run = cli("build", source, "-o", out, "-f", "md")
    assert run.code == 1 and "changed after plankit wrote it" in run.err
    assert mine.read_bytes() == edited
    assert cli("build", source, "-o", out, "-f", "md", "--force").code == 0
