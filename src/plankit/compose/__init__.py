"""Composition: input + clause library -> document tree, then the named passes.

``PASSES`` is the ordered list of ``(name, function)`` pairs (pandoc's transforms,
markdown-it-py's core chain); each takes a Document (and the compose context) and
returns a new Document. ``--debug`` logs each name as it runs.
"""

from __future__ import annotations

import logging

from plankit.compose.passes.checklist import fill_checklist
from plankit.compose.passes.checks import collect_checks
from plankit.compose.passes.definitions import collect_definitions
from plankit.compose.passes.numbering import number_sections
from plankit.compose.passes.obligations import collect_obligations
from plankit.compose.passes.open_facts import list_open_facts
from plankit.compose.passes.provenance import stamp_provenance
from plankit.compose.passes.review import collect_review, final_copy, place_notes
from plankit.compose.passes.xrefs import resolve_xrefs

PASSES = [
    ("collect_definitions", collect_definitions),
    ("number_sections", number_sections),
    ("resolve_xrefs", resolve_xrefs),
    ("stamp_provenance", stamp_provenance),
    ("collect_obligations", collect_obligations),
    ("place_notes", place_notes),
    ("collect_review", collect_review),
    ("list_open_facts", list_open_facts),
    ("collect_checks", collect_checks),
    ("final_copy", final_copy),
    ("fill_checklist", fill_checklist),
]

log = logging.getLogger("plankit")


def run_passes(doc, ctx):
    for name, fn in PASSES:
        log.debug("pass %s", name)
        doc = fn(doc, ctx)
    return doc
