"""A disk cache of compiled clause templates, so each run does not compile them again.

Compiling a clause body (Jinja2 parses it and writes Python, which Python compiles) is most
of what ``plankit validate`` spends on clauses. The compiled code of a body depends only on
the body, Jinja2's version, Python's version and plankit's own sandbox code generator, so it
is stored under a digest of all four in the user's cache folder
(``$XDG_CACHE_HOME/plankit`` or ``~/.cache/plankit``; ``PLANKIT_CACHE=off`` turns it off).

The cache only ever saves time: a missing, unreadable or corrupt entry is compiled again,
and a folder that cannot be written is simply not used. Entries are written atomically.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import jinja2

from plankit import __version__

_DIR: list[Path | None] = []


def cache_dir() -> Path | None:
    """Where compiled clauses are kept, or None when caching is off or impossible."""
    if not _DIR:
        if os.environ.get("PLANKIT_CACHE", "").lower() in ("off", "0", "no", "false"):
            _DIR.append(None)
        else:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
                os.path.expanduser("~"), ".cache")
            _DIR.append(Path(base) / "plankit" / "clauses")
    return _DIR[0]


def _key(source: str, generator: str) -> str:
    digest = hashlib.sha256()
    for part in (__version__, jinja2.__version__, sys.version, generator, source):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _generator_id(env: Any) -> str:
    """Changes whenever plankit's sandbox code generator changes."""
    cls = env.code_generator_class
    module = sys.modules.get(cls.__module__)
    path = getattr(module, "__file__", "") or ""
    try:
        stamp = hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else ""
    except OSError:
        stamp = ""
    return f"{cls.__module__}.{cls.__qualname__}:{stamp}"


_GENERATOR: dict[int, str] = {}


def from_string(env: Any, source: str) -> Any:
    """``env.from_string(source)``, with the compiled code kept on disk between runs."""
    folder = cache_dir()
    if folder is None:
        return env.from_string(source)
    gen = _GENERATOR.get(id(env))
    if gen is None:
        gen = _GENERATOR[id(env)] = _generator_id(env)
    path = folder / f"{_key(source, gen)}.pyc"
    code = None
    try:
        code = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        code = None
    if code is None:
        code = env.compile(source)  # raises TemplateSyntaxError as before
        _store(path, marshal.dumps(code))
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def _store(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError:
        pass  # a cache that cannot be written only costs time
