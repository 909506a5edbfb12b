"""Helpers shared by the hardening tests: find the document kinds and their examples at run
time, walk a kind's JSON Schema, corrupt one field of an input, map field paths to the line
they are on, and run the CLI while counting clean errors and crashes.

Nothing here names a document kind: kinds come from :data:`plankit.inputs.kinds.KINDS`, inputs from
``examples/*.yaml`` (and each kind's starter), fields from the kind's JSON Schema (what
``plankit schema KIND`` prints). A new kind is covered without editing the tests.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "examples"
HERE = Path(__file__).resolve().parent

Loc = tuple  # a field path: ("parties", 0, "name")


# --------------------------------------------------------------------------- discovery


def kinds() -> list[str]:
    from plankit.inputs.kinds import KINDS

    return sorted(KINDS)


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The JSON Schema ``plankit schema KIND`` prints."""
    from plankit.inputs.kinds import get_kind

    return get_kind(kind).load_model().model_json_schema()


def starter(kind: str) -> Path:
    from plankit.paths import STARTERS_DIR

    return STARTERS_DIR / f"{kind}.yaml"


@lru_cache(maxsize=None)
def _valid_inputs() -> dict[str, tuple[Path, ...]]:
    """Every example (not batch files) and starter that validates today, by kind.

    An example that does not validate is another test's failure (test_examples.py); here it
    is left out so that corrupting one field of it means something."""
    from plankit import api
    from plankit.errors import PlankitError

    found: dict[str, list[Path]] = {k: [] for k in kinds()}
    candidates = sorted(EXAMPLES_DIR.glob("*.yaml")) + [starter(k) for k in kinds()]
    for path in candidates:
        if not path.is_file() or re.search(r"^batch:", path.read_text("utf-8"), re.M):
            continue
        try:
            loaded, model = api.read_input(path)
        except PlankitError:
            continue
        if model.kind in found:
            found[model.kind].append(path)
    return {k: tuple(v) for k, v in found.items()}


def inputs_of(kind: str) -> tuple[Path, ...]:
    """Valid inputs of a kind: its examples first, its starter last."""
    return _valid_inputs()[kind]


def base_input(kind: str) -> Path:
    """The input a kind's corrupted cases start from: its first example (or its starter)."""
    found = inputs_of(kind)
    if not found:
        raise LookupError(f"no valid example or starter for kind {kind!r}")
    return found[0]


def load_data(path: Path) -> dict:
    """An input file's data as plankit reads it (dates stay dates, 'no' stays text)."""
    from plankit.inputs import load

    return load(path).data


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)


