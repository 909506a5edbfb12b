"""Organisation profiles: the facts a board writes once and every document reuses.

A profile is a YAML or JSON file of kind ``profile``: the organisation (name, type,
address, contact, security contact, signatory), its jurisdiction or local area, its chief
elected officials, its partners, and the letterhead and logo of its documents. An input
names it with ``profile: ../board.yaml``; the profile's values fill the document's fields
unless the input sets them, and a batch row's values win over both (profile -> input ->
row, see :mod:`plankit.inputs.batch`).

Where each value goes depends on the document kind (:func:`targets`): the organisation is
the board of a WIOA plan (the agency of another plan), the convener of a sector
partnership, the party of the same name in a data-sharing MOU and the agency of a
solicitation; partners fill the entries of the same name in the input's list. Only the
keys the document's field takes are copied, so one profile serves every kind.

Each value copied from the profile keeps its line: a problem with it is reported as
``line 12 of ../board.yaml``. Paths follow the rules for a logo: relative to the input,
YAML or JSON, no chains (a profile cannot name another profile).
"""

from __future__ import annotations

import copy
import os
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, Field

from plankit.errors import InputError
from plankit.inputs.files import LoadedInput, load
from plankit.models.base import Model
from plankit.models.common import Contact, ShortText, Signatory, StateCode

KEY = "profile"
"""The input key that names a profile."""

_SUFFIXES = (".yaml", ".yml", ".json")

_READING = ContextVar("reading_profile", default=False)
"""True while a profile file is read: its own ``profile:`` key is then reported as a
chain, not followed (so two files that name each other cannot loop)."""


class ProfileOrganization(Model):
    name: ShortText = Field(description="Full legal name of the organisation")
    short_name: Optional[ShortText] = Field(None, description="How the text names it after "
                                                              "first use, e.g. 'the Board'")
    type: Optional[ShortText] = Field(None, description="What it is, e.g. 'local workforce "
                                                        "development board'")
    address: Optional[ShortText] = None
    contact: Optional[Contact] = None
    security_contact: Optional[Contact] = Field(
        None, description="Contact for security incidents (used by data-sharing MOUs)")
    signatory: Optional[Signatory] = None


class ProfileJurisdiction(Model):
    name: Optional[ShortText] = Field(None, description="Name of the local area, if any")
    state: StateCode = Field(description="Two-letter postal code, e.g. 'CO'")
    locality: Optional[ShortText] = Field(None, description="Counties or cities it covers")


class ProfileOfficial(Model):
    government: ShortText
    name: Optional[ShortText] = None
    title: Optional[ShortText] = None


class ProfilePartner(Model):
    name: ShortText
    short_name: Optional[ShortText] = None
    type: Optional[ShortText] = None
    address: Optional[ShortText] = None
    contact: Optional[Contact] = None
    security_contact: Optional[Contact] = None
    signatory: Optional[Signatory] = None


class Profile(Model):
    """An organisation profile (``kind: profile``)."""

    kind: Literal["profile"]
    organization: Optional[ProfileOrganization] = None
    jurisdiction: Optional[ProfileJurisdiction] = None
    officials: list[ProfileOfficial] = Field(default_factory=list,
                                             description="Chief elected officials")
    partners: list[ProfilePartner] = Field(
        default_factory=list, description="Partners; each fills the input's partner or "
                                          "party of the same name")
    letterhead: Optional[ShortText] = None
    logo: Optional[ShortText] = Field(None, description="PNG or JPEG, relative to the "
                                                        "profile file")
    logo_description: Optional[ShortText] = None


class ProfileLine(int):
    """A line number in the profile rather than the input: printed as ``12 of FILE``, so
    every message that says ``line N`` names the file the value came from."""

    file: str

    def __new__(cls, line: int, file: str) -> "ProfileLine":
        obj = super().__new__(cls, line)
        obj.file = file
        return obj

    def __getnewargs__(self) -> tuple[int, str]:  # batch rows go to worker processes
        return int(self), self.file

    def __format__(self, spec: str) -> str:
        return f"{int(self)} of {self.file}"

    __str__ = __repr__ = lambda self: f"{int(self)} of {self.file}"  # noqa: E731


