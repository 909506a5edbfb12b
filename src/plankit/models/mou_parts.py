"""The tiered structure: one input drafts linked documents.

A governance memorandum of understanding among all the parties sets the terms common to the
data sharing; each data flow has its own data sharing agreement between the parties it
concerns, and each project its own data use license between the party that carries it out
and the owners of the data it uses. Each linked document is drafted from a copy of the
input that knows which document it is (``_part``), so the clauses' lists (parties, data
items, measures) cover only that document.

``plankit build`` writes the governance memorandum as ``<input name>.<format>`` and each
linked document beside it as ``<input name>.<part>.<format>`` (``agreement-2``,
``license-<project id>``), all rendered before any is written.
"""

from __future__ import annotations

import re
from typing import Any

from plankit.models.common import Finding


def view(model: Any, form: str, number: int) -> Any:
    """A copy of ``model`` that drafts one document of the tiered structure."""
    copy = model.model_copy()
    copy._part = (form, number)
    return copy


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40].strip("-") or "project"


def linked_documents(model: Any) -> list[tuple[str, Any]]:
    if not model.tiered or model._part is not None:
        return []
    out = [("", view(model, "governance", 0))]
    out += [(f"agreement-{n}", view(model, "agreement", n))
            for n in range(1, len(model.data_elements) + 1)]
    seen: set[str] = set()
    for n, p in enumerate(model.projects, start=1):
        name = f"license-{_slug(p.id)}"
        if name in seen:
            name = f"license-{n}"
        seen.add(name)
        out.append((name, view(model, "license", n)))
    return out


def part_title(model: Any) -> str:
    """The title of a linked document ("" for one agreement)."""
    names = [p.name for p in model.signing_parties]
    joined = " and ".join(names) if len(names) == 2 else \
        ", ".join(names[:-1]) + ", and " + names[-1]
    if model.part == "governance":
        return f"Data Governance Memorandum of Understanding among {joined}"
    if model.part == "agreement":
        e = model.data_elements[model.part_number - 1]
        owner = model._provider(e)
        to = [p.name for p in model._recipients(e)]
        return (f"Data Sharing Agreement {model.part_number}: {owner.name} to "
                + (" and ".join(to) if len(to) <= 2 else ", ".join(to[:-1]) + ", and " + to[-1]))
    if model.part == "license":
        return f"Data Use License {model.part_number}: {model.project.name}"
    return ""


def findings_for_part(model: Any, findings: list[Finding]) -> list[Finding]:
    """The findings about one linked document: a data item's go to its data sharing
    agreement, a project's (and its measures') to its license, the rest to the governance
    memorandum."""
    if model._part is None:
        return findings
    project_of: dict[int, int] = {}
    for n, m in enumerate(model.measures):
        for k, p in enumerate(model.projects):
            if m.project is not None and m.project.strip().casefold() == p.id.casefold():
                project_of[n] = k + 1

    def home(f: Finding) -> tuple[str, int]:
        path = tuple(f.path)
        if len(path) >= 2 and path[0] == "data_elements" and isinstance(path[1], int):
            return ("agreement", path[1] + 1)
        if len(path) >= 2 and path[0] == "projects" and isinstance(path[1], int):
            return ("license", path[1] + 1)
        if len(path) >= 2 and path[0] == "measures" and path[1] in project_of:
            return ("license", project_of[path[1]])
        return ("governance", 0)

    return [f for f in findings if home(f) == model._part]
