"""The difference between two document trees, as one tree with revision marks.

Blocks are matched level by level. Sections match by their clause id, else by their title;
other blocks by an id they carry, else by their content. :class:`difflib.SequenceMatcher`
finds the blocks that stay; where blocks differ, the ones most alike (same kind, similar
words) are paired and compared inside (sections by their title and blocks, lists item by
item, tables row by row and cell by cell, paragraphs word by word); the rest are whole
insertions or deletions (:class:`~plankit.document.Revision`, and ``TableRow.change`` for
rows). A section deleted in one place and inserted unchanged in another is a move.

Besides the merged tree, the diff records what happened to each section
(:class:`SectionChange`), which the change summary and the amendment are written from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import Callable, Optional

from plankit import document as d
from plankit.compare.inline import diff_inlines, similarity, words

__all__ = ["SectionChange", "diff_blocks", "shown_number", "block_text", "align"]

_PAIR_AT = 0.5
"""Two blocks of the same kind are compared inside, rather than shown as one deleted and one
inserted, when at least this share of their words is the same."""
_ALIGN_LIMIT = 900
"""Largest (blocks deleted × blocks inserted) aligned by best total likeness; longer runs of
changed blocks are paired in order instead."""


@dataclass
class SectionChange:
    """What happened to one section between the two documents."""

    status: str
    """``added``, ``removed``, ``changed``, ``moved`` or ``same``."""
    old: Optional[d.Section]
    new: Optional[d.Section]
    direct: bool = False
    """Its title or its own text changed (not only text in its subsections)."""
    children: list["SectionChange"] = field(default_factory=list)

    @property
    def old_number(self) -> str:
        return shown_number(self.old) if self.old is not None else ""

    @property
    def new_number(self) -> str:
        return shown_number(self.new) if self.new is not None else ""

    @property
    def title(self) -> str:
        node = self.new if self.new is not None else self.old
        return d.inline_text(node.title).strip() if node is not None else ""


def shown_number(section: d.Section) -> str:
    """The number a section's heading shows ("" for an unnumbered one)."""
    return section.number if section.numbered and section.number else ""


def block_text(block: object) -> str:
    """All the text of a block, for measuring how alike two blocks are."""
    parts: list[str] = []
    for node in d.walk(block):
        if isinstance(node, d.Text):
            parts.append(node.text)
        elif isinstance(node, d.Placeholder):
            parts.append(f"[{node.prompt}]")
        elif isinstance(node, d.XRef):
            parts.append(node.label or node.target)
        elif isinstance(node, d.Signatory):
            parts.append(f"{node.party} {node.name} {node.title}")
        elif isinstance(node, (d.Paragraph, d.TableCell, d.TableRow)):
            parts.append(" ")
    return "".join(parts)


def _key(block: object) -> object:
    """What two blocks must share to be taken as the same block (their content may differ
    when the key is an id or a title)."""
    if isinstance(block, d.Section):
        return ("section", block.attrs.id or " ".join(d.inline_text(block.title).split()))
    attrs = getattr(block, "attrs", None)
    if attrs is not None and attrs.id:
        return (type(block).__name__, attrs.id)
    return block


def align(old: list, new: list, score: Callable[[object, object], Optional[float]]
           ) -> list[tuple[Optional[int], Optional[int]]]:
    """Pair items of ``old`` and ``new`` in order, maximizing the total likeness of the pairs
    (``score`` is None for items that may not be paired). Returns (i, j) pairs, with None
    on the side an unpaired item lacks, deletions before insertions."""
    m, n = len(old), len(new)
    pairs: list[tuple[int, int]] = []
    if m and n and m * n <= _ALIGN_LIMIT:
        scores = [[score(a, b) for b in new] for a in old]
        best = [[0.0] * (n + 1) for _ in range(m + 1)]
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                value = max(best[i - 1][j], best[i][j - 1])
                s = scores[i - 1][j - 1]
                if s is not None:
                    value = max(value, best[i - 1][j - 1] + s)
                best[i][j] = value
        i, j = m, n
        while i and j:
            s = scores[i - 1][j - 1]
            if s is not None and best[i][j] == best[i - 1][j - 1] + s:
                pairs.append((i - 1, j - 1))
                i, j = i - 1, j - 1
            elif best[i][j] == best[i - 1][j]:
                i -= 1
            else:
                j -= 1
        pairs.reverse()
    elif m and n:  # long runs: pair in order where the kinds allow it
        j = 0
        for i, a in enumerate(old):
            for k in range(j, min(n, j + 8)):
                if score(a, new[k]) is not None:
                    pairs.append((i, k))
                    j = k + 1
                    break
    out: list[tuple[Optional[int], Optional[int]]] = []
    i = j = 0
    for pi, pj in pairs + [(m, n)]:
        out.extend((x, None) for x in range(i, pi))
        out.extend((None, y) for y in range(j, pj))
        if pi < m and pj < n:
            out.append((pi, pj))
        i, j = pi + 1, pj + 1
    return out


