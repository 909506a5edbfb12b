"""The looks of plankit's reference document, as WordprocessingML: styles, list numbering,
the font table and settings.

They follow the PDF (``assets/css/plankit.css`` and ``print.css``): DejaVu Serif for all
text, 10.5 pt body text on 14.7 pt lines, black bold headings, tables with light grey
rules, a shaded bold header row and cell padding, 9.5 pt table text, shaded drafter notes
with a rule on the left, placeholders on a pale yellow ground, and a letter page with
one-inch margins.

Sizes are in the units Word stores: half-points for font sizes (``w:sz``), twentieths of
a point (twips) for spacing, indents and widths, eighths of a point for rules. Line
spacing is "at least" the PDF's line height, because Word's "multiple" spacing multiplies
the font's own line height (1.16 em for DejaVu Serif), not the font size as CSS does.

:mod:`.reference` puts these parts into ``templates/docx/reference.docx``.
"""

from __future__ import annotations

__all__ = ["FONT", "FONT_FALLBACK", "styles_xml", "numbering_xml", "font_table_xml",
           "settings_xml", "SECTION", "TEXT_WIDTH"]

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

FONT = "DejaVu Serif"
"""The font of all text: the one the PDF uses, which ships with plankit."""
FONT_FALLBACK = "Georgia"
"""Named in the font table as the font to use where DejaVu Serif is not installed (the next
choice in plankit.css)."""

PAGE_W, PAGE_H, MARGIN = 12240, 15840, 1440
TEXT_WIDTH = PAGE_W - 2 * MARGIN
SECTION = (f'<w:sectPr><w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
           f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" '
           f'w:left="{MARGIN}" w:header="720" w:footer="720" w:gutter="0"/>'
           '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>')
"""Letter paper, one-inch margins (as print.css), header and footer half an inch from the
edge."""

_LIST_STEP = 378
"""Indent per list level: 1.8 em of body text, as plankit.css."""
_HANG = 270

RULE = "BBBBBB"
"""Table rules (plankit.css ``--rule``)."""
HEAD_FILL = "E9E9E9"
INK = "1A1A1A"


def _spacing(before: int = 0, after: int = 0, line: int = 0) -> str:
    rule = f' w:line="{line}" w:lineRule="atLeast"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{rule}/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _style(kind: str, style_id: str, name: str, *, based: str = "Normal", next_: str = "",
           priority: int | None = None, quick: bool = True, ppr: str = "", rpr: str = "",
           extra: str = "", default: bool = False, hidden: bool = False) -> str:
    out = [f'<w:style w:type="{kind}"' + (' w:default="1"' if default else "")
           + f' w:styleId="{style_id}"><w:name w:val="{name}"/>']
    if based:
        out.append(f'<w:basedOn w:val="{based}"/>')
    if next_:
        out.append(f'<w:next w:val="{next_}"/>')
    if priority is not None:
        out.append(f'<w:uiPriority w:val="{priority}"/>')
    if hidden:
        out.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if quick:
        out.append("<w:qFormat/>")
    if ppr:
        out.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        out.append(f"<w:rPr>{rpr}</w:rPr>")
    out.append(extra)
    out.append("</w:style>")
    return "".join(out)


def _paragraph(style_id: str, name: str, **kw) -> str:
    return _style("paragraph", style_id, name, **kw)


def _headings() -> list[str]:
    """Heading 1 is the PDF's h2 (the title is h1): 13.5, 12 and 10.5 pt bold, deeper
    levels bold italic; space above a heading adds to the 7 pt below a paragraph."""
    looks = {1: (27, 260, 100, 340), 2: (24, 220, 100, 300), 3: (21, 200, 80, 264)}
    out = []
    for level in range(1, 10):
        size, before, after, line = looks.get(level, (21, 160, 60, 264))
        italic = "<w:i/><w:iCs/>" if level >= 4 else ""
        out.append(_paragraph(
            f"Heading{level}", f"heading {level}", next_="Normal", priority=9,
            ppr=("<w:keepNext/><w:keepLines/>" + _spacing(before, after, line)
                 + f'<w:outlineLvl w:val="{level - 1}"/>'),
            rpr=f"<w:b/><w:bCs/>{italic}{_size(size)}"))
    return out


