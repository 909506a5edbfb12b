"""plankit benchmarks: speed as ratios against floors measured in the same run.

    python bench/run.py                # full run (under five minutes on two cores)
    python bench/run.py --quick        # smoke run (about a minute, no instruction counts)
    python bench/run.py --runs 9       # more rounds per measurement (default 5, quick 3)
    python bench/run.py --no-callgrind # skip the instruction counts (the slowest part)
    python bench/run.py --profile      # also print cProfile's top costs of a DOCX render
    python bench/run.py --batch-pdf    # include PDF in the batch builds

Timings on a shared machine drift by more than the differences worth knowing about, so no
figure here is compared with a fixed time except one: ``plankit validate`` as a whole process,
which is what a person waits for. Everything else is a ratio against a floor, the same output
made with the underlying library alone (bench/floor.py), measured in rounds interleaved with
plankit (A B A B ...) so that both see the same machine. The figure reported is the median of
the per-round ratios; medians of the absolute times are printed beside it. The DOCX and PDF
ratios are also given as instruction counts under ``valgrind --tool=callgrind``, which do not
move with the machine's load.

The two PDF engines are also measured against each other (bench/engines.py): the Typst
engine at least 10x as fast as WeasyPrint whole-render for the 20-page and ~200-page
synthetic documents, 1,000 sections in under 2 s with a peak under 300 MiB, and a batch of
PDF MOUs on two workers with each engine.

Targets: DOCX <= 1.3x the raw python-docx floor; PDF <= 1.1x the raw WeasyPrint floor;
``plankit validate EXAMPLE`` under 0.3 s and within 0.2 s of ``python -c "import pydantic,
yaml, jinja2"``; the 200-page synthetic document built in at most 11x the time of the 20-page
one, with a peak under 500 MB; two batch workers at least 1.8x as fast as one; comparing two
200-page documents (``plankit compare``, bench/compare.py) in less time than rendering one of
them to DOCX. Results are printed as a table and written to bench/results.json.
"""

from __future__ import annotations

import argparse
import cProfile
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

import compare as compare_bench  # noqa: E402
import engines  # noqa: E402
import floor  # noqa: E402
import synthetic  # noqa: E402
import worker  # noqa: E402
from timing import first_line, med, progress, ratio, rounds, spread  # noqa: E402

from plankit import api  # noqa: E402
from plankit.inputs.batch import is_batch_file  # noqa: E402
from plankit.library import load_library  # noqa: E402
from plankit.render import get_renderer  # noqa: E402

TARGETS = {"docx": 1.3, "pdf": 1.1}
"""Largest acceptable ratio of plankit's time to the floor's, per format."""
VALIDATE_TARGET = 0.3
"""Seconds: ``plankit validate EXAMPLE`` as a whole process."""
VALIDATE_MARGIN = 0.2
"""Seconds ``plankit validate EXAMPLE`` may take beyond importing its main libraries."""
IMPORTS_COMMAND = "import pydantic, yaml, jinja2"
"""What ``plankit validate`` is compared with: a Python that only imports those libraries."""
LONG_COPIES = 10
"""The long synthetic document: the 20-page MOU's sections this many times (~200 pages)."""
LONG_TIME_TARGET = 11.0
"""Largest acceptable ratio of the long document's build time to the 20-page one's."""
LONG_MEMORY_TARGET = 500 * 2**20
"""Bytes: largest acceptable peak resident memory while building the long document."""
MOU_EXAMPLE = "mou-data-sharing.yaml"
"""The input the batch benchmark copies (any other example if it is missing or broken)."""
BATCH_EXAMPLE = "mou-local-boards-batch.yaml"
"""The batch input (one MOU per row) whose build is timed with one and with two workers."""


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
            if is_batch_file(path):  # one document per row: timed by bench_batch_rows
                continue
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
    """Whole processes, against ``python -c pass`` run in the same rounds.

    ``plankit validate`` is also compared with a Python that only imports pydantic, PyYAML
    and Jinja2 (the floor of any validating command written in Python with them): the
    margin is the median over rounds of the difference between the two.
    """
    base = [sys.executable, "-c", "pass"]
    exe = plankit_command()
    imports_name = f'python -c "{IMPORTS_COMMAND}"'
    cmds = {"python -c pass": base, imports_name: [sys.executable, "-c", IMPORTS_COMMAND],
            "plankit --help": exe + ["--help"]}
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
            row["margin_target"] = VALIDATE_MARGIN
            if imports_name in times:
                row["margin"] = statistics.median(
                    a - b for a, b in zip(t, times[imports_name]))
            row["pass"] = (row["seconds"] < VALIDATE_TARGET
                           and row.get("margin", 0.0) <= VALIDATE_MARGIN)
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
            previous = rows[-1] if rows and rows[-1].get("format") == fmt else None
            if previous is not None and "seconds" in previous:  # linear: time grows as size
                row["size_growth"] = n / previous["sections"]
                row["time_growth"] = row["seconds"] / previous["seconds"]
            rows.append(row)
    return rows


