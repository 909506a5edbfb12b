"""plankit benchmarks: speed as ratios against floors measured in the same run.

    python bench/run.py               # full run (a few minutes on two cores)
    python bench/run.py --quick       # smoke run (under a minute)
    python bench/run.py --runs 9      # more rounds per measurement (default 5, quick 3)
    python bench/run.py --callgrind   # also count instructions under valgrind (slow, stable)
    python bench/run.py --profile     # also print cProfile's top costs of a DOCX render
    python bench/run.py --batch-pdf   # include PDF in the batch builds

Timings on a shared machine drift by more than the differences worth knowing about, so no
figure here is compared with a fixed time except one: ``plankit validate`` as a whole process,
which is what a person waits for. Everything else is a ratio against a floor, the same output
made with the underlying library alone (bench/floor.py), measured in rounds interleaved with
plankit so that both see the same machine. The figure reported is the median of the per-round
ratios; medians of the absolute times are printed beside it.

Targets: DOCX <= 1.5x the raw python-docx floor, PDF <= 1.2x the raw WeasyPrint floor,
``plankit validate EXAMPLE`` < 0.5 s. Results are printed as a table and written to
bench/results.json.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
EXAMPLES_DIR = ROOT / "examples"
RESULTS = BENCH_DIR / "results.json"
sys.path.insert(0, str(BENCH_DIR))

import floor  # noqa: E402
import synthetic  # noqa: E402
import worker  # noqa: E402

from plankit import api  # noqa: E402
from plankit.library import load_library  # noqa: E402
from plankit.render import get_renderer  # noqa: E402

TARGETS = {"docx": 1.5, "pdf": 1.2}
"""Largest acceptable ratio of plankit's time to the floor's, per format."""
VALIDATE_TARGET = 0.5
"""Seconds: ``plankit validate EXAMPLE`` as a whole process."""
MOU_EXAMPLE = "mou-data-sharing.yaml"
"""The input the batch benchmark copies (any other example if it is missing or broken)."""


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


# --------------------------------------------------------------------------- inputs


def available_formats() -> dict[str, str]:
    """Format -> "" if its renderer loads, else why not (the renderers are still settling)."""
    status = {}
    for fmt in ("docx", "pdf", "md"):
        try:
            get_renderer(fmt)
            status[fmt] = ""
        except Exception as exc:  # noqa: BLE001 - any failure means "skip this format"
            status[fmt] = first_line(exc)
    return status


def working_examples(library) -> tuple[list[Path], dict[str, str]]:
    """Examples that compose without error, largest file first, and the ones that fail."""
    good, bad = [], {}
    candidates = [p for p in EXAMPLES_DIR.glob("*") if p.suffix in (".yaml", ".yml", ".json")]
    for path in sorted(candidates, key=lambda p: (-p.stat().st_size, p.name)):
        try:
            api.draft(path, library)
            good.append(path)
        except Exception as exc:  # noqa: BLE001
            bad[path.name] = first_line(exc)
    return good, bad


def page_count(pdf: bytes) -> int:
    try:
        import pypdf
    except ImportError:  # pypdf is a test extra; fall back to counting page objects
        return len(re.findall(rb"/Type\s*/Page\b", pdf))
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


# --------------------------------------------------------------------------- render speed


def bench_render(fmts: dict[str, str], example: Path | None, library, runs: int) -> list[dict]:
    """plankit vs. the floor for the synthetic MOU and the largest example, DOCX and PDF."""
    rows: list[dict] = []
    mou = synthetic.mou_document()
    cases: list[tuple[str, Any, Path | None]] = [("synthetic MOU", mou, None)]
    if example is not None:
        cases.append((f"{example.name} (draft+render)", api.draft(example, library).document,
                      example))

    for fmt in ("docx", "pdf"):
        for label, doc, path in cases:
            row: dict[str, Any] = {"format": fmt, "case": label, "target": TARGETS[fmt]}
            rows.append(row)
            if fmts[fmt]:
                row["skipped"] = f"{fmt} renderer not available ({fmts[fmt]})"
                continue
            progress(f"{fmt.upper()} {label}: {runs} rounds")

            def plankit(doc=doc, path=path, fmt=fmt) -> bytes:
                if path is not None:  # compose included, as a user's build would
                    doc = api.draft(path, library).document
                return api.render(doc, fmt)

            fns: dict[str, Callable[[], Any]] = {"plankit": plankit}
            try:
                if fmt == "docx":
                    content = floor.docx_content(doc)  # extraction is not part of the floor
                    fns["floor"] = lambda content=content: floor.docx_floor(content)
                    if path is not None:  # compose vs. render split
                        fns["render only"] = lambda doc=doc: api.render(doc, "docx")
                else:
                    inputs = floor.pdf_inputs(doc)  # so is making plankit's HTML and CSS
                    fns["floor"] = lambda inputs=inputs: floor.pdf_floor(inputs)
                    fns["floor + plankit's options"] = (
                        lambda inputs=inputs: floor.pdf_floor(inputs, **inputs.plankit_options))
                times = rounds(fns, runs)
            except Exception as exc:  # noqa: BLE001 - report and carry on with the rest
                row["skipped"] = f"failed: {first_line(exc)}"
                continue
            row["seconds"] = {name: med(t) for name, t in times.items()}
            row["all_seconds"] = times
            row["ratio"] = ratio(times["plankit"], times["floor"])
            row["ratio_range"] = spread(times["plankit"], times["floor"])
            row["pass"] = row["ratio"] <= row["target"]
            if "render only" in times:
                row["compose_share"] = 1 - med(times["render only"]) / med(times["plankit"])
            if "floor + plankit's options" in times:
                row["options_ratio"] = ratio(times["floor + plankit's options"], times["floor"])
                row["plankit_vs_same_options"] = ratio(times["plankit"],
                                                       times["floor + plankit's options"])
            if fmt == "pdf":
                row["pages"] = page_count(plankit())
    return rows


# --------------------------------------------------------------------------- start-up


def plankit_command() -> list[str]:
    """The installed ``plankit`` script next to this interpreter, else ``python -m plankit``."""
    script = Path(sys.executable).parent / "plankit"
    if script.exists():
        return [str(script)]
    found = shutil.which("plankit")
    return [found] if found else [sys.executable, "-m", "plankit"]


def run_quiet(cmd: list[str]) -> None:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)


def largest_imports(example: Path, top: int = 8) -> dict:
    """Where ``plankit validate`` spends its import time (``python -X importtime``).

    Returns the total import time and the largest packages by cumulative time, wherever
    they are first imported (so a package imported by another is listed in both).
    """
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "plankit", "validate",
                           str(example)], capture_output=True, text=True)
    total, packages = 0.0, []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        seconds, depth, name = int(m.group(1)) / 1e6, len(m.group(2)), m.group(3)
        if depth <= 1:  # top level: these add up to the whole import time
            total += seconds
        if "." not in name and not name.startswith(("_", "plankit")):
            packages.append((name, seconds))
    return {"total_seconds": total,
            "packages": sorted(packages, key=lambda x: -x[1])[:top]}


def bench_startup(example: Path | None, runs: int, tmp: Path) -> dict:
    """Whole processes, against ``python -c pass`` run in the same rounds."""
    base = [sys.executable, "-c", "pass"]
    exe = plankit_command()
    cmds = {"python -c pass": base, "plankit --help": exe + ["--help"]}
    if example is not None:
        cmds[f"plankit validate {example.name}"] = exe + ["validate", str(example)]
        cmds[f"plankit build {example.name} -f md"] = exe + [
            "build", str(example), "-f", "md", "-o", str(tmp / "startup-out"), "--force"]
    failed = {}
    for name, cmd in list(cmds.items()):  # a command that fails is reported, not timed
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            failed[name] = (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]
            del cmds[name]
    progress(f"start-up: {len(cmds)} commands, {runs} rounds")
    times = rounds({name: (lambda cmd=cmd: run_quiet(cmd)) for name, cmd in cmds.items()}, runs)
    rows = []
    for name, t in times.items():
        row = {"command": name, "seconds": med(t), "all_seconds": t,
               "ratio": ratio(t, times["python -c pass"])}
        if name.startswith("plankit validate"):
            row["target"] = VALIDATE_TARGET
            row["pass"] = row["seconds"] < VALIDATE_TARGET
        rows.append(row)
    imports = largest_imports(example) if example is not None else {}
    return {"rows": rows, "failed": failed, "command": exe, "largest_imports": imports}


# --------------------------------------------------------------------------- scaling


def bench_scaling(fmts: dict[str, str], sizes: dict[str, list[int]]) -> list[dict]:
    """One fresh process per format and size: time, peak RSS and RSS growth."""
    rows = []
    for fmt in ("docx", "pdf"):
        if fmts[fmt]:
            rows.append({"format": fmt, "skipped": f"{fmt} renderer not available"})
            continue
        for n in sizes[fmt]:
            progress(f"scaling: {fmt.upper()} {n} sections")
            cmd = [sys.executable, str(BENCH_DIR / "worker.py"), "scale", fmt, str(n), "--floor"]
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                rows.append({"format": fmt, "sections": n,
                             "skipped": "failed: " + (proc.stderr.strip().splitlines()
                                                      or ["?"])[-1]})
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row["ms_per_section"] = row["seconds"] / n * 1000
            if "floor_seconds" in row:
                row["ratio"] = row["seconds"] / row["floor_seconds"]
            rows.append(row)
    return rows


# --------------------------------------------------------------------------- batch


def pick_batch_input(examples: list[Path], formats: str, library,
                     tmp: Path) -> tuple[Path | None, dict[str, str]]:
    """The MOU example if one test build of it works, else the smallest example that does.

    Returns the input and, for each example tried and refused, the error its build raised.
    """
    order = sorted(examples, key=lambda p: (p.name != MOU_EXAMPLE, p.stat().st_size, p.name))
    failed = {}
    for path in order:
        try:
            api.build([path], tmp / "batch-trial" / path.stem, formats, force=True,
                      library=library, report=False)
            return path, failed
        except Exception as exc:  # noqa: BLE001 - note it and try the next example
            failed[path.name] = first_line(exc)
    return None, failed


def bench_batch(source: Path, count: int, formats: str, tmp: Path) -> dict:
    """``count`` builds of copies of ``source``, on a pool of 1 and then 2 worker processes.

    Workers are started with ``spawn``, so each pays its own imports as a fresh command
    would; each worker loads the clause library once, as one ``plankit build`` run does.
    """
    inputs = tmp / "batch-in"
    inputs.mkdir()
    text = source.read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        path = inputs / f"{source.stem}-{i:03d}{source.suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    result: dict[str, Any] = {"input": source.name, "builds": count, "formats": formats,
                              "runs": []}
    for workers in (1, 2):
        progress(f"batch: {count} builds of {source.name} ({formats}), {workers} worker(s)")
        out = tmp / f"batch-out-{workers}"
        cpu_before = _children_cpu()
        start = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"),
                                 initializer=worker.init_batch) as pool:
            written = sum(pool.map(worker.build_one, paths,
                                   [str(out / Path(p).stem) for p in paths],
                                   [formats] * count, chunksize=max(1, count // 20)))
        seconds = time.perf_counter() - start
        cores = (_children_cpu() - cpu_before) / seconds  # workers are reaped by now
        result["runs"].append({"workers": workers, "seconds": seconds, "files": written,
                               "builds_per_second": count / seconds, "cores_used": cores})
    one, two = result["runs"][0]["seconds"], result["runs"][1]["seconds"]
    result["speedup"] = one / two
    result["machine_busy"] = result["runs"][1]["cores_used"] < 1.5
    return result


def _children_cpu() -> float:
    """CPU seconds used so far by this process's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# --------------------------------------------------------------------------- peers


