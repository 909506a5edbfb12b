"""Markdown output: readable as plain text, and safe to paste into a Markdown system."""

from __future__ import annotations

import re

from plankit import document as d
from plankit.render.base import TextRenderer

_ESC = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"(?m)^([ \t]*)(?:([#>+=-])|(\d+)([.)]))")


def escape(text: str) -> str:
    """Escape what could be read as Markdown anywhere in a line."""
    return _ESC.sub(r"\\\1", text)


def escape_line_starts(text: str) -> str:
    """Escape what would start a block (heading, quote, list) at the start of a line."""
    def fix(m: re.Match) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"
    return _LINE_START.sub(fix, text)


def heading(marks: str, text: str) -> str:
    """A heading line; a ``#`` ending the text is escaped, since Markdown reads a run of
    ``#`` at the end of a heading as its closing marks and drops it."""
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return f"{marks} {text}"


def _changed(old: str | None, new: str) -> str:
    """``new`` escaped, after ``old`` marked as deleted when a redline changed it."""
    if old is None or old == new:
        return escape(new)
    return ("{--" + escape(old) + "--}" if old else "") + ("{++" + escape(new) + "++}" if new
                                                           else "")


class MarkdownRenderer(TextRenderer):
    name = "md"
    extension = "md"

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.depth = 0
        self.in_table = False
        self.row_change = ""
        """"ins" or "del" while a table row added or removed in a redline is rendered."""
        self.end_notes = False
        self.notes: list[tuple[str, str]] = []
        """Review notes gathered as end notes (review copy): (label, text)."""

    def render_document(self, doc: d.Document) -> str:
        head = [escape(doc.letterhead), ""] if doc.letterhead else []
        if doc.draft_mark:
            head += [f"**{escape(d.DRAFT_MARK)}**", ""]
        before = d.previous_title_block(doc)  # a redline's older title block, if it changed

        def meta_line(x: d.Document) -> str:
            date = d.display_date(x.date, x.lang) if x.date else ""
            parts = (x.subtitle, ", ".join(v for v in (d.version_line(x), date) if v))
            return " · ".join(p for p in parts if p)

        head += [heading("#", _changed(before and before.title, doc.title)), ""]
        meta = meta_line(doc)
        if meta or (before and meta_line(before)):
            head += ["*" + _changed(before and meta_line(before), meta) + "*", ""]
        if doc.toc:
            entries = d.toc_entries(doc)
            if entries:
                head += ["## Contents", ""]
                for level, section in entries:
                    number = f"{section.number} " if section.numbered and section.number else ""
                    head.append("  " * (level - 1) + "- "
                                + escape(number + d.inline_text(section.title)))
                head.append("")
        self.depth = 1
        self.end_notes, self.notes = d.review_comments(doc), []
        body = [self.render(b) for b in doc.children]
        if self.notes:
            body.append("## Review notes\n\nFor the reviewer: left out of the final copy.")
            body += [f"[^r{n}]: **{escape(label)}:** {text}"
                     for n, (label, text) in enumerate(self.notes, start=1)]
        text = "\n".join(head) + "\n" + "\n\n".join(b for b in body if b)
        return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"

    # inlines
    def render_text(self, node: d.Text) -> str:
        return escape(node.text)

    def render_strong(self, node: d.Strong) -> str:
        return f"**{self.render_children(node.children)}**"

    def render_emph(self, node: d.Emph) -> str:
        return f"*{self.render_children(node.children)}*"

    def render_line_break(self, node: d.LineBreak) -> str:
        return "<br>" if self.in_table else "\\\n"

    def render_placeholder(self, node: d.Placeholder) -> str:
        return f"**\\[{escape(node.prompt)}\\]**"

    def render_x_ref(self, node: d.XRef) -> str:
        return escape(node.label or node.target)

    # redline marks, in CriticMarkup: {++added++} and {--removed--}
    def render_inserted(self, node: d.Inserted) -> str:
        return "{++" + self.render_children(node.children) + "++}"

    def render_deleted(self, node: d.Deleted) -> str:
        return "{--" + self.render_children(node.children) + "--}"

    def render_revision(self, node: d.Revision) -> str:
        open_, close = ("{++", "++}") if node.kind == "ins" else ("{--", "--}")
        moved = (" {>>moved here<<}" if node.kind == "ins" else " {>>moved<<}") \
            if node.move else ""
        if len(node.children) == 1 and isinstance(node.children[0], d.Paragraph):
            return open_ + self.render(node.children[0]) + close + moved
        body = "\n\n".join(b for b in (self.render(c) for c in node.children) if b)
        return f"{open_}\n\n{body}\n\n{close}{moved}"

    # blocks
    def render_paragraph(self, node: d.Paragraph) -> str:
        return escape_line_starts(self.render_children(node.children))

    def render_list_item(self, node: d.ListItem) -> str:
        return "\n\n".join(self.render(b) for b in node.children)

    def _list(self, items, marker) -> str:
        out = []
        for i, item in enumerate(items):
            m = marker(i)
            body = self.render(item).replace("\n", "\n" + " " * len(m))
            out.append(m + body)
        return "\n".join(out)

    def render_bullet_list(self, node: d.BulletList) -> str:
        return self._list(node.items, lambda i: "- ")

    def render_ordered_list(self, node: d.OrderedList) -> str:
        return self._list(node.items, lambda i: f"{node.start + i}. ")

    def render_table_cell(self, node: d.TableCell) -> str:
        self.in_table = True
        try:
            text = self.render_children(node.children).replace("\n", " ")
        finally:
            self.in_table = False
        if self.row_change and text.strip():
            return ("{++" + text + "++}") if self.row_change == "ins" else ("{--" + text + "--}")
        return text

    def render_table_row(self, node: d.TableRow) -> str:
        self.row_change = node.change
        try:
            return "| " + " | ".join(self.render(c) for c in node.cells) + " |"
        finally:
            self.row_change = ""

    def render_table(self, node: d.Table) -> str:
        rule = {"right": "---:", "center": ":---:", "left": ":---"}
        aligns = [c.align for c in (node.rows[0].cells if node.rows else node.header.cells)]
        sep = "| " + " | ".join(rule.get(a, "---") for a in aligns) + " |"
        lines = []
        if node.caption:
            lines += [f"*{escape(node.caption)}*", ""]
        lines += [self.render(node.header), sep] + [self.render(r) for r in node.rows]
        return "\n".join(lines)

    def render_signatory(self, node: d.Signatory) -> str:
        name = escape(node.name) if node.name else "______________________________"
        title = escape(node.title) if node.title else "______________________________"
        return "\n".join([
            f"**{escape(node.party)}**", "",
            "By: ______________________________  ",
            f"Name: {name}  ", f"Title: {title}  ", "Date: ______________",
        ])

    def render_signature_block(self, node: d.SignatureBlock) -> str:
        return "\n\n".join(self.render(s) for s in node.signatories)

    def render_note(self, node: d.Note) -> str:
        label = escape(d.note_label(node))
        text = self.render_children(node.children) + escape(d.note_details(node))
        if self.end_notes:
            self.notes.append((d.note_label(node), text.replace("\\\n", " ")))
            n = len(self.notes)
            return f"*Review note {n}: {label}* [^r{n}]"
        text = text.replace("\\\n", "\\\n> ")
        return f"> **{label}:** {text}"

    def render_container(self, node: d.Container) -> str:
        return "\n\n".join(self.render(b) for b in node.children)

    def render_section(self, node: d.Section) -> str:
        self.depth += 1
        try:
            level = min(self.depth, 6)
            title = self.render_children(node.title)
            number = f"{node.number} " if node.number else ""
            parts = [heading("#" * level, number + title)]
            parts += [self.render(b) for b in node.children]
            return "\n\n".join(p for p in parts if p)
        finally:
            self.depth -= 1
