"""Timing helpers shared by the benchmarks: interleaved rounds and per-round ratios."""

from __future__ import annotations

import gc
import statistics
import sys
import time
from typing import Any, Callable


def progress(message: str) -> None:
    """Progress goes to stderr; the report goes to stdout."""
    print(f"· {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- timing


def rounds(fns: dict[str, Callable[[], Any]], n: int, warmup: int = 1) -> dict[str, list[float]]:
    """Run every function once per round, ``n`` rounds, after ``warmup`` untimed rounds.

    Within a round the functions run back to back (A B, A B, …), and the order rotates from
    round to round so that none always runs first: a machine that speeds up or slows down
    mid-run then affects every function of a round alike, and per-round ratios cancel it.
    """
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n):
        k = i % len(names)
        for name in names[k:] + names[:k]:
            gc.collect()
            start = time.perf_counter()
            fns[name]()
            times[name].append(time.perf_counter() - start)
    return times


def ratio(a: list[float], b: list[float]) -> float:
    """Median of the per-round ratios a/b."""
    return statistics.median(x / y for x, y in zip(a, b))


def spread(a: list[float], b: list[float]) -> list[float]:
    """Smallest and largest per-round ratio, to show how noisy the round was."""
    values = [x / y for x, y in zip(a, b)]
    return [min(values), max(values)]


def first_line(exc: BaseException, limit: int = 160) -> str:
    """``Type: first line of the message``, shortened, for one-line reports."""
    text = (str(exc).strip().splitlines() or [""])[0]
    text = text if len(text) <= limit else text[:limit - 3] + "..."
    return f"{type(exc).__name__}: {text}"


def med(values: list[float]) -> float:
    return statistics.median(values)
