"""What clause text sees in place of a fact: :class:`Missing` (left out) and
:class:`OpenFact` (left open on purpose with ``[to be set]``), and the tokens by which
placeholders and other nodes plankit inserts travel through the Markdown step
(re-exported by :mod:`plankit.compose.sandbox`)."""

from __future__ import annotations

import contextvars
from typing import Any

from plankit import document as d


class MdSafe(str):
    """Markdown written by a clause author or by plankit: not escaped again."""


class TokenTable:
    """Nodes that travel through Markdown as tokens during one document's composition."""

    def __init__(self) -> None:
        self.nodes: list[object] = []

    def add(self, letter: str, node: object) -> MdSafe:
        self.nodes.append(node)
        return MdSafe(f"\x02{letter}{len(self.nodes) - 1}\x03")


_TABLE: contextvars.ContextVar[TokenTable] = contextvars.ContextVar("plankit_tokens")


def current_tokens() -> TokenTable:
    table = _TABLE.get(None)
    if table is None:
        table = TokenTable()
        _TABLE.set(table)
    return table


def use_tokens(table: TokenTable) -> contextvars.Token:
    return _TABLE.set(table)


class Missing:
    """A fact the user has not supplied. Falsy in ``{% if %}``; printed as a placeholder."""

    __slots__ = ("name", "prompt")

    def __init__(self, name: str, prompt: str) -> None:
        self.name = name
        self.prompt = prompt

    def __bool__(self) -> bool:
        return False

    def __iter__(self):
        return iter(())

    def __len__(self) -> int:
        return 0

    def token(self) -> MdSafe:
        return current_tokens().add("P", d.Placeholder(name=self.name, prompt=self.prompt))

    def __str__(self) -> str:
        return self.token()

    def __html__(self) -> str:  # pragma: no cover - never HTML-rendered directly
        return str(self)

    def __repr__(self) -> str:
        return f"Missing({self.name!r})"


def _unknown(*_args: Any) -> bool:
    return False


_PROBED = frozenset({"unsafe_callable", "alters_data", "items", "keys", "values"})
"""Attribute names Jinja2 (or its sandbox) looks up to decide how to treat an object: an
open fact has none of them."""


class OpenFact(Missing):
    """A fact the input leaves open on purpose (``[to be set]``).

    Unlike a value simply left out, the fact exists: a sentence that needs it is written,
    with the placeholder in its place, so ``{% if value %}`` is true. Nothing is worked out
    from it: a comparison is false either way, and arithmetic gives another placeholder
    naming the same field, so no made-up figure reaches the text. Its parts
    (``value.start``, ``value[0]``) and anything looked up by it (``labels[value]``, a
    method of the input called with it) are placeholders too. (A choice or a yes/no answer
    left open is not an OpenFact: it reads as if left out, see
    :mod:`plankit.compose.context`.)"""

    __slots__ = ("note",)

    def __init__(self, name: str, prompt: str, note: str = "") -> None:
        super().__init__(name, prompt)
        self.note = note

    def __bool__(self) -> bool:
        return True

    def token(self) -> MdSafe:
        prompt = f"{self.prompt} ({self.note})" if self.note else self.prompt
        return current_tokens().add("P", d.Placeholder(name=self.name, prompt=prompt))

    def derived(self, what: str = "figure worked out from") -> "OpenFact":
        prompt = self.prompt if self.prompt.startswith(what) else f"{what} the {self.prompt}"
        return OpenFact(self.name, prompt, self.note)

    def __getattr__(self, name: str) -> Any:
        if name.startswith(("_", "jinja_")) or name in _PROBED:
            raise AttributeError(name)
        return self.derived("part of")

    def __getitem__(self, key: Any) -> "OpenFact":
        return self.derived("part of")

    def __call__(self, *args: Any, **kwargs: Any) -> "OpenFact":
        return self

    def _arith(self, *_args: Any) -> "OpenFact":
        return self.derived()

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _arith
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = _arith
    __mod__ = __rmod__ = __pow__ = __rpow__ = __neg__ = __abs__ = __round__ = _arith
    __lt__ = __le__ = __gt__ = __ge__ = _unknown

    def __eq__(self, other: Any) -> bool:
        return other is self

    def __ne__(self, other: Any) -> bool:
        return other is not self

    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return f"OpenFact({self.name!r})"