def bench_peers(fmts: dict[str, str], example: Path | None, library, runs: int,
                tmp: Path) -> list[dict]:
    """Other ways to get a DOCX: pandoc from plankit's Markdown; docxtpl from a template."""
    rows = []
    pandoc = shutil.which("pandoc")
    if not pandoc:
        rows.append({"peer": "pandoc", "skipped": "pandoc not on PATH"})
    elif example is None or fmts["docx"] or fmts["md"]:
        rows.append({"peer": "pandoc", "skipped": "needs a working example, DOCX and Markdown"})
    else:
        version = subprocess.run([pandoc, "--version"], capture_output=True,
                                 text=True).stdout.split("\n")[0]
        md = tmp / f"{example.stem}.md"
        md.write_bytes(api.render(api.draft(example, library).document, "md"))
        progress(f"peers: pandoc vs plankit, {runs} rounds")
        cmds = {
            "plankit build -f docx": plankit_command() + [
                "build", str(example), "-f", "docx", "-o", str(tmp / "peer-out"), "--force"],
            "pandoc md -> docx": [pandoc, str(md), "-o", str(tmp / "pandoc.docx")],
        }
        try:
            times = rounds({k: (lambda c=c: run_quiet(c)) for k, c in cmds.items()}, runs)
            rows.append({"peer": "pandoc", "version": version,
                         "what": f"{example.name}: whole processes, plankit from YAML, pandoc "
                                 "from plankit's Markdown",
                         "seconds": {k: med(v) for k, v in times.items()},
                         "ratio": ratio(times["plankit build -f docx"],
                                        times["pandoc md -> docx"])})
        except subprocess.CalledProcessError as exc:
            rows.append({"peer": "pandoc", "skipped": f"failed: {exc}"})
    rows.append(bench_docxtpl(fmts, runs))
    return rows