def _score(a: object, b: object) -> Optional[float]:
    """How alike two blocks are, or None if they may not be compared inside."""
    if type(a) is not type(b):
        return None
    if isinstance(a, d.Section):
        if a.attrs.id and b.attrs.id and a.attrs.id != b.attrs.id:
            return None
    elif getattr(a, "attrs", d.NO_ATTRS).role != getattr(b, "attrs", d.NO_ATTRS).role:
        return None
    if isinstance(a, d.Table) and (len(a.header.cells) != len(b.header.cells)
                                   or a.caption != b.caption):
        return None
    s = similarity(words(block_text(a)), words(block_text(b)))
    return s if s >= _PAIR_AT else None


def _row_score(a: d.TableRow, b: d.TableRow) -> Optional[float]:
    if len(a.cells) != len(b.cells):
        return None
    s = similarity(words(block_text(a)), words(block_text(b)))
    return s if s >= _PAIR_AT else None


def _item_score(a: d.ListItem, b: d.ListItem) -> Optional[float]:
    s = similarity(words(block_text(a)), words(block_text(b)))
    return s if s >= _PAIR_AT else None


class _Differ:
    """One comparison: counts moves so that each has its own name."""

    def __init__(self) -> None:
        self.moves = 0

    # ------------------------------------------------------------------ block lists

    def blocks(self, old: tuple, new: tuple, changes: list[SectionChange]
               ) -> tuple[tuple, bool, bool]:
        """The merged blocks, whether a block other than a section changed (a change of
        the enclosing section's own text), and whether anything changed."""
        out: list = []
        direct = anything = False
        records: list[tuple[int, SectionChange]] = []
        """(index in ``out``, record) of sections added or removed here, for moves."""

        def removed(block) -> None:
            nonlocal direct
            if isinstance(block, d.Section):
                record = SectionChange("removed", block, None)
                records.append((len(out), record))
                changes.append(record)
            else:
                direct = True
            out.append(d.Revision("del", (block,)))

        def added(block) -> None:
            nonlocal direct
            if isinstance(block, d.Section):
                record = SectionChange("added", None, block)
                records.append((len(out), record))
                changes.append(record)
            else:
                direct = True
            out.append(d.Revision("ins", (block,)))

        def paired(a, b) -> None:
            nonlocal direct, anything
            merged, changed = self.pair(a, b, changes)
            if merged is None:
                removed(a)
                added(b)
                anything = True
                return
            out.extend(merged)
            if changed:
                anything = True
                if not isinstance(b, d.Section):
                    direct = True

        matcher = SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                  autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for a, b in zip(old[i1:i2], new[j1:j2]):
                    paired(a, b)
                continue
            anything = True
            if (i2 - i1 == j2 - j1 == 1 and type(old[i1]) is type(new[j1]) is d.Paragraph
                    and old[i1].attrs.role == new[j1].attrs.role):
                paired(old[i1], new[j1])  # one paragraph edited: its words tell how much
                continue
            for i, j in align(list(old[i1:i2]), list(new[j1:j2]), _score):
                if i is not None and j is not None:
                    paired(old[i1 + i], new[j1 + j])
                elif i is not None:
                    removed(old[i1 + i])
                else:
                    added(new[j1 + j])
        if records:
            self._moves(out, records, changes)
        return tuple(out), direct, anything

    def _moves(self, out: list, records: list[tuple[int, SectionChange]],
               changes: list[SectionChange]) -> None:
        """Sections removed in one place and added unchanged in another become moves."""
        gone = {_key(r.old): (k, r) for k, r in records if r.status == "removed"}
        for k, record in records:
            if record.status != "added" or _key(record.new) not in gone:
                continue
            k_old, old_record = gone.pop(_key(record.new))
            merged, changed = self.pair(old_record.old, record.new, [])
            if merged is None or changed:
                continue
            self.moves += 1
            name = f"move{self.moves}"
            out[k_old] = replace(out[k_old], move=name)
            out[k] = replace(out[k], move=name)
            changes.remove(old_record)
            record.status, record.old = "moved", old_record.old

    # ------------------------------------------------------------------ pairs

    def pair(self, a, b, changes: list[SectionChange]) -> tuple[Optional[tuple], bool]:
        """``b`` with its differences from ``a`` marked, as blocks (one, or several when a
        signature block is split), and whether anything changed; None when the two cannot
        be compared inside and are shown as a deletion and an insertion."""
        if type(a) is not type(b):
            return None, True
        if isinstance(a, d.Section):
            return self.section(a, b, changes)
        if a == b:
            return (b,), False
        if isinstance(a, (d.Paragraph, d.Note)):
            children, changed = diff_inlines(a.children, b.children)
            return (replace(b, children=children),), changed
        if isinstance(a, (d.BulletList, d.OrderedList)):
            items, changed = self.items(a.items, b.items)
            return (replace(b, items=items),), changed
        if isinstance(a, d.Table):
            return self.table(a, b)
        if isinstance(a, d.Container):
            if a.attrs.role != b.attrs.role:
                return None, True
            children, _, changed = self.blocks(a.children, b.children, changes)
            return (replace(b, children=children),), changed
        if isinstance(a, d.SignatureBlock):
            return self.signatures(a, b), True
        return None, True

    def section(self, a: d.Section, b: d.Section, changes: list[SectionChange]
                ) -> tuple[tuple, bool]:
        if a == b:
            changes.append(SectionChange("same", a, b))
            return (b,), False
        title, title_changed = diff_inlines(a.title, b.title)
        number = b.number
        old_no, new_no = shown_number(a), shown_number(b)
        if old_no != new_no:  # the number is shown as changed text before the title
            prefix = []
            if old_no:
                prefix.append(d.Deleted((d.Text(old_no + " "),)))
            if new_no:
                prefix.append(d.Inserted((d.Text(new_no + " "),)))
            title, number = tuple(prefix) + title, ""
        record = SectionChange("same", a, b)
        children, direct, anything = self.blocks(a.children, b.children, record.children)
        record.direct = direct or title_changed
        if record.direct or anything:
            record.status = "changed"
        changes.append(record)
        merged = replace(b, title=title, number=number, children=children)
        return (merged,), record.status == "changed"

    def items(self, old: tuple, new: tuple) -> tuple[tuple, bool]:
        out: list = []
        changed = False
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.extend(new[j1:j2])
                continue
            changed = True
            for i, j in align(list(old[i1:i2]), list(new[j1:j2]), _item_score):
                if i is not None and j is not None:
                    children, _, _ = self.blocks(old[i1 + i].children, new[j1 + j].children,
                                                 [])
                    out.append(d.ListItem(children=children))
                elif i is not None:
                    out.append(d.ListItem(children=(d.Revision("del", old[i1 + i].children),)))
                else:
                    out.append(d.ListItem(children=(d.Revision("ins", new[j1 + j].children),)))
        return tuple(out), changed

    def table(self, a: d.Table, b: d.Table) -> tuple[Optional[tuple], bool]:
        if len(a.header.cells) != len(b.header.cells) or a.caption != b.caption:
            return None, True
        header, changed = _row(a.header, b.header)
        rows: list = []
        matcher = SequenceMatcher(None, a.rows, b.rows, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                rows.extend(b.rows[j1:j2])
                continue
            changed = True
            for i, j in align(list(a.rows[i1:i2]), list(b.rows[j1:j2]), _row_score):
                if i is not None and j is not None:
                    rows.append(_row(a.rows[i1 + i], b.rows[j1 + j])[0])
                elif i is not None:
                    rows.append(replace(a.rows[i1 + i], change="del"))
                else:
                    rows.append(replace(b.rows[j1 + j], change="ins"))
        return (replace(b, header=header, rows=tuple(rows)),), changed

    def signatures(self, a: d.SignatureBlock, b: d.SignatureBlock) -> tuple:
        """Signature blocks compared signatory by signatory: the ones that stay, and each
        one removed or added as a signature block of its own."""
        out: list = []
        matcher = SequenceMatcher(None, a.signatories, b.signatories, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                out.append(replace(b, signatories=b.signatories[j1:j2]))
                continue
            if i2 > i1:
                out.append(d.Revision("del", (replace(a, signatories=a.signatories[i1:i2]),)))
            if j2 > j1:
                out.append(d.Revision("ins", (replace(b, signatories=b.signatories[j1:j2]),)))
        return tuple(out)


def _row(a: d.TableRow, b: d.TableRow) -> tuple[d.TableRow, bool]:
    """Two rows with the same number of cells, compared cell by cell."""
    cells = []
    changed = False
    for x, y in zip(a.cells, b.cells):
        children, c = diff_inlines(x.children, y.children)
        changed = changed or c
        cells.append(replace(y, children=children))
    return replace(b, cells=tuple(cells)), changed


def diff_blocks(old: tuple, new: tuple) -> tuple[tuple, list[SectionChange], bool]:
    """The blocks of ``new`` with their differences from ``old`` marked, what happened to
    each section, and whether anything changed."""
    changes: list[SectionChange] = []
    merged, _, anything = _Differ().blocks(old, new, changes)
    return merged, changes, anything
