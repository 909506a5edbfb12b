"""Writing output files: whole or not at all, and never over a file plankit did not write.

Each output folder keeps ``.plankit-manifest.json`` with the SHA-256 of every file plankit
wrote there. A file that is not listed, or that was changed since, is replaced only with
``--force``.

A build can be stopped at any moment (a crash, a power cut, Ctrl-C, ``kill -9``): each file
is then either the previous one or the new one, whole. The manifest is updated before the
file is replaced and remembers the digest the file had before, so both are recognised as
plankit's and the next build goes ahead. A temporary file left by a stopped build is named
``.<file>.<process id>.<random>.part`` and is removed by a later write of that file once
that process has ended and the file is a minute old.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from plankit.errors import OutputError

MANIFEST = ".plankit-manifest.json"


def ensure_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write to {directory}: a file with that name exists",
                          hint="choose another folder with -o") from None
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {directory} ({exc.strerror})",
                          hint="choose a folder you can write to with -o") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to the output folder {directory} (permission denied)",
                          hint="choose a folder you can write to with -o")


STALE_SECONDS = 60
"""A temporary file this old whose process has ended is left over from a stopped build (the
age also protects a build on another computer writing into a shared folder)."""


def _remove_stale_parts(path: Path) -> None:
    """Delete temporary files for ``path`` left by plankit processes that have ended."""
    if os.name != "posix":  # os.kill(pid, 0) only tests for a process on POSIX
        return
    import glob
    import time

    for part in path.parent.glob(f".{glob.escape(path.name)}.*.part"):
        pid = part.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            if time.time() - part.stat().st_mtime < STALE_SECONDS:
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:
            try:
                part.unlink()
            except OSError:
                pass
        except OSError:
            pass  # the process exists (perhaps another user's): leave its file alone


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    fd = None
    tmp = None
    try:
        _remove_stale_parts(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part",
                                   dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fd = None
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror})",
                          hint="check the folder's permissions and free disk space") from None
    finally:
        if fd is not None:
            os.close(fd)
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class OutputFolder:
    """An output folder and its manifest of files plankit wrote."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / MANIFEST
        try:
            saved = json.loads(self.path.read_text("utf-8"))
            self.files: dict[str, str] = saved["files"]
            self.previous: dict[str, str] = saved.get("previous", {})
            if not isinstance(self.files, dict) or not isinstance(self.previous, dict):
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.files = {}
            self.previous = {}
        """``previous``: the digest each file had before plankit last replaced it; a build
        stopped half-way can leave that file in place."""

    def check(self, target: Path, force: bool) -> None:
        """Refuse to replace a file plankit did not write (or that was edited since)."""
        if force or not target.exists():
            return
        if target.is_dir():
            raise OutputError(f"cannot write {target}: a folder has that name",
                              hint="choose another folder with -o")
        known = self.files.get(target.name)
        try:
            current = _digest(target.read_bytes()) if known else None
        except OSError:
            current = None
        if known is None:
            raise OutputError(f"{target} already exists and was not written by plankit",
                              hint="use --force to replace it, or choose another folder with -o")
        if current not in (known, self.previous.get(target.name)):
            raise OutputError(f"{target} was changed after plankit wrote it",
                              hint="save your edits under another name, then use --force "
                                   "to replace it, or choose another folder with -o. So that "
                                   "a rebuild keeps them, put changes of fact in the input "
                                   "file and changes of wording in a clause of your own "
                                   "(--clauses DIR; see clauses/README.md)")

    def write(self, target: Path, data: bytes) -> None:
        # the manifest first: if the build stops before the file is replaced, the old file is
        # still recognised through ``previous``
        digest = _digest(data)
        old = self.files.get(target.name)
        if old is not None and old != digest:
            self.previous[target.name] = old
        self.files[target.name] = digest
        saved: dict = {"files": dict(sorted(self.files.items()))}
        if self.previous:
            saved["previous"] = dict(sorted(self.previous.items()))
        atomic_write(self.path, (json.dumps(saved, indent=1) + "\n").encode("utf-8"))
        atomic_write(target, data)
