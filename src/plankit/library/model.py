"""Clause metadata (the YAML front matter of a clause file), validated like any input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, \
    field_validator, model_validator

from plankit.library.obligations import ObligationSpec, reference_problems
from plankit.models.base import Model
from plankit.models.common import Money, Percent

ParamType = Literal["text", "money", "percent", "integer", "number", "boolean", "choice",
                    "date", "list"]

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$"


class ParamSpec(Model):
    """One parameter a clause takes."""

    type: ParamType = "text"
    required: bool = False
    default: Any = None
    choices: Optional[list[str]] = None
    help: str = ""
    example: Any = None
    alone: Optional[str] = None
    """A clause that drafts this part of the provision on its own (``paid-leave.require``
    for the paid leave days of the health coverage and paid leave provision): named when
    the user gives this parameter and leaves out the others the provision needs."""

    @model_validator(mode="after")
    def _choices(self) -> "ParamSpec":
        if self.type == "choice" and not self.choices:
            raise ValueError("a 'choice' parameter needs a 'choices' list")
        if self.type != "choice" and self.choices:
            raise ValueError("'choices' only applies to parameters of type 'choice'")
        if self.required and self.default is not None:
            raise ValueError("a required parameter cannot have a default")
        return self


class ClauseCitation(Model):
    """An authority a clause relies on or mentions.

    ``title`` says what it is in words, ``source`` names the law, regulation or document
    (``WIOA``, ``20 CFR``, ``Executive Order 14063``) and ``section`` the pinpoint within it
    (``§ 108(b)``, ``603.9``); :attr:`cite` joins the two as the text is printed.
    """

    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    section: Optional[str] = None
    url: Optional[str] = None
    as_of: Optional[dt.date] = None
    verified: bool = True
    note: Optional[str] = None

    @property
    def cite(self) -> str:
        return f"{self.source} {self.section}" if self.section else self.source


VERSION_PATTERN = r"^\d+\.\d+\.\d+$"


def version_key(version: str) -> tuple[int, ...]:
    """``"1.10.2"`` -> ``(1, 10, 2)``, so versions sort as numbers."""
    return tuple(int(part) for part in version.split("."))


class ClauseChange(Model):
    """One entry of a clause's history (``changes:`` in its front matter): what changed in
    a version of its wording, when and why. Shown in redlines and the catalog's list of
    changes, so an agency that signed an earlier version sees what moved."""

    version: str = Field(pattern=VERSION_PATTERN)
    date: dt.date
    what: str = Field(min_length=1, max_length=2000)
    why: str = Field("", max_length=2000)


class ClauseMeta(Model):
    """Front matter of a clause file."""

    id: str = Field(pattern=ID_PATTERN, max_length=120)
    title: str = Field(min_length=1, max_length=200)
    topic: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    variant: str = "standard"
    kinds: list[str] = Field(min_length=1)
    version: str = Field(pattern=VERSION_PATTERN)
    summary: str = ""
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    citations: list[ClauseCitation] = Field(default_factory=list)
    defines: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    changes: list[ClauseChange] = Field(default_factory=list)
    """The clause's history, one entry per version whose wording changed."""
    obligations: list[ObligationSpec] = Field(default_factory=list)
    """What the clause commits a party to (reports, notices, payments, destruction), for
    the obligations export (:mod:`plankit.library.obligations`)."""
    unnamed_placeholders: dict[str, str] = Field(default_factory=dict)
    """Prompt of a ``placeholder()`` that no input field fills -> why (the drafter writes
    that fact into the document itself); every other placeholder names its field."""

    def changes_between(self, old: str, new: str) -> list[ClauseChange]:
        """The history entries after version ``old`` up to and including ``new``, oldest
        first."""
        low, high = version_key(old), version_key(new)
        return sorted((c for c in self.changes if low < version_key(c.version) <= high),
                      key=lambda c: version_key(c.version))

    @model_validator(mode="after")
    def _names(self) -> "ClauseMeta":
        for name in self.params:
            if not name.isidentifier() or name.startswith("_"):
                raise ValueError(f"parameter name '{name}' must be letters, digits and _")
            if name in GLOBAL_NAMES:
                raise ValueError(f"parameter name '{name}' is reserved")
        problems = reference_problems(self.obligations, self.params)
        if problems:
            raise ValueError("; ".join(problems))
        return self


GLOBAL_NAMES = frozenset({"doc", "ref", "placeholder", "term", "preview", "range", "lipsum", "dict",
                          "cycler", "joiner", "namespace", "loop"})
"""The names a clause body sees besides its parameters (the composer's sandbox defines them),
so no parameter may take one."""


_TYPES: dict[str, Any] = {
    "text": str, "money": Money, "percent": Percent, "integer": int, "number": Decimal,
    "boolean": bool, "date": dt.date, "list": list[str],
}


class _ParamsBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _not_blank(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is not None and field.is_required() and isinstance(value, str) \
                and not value.strip():
            raise ValueError("is empty; write it, or write [to be set] to leave it open "
                             "for now")
        return value


def params_model(meta: ClauseMeta, open_names: frozenset = frozenset()) -> type[BaseModel]:
    """A pydantic model that validates this clause's parameters. ``open_names``: the
    parameters the input leaves open (``[to be set]``), which are then not required."""
    fields: dict[str, Any] = {}
    for name, spec in meta.params.items():
        typ = Literal[tuple(spec.choices)] if spec.type == "choice" else _TYPES[spec.type]  # type: ignore[misc]
        desc = spec.help or name.replace("_", " ")
        if spec.required and name not in open_names:
            fields[name] = (typ, Field(description=desc))
        else:
            fields[name] = (Optional[typ], Field(spec.default, description=desc,
                                                 validate_default=True))
    safe = "".join(c if c.isalnum() else "_" for c in meta.id)
    return create_model(f"Params_{safe}", __base__=_ParamsBase, **fields)
