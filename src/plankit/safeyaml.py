"""The safe YAML loader every file plankit reads goes through (inputs, clause front matter,
rule files): plain data only, no duplicate keys, YAML 1.1's surprising booleans turned off,
and limits on nesting and on the number of values once aliases are expanded."""

from __future__ import annotations

from typing import Any

import yaml

from plankit.errors import InputError

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings."""
MAX_NODES = 100_000
"""Most values in a file once aliases are expanded."""


class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml's C parser where installed): only plain data, never objects."""


def _no_duplicates(loader: Loader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a single word or phrase, not a list or mapping",
                key_node.start_mark) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{key}' appears twice (first on line {seen[key]}); "
                "keep one and delete the other", key_node.start_mark)
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)

# Dates stay dates, but YAML 1.1's sexagesimal and on/off booleans surprise people:
# "no" is a country code, and "yes/no" answers should be true/false.
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:bool"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    __import__("re").compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def measure(node: yaml.Node, file: str) -> dict[tuple, int]:
    """Check depth and expanded size; return field path -> line."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise InputError(f"line {n.start_mark.line + 1}: lists and sections are nested more "
                             f"than {MAX_DEPTH} levels deep", file=file,
                             hint="an input needs only a few levels; check the indentation")
        key = id(n)
        if key in sizes:
            return sizes[key]
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(c, depth + 1) for c in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k, depth + 1) + size(v, depth + 1) for k, v in n.value)
        sizes[key] = total
        if total > MAX_NODES:
            raise InputError(f"the file expands to more than {MAX_NODES:,} values (YAML aliases "
                             "'*name' repeat whole sections)", file=file,
                             hint="write the values out, or use fewer aliases")
        return total

    size(node, 0)
    lines: dict[tuple, int] = {}

    def paths(n: yaml.Node, loc: tuple, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        lines.setdefault(loc, n.start_mark.line + 1)
        if isinstance(n, yaml.SequenceNode):
            for i, c in enumerate(n.value):
                paths(c, loc + (i,), depth + 1)
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    # a mapping value is reported at its key's line
                    lines[loc + (k.value,)] = k.start_mark.line + 1
                    paths(v, loc + (k.value,), depth + 1)

    paths(node, (), 0)
    return lines
