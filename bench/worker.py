"""Jobs that bench/run.py runs in a separate process, so that each gets a clean measurement.

    python bench/worker.py scale FORMAT SECTIONS [--floor]
        (FORMAT ``pdf-typst`` is PDF made by the Typst engine.)
        Render a synthetic document of SECTIONS sections once (after a small warm-up render)
        and print JSON: seconds, peak RSS, RSS growth during the render (peak minus the RSS
        before it) and, with --floor (DOCX only), the python-docx floor's time for the same
        content.

    python bench/worker.py long FORMAT COPIES
        Render the synthetic MOU with its sections repeated COPIES times (1: about 20
        pages, 10: about 200) once, after a warm-up render, and print JSON as ``scale``
        does, with the page count for PDF.

    python bench/worker.py count FORMAT
        For instruction counting under ``valgrind --tool=callgrind --dump-before=getppid``:
        imports, a warm-up render of a tiny document by plankit and by the floor, building
        the synthetic MOU and the floor's input for it; then one render of the MOU by
        plankit and one by the floor (python-docx for DOCX, WeasyPrint for PDF). A call
        of ``os.getppid()`` ends each of the three steps, so callgrind writes the counts of
        each to its own file (suffixes .1, .2 and .3).

:func:`build_one` and :func:`init_batch` are the batch benchmark's process-pool tasks.
"""

from __future__ import annotations

import gc
import io
import json
import logging
import re
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


def render(doc, fmt: str) -> bytes:
    """``api.render``, where ``pdf-typst`` is PDF made by the Typst engine."""
    from plankit import api

    if fmt == "pdf-typst":
        return api.render(doc, "pdf", pdf_engine="typst")
    return api.render(doc, fmt)


def _measure(fmt: str, doc, label: dict) -> tuple[dict, bytes]:
    """Render ``doc`` once, after a warm-up render of a tiny document: time and memory."""
    quiet_plankit()
    render(synthetic.sectioned_document(2), fmt)  # imports, fonts, caches
    gc.collect()
    reset = reset_peak()  # so the peak below is this render's, not the warm-up's
    before = _status_bytes("VmRSS") if reset else peak_rss()
    start = time.perf_counter()
    data = render(doc, fmt)
    seconds = time.perf_counter() - start
    peak = peak_rss()
    result = {"format": fmt, **label, "seconds": seconds, "bytes": len(data),
              "peak_rss": peak, "rss_growth": peak - (before or 0)}
    return result, data


def _page_count(data: bytes) -> int | None:
    try:
        import pypdf  # a test extra
        return len(pypdf.PdfReader(io.BytesIO(data)).pages)
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page\b", data)) or None


def scale(fmt: str, sections: int, with_floor: bool) -> dict:
    doc = synthetic.sectioned_document(sections)
    result, data = _measure(fmt, doc, {"sections": sections})
    if fmt == "pdf-typst":
        result["pages"] = _page_count(data)
    if with_floor and fmt == "docx":
        content = floor.docx_content(doc)
        start = time.perf_counter()
        floor.docx_floor(content)
        result["floor_seconds"] = time.perf_counter() - start
    return result


def long(fmt: str, copies: int) -> dict:
    result, data = _measure(fmt, synthetic.mou_document(copies), {"copies": copies})
    if fmt.startswith("pdf"):
        result["pages"] = _page_count(data)
    return result


# --------------------------------------------------------------------------- instruction counts


def count(fmt: str) -> None:
    import os

    from plankit import api

    quiet_plankit()
    tiny = synthetic.sectioned_document(2)
    doc = synthetic.mou_document()
    api.render(tiny, fmt)
    if fmt == "docx":
        floor.docx_floor(floor.docx_content(tiny))
        content = floor.docx_content(doc)
        run_floor = lambda: floor.docx_floor(content)  # noqa: E731
    elif fmt == "pdf":
        floor.pdf_floor(floor.pdf_inputs(tiny))
        inputs = floor.pdf_inputs(doc)
        run_floor = lambda: floor.pdf_floor(inputs)  # noqa: E731
    else:
        raise SystemExit(f"unknown format {fmt!r}")
    os.getppid()  # callgrind dumps: setup
    api.render(doc, fmt)
    os.getppid()  # plankit
    run_floor()
    os.getppid()  # floor


# --------------------------------------------------------------------------- batch

_LIBRARY = None


def init_batch() -> None:
    """Pool initializer: load the clause library once per worker, as the CLI does per run."""
    global _LIBRARY
    from plankit.library import load_library

    quiet_plankit()
    _LIBRARY = load_library(())


def build_one(path: str, out_dir: str, formats: str, engine: str | None = None) -> int:
    """Build one input into its own output folder (a shared folder's manifest would race);
    ``engine`` is the PDF engine (WeasyPrint when None)."""
    from plankit import api

    options = {"pdf_engine": engine} if engine else None
    result = api.build([path], out_dir, formats, force=True, library=_LIBRARY, report=False,
                       render_options=options)
    return len(result.written)


# --------------------------------------------------------------------------- command line


def main(argv: list[str]) -> None:
    if argv[:1] == ["scale"] and len(argv) >= 3:
        print(json.dumps(scale(argv[1], int(argv[2]), "--floor" in argv[3:])))
    elif argv[:1] == ["long"] and len(argv) == 3:
        print(json.dumps(long(argv[1], int(argv[2]))))
    elif argv[:1] == ["count"] and len(argv) == 2:
        count(argv[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
