"""Each document pass alone: numbering, cross-references, definitions, review notes
(placement, collection, the final copy), provenance."""

from __future__ import annotations

from types import SimpleNamespace

from plankit.compose.passctx import ComposeContext

from plankit import document as d
from plankit.compose.passes.definitions import collect_definitions
from plankit.compose.passes.numbering import number_sections
from plankit.compose.passes.review import collect_review, final_copy, place_notes
from plankit.models.common import Finding
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
    out = resolve_xrefs(tree, ComposeContext(library=lib))
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
    out = collect_definitions(tree, ComposeContext(used=used))
    text = d.inline_text(out.children[0].children[1].children)
    assert text == "“Covered Worker” means a worker."
    assert "Unused" not in out.pretty()


def test_definitions_section_dropped_when_no_term_used():
    used = {"x": _clause("x", {"Covered Worker": "a worker."})}
    tree = doc(sec("Definitions", role="definitions"), sec("Pay", para("Nobody.")))
    out = collect_definitions(tree, ComposeContext(used=used))
    assert [d.inline_text(s.title) for s in out.children] == ["Pay"]


def test_placeholders_and_notes_are_listed_with_their_section():
    ph = d.Placeholder(name="a", prompt="rate")
    tree = number_sections(doc(sec("A", sec("A1", para("x ", ph), d.Note((d.Text("check"),)),
                                                 clause="c.one"))))
    ctx = ComposeContext(used={"c.one": _clause("c.one", notes=["n1"])}, model=None)
    out = collect_review(place_notes(tree, ctx), ctx)
    assert [(p.prompt, p.section) for p in out.placeholders] == [("rate", "1.1")]
    assert out.notes == (("1.1", "n1"), ("1.1", "check"))
    assert [(r.kind, r.section, r.field) for r in out.review] == [
        ("placeholder", "1.1", "a"), ("note", "1.1", ""), ("note", "1.1", "")]


class _Model:
    def __init__(self, findings=(), notes=()):
        self._f, self._n = list(findings), list(notes)

    def findings(self):
        return self._f

    def review_findings(self):
        return self._n


def test_warnings_go_to_the_section_that_draws_on_their_field():
    c1 = _clause("c.one")
    c1.body = "{{ doc.wage }}"
    c2 = _clause("c.two")
    c2.body = "nothing here"
    tree = number_sections(doc(sec("Pay", para("x"), clause="c.one"),
                               sec("Other", para("y"), clause="c.two"),
                               sec("Chosen", para("z"), clause="c.three",
                                   ), ))
    chosen = d.replace(tree.children[2], attrs=d.Attrs(id="c.three",
                                                       extra=(("input", "provisions.1"),)))
    tree = d.replace(tree, children=tree.children[:2] + (chosen,))
    model = _Model([Finding(path=("wage",), message="too low", fix="raise it"),
                    Finding(path=("provisions", 1, "params", "x"), message="odd"),
                    Finding(path=("elsewhere",), message="general")],
                   [Finding(path=(), message="rule note", severity="note", source="23 CFR")])
    ctx = ComposeContext(used={"c.one": c1, "c.two": c2}, model=model)
    out = collect_review(place_notes(tree, ctx), ctx)
    got = [(r.kind, r.section, r.text, r.field, r.fix) for r in out.review]
    assert got == [("warning", "", "general", "elsewhere", ""),
                   ("rule", "", "rule note", "", ""),
                   ("warning", "1", "too low", "wage", "raise it"),
                   ("warning", "3", "odd", "provisions[2].params.x", "")]
    notes = [n for n in d.walk(out) if isinstance(n, d.Note)]
    assert notes[2].attrs.role == "warning" and d.note_details(notes[2]).startswith(" (field: wage)")


def test_a_note_tied_to_another_state_is_labelled_an_example_from_there():
    tree = number_sections(doc(sec("A", d.Note((d.Text("[example: RI] Rhode Island says 11."),)),
                                   clause="c.one")))
    ctx = ComposeContext(used={"c.one": _clause("c.one", notes=["[example: WA CA] Two states."])},
                          model=None)
    here_ky = collect_review(place_notes(d.replace(tree, jurisdiction="KY"), ctx), ctx)
    notes = [n for n in d.walk(here_ky) if isinstance(n, d.Note)]
    assert [d.note_label(n) for n in notes] == [
        "Examples from other jurisdictions (not law in Kentucky)",
        "Example from Rhode Island (not law in Kentucky)"]
    assert d.inline_text(notes[1].children) == "Rhode Island says 11."
    assert [r.kind for r in here_ky.review] == ["example", "example"]
    here_ri = collect_review(place_notes(d.replace(tree, jurisdiction="RI"), ctx), ctx)
    notes = [n for n in d.walk(here_ri) if isinstance(n, d.Note)]
    assert [d.note_label(n) for n in notes][1] == "Drafter note"
    assert [r.kind for r in here_ri.review] == ["note", "example"]


def test_the_final_copy_leaves_out_notes_and_the_checklist_but_keeps_the_review_items():
    tree = number_sections(doc(
        sec("A", para("text"), d.Note((d.Text("check"),)),
            d.BulletList(items=(d.ListItem(children=(para("item"), d.Note((d.Text("n"),)))),))),
        sec("Review checklist", para("list"), role="checklist", numbered=False)))
    ctx = ComposeContext(used={}, model=None)
    reviewed = collect_review(tree, ctx)
    final = final_copy(d.replace(reviewed, final=True), ctx)
    assert not [n for n in d.walk(final) if isinstance(n, d.Note)]
    assert [d.inline_text(s.title) for s in final.children] == ["A"]
    assert len(final.review) == 2
    assert final_copy(reviewed, ctx) is reviewed  # the review copy keeps everything


def test_provenance_records_clauses_and_fills_appendix():
    tree = doc(sec("Record", role="provenance"))
    tree = d.replace(tree, provenance=d.Provenance(plankit_version="0.1.0", input_sha256="ab" * 32,
                                                   input_name="x.yaml"))
    out = stamp_provenance(tree, ComposeContext(used={"b": _clause("b"), "a": _clause("a")}))
    assert [u.id for u in out.provenance.clauses] == ["a", "b"]
    table = out.children[0].children[1]
    assert isinstance(table, d.Table) and len(table.rows) == 2
