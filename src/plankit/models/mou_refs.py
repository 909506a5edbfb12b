"""Cross-references inside a data-sharing MOU input: parties named by name or short name, data
items named by id or number. The input model's validators call these, so each mistake is
reported on the field that holds it, with the choices that would fit."""

from __future__ import annotations

from typing import Any, Optional, Sequence


def key(text: str) -> str:
    """How names are compared: spaces and capital letters do not matter."""
    return " ".join(text.split()).casefold()


def party_index(parties: Sequence[Any]) -> dict[str, Any]:
    """Each party by its name and short name, compared with :func:`key`."""
    names: dict[str, Any] = {}
    for p in parties:
        names[key(p.name)] = p
        if p.short_name:
            names[key(p.short_name)] = p
    return names


def choices(parties: Sequence[Any]) -> str:
    return ", ".join(f"'{p.short_name or p.name}'" for p in parties)


def item_ref(ref: str, elements: Sequence[Any], held: Sequence[Any] = ()) -> Optional[tuple]:
    """("item", n) for a data schedule item (by id, "item 3" or "3"), ("held", n) for data a
    party holds, or None."""
    text = key(str(ref))
    for n, e in enumerate(elements):
        if e.id and key(e.id) == text:
            return ("item", n)
    for n, h in enumerate(held):
        if key(h.id) == text:
            return ("held", n)
    number = text.removeprefix("item").strip()
    if number.isdigit() and 1 <= int(number) <= len(elements):
        return ("item", int(number) - 1)
    return None


def item_choices(elements: Sequence[Any], held: Sequence[Any] = ()) -> str:
    ids = [f"'{e.id}'" for e in elements if e.id] + [f"'{h.id}'" for h in held]
    numbers = f"an item number from 1 to {len(elements)}"
    return (", ".join(ids) + " or " + numbers) if ids else numbers


def check_elements(elements: Sequence[Any], parties: Sequence[Any]) -> list[str]:
    """Problems with the parties each data item names, and with the terms 20 CFR part 603
    requires for an item of unemployment compensation information."""
    problems: list[str] = []
    names = party_index(parties)
    listed = choices(parties)
    disclosers = [p for p in parties if p.discloses]
    ids: dict[str, int] = {}
    for n, e in enumerate(elements, start=1):
        where = f"item {n} ('{e.element[:60]}')"
        if e.id:
            if key(e.id) in ids:
                problems.append(f"{where}: id '{e.id}' is also the id of item {ids[key(e.id)]}; "
                                "give each item its own id")
            ids.setdefault(key(e.id), n)
        provider = None
        if e.provided_by is None:
            if len(disclosers) > 1:
                problems.append(f"{where}: say which party provides it with 'provided_by:' "
                                f"(more than one party provides data); use one of: {listed}")
            elif disclosers:
                provider = disclosers[0]
        else:
            provider = names.get(key(e.provided_by))
            if provider is None:
                problems.append(f"{where}: provided_by '{e.provided_by}' is not one of the "
                                f"parties; use one of: {listed}")
            elif not provider.discloses:
                problems.append(f"{where}: provided_by '{e.provided_by}' has role "
                                f"'{provider.role}', so it does not provide data; change its "
                                "role to 'disclosing' or 'both', or name another party")
        for r in e.provided_to or []:
            recipient = names.get(key(r))
            if recipient is None:
                problems.append(f"{where}: provided_to '{r}' is not one of the parties; use "
                                f"one of: {listed}")
            elif not recipient.receives:
                problems.append(f"{where}: provided_to '{r}' has role '{recipient.role}', so "
                                "it does not receive data; change its role to 'receiving' or "
                                "'both', or name another party")
            elif provider is not None and recipient is provider:
                problems.append(f"{where}: '{r}' both provides and receives this item; a party "
                                "does not share data with itself")
        if e.provided_to is not None and not e.provided_to:
            problems.append(f"{where}: provided_to is empty; name at least one party, or leave "
                            "provided_to out so every receiving party gets it")
        elif provider is not None and e.provided_to is None and not any(
                p.receives and p is not provider for p in parties):
            problems.append(f"{where}: no other party receives data from "
                            f"'{provider.short_name or provider.name}'; name the recipients "
                            "with 'provided_to:' or set their role")
        if e.matched_by is not None and key(e.matched_by) not in names:
            problems.append(f"{where}: matched_by '{e.matched_by}' is not one of the parties; "
                            f"use one of: {listed}")
        problems.extend(_uc_terms(e, where, provider, names, listed))
    return problems


def is_uc(e: Any, provider: Any) -> bool:
    """Whether a data item is unemployment compensation information."""
    if e.uc_information is not None:
        return e.uc_information
    return provider is not None and provider.type == "ui-agency"


def _uc_terms(e: Any, where: str, provider: Any, names: dict, listed: str) -> list[str]:
    from plankit.models.authorities import DISCLOSURES

    from plankit.models.open import is_open

    out: list[str] = []
    if not is_uc(e, provider):
        if is_open(e, "uc_information"):  # the terms given stand until the field is set
            return out
        for name in ("disclosure", "payment"):
            if getattr(e, name) is not None:
                out.append(f"{where}: gives '{name}:', which only applies to unemployment "
                           "compensation information; remove it, or set "
                           "'uc_information: true'")
        return out
    if e.disclosure is None and not is_open(e, "disclosure"):
        out.append(f"{where}: is unemployment compensation information but names no 20 CFR "
                   "603.5 category; add 'disclosure:' with 'category:' (one of: "
                   + ", ".join(DISCLOSURES) + ") and the recipient's role")
    if e.payment is None and not is_open(e, "payment"):
        out.append(f"{where}: is unemployment compensation information but has no payment "
                   "term; add 'payment:' with who pays (paid_by) and the basis (an estimate, "
                   "rate or invoice schedule), or 'exception: uc-administration' where 20 CFR "
                   "603.8(b) applies")
    if e.disclosure is not None:
        category = DISCLOSURES[e.disclosure.category]
        if e.payment is not None and e.payment.exception and not category.grant_funds:
            out.append(f"{where}: relies on the 20 CFR 603.8(b) exception, but 20 CFR 603.8(a) "
                       f"bars federal UC grant funds from paying for a disclosure under "
                       f"{category.cite}; name who pays (paid_by) and the basis instead")
        official = e.disclosure.public_official
        if e.disclosure.category == "agent-or-contractor" and not official:
            out.append(f"{where}: is disclosed to an agent or contractor of a public official "
                       "(20 CFR 603.5(f)); name that public official's party with "
                       "'public_official:' (20 CFR 603.10(a)(2) makes the agreement with it)")
        elif official and key(official) not in names:
            out.append(f"{where}: public_official '{official}' is not one of the parties; "
                       f"use one of: {listed}")
    if e.payment is not None and e.payment.paid_by and key(e.payment.paid_by) not in names:
        out.append(f"{where}: payment.paid_by '{e.payment.paid_by}' is not one of the parties; "
                   f"use one of: {listed}")
    return out


def check_refs(what: str, refs: Sequence[str], elements: Sequence[Any],
               held: Sequence[Any]) -> list[str]:
    """Problems with references to data items (by id or number)."""
    return [f"{what}: '{r}' is not an item of the data schedule or data a party holds; use "
            f"{item_choices(elements, held)}" for r in refs if item_ref(r, elements, held) is None]


def check_party(what: str, label: Optional[str], parties: Sequence[Any]) -> list[str]:
    if label is None or key(label) in party_index(parties):
        return []
    return [f"{what}: '{label}' is not one of the parties; use one of: {choices(parties)}"]
