"""Every renderer handles every node type (the exhaustive match pandoc gets from Haskell)."""

from __future__ import annotations

from importlib import import_module

import pytest

from plankit.document import NODE_TYPES
from plankit.render import FORMATS, get_format
from plankit.render.base import method_name
from plankit.errors import UsageError


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("node", NODE_TYPES, ids=lambda t: t.__name__)
def test_renderer_has_a_method_for_every_node(fmt, node):
    module, _, cls_name = FORMATS[fmt].target.partition(":")
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
    import subprocess
    import sys
    code = ("import sys; from plankit.render import get_renderer; get_renderer('docx'); "
            "get_renderer('md'); get_renderer('html'); "
            "print('weasyprint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
