"""Every renderer handles every node type (the exhaustive match pandoc gets from Haskell).

The node types are not listed here: :data:`plankit.document.NODE_TYPES` is every subclass of
:class:`plankit.document.Node`, and the tests below check that it misses no class of the
document model that can sit in the tree, so a node class added later is checked too.
"""

from __future__ import annotations

import dataclasses
import pkgutil
import typing
from importlib import import_module

import pytest

from plankit import document
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


# --------------------------------------------------------------------------- the node types


def document_dataclasses() -> list[type]:
    """Every dataclass defined in a module of the document model."""
    out = []
    for info in pkgutil.iter_modules(document.__path__, document.__name__ + "."):
        module = import_module(info.name)
        out += [obj for obj in vars(module).values()
                if isinstance(obj, type) and dataclasses.is_dataclass(obj)
                and obj.__module__ == module.__name__]
    return out


def classes_in(hint: object) -> set[type]:
    """The dataclasses a type hint names: ``tuple[Block, ...]`` -> every block class."""
    if isinstance(hint, type):
        return {hint} if dataclasses.is_dataclass(hint) else set()
    return {cls for arg in typing.get_args(hint) for cls in classes_in(arg)}


def hinted_fields(cls: type) -> list[tuple[dataclasses.Field, object]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


def tree_classes() -> set[type]:
    """Every class that can sit in a document's tree, found from the type hints of the
    fields that hold nodes, starting from ``Document.children``."""
    found: set[type] = set()
    todo = classes_in(typing.get_type_hints(document.Document)["children"])
    while todo:
        cls = todo.pop()
        found.add(cls)
        for f, hint in hinted_fields(cls):
            if f.name in document.CHILD_FIELDS:
                todo |= classes_in(hint) - found
    return found


def test_node_types_are_derived_from_the_model_and_miss_no_node_class():
    """A class that can sit in the tree, holds nodes or carries a clause source is a node:
    it must be a :class:`Node` subclass, and so in NODE_TYPES."""
    assert NODE_TYPES == document.node_types()
    assert len(set(NODE_TYPES)) == len(NODE_TYPES)
    classes = document_dataclasses()
    assert set(NODE_TYPES) <= set(classes)
    nodes_by_shape = {
        cls for cls in classes if cls is not document.Document
        and any(f.name in document.CHILD_FIELDS and classes_in(hint)
                or hint is document.Source for f, hint in hinted_fields(cls))}
    for cls in tree_classes() | nodes_by_shape:
        assert issubclass(cls, document.Node) and cls in NODE_TYPES, \
            f"{cls.__name__} can sit in the document tree but is not a Node subclass"
    for cls in classes:
        assert (cls in NODE_TYPES) == issubclass(cls, document.Node), cls.__name__
    missing = set(NODE_TYPES) - tree_classes()
    assert not missing, f"node classes no field of the tree can hold: {missing}"


def test_a_node_class_defined_later_is_registered():
    from plankit.document import nodes

    @dataclasses.dataclass(frozen=True, slots=True)
    class Footnote(document.Node):
        children: tuple[document.Inline, ...]

    try:
        assert document.node_types()[-1] is Footnote  # the slotted class, once
        assert sum(t.__name__ == "Footnote" for t in document.node_types()) == 1
    finally:
        del nodes._NODES[f"{Footnote.__module__}.{Footnote.__name__}"]
    assert Footnote not in NODE_TYPES and document.node_types() == NODE_TYPES
