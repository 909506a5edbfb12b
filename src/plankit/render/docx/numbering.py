"""List numbering for the DOCX renderer: every ordered list starts at its own ``start``.

Word's "List Number" paragraph style points at one numbering instance (``w:num``), so all
paragraphs in that style form one long list: the second list of a document would go on
counting from where the first stopped. This module gives every ordered list its own
``w:num`` that shares the style's abstract definition (the looks) and restarts it with a
``w:lvlOverride``/``w:startOverride``, which is what Word itself writes for "Restart at 1".

If the style carries no numbering at all (a reference document may define "List Number"
without it), a plain definition is added to ``numbering.xml`` instead, so lists still show
their numbers and bullets.
"""

from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

__all__ = ["ListNumbering", "ensure_part"]

_INDENT = 360
"""Twentieths of a point per list level for plankit's own definitions (a quarter inch)."""

_BULLETS = ("\u2022", "\u25e6", "\u25aa")
"""Bullet characters by level, from ordinary fonts (no Symbol-font code points)."""


class ListNumbering:
    """Numbering instances for one document being rendered."""

    def __init__(self, document) -> None:
        self._document = document
        self._part = _numbering_part(document)
        self._root = self._part.element
        self._fallback_abstract: dict[tuple[str, int], int] = {}
        self._fallback_num: dict[int, int] = {}

    # ------------------------------------------------------------------ public

    def ordered(self, style, start: int, level: int) -> tuple[int, int]:
        """A new numbering instance for one ordered list in ``style``, counting from ``start``.

        Returns ``(numId, ilvl)`` to put on each item paragraph.
        """
        start = max(0, int(start))
        found = _style_numbering(style)
        if found is None:
            abstract_id, ilvl = self._fallback("decimal", level), 0
        else:
            num_id, ilvl = found
            abstract_id = self._abstract_of(num_id)
            if abstract_id is None:
                abstract_id, ilvl = self._fallback("decimal", level), 0
        num = self._root.add_num(abstract_id)
        override = num.add_lvlOverride(ilvl=ilvl)
        override.add_startOverride(start)
        return num.numId, ilvl

    def bullet(self, style, level: int) -> tuple[int, int] | None:
        """Numbering to put on bullet items, or None when ``style`` already has bullets."""
        found = _style_numbering(style)
        if found is not None and self._abstract_of(found[0]) is not None:
            return None
        abstract_id = self._fallback("bullet", level)
        if abstract_id not in self._fallback_num:
            self._fallback_num[abstract_id] = self._root.add_num(abstract_id).numId
        return self._fallback_num[abstract_id], 0

    # ------------------------------------------------------------------ helpers

    def _abstract_of(self, num_id: int) -> int | None:
        nums = self._root.xpath(f'./w:num[@w:numId="{int(num_id)}"]/w:abstractNumId/@w:val')
        if not nums:
            return None
        abstract_id = int(nums[0])
        if not self._root.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]'):
            return None
        return abstract_id

    def _fallback(self, kind: str, level: int) -> int:
        """The id of a one-level plankit definition of ``kind`` indented for ``level``."""
        key = (kind, level)
        if key in self._fallback_abstract:
            return self._fallback_abstract[key]
        ids = [int(v) for v in self._root.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = max(ids, default=-1) + 1
        left = _INDENT * level
        if kind == "bullet":
            fmt, text = "bullet", _BULLETS[(level - 1) % len(_BULLETS)]
        else:
            fmt, text = "decimal", "%1."
        element = parse_xml(
            f"<w:abstractNum {nsdecls('w')} w:abstractNumId=\"{abstract_id}\">"
            f'<w:nsid w:val="{0x504C4B00 + abstract_id:08X}"/>'
            '<w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{_INDENT}"/></w:pPr>'
            "</w:lvl></w:abstractNum>"
        )
        # Abstract definitions come before every w:num in numbering.xml.
        first_num = self._root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            cleanup = self._root.find(qn("w:numIdMacAtCleanup"))
            if cleanup is not None:
                cleanup.addprevious(element)
            else:
                self._root.append(element)
        self._fallback_abstract[key] = abstract_id
        return abstract_id


def _style_numbering(style) -> tuple[int, int] | None:
    """``(numId, ilvl)`` a paragraph style (or one it is based on) numbers with, if any."""
    seen = 0
    while style is not None and seen < 20:
        p_pr = style.element.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            num_id = num_pr.numId.val
            if num_id == 0:  # numbering explicitly switched off
                return None
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return num_id, ilvl
        style = style.base_style
        seen += 1
    return None


def ensure_part(document) -> None:
    """Give ``document`` a numbering part if its template has none."""
    _numbering_part(document)


def _numbering_part(document) -> NumberingPart:
    """The document's numbering part, added (empty) when the template has none."""
    part = document.part
    try:
        return part.part_related_by(RT.NUMBERING)
    except KeyError:
        pass
    element = parse_xml(f"<w:numbering {nsdecls('w')}/>")
    numbering = NumberingPart(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, element,
                              part.package)
    part.relate_to(numbering, RT.NUMBERING)
    return numbering