def _worker_json(*args: str) -> dict:
    """Run one bench/worker.py job in a fresh process and return its JSON result."""
    proc = subprocess.run([sys.executable, str(BENCH_DIR / "worker.py"), *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["?"])[-1])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_long(fmts: dict[str, str], runs: int) -> list[dict]:
    """The 20-page synthetic MOU and the same repeated to ~200 pages, built in fresh
    processes in interleaved rounds: the time ratio (median over rounds) and the long
    document's peak resident memory (the highest of the rounds)."""
    rows = []
    for fmt in ("docx", "pdf"):
        if fmts[fmt]:
            rows.append({"format": fmt, "skipped": f"{fmt} renderer not available"})
            continue
        n = runs if fmt == "docx" else min(runs, 3)
        progress(f"long document: {fmt.upper()} 20 vs ~200 pages, {n} rounds")
        short: list[dict] = []
        long_: list[dict] = []
        try:
            for i in range(n):
                pair = [("short", 1), ("long", LONG_COPIES)]
                for which, copies in (pair if i % 2 == 0 else pair[::-1]):
                    (short if which == "short" else long_).append(
                        _worker_json("long", fmt, str(copies)))
        except (RuntimeError, ValueError) as exc:
            rows.append({"format": fmt, "skipped": f"failed: {first_line(exc)}"})
            continue
        ratios = [b["seconds"] / a["seconds"] for a, b in zip(short, long_)]
        peak = max(r["peak_rss"] for r in long_)
        row = {"format": fmt, "copies": LONG_COPIES,
               "seconds": {"short": med([r["seconds"] for r in short]),
                           "long": med([r["seconds"] for r in long_])},
               "ratio": statistics.median(ratios), "ratio_range": [min(ratios), max(ratios)],
               "peak_rss": peak, "short_peak_rss": max(r["peak_rss"] for r in short),
               "time_target": LONG_TIME_TARGET, "memory_target": LONG_MEMORY_TARGET}
        if "pages" in long_[0]:
            row["pages"] = {"short": short[0].get("pages"), "long": long_[0].get("pages")}
        row["pass"] = row["ratio"] <= LONG_TIME_TARGET and peak < LONG_MEMORY_TARGET
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


