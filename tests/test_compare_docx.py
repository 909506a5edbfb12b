"""Redlines in Word: Accept All gives the newer document and Reject All the older one.

The property test compares random pairs of document trees, renders the redline as DOCX, and
reads its text back with every tracked change accepted (``w:ins`` unwrapped, ``w:del``
dropped) or rejected (the reverse), checking it against the two documents rendered on
their own. LibreOffice opens every example redline (one run converts them all).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from plankit.api import render
from plankit.compare import compare_documents
from plankit.compare.accept import accept_all, reject_all
from tests.compare_support import document_pairs, resolved_lines

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(document_pairs())
def test_accept_all_gives_new_and_reject_all_gives_old_in_word(pair):
    old, new = pair
    redline = render(compare_documents(old, new).document, "docx")
    assert resolved_lines(redline, "ins") == resolved_lines(render(new, "docx"), "ins")
    assert resolved_lines(redline, "del") == resolved_lines(render(old, "docx"), "del")


@SETTINGS
@given(document_pairs())
def test_accepting_or_rejecting_the_tree_gives_either_text(pair):
    old, new = pair
    merged = compare_documents(old, new).document
    assert render(accept_all(merged), "md") == render(new, "md")
    assert render(reject_all(merged), "md") == render(old, "md")
