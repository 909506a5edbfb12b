"""Document kinds: each is one input model, one outline in templates/outlines/ and an example.

Models are imported only when their kind is used.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from importlib import import_module

from plankit.errors import InputError


@dataclass(frozen=True)
class Kind:
    name: str
    model: str
    """``module:Class`` of the pydantic input model."""
    summary: str

    def load_model(self):
        module, _, cls = self.model.partition(":")
        return getattr(import_module(module), cls)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("plan-section", "plankit.models.plan:PlanSectionInput",
             "Workforce section of a public plan (WIOA local plan and others)"),
        Kind("mou-data-sharing", "plankit.models.mou:DataSharingMouInput",
             "Data-sharing MOU between a workforce agency and its partners"),
        Kind("mou-sector-partnership", "plankit.models.sector_mou:SectorPartnershipMouInput",
             "MOU among the convener and partners of an industry sector partnership"),
        Kind("procurement", "plankit.models.procurement:ProcurementInput",
             "RFP and contract job-quality clauses for a solicitation"),
    )
}


def get_kind(name: object, *, file: str = "", where: str = "") -> Kind:
    if isinstance(name, str) and name in KINDS:
        return KINDS[name]
    valid = ", ".join(KINDS)
    if name == "profile":
        raise InputError(f"{where}kind: this file is an organisation profile, not a document",
                         hint="name it from a document's input with 'profile: FILE'",
                         file=file)
    if not isinstance(name, str) or not name:
        raise InputError("the file does not say which document it describes",
                         hint=f"add a first line 'kind: ...' with one of: {valid}",
                         file=file)
    close = difflib.get_close_matches(name, list(KINDS), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise InputError(f"{where}kind: '{name}' is not a document kind plankit knows",
                     hint=f"{hint}kinds: {valid}", file=file)
