"""What the data-sharing MOU clauses read (``doc.element_rows``, ``doc.party_rows``,
``doc.uc_rows``, ...), as a mixin of the input model.

Every list here is scoped to the document being drafted: the whole agreement, or one linked
document of the tiered structure (a data sharing agreement sees only its own data flow and
parties, a data use license only its project's). So the same clause text serves every
document, and item numbers stay those of the governance memorandum's schedule.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from plankit.models.authorities import AUTHORITIES, DISCLOSURES
from plankit.models.mou_flows import FREQUENCY, SENSITIVITY
from plankit.models.mou_refs import item_ref, key
from plankit.models.open import is_open, open_fields


def and_list(names: list[str]) -> str:
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def items_text(numbers: list[int]) -> str:
    """'item 3' or 'items 1, 2 and 4'."""
    return ("item " if len(numbers) == 1 else "items ") + and_list([str(n) for n in numbers])


PART_CLAUSES: dict[str, frozenset[str]] = {
    "agreement": frozenset({
        "mou-data.parties", "mou-data.under-memorandum", "mou-data.purpose",
        "mou-data.authority", "mou-data.authority-ui", "mou-data.authority-ferpa-audit",
        "mou-data.authority-ferpa-studies", "mou-data.authority-hipaa",
        "mou-data.authority-part2", "mou-data.authority-state", "mou-data.data",
        "mou-data.costs", "mou-data.signatures", "mou-data.exhibit-data-schedule"}),
    "license": frozenset({
        "mou-data.parties", "mou-data.under-memorandum", "mou-data.purpose",
        "mou-data.authority", "mou-data.authority-ferpa-studies", "mou-data.uses",
        "mou-data.measures", "mou-data.publication", "mou-data.signatures"}),
}
"""The clauses of a data sharing agreement and of a data use license (their outlines,
templates/outlines/mou-data-sharing.agreement.yaml and .license.yaml, name the same ones);
the others are the governance memorandum's, and a linked document refers to them there."""

IN_MEMORANDUM: dict[str, str] = {
    "mou-data.uses": "the Memorandum's section on permitted and prohibited uses",
    "mou-data.minimum-necessary": "the Memorandum's section on minimum necessary use",
    "mou-data.redisclosure": "the Memorandum's section on re-disclosure",
    "mou-data.users": "the Memorandum's section on Authorized Users",
    "mou-data.security": "the Memorandum's section on security safeguards",
    "mou-data.monitoring": "the Memorandum's section on monitoring and inspection",
    "mou-data.breach": "the Memorandum's section on breach notification",
    "mou-data.retention": "the Memorandum's section on retention and destruction",
    "mou-data.publication": "the Memorandum's section on publication",
    "mou-data.governance": "the Memorandum's section on governance and contacts",
    "mou-data.term": "the Memorandum's section on term and amendment",
    "mou-data.matching": "the Memorandum's section on record matching",
    "mou-data.screening": "the Memorandum's section on employer screening",
    "mou-data.costs": "the Memorandum's section on costs",
    "mou-data.data": "the Data Sharing Agreement for each item",
    "mou-data.exhibit-data-schedule": "the data schedule of the Data Sharing Agreement for each "
                                      "item",
    "mou-data.exhibit-users": "the Memorandum's authorized user list",
    "mou-data.exhibit-destruction": "the Memorandum's certificate of destruction",
    "mou-data.exhibit-acknowledgment": "the Memorandum's confidentiality acknowledgment",
}
"""How a linked document names a part of the governance memorandum it cannot number."""


