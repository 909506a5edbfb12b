"""The bad-input corpus: every way an input can be wrong gets a clean answer.

Each case runs ``plankit build`` on one spoiled input and checks that plankit

* exits with the expected code (1 for a problem in the input, 0 for valid input),
* never shows a traceback or an "internal error",
* names the file, and the field with the line it is on (``line 14: parties[2].name: …``),
* fits its message on one screen, and
* writes no output file when it refuses the input.

Valid but unusual input (right-to-left text, combining marks, a byte-order mark, UTF-16,
Windows line endings) must build, and its text must come out exactly as typed.

Cases come from three places:

* ``tests/bad_inputs/cases.yaml``: the hand-written table (with raw files in
  ``tests/bad_inputs/files/``);
* one case per field of every kind, made here from each kind's examples and its JSON Schema
  (``plankit schema KIND``): a value of the wrong type, a misspelled key, negative money,
  a percentage over 100, a number out of range, an end date before the start, an empty list;
* one set per kind of file-level cases: encodings, a 50 MB file, a 1 MB text, 10,000 list
  items, control characters, YAML tags, and a clause folder whose clause refers to a
  clause that does not exist, or to itself.

Kinds and examples are found at run time, so a new kind is covered without editing this
file. Big files are made in a temporary folder, never committed. A summary line (cases
tried, clean errors, crashes) is printed at the end of the run.

``make test`` (and CI) runs the whole corpus; ``make check`` runs a sample chosen with a
fixed seed (``--corpus-sample``, see :func:`sample`): the same cases every run.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import math
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from tests.bad_inputs import support as S

CASES_FILE = S.HERE / "cases.yaml"
FILES = S.HERE / "files"

RTL_TEXT = ("مجلس القوى العاملة — שלום — e\u0301\u0301 n\u0303 — "
            "\u0915\u093c\u093e — \u202bنص\u202c 😀")
"""Arabic, Hebrew, stacked combining accents, Devanagari with a nukta, an embedding
mark and an emoji: all valid, all must come out exactly as typed."""


@dataclass
class Case:
    id: str
    make: Callable[[Path], tuple[Path, list[str]]]
    """Writes the input into a folder; returns (input file, extra command-line arguments)."""
    code: int | None = 1
    """Expected exit code; None: 0 or 1 (the case is about not crashing)."""
    words: tuple[str, ...] = ()
    field: tuple | None = None
    verbatim: tuple[str, ...] = ()
    """Texts every output format must contain (for inputs that build)."""
    formats: str = "md"
    seconds: float = 30.0
    known_bug: str = ""
    """A bug in a module this test does not own, reported and marked as expected to fail."""


# --------------------------------------------------------------------------- the table


def _value(spec: Any, data: dict) -> Any:
    if isinstance(spec, dict) and set(spec) == {"copy"}:
        return copy.deepcopy(S.get(data, tuple(spec["copy"])))
    if isinstance(spec, dict) and set(spec) == {"typo"}:
        return str(S.get(data, tuple(spec["typo"])))[:-1]
    if isinstance(spec, list):
        return [_value(v, data) for v in spec]
    return spec


def _source(name: str) -> Path:
    if name.startswith("starter:"):
        return S.starter(name.split(":", 1)[1])
    if name.startswith("files/"):
        return FILES / name.split("/", 1)[1]
    return S.ROOT / name


def _table_case(row: dict) -> Case:
    source = _source(row["input"])
    ops = row.get("ops") or []

    def make(folder: Path) -> tuple[Path, list[str]]:
        if not ops:
            target = folder / source.name
            target.write_bytes(source.read_bytes())
            return target, list(row.get("args", []))
        data = S.load_data(source)
        changes = [(op[0], tuple(op[1]), *[_value(v, data) for v in op[2:]]) for op in ops]
        return S.write_input(folder, S.mutate(data, *changes)), list(row.get("args", []))

    return Case(id=row["id"], make=make, code=row.get("code", 1),
                words=tuple(row.get("words", ())),
                field=tuple(row["field"]) if row.get("field") else None)


def table_cases() -> list[Case]:
    rows = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    return [_table_case(row) for row in rows]


# --------------------------------------------------------------------------- one field at a time


def _written(data: dict) -> Callable[[Path], tuple[Path, list[str]]]:
    def make(folder: Path) -> tuple[Path, list[str]]:
        return S.write_input(folder, data), []
    return make


def _changed(data: dict, changes: tuple) -> Callable[[Path], tuple[Path, list[str]]]:
    """Writes ``data`` with ``changes`` made (made when the case runs, not when it is
    collected: most collected cases are not run in a sampled run)."""
    def make(folder: Path) -> tuple[Path, list[str]]:
        return S.write_input(folder, S.mutate(data, *changes)), []
    return make


TYPED_WRONG = {"integer": ("a whole number", "many"), "number": ("a number", "lots"),
               "boolean": ("true or false", "perhaps"), "date": ("a date", "next spring"),
               "enum": ("one of the choices", "zz-not-one-of-them")}


def _structural_wrong(types: set[str]) -> Any:
    """A value of a JSON type the field does not take."""
    if "object" not in types:
        return {"unexpected": "mapping"}
    if "array" not in types:
        return ["a", "list"]
    return 12.5


def _typo(key: str, siblings: set[str]) -> str | None:
    for i in range(len(key) - 2, 0, -1):  # drop one letter, from the end backwards
        candidate = key[:i] + key[i + 1:]
        if candidate not in siblings and candidate != key:
            return candidate
    return None


def field_cases(kind: str) -> list[Case]:
    """Cases made from the kind's inputs: one per field (a field met in several inputs, or in
    several items of a list, is spoiled once)."""
    from plankit.inputs.kinds import get_kind

    root = S.schema(kind)
    model = get_kind(kind).load_model()
    out: list[Case] = []
    seen: set[tuple] = set()

    def add(category: str, loc: tuple, changes: tuple, **kw: Any) -> None:
        key = (category, S.shape(loc))
        if key in seen:
            return
        seen.add(key)
        out.append(Case(id=f"{kind}/{category}/{S.show(loc)}",
                        make=_changed(data, changes), **kw))

    for source in S.inputs_of(kind):
        data = S.load_data(source)
        for loc, value in S.leaves(data):
            if not loc or loc == ("kind",) or S.free_form(root, loc):
                continue
            node = S.schema_at(root, loc) or {}
            types = S.types_of(root, node)
            if "any" in types or not types:
                continue
            add("wrong-type", loc, (("set", loc, _structural_wrong(types)),),
                field=loc)
            if len(types) == 1 and next(iter(types)) in TYPED_WRONG:
                what, wrong = TYPED_WRONG[next(iter(types))]
                add(f"not-{what.replace(' ', '-')}", loc, (("set", loc, wrong),),
                    field=loc)
            number = S.number_kind(model, loc)
            if number == "money":
                add("negative-money", loc, (("set", loc, -5),), field=loc,
                    words=("negative",))
            elif number == "percent":
                add("percent-over-100", loc, (("set", loc, 150),), field=loc,
                    words=("between 0 and 100",))
            for alt in S.alternatives(root, node):
                if "minimum" in alt:
                    add("below-minimum", loc, (("set", loc, alt["minimum"] - 1),),
                        field=loc)
                if "maximum" in alt:
                    add("above-maximum", loc, (("set", loc, alt["maximum"] + 1),),
                        field=loc)
            if isinstance(value, dict):
                start, end = value.get("start"), value.get("end")
                if isinstance(start, dt.date) and isinstance(end, dt.date) and start < end:
                    add("ends-before-it-starts", loc,
                        (("set", loc + ("start",), end), ("set", loc + ("end",), start)),
                        field=loc, words=("before",))
            if isinstance(value, list) and value:
                add("empty-list", loc, (("set", loc, []),), code=None, field=loc)
        for loc, value in S.leaves(data):
            if not isinstance(value, dict) or S.free_form(root, loc):
                continue
            siblings = set(value)
            node = S.schema_at(root, loc) or {}
            for alt in S.alternatives(root, node):
                siblings |= set(alt.get("properties", {}))
            fields = {k for alt in S.alternatives(root, node) for k in alt.get("properties", {})}
            keys = [k for k in value if isinstance(k, str) and len(k) >= 4 and k != "kind"
                    and k in fields]  # field names, not keys of a mapping of data
            typo = _typo(keys[0], siblings) if keys else None
            if typo:
                add("misspelled-key", loc + (keys[0],),
                    (("rename", loc + (keys[0],), typo),),
                    field=loc + (typo,), words=(f"did you mean '{keys[0]}'",))
    return out


# --------------------------------------------------------------------------- whole files, per kind


def _first(data: dict, root: dict, test: Callable[[tuple, Any, dict], bool]) -> tuple | None:
    for loc, value in S.leaves(data):
        if loc and not S.free_form(root, loc) and test(loc, value, S.schema_at(root, loc) or {}):
            return loc
    return None


def _encoded(base: Path, encode: Callable[[str], bytes], title: str = RTL_TEXT):
    def make(folder: Path) -> tuple[Path, list[str]]:
        data = S.mutate(S.load_data(base), ("set", ("title",), title))
        path = folder / "input.yaml"
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(S.dump(data)))
        return path, []
    return make


def _padded(base: Path, size: int):
    def make(folder: Path) -> tuple[Path, list[str]]:
        path = folder / "input.yaml"
        folder.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(base.read_bytes())
            fh.write(b"\n# padding\n")
            block = b"#" + b"x" * 1023 + b"\n"
            for _ in range(size // len(block) + 1):
                fh.write(block)
        return path, []
    return make


def _user_clauses(kind: str, bodies: dict[int, str]):
    """A clause folder replacing the kind's n-th used clause with the given body."""

    def make(folder: Path) -> tuple[Path, list[str]]:
        ids = S.used_clauses(kind)
        lib_dir = folder / "my-clauses"
        lib_dir.mkdir(parents=True, exist_ok=True)
        for n, body in bodies.items():
            other = ids[1 - n] if len(ids) > 1 else ids[n]
            # not str.format: that would turn the template's {{ }} into { }
            text = S.clause_text(ids[n], body.replace("{self}", ids[n])
                                 .replace("{other}", other))
            (lib_dir / f"clause-{n}.md").write_text(text, encoding="utf-8")
        target = folder / "input.yaml"
        target.write_bytes(S.base_input(kind).read_bytes())
        return target, ["--clauses", str(lib_dir)]

    return make


