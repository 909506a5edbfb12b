"""Outlines: which sections a document kind has and which clauses fill them."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Optional, Union

import yaml
from pydantic import ValidationError, model_validator

from plankit.errors import ClauseError
from plankit.models.base import Model
from plankit.paths import OUTLINES_DIR


class ClauseSlot(Model):
    id: str
    when: Optional[str] = None
    new_page: bool = False


class OutlineSection(Model):
    title: Optional[str] = None
    id: Optional[str] = None
    clauses: list[Union[str, ClauseSlot]] = []
    builtin: Optional[Literal["definitions", "signatures", "selected", "provenance"]] = None
    sections: list["OutlineSection"] = []
    when: Optional[str] = None
    numbered: bool = True
    new_page: bool = False
    """Start the section on a new page (exhibits and forms) in DOCX and PDF."""

    @model_validator(mode="after")
    def _one_source(self) -> "OutlineSection":
        if self.builtin and self.clauses:
            raise ValueError("a section has either 'clauses' or 'builtin', not both")
        if not (self.title or self.clauses or self.builtin or self.sections):
            raise ValueError("a section needs a title, clauses, a builtin or sections")
        return self

    def slots(self) -> list[ClauseSlot]:
        return [ClauseSlot(id=c) if isinstance(c, str) else c for c in self.clauses]


class Outline(Model):
    sections: list[OutlineSection]
    title: Optional[str] = None


def load_outline(name: str, directory: Path = OUTLINES_DIR) -> Outline:
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise ClauseError(f"there is no outline '{name}' (looked for {path})")
    try:
        data = yaml.load(path.read_text("utf-8"),
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return Outline.model_validate(data)
    except (yaml.YAMLError, ValidationError) as exc:
        raise ClauseError(f"the outline {path} is invalid: {exc}") from None


def outline_clause_ids(outline: Outline) -> list[str]:
    """Every clause id an outline names (for linting)."""
    out: list[str] = []

    def walk(sections: list[OutlineSection]) -> None:
        for s in sections:
            out.extend(slot.id for slot in s.slots())
            walk(s.sections)

    walk(outline.sections)
    return out