def bench_batch_rows(formats: str, library, runs: int, tmp: Path) -> dict:
    """The batch example (one input, one MOU per row) built with ``--jobs 1`` and
    ``--jobs 2``, in interleaved rounds as everything else here; the speed-up is the median
    of the per-round ratios. Each build starts its own worker processes, as a user's does.
    """
    source = EXAMPLES_DIR / BATCH_EXAMPLE
    if not source.exists():
        return {"skipped": f"{BATCH_EXAMPLE} not found"}
    from contextlib import redirect_stdout

    from plankit.inputs.batch import read_batch
    from plankit.inputs import load

    rows = len(read_batch(load(source)).rows)
    cpu: dict[int, list[float]] = {1: [], 2: []}

    def build(jobs: int) -> None:
        before = _children_cpu()
        start = time.perf_counter()
        with redirect_stdout(io.StringIO()):  # the batch lists each file it writes
            api.build([source], tmp / f"batch-rows-{jobs}", formats, force=True,
                      library=library, report=False, jobs=jobs)
        if jobs > 1:  # CPU used by the workers per second of wall time
            cpu[jobs].append((_children_cpu() - before) / (time.perf_counter() - start))

    progress(f"batch rows: {source.name} ({rows} rows, {formats}), 1 vs 2 workers, "
             f"{runs} rounds")
    try:
        times = rounds({"1 worker": lambda: build(1), "2 workers": lambda: build(2)}, runs)
    except Exception as exc:  # noqa: BLE001 - report and carry on with the rest
        return {"input": source.name, "skipped": f"failed: {first_line(exc)}"}
    cores = med(cpu[2]) if cpu[2] else 0.0
    return {"input": source.name, "rows": rows, "formats": formats,
            "seconds": {name: med(t) for name, t in times.items()}, "all_seconds": times,
            "speedup": ratio(times["1 worker"], times["2 workers"]),
            "speedup_range": spread(times["1 worker"], times["2 workers"]),
            "cores_used": cores, "machine_busy": cores < 1.5}


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


def _docxtpl_template() -> bytes:
    """A Word template for docxtpl that lays out the floor's content lists: one loop over
    blocks, each a heading (levels 1-3), a paragraph (plain, bulleted or numbered, with bold
    and italic runs as RichText), a table (header row and a row loop) or a signatory."""
    import docx

    template = docx.Document()
    template.add_heading("{{ title }}", 0)
    template.add_paragraph("{%p for line in front %}")
    template.add_paragraph("{{ line }}", style="Subtitle")
    template.add_paragraph("{%p endfor %}")
    template.add_paragraph("{%p for b in blocks %}")
    template.add_paragraph("{%p if b.k == 'h1' %}")
    template.add_heading("{{ b.t }}", 1)
    template.add_paragraph("{%p elif b.k == 'h2' %}")
    template.add_heading("{{ b.t }}", 2)
    template.add_paragraph("{%p elif b.k == 'h3' %}")
    template.add_heading("{{ b.t }}", 3)
    for kind, style in (("p", None), ("bullet", "List Bullet"), ("number", "List Number")):
        template.add_paragraph(f"{{%p elif b.k == '{kind}' %}}")
        template.add_paragraph("{{r b.r }}", style=style)
    template.add_paragraph("{%p elif b.k == 'table' %}")
    table = template.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    for i, cell in enumerate(table.rows[0].cells):
        cell.paragraphs[0].add_run(f"{{{{ b.header[{i}] }}}}").bold = True
    table.rows[1].cells[0].text = "{%tr for row in b.rows %}"
    for i, cell in enumerate(table.rows[2].cells):
        cell.text = f"{{{{ row[{i}] }}}}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    template.add_paragraph("{%p elif b.k == 'sig' %}")
    template.add_paragraph().add_run("{{ b.party }}").bold = True
    for line in ("By: {{ blank }}", "Name: {{ b.name or blank }}",
                 "Title: {{ b.title or blank }}", "Date: {{ blank }}"):
        template.add_paragraph(line)
    template.add_paragraph("{%p endif %}")
    template.add_paragraph("{%p endfor %}")
    buf = io.BytesIO()
    template.save(buf)
    return buf.getvalue()


