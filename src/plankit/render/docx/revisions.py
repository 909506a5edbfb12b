"""Tracked changes for the DOCX renderer: the marks of a redline as Word revisions.

A redline (:mod:`plankit.compare`) marks text that the newer document adds
(:class:`~plankit.document.Inserted`) or leaves out (:class:`~plankit.document.Deleted`),
whole blocks it adds or removes (:class:`~plankit.document.Revision`) and whole table rows
(``TableRow.change``). In Word they become real revisions, so that Accept All gives the newer
text and Reject All the older:

* a run added is wrapped in ``w:ins``, a run removed in ``w:del`` with its text in
  ``w:delText``;
* every paragraph of a block added or removed has its paragraph mark marked too
  (``w:ins``/``w:del`` in the mark's ``w:rPr``), so that the paragraph itself comes and
  goes, not only its words; every row of a table added or removed is marked in ``w:trPr``;
* the document's last paragraph mark cannot be tracked (Word and LibreOffice keep it
  whatever is accepted or rejected), so a redline that ends with paragraphs it adds or
  removes marks the paragraph mark before them instead (see :func:`settle_last_mark`);
* a section moved unchanged is a move: its runs in ``w:moveFrom`` and ``w:moveTo``, between
  ``w:moveFromRangeStart``/``End`` and ``w:moveToRangeStart``/``End`` of the same name.

Every revision is authored "plankit" and dated with the newer document's own date (else the
fixed timestamp of the file), so the same two inputs give the same bytes.
"""

from __future__ import annotations

import re
from datetime import date as _date, datetime, timezone

from plankit.document import Deleted, Inserted, Revision
from plankit.render.docx import wml

__all__ = ["AUTHOR", "Revisions", "RevisionMethods", "settle_last_mark"]

AUTHOR = "plankit"
_FIRST_ID = 100000
"""Revision ids start here, well clear of the ids of comments and bookmarks."""
_TEXT_OPEN = re.compile(r"<w:t([ >])")

_RUN_TAG = {"ins": "w:ins", "del": "w:del", "move-to": "w:moveTo", "move-from": "w:moveFrom"}


def revision_date(iso: str, seconds: int) -> str:
    """The date every revision carries: the document's own date (``YYYY-MM-DD``) at
    midnight UTC, else the file's fixed timestamp."""
    try:
        day = _date.fromisoformat(iso)
        return f"{day.isoformat()}T00:00:00Z"
    except ValueError:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Revisions:
    """The revision marks of one render: ids, author and date."""

    def __init__(self, when: str) -> None:
        self.date = when
        self.next_id = _FIRST_ID

    def _attrs(self) -> str:
        rid = self.next_id
        self.next_id += 1
        return f'w:id="{rid}" w:author="{AUTHOR}" w:date="{self.date}"'

    def run(self, run_xml: str, kind: str) -> str:
        """``run_xml`` (runs, and comment marks around them) as an insertion, deletion or
        either end of a move."""
        tag = _RUN_TAG[kind]
        if kind == "del":
            run_xml = _TEXT_OPEN.sub(r"<w:delText\1", run_xml).replace("</w:t>",
                                                                       "</w:delText>")
        return f"<{tag} {self._attrs()}>{run_xml}</{tag}>"

    def mark(self, kind: str) -> str:
        """The element that marks a paragraph mark or a table row as inserted or deleted
        (a row has no move: its end of a move is an insertion or a deletion)."""
        tag = _RUN_TAG[kind]
        return f"<{tag} {self._attrs()}/>"

    def move_range(self, kind: str, name: str) -> tuple[str, str]:
        """The start and end of the named range a move's source or destination spans."""
        tag = "w:moveFromRange" if kind == "move-from" else "w:moveToRange"
        rid = self.next_id
        self.next_id += 1
        start = (f'<{tag}Start w:id="{rid}" w:name="{wml.attr(name)}" w:author="{AUTHOR}" '
                 f'w:date="{self.date}"/>')
        return start, f'<{tag}End w:id="{rid}"/>'


def _newer(mark: str) -> bool:
    """Whether a paragraph mark's change belongs to the newer document (an insertion or
    the destination of a move) rather than the older."""
    return mark.startswith(("<w:ins ", "<w:moveTo "))


def settle_last_mark(blocks: list) -> None:
    """Move a tracked change off the last paragraph mark of ``blocks`` (the body's blocks,
    in order), where it would be ignored.

    The last paragraph mark of a document ends the older and the newer document alike. When
    the last paragraphs are all added (or all removed), the mark of the paragraph before
    them is marked instead: rejecting (or accepting) then runs the emptied paragraphs into
    it, and nothing is left of them. When removed paragraphs come just before the added
    ones (or the reverse), the older document's last paragraph and the newer one's must
    share that mark: the last paragraph of the other side gives up its own mark and its
    text opens the paragraph after it. Where a table or a page break comes first, an empty
    paragraph of the document's own ends the body.
    """
    if not blocks or not isinstance(blocks[-1], wml.Para) or not blocks[-1].mark:
        return
    last = blocks[-1]
    side = _newer(last.mark)
    k = len(blocks) - 2
    while k >= 0 and isinstance(blocks[k], wml.Para) and blocks[k].mark \
            and _newer(blocks[k].mark) == side:
        k -= 1
    if k < 0 or not isinstance(blocks[k], wml.Para):
        blocks.append(wml.Para())
        return
    before = blocks[k]
    if before.mark is None:
        before.mark, last.mark = last.mark, None
        return
    blocks[k + 1].content[:0] = before.content
    del blocks[k]
    last.mark = None


def _kind(node: Revision) -> str:
    if node.move:
        return "move-to" if node.kind == "ins" else "move-from"
    return "ins" if node.kind == "ins" else "del"


class RevisionMethods:
    """Renderer methods for the redline marks (mixed into the DOCX renderer, whose state
    they use: ``_changes``, the revision runs are added under, innermost last, and
    ``_block_changes``, the revision new paragraphs and table rows are marked with)."""

    def _revision_of_runs(self) -> str:
        return self._changes[-1] if self._changes else ""

    def _revision_of_blocks(self) -> str:
        return self._block_changes[-1] if self._block_changes else ""

    def _changed_runs(self, old: str | None, new: str) -> None:
        """``new`` as a run, after ``old`` deleted when it differs (None: nothing changed)."""
        if old is None or old == new:
            self._add_run(new)
            return
        for kind, text in (("del", old), ("ins", new)):
            if text:
                self._changes.append(kind)
                try:
                    self._add_run(text)
                finally:
                    self._changes.pop()

    def render_inserted(self, node: Inserted) -> None:
        self._changes.append("ins")
        try:
            self._inlines(node.children)
        finally:
            self._changes.pop()

    def render_deleted(self, node: Deleted) -> None:
        self._changes.append("del")
        try:
            self._inlines(node.children)
        finally:
            self._changes.pop()

    def render_revision(self, node: Revision) -> None:
        kind = _kind(node)
        start = len(self._blocks)
        self._changes.append(kind)
        self._block_changes.append(kind)
        try:
            for child in node.children:
                self.render(child)
        finally:
            self._changes.pop()
            self._block_changes.pop()
        if node.move:
            paragraphs = [b for b in self._blocks[start:] if isinstance(b, wml.Para)]
            if paragraphs:
                opening, closing = self._revisions.move_range(kind, node.move)
                paragraphs[0].content.insert(0, opening)
                paragraphs[-1].content.append(closing)