# ------------------------------------------------------------------ where values go


def _plan_wioa(data: dict) -> bool:
    return str(data.get("plan", "")).startswith("wioa")


def targets(kind: str, data: dict) -> dict[str, str]:
    """Profile key -> the document field it fills, for one input. ``parties[name]``:
    the list entry with the same name."""
    if kind == "plan-section":
        wioa = _plan_wioa(data)
        return {"organization": "board" if wioa else "agency",
                "jurisdiction": "local_area" if data.get("plan") == "wioa-local"
                else "jurisdiction", "officials": "chief_elected_officials",
                "partners": "partners[name]"}
    if kind == "mou-sector-partnership":
        return {"organization": "convener", "organization.contact": "point_of_contact",
                "partners": "partners[name]"}
    if kind == "mou-data-sharing":
        return {"organization": "parties[name]", "jurisdiction": "jurisdiction",
                "partners": "parties[name]"}
    if kind == "procurement":
        return {"organization": "agency"}
    return {}


def _field_names(model_cls: Any, field: str) -> set[str] | None:
    """The keys the model behind ``field`` takes (None: any)."""
    from plankit.inputs.validation import _unwrap

    info = getattr(model_cls, "model_fields", {}).get(field)
    if info is None:
        return set()
    inner = _unwrap(info.annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return set(inner.model_fields)
    return None


def _keep(value: Any, names: set[str] | None) -> Any:
    if names is None or not isinstance(value, dict):
        return value
    return {k: v for k, v in value.items() if k in names}


# ------------------------------------------------------------------ merging


class _Merge:
    """Lays profile values under the input's, keeping where each came from."""

    def __init__(self, loaded: LoadedInput, profile: LoadedInput, shown: str) -> None:
        self.data = copy.deepcopy(loaded.data)
        self.lines = dict(loaded.lines)
        self.profile = profile
        self.shown = shown

    def _lines(self, src: tuple, dst: tuple) -> None:
        for loc, line in self.profile.lines.items():
            if loc[:len(src)] == src:
                where = dst + loc[len(src):]
                self.lines.setdefault(where, ProfileLine(line, self.shown))

    def under(self, dst: tuple, value: Any, src: tuple) -> None:
        """Put ``value`` at ``dst`` unless the input sets it; merge mappings key by key."""
        parent: Any = self.data
        for part in dst[:-1]:
            parent = parent[part]
        key = dst[-1]
        if not isinstance(parent, dict):
            return  # the input writes something else here: the input's value stands
        have = parent.get(key)
        if have is None:
            parent[key] = copy.deepcopy(value)
            self._lines(src, dst)
        elif isinstance(have, dict) and isinstance(value, dict):
            for k, v in value.items():
                self.under(dst + (k,), v, src + (k,))

    def by_name(self, field: str, entries: list[tuple[dict, tuple]]) -> None:
        items = self.data.get(field)
        if not isinstance(items, list):
            return
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            for value, src in entries:
                if value.get("name") == item.get("name"):
                    for k, v in value.items():
                        self.under((field, i, k), v, src + (k,))


def _entries(raw: Any, key: str, names: set[str] | None) -> list[tuple[dict, tuple]]:
    value = raw.get(key)
    if key == "organization":
        return [(_keep(value, names), (key,))] if isinstance(value, dict) else []
    return [(_keep(v, names), (key, i)) for i, v in enumerate(value or [])
            if isinstance(v, dict)]


def merge(loaded: LoadedInput, profile: LoadedInput, shown: str) -> LoadedInput:
    """The input with the profile's values laid under its own."""
    from plankit.inputs.kinds import KINDS

    data = loaded.data
    kind = KINDS.get(str(data.get("kind")))
    m = _Merge(loaded, profile, shown)
    m.data.pop(KEY, None)
    digest = _digest(loaded, profile)
    if kind is None:  # an unknown kind is reported later, with the input's own line
        return LoadedInput(path=loaded.path, data=m.data, sha256=digest, lines=m.lines)
    model_cls = kind.load_model()
    raw = profile.data
    for key, field in targets(kind.name, data).items():
        src = tuple(key.split("."))
        value: Any = raw
        for part in src:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or value == []:
            continue
        if field.endswith("[name]"):
            name = field[:-6]
            m.by_name(name, _entries(raw, src[0], _field_names(model_cls, name)))
        elif field in getattr(model_cls, "model_fields", {}):
            m.under((field,), _keep(value, _field_names(model_cls, field)), src)
    options = {k: raw[k] for k in ("letterhead", "logo", "logo_description") if raw.get(k)}
    if options.get("logo"):  # a logo is named relative to the file that names it
        options["logo"] = os.path.relpath(profile.path.parent / options["logo"],
                                          loaded.path.parent)
    if options:
        if not isinstance(m.data.get("options"), dict):
            m.data["options"] = {} if m.data.get("options") is None else m.data["options"]
        if isinstance(m.data["options"], dict):
            for k, v in options.items():
                m.under(("options", k), v, (k,))
    return LoadedInput(path=loaded.path, data=m.data, sha256=digest, lines=m.lines)


def _digest(loaded: LoadedInput, profile: LoadedInput) -> str:
    """The hash a document records for its input: of the input and the profile together,
    so a change to either changes it."""
    import hashlib

    return hashlib.sha256(f"{loaded.sha256}\n{profile.sha256}".encode("ascii")).hexdigest()


# ------------------------------------------------------------------ loading


def _at(loaded: LoadedInput) -> str:
    line = loaded.line_of((KEY,))
    return f"line {line}: {KEY}: " if line else f"{KEY}: "


def profile_path(loaded: LoadedInput) -> Path:
    """The profile file the input names, checked against the rules for a logo: a file
    name relative to the input, not an absolute path or an address, ending .yaml, .yml
    or .json."""
    name = loaded.data.get(KEY)
    at = _at(loaded)
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"{at}give the profile's file name, e.g. 'profile: ../board.yaml'",
                         file=loaded.name)
    if "://" in name or name.startswith("~") or os.path.isabs(name) \
            or Path(name).drive:
        raise InputError(f"{at}'{name}' is not allowed: a profile is named by a path "
                         "relative to this input file", file=loaded.name,
                         hint="write the path from this file's folder, e.g. "
                              "'../board.yaml'")
    if Path(name).suffix.lower() not in _SUFFIXES:
        raise InputError(f"{at}'{name}' is not a YAML or JSON file", file=loaded.name,
                         hint="a profile is a .yaml, .yml or .json file of kind profile "
                              "('plankit new profile' writes one)")
    path = loaded.path.parent / name
    if not path.is_file():
        raise InputError(f"{at}the profile '{name}' was not found next to the input",
                         file=loaded.name,
                         hint="give the path relative to this input file, or run "
                              "'plankit new profile -o FILE' to write one")
    return path


