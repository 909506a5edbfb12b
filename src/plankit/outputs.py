"""Writing output files: whole or not at all, and never over a file plankit did not write.

Each output folder keeps ``.plankit-manifest.json`` with the SHA-256 of every file plankit
wrote there. A file that is not listed, or that was changed since, is replaced only with
``--force``.
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


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target."""
    fd = None
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
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
            self.files: dict[str, str] = json.loads(self.path.read_text("utf-8"))["files"]
            if not isinstance(self.files, dict):
                raise ValueError
        except (OSError, ValueError, KeyError, TypeError):
            self.files = {}

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
        if current != known:
            raise OutputError(f"{target} was changed after plankit wrote it",
                              hint="save your edits under another name, then use --force "
                                   "to replace it, or choose another folder with -o")

    def write(self, target: Path, data: bytes) -> None:
        atomic_write(target, data)
        self.files[target.name] = _digest(data)
        payload = json.dumps({"files": dict(sorted(self.files.items()))}, indent=1) + "\n"
        atomic_write(self.path, payload.encode("utf-8"))
