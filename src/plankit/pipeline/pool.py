"""Building jobs on a pool of worker processes: each worker drafts and renders a job and
sends back its files' bytes; the main process writes them (see :mod:`plankit.pipeline.run`)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional


def default_jobs() -> int:
    """How many jobs to build at once: one per CPU this process may use."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        n = counter()
    elif hasattr(os, "sched_getaffinity"):
        n = len(os.sched_getaffinity(0))
    else:
        n = os.cpu_count()
    return max(1, n or 1)


_WORKER: dict[str, Any] = {}
"""Per worker process: the clause library, loaded once, and the rule book the build was
given."""


def _start_method() -> str:
    """How to start worker processes: as copies of this one (``fork``, fast: nothing to
    import or load again) on Linux while this process runs a single thread, where that is
    safe; otherwise as fresh interpreters (``spawn``), which works everywhere."""
    import threading

    if sys.platform != "linux" or threading.active_count() != 1:
        return "spawn"
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            threads = next((int(line.split()[1]) for line in fh if line.startswith("Threads:")),
                           0)
    except (OSError, ValueError):
        return "spawn"
    return "fork" if threads == 1 else "spawn"


def _init_worker(clause_dirs: list[str], env: dict[str, Optional[str]], rules: Any) -> None:
    """Pool initializer: the parent's settings, a quiet logger, the library loaded once
    (or kept, when the worker started as a copy of a process that had loaded it)."""
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    worker_log = logging.getLogger("plankit")
    for handler in list(worker_log.handlers):
        worker_log.removeHandler(handler)
    worker_log.addHandler(logging.NullHandler())
    worker_log.propagate = False
    worker_log.setLevel(logging.ERROR)  # warnings travel back with each row's result
    _WORKER["rules"] = rules
    if "library" not in _WORKER:
        from plankit.library import load_library

        _WORKER["library"] = load_library(clause_dirs)


def _work(task: Callable, job: Any, args: tuple) -> Any:
    """In a worker: ``task(job, library, rules, *args)`` with the worker's library and rules."""
    return task(job, _WORKER["library"], _WORKER["rules"], *args)


def run_pool(jobs: list, workers: int, task: Callable, args: tuple, *, library: Any,
             rules: Any, finish: Callable[[Any], None], stopped: Callable[[], bool],
             broken: Callable[[Any], Any]) -> None:
    """Run ``task(job, library, rules, *args)`` for each job on ``workers`` processes;
    ``finish`` runs here, in the main process, with each result as it comes back. No new job
    starts once ``stopped()`` is true; ``broken(job)`` gives the result of a job whose
    worker died."""
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from plankit.paths import CLAUSES_DIR

    dirs = [str(Path(p).resolve()) for p in getattr(library, "dirs", [])
            if Path(p).resolve() != Path(CLAUSES_DIR).resolve()]
    env = {key: os.environ.get(key) for key in ("SOURCE_DATE_EPOCH",)}
    method = _start_method()
    if method == "fork":  # the workers start as copies of this process, library loaded
        _WORKER["library"] = library
        for stream in (sys.stdout, sys.stderr):  # nothing buffered is copied into them
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context(method),
                               initializer=_init_worker, initargs=(dirs, env, rules))
    clean = False
    try:
        pending: dict[Future, Any] = {}
        queue = list(jobs)
        while queue or pending:
            # keep a few jobs per worker queued, so a failure stops work early
            while queue and len(pending) < workers * 2 and not stopped():
                job = queue.pop(0)
                pending[pool.submit(_work, task, job, args)] = job
            if stopped():
                queue.clear()
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool:
                    result = broken(job)
                finish(result)
        clean = True
    finally:
        pool.shutdown(wait=clean, cancel_futures=True)