def bench_docxtpl(fmts: dict[str, str], runs: int) -> dict:
    """docxtpl (Jinja in a Word template) filling the synthetic MOU's headings and paragraphs."""
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        return {"peer": "docxtpl", "skipped": "docxtpl not installed"}
    if fmts["docx"]:
        return {"peer": "docxtpl", "skipped": "plankit's DOCX renderer not available"}
    import docx

    # A template with one loop over sections and one over their paragraphs, made in memory.
    template = docx.Document()
    template.add_heading("{{ title }}", 0)
    template.add_paragraph("{%p for s in sections %}")
    template.add_heading("{{ s.heading }}", 1)
    template.add_paragraph("{%p for p in s.paragraphs %}")
    template.add_paragraph("{{ p }}")
    template.add_paragraph("{%p endfor %}")
    template.add_paragraph("{%p endfor %}")
    buf = io.BytesIO()
    template.save(buf)
    template_bytes = buf.getvalue()

    doc = synthetic.mou_document()
    content = floor.docx_content(doc)
    sections: list[dict] = []
    for op in content.ops:  # headings and paragraph text only: docxtpl's simple case
        if op[0] == "heading":
            sections.append({"heading": op[1], "paragraphs": []})
        elif op[0] == "para" and sections:
            sections[-1]["paragraphs"].append("".join(text for text, _, _ in op[1]))
    context = {"title": doc.title, "sections": sections}

    def fill() -> bytes:
        tpl = DocxTemplate(io.BytesIO(template_bytes))
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    filled = docx.Document(io.BytesIO(fill()))  # check the loops really ran
    expected = 1 + len(sections) + sum(len(s["paragraphs"]) for s in sections)
    if len(filled.paragraphs) < expected:
        return {"peer": "docxtpl", "skipped": f"template filled {len(filled.paragraphs)} "
                                              f"paragraphs, expected {expected}"}
    progress(f"peers: docxtpl vs plankit, {runs} rounds")
    times = rounds({"plankit": lambda: api.render(doc, "docx"), "docxtpl": fill}, runs)
    return {"peer": "docxtpl", "version": metadata.version("docxtpl"),
            "what": "synthetic MOU: plankit's full DOCX vs docxtpl filling headings and "
                    "paragraph text (no tables, lists or signatures)",
            "seconds": {k: med(v) for k, v in times.items()},
            "ratio": ratio(times["plankit"], times["docxtpl"])}


