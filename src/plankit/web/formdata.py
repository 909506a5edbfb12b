"""Between a submitted form and input data: read one page's fields into the nested data an
input file holds, show data in the fields again, and save the data as YAML.

Numbers, money, percentages and dates are read as the CLI reads the same words in a YAML
file (``22.50``, ``$1,250``, ``3.5%``, ``2026-07-01``): the text goes into the data as the
YAML scalar it would be, and the input model parses it, so the form and the CLI accept and
refuse the same values with the same messages.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

import yaml

from plankit.web.fields import Field, name_of

MAX_ITEMS = 500
"""Most items one list in a form may hold."""

_OPEN = re.compile(r"^\s*to be set\s*$", re.IGNORECASE)
_ANCHOR = re.compile(r"(^|[\s\[{,:-])[&*][A-Za-z0-9_]")


class Form:
    """The submitted fields: ``get(name)`` and ``getlist(name)`` (Starlette's FormData, or a
    plain mapping of lists in tests)."""

    def __init__(self, data: Any) -> None:
        self.data = data

    def get(self, name: str) -> str:
        if hasattr(self.data, "getlist"):
            values = self.data.getlist(name)
        else:
            values = list(self.data.get(name, []))
        return str(values[-1]) if values else ""

    def names(self) -> list[str]:
        """The names of the submitted fields, in the order they came, each once."""
        return list(dict.fromkeys(str(k) for k in self.data.keys()))

    def getlist(self, name: str) -> list[str]:
        if hasattr(self.data, "getlist"):
            return [str(v) for v in self.data.getlist(name)]
        return [str(v) for v in self.data.get(name, [])]


def _scalar(text: str) -> Any:
    """A number or date as YAML would read it; other text unchanged."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
        return value
    return text


def _yaml_block(text: str) -> Any:
    """Settings written as ``key: value`` lines; anything else stays text, which the model
    refuses with its own message. Anchors and aliases are not read (they can multiply a
    few lines into millions of values)."""
    if _ANCHOR.search(text):
        return text
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def read_field(f: Field, loc: tuple, form: Form, old: Any = None) -> Any:
    """The value of one field (and everything inside it), or None when it is left empty.
    ``old``: its value before this page was sent, whose order a list of choices keeps."""
    name = name_of(loc)
    w = f.widget
    if w == "fixed":
        return f.choices[0]
    if w == "group":
        out = {}
        was = old if isinstance(old, dict) else {}
        for child in f.children:
            value = read_field(child, loc + (child.key,), form, was.get(child.key))
            if value is not None:
                out[child.key] = value
        return out or None
    if w == "list":
        try:
            count = min(max(int(form.get("#" + name) or 0), 0), MAX_ITEMS)
        except ValueError:
            count = 0
        items = []
        were = old if isinstance(old, list) else []
        for i in range(count):
            item = {}
            was = were[i] if i < len(were) and isinstance(were[i], dict) else {}
            for child in f.children:
                value = read_field(child, loc + (i, child.key), form, was.get(child.key))
                if value is not None:
                    item[child.key] = value
            items.append(item)
        return items or None
    if w == "settings":
        from plankit.web.settings import read_settings
        return read_settings(f, loc, form)
    if w == "choices":
        picked = [v for v in form.getlist(name) if v in f.choices]  # in the page's order
        if isinstance(old, list):  # those already chosen keep their order (a file's)
            picked = [v for v in old if v in picked] + picked
        return list(dict.fromkeys(picked)) or None
    text = form.get(name).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    if w == "bool":
        return {"true": True, "false": False}.get(text.strip(), text.strip())
    if w in ("number", "date"):
        return _scalar(text.strip())
    if w == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()] or None
    if w == "yaml":
        return _yaml_block(text)
    return text


def read_page(fields: list[Field], form: Form, data: dict) -> dict:
    """``data`` with the page's top-level fields replaced by what the form holds."""
    out = dict(data)
    for f in fields:
        value = read_field(f, (f.key,), form, data.get(f.key))
        if value is None:
            out.pop(f.key, None)
        else:
            out[f.key] = value
    return out


def apply_action(data: dict, action: str) -> tuple[dict, str]:
    """A list button: ``add|parties``, ``remove|parties[2]``, ``up|parties[2]``,
    ``down|parties[2]``. Returns the data and the name of the field to show next."""
    from plankit.web.fields import parse_name

    verb, _, target = action.partition("|")
    loc = parse_name(target)
    if loc is None or verb not in ("add", "remove", "up", "down"):
        return data, ""
    if verb == "add":
        holder, key = _parent(data, loc, create=True)
        if holder is None:
            return data, ""
        items = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(items, list):
            items = []
        if len(items) < MAX_ITEMS:
            items.append({})
        holder[key] = items
        return data, name_of(loc + (len(items) - 1,))
    if not isinstance(loc[-1], int):
        return data, ""
    holder, key = _parent(data, loc[:-1])
    items = holder.get(key) if isinstance(holder, dict) else None
    i = loc[-1]
    if not isinstance(items, list) or not 0 <= i < len(items):
        return data, ""
    if verb == "remove":
        del items[i]
        if not items:
            holder.pop(key)
            return data, name_of(loc[:-1])
        return data, name_of(loc[:-1] + (min(i, len(items) - 1),))
    j = i - 1 if verb == "up" else i + 1
    if 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        return data, name_of(loc[:-1] + (j,))
    return data, name_of(loc)


