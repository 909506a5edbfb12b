"""Reading input files (YAML or JSON) safely, remembering where each value came from.

Limits guard against files that would exhaust memory: the file size, nesting depth and the
number of values after YAML aliases are expanded (an "alias bomb" is a few lines that
expand to billions of values).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plankit.errors import InputError
from plankit.safeyaml import MAX_DEPTH, Loader, measure

MAX_BYTES = 2 * 1024 * 1024
"""Largest input file accepted (2 MiB; a long plan input is about 50 KB)."""
Path_ = tuple  # a field path: ("parties", 0, "name")


@dataclass
class LoadedInput:
    """The parsed data of one input file plus what is needed to report problems in it."""

    path: Path
    data: Any
    sha256: str
    lines: dict[tuple, int] = field(default_factory=dict)
    """Field path -> 1-based line number where that value starts."""

    @property
    def name(self) -> str:
        return str(self.path)

    def line_of(self, loc: tuple) -> int:
        """The line of the deepest known prefix of a field path (0 if unknown)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 0)


def read_text(path: Path) -> tuple[str, bytes]:
    """Read a file as text, with messages a person can act on."""
    display = str(path)
    if not path.exists():
        hint = ""
        parent = path.parent if str(path.parent) else Path(".")
        if parent.is_dir():
            import difflib
            names = [p.name for p in parent.iterdir() if p.suffix in (".yaml", ".yml", ".json")]
            close = difflib.get_close_matches(path.name, names, n=1)
            if close:
                hint = f"did you mean {parent / close[0]}?"
        raise InputError("file not found", file=display,
                         hint=hint or "check the spelling and the folder you are in")
    if path.is_dir():
        raise InputError("is a folder, not a file", file=display,
                         hint="give the path of a .yaml or .json file inside it")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"the file is too large ({size / 1048576:.1f} MB; the limit is "
                             f"{MAX_BYTES // 1048576} MB)", file=display,
                             hint="an input file holds facts, not attachments; "
                                  "check that this is the right file")
        with open(path, "rb") as fh:  # read-only: inputs are never opened for writing
            raw = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError("cannot be read (permission denied)", file=display,
                         hint="check the file's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", file=display) from None
    if len(raw) > MAX_BYTES:
        raise InputError("the file is too large", file=display)
    return decode(raw, display), raw


def decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("is marked as UTF-16 but is not valid UTF-16", file=display,
                             hint="save it again as UTF-8") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"line {line}: the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                         f"at position {exc.start + 1})", file=display,
                         hint="save it as 'UTF-8' in your editor (in Excel/Word: "
                              "Save As > Tools/Options > Encoding > Unicode (UTF-8))") from None


def _yaml_error(exc: yaml.YAMLError, file: str, text: str = "") -> InputError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
        line = text[: exc.position].count("\n") + 1 if text else 0
        at = f"line {line}: " if line else ""
        return InputError(f"{at}the file contains an invisible control character "
                          f"(U+{exc.character:04X}), which an input file cannot hold",
                          file=file, hint="retype the text on that line, or paste it as plain "
                                          "text")
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    problem = getattr(exc, "problem", None) or str(exc)
    detail = " ".join(str(exc).split())
    if mark and text and not isinstance(exc, yaml.constructor.ConstructorError):
        from plankit.yamlerrors import explain, snippet

        context_mark = getattr(exc, "context_mark", None)
        plain = explain(str(problem), str(getattr(exc, "context", "") or ""), mark.line,
                        mark.column, text, context_mark.line if context_mark else None)
        if plain is not None:
            return InputError(f"line {plain.line}: {plain.message}:", file=file,
                              problems=snippet(text, plain), hint=plain.fix,
                              detail=f"the YAML parser says: {detail}")
    hint = "check the indentation and that every 'key: value' has a space after the colon"
    lines = text.split("\n") if text else []
    if mark and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "YAML indentation must use spaces, not tabs"
    elif isinstance(exc, yaml.constructor.ConstructorError):
        if "could not determine a constructor" in str(problem):
            tag = str(problem).split("tag", 1)[-1].strip(" '!")
            problem = f"the tag '!{tag}' is not allowed in plankit inputs"
            hint = "remove the '!…' tag; inputs hold plain text, numbers, lists and mappings"
        else:
            hint = ""
    elif "mapping values are not allowed" in str(problem):
        hint = "a value containing ': ' must be put in quotes"
    elif "found undefined alias" in str(problem):
        hint = "an '*name' alias needs a matching '&name' earlier in the file"
    return InputError(f"{where}{problem}", file=file, hint=hint,
                      detail=f"the YAML parser says: {detail}")


def load(path: str | os.PathLike) -> LoadedInput:
    """Read and parse one input file; raise :class:`InputError` with file and line on failure."""
    p = Path(path)
    display = str(path)
    text, raw = read_text(p)
    digest = hashlib.sha256(raw).hexdigest()
    if not text.strip():
        raise InputError("the file is empty", file=display,
                         hint="run 'plankit new KIND' for a starter file to fill in")
    is_json = p.suffix.lower() == ".json"
    lines: dict[tuple, int] = {}
    try:
        if is_json:
            data = json.loads(text, object_pairs_hook=_json_pairs)
        loader = Loader(text)
        try:
            node = loader.get_single_node()  # parse once: the node tree gives line numbers
            if node is not None:
                lines = measure(node, display)  # limits are checked before building data
            if not is_json:
                data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}", file=display,
                         hint="check for a missing comma or quote near there") from None
    except _DuplicateKey as exc:
        raise InputError(str(exc), file=display, hint="keep one and delete the other") from None
    except yaml.YAMLError as exc:
        if is_json:  # valid JSON that YAML cannot read: keep data, lose line numbers
            lines = {}
        else:
            raise _yaml_error(exc, display, text) from None
    except RecursionError:
        raise InputError(f"lists and sections are nested more than {MAX_DEPTH} levels deep",
                         file=display, hint="check the indentation") from None
    if data is None:
        raise InputError("the file has no content (only comments or blank lines)",
                         file=display, hint="run 'plankit new KIND' for a starter file to fill in")
    if not isinstance(data, dict):
        raise InputError("the file must be a set of 'key: value' lines (a mapping), starting "
                         "with 'kind: ...'", file=display,
                         hint="run 'plankit new KIND' to see the expected shape")
    from plankit.inputs.profiles import apply_profile  # an input may name an organisation profile

    return apply_profile(LoadedInput(path=p, data=data, sha256=digest, lines=lines))


class _DuplicateKey(ValueError):
    pass


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(f"the key '{k}' appears twice in one object")
        out[k] = v
    return out
