"""Each document pass alone: numbering, cross-references, definitions, placeholders, provenance."""

from __future__ import annotations

from types import SimpleNamespace

from plankit import document as d
from plankit.compose.passes.definitions import collect_definitions
from plankit.compose.passes.numbering import number_sections
from plankit.compose.passes.placeholders import mark_placeholders
from plankit.compose.passes.provenance import stamp_provenance
from plankit.compose.passes.xrefs import resolve_xrefs


def sec(title, *children, id="", numbered=True, role="", clause=""):
    return d.Section(title=(d.Text(title),), children=tuple(children), numbered=numbered,
                     attrs=d.Attrs(id=id, role=role), source=d.Source(clause, "1.0.0"))


def para(*inlines):
    return d.Paragraph(children=tuple(d.Text(i) if isinstance(i, str) else i for i in inlines))


def doc(*children):
    return d.Document(title="T", children=tuple(children))


def numbers(document):
    return [(d.inline_text(n.title), n.number) for n in d.walk(document) if isinstance(n, d.Section)]


def test_number_sections_nests_and_skips_unnumbered():
    out = number_sections(doc(sec("A", sec("A1"), sec("A2", sec("A2a"))),
                              sec("Sig", sec("inner"), numbered=False), sec("B")))
    assert numbers(out) == [("A", "1"), ("A1", "1.1"), ("A2", "1.2"), ("A2a", "1.2.1"),
                            ("Sig", ""), ("inner", ""), ("B", "2")]


def test_xrefs_resolve_by_id_and_clause_and_missing_targets_become_placeholders():
    tree = number_sections(doc(
        sec("A", para("see ", d.XRef("b.clause"), " and ", d.XRef("gone.clause")), id="a"),
        sec("C", para(d.XRef("b.clause", form="title"), "; ", d.XRef("b.clause", form="both"))),
        sec("B", clause="b.clause")))
    lib = SimpleNamespace(clauses={"gone.clause": SimpleNamespace(meta=SimpleNamespace(title="Gone"))})
    out = resolve_xrefs(tree, SimpleNamespace(library=lib))
    p = out.children[0].children[0]
    assert d.inline_text(p.children).startswith("see Section 3 and ")
    assert isinstance(p.children[-1], d.Placeholder)
    assert "Gone" in p.children[-1].prompt
    assert d.inline_text(out.children[1].children[0].children) == "B; Section 3, B"


def _clause(cid, defines=None, notes=()):
    return SimpleNamespace(id=cid, origin="package", meta=SimpleNamespace(
        version="1.2.0", defines=defines or {}, notes=list(notes)))


def test_definitions_only_for_terms_used():
    used = {"x": _clause("x", {"Covered Worker": "a worker.", "Unused Term": "never used."})}
    tree = doc(sec("Definitions", role="definitions"), sec("Pay", para("Each Covered Worker.")))
    out = collect_definitions(tree, SimpleNamespace(used=used))
    text = d.inline_text(out.children[0].children[1].children)
    assert text == "“Covered Worker” means a worker."
    assert "Unused" not in out.pretty()


def test_definitions_section_dropped_when_no_term_used():
    used = {"x": _clause("x", {"Covered Worker": "a worker."})}
    tree = doc(sec("Definitions", role="definitions"), sec("Pay", para("Nobody.")))
    out = collect_definitions(tree, SimpleNamespace(used=used))
    assert [d.inline_text(s.title) for s in out.children] == ["Pay"]


def test_placeholders_and_notes_are_listed_with_their_section():
    ph = d.Placeholder(name="a", prompt="rate")
    tree = number_sections(doc(sec("A", sec("A1", para("x ", ph), d.Note((d.Text("check"),)),
                                                 clause="c.one"))))
    out = mark_placeholders(tree, SimpleNamespace(used={"c.one": _clause("c.one", notes=["n1"])}))
    assert [(p.prompt, p.section) for p in out.placeholders] == [("rate", "1.1")]
    assert out.notes == (("1.1", "check"), ("1.1", "n1"))


def test_provenance_records_clauses_and_fills_appendix():
    tree = doc(sec("Record", role="provenance"))
    tree = d.replace(tree, provenance=d.Provenance(plankit_version="0.1.0", input_sha256="ab" * 32,
                                                   input_name="x.yaml"))
    out = stamp_provenance(tree, SimpleNamespace(used={"b": _clause("b"), "a": _clause("a")}))
    assert [u.id for u in out.provenance.clauses] == ["a", "b"]
    table = out.children[0].children[1]
    assert isinstance(table, d.Table) and len(table.rows) == 2
