"""Styles for the DOCX renderer: the renderer names styles, the document defines them.

The looks live in the starting document: plankit's reference document
(``templates/docx/reference.docx``, built by :mod:`.reference` from :mod:`.looks`), or a
reference document the user gives. This module only makes sure every style the renderer
names exists:

* plankit's own styles ("Placeholder", "Drafter Note", "Recital", "Signature",
  "Document Date", "Table Text") come with plankit's reference document; a user's
  reference document that lacks one gets plankit's definition, and one that defines it
  keeps its own;
* Word's built-in styles ("Heading 1".."Heading 9", "List Number", "Table Grid"…) are taken
  from the starting document; a reference document saved by Word often leaves out the
  ones it never used, so plankit's definitions are added for any that are missing (plain
  stand-ins for the few plankit's reference does not define either).
"""

from __future__ import annotations

import zipfile
from functools import lru_cache

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.styles import BabelFish
from docx.styles.style import StyleFactory
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt
from lxml import etree

from plankit.paths import DOCX_REFERENCE

__all__ = [
    "PLACEHOLDER", "DRAFTER_NOTE", "RECITAL", "SIGNATURE", "DOCUMENT_DATE", "TABLE_TEXT",
    "ROLE_STYLES", "ensure_styles", "paragraph_style", "character_style", "table_style",
    "role_style", "set_document_language", "StyleIndex", "StyleBook",
]

PLACEHOLDER = "Placeholder"
"""Character style of ``[prompt]`` runs: on a pale yellow ground."""
DRAFTER_NOTE = "Drafter Note"
"""Paragraph style of drafter notes: shaded, with a rule on the left."""
RECITAL = "Recital"
"""Paragraph style of recitals ("WHEREAS…")."""
SIGNATURE = "Signature"
"""Paragraph style of signature lines."""
DOCUMENT_DATE = "Document Date"
"""Paragraph style of the date line under the title."""
TABLE_TEXT = "Table Text"
"""Paragraph style of text in table cells: a little smaller than body text, so that tables
of five or six columns fit their words across the page."""

PLANKIT_STYLES = (PLACEHOLDER, DRAFTER_NOTE, RECITAL, SIGNATURE, DOCUMENT_DATE, TABLE_TEXT)

ROLE_STYLES = {"recital": RECITAL, "recitals": RECITAL}
"""``attrs.role`` -> paragraph style. Other roles use a style named like the role
("definitions" -> "Definitions") when the reference document has one."""

_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


# --------------------------------------------------------------------------- lookups


def _find(document, name: str, style_type: WD_STYLE_TYPE):
    styles = document.styles
    if name not in styles:
        return None
    style = styles[name]
    return style if style.type == style_type else None


def paragraph_style(document, name: str):
    """The paragraph style ``name``, added as a plain stand-in if the document lacks it."""
    style = _find(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if style is None:
        if name in document.styles:  # the name is taken by a character or table style
            return paragraph_style(document, "Normal") if name != "Normal" else None
        style = _add_builtin_standin(document, name)
    return style


def character_style(document, name: str):
    """The character style ``name``, or None if the document has no such character style."""
    return _find(document, name, WD_STYLE_TYPE.CHARACTER)


def table_style(document, name: str):
    """The table style ``name`` (e.g. "Table Grid"), added from plankit's reference document
    (or as a bordered grid) if missing."""
    style = _find(document, name, WD_STYLE_TYPE.TABLE)
    if style is None and name in document.styles:  # taken by a paragraph style
        return None
    if style is None:
        style = _from_reference(document, name, WD_STYLE_TYPE.TABLE)
    if style is None:
        style = document.styles.add_style(name, WD_STYLE_TYPE.TABLE)
        style.base_style = None
        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        sides = "".join(border.format(s) for s in
                        ("top", "left", "bottom", "right", "insideH", "insideV"))
        style.element.append(parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>{sides}</w:tblBorders>"
            '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"))
    return style


def role_style(document, role: str, custom: str = "") -> str:
    """The paragraph style for a node's role, or "" when the role has none.

    ``custom`` (the ``custom-style`` attribute, as in pandoc) names a style directly; it is
    used only if the document defines it.
    """
    for name in (custom, ROLE_STYLES.get(role.lower(), ""), role.replace("-", " ").title()):
        if name and _find(document, name, WD_STYLE_TYPE.PARAGRAPH) is not None:
            return name
    return ""


# --------------------------------------------------------------------------- plankit styles


def ensure_styles(document) -> None:
    """Add plankit's own styles to ``document`` unless it already has them."""
    styles = document.styles
    for name in PLANKIT_STYLES:
        if name not in styles:
            kind = WD_STYLE_TYPE.CHARACTER if name == PLACEHOLDER else WD_STYLE_TYPE.PARAGRAPH
            if _from_reference(document, name, kind) is None:  # pragma: no cover
                raise LookupError(f"plankit's reference document lacks the style {name!r}")


@lru_cache(maxsize=1)
def _reference_styles() -> dict[str, tuple[str | None, bytes]]:
    """Internal style name -> (type, ``w:style`` XML) in plankit's reference document."""
    with zipfile.ZipFile(DOCX_REFERENCE) as package:
        root = etree.fromstring(package.read("word/styles.xml"))
    out: dict[str, tuple[str | None, bytes]] = {}
    for element in root.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")), (element.get(qn("w:type")),
                                                   etree.tostring(element)))
    return out