def _lists() -> list[str]:
    out = []
    for kind, num_id in (("Bullet", 1), ("Number", 2)):
        for level in (1, 2, 3):
            suffix = "" if level == 1 else f" {level}"
            out.append(_paragraph(
                f"List{kind}{suffix.strip()}", f"List {kind}{suffix}", priority=None,
                ppr=(f'<w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/>'
                     "</w:numPr>" + _spacing(0, 60, 294)
                     + f'<w:ind w:left="{_LIST_STEP * level}" w:hanging="{_HANG}"/>')))
    for level in (1, 2, 3):
        suffix = "" if level == 1 else f" {level}"
        out.append(_paragraph(
            f"ListContinue{suffix.strip()}", f"List Continue{suffix}",
            ppr=_spacing(0, 60, 294) + f'<w:ind w:left="{_LIST_STEP * level}"/>'))
    return out


def _table_styles() -> list[str]:
    side = '<w:{0} w:val="single" w:sz="6" w:space="0" w:color="' + RULE + '"/>'
    borders = "".join(side.format(s) for s in
                      ("top", "left", "bottom", "right", "insideH", "insideV"))
    normal = _style(
        "table", "TableNormal", "Normal Table", based="", priority=99, quick=False,
        hidden=True, default=True,
        extra=('<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
               '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
               '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
               "</w:tblCellMar></w:tblPr>"))
    grid = _style(
        "table", "TableGrid", "Table Grid", based="TableNormal", priority=59, quick=False,
        ppr=_spacing(0, 0), extra=(
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
            '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            "<w:tcPr><w:tcBorders>"
            f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="{INK}"/></w:tcBorders>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{HEAD_FILL}"/></w:tcPr>'
            "</w:tblStylePr>"))
    return [normal, grid]


def _plankit_styles() -> list[str]:
    note_edge = '<w:{0} w:val="single" w:sz="4" w:space="{1}" w:color="EEF2F7"/>'
    return [
        _style("character", "Placeholder", "Placeholder", based="DefaultParagraphFont",
               priority=30, rpr=('<w:color w:val="5C4400"/>'
                                 '<w:shd w:val="clear" w:color="auto" w:fill="FFF3A8"/>')),
        _paragraph("DrafterNote", "Drafter Note", next_="Normal", priority=31, ppr=(
            "<w:keepLines/><w:pBdr>" + note_edge.format("top", 3)
            + '<w:left w:val="single" w:sz="24" w:space="8" w:color="6B7F99"/>'
            + note_edge.format("bottom", 3) + note_edge.format("right", 8) + "</w:pBdr>"
            + '<w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/>'
            + _spacing(120, 220, 270) + '<w:ind w:left="260" w:right="180"/>'),
            rpr=_size(19)),
        _paragraph("Recital", "Recital", priority=32),
        _paragraph("Signature", "Signature", priority=33,
                   ppr="<w:keepNext/><w:keepLines/>" + _spacing(0, 80, 294)),
        _paragraph("DocumentDate", "Document Date", next_="Normal", priority=34, ppr=(
            f'<w:pBdr><w:bottom w:val="single" w:sz="10" w:space="8" w:color="{INK}"/>'
            "</w:pBdr>" + _spacing(0, 360, 294)),
            rpr='<w:color w:val="555555"/>'),
        _paragraph("TableText", "Table Text", priority=35,
                   ppr=_spacing(0, 0, 266), rpr=_size(19)),
    ]


