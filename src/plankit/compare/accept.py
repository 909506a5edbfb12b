"""A redline with every change accepted (the newer text) or rejected (the older text), and
whether a tree carries any change at all."""

from __future__ import annotations

from dataclasses import replace

from plankit import document as d

__all__ = ["accept_all", "reject_all", "has_changes"]


def has_changes(node: object) -> bool:
    """Whether any insertion, deletion or revised row is in ``node`` (a node or a tuple of
    blocks)."""
    if isinstance(node, tuple):
        return any(has_changes(n) for n in node)
    for n in d.walk(node):
        if isinstance(n, (d.Inserted, d.Deleted, d.Revision)):
            return True
        if isinstance(n, d.TableRow) and n.change:
            return True
    return False


def accept_all(node):
    """``node`` as it reads with every change accepted."""
    return _resolve(node, keep="ins")


def reject_all(node):
    """``node`` as it reads with every change rejected."""
    return _resolve(node, keep="del")


def _resolve(node, keep: str):
    if isinstance(node, d.Document):
        return replace(node, children=_blocks(node.children, keep))
    if isinstance(node, tuple):
        return _blocks(node, keep)
    return _node(node, keep)


def _inlines(nodes: tuple, keep: str) -> tuple:
    out: list = []
    for node in nodes:
        if isinstance(node, (d.Inserted, d.Deleted)):
            if (keep == "ins") == isinstance(node, d.Inserted):
                out.extend(_inlines(node.children, keep))
        elif isinstance(node, (d.Strong, d.Emph)):
            out.append(replace(node, children=_inlines(node.children, keep)))
        else:
            out.append(node)
    merged: list = []
    for node in out:  # text split by the comparison reads as one text again
        if isinstance(node, d.Text) and merged and isinstance(merged[-1], d.Text):
            merged[-1] = d.Text(merged[-1].text + node.text)
        elif not (isinstance(node, d.Text) and not node.text):
            merged.append(node)
    return tuple(merged)


def _blocks(blocks: tuple, keep: str) -> tuple:
    out: list = []
    for block in blocks:
        if isinstance(block, d.Revision):
            if block.kind == keep:
                out.extend(_blocks(block.children, keep))
            continue
        out.append(_node(block, keep))
    return tuple(out)


def _node(node, keep: str):
    if isinstance(node, (d.Paragraph, d.Note, d.TableCell)):
        return replace(node, children=_inlines(node.children, keep))
    if isinstance(node, d.Section):
        return replace(node, title=_inlines(node.title, keep),
                       children=_blocks(node.children, keep))
    if isinstance(node, (d.Container, d.ListItem)):
        return replace(node, children=_blocks(node.children, keep))
    if isinstance(node, (d.BulletList, d.OrderedList)):
        items = [_node(i, keep) for i in node.items]
        return replace(node, items=tuple(i for i in items if i.children))
    if isinstance(node, d.TableRow):
        return replace(node, cells=tuple(_node(c, keep) for c in node.cells), change="")
    if isinstance(node, d.Table):
        drop = "del" if keep == "ins" else "ins"
        return replace(node, header=_node(node.header, keep),
                       rows=tuple(_node(r, keep) for r in node.rows if r.change != drop))
    return node