def write_input(directory: Path, data: Any, name: str = "input.yaml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(dump(data), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- field paths


def show(loc: Loc) -> str:
    """``("parties", 0, "name")`` -> ``parties[1].name``, as plankit prints it."""
    from plankit.inputs.validation import format_path

    return format_path(tuple(loc))


def get(data: Any, loc: Loc) -> Any:
    for part in loc:
        data = data[part]
    return data


def mutate(data: dict, *ops: tuple) -> dict:
    """A changed deep copy. Ops: ("set", loc, value), ("delete", loc), ("rename", loc, new),
    ("append", loc, value)."""
    data = copy.deepcopy(data)
    for op in ops:
        what, loc = op[0], tuple(op[1])
        parent = get(data, loc[:-1]) if loc else None
        if what == "set":
            if loc:
                parent[loc[-1]] = op[2]
            else:
                data = op[2]
        elif what == "delete":
            del parent[loc[-1]]
        elif what == "rename":
            items = list(parent.items())
            parent.clear()
            for key, value in items:
                parent[op[2] if key == loc[-1] else key] = value
        elif what == "append":
            get(data, loc).append(op[2])
        else:  # pragma: no cover - a mistake in a test table
            raise ValueError(what)
    return data


def yaml_lines(text: str) -> dict[Loc, int]:
    """Field path -> line, worked out from the YAML text on its own (not with plankit's
    loader): a mapping value is on its key's line, a list item where the item starts."""
    node = yaml.compose(text, Loader=_LOADER)
    lines: dict[Loc, int] = {}

    def walk(n: yaml.Node, loc: Loc) -> None:
        lines.setdefault(loc, n.start_mark.line + 1)
        if isinstance(n, yaml.SequenceNode):
            for i, child in enumerate(n.value):
                walk(child, loc + (i,))
        elif isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                if isinstance(key, yaml.ScalarNode):
                    lines[loc + (key.value,)] = key.start_mark.line + 1
                    walk(value, loc + (key.value,))

    if node is not None:
        walk(node, ())
    return lines


def leaves(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every value in the data with its path, containers included (parents first)."""
    yield loc, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from leaves(value, loc + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from leaves(value, loc + (i,))


def shape(loc: Loc) -> Loc:
    """A path with list indexes replaced by '*': one field of the schema."""
    return tuple("*" if isinstance(p, int) else p for p in loc)


# --------------------------------------------------------------------------- JSON Schema


def deref(root: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        rest = {k: v for k, v in node.items() if k != "$ref"}
        node = {**root["$defs"][name], **rest}
    return node


def alternatives(root: dict, node: dict) -> list[dict]:
    """The non-null forms a value may take (``anyOf``/``oneOf`` flattened, refs resolved)."""
    node = deref(root, node)
    options = node.get("anyOf") or node.get("oneOf")
    if not options:
        return [node] if node.get("type") != "null" else []
    out: list[dict] = []
    for option in options:
        out.extend(alternatives(root, option))
    return out


def schema_at(root: dict, loc: Loc) -> dict | None:
    """The schema of the value at a data path, or None when the schema does not say."""
    node: dict | None = root
    for part in loc:
        if node is None:
            return None
        nxt = None
        for alt in alternatives(root, node):
            if isinstance(part, int) and alt.get("type") == "array" and "items" in alt:
                nxt = alt["items"]
            elif not isinstance(part, int) and alt.get("type") == "object":
                props = alt.get("properties", {})
                if part in props:
                    nxt = props[part]
                elif isinstance(alt.get("additionalProperties"), dict):
                    nxt = alt["additionalProperties"]
            if nxt is not None:
                break
        node = nxt
    return deref(root, node) if node is not None else None


def types_of(root: dict, node: dict) -> set[str]:
    """JSON types (plus 'date' and 'enum') a schema node accepts."""
    out: set[str] = set()
    for alt in alternatives(root, node):
        if "enum" in alt or "const" in alt:
            out.add("enum")
        elif alt.get("format") == "date":
            out.add("date")
        elif "type" in alt:
            out.add(alt["type"])
        else:
            out.add("any")
    return out


def free_form(root: dict, loc: Loc) -> bool:
    """True inside values the schema leaves open (clause parameters): any value fits."""
    for i in range(len(loc) + 1):
        node = schema_at(root, loc[:i])
        if node is None or node.get("additionalProperties") is True:
            return True
    return False


# --------------------------------------------------------------------------- running the CLI


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.err + self.out


STATS: Counter = Counter()
"""Corpus counts for the summary printed at the end of the test run (see conftest.py)."""

CRASH_MARKERS = ("Traceback (most recent call last)", "internal error", "This is a bug")


def crashed(outcome: Outcome) -> bool:
    return outcome.code not in (0, 1, 2, 3) or any(m in outcome.text for m in CRASH_MARKERS)


def record(outcome: Outcome, known: bool = False) -> None:
    """Count one corpus case; ``known``: a crash already reported (marked xfail)."""
    STATS["tried"] += 1
    if crashed(outcome):
        STATS["known crashes" if known else "crashes"] += 1
    elif outcome.code == 0:
        STATS["built"] += 1
    else:
        STATS["clean errors"] += 1


def summary(stats: Counter | None = None) -> str:
    """One line of corpus counts (``stats``: counts added up from several processes)."""
    stats = STATS if stats is None else stats
    known = stats["known crashes"]
    extra = f" (and {known} known, reported and marked xfail)" if known else ""
    return (f"bad-input corpus: {stats['tried']} cases tried, {stats['clean errors']} clean "
            f"errors, {stats['built']} valid inputs built, crashes = {stats['crashes']}{extra}")


PROBLEM = re.compile(r"(?:^\s*|: )line (\d+): ([^\s:]+)(?: \([^()]*\))?: ", re.M)


def named_lines(text: str) -> list[tuple[int, str]]:
    """(line, field path) of every ``line N: path: message`` row in a message."""
    return [(int(n), path) for n, path in PROBLEM.findall(text)]


# --------------------------------------------------------------------------- model types


def _atoms(annotation: Any, metadata: tuple = ()) -> list[tuple[Any, tuple]]:
    """The types a value may have, with their validators: ``Optional``/``Union`` split and
    ``Annotated`` peeled; lists and mappings are kept whole."""
    import typing

    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _atoms(inner, metadata + tuple(extra))
    if origin is typing.Union or str(origin) == "types.UnionType":
        out: list = []
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                out.extend(_atoms(arg, metadata))
        return out
    return [(annotation, metadata)]


def field_atoms(model: type, loc: Loc) -> list[tuple[Any, tuple]]:
    """What the model says about the value at a data path (empty when it does not say)."""
    import typing

    from pydantic import BaseModel

    atoms = [(model, ())]
    for part in loc:
        nxt: list = []
        for typ, _ in atoms:
            origin = typing.get_origin(typ)
            if isinstance(part, int) and origin in (list, tuple, set, frozenset):
                nxt.extend(_atoms(typing.get_args(typ)[0]))
            elif not isinstance(part, int) and isinstance(typ, type) \
                    and issubclass(typ, BaseModel) and part in typ.model_fields:
                info = typ.model_fields[part]
                nxt.extend(_atoms(info.annotation, tuple(info.metadata)))
            elif not isinstance(part, int) and origin is dict:
                nxt.extend(_atoms(typing.get_args(typ)[1]))
        atoms = nxt
    return atoms


def number_kind(model: type, loc: Loc) -> str:
    """'money' or 'percent' when the field is one of plankit's shared amount types."""
    from plankit.models import common

    funcs = {common._money: "money", common._percent: "percent"}
    for _, metadata in field_atoms(model, loc):
        for item in metadata:
            kind = funcs.get(getattr(item, "func", None))
            if kind:
                return kind
    return ""


# --------------------------------------------------------------------------- clause files


@lru_cache(maxsize=None)
def used_clauses(kind: str) -> tuple[str, ...]:
    """Package clauses the kind's base input uses that take no settings from the input (so a
    replacement without parameters fits)."""
    from plankit import api
    from plankit.library import load_library

    lib = load_library()
    base = base_input(kind)
    dr = api.draft(base, lib)
    data = load_data(base)
    given = set(data.get("clause_params") or {})
    given |= {str(v) for loc, v in leaves(data) if loc and loc[-1] == "clause"}
    out = []
    for c in dr.document.provenance.clauses:
        clause = lib.clauses.get(c.id)
        if clause and clause.origin == "package" and not clause.meta.params \
                and c.id not in given:
            out.append(c.id)
    return tuple(out)


def clause_text(clause_id: str, body: str) -> str:
    """A clause file with the front matter of package clause ``clause_id`` and a new body."""
    from plankit.library import load_library

    text = load_library().clauses[clause_id].path.read_text("utf-8")
    head = text[: text.index("\n---", 3) + 4]
    return head + "\n" + body + "\n"


# --------------------------------------------------------------------------- no fetching


class LoopbackServer:
    """A web server on 127.0.0.1 that records every request it gets (it must get none)."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server API
                hits.append(self.path)
                body = b'body::after { content: "SECRET-FROM-THE-NETWORK" }'
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def __enter__(self) -> "LoopbackServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def text_fields(kind: str, data: dict) -> list[Loc]:
    """Paths of the plain-text fields an input fills in (strings the schema takes as any
    text: no choices, no dates, outside clause parameters)."""
    root = schema(kind)
    out = []
    for loc, value in leaves(data):
        if loc and loc != ("kind",) and isinstance(value, str) and not free_form(root, loc):
            if types_of(root, schema_at(root, loc) or {}) == {"string"}:
                out.append(loc)
    return out


def accepted_changes(kind: str, data: dict, values: dict[Loc, Any]) -> tuple[dict, list[Loc]]:
    """Apply as many of ``values`` (path -> value) as the kind accepts: a field whose new
    value plankit rejects (a party's short name that other fields refer to, a state code, a
    clause id) keeps its old value. Each change is validated on its own, then the whole
    input is drafted and the fields its problems name are put back. Returns (data, the
    paths changed)."""
    import shutil
    import tempfile

    from plankit import api
    from plankit.errors import PlankitError
    from plankit.inputs.kinds import get_kind
    from plankit.library import load_library

    from plankit.pipeline import rule_book

    model = get_kind(kind).load_model()
    changed: list[Loc] = []
    current = copy.deepcopy(data)
    for loc, value in values.items():
        trial = mutate(current, ("set", loc, value))
        try:
            model.model_validate(trial, context={"rules": rule_book()})
        except (PlankitError, ValueError):  # pydantic's ValidationError is a ValueError
            continue
        current = trial
        changed.append(loc)
    folder = Path(tempfile.mkdtemp())
    try:
        for _ in range(10):
            try:
                api.draft(write_input(folder, current), load_library())
                break
            except PlankitError as exc:
                named = [path for _, path in named_lines(exc.format_message())]
                bad = [loc for loc in changed if any(
                    show(loc) == p or show(loc).startswith((p + ".", p + "["))
                    or p.startswith((show(loc) + ".", show(loc) + "[")) for p in named)]
                if not bad:
                    raise
                for loc in bad:
                    current = mutate(current, ("set", loc, get(data, loc)))
                    changed.remove(loc)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return current, changed
