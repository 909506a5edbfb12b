"""Tying messages to the fields a page shows: a problem about a value deep inside a field
(a clause setting inside ``params``) is shown at the nearest field the page has."""

from __future__ import annotations

from dataclasses import dataclass

from plankit.web.fields import Field, Page, id_of, name_of, parse_name
from plankit.web.formdata import value_at
from plankit.web.settings import shown_settings
from plankit.web.service import Problem


def shown_names(fields: list[Field], data: dict, prefix: tuple = ()) -> set[str]:
    """The names of every field a page renders for ``data`` (list items included)."""
    out: set[str] = set()
    for f in fields:
        loc = prefix + (f.key,)
        out.add(name_of(loc))
        if f.widget == "group":
            out |= shown_names(f.children, data, loc)
        elif f.widget == "settings":
            out |= shown_settings(loc, data)
        elif f.widget == "list":
            items = value_at(data, loc)
            for i in range(len(items) if isinstance(items, list) else 0):
                out.add(name_of(loc + (i,)))
                out |= shown_names(f.children, data, loc + (i,))
    return out


def nearest(name: str, names: set[str]) -> str:
    """The closest field to ``name`` that is in ``names`` ("" when none is)."""
    loc = parse_name(name) or ()
    while loc:
        if name_of(loc) in names:
            return name_of(loc)
        loc = loc[:-1]
    return ""


@dataclass
class Shown:
    """A problem as a page shows it: its words and where its link goes."""

    text: str
    href: str
    field: str
    """The name of the field it is shown at on this page ("" for elsewhere)."""


def place(problems: list[Problem], pages: list[Page], page: Page | None, data: dict
          ) -> tuple[list[Shown], list[Shown], dict[str, list[str]]]:
    """(problems on this page, problems on other pages, field name -> messages)."""
    here: list[Shown] = []
    elsewhere: list[Shown] = []
    at: dict[str, list[str]] = {}
    cache: dict[str, set[str]] = {}
    for p in problems:
        target = next((pg for pg in pages if pg.slug == p.page), None)
        if target is None:
            (here if page is not None else elsewhere).append(Shown(p.text, "#error-summary", ""))
            continue
        names = cache.setdefault(target.slug, shown_names(target.fields, data))
        field = nearest(p.name, names)
        anchor = "#" + id_of(field) if field else ""
        if page is not None and target.slug == page.slug:
            here.append(Shown(p.text, anchor or "#error-summary", field))
            if field:
                at.setdefault(field, []).append(p.text)
        else:
            elsewhere.append(Shown(p.text, f"/form/{target.slug}{anchor}", ""))
    return here, elsewhere, at
