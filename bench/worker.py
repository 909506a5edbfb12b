"""Jobs that bench/run.py runs in a separate process, so that each gets a clean measurement.

    python bench/worker.py scale FORMAT SECTIONS [--floor]
        Render a synthetic document of SECTIONS sections once (after a small warm-up render)
        and print JSON: seconds, peak RSS, RSS growth during the render (peak minus the RSS
        before it) and, with --floor (DOCX only), the python-docx floor's time for the same
        content.

    python bench/worker.py count WHICH STAGE
        For instruction counting under callgrind: WHICH is ``plankit`` (plankit's DOCX
        renderer) or ``floor`` (the python-docx floor); STAGE ``setup`` does everything
        except rendering the synthetic MOU (imports, a warm-up render of a tiny document,
        building and extracting the MOU), ``render`` does the same and then renders it once.
        The difference of the two counts is the cost of that one render.

:func:`build_one` and :func:`init_batch` are the batch benchmark's process-pool tasks.
"""

from __future__ import annotations

import gc
import json
import logging
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import floor  # noqa: E402
import synthetic  # noqa: E402


def quiet_plankit() -> None:
    """Keep plankit's placeholder warnings out of the benchmark's output."""
    logger = logging.getLogger("plankit")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    logger.setLevel(logging.ERROR)


def _status_bytes(field: str) -> int | None:
    """A memory figure of this process from /proc/self/status (Linux), in bytes."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024  # reported in kB
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Reset the peak RSS (VmHWM) to the current RSS, where Linux allows it."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes.

    VmHWM where available: ``ru_maxrss`` is no good in a child process on Linux, because it
    keeps the parent's resident size from before ``exec``.
    """
    hwm = _status_bytes("VmHWM")
    if hwm is not None:
        return hwm
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB


# --------------------------------------------------------------------------- scaling


def scale(fmt: str, sections: int, with_floor: bool) -> dict:
    from plankit import api

    quiet_plankit()
    api.render(synthetic.sectioned_document(2), fmt)  # imports, fonts, caches
    doc = synthetic.sectioned_document(sections)
    gc.collect()
    reset = reset_peak()  # so the peak below is this render's, not the warm-up's
    before = _status_bytes("VmRSS") if reset else peak_rss()
    start = time.perf_counter()
    data = api.render(doc, fmt)
    seconds = time.perf_counter() - start
    peak = peak_rss()
    result = {"format": fmt, "sections": sections, "seconds": seconds, "bytes": len(data),
              "peak_rss": peak, "rss_growth": peak - (before or 0)}
    if with_floor and fmt == "docx":
        content = floor.docx_content(doc)
        start = time.perf_counter()
        floor.docx_floor(content)
        result["floor_seconds"] = time.perf_counter() - start
    return result


# --------------------------------------------------------------------------- instruction counts


def count(which: str, stage: str) -> None:
    from plankit import api

    quiet_plankit()
    tiny = synthetic.sectioned_document(2)
    doc = synthetic.mou_document()
    if which == "plankit":
        api.render(tiny, "docx")
        if stage == "render":
            api.render(doc, "docx")
    elif which == "floor":
        floor.docx_floor(floor.docx_content(tiny))
        content = floor.docx_content(doc)
        if stage == "render":
            floor.docx_floor(content)
    else:
        raise SystemExit(f"unknown target {which!r}")


# --------------------------------------------------------------------------- batch

_LIBRARY = None


def init_batch() -> None:
    """Pool initializer: load the clause library once per worker, as the CLI does per run."""
    global _LIBRARY
    from plankit.library import load_library

    quiet_plankit()
    _LIBRARY = load_library(())


def build_one(path: str, out_dir: str, formats: str) -> int:
    """Build one input into its own output folder (a shared folder's manifest would race)."""
    from plankit import api

    result = api.build([path], out_dir, formats, force=True, library=_LIBRARY, report=False)
    return len(result.written)


# --------------------------------------------------------------------------- command line


def main(argv: list[str]) -> None:
    if argv[:1] == ["scale"] and len(argv) >= 3:
        print(json.dumps(scale(argv[1], int(argv[2]), "--floor" in argv[3:])))
    elif argv[:1] == ["count"] and len(argv) == 3:
        count(argv[1], argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