_TYPE_NAMES = {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.CHARACTER: "character",
               WD_STYLE_TYPE.TABLE: "table"}


def _from_reference(document, name: str, style_type: WD_STYLE_TYPE):
    """Style ``name`` copied from plankit's reference document into ``document``, or None
    if the reference has no such style of that type.

    The copy drops what would point at nothing in ``document``: list numbering (which
    lives in the reference's numbering part), and a base or next style it lacks. Its id
    is made unique; it is never a default style.
    """
    found = _reference_styles().get(BabelFish.ui2internal(name))
    if found is None or found[0] != _TYPE_NAMES.get(style_type):
        return None
    element = parse_xml(found[1])
    root = document.styles.element
    ids = {s.get(qn("w:styleId")) for s in root.findall(qn("w:style"))}
    p_pr = element.find(qn("w:pPr"))
    if p_pr is not None:
        for num_pr in p_pr.findall(qn("w:numPr")):
            p_pr.remove(num_pr)
    for tag in ("w:basedOn", "w:next", "w:link"):
        ref = element.find(qn(tag))
        if ref is not None and ref.get(qn("w:val")) not in ids:
            element.remove(ref)
    element.attrib.pop(qn("w:default"), None)
    base = style_id = element.get(qn("w:styleId"))
    n = 1
    while style_id in ids:
        n += 1
        style_id = f"{base}{n}"
    element.set(qn("w:styleId"), style_id)
    root.append(element)
    return StyleFactory(element)


# --------------------------------------------------------------------------- stand-ins


def _add_builtin_standin(document, name: str):
    """A definition for a Word built-in style the starting document does not define:
    plankit's, or a plain one if plankit's reference lacks it too."""
    style = _from_reference(document, name, WD_STYLE_TYPE.PARAGRAPH)
    if style is not None:
        return style
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin=True)
    if name != "Normal":
        style.base_style = paragraph_style(document, "Normal")
    fmt, font = style.paragraph_format, style.font
    words = name.split()
    level = int(words[-1]) if words[-1].isdigit() else 1
    if name.startswith("Heading"):
        font.bold = True
        fmt.keep_with_next = True
        p_pr = style.element.get_or_add_pPr()
        p_pr.get_or_add_outlineLvl().val = min(level, 9) - 1
    elif name.startswith(("List", "TOC", "toc")):
        fmt.left_indent = Inches(0.25 * level)
        fmt.space_after = Pt(2)
    return style


# --------------------------------------------------------------------------- language