def file_cases(kind: str) -> list[Case]:
    root = S.schema(kind)
    base = S.base_input(kind)
    data = S.load_data(base)
    cases: list[Case] = []

    def add(name: str, make, **kw: Any) -> None:
        cases.append(Case(id=f"{kind}/{name}", make=make, **kw))

    def changed(*ops: tuple):
        return _written(S.mutate(data, *ops))

    # valid, unusual text: must build and come out exactly as typed
    add("right-to-left-and-combining-text-builds", changed(("set", ("title",), RTL_TEXT)),
        code=0, verbatim=(RTL_TEXT,), formats="md,html,docx", seconds=60)
    add("utf-8-byte-order-mark-builds",
        _encoded(base, lambda t: codecs.BOM_UTF8 + t.encode("utf-8")), code=0,
        verbatim=(RTL_TEXT,))
    add("utf-16-little-endian-builds", _encoded(base, lambda t: t.encode("utf-16")), code=0,
        verbatim=(RTL_TEXT,))
    add("utf-16-big-endian-builds",
        _encoded(base, lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")), code=0,
        verbatim=(RTL_TEXT,))
    add("windows-line-endings-build",
        _encoded(base, lambda t: t.replace("\n", "\r\n").encode("utf-8")), code=0,
        verbatim=(RTL_TEXT,))
    # encodings plankit cannot read
    add("utf-16-without-byte-order-mark",
        _encoded(base, lambda t: t.encode("utf-16-le")), code=1, words=("not UTF-8",))
    add("latin-1-encoded", _encoded(base, lambda t: t.encode("latin-1"), "Café Ñandú"),
        code=1, words=("not UTF-8", "line "))
    # text fields
    add("control-character-in-title", changed(("set", ("title",), "Job \x07 quality")),
        words=("control character", "U+0007"), field=("title",))
    add("escape-character-in-title", changed(("set", ("title",), "Job \x1b[31m quality")),
        words=("control character",), field=("title",))
    add("text-of-1-MB-in-title", changed(("set", ("title",), "x" * 1_048_576)),
        words=("too long",), field=("title",))
    long_text = _first(data, root, lambda loc, v, node: isinstance(v, str) and len(v) > 60
                       and "maxLength" not in str(node)
                       and S.types_of(root, node) == {"string"})
    if long_text:
        add(f"text-of-1-MB-in-{S.show(long_text)}", changed(("set", long_text, "y" * 1_048_576)),
            words=("limit is 20,000",), field=long_text)
    # sizes
    listed = _first(data, root, lambda loc, v, node: isinstance(v, list) and bool(v)
                    and all(isinstance(i, str) for i in v)
                    and S.types_of(root, S.schema_at(root, loc + (0,)) or {}) == {"string"})
    if listed:
        items = [f"{S.get(data, listed)[0]} {i}" for i in range(10_000)]
        add(f"10000-items-in-{S.show(listed)}", changed(("set", listed, items)), code=None,
            seconds=60)
    many = {f"unknown_field_{i}": i for i in range(10_000)}
    add("10000-unknown-fields", _written({**data, **many}),
        words=("is not a field plankit knows", "more problems (fix these"))
    add("50-MB-file", _padded(base, 50 * 1024 * 1024), words=("too large", "50"))
    # YAML details
    add("binary-tag-in-title", _written({**data, "title": b"Job quality"}), code=None)
    add("unknown-top-level-field", changed(("set", ("titel",), "x")),
        words=("did you mean 'title'",), field=("titel",))
    add("clause-that-does-not-exist-in-clause-params",
        changed(("set", ("clause_params",), {"no-such.clause": {"x": 1}})),
        words=("no clause 'no-such.clause'",), field=("clause_params", "no-such.clause"))
    # a clause folder with cross-references that go nowhere, or in a circle
    if S.used_clauses(kind):
        # the bodies name {self} and {other}, replaced with clause ids; the rest is Jinja
        add("user-clause-refers-to-a-missing-clause",
            _user_clauses(kind, {0: 'See {{ ref("no-such.clause") }}.'}), code=0,
            words=("placeholder",), verbatim=("no-such.clause",))
        add("user-clause-refers-to-itself",
            _user_clauses(kind, {0: 'As {{ ref("{self}") }} says.'}), code=0)
    if len(S.used_clauses(kind)) > 1:
        add("user-clauses-refer-to-each-other",
            _user_clauses(kind, {0: 'See {{ ref("{other}") }}.',
                                 1: 'See {{ ref("{other}") }}.'}), code=0)
    return cases


def all_cases() -> list[Case]:
    cases = table_cases()
    for kind in S.kinds():
        if not S.inputs_of(kind):
            continue
        cases += file_cases(kind)
        cases += field_cases(kind)
    ids: dict[str, int] = {}
    for case in cases:  # keep ids unique (and stable)
        n = ids[case.id] = ids.get(case.id, 0) + 1
        if n > 1:
            case.id = f"{case.id}#{n}"
    return cases


CASES = all_cases()

SAMPLE_SEED = 20260105
SAMPLE_SHARE = 10
"""``--corpus-sample`` keeps one case in SAMPLE_SHARE of each group, at least one."""


def sample(cases: list[Case]) -> set[str]:
    """The ids of the cases ``make check`` runs: from each group (one kind's hand-written and
    whole-file cases, or one kind's one-field mistakes of one sort, such as ``wrong-type``),
    one case in ten and at least one, picked with a fixed seed. Every sort of mistake is
    tried on every kind, on the same cases each run."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for case in cases:
        parts = case.id.split("/")
        groups[(parts[0], parts[1] if len(parts) > 2 else "")].append(case.id)
    rng = random.Random(SAMPLE_SEED)
    keep: set[str] = set()
    for key in sorted(groups):
        ids = sorted(groups[key])
        keep.update(rng.sample(ids, math.ceil(len(ids) / SAMPLE_SHARE)))
    return keep

KNOWN_BUGS: dict[str, str] = {}
"""Case id -> the bug it shows, for a crash found but not yet fixed (marked xfail)."""


# --------------------------------------------------------------------------- running a case


@pytest.fixture(scope="module")
def library_once():
    """Load the package clause library once for the whole module (builds with --clauses
    still load their folder)."""
    import plankit.library as library

    real = library.load_library
    loaded = real()

    def load(user_dirs=(), **kw):
        return real(user_dirs, **kw) if user_dirs or kw else loaded

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(library, "load_library", load)
        yield


def _outputs_text(out_dir: Path, formats: str) -> dict[str, str]:
    from tests.test_escaping import READERS

    texts = {}
    for fmt in formats.split(","):
        files = [f for f in out_dir.glob(f"*.{fmt}")  # not the linked documents of a
                 if "." not in f.name[:-len(fmt) - 1]]  # tiered MOU (input.agreement-1.md)
        assert len(files) == 1, f"expected one .{fmt} file in {out_dir}"
        texts[fmt] = READERS[fmt](files[0].read_bytes())
    return texts


def check_named_field(text: str, loc: tuple, input_file: Path) -> None:
    """The message names ``loc`` (or a field just above or below it) with the right line."""
    want = S.show(loc)
    named = S.named_lines(text)
    try:
        lines = S.yaml_lines(input_file.read_text("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        lines = {}

    def related(path: str) -> bool:
        return path == want or path.startswith((want + ".", want + "[")) \
            or want.startswith((path + ".", path + "["))

    matches = [(n, p) for n, p in named if related(p)]
    assert matches, f"the message does not name {want!r} with its line:\n{text}"
    if not lines:
        return
    by_name = {S.show(k): v for k, v in lines.items()}
    for n, path in matches:
        # a missing field is reported at the nearest enclosing field that is in the file
        probe = path
        while probe not in by_name and probe:
            shorter = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", probe)
            probe = shorter if shorter != probe else ""
        expected = by_name.get(probe, by_name.get("(top level)", 1))
        assert n == expected, f"{path} is on line {expected}, the message says {n}:\n{text}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus(case: Case, cli, tmp_path, library_once, request):
    if case.known_bug or case.id in KNOWN_BUGS:
        request.applymarker(pytest.mark.xfail(reason=case.known_bug or KNOWN_BUGS[case.id],
                                              strict=False))
    (tmp_path / "in").mkdir()
    input_file, extra = case.make(tmp_path / "in")
    out_dir = tmp_path / "out"
    started = time.monotonic()
    run = cli("build", input_file, *extra, "-o", out_dir, "-f", case.formats)
    elapsed = time.monotonic() - started
    outcome = S.Outcome(run.code, run.out, run.err)
    S.record(outcome, known=bool(case.known_bug or case.id in KNOWN_BUGS))
    text = outcome.text

    assert not S.crashed(outcome), f"crash (exit {run.code}):\n{text}"
    assert elapsed < case.seconds, f"took {elapsed:.1f} s"
    if case.code is None:
        assert run.code in (0, 1), text
    else:
        assert run.code == case.code, text
    for word in case.words:
        assert word.lower() in text.lower(), f"{word!r} not in:\n{text}"
    if run.code != 0:
        assert str(input_file) in text, f"the message does not name the file:\n{text}"
        assert len(text.splitlines()) <= 60, "the message should fit on one screen"
        left = sorted(p.name for p in out_dir.rglob("*")) if out_dir.exists() else []
        assert left == [], f"files written although the input was refused: {left}"
        if case.field is not None:
            check_named_field(text, case.field, input_file)
    else:
        written = _outputs_text(out_dir, case.formats)
        for fmt, content in written.items():
            for value in case.verbatim:
                assert value in content, f"{value!r} is not in the {fmt} output"
    assert input_file.exists()


def test_corpus_is_large_enough():
    """The issue asks for at least 60 cases across all document kinds."""
    assert len(CASES) >= 60
    covered = {c.id.split("/", 1)[0] for c in CASES}
    assert set(S.kinds()) <= covered, f"kinds without cases: {set(S.kinds()) - covered}"


def test_the_sample_tries_every_sort_of_mistake_on_every_kind():
    picked = [c for c in CASES if c.id in sample(CASES)]
    assert sample(CASES) == sample(list(reversed(CASES))), "the sample depends on case order"
    assert len(CASES) // SAMPLE_SHARE <= len(picked) < len(CASES) // 4
    sorts = {tuple(c.id.split("/")[:2]) for c in CASES if c.id.count("/") >= 2}
    assert sorts <= {tuple(c.id.split("/")[:2]) for c in picked}
    assert {c.id.split("/")[0] for c in CASES} == {c.id.split("/")[0] for c in picked}


def test_known_bugs_are_in_the_corpus():
    ids = {c.id for c in CASES}
    stale = [i for i in KNOWN_BUGS if i not in ids]
    assert not stale, f"remove these from KNOWN_BUGS, they are no longer cases: {stale}"