def _docxtpl_context(content: "floor.DocxContent") -> dict:
    """The floor's content lists as docxtpl's context (built once, not timed, like the
    floor's own content)."""
    from docxtpl import RichText

    blocks: list[dict] = []
    kinds = {None: "p", "List Bullet": "bullet", "List Number": "number"}
    for op in content.ops:
        if op[0] == "heading":
            blocks.append({"k": f"h{min(op[2], 3)}", "t": op[1]})
        elif op[0] == "para":
            rich = RichText()
            for text, bold, italic in op[1]:
                rich.add(text, bold=bold, italic=italic)
            blocks.append({"k": kinds.get(op[2], "p"), "r": rich})
        elif op[0] == "table":
            width = len(op[1])
            pad = [""] * max(0, 4 - width)
            blocks.append({"k": "table", "header": list(op[1][:4]) + pad,
                           "rows": [list(r[:4]) + [""] * max(0, 4 - len(r)) for r in op[2]]})
        elif op[0] == "sig":
            blocks.append({"k": "sig", "party": op[1], "name": op[2], "title": op[3]})
    return {"title": content.title, "front": content.front, "blocks": blocks,
            "blank": "_" * 32}


def bench_docxtpl(fmts: dict[str, str], runs: int) -> dict:
    """docxtpl (Jinja in a Word template) filling in the synthetic MOU: headings, paragraphs
    with bold and italic runs, lists, both tables and the signatures."""
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        return {"peer": "docxtpl", "skipped": "docxtpl not installed (it is in the bench "
                                              "extra: pip install -e '.[bench]')"}
    if fmts["docx"]:
        return {"peer": "docxtpl", "skipped": "plankit's DOCX renderer not available"}
    import docx

    template_bytes = _docxtpl_template()
    doc = synthetic.mou_document()
    content = floor.docx_content(doc)
    context = _docxtpl_context(content)

    def fill() -> bytes:
        tpl = DocxTemplate(io.BytesIO(template_bytes))
        tpl.render(context)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    try:
        filled = docx.Document(io.BytesIO(fill()))  # check the loops really ran
    except Exception as exc:  # noqa: BLE001 - report and carry on with the rest
        return {"peer": "docxtpl", "skipped": f"failed: {first_line(exc)}"}
    tables = sum(1 for op in content.ops if op[0] == "table")
    expected = sum(1 for op in content.ops if op[0] in ("heading", "para"))
    if len(filled.paragraphs) < expected or len(filled.tables) != tables:
        return {"peer": "docxtpl", "skipped": f"template filled {len(filled.paragraphs)} "
                                              f"paragraphs and {len(filled.tables)} tables, "
                                              f"expected {expected} and {tables}"}
    progress(f"peers: docxtpl vs plankit, {runs} rounds")
    times = rounds({"plankit": lambda: api.render(doc, "docx"), "docxtpl": fill}, runs)
    return {"peer": "docxtpl", "version": metadata.version("docxtpl"),
            "what": "synthetic MOU: plankit's DOCX vs docxtpl filling a template with the "
                    "same headings, paragraphs, lists, tables and signatures",
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
    """Instructions for one render of the synthetic MOU, plankit vs. the floor, per format.

    One process per format under callgrind (bench/worker.py ``count``): setup, plankit's
    render and the floor's render each end with ``os.getppid()``, which callgrind is told to
    dump its counts before, so each step's count is in a file of its own and Python's
    start-up and imports are not in the figures. Hash randomisation is fixed so the counts
    repeat. The two formats run side by side, one process per core.
    """
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return {"skipped": "valgrind not on PATH (apt-get install valgrind)"}
    env = dict(os.environ, PYTHONHASHSEED="0")
    procs: dict[str, tuple[subprocess.Popen, Path]] = {}
    result: dict[str, Any] = {}
    for fmt in ("docx", "pdf"):
        if fmts[fmt]:
            result[fmt] = {"skipped": f"{fmt} renderer not available"}
            continue
        out = tmp / f"callgrind.{fmt}"
        progress(f"callgrind: {fmt.upper()} (slow: about {20 if fmt == 'docx' else 150} s)")
        procs[fmt] = (subprocess.Popen(
            [valgrind, "--tool=callgrind", "--dump-before=getppid",
             f"--callgrind-out-file={out}", sys.executable, str(BENCH_DIR / "worker.py"),
             "count", fmt], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True), out)
    for fmt, (proc, out) in procs.items():
        _, err = proc.communicate()
        try:
            if proc.returncode != 0:
                raise RuntimeError((err.strip().splitlines() or ["?"])[-1])
            dumps = sorted(out.parent.glob(out.name + ".*"),
                           key=lambda p: int(p.suffix[1:]))
            if len(dumps) != 3:
                raise RuntimeError(f"expected 3 callgrind dumps, found {len(dumps)}")
            setup, plankit, floor_ = (_callgrind_total(p) for p in dumps)
        except (RuntimeError, ValueError, OSError) as exc:
            result[fmt] = {"skipped": f"failed: {first_line(exc)}"}
            continue
        result[fmt] = {"setup": setup, "plankit": plankit, "floor": floor_,
                       "ratio": plankit / floor_, "target": TARGETS[fmt],
                       "pass": plankit / floor_ <= TARGETS[fmt]}
    return result


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
           f"python-docx {meta['python-docx']}, WeasyPrint {meta['weasyprint']}, "
           f"typst {meta.get('typst', '?')}; "
           f"{meta['runs']} rounds per measurement{' (quick)' if meta['quick'] else ''}"]
    if meta.get("font_subsetting"):
        out.append(f"PDF font subsetting measured: {meta['font_subsetting']}")
    out.append("")

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
             (f"< {r['target']} s" + (f", imports + {r['margin_target']} s"
                                      if "margin_target" in r else ""))
             if "target" in r else "", verdict(r.get("pass"))]
            for r in st["rows"]]
    out.append(table(["command", "time", "vs python", "target", "result"], rows))
    for r in st["rows"]:
        if "margin" in r:
            out.append(f"  {r['command']} takes {fmt_s(r['margin'])} more than "
                       f"python -c \"{IMPORTS_COMMAND}\" (median of per-round differences; "
                       f"target <= {fmt_s(r['margin_target'])})")
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
    growth = [f"{r['format'].upper()} {r['sections'] // round(r['size_growth'])} -> "
              f"{r['sections']}: x{r['time_growth']:.1f} time for x{r['size_growth']:.0f} "
              "sections" for r in results["scaling"] if "time_growth" in r]
    if growth:
        out.append("  growth (linear = the same factor for time as for sections): "
                   + "; ".join(growth))
    out.append("")

    rows = []
    for r in results.get("long", []):
        if "skipped" in r:
            rows.append([r["format"].upper(), "-", "-", "-", "-", "-", r["skipped"]])
            continue
        lo, hi = r["ratio_range"]
        pages = r.get("pages") or {}
        shown = f"{pages.get('short')} / {pages.get('long')}" if pages else "-"
        rows.append([r["format"].upper(), shown, fmt_s(r["seconds"]["short"]),
                     fmt_s(r["seconds"]["long"]), f"{r['ratio']:.2f}x ({lo:.2f}-{hi:.2f})",
                     f"{r['peak_rss'] / 2**20:.0f}", verdict(r["pass"])])
    if rows:
        out.append(f"Long document: the synthetic MOU (about 20 pages) and its sections "
                   f"{LONG_COPIES} times over (about 200 pages), fresh processes, interleaved; "
                   f"targets: at most {LONG_TIME_TARGET:g}x the time, peak under "
                   f"{LONG_MEMORY_TARGET // 2**20} MiB")
        out.append(table(["format", "pages", "20 pages", "200 pages", "ratio (range)",
                          "peak RSS MiB", "result"], rows))
        out.append("")
    if "compare" in results:
        out += [compare_bench.line(results["compare"]), ""]

    if "engines" in results:
        out += engines.report_lines(results["engines"], table, fmt_s, verdict)

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

    br = results.get("batch_rows")
    if br is not None:
        if "skipped" in br:
            out.append(f"Batch input: skipped: {br['skipped']}")
        else:
            lo, hi = br["speedup_range"]
            out.append(f"Batch input: {br['input']}, {br['rows']} MOUs as {br['formats']} "
                       "(plankit build --jobs N), interleaved rounds")
            rows = [[name, fmt_s(secs)] for name, secs in br["seconds"].items()]
            out.append(table(["workers", "time"], rows))
            out.append(f"  speed-up with 2 workers: {br['speedup']:.2f}x ({lo:.2f}-{hi:.2f}); "
                       f"the workers used {br['cores_used']:.2f} CPUs")
            if br["machine_busy"]:
                out.append("  the 2 workers got less than 1.5 CPUs between them: other work was "
                           "running on the machine")
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
            out.append("Instructions (callgrind), one render of the synthetic MOU; these "
                       "ratios do not drift with the machine's load")
            rows = []
            for fmt in ("docx", "pdf"):
                c = cg.get(fmt, {})
                if "skipped" in c:
                    rows.append([fmt.upper(), "-", "-", "-", "-", c["skipped"]])
                elif c:
                    rows.append([fmt.upper(), f"{c['plankit'] / 1e6:.0f} M",
                                 f"{c['floor'] / 1e6:.0f} M", f"{c['ratio']:.2f}x",
                                 f"<= {c['target']}x", verdict(c["pass"])])
            out.append(table(["format", "plankit", "floor", "ratio", "target", "result"],
                             rows))
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


