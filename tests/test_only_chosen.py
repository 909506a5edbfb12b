"""Only what was chosen: a procurement document built with one provision alone draws on
nothing from the provisions it does not have.

Each provision of the library is built alone (its example settings, in the procurement
starter, in-process and as Markdown only) and the document is checked for what belongs to
other provisions:

* a defined term that only other provisions' clauses define;
* a placeholder (a question to the user) that is not about the chosen provision;
* a part of a form or report that asks about another provision's subject (the monthly
  workforce report's local and targeted hire counts).

Leaks found in clause files are marked as expected failures (strict, so a fix is noticed)
with the reason: the clause files belong to the clause library's owners.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from plankit import api
from plankit import document as d
from plankit.inputs import LoadedInput, load
from plankit.library import load_library
from plankit.compose.preview import example_params
from plankit.paths import STARTERS_DIR

MARKERS = {
    "local-hire": ("Local and targeted hires", "Local hire hours", "Targeted hire hours"),
}
"""Words in a form or report that ask about a subject only one topic's provisions bring."""

@lru_cache(maxsize=None)
def _library():
    return load_library()


def _provision_ids() -> list[str]:
    lib = _library()
    return [c for c in lib.ids() if "procurement" in lib.clauses[c].meta.kinds
            and lib.clauses[c].meta.topic != "procurement"]


PROVISIONS = _provision_ids()


@lru_cache(maxsize=None)
def _alone(clause_id: str, drop: tuple[str, ...] = ()) -> tuple[d.Document, str]:
    lib = _library()
    clause = lib.clauses[clause_id]
    params = example_params(clause)
    provision: dict = {"clause": clause_id,
                       "params": {k: v for k, v in params.items()
                                  if k != "points" and k not in drop}}
    if "points" in clause.meta.params:
        provision["points"] = params.get("points") or 10
    data = dict(load(STARTERS_DIR / "procurement.yaml").data)
    data.update(provisions=[provision], clause_params={})
    loaded = LoadedInput(path=Path("alone.yaml"), data=data, sha256="0" * 64, lines={})
    doc = api.draft(loaded, lib).document
    return doc, api.render(doc, "md").decode("utf-8")


def _owners() -> dict[str, set[str]]:
    lib = _library()
    out: dict[str, set[str]] = {}
    for cid in lib.ids():
        for term in lib.clauses[cid].meta.defines:
            out.setdefault(term, set()).add(cid)
    return out


def _topic(clause_id: str) -> str:
    return _library().clauses[clause_id].meta.topic


@pytest.mark.parametrize("clause_id", PROVISIONS)
def test_definitions_and_questions_come_from_the_chosen_provision(clause_id):
    doc, text = _alone(clause_id)
    owners = _owners()
    topic = _topic(clause_id)
    section = text.split("## 2 Definitions", 1)[-1].split("\n## ", 1)[0]
    terms = re.findall(r"\*\*“([^”]+)”\*\*", section)
    assert terms, "the document has a definitions section"
    foreign = [t for t in terms if t in owners and all(
        _topic(o) not in (topic, "procurement", "reporting") for o in owners[t])]
    assert not foreign, f"terms only other provisions define: {foreign}"
    questions = [p.name or p.prompt for p in doc.placeholders
                 if not p.name.startswith("provisions[1]")]
    assert not questions, f"questions about what was not chosen: {questions}"


@pytest.mark.parametrize("clause_id", PROVISIONS)
def test_forms_ask_only_about_the_chosen_provision(clause_id):
    # the report's own settings that ask for local and targeted hire counts are left out
    _, text = _alone(clause_id, drop=("local_area", "targeted_groups"))
    topic = _topic(clause_id)
    found = [m for t, words in MARKERS.items() if t != topic for m in words if m in text]
    assert not found, f"the forms ask about provisions not chosen: {found}"


def test_a_chosen_provision_is_in_its_own_document():
    doc, text = _alone("living-wage.require")
    assert "Wage Floor" in text
    assert any(isinstance(n, d.Section) and n.source.clause == "living-wage.require"
               for n in d.walk(doc))