def styles_xml() -> str:
    """``word/styles.xml``."""
    parts = [
        f'<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}"/>{_size(21)}'
        '<w:lang w:val="en-US"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{_spacing(0, 0)}</w:pPr></w:pPrDefault></w:docDefaults>",
        _paragraph("Normal", "Normal", based="", default=True,
                   ppr="<w:widowControl/>" + _spacing(0, 140, 294)),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", based="",
               priority=1, quick=False, hidden=True, default=True),
        *_table_styles(),
        _style("numbering", "NoList", "No List", based="", priority=99, quick=False,
               hidden=True, default=True),
        _paragraph("Title", "Title", next_="Subtitle", priority=10,
                   ppr="<w:keepNext/><w:keepLines/>" + _spacing(0, 100, 432),
                   rpr=f"<w:b/><w:bCs/>{_size(36)}"),
        _paragraph("Subtitle", "Subtitle", next_="Normal", priority=11,
                   ppr="<w:keepNext/>" + _spacing(0, 80, 336), rpr=_size(24)),
        *_headings(),
        _paragraph("Caption", "caption", next_="Normal", priority=35,
                   ppr="<w:keepNext/><w:keepLines/>" + _spacing(120, 70, 280),
                   rpr=f"<w:b/><w:bCs/>{_size(20)}"),
        *_lists(),
        _paragraph("TOCHeading", "TOC Heading", based="Heading1", next_="Normal",
                   priority=39, ppr=_spacing(0, 160) + '<w:outlineLvl w:val="9"/>'),
        *(_paragraph(f"TOC{n}", f"toc {n}", next_="Normal", priority=39, quick=False,
                     ppr=(f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/>'
                          f"</w:tabs>{_spacing(0, 60, 294)}"
                          + (f'<w:ind w:left="{432 * (n - 1)}"/>' if n > 1 else "")))
          for n in (1, 2, 3)),
        _paragraph("Header", "header", priority=99, quick=False, ppr=(
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>{_spacing(0, 0)}'),
            rpr=f'<w:color w:val="555555"/>{_size(17)}'),
        _paragraph("Footer", "footer", priority=99, quick=False, ppr=(
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_WIDTH // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>{_spacing(0, 0)}'
            '<w:jc w:val="center"/>'),
            rpr=f'<w:color w:val="333333"/>{_size(18)}'),
        *_plankit_styles(),
        "</w:styles>",
    ]
    return "".join(parts)


_BULLETS = ("\u2022", "\u25e6", "\u25aa")


def numbering_xml() -> str:
    """``word/numbering.xml``: bullets (list 1) and numbers (list 2), three levels each."""
    out = [f"<w:numbering {W}>"]
    for abstract, kind in ((0, "bullet"), (1, "decimal")):
        out.append(f'<w:abstractNum w:abstractNumId="{abstract}">'
                   f'<w:nsid w:val="{0x504C4B10 + abstract:08X}"/>'
                   '<w:multiLevelType w:val="multilevel"/>')
        for level in range(3):
            text = _BULLETS[level] if kind == "bullet" else f"%{level + 1}."
            out.append(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/>'
                       f'<w:numFmt w:val="{kind}"/><w:lvlText w:val="{text}"/>'
                       '<w:lvlJc w:val="left"/><w:pPr>'
                       f'<w:ind w:left="{_LIST_STEP * (level + 1)}" w:hanging="{_HANG}"/>'
                       "</w:pPr></w:lvl>")
        out.append("</w:abstractNum>")
    out.append('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
               '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    return "".join(out)


def font_table_xml(panose: str, signature: dict[str, str]) -> str:
    """``word/fontTable.xml``: DejaVu Serif, described well enough (PANOSE class, serif
    family, Unicode and code page coverage) for Word to pick a similar serif font where
    it is not installed, with Georgia named as the first choice."""
    sig = " ".join(f'w:{k}="{v}"' for k, v in signature.items())
    return (f'<w:fonts {W}><w:font w:name="{FONT}"><w:altName w:val="{FONT_FALLBACK}"/>'
            f'<w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
            '<w:family w:val="roman"/><w:pitch w:val="variable"/>'
            f"<w:sig {sig}/></w:font></w:fonts>")


def settings_xml() -> str:
    """``word/settings.xml``: Word 2013 layout rules, US English separators."""
    return (f'<w:settings {W}><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/><w:compat>'
            '<w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
            '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="enableOpenTypeFeatures" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '<w:compatSetting w:name="doNotFlipMirrorIndents" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
            '</w:compat><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
            "</w:settings>")
