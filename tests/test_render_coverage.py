"""Every renderer handles every node type (the exhaustive match pandoc gets from Haskell)."""

from __future__ import annotations

from importlib import import_module

import pytest

from plankit.document import NODE_TYPES
from plankit.render import get_format, renderer_targets
from plankit.render.base import method_name
from plankit.errors import UsageError


@pytest.mark.parametrize("fmt", sorted(renderer_targets()))
@pytest.mark.parametrize("node", NODE_TYPES, ids=lambda t: t.__name__)
def test_renderer_has_a_method_for_every_node(fmt, node):
    """Every format, and each PDF engine (``pdf/typst``)."""
    module, _, cls_name = renderer_targets()[fmt].partition(":")
    cls = getattr(import_module(module), cls_name)
    assert callable(getattr(cls, method_name(node), None)), \
        f"{cls_name} has no {method_name(node)}()"
    assert node in cls.render_map


def test_unknown_format_lists_valid_ones():
    with pytest.raises(UsageError) as exc:
        get_format("doc")
    assert "docx" in exc.value.hint
    with pytest.raises(UsageError) as exc:
        get_format("rtf")
    assert "docx, pdf, html, md" in exc.value.hint


def test_docx_build_does_not_import_weasyprint():
    """Nor Typst: each PDF engine is imported only when a PDF is made with it."""
    import subprocess
    import sys
    code = ("import sys; from plankit.render import get_renderer; get_renderer('docx'); "
            "get_renderer('md'); get_renderer('html'); get_renderer('typ'); "
            "print('weasyprint' in sys.modules, 'typst' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_renderer_targets_cover_both_pdf_engines():
    targets = renderer_targets()
    assert targets["pdf"].endswith(":PdfRenderer")
    assert targets["pdf/typst"].endswith(":TypstPdfRenderer")
    assert targets["typ"].endswith(":TypstRenderer")
