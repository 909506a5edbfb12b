"""The two PDF engines measured against each other in the same run: Typst and WeasyPrint.

* whole render (``api.render``) of the synthetic 20-page MOU and of the same repeated to
  about 200 pages, each render in a fresh process, the engines in interleaved rounds; the
  figure is the median of the per-round ratios WeasyPrint / Typst (target: at least 10x
  for both);
* 1,000 sections with the Typst engine in a fresh process: time and peak resident memory
  (targets: under 2 s, under 300 MiB), with 10 and 100 sections for the growth, each
  beside the WeasyPrint time for the same size measured earlier in the same run (the
  scaling benchmark), as a ratio that the machine's speed does not change much;
* a batch of PDF MOUs (copies of the data-sharing example, composed and rendered as
  ``plankit build -f pdf`` does) on a pool of 2 worker processes, once per engine.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable

import synthetic
import worker
from timing import first_line, med, progress, ratio, spread

from plankit import api

SPEED_TARGET = 10.0
"""Least acceptable ratio of WeasyPrint's time to Typst's, whole render."""
SECTIONS = 1000
SECTIONS_TIME_TARGET = 2.0
"""Seconds: the Typst engine's render of the 1,000-section document."""
SECTIONS_MEMORY_TARGET = 300 * 2**20
"""Bytes: peak resident memory of that render's process."""
LONG_COPIES = 10
BATCH_WORKERS = 2


def typst_available() -> str:
    """"" when the Typst engine can render, else why not."""
    try:
        api.render(synthetic.sectioned_document(1), "pdf", pdf_engine="typst")
    except Exception as exc:  # noqa: BLE001 - any failure means "skip"
        return first_line(exc)
    return ""


def bench_render(runs: int, worker_json: Callable[..., dict]) -> list[dict]:
    """Each render in a fresh process (after a warm-up render of a tiny document), the two
    engines alternating, so that neither gains from what a process kept from an earlier
    render: Typst keeps layouts it has computed for the next compilations, which is real
    for a batch of similar documents but would flatter a repeated render of one."""
    rows = []
    for label, copies in (("synthetic 20-page MOU", 1),
                          (f"synthetic MOU x{LONG_COPIES} (~200 pages)", LONG_COPIES)):
        n = runs if copies == 1 else min(runs, 3)  # WeasyPrint takes seconds per round here
        progress(f"PDF engines: {label}, {n} rounds, fresh processes")
        runs_of: dict[str, list[dict]] = {"weasyprint": [], "typst": []}
        try:
            for i in range(n):
                order = [("weasyprint", "pdf"), ("typst", "pdf-typst")]
                for engine, fmt in (order if i % 2 == 0 else order[::-1]):
                    runs_of[engine].append(worker_json("long", fmt, str(copies)))
        except (RuntimeError, ValueError) as exc:
            rows.append({"case": label, "skipped": f"failed: {first_line(exc)}"})
            continue
        times = {k: [r["seconds"] for r in v] for k, v in runs_of.items()}
        speedup = ratio(times["weasyprint"], times["typst"])
        rows.append({
            "case": label, "seconds": {k: med(v) for k, v in times.items()},
            "all_seconds": times, "speedup": speedup,
            "speedup_range": spread(times["weasyprint"], times["typst"]),
            "pages": {k: v[0].get("pages") for k, v in runs_of.items()},
            "peak_rss": {k: max(r["peak_rss"] for r in v) for k, v in runs_of.items()},
            "target": SPEED_TARGET, "pass": speedup >= SPEED_TARGET,
        })
    return rows


def bench_sections(worker_json: Callable[..., dict], sizes: list[int],
                   weasyprint: dict[int, float]) -> list[dict]:
    """``weasyprint``: seconds of the WeasyPrint engine by number of sections, from the
    scaling benchmark of the same run."""
    rows = []
    for n in sizes:
        progress(f"PDF engines: Typst, {n} sections, fresh process")
        try:
            row = worker_json("scale", "pdf-typst", str(n))
        except (RuntimeError, ValueError) as exc:
            rows.append({"sections": n, "skipped": f"failed: {first_line(exc)}"})
            continue
        if n in weasyprint:
            row["weasyprint_seconds"] = weasyprint[n]
            row["speedup"] = weasyprint[n] / row["seconds"]
        if n == SECTIONS:
            row["pass"] = (row["seconds"] < SECTIONS_TIME_TARGET
                           and row["peak_rss"] < SECTIONS_MEMORY_TARGET)
        rows.append(row)
    return rows


