"""Benchmark of ``plankit compare``: the diff of two ~200-page documents against rendering
one of them to DOCX.

    python bench/compare.py            # 5 rounds
    python bench/compare.py --runs 9

The older document is the long synthetic MOU (``synthetic.mou_document(copies=10)``, about
two hundred pages); the newer one is the same with edits spread through it: a word changed
in every seventh paragraph, a sentence added to every eleventh, a section removed, a section
added (so every later section and cross-reference is renumbered) and a row added to every
data element table. The target is a ratio below 1: comparing two such documents takes less
time than rendering one of them to Word. Like bench/run.py, the two are timed in interleaved
rounds and the figure is the median of the per-round ratios. Nothing here is timed in the
tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from plankit import document as d  # noqa: E402
from plankit.compare import compare_documents  # noqa: E402
from plankit.render import get_renderer  # noqa: E402

TARGET = 1.0
"""Largest acceptable ratio of the diff's time to the DOCX render's."""
COPIES = 10


def _edit_paragraph(p: d.Paragraph, n: int) -> d.Paragraph:
    children = list(p.children)
    if n % 7 == 0:
        for i, child in enumerate(children):
            if isinstance(child, d.Text) and " will " in child.text:
                children[i] = d.Text(child.text.replace(" will ", " shall ", 1))
                break
    if n % 11 == 0:
        children.append(d.Text(" The parties will review this provision each year."))
    return replace(p, children=tuple(children))


def newer(doc: d.Document) -> d.Document:
    """``doc`` with edits spread through it, renumbered as the numbering pass would."""
    count = [0]

    def blocks(items: tuple) -> tuple:
        out = []
        for b in items:
            if isinstance(b, d.Paragraph):
                count[0] += 1
                b = _edit_paragraph(b, count[0])
            elif isinstance(b, d.Table) and b.rows:
                b = replace(b, rows=b.rows + (replace(b.rows[-1], cells=tuple(
                    d.TableCell(children=(d.Text(f"added {i}"),)) for i in
                    range(len(b.rows[-1].cells)))),))
            elif isinstance(b, d.Section):
                b = replace(b, children=blocks(b.children))
            out.append(b)
        return tuple(out)

    sections = list(blocks(doc.children))
    del sections[30]
    sections.insert(70, d.Section(title=(d.Text("Data quality"),), children=(
        d.Paragraph(children=(d.Text("Each party will correct errors it finds in its own "
                                     "data within thirty days and tell the others."),)),)))
    renumbered = []
    for i, s in enumerate(sections, start=1):
        renumbered.append(replace(s, number=str(i) if s.number else s.number))
    return replace(doc, children=tuple(renumbered))


def measure(runs: int = 5) -> dict:
    """Time the diff and the DOCX render in interleaved rounds; return the figures."""
    import gc
    import time

    old = synthetic.mou_document(copies=COPIES)
    new = newer(old)
    renderer = get_renderer("docx")
    fns = {"diff": lambda: compare_documents(old, new),
           "docx": lambda: renderer.render_document(new)}
    for fn in fns.values():  # warm up
        fn()
    times: dict[str, list[float]] = {k: [] for k in fns}
    names = list(fns)
    for i in range(runs):
        for name in names[i % 2:] + names[:i % 2]:
            gc.collect()
            start = time.perf_counter()
            fns[name]()
            times[name].append(time.perf_counter() - start)
    ratio = statistics.median(a / b for a, b in zip(times["diff"], times["docx"]))
    changed = compare_documents(old, new)
    return {"copies": COPIES, "runs": runs, "diff_s": statistics.median(times["diff"]),
            "docx_s": statistics.median(times["docx"]), "ratio": ratio, "target": TARGET,
            "ok": ratio < TARGET,
            "sections_changed": sum(1 for s in changed.sections if s.status != "same")}


def line(r: dict) -> str:
    verdict = "ok" if r["ok"] else "OVER TARGET"
    return (f"compare: diff of two ~200-page documents {r['diff_s']:.2f} s, DOCX render of one "
            f"{r['docx_s']:.2f} s: ratio {r['ratio']:.2f} (target < {r['target']:.1f}) "
            f"{verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5)")
    args = parser.parse_args(argv)
    print(line(measure(args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
