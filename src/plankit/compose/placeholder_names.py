"""Every ``placeholder()`` in a clause names the input field that fills it.

A placeholder is a fact still to supply. The review copy's Word comment, the review memo and
the refusal to make a final copy list each open placeholder with its field, so a reviewer
knows where in the input to add it. A clause writes the field as the second argument:

* ``placeholder("yearly increase per hour", "params.adjustment_step")``: a parameter of the
  clause (the document names it where the user writes it: under ``clause_params`` or on the
  provision);
* ``placeholder("how the state funds regional sector partnerships",
  "regional_support.funding")``: a field of the input, as the user writes it (items counted
  from 1: ``"metrics[" ~ loop.index ~ "].target"``).

A placeholder that no input field fills (the drafter writes the fact into the document
itself) is listed under ``unnamed_placeholders:`` in the clause's front matter, by its
prompt, with the reason.

:func:`placeholder_problems` is what ``plankit clauses check`` reports.
"""

from __future__ import annotations

from typing import Any

from jinja2 import nodes
from pydantic import BaseModel

_DYNAMIC = "\x00"
"""Stands for a part of a field path worked out while the clause renders."""


def placeholder_calls(ast: nodes.Template) -> list[tuple[nodes.Call, Any, Any]]:
    """Each ``placeholder(...)`` call: (call, prompt node, name node or None)."""
    out = []
    for call in ast.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "placeholder"):
            continue
        args = list(call.args)
        kwargs = {k.key: k.value for k in call.kwargs}
        prompt = args[0] if args else kwargs.get("prompt")
        name = args[1] if len(args) > 1 else kwargs.get("name")
        out.append((call, prompt, name))
    return out


def _text(node: Any) -> str | None:
    """The text of a constant or a ``~`` join, with :data:`_DYNAMIC` for each part not known
    before rendering; None when nothing of it is known."""
    if isinstance(node, nodes.Const):
        return str(node.value)
    if isinstance(node, nodes.Concat):
        parts = [_text(n) for n in node.nodes]
        return "".join(_DYNAMIC if p is None else p for p in parts)
    return None


def _known_path(name: str) -> str:
    """The part of ``name`` that can be checked before rendering: an item number worked out
    while rendering stands as item 1; the path stops before any other unknown part."""
    name = name.replace(f"[{_DYNAMIC}]", "[1]")
    if _DYNAMIC in name:
        head = name[:name.index(_DYNAMIC)]
        name = head[:head.rindex(".")] if "." in head else ""
    return name


def field_exists(model: type[BaseModel], path: str) -> bool:
    """Whether ``path`` (``parties[2].signatory.name``) is a field the user can write in an
    input for ``model``, as its JSON schema describes it (a goal written as
    ``{goal, indicators}`` has ``indicators``, though the model keeps only its text)."""
    from plankit.labels import parse

    loc = parse(path)
    if not loc or isinstance(loc[0], int):
        return False
    schema = _schema(model)
    defs = schema.get("$defs", {})
    current = [schema]
    for part in loc:
        current = [nxt for s in current for nxt in _step(s, part, defs)]
        if not current:
            return False
    return True


_SCHEMAS: dict[type, dict] = {}


def _schema(model: type[BaseModel]) -> dict:
    if model not in _SCHEMAS:
        _SCHEMAS[model] = model.model_json_schema()
    return _SCHEMAS[model]


def _alternatives(schema: Any, defs: dict, depth: int = 0) -> list[dict]:
    """``schema`` with its ``$ref`` followed and its ``anyOf``/``oneOf``/``allOf`` spread."""
    if not isinstance(schema, dict) or depth > 20:
        return []
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return _alternatives(defs.get(ref[len("#/$defs/"):]), defs, depth + 1)
    out = [schema]
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in schema.get(key, []):
            out.extend(_alternatives(sub, defs, depth + 1))
    return out


def _step(schema: dict, part: Any, defs: dict) -> list[dict]:
    """The schemas of ``part`` (a key, or an item number) inside ``schema``."""
    out = []
    for alt in _alternatives(schema, defs):
        if isinstance(part, int):
            if isinstance(alt.get("items"), dict):
                out.append(alt["items"])
            out.extend(alt.get("prefixItems", []))
        else:
            props = alt.get("properties", {})
            if part in props:
                out.append(props[part])
            elif isinstance(alt.get("additionalProperties"), dict):
                out.append(alt["additionalProperties"])
    return out


def _models(kinds: list[str]) -> list[type[BaseModel]]:
    from plankit.inputs.kinds import KINDS

    return [KINDS[k].load_model() for k in kinds if k in KINDS]


def placeholder_problems(clause: Any, ast: nodes.Template) -> list[str]:
    """A placeholder without a field (and not listed as unnamed with a reason), or naming a
    parameter or input field that does not exist."""
    out: list[str] = []
    meta = clause.meta
    exempt = dict(meta.unnamed_placeholders)
    used: set[str] = set()
    models = None
    for call, prompt_node, name_node in placeholder_calls(ast):
        where = f"{clause.path}:{clause.body_line + call.lineno - 1}"
        prompt = _text(prompt_node) if prompt_node is not None else None
        shown = (prompt or "").replace(_DYNAMIC, "…")
        if name_node is None:
            if prompt is not None and prompt in exempt:
                used.add(prompt)
                continue
            out.append(f"{where}: placeholder(\"{shown}\") does not name the field that fills "
                       "it; add it as the second argument (\"params.NAME\" for a parameter, "
                       "or the input field, e.g. \"regional_support.funding\"), or list the "
                       "prompt under 'unnamed_placeholders' with the reason no field fills it")
            continue
        name = _text(name_node)
        if name is None or name.startswith(_DYNAMIC):
            continue  # worked out while rendering: checked when a document is built
        if name.startswith("params."):
            param = _known_path(name[len("params."):]).split(".")[0].split("[")[0]
            if param not in meta.params:
                out.append(f"{where}: placeholder(\"{shown}\") names 'params.{param}', which "
                           "is not a parameter of this clause")
            continue
        path = _known_path(name)
        if not path:
            continue
        if models is None:
            models = _models(meta.kinds)
        if models and not any(field_exists(m, path) for m in models):
            out.append(f"{where}: placeholder(\"{shown}\") names '{path}', which is not a "
                       f"field of the input for {' or '.join(meta.kinds)}")
    for prompt, why in exempt.items():
        if not str(why).strip():
            out.append(f"{clause.path}: unnamed_placeholders: \"{prompt}\" needs a reason "
                       "(why no input field fills it)")
    for prompt in sorted(set(exempt) - used):
        out.append(f"{clause.path}: unnamed_placeholders: no placeholder(\"{prompt}\") without "
                   "a field in the text; remove the entry")
    return out
