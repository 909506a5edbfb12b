"""Property tests over every document kind, with inputs made by hypothesis.

1. Whatever text a user types into a text field comes out exactly as typed in Markdown,
   HTML, DOCX and Typst markup (and, for a few hostile strings, in the PDF from either
   engine), or is refused with a clear
   message naming the field. The text fields are found by walking each kind's JSON Schema
   (``plankit schema KIND``) over its examples; the ones a document prints are found by
   building once with a marker in each.
2. Any input made from a kind's JSON Schema (starting from one of its examples, so the
   structure a document needs is there, and replacing up to three fields with values the
   schema allows) builds, or is refused with a clear message: exit 0 or 1, never an
   internal error or a traceback.

Kinds and examples are found at run time. The runs are derandomized (the same examples every
time) and small (25 per kind), so the whole suite stays quick.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import tempfile
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.bad_inputs import support as S

KINDS = [k for k in S.kinds() if S.inputs_of(k)]

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                           blacklist_characters="\u2028\u2029\ufeff\u00ad"),
    min_size=1, max_size=40,
).map(lambda s: re.sub(r"\s+", " ", s).strip()).filter(bool)
"""What a person might type: any letters, marks, symbols and spaces (plankit turns line
ends and control characters away with a message, tested in the bad-input corpus)."""


@pytest.fixture(scope="module")
def library():
    from plankit.library import load_library

    return load_library()


@pytest.fixture(scope="module")
def library_once(library):
    """`plankit build` in these tests reuses one loaded clause library."""
    import plankit.library as module

    real = module.load_library

    def load(user_dirs=(), **kw):
        return real(user_dirs, **kw) if user_dirs or kw else library

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(module, "load_library", load)
        yield


def _render(path: Path, library) -> dict[str, str]:
    """The text a reader sees in every format the escaping tests read (Markdown, HTML,
    DOCX and Typst markup)."""
    from plankit import api
    from tests.test_escaping import READERS

    dr = api.draft(path, library)
    return {fmt: READERS[fmt](api.render(dr.document, fmt)) for fmt in READERS}


# --------------------------------------------------------------------------- 1. text comes out


@lru_cache(maxsize=None)
def printed_fields(kind: str) -> tuple[tuple[Path, tuple], ...]:
    """(input, field) pairs whose text a document of this kind prints verbatim in every
    format: found by typing a marker into each text field (one build with a lowercase
    marker and one with an uppercase one, so fields whose first letter is changed are
    left out)."""
    from plankit.library import load_library

    library = load_library()
    out = []
    for source in S.inputs_of(kind)[:2]:
        data = S.load_data(source)
        fields = S.text_fields(kind, data)
        found = None
        for case in (str.lower, str.upper):
            markers = {loc: case(f"zqx{i:04d}qz") for i, loc in enumerate(fields)}
            changed_data, changed = S.accepted_changes(kind, data, markers)
            folder = Path(tempfile.mkdtemp())
            try:
                texts = _render(S.write_input(folder, changed_data), library)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            shown = {loc for loc in changed if all(markers[loc] in t for t in texts.values())}
            found = shown if found is None else found & shown
        out += [(source, loc) for loc in fields if loc in (found or set())]
    return tuple(out)


@pytest.mark.slow
def test_the_kinds_print_text_fields():
    """The marker probe finds printed fields in every kind (else property 1 tests nothing)."""
    for kind in KINDS:
        assert len(printed_fields(kind)) >= 3, kind


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
def test_typed_text_comes_out_verbatim_in_every_format(kind, library, tmp_path):
    from plankit.errors import PlankitError

    choices = printed_fields(kind)

    @SETTINGS
    @given(picks=st.lists(st.tuples(st.sampled_from(choices), TEXT), min_size=1, max_size=4,
                          unique_by=lambda p: p[0][1]))
    def check(picks):
        source = picks[0][0][0]
        chosen = [(loc, text) for (src, loc), text in picks if src == source]
        data = S.mutate(S.load_data(source), *[("set", loc, text) for loc, text in chosen])
        path = S.write_input(tmp_path, data)
        try:
            texts = _render(path, library)
        except PlankitError as exc:  # refused: must say which field, on which line
            message = exc.format_message()
            assert "Traceback" not in message
            assert S.named_lines(message) or "line " in message, message
            return
        for loc, text in chosen:
            for fmt, content in texts.items():
                assert text in content, f"{text!r} typed into {S.show(loc)} is not in {fmt}"

    check()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
@pytest.mark.parametrize("kind", KINDS)
def test_hostile_text_comes_out_verbatim_in_the_pdf(kind, engine, library, tmp_path):
    """Markup (HTML, Markdown, Typst), template code and accented text in every printed
    field reach the PDF as the text typed, with either PDF engine."""
    from pypdf import PdfReader

    from plankit import api

    values = ["{{ 7*7 }} {% raw %}", "<b>bold</b> &amp;", "**not bold** _x_ `code`",
              "# not a heading", "[link](file:///etc/passwd)", "a | b | c",
              "café naïve Ångström", "\\* \\_ \\#", "#read(\"x\") $y$ @z <w>",
              "`t` // c [d] ~ -- ..."]
    source = S.inputs_of(kind)[0]
    fields = [loc for src, loc in printed_fields(kind) if src == source]
    chosen = {loc: values[i % len(values)] for i, loc in enumerate(fields)}
    data, changed = S.accepted_changes(kind, S.load_data(source), chosen)
    dr = api.draft(S.write_input(tmp_path, data), library)
    pdf = api.render(dr.document, "pdf", pdf_engine=engine)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in
                                         PdfReader(io.BytesIO(pdf)).pages))
    missing = [chosen[loc] for loc in changed if chosen[loc] not in text]
    assert not missing, f"not in the PDF as typed: {missing}"


# --------------------------------------------------------------------------- 2. schema inputs build


def from_schema(root: dict, node: dict, depth: int = 0) -> st.SearchStrategy:
    """A hypothesis strategy for values a JSON Schema node allows (the subset pydantic
    writes: objects with required properties, enums, constants, strings with maxLength,
    dates, numbers with bounds, arrays with minItems, anyOf)."""
    options = S.alternatives(root, node)
    if not options:
        return st.none()
    return st.one_of([_one(root, alt, depth) for alt in options])


def _one(root: dict, node: dict, depth: int) -> st.SearchStrategy:
    if "const" in node:
        return st.just(node["const"])
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "date":
            return st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
        longest = node.get("maxLength", 200)
        return TEXT.map(lambda s: s[:longest])
    if kind == "integer":
        return st.integers(node.get("minimum", -5), node.get("maximum", 100_000))
    if kind == "number":
        low, high = node.get("minimum", -5), node.get("maximum", 10_000_000)
        return st.decimals(Decimal(str(low)), Decimal(str(high)), places=2,
                           allow_nan=False, allow_infinity=False).map(float)
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        items = node.get("items", {})
        return st.lists(from_schema(root, items, depth + 1), min_size=node.get("minItems", 0),
                        max_size=max(node.get("minItems", 0), 3 if depth < 3 else 1))
    if kind == "object":
        props = node.get("properties")
        if props:
            required = {k: from_schema(root, v, depth + 1) for k, v in props.items()
                        if k in node.get("required", ())}
            optional = {} if depth >= 3 else {k: from_schema(root, v, depth + 1)
                                               for k, v in props.items()
                                               if k not in node.get("required", ())}
            return st.fixed_dictionaries(required, optional=optional)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return st.dictionaries(TEXT.map(lambda s: s[:30]), from_schema(root, extra, depth + 1),
                                   max_size=2)
        return st.just({})
    return st.none()


def _targets(kind: str, data: dict) -> list[tuple]:
    """Fields a generated value may go into: every property the schema allows on the
    objects the input has (set or not), and every list item, outside clause parameters."""
    root = S.schema(kind)
    out = []
    for loc, value in S.leaves(data):
        if S.free_form(root, loc) or loc == ():
            if loc == ():
                node = S.schema_at(root, ())
                out += [(p,) for p in node.get("properties", {}) if p not in ("kind",)]
            continue
        if isinstance(value, dict):
            for alt in S.alternatives(root, S.schema_at(root, loc) or {}):
                out += [loc + (p,) for p in alt.get("properties", {})]
        elif isinstance(value, list):
            out += [loc + (i,) for i in range(len(value))]
    seen, unique = set(), []
    for loc in out:
        if loc not in seen and not S.free_form(root, loc):
            seen.add(loc)
            unique.append(loc)
    return unique


@pytest.mark.slow  # a property run: 25 builds per kind
@pytest.mark.parametrize("kind", KINDS)
def test_inputs_made_from_the_schema_build_or_are_refused_cleanly(kind, cli, tmp_path,
                                                                  library_once):
    root = S.schema(kind)
    sources = S.inputs_of(kind)
    targets = {src: _targets(kind, S.load_data(src)) for src in sources}

    @st.composite
    def inputs(draw) -> tuple[dict, list]:
        source = draw(st.sampled_from(sources))
        data = S.load_data(source)
        locs = draw(st.lists(st.sampled_from(targets[source]), min_size=1, max_size=3,
                             unique=True))
        changes = []
        for loc in locs:
            value = draw(from_schema(root, S.schema_at(root, loc) or {}))
            changes.append(("set", loc, value))
        try:
            return S.mutate(data, *changes), changes
        except (KeyError, IndexError, TypeError):  # a change inside one replaced before it
            return data, []

    runs = iter(range(10_000))

    @SETTINGS
    @given(made=inputs())
    def check(made):
        data, changes = made
        folder = tmp_path / f"run-{next(runs)}"
        path = S.write_input(folder, data)
        run = cli("build", path, "-o", folder / "out", "-f", "md,html")
        outcome = S.Outcome(run.code, run.out, run.err)
        shown = ", ".join(f"{S.show(c[1])}={c[2]!r}"[:120] for c in changes)
        assert not S.crashed(outcome), f"{shown}\n{outcome.text}"
        assert run.code in (0, 1), f"{shown}\n{outcome.text}"
        if run.code == 1:
            assert str(path) in outcome.text, outcome.text
        else:
            assert (folder / "out" / "input.md").exists()
        shutil.rmtree(folder, ignore_errors=True)

    check()

