"""Sessions of the form: each browser gets a random id (a cookie), its own CSRF token and
its own working folder, where the form's input file is saved and checked. Nothing a browser
sends names a file: files in the working folder have names chosen here.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

COOKIE = "plankit_session"
MAX_SESSIONS = 100
"""Sessions kept at once; the oldest unused one is dropped first."""


@dataclass
class Session:
    id: str
    csrf: str
    folder: Path
    kind: str = ""
    stem: str = "input"
    """The input file's name without ``.yaml``; downloads are named after it."""
    data: dict = field(default_factory=dict)
    used: float = field(default_factory=time.monotonic)
    rev: int = 0
    """Goes up when the shape of the input changes (a start, a list item added, removed or
    moved): a page drawn before that sends a stale number, and its fields are not read
    (they name list items by position)."""
    checked: tuple | None = None
    """(input text, whether it was drafted, the result) of the last check."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, kind: str, stem: str, data: dict, fields: list, made=None) -> None:
        """Begin editing ``data`` (an input of ``kind`` whose form has ``fields``;
        ``made``: the model it validates to, if it does)."""
        from plankit.web.formdata import expand

        self.kind = kind
        self.checked = None
        self.rev += 1
        self.stem = safe_stem(stem)
        self.data = expand(data, fields, made)

    def csrf_ok(self, token: str) -> bool:
        return bool(token) and secrets.compare_digest(token.encode(), self.csrf.encode())


def safe_stem(name: str) -> str:
    """A file name stem made only of letters, digits, dots, dashes and underscores."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")[:80]
    return stem or "input"


class Sessions:
    """The sessions of one running server, each with a folder inside ``root``."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="plankit-serve-"))
        self._owned = root is None
        self._by_id: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, sid: str | None) -> Session | None:
        with self._lock:
            s = self._by_id.get(sid or "")
            if s is not None:
                s.used = time.monotonic()
            return s

    def new(self) -> Session:
        with self._lock:
            if len(self._by_id) >= MAX_SESSIONS:
                oldest = min(self._by_id.values(), key=lambda s: s.used)
                self._drop(oldest)
            sid = secrets.token_urlsafe(32)
            folder = self.root / secrets.token_hex(8)
            folder.mkdir(mode=0o700)
            s = Session(id=sid, csrf=secrets.token_urlsafe(32), folder=folder)
            self._by_id[sid] = s
            return s

    def _drop(self, s: Session) -> None:
        self._by_id.pop(s.id, None)
        shutil.rmtree(s.folder, ignore_errors=True)

    def close(self) -> None:
        with self._lock:
            for s in list(self._by_id.values()):
                self._drop(s)
        if self._owned:
            shutil.rmtree(self.root, ignore_errors=True)