def apply_profile(loaded: LoadedInput) -> LoadedInput:
    """``loaded`` with the profile it names laid under it; unchanged if it names none."""
    if not isinstance(loaded.data, dict) or KEY not in loaded.data or _READING.get():
        return loaded
    from plankit.inputs.validation import validate_model

    if loaded.data.get("kind") == KEY:
        raise InputError(f"{_at(loaded)}a profile cannot name another profile",
                         file=loaded.name,
                         hint="copy the values you need into this profile instead")
    path = profile_path(loaded)
    shown = os.path.normpath(path)
    token = _READING.set(True)
    try:
        profile = load(path)  # the same size, depth and alias limits as an input
    finally:
        _READING.reset(token)
    kind = profile.data.get("kind")
    if kind != KEY:
        line = profile.line_of(("kind",))
        what = f"a '{kind}' input" if isinstance(kind, str) and kind else "not marked"
        raise InputError(f"{_at(loaded)}'{loaded.data[KEY]}' is {what}, not a profile "
                         f"(its line {line or 1} should say 'kind: profile')",
                         file=loaded.name,
                         hint="name a file of kind profile ('plankit new profile' writes "
                              "one)")
    if KEY in profile.data:
        raise InputError(f"line {profile.line_of((KEY,))}: {KEY}: a profile cannot name "
                         "another profile (profiles do not chain)", file=str(profile.path),
                         hint="copy the values you need into this profile")
    validate_model(profile, Profile, what="the profile")
    return merge(loaded, profile, shown)