def set_document_language(document, lang: str) -> None:
    """Make ``lang`` the default language of all text (``w:lang`` in ``w:docDefaults``)."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        root.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}/>")
        defaults.insert(0, r_pr_default)
    r_pr = r_pr_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        r_pr_default.append(r_pr)
    lang_el = r_pr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = parse_xml(f"<w:lang {nsdecls('w')}/>")
        r_pr.insert_element_before(lang_el, *_RPR_AFTER_LANG)
    lang_el.set(qn("w:val"), lang)


# --------------------------------------------------------------------------- fast lookups


class StyleIndex:
    """The names, types and ids of a starting document's styles, read once.

    python-docx finds a style by reading every style's name, each time; a render asks for
    a style dozens of times. The index answers from a dictionary. It describes the
    starting document only: a style added while rendering (a stand-in for a missing
    built-in) is not in it, so a name the index does not know is looked up the slow way.
    """

    def __init__(self, document) -> None:
        self.by_name: dict[str, tuple[WD_STYLE_TYPE | None, str | None]] = {}
        """Internal style name -> (``w:type``, ``w:styleId``) of the first style so named."""
        self.defaults: dict[WD_STYLE_TYPE, str | None] = {}
        """Style type -> id of the default style of that type (the last one, as Word)."""
        for element in document.styles.element.style_lst:
            raw_type = element.type
            name = element.name_val
            if name is not None and name not in self.by_name:
                self.by_name[name] = (raw_type, element.styleId)
            if raw_type is not None and element.default:
                self.defaults[raw_type] = element.styleId

    def find(self, name: str, style_type: WD_STYLE_TYPE) -> str | None | bool:
        """The id of style ``name`` if the index knows it as a ``style_type`` style;
        False if it knows the name as another type; None if it cannot tell."""
        entry = self.by_name.get(BabelFish.ui2internal(name))
        if entry is None or entry[0] is None:
            return None
        return entry[1] if entry[0] == style_type else False


_SLOW = object()


class StyleBook:
    """Style lookups for one render: answers from a :class:`StyleIndex` where it can, and
    otherwise from the document itself, with the same results and side effects (adding a
    stand-in for a missing built-in) as :func:`paragraph_style` and friends."""

    def __init__(self, document, index: StyleIndex) -> None:
        self.document = document
        self.index = index
        self._ids: dict[tuple[str, str], str | None] = {}
        self._roles: dict[tuple[str, str], str] = {}
        self._paragraphs: dict[str, object] = {}

    def _changed(self) -> None:
        """A slow lookup may have added a style: forget answers that could change."""
        self._roles.clear()

    def _fast_id(self, name: str, style_type: WD_STYLE_TYPE):
        """The id to write for a style the index knows with the right type, else _SLOW."""
        found = self.index.find(name, style_type)
        if not isinstance(found, str):
            return _SLOW
        default = self.index.defaults.get(style_type)
        return None if default is not None and found == default else found

    def _slow_id(self, kind: str, name: str) -> str | None:
        document = self.document
        if kind == "p":
            style = paragraph_style(document, name)
            default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        elif kind == "c":
            style = character_style(document, name)
            default = document.styles.default(WD_STYLE_TYPE.CHARACTER)
        else:
            style = table_style(document, name)
            default = document.styles.default(WD_STYLE_TYPE.TABLE)
        self._changed()
        if style is None or (default is not None and style.style_id == default.style_id):
            return None
        return style.style_id

    def style_id(self, kind: str, name: str) -> str | None:
        """The id to write for paragraph ("p"), character ("c") or table ("t") style
        ``name``; None for the default style of its type (Word applies it when no style
        is named) or a character style the document lacks. A missing paragraph or table
        style is added as a stand-in, as :func:`paragraph_style` and :func:`table_style`
        do."""
        key = (kind, name)
        try:
            return self._ids[key]
        except KeyError:
            pass
        style_type = {"p": WD_STYLE_TYPE.PARAGRAPH, "c": WD_STYLE_TYPE.CHARACTER,
                      "t": WD_STYLE_TYPE.TABLE}[kind]
        found = self._fast_id(name, style_type)
        if found is _SLOW:
            found = self._slow_id(kind, name)
        self._ids[key] = found
        return found

    def paragraph(self, name: str):
        """The paragraph style object ``name`` (see :func:`paragraph_style`)."""
        try:
            return self._paragraphs[name]
        except KeyError:
            pass
        style = None
        if isinstance(self.index.find(name, WD_STYLE_TYPE.PARAGRAPH), str):
            element = self.document.styles.element.get_by_name(BabelFish.ui2internal(name))
            style = StyleFactory(element) if element is not None else None
        if style is None:
            style = paragraph_style(self.document, name)
            self._changed()
        self._paragraphs[name] = style
        return style

    def has_paragraph(self, name: str) -> bool:
        """``paragraph_style(document, name) is not None`` (adding a stand-in if needed)."""
        return self.paragraph(name) is not None

    def role(self, role: str, custom: str = "") -> str:
        """:func:`role_style` for this document."""
        key = (role, custom)
        try:
            return self._roles[key]
        except KeyError:
            pass
        found = ""
        for name in (custom, ROLE_STYLES.get(role.lower(), ""), role.replace("-", " ").title()):
            if not name:
                continue
            known = self.index.find(name, WD_STYLE_TYPE.PARAGRAPH)
            if isinstance(known, str) or (
                    known is None and _find(self.document, name, WD_STYLE_TYPE.PARAGRAPH)
                    is not None):
                found = name
                break
        self._roles[key] = found
        return found