def bench_batch(source: Path, count: int, tmp: Path) -> dict:
    """``count`` copies of ``source`` built as PDF on 2 spawned workers, once per engine."""
    inputs = tmp / "engines-batch-in"
    inputs.mkdir(exist_ok=True)
    text = source.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = inputs / f"{source.stem}-{i:03d}{source.suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result: dict[str, Any] = {"input": source.name, "builds": count,
                              "workers": BATCH_WORKERS, "seconds": {}, "files": {}}
    for engine in ("typst", "weasyprint"):
        progress(f"PDF engines: batch of {count} PDF MOUs, {engine}, {BATCH_WORKERS} workers")
        out = tmp / f"engines-batch-{engine}"
        start = time.perf_counter()
        try:
            with ProcessPoolExecutor(max_workers=BATCH_WORKERS, initializer=worker.init_batch,
                                     mp_context=get_context("spawn")) as pool:
                written = sum(pool.map(worker.build_one, paths,
                                       [str(out / Path(p).stem) for p in paths],
                                       ["pdf"] * count, [engine] * count,
                                       chunksize=max(1, count // 20)))
        except Exception as exc:  # noqa: BLE001 - report and carry on with the rest
            return {"input": source.name, "skipped": f"{engine} failed: {first_line(exc)}"}
        result["seconds"][engine] = time.perf_counter() - start
        result["files"][engine] = written
    result["speedup"] = result["seconds"]["weasyprint"] / result["seconds"]["typst"]
    return result


def bench_engines(runs: int, batch_count: int, quick: bool, source: Path | None,
                  worker_json: Callable[..., dict], tmp: Path,
                  scaling: list[dict] | None = None) -> dict:
    """Every engine measurement; ``{"skipped": why}`` when the Typst engine cannot run.
    ``scaling``: the rows of the run's scaling benchmark (WeasyPrint's times by size)."""
    why = typst_available()
    if why:
        return {"skipped": f"Typst engine not available ({why})"}
    results: dict[str, Any] = {"render": bench_render(runs, worker_json)}
    weasyprint = {r["sections"]: r["seconds"] for r in scaling or ()
                  if r.get("format") == "pdf" and "seconds" in r}
    results["sections"] = bench_sections(worker_json, [10, 100] if quick
                                         else [10, 100, SECTIONS], weasyprint)
    if source is None:
        results["batch"] = {"skipped": "no MOU example builds"}
    else:
        results["batch"] = bench_batch(source, batch_count, tmp)
    return results


def report_lines(results: dict, table: Callable, fmt_s: Callable, verdict: Callable) -> list:
    out = ["PDF engines: Typst against WeasyPrint in the same run (speed-up = median over "
           "rounds of WeasyPrint time / Typst time)"]
    if "skipped" in results:
        return out + [f"  skipped: {results['skipped']}", ""]
    rows = []
    for r in results["render"]:
        if "skipped" in r:
            rows.append([r["case"]] + ["-"] * 6 + [r["skipped"]])
            continue
        lo, hi = r["speedup_range"]
        pages, peak = r["pages"], r["peak_rss"]
        rows.append([r["case"], f"{pages.get('weasyprint')} / {pages.get('typst')}",
                     fmt_s(r["seconds"]["weasyprint"]), fmt_s(r["seconds"]["typst"]),
                     f"{peak['weasyprint'] / 2**20:.0f} / {peak['typst'] / 2**20:.0f}",
                     f"{r['speedup']:.1f}x ({lo:.1f}-{hi:.1f})", f">= {r['target']:g}x",
                     verdict(r["pass"])])
    out.append(table(["case", "pages W / T", "WeasyPrint", "Typst", "peak MiB W / T",
                      "speed-up", "target", "result"], rows))
    rows = []
    for r in results["sections"]:
        if "skipped" in r:
            rows.append([str(r["sections"]), r["skipped"], "", "", "", "", ""])
            continue
        speedup = f"{r['speedup']:.1f}x" if "speedup" in r else "-"
        rows.append([str(r["sections"]), fmt_s(r["seconds"]), f"{r['peak_rss'] / 2**20:.0f}",
                     str(r.get("pages") or ""), fmt_s(r.get("weasyprint_seconds")), speedup,
                     verdict(r.get("pass"))])
    out.append(f"  synthetic sections, one fresh process each (WeasyPrint: the scaling "
               f"figures above); targets for Typst at "
               f"{SECTIONS:,}: under {SECTIONS_TIME_TARGET:g} s, peak under "
               f"{SECTIONS_MEMORY_TARGET // 2**20} MiB")
    out.append(table(["sections", "Typst", "peak RSS MiB", "pages", "WeasyPrint",
                      "speed-up", "result"], rows))
    b = results["batch"]
    if "skipped" in b:
        out.append(f"  batch: skipped: {b['skipped']}")
    else:
        files = b["files"]
        out.append(f"  batch: {b['builds']} builds of {b['input']} as PDF, {b['workers']} "
                   f"workers: Typst {fmt_s(b['seconds']['typst'])} ({files['typst']} files), "
                   f"WeasyPrint {fmt_s(b['seconds']['weasyprint'])} ({files['weasyprint']} "
                   f"files); {b['speedup']:.1f}x")
    out.append("")
    return out
