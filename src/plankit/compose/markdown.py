"""Rendered clause Markdown -> document nodes.

markdown-it-py parses (CommonMark with pipe tables, raw HTML off, so ``<b>`` stays text);
this module turns its syntax tree into plankit nodes. We do not write a Markdown parser.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from plankit import document as d
from plankit.compose.sandbox import TOKEN, TokenTable

_MD = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_MD.enable("table")
_MD.disable(["image"])  # an image is shown as its text


def parse(text: str, tokens: TokenTable, source: d.Source = d.NO_SOURCE) -> tuple:
    """Parse Markdown into blocks; ``#`` headings become nested Sections."""
    tree = SyntaxTreeNode(_MD.parse(text))
    conv = _Converter(tokens, source)
    flat = [b for child in tree.children for b in conv.block(child)]
    return _nest(flat)


class _Heading:
    """A heading seen while converting, before sections are built."""

    def __init__(self, level: int, title: tuple, line: int) -> None:
        self.level, self.title, self.line = level, title, line


def _nest(items: list) -> tuple:
    """Group blocks under the headings that precede them."""
    out: list = []
    stack: list[tuple[int, list, _Heading]] = []

    def close_to(level: int) -> None:
        while stack and stack[-1][0] >= level:
            lvl, children, head = stack.pop()
            section = d.Section(title=head.title, children=tuple(children),
                                source=d.Source(*head.line) if isinstance(head.line, tuple)
                                else d.NO_SOURCE)
            (stack[-1][1] if stack else out).append(section)

    for item in items:
        if isinstance(item, _Heading):
            close_to(item.level)
            stack.append((item.level, [], item))
        else:
            (stack[-1][1] if stack else out).append(item)
    close_to(0)
    return tuple(out)


class _Converter:
    def __init__(self, tokens: TokenTable, source: d.Source) -> None:
        self.tokens = tokens
        self.source = source

    def _src(self, node: SyntaxTreeNode) -> d.Source:
        if not self.source.clause or not node.map:
            return self.source
        return d.Source(self.source.clause, self.source.version,
                        self.source.line + node.map[0])

    # blocks ----------------------------------------------------------------------------

    def block(self, node: SyntaxTreeNode) -> list:
        t = node.type
        if t == "paragraph":
            inl = self.inlines_of(node)
            return [d.Paragraph(children=inl, source=self._src(node))] if inl else []
        if t == "heading":
            level = int(node.tag[1])
            src = self._src(node)
            return [_Heading(level, self.inlines_of(node), (src.clause, src.version, src.line))]
        if t == "bullet_list":
            return [d.BulletList(items=self.items(node), source=self._src(node))]
        if t == "ordered_list":
            start = int(node.attrs.get("start", 1) or 1)
            return [d.OrderedList(items=self.items(node), start=start, source=self._src(node))]
        if t == "table":
            return [self.table(node)]
        if t == "blockquote":
            parts: list = []
            for child in node.children:
                if parts:
                    parts.append(d.LineBreak())
                if child.type == "paragraph":
                    parts.extend(self.inlines_of(child))
                else:
                    parts.append(d.Text(self._plain(child)))
            return [d.Note(children=tuple(parts), source=self._src(node))]
        if t in ("code_block", "fence", "html_block"):
            return [d.Paragraph(children=self.text(node.content.rstrip("\n")),
                                source=self._src(node))]
        if t == "hr":
            return []
        return [d.Paragraph(children=self.text(self._plain(node)), source=self._src(node))]

    def items(self, node: SyntaxTreeNode) -> tuple:
        out = []
        for item in node.children:
            blocks = [b for child in item.children for b in self.block(child)]
            blocks = [b for b in blocks if not isinstance(b, _Heading)]
            out.append(d.ListItem(children=tuple(blocks)))
        return tuple(out)

    def table(self, node: SyntaxTreeNode) -> d.Table:
        header = d.TableRow(cells=())
        rows: list[d.TableRow] = []
        for part in node.children:
            for tr in part.children:
                cells = []
                for cell in tr.children:
                    style = str(cell.attrs.get("style", "") or "")
                    align = style.split(":", 1)[1] if style.startswith("text-align:") else ""
                    cells.append(d.TableCell(children=self.inlines_of(cell), align=align))
                row = d.TableRow(cells=tuple(cells))
                if part.type == "thead":
                    header = row
                else:
                    rows.append(row)
        return d.Table(header=header, rows=tuple(rows), source=self._src(node))

    # inlines ---------------------------------------------------------------------------

    def inlines_of(self, node: SyntaxTreeNode) -> tuple:
        out: list = []
        for child in node.children:
            if child.type == "inline":
                out.extend(self.inline_children(child))
            else:
                out.extend(self.inline(child))
        return _merge(out)

    def inline_children(self, node: SyntaxTreeNode) -> list:
        return [x for child in node.children for x in self.inline(child)]

    def inline(self, node: SyntaxTreeNode) -> list:
        t = node.type
        if t == "text":
            return list(self.text(node.content))
        if t == "strong":
            return [d.Strong(children=_merge(self.inline_children(node)))]
        if t == "em":
            return [d.Emph(children=_merge(self.inline_children(node)))]
        if t == "softbreak":
            return [d.Text(" ")]
        if t == "hardbreak":
            return [d.LineBreak()]
        if t in ("code_inline", "html_inline"):
            return list(self.text(node.content))
        if t in ("link", "image"):
            return self.inline_children(node)
        return list(self.text(node.content or ""))

    def text(self, text: str) -> tuple:
        """Literal text with plankit's tokens turned back into nodes."""
        out: list = []
        pos = 0
        for m in TOKEN.finditer(text):
            if m.start() > pos:
                out.append(d.Text(text[pos:m.start()]))
            out.append(self.tokens.nodes[int(m.group(2))])
            pos = m.end()
        if pos < len(text):
            out.append(d.Text(text[pos:]))
        return tuple(out)

    def _plain(self, node: SyntaxTreeNode) -> str:
        if node.type == "text":
            return node.content
        return "".join(self._plain(c) for c in node.children) or (node.content or "")


def _merge(inlines: list) -> tuple:
    """Join adjacent Text nodes so the tree stays small and stable."""
    out: list = []
    for node in inlines:
        if isinstance(node, d.Text) and out and isinstance(out[-1], d.Text):
            out[-1] = d.Text(out[-1].text + node.text)
        elif isinstance(node, d.Text) and not node.text:
            continue
        else:
            out.append(node)
    return tuple(out)