class MouViews:
    """Properties and helpers the clauses of the mou-data-sharing kind read."""

    # ---------------------------------------------------------------- scope

    @property
    def part(self) -> str:
        """"" for one agreement; governance, agreement or license for a linked document."""
        return self._part[0] if self._part else ""  # type: ignore[attr-defined]

    @property
    def part_number(self) -> int:
        return self._part[1] if self._part else 0  # type: ignore[attr-defined]

    @property
    def tiered(self) -> bool:
        return self.structure is not None and self.structure.form == "tiered"

    @property
    def needs_structure(self) -> bool:
        """Three or more parties, or more than one project: the parties choose a structure."""
        return len(self.parties) >= 3 or len(self.projects) > 1

    @property
    def project(self) -> Optional[Any]:
        """The project a data use license covers."""
        if self.part == "license" and self.projects:
            return self.projects[self.part_number - 1]
        return None

    def project_items(self, project: Any) -> list[int]:
        """0-based data items a project uses: those it lists, else those its measures are
        computed from, else every item."""
        refs = list(project.data) or [r for m in self.measures
                                      if m.project is None or key(m.project) == key(project.id)
                                      for r in m.computed_from]
        found = [item_ref(r, self.data_elements, self.held_data) for r in refs]
        items = sorted({n for kind, n in (f for f in found if f) if kind == "item"})
        return items or list(range(len(self.data_elements)))

    def _scope(self) -> list[int]:
        if self.part == "agreement":
            return [self.part_number - 1]
        if self.project is not None:
            return self.project_items(self.project)
        return list(range(len(self.data_elements)))

    @property
    def scoped_elements(self) -> list[tuple[int, Any]]:
        return [(n + 1, self.data_elements[n]) for n in self._scope()]

    @property
    def signing_parties(self) -> list[Any]:
        """The parties to this document, in the order of the input."""
        if self.part not in ("agreement", "license"):
            return list(self.parties)
        chosen: list[Any] = []
        for _, e in self.scoped_elements:
            chosen.append(self._provider(e))
            if self.part == "agreement":
                chosen.extend(self._recipients(e))
                if e.disclosure is not None and e.disclosure.public_official:
                    chosen.append(self._party(e.disclosure.public_official))
        if self.project is not None:
            chosen.append(self._party(self.project.lead))
        return [p for p in self.parties if any(p is c for c in chosen)]

    def parties_of(self, *types: str, role: str = "") -> list[Any]:
        """Parties of this document of these types (all if none given); ``role="disclosing"``
        keeps those that provide one of its data items, ``role="receiving"`` those that
        receive one."""
        out = [p for p in self.signing_parties if not types or p.type in types]
        items = [e for _, e in self.scoped_elements]
        if role == "disclosing":
            out = [p for p in out if any(self._provider(e) is p for e in items)]
        elif role == "receiving":
            out = [p for p in out if any(p in self._recipients(e) for e in items)]
        return out

    def names_of(self, *types: str, role: str = "") -> list[str]:
        """How the agreement refers to the parties :meth:`parties_of` finds."""
        return [p.short_name or p.name for p in self.parties_of(*types, role=role)]

    def recipients_from(self, *types: str) -> list[str]:
        """Parties that receive a data item provided by a party of these types."""
        out: list[Any] = []
        for _, e in self.scoped_elements:
            if self._provider(e).type in types:
                out.extend(p for p in self._recipients(e) if p not in out)
        return [p.short_name or p.name for p in self.parties if p in out]

    @property
    def disclosing_parties(self) -> list[Any]:
        return self.parties_of(role="disclosing")

    @property
    def receiving_parties(self) -> list[Any]:
        return self.parties_of(role="receiving")

    def here(self, clause_id: str) -> bool:
        """Whether this document has the clause (else it is in the Memorandum)."""
        if self.part in ("agreement", "license"):
            return clause_id in PART_CLAUSES[self.part]
        if self.part == "governance":
            return clause_id not in ("mou-data.data", "mou-data.exhibit-data-schedule",
                                     "mou-data.authority-ui", "mou-data.authority-ferpa-audit",
                                     "mou-data.authority-ferpa-studies", "mou-data.measures",
                                     "mou-data.under-memorandum")
        return clause_id not in ("mou-data.linked", "mou-data.under-memorandum")

    def in_memorandum(self, clause_id: str) -> str:
        return IN_MEMORANDUM.get(clause_id, "the Memorandum")

    # ---------------------------------------------------------------- authorities

    def authority(self, authority_id: str) -> dict[str, Any]:
        """The citation table entry for one authority (see models/authorities.py)."""
        return dataclasses.asdict(AUTHORITIES[authority_id])

    @property
    def authority_rows(self) -> list[dict[str, Any]]:
        """The authorities this agreement relies on, in the order of the table, each with
        ``here``: whether this document sets out its terms."""
        return [dict(dataclasses.asdict(a), here=self.authority_here(a.id))
                for a in AUTHORITIES.values()
                if a.id in self.legal_authorities and self._relevant(a.id)]

    def _relevant(self, authority_id: str) -> bool:
        """Whether an authority concerns this document's data (a linked document lists only
        those that do)."""
        if self.part == "agreement":
            return self.authority_here(authority_id) or authority_id == "wioa-performance"
        if self.part == "license":
            return {"ui-confidentiality": self.uses_uc,
                    "ferpa-audit-evaluation": self.has_education_data,
                    "ferpa-studies": self.has_education_data}.get(authority_id, True)
        return True

    def authority_here(self, authority_id: str) -> bool:
        """Whether this document sets out the terms of one listed authority (a data sharing
        agreement sets out those of its own data; the governance memorandum the others)."""
        if authority_id not in self.legal_authorities:
            return False
        flow = {"ui-confidentiality": self.has_uc,
                "ferpa-audit-evaluation": self.has_education_data,
                "ferpa-studies": self.has_education_data}
        if self.part == "governance":
            return authority_id not in flow
        if self.part == "agreement":
            return flow.get(authority_id, authority_id in ("state-law", "hipaa", "part2"))
        if self.part == "license":
            return authority_id == "ferpa-studies" and self.has_education_data
        return True

    @property
    def has_uc(self) -> bool:
        """Whether this document covers a flow of unemployment compensation information."""
        return any(self.is_uc(e) for _, e in self.scoped_elements)

    @property
    def uses_uc(self) -> bool:
        """Whether the work uses unemployment compensation information: a flow of it, or
        UC data a party holds under another agreement."""
        return self.has_uc or any(h.uc_information for h in self.held_data)

    @property
    def proposed_603_known(self) -> bool:
        """Whether the 2025 proposed rule on part 603 predates this document (it is never
        mentioned in a document dated before it)."""
        import datetime as dt

        return self.date is None or self.date >= dt.date(2025, 8, 29)

    @property
    def categories_used(self) -> list[str]:
        return [e.disclosure.category for _, e in self.scoped_elements
                if self.is_uc(e) and e.disclosure is not None]

    @property
    def work_uses_uc(self) -> bool:
        """Whether the work as a whole (every document of the tiered structure) uses
        unemployment compensation information."""
        return any(self.is_uc(e) for e in self.data_elements) or \
            any(h.uc_information for h in self.held_data)

    @property
    def has_education_data(self) -> bool:
        from plankit.models.mou import EDUCATION_TYPES

        return any(self._provider(e).type in EDUCATION_TYPES for _, e in self.scoped_elements)

    @property
    def wage_study(self) -> bool:
        """Whether measures or matched records rest on UI wage records: the agreement then
        states what the wage records do not cover."""
        return self.uses_uc and bool(self.measures or self.matching)

    # ---------------------------------------------------------------- parties

    def _roles(self, party: Any) -> str:
        owner, custodian, recipient = [], [], []
        for n, e in self.scoped_elements:
            if self._provider(e) is party:
                owner.append(n)
            if e.custodian and self._party(e.custodian) is party:
                custodian.append(n)
            if party in self._recipients(e):
                recipient.append(n)
        parts = [f"{word} of {items_text(nums)}" for word, nums in (
            ("owner", owner), ("custodian", custodian), ("recipient", recipient)) if nums]
        if self.project is not None and self._party(self.project.lead) is party:
            parts.append("licensee")
        text = "; ".join(parts) or "party to the governance of the data sharing"
        return text[:1].upper() + text[1:]

    @property
    def party_rows(self) -> list[dict[str, Any]]:
        return [{"name": p.name, "ref": p.short_name or p.name, "type": p.type_label,
                 "roles": self._roles(p), "index": self.parties.index(p) + 1}
                for p in self.signing_parties]

    # ---------------------------------------------------------------- data items

    def _ref(self, party: Any) -> str:
        return party.short_name or party.name

    def payment_text(self, e: Any, paid_by: str = "", basis: str = "") -> str:
        """The payment term of a flow of UC information, in the agreement's words.

        ``paid_by`` and ``basis``: what to print for either fact while the input leaves it
        open (the placeholder a clause makes of it); without them, a term with an open fact
        has no text yet (see :meth:`payment_open`)."""
        pay = e.payment
        owner = self._ref(self._provider(e))
        if pay is None:
            return ""
        if pay.exception:
            return ("The disclosure is necessary for the proper administration of the "
                    "unemployment compensation program, and federal unemployment compensation "
                    "grant funds pay its costs (20 CFR 603.8(b)).")
        if is_open(pay, "paid_by"):
            payer = paid_by
        else:
            party = self._party(pay.paid_by)
            payer = self._ref(party) if party is not None else pay.paid_by
        basis = basis if is_open(pay, "basis") else (pay.basis or "").rstrip(".")
        if not payer or not basis:
            return ""
        funds = (f" {payer} pays from {pay.funds}, and not from federal "
                 "unemployment compensation grant funds." if pay.funds else "")
        return (f"{payer} pays {owner}'s costs of this disclosure, including its "
                "start-up costs and the costs of the safeguards and of this Agreement "
                f"(20 CFR 603.8(a), (c) and (d)), as follows: {basis}.{funds}")

    def payment_of(self, number: int, paid_by: str = "", basis: str = "") -> str:
        """:meth:`payment_text` of data item ``number`` (counted from 1), for a clause that
        prints it with placeholders for the open facts."""
        return self.payment_text(self.data_elements[number - 1], paid_by, basis)

    def payment_open(self, e: Any) -> list[str]:
        """Which facts of a flow's payment term the input leaves open: 'payment' (the whole
        term), 'paid_by' or 'basis'."""
        if e.payment is None:
            return ["payment"] if is_open(e, "payment") else []
        return [name for name in ("paid_by", "basis") if is_open(e.payment, name)]

    @property
    def element_rows(self) -> list[dict[str, Any]]:
        """One row per data item of this document, for the data schedule."""
        rows = []
        for n, e in self.scoped_elements:
            provider = self._provider(e)
            custodian = self._party(e.custodian)
            matcher = self._party(e.matched_by)
            d = DISCLOSURES[e.disclosure.category] if e.disclosure else None
            official = self._party(e.disclosure.public_official) if e.disclosure else None
            rows.append({
                "number": n,
                "id": e.id,
                "element": e.element,
                "provided_by": self._ref(provider),
                "provided_to": and_list([self._ref(p) for p in self._recipients(e)]),
                "custodian": (self._ref(custodian) if custodian else e.custodian)
                or self._ref(provider),
                "source_system": e.source_system,
                "sensitivity": SENSITIVITY[e.sensitivity],
                "frequency": FREQUENCY[e.frequency] if e.frequency else None,
                "transfer_method": e.transfer_method,
                "format": e.format,
                "fields": [{"name": f.name, "need": f.need, "identifier": f.is_identifier,
                            "number": i} for i, f in enumerate(e.fields, start=1)],
                "matched_by": self._ref(matcher) if matcher else None,
                "uc": self.is_uc(e),
                "category_cite": d.cite if d else None,
                "category_label": d.label if d else None,
                "recipient_role": e.disclosure.recipient_role if e.disclosure else None,
                "public_official": self._ref(official) if official else None,
                "payment": self.payment_text(e),
                "payment_open": self.payment_open(e),
                "disclosure_open": is_open(e, "disclosure"),
                "open": sorted(open_fields(e)),
                "legal_basis": e.legal_basis,
                "agreement": f"Data Sharing Agreement {n}" if self.tiered else None,
            })
        return rows

    @property
    def uc_holders(self) -> list[str]:
        """The parties that provide unemployment compensation information in this document."""
        out: list[str] = []
        for r in self.uc_rows:
            if r["provided_by"] not in out:
                out.append(r["provided_by"])
        return out

    @property
    def uc_rows(self) -> list[dict[str, Any]]:
        return [r for r in self.element_rows if r["uc"]]

    @property
    def identifier_rows(self) -> list[dict[str, Any]]:
        """Each field that identifies a person, with the item it is in and why it is
        needed."""
        return [{"item": r["number"], "field": f["number"], "name": f["name"], "need": f["need"]}
                for r in self.element_rows for f in r["fields"] if f["identifier"]]

    def _source_text(self, ref: str) -> str:
        found = item_ref(ref, self.data_elements, self.held_data)
        if found is None:
            return ref
        kind, n = found
        if kind == "item":
            return f"item {n + 1} ({self.data_elements[n].element})"
        h = self.held_data[n]
        return f"{h.description}, held by {self._ref(self._party(h.held_by))}"

    @property
    def measure_rows(self) -> list[dict[str, Any]]:
        project = self.project
        rows = []
        for m in self.measures:
            if project is not None and m.project is not None and \
                    key(m.project) != key(project.id):
                continue
            rows.append({"name": m.name,
                         "sources": and_list([self._source_text(r) for r in m.computed_from])})
        return rows

    @property
    def held_rows(self) -> list[dict[str, Any]]:
        return [{"id": h.id, "description": h.description,
                 "held_by": self._ref(self._party(h.held_by)), "uc": h.uc_information,
                 "agreement": h.agreement,
                 "own": self._party(h.held_by).type == "ui-agency"} for h in self.held_data]

    # ---------------------------------------------------------------- structure

    @property
    def project_lead(self) -> str:
        p = self.project
        return self._ref(self._party(p.lead)) if p is not None else ""

    @property
    def matching_party(self) -> str:
        m = self.matching
        found = self._party(m.performed_by) if m is not None else None
        return self._ref(found) if found is not None else ""

    @property
    def governance_title(self) -> str:
        from plankit.models.mou_parts import part_title, view

        return part_title(view(self, "governance", 0))

    @property
    def structure_reason(self) -> str:
        reason = (self.structure.reason or "") if self.structure else ""
        return reason if not reason or reason.endswith((".", "!", "?")) else reason + "."

    @property
    def project_rows(self) -> list[dict[str, Any]]:
        """The projects, or in a data sharing agreement those that use its data item."""
        rows = []
        for n, p in enumerate(self.projects, start=1):
            if self.part == "agreement" and self.part_number - 1 not in self.project_items(p):
                continue
            rows.append({"number": n, "id": p.id, "name": p.name, "purpose": p.purpose,
                         "lead": self._ref(self._party(p.lead)),
                         "data_items": items_text([i + 1 for i in self.project_items(p)]),
                         "license": f"Data Use License {n}" if self.tiered else None})
        return rows

    @property
    def linked_rows(self) -> list[dict[str, str]]:
        """The linked documents of the tiered structure, for the governance memorandum."""
        from plankit.models.mou_parts import part_title, view

        rows = []
        for n, e in enumerate(self.data_elements, start=1):
            sub = view(self, "agreement", n)
            rows.append({"title": part_title(sub), "parties": and_list(
                [self._ref(p) for p in sub.signing_parties]), "covers": e.element})
        for n, p in enumerate(self.projects, start=1):
            sub = view(self, "license", n)
            rows.append({"title": part_title(sub), "parties": and_list(
                [self._ref(q) for q in sub.signing_parties]), "covers": p.purpose})
        return rows

    @property
    def permitted_use_list(self) -> list[str]:
        """The uses this document allows: a license's project uses, else the agreement's."""
        if self.project is not None and self.project.uses:
            return list(self.project.uses)
        return list(self.permitted_uses)

    @property
    def screening_parties(self) -> list[str]:
        """Labor standards agencies whose data this document covers."""
        return self.names_of("labor-standards", role="disclosing")