def _parent(data: Any, loc: tuple, create: bool = False) -> tuple[Any, Any]:
    """The mapping holding the last key of ``loc`` (created on the way when asked)."""
    node = data
    steps = loc[:-1]
    for n, part in enumerate(steps):
        if isinstance(part, int):
            if not isinstance(node, list) or not 0 <= part < len(node):
                return None, None
            node = node[part]
        else:
            if not isinstance(node, dict):
                return None, None
            leads_to_item = n + 1 < len(steps) and isinstance(steps[n + 1], int)
            if part not in node and create and not leads_to_item:
                node[part] = {}
            node = node.get(part)
    return (node, loc[-1]) if isinstance(node, dict) else (None, None)


# ------------------------------------------------------------------ showing data

def expand(data: Any, fields: list[Field], made: Any = None) -> Any:
    """``data`` with each part written in a short form (``fields: [Wages paid]``,
    ``plan_period: 2026-2030``) written out as the mapping its model reads it as, so the
    form shows it in its fields. ``made``: the model the data validates to, when it does
    (a short form may be read by the model that holds it)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for f in fields:
        value = out.get(f.key)
        inner = getattr(made, f.key, None)
        if f.widget == "group" and value is not None and open_spelling(value) is None:
            out[f.key] = expand(_mapping(f, value, inner), f.children, inner)
        elif f.widget == "list" and isinstance(value, list) and open_spelling(value) is None:
            inners = inner if isinstance(inner, (list, tuple)) and \
                len(inner) == len(value) else [None] * len(value)
            out[f.key] = [expand(_mapping(f, item, one), f.children, one)
                          for item, one in zip(value, inners)]
    return out


def _mapping(f: Field, item: Any, made: Any) -> Any:
    if isinstance(item, dict) or f.model is None:
        return item
    if not isinstance(made, f.model):
        try:
            from plankit.pipeline import rule_book

            made = f.model.model_validate(item, context={"rules": rule_book()})
        except Exception:  # the model refuses it: the form shows it empty, the check says why
            return item
    return made.model_dump(exclude_defaults=True, exclude_unset=True)


def value_at(data: Any, loc: tuple) -> Any:
    for part in loc:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


def open_spelling(value: Any) -> str | None:
    """An open value as the input file spells it, read back as YAML reads it unquoted
    (``[to be set]`` is a one-item list); None for any other value."""
    if isinstance(value, str):
        return value if value.strip().lower().startswith("[to be set") else None
    if isinstance(value, list) and len(value) == 1:
        item = value[0]
        if isinstance(item, str) and _OPEN.match(item):
            return "[to be set]"
        if isinstance(item, dict) and len(item) == 1:
            (key, note), = item.items()
            if isinstance(key, str) and _OPEN.match(key):
                return f"[to be set: {note}]"
    return None


def shown(f: Field, value: Any) -> Any:
    """What a field shows for ``value``: text, a list of picked choices, or a count."""
    if value is None:
        return [] if f.widget == "choices" else ""
    spelled = open_spelling(value)
    if spelled is not None and f.widget not in ("group", "list", "choices"):
        return spelled
    w = f.widget
    if w == "choices":
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if w == "bool":
        return "true" if value is True else "false" if value is False else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if w == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if w == "yaml" or isinstance(value, (list, dict)):
        return yaml.safe_dump(value, sort_keys=False, allow_unicode=True,
                              default_flow_style=False).strip()
    return str(value)


# ------------------------------------------------------------------ saving

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style for text with line breaks, so a saved paragraph reads as written
    (libyaml's emitter where installed: it is several times faster)."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def ordered(data: Any, fields: list[Field]) -> Any:
    """``data`` with each mapping's keys in the model's order (keys the model does not know
    stay, after them, for the model to report)."""
    if not isinstance(data, dict):
        return data
    out = {}
    by_key = {f.key: f for f in fields}
    for f in fields:
        if f.key in data:
            value = data[f.key]
            if f.widget == "group":
                value = ordered(value, f.children)
            elif f.widget == "list" and isinstance(value, list):
                value = [ordered(v, f.children) for v in value]
            out[f.key] = value
    for key, value in data.items():
        if key not in by_key:
            out[key] = value
    return out


def to_yaml(data: Mapping, fields: list[Field]) -> str:
    """The input file the form's data makes."""
    return yaml.dump(ordered(dict(data), fields), Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=88)