def font_subsetting_path() -> str:
    """Which font subsetter WeasyPrint uses here (as ``plankit doctor`` reports it)."""
    try:
        from plankit.doctor import font_subsetting

        return font_subsetting()["detail"]
    except Exception as exc:  # noqa: BLE001 - only a label in the report
        return f"unknown ({first_line(exc)})"


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
    parser.add_argument("--no-callgrind", dest="callgrind", action="store_false",
                        default=None, help="skip the instruction counts under valgrind "
                                           "(the slowest part; --quick skips them too)")
    parser.add_argument("--callgrind", dest="callgrind", action="store_true",
                        help="count instructions even with --quick")
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
        "typst": version_of("typst"),
        "runs": runs, "quick": args.quick, "formats_unavailable": {k: v for k, v in fmts.items()
                                                                  if v},
        "example": example.name if example else None, "examples_failing": broken,
        "font_subsetting": font_subsetting_path() if not fmts["pdf"] else None,
    }}
    for name, why in broken.items():
        progress(f"example {name} does not compose, left out: {why}")

    with tempfile.TemporaryDirectory(prefix="plankit-bench-") as tmp_name:
        tmp = Path(tmp_name)
        results["render"] = bench_render(fmts, example, library, runs)
        results["startup"] = bench_startup(example, runs, tmp)
        results["scaling"] = bench_scaling(fmts, sizes)
        results["long"] = bench_long(fmts, runs)
        progress("compare: two ~200-page documents")
        results["compare"] = compare_bench.measure(runs)
        if fmts["pdf"]:
            results["engines"] = {"skipped": "PDF renderer not available"}
        else:
            mou = EXAMPLES_DIR / MOU_EXAMPLE
            results["engines"] = engines.bench_engines(
                runs, batch_count, args.quick, mou if mou.exists() else None, _worker_json,
                tmp, results["scaling"])

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

        results["batch_rows"] = (bench_batch_rows(",".join(batch_formats), library, runs, tmp)
                                 if batch_formats else {"skipped": "no format available"})
        results["peers"] = bench_peers(fmts, example, library, runs, tmp)
        if args.callgrind if args.callgrind is not None else not args.quick:
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