# --------------------------------------------------------------------------- callgrind


def _callgrind_total(out_file: Path) -> int:
    """Instructions from a callgrind output file (its ``summary:`` or ``totals:`` line)."""
    for line in out_file.read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise ValueError(f"no totals in {out_file.name}")


def bench_callgrind(fmts: dict[str, str], tmp: Path) -> dict:
    """Instructions for one DOCX render of the synthetic MOU, plankit vs. the floor.

    Each figure is (setup + render) - (setup), two processes under callgrind, so Python's
    start-up and imports cancel out. Hash randomisation is fixed so the counts repeat.
    """
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return {"skipped": "valgrind not on PATH"}
    if fmts["docx"]:
        return {"skipped": "DOCX renderer not available"}
    env = dict(os.environ, PYTHONHASHSEED="0")
    counts: dict[str, dict[str, int]] = {}
    for which in ("plankit", "floor"):
        counts[which] = {}
        for stage in ("setup", "render"):
            progress(f"callgrind: {which} {stage} (slow)")
            out = tmp / f"callgrind.{which}.{stage}"
            subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={out}",
                            sys.executable, str(BENCH_DIR / "worker.py"), "count", which, stage],
                           env=env, check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            counts[which][stage] = _callgrind_total(out)
    plankit = counts["plankit"]["render"] - counts["plankit"]["setup"]
    floor_ = counts["floor"]["render"] - counts["floor"]["setup"]
    return {"counts": counts, "plankit": plankit, "floor": floor_, "ratio": plankit / floor_,
            "target": TARGETS["docx"], "pass": plankit / floor_ <= TARGETS["docx"]}


