"""The Jinja2 sandbox clause bodies render in, and the filters they may use.

User values never become markup: every value printed with ``{{ }}`` is escaped for
Markdown before the Markdown parser sees it. Things plankit itself inserts (placeholders,
cross-references, line breaks) travel through the Markdown step as opaque tokens,
``STX letter number ETX``, which no user text can contain (control characters are
rejected at validation) and which are turned into document nodes afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Iterable

from jinja2 import StrictUndefined, nodes, pass_context, pass_eval_context
from jinja2.compiler import CodeGenerator
from jinja2.runtime import Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plankit import document as d
from plankit.library.model import GLOBAL_NAMES  # noqa: F401 - the names a clause body sees
from plankit.compose.facts import (_TABLE, MdSafe, Missing, OpenFact, TokenTable,  # noqa: F401
                                   current_tokens, use_tokens)

MAX_OUTPUT = 1_000_000
"""Longest text any one clause may render to."""

TOKEN = re.compile(r"\x02([PRB])(\d+)\x03")
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
_SEGMENT = re.compile(r"(\x02[PRB]\d+\x03)")


def md_escape(text: str) -> MdSafe:
    """Escape user text so Markdown shows it literally (tokens pass through)."""
    parts = _SEGMENT.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a token
            out.append(part)
            continue
        part = _PUNCT.sub(r"\\\1", part)
        if "\n" in part:
            br = current_tokens().add("B", d.LineBreak())
            part = br.join(part.split("\n"))
        out.append(part)
    return MdSafe("".join(out))


# --------------------------------------------------------------------------- filters


def _passes(value: Any) -> bool:
    return isinstance(value, Missing)


def f_money(value: Any, cents: int | None = None) -> Any:
    """$1,250,000.00; ``money(0)`` drops cents; whole-dollar amounts drop them by default."""
    if _passes(value) or value is None or value == "":
        return value
    amount = Decimal(str(value))
    if cents is None:
        cents = 0 if amount == amount.to_integral() and abs(amount) >= 1000 else 2
    sign = "-" if amount < 0 else ""
    return MdSafe(md_escape(f"{sign}${abs(amount):,.{int(cents)}f}"))


def f_percent(value: Any) -> Any:
    if _passes(value) or value is None or value == "":
        return value
    number = Decimal(str(value))
    text = f"{number.normalize():f}" if number != number.to_integral() else f"{int(number)}"
    return MdSafe(md_escape(f"{text}%"))


def f_number(value: Any, places: int = 0) -> Any:
    if _passes(value) or value is None or value == "":
        return value
    return MdSafe(md_escape(f"{Decimal(str(value)):,.{int(places)}f}"))


def f_date(value: Any, style: str = "long") -> Any:
    if _passes(value) or value is None or value == "":
        return value
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if style == "iso":
        return MdSafe(value.isoformat())
    return MdSafe(f"{value:%B} {value.day}, {value.year}")


def _join(items: Iterable[Any], word: str) -> Any:
    parts = [finalize(i) for i in items]
    if not parts:
        return MdSafe("")
    if len(parts) == 1:
        return MdSafe(parts[0])
    return MdSafe(", ".join(parts[:-1]) + f" {word} " + parts[-1])


def f_and_list(items: Any) -> Any:
    """A, B and C"""
    return items if _passes(items) else _join(items, "and")


def f_or_list(items: Any) -> Any:
    """A, B or C"""
    return items if _passes(items) else _join(items, "or")


def f_plural(count: Any, singular: str, plural: str | None = None) -> Any:
    """``3 | plural("worker")`` -> 3 workers."""
    if _passes(count):
        return count
    n = count if isinstance(count, (int, Decimal, float)) else len(count)
    word = singular if n == 1 else (plural or singular + "s")
    return MdSafe(f"{f_number(n)} {md_escape(word)}")


def f_ordinal(n: Any) -> Any:
    if _passes(n):
        return n
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return MdSafe(f"{n}{suffix}")


def f_upper_first(text: Any) -> Any:
    if _passes(text) or not text:
        return text
    s = str(text)
    out = s[:1].upper() + s[1:]
    return MdSafe(out) if isinstance(text, MdSafe) else out


def f_or_placeholder(value: Any, prompt: str) -> Any:
    """The value, or a visible placeholder asking for ``prompt`` when it is missing/empty."""
    if value is None or isinstance(value, Missing) or value == "" or value == []:
        name = value.name if isinstance(value, Missing) else prompt
        return current_tokens().add("P", d.Placeholder(name=name, prompt=str(prompt)))
    return value


def _at_render_time(func: Any) -> Any:
    """Keep Jinja2 from running ``func`` while it compiles a clause.

    Jinja2 computes a filter on constant arguments once, at compile time. plankit's filters
    may create placeholder and line-break tokens, which belong to the document being
    composed; made at compile time, they would land in whichever document compiled the
    clause first (or in none, for a compiled clause read from the cache). A filter that
    asks for the render context is never computed early.
    """
    import functools

    @pass_context
    def run(_context: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return functools.wraps(func)(run)


FILTERS = {name: _at_render_time(func) for name, func in {
    "money": f_money, "percent": f_percent, "number": f_number, "date": f_date,
    "and_list": f_and_list, "or_list": f_or_list, "plural": f_plural, "ordinal": f_ordinal,
    "upper_first": f_upper_first, "or_placeholder": f_or_placeholder,
}.items()}


@pass_eval_context  # never at compile time (see _at_render_time): escaping may make tokens
def _finalize_output(_eval_ctx: Any, value: Any) -> str:
    return finalize(value)


def finalize(value: Any) -> str:
    """Every ``{{ value }}`` passes through here: user text is escaped, ours is not."""
    if isinstance(value, MdSafe):
        return value
    if isinstance(value, Missing):
        return value.token()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return md_escape(f"{value:,f}" if value == value.to_integral() else f"{value:f}")
    if isinstance(value, dt.date):
        return f_date(value)
    return md_escape(str(value))


# --------------------------------------------------------------------------- sandbox


MAX_INT_BITS = 100_000
"""Largest whole number clause arithmetic may make (about 30,000 digits): multiplying huge
numbers takes long, and Python cannot stop it half-way."""

_WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*\d{7}|\{[^{}]*:[^{}]*\d{7}")
"""A %-format or str.format field asking for a width or precision of a million or more."""
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_WIDTH_FILTERS = frozenset({"center", "indent", "slice", "batch"})


def _too_long(what: str = "a string") -> OverflowError:
    return OverflowError(f"clause text builds {what} that is too long")


def _check_size(value: Any) -> Any:
    """Refuse a string, list or mapping longer than :data:`MAX_OUTPUT`."""
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_OUTPUT:
        raise _too_long()
    if isinstance(value, int) and not isinstance(value, bool) \
            and value.bit_length() > MAX_INT_BITS:
        raise OverflowError("clause arithmetic makes a number that is too large")
    return value


def _check_widths(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and arg > MAX_OUTPUT:
            raise _too_long()
        if isinstance(arg, str) and len(arg) > MAX_OUTPUT:
            raise _too_long()


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise OverflowError("a format in the clause asks for a width that is too large")


def _check_join(items: Any, sep: str = "") -> None:
    """Refuse to join strings whose total length is already too large."""
    if isinstance(items, (list, tuple)):
        total = sum(len(i) if isinstance(i, str) else 1 for i in items)
        if total + len(sep) * len(items) > MAX_OUTPUT:
            raise _too_long()


def _check_call(obj: Any, args: tuple, kwargs: dict) -> None:
    """Arguments that would make a string method build a huge string before any
    result could be checked."""
    obj = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, str):
        return
    name = getattr(obj, "__name__", "")
    if name in _WIDTH_METHODS:
        _check_widths([*args, *kwargs.values()])
    elif name in ("format", "format_map"):
        _check_format(owner)
    elif name == "join" and args:
        _check_join(args[0], owner)
    elif name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    if len(new) > len(old):
        grows = (text.count(old) if old else len(text) + 1) * (len(new) - len(old))
        if len(text) + grows > MAX_OUTPUT:
            raise _too_long()


def _bounded_filter(name: str, func: Any) -> Any:
    """A built-in filter whose arguments and result are size-checked."""
    import functools

    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context first

    @functools.wraps(func)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        value, extra = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
        if name in _WIDTH_FILTERS:
            _check_widths([*extra, *kwargs.values()])
            if name == "indent" and isinstance(value, str):
                width = extra[0] if extra else kwargs.get("width", 4)
                width = len(width) if isinstance(width, str) else width
                if isinstance(width, int) and len(value) + (value.count("\n") + 1) * width \
                        > MAX_OUTPUT:
                    raise _too_long()
        elif name == "format":
            _check_format(value)
        elif name == "join":
            _check_join(value, str(extra[0]) if extra else "")
        elif name == "replace" and len(extra) >= 2:
            _check_replace(str(value), extra[0], extra[1])
        return _check_size(func(*args, **kwargs))

    return bounded


def _bounded_concat(parts: Iterable[Any]) -> str:
    """Join rendered output piece by piece, stopping once it is too long (instead of
    collecting everything first): clause output, ``{% set %}`` blocks and macros."""
    out: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_OUTPUT:
            raise _too_long()
        out.append(part)
    return "".join(out)


class _CodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` through the bounded join, so joining cannot grow without limit."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:  # noqa: N802 - jinja API
        self.write("environment.concat(map(str, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


class ClauseSandbox(ImmutableSandboxedEnvironment):
    """Sandboxed, undefined names are errors, lists and mappings cannot be changed in place,
    and the strings, lists and numbers a clause builds are bounded."""

    intercepted_binops = frozenset(["*", "**", "+", "%"])
    code_generator_class = _CodeGenerator
    concat = staticmethod(_bounded_concat)

    def getitem(self, obj, argument):  # noqa: D102 - jinja API
        if isinstance(argument, OpenFact):  # a lookup by an open value: still open
            return argument.derived("part of")
        return super().getitem(obj, argument)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - jinja API
        _check_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        _check_size(result)
        if isinstance(__obj, Macro) and isinstance(result, str):
            # a macro's output was escaped as it rendered: do not escape it twice
            return MdSafe(result)
        return result

    def call_binop(self, context, operator, left, right):  # noqa: D102 - jinja API
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "**":
            if isinstance(right, (int, float)) and abs(right) > 100:
                raise OverflowError("exponent too large in clause text")
            if ints and right > 0 and left.bit_length() * right > MAX_INT_BITS:
                raise OverflowError("clause arithmetic makes a number that is too large")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) \
                        and len(seq) * n > MAX_OUTPUT:
                    raise _too_long()
            if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise OverflowError("clause arithmetic makes a number that is too large")
        if operator == "%":
            _check_format(left)
        result = super().call_binop(context, operator, left, right)
        return _check_size(result)


def make_environment() -> ClauseSandbox:
    env = ClauseSandbox(
        undefined=StrictUndefined,
        autoescape=False,
        finalize=_finalize_output,
        keep_trailing_newline=True,
        loader=None,  # no {% include %} / {% import %}: a clause is one self-contained file
    )
    env.filters = {name: _bounded_filter(name, func) for name, func in env.filters.items()}
    env.filters.update(FILTERS)
    return env




def referenced_clause_ids(ast: nodes.Template) -> list[str]:
    """Literal ids in ``ref("...")`` calls, for linting."""
    out = []
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == "ref" and call.args:
            arg = call.args[0]
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                out.append(arg.value)
    return out