# --------------------------------------------------------------------------- profile


def profile_docx(top: int = 15) -> dict:
    """cProfile of three DOCX renders of the synthetic MOU, after a warm-up render."""
    doc = synthetic.mou_document()
    api.render(doc, "docx")
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(3):
        api.render(doc, "docx")
    prof.disable()
    stats = pstats.Stats(prof)
    total = stats.total_tt  # type: ignore[attr-defined]
    # {(file, line, function): (primitive calls, calls, own time, cumulative time, callers)}
    table_ = stats.stats  # type: ignore[attr-defined]

    def rows(key: int) -> list[dict]:
        """The ``top`` entries by own time (key 2) or cumulative time (key 3)."""
        entries = sorted(table_.items(), key=lambda kv: -kv[1][key])
        out = []
        for (file, line, func), (_, nc, tt, ct, _) in entries[:top]:
            where = f"{Path(file).name}:{line}" if line else file
            out.append({"function": f"{func} ({where})", "calls": nc, "tottime": tt,
                        "cumtime": ct, "share": (tt if key == 2 else ct) / total})
        return out

    return {"total_seconds": total, "by_tottime": rows(2), "by_cumtime": rows(3)}


# --------------------------------------------------------------------------- report


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "MISS")


def table(headers: list[str], rows: list[list[str]], indent: str = "  ") -> str:
    """A plain text table: first column left-aligned, the others right-aligned."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    lines = []
    for i, row in enumerate([headers] + rows):
        cells = [str(c).ljust(w) if j == 0 else str(c).rjust(w)
                 for j, (c, w) in enumerate(zip(row, widths))]
        lines.append(indent + "  ".join(cells).rstrip())
        if i == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: dict) -> str:
    meta = results["meta"]
    out = [f"plankit {meta['plankit']} benchmark: {meta['cpus']} CPUs, Python {meta['python']}, "
           f"python-docx {meta['python-docx']}, WeasyPrint {meta['weasyprint']}; "
           f"{meta['runs']} rounds per measurement{' (quick)' if meta['quick'] else ''}", ""]

    out.append("Render speed: ratio = median over rounds of plankit time / floor time")
    rows = []
    for r in results["render"]:
        name = f"{r['format'].upper()} {r['case']}"
        if "skipped" in r:
            rows.append([name, "-", "-", "-", f"<= {r['target']}x", "skipped"])
            continue
        lo, hi = r["ratio_range"]
        rows.append([name, fmt_s(r["seconds"]["plankit"]), fmt_s(r["seconds"]["floor"]),
                     f"{r['ratio']:.2f}x ({lo:.2f}-{hi:.2f})", f"<= {r['target']}x",
                     verdict(r["pass"])])
    out.append(table(["case", "plankit", "floor", "ratio (range)", "target", "result"], rows))
    for r in results["render"]:
        if "skipped" in r:
            out.append(f"  {r['format'].upper()} {r['case']}: skipped: {r['skipped']}")
        if "pages" in r:
            out.append(f"  {r['format'].upper()} {r['case']}: {r['pages']} pages; WeasyPrint "
                       f"with plankit's write_pdf options (PDF/UA tags, presentational hints) "
                       f"= {r['options_ratio']:.2f}x the raw floor, so plankit's own code "
                       f"costs {r['plankit_vs_same_options']:.2f}x that")
        if "compose_share" in r:
            out.append(f"  {r['format'].upper()} {r['case']}: render alone "
                       f"{fmt_s(r['seconds']['render only'])}; compose (draft) is "
                       f"{r['compose_share']:.0%} of plankit's time")
    out.append("")

    st = results["startup"]
    shown = " ".join(os.path.relpath(c) if os.path.isabs(c) else c for c in st["command"])
    out.append(f"Start-up: whole processes (plankit = {shown}), median time and ratio to "
               "python -c pass")
    rows = [[r["command"], fmt_s(r["seconds"]), f"{r['ratio']:.1f}x",
             f"< {r['target']} s" if "target" in r else "", verdict(r.get("pass"))]
            for r in st["rows"]]
    out.append(table(["command", "time", "vs python", "target", "result"], rows))
    for name, why in st["failed"].items():
        out.append(f"  {name}: failed: {why}")
    imports = st["largest_imports"]
    if imports:
        out.append(f"  plankit validate spends {imports['total_seconds'] * 1000:.0f} ms importing;"
                   " largest packages: " + ", ".join(
                       f"{name} {secs * 1000:.0f} ms" for name, secs in imports["packages"]))
    out.append("")

    out.append("Scaling: synthetic documents, one process per size")
    rows = []
    for r in results["scaling"]:
        if "skipped" in r:
            rows.append([r["format"].upper() + (f" {r['sections']}" if "sections" in r else ""),
                         r["skipped"], "", "", "", "", ""])
            continue
        rows.append([f"{r['format'].upper()} {r['sections']}", fmt_s(r["seconds"]),
                     f"{r['ms_per_section']:.2f}", f"{r['peak_rss'] / 2**20:.0f}",
                     f"{r['rss_growth'] / 2**20:.0f}", f"{r['bytes'] / 1024:.0f}",
                     f"{r['ratio']:.2f}x" if "ratio" in r else ""])
    out.append(table(["format, sections", "time", "ms/section", "peak RSS MiB",
                      "RSS growth MiB", "output KiB", "vs floor"], rows))
    out.append("")

    b = results["batch"]
    if "skipped" in b:
        out.append(f"Batch: skipped: {b['skipped']}")
    else:
        out.append(f"Batch: {b['builds']} builds of {b['input']} as {b['formats']}, "
                   "spawned process pool")
        rows = [[str(r["workers"]), fmt_s(r["seconds"]), f"{r['builds_per_second']:.1f}",
                 f"{r['cores_used']:.2f}", str(r["files"])] for r in b["runs"]]
        out.append(table(["workers", "time", "builds/s", "CPUs used", "files"], rows))
        out.append(f"  speed-up with 2 workers: {b['speedup']:.2f}x")
        if b["machine_busy"]:
            out.append("  the 2 workers got less than 1.5 CPUs between them: other work was "
                       "running on the machine, so an idle machine would show a larger speed-up")
        if "note" in b:
            out.append(f"  {b['note']}")
    for name, why in b.get("failed_inputs", {}).items():
        out.append(f"  {name} left out of the batch, its build fails: {why}")
    out.append("")

    out.append("Peers")
    for p in results["peers"]:
        if "skipped" in p:
            out.append(f"  {p['peer']}: skipped: {p['skipped']}")
        else:
            times = ", ".join(f"{k} {fmt_s(v)}" for k, v in p["seconds"].items())
            out.append(f"  {p['peer']} ({p['version']}): {p['what']}: {times}; "
                       f"plankit / {p['peer']} = {p['ratio']:.2f}x")
    out.append("")

    cg = results.get("callgrind")
    if cg is not None:
        if "skipped" in cg:
            out.append(f"Instructions (callgrind): skipped: {cg['skipped']}")
        else:
            out.append("Instructions (callgrind), one DOCX render of the synthetic MOU: "
                       f"plankit {cg['plankit'] / 1e6:.0f} M, floor {cg['floor'] / 1e6:.0f} M, "
                       f"ratio {cg['ratio']:.2f}x (target <= {cg['target']}x: "
                       f"{verdict(cg['pass'])}); this ratio does not drift with machine load")
        out.append("")

    prof = results.get("profile")
    if prof is not None:
        if "skipped" in prof:
            out.append(f"Profile: skipped: {prof['skipped']}")
        else:
            out.append(f"Profile: 3 DOCX renders of the synthetic MOU under cProfile, "
                       f"{prof['total_seconds']:.2f} s; top functions by own time")
            rows = [[e["function"], str(e["calls"]), f"{e['tottime']:.3f}", f"{e['share']:.0%}"]
                    for e in prof["by_tottime"]]
            out.append(table(["function", "calls", "own s", "share"], rows))
            out.append("  top by cumulative time")
            rows = [[e["function"], str(e["calls"]), f"{e['cumtime']:.3f}", f"{e['share']:.0%}"]
                    for e in prof["by_cumtime"]]
            out.append(table(["function", "calls", "cum s", "share"], rows))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- main


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: fewer rounds, smaller sizes, a 20-file batch")
    parser.add_argument("--runs", type=int, default=None,
                        help="rounds per measurement (default 5, or 3 with --quick)")
    parser.add_argument("--batch", type=int, default=None,
                        help="files in the batch benchmark (default 100, or 20 with --quick)")
    parser.add_argument("--batch-pdf", action="store_true", help="add PDF to the batch builds")
    parser.add_argument("--callgrind", action="store_true",
                        help="count instructions of the DOCX render under valgrind (slow)")
    parser.add_argument("--profile", action="store_true",
                        help="print cProfile's top costs of a DOCX render")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results JSON file")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    batch_count = args.batch or (20 if args.quick else 100)
    sizes = {"docx": [10, 100] if args.quick else [10, 100, 1000],
             "pdf": [10, 100] if args.quick else [10, 100, 1000]}

    worker.quiet_plankit()
    started = time.perf_counter()
    fmts = available_formats()
    library = load_library(())
    examples, broken = working_examples(library)
    example = examples[0] if examples else None
    import plankit

    results: dict[str, Any] = {"meta": {
        "plankit": plankit.__version__, "python": platform.python_version(),
        "platform": platform.platform(), "cpus": os.cpu_count(),
        "python-docx": version_of("python-docx"), "weasyprint": version_of("weasyprint"),
        "runs": runs, "quick": args.quick, "formats_unavailable": {k: v for k, v in fmts.items()
                                                                  if v},
        "example": example.name if example else None, "examples_failing": broken,
    }}
    for name, why in broken.items():
        progress(f"example {name} does not compose, left out: {why}")

    with tempfile.TemporaryDirectory(prefix="plankit-bench-") as tmp_name:
        tmp = Path(tmp_name)
        results["render"] = bench_render(fmts, example, library, runs)
        results["startup"] = bench_startup(example, runs, tmp)
        results["scaling"] = bench_scaling(fmts, sizes)

        batch_formats = [f for f in ("docx", "md") if not fmts[f]]
        if args.batch_pdf and not fmts["pdf"]:
            batch_formats.append("pdf")
        source, refused = pick_batch_input(examples, ",".join(batch_formats), library, tmp)
        for name, why in refused.items():
            progress(f"batch: {name} does not build, left out: {why}")
        if source is None or not batch_formats:
            results["batch"] = {"skipped": "no example builds in " + ",".join(batch_formats),
                                "failed_inputs": refused}
        else:
            results["batch"] = bench_batch(source, batch_count, ",".join(batch_formats), tmp)
            results["batch"]["failed_inputs"] = refused
            if fmts["docx"]:
                results["batch"]["note"] = "DOCX renderer not available; built Markdown only"

        results["peers"] = bench_peers(fmts, example, library, runs, tmp)
        if args.callgrind:
            results["callgrind"] = bench_callgrind(fmts, tmp)
    if args.profile:
        results["profile"] = (profile_docx() if not fmts["docx"]
                              else {"skipped": "DOCX renderer not available"})

    results["meta"]["wall_seconds"] = time.perf_counter() - started
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(report(results), end="")
    print(f"\n({results['meta']['wall_seconds']:.0f} s; results written to "
          f"{os.path.relpath(args.output)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
