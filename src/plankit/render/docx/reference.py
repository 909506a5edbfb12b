"""plankit's reference document, ``templates/docx/reference.docx``, built from code.

The DOCX renderer starts every document from this file (unless ``--reference-docx`` names
another): its styles, list numbering, page setup and font table give plankit's Word files
the look of its PDFs. The file is never edited by hand; change :mod:`.looks` and rebuild::

    python -m plankit.render.docx.reference      # or: make reference

The build is reproducible: the same code gives the same bytes (parts in a fixed order,
fixed dates, stored without compression so that no zlib version can change them), and a
test checks that the committed file is what the code builds.

Its body shows each style once, so that an agency can open it in Word, change the looks,
save it under another name and pass it with ``--reference-docx``. plankit keeps only the
styles, numbering and page setup of a reference document, never its text.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from plankit.paths import DOCX_REFERENCE
from plankit.render.docx import looks

__all__ = ["REFERENCE", "build", "main"]


REFERENCE = DOCX_REFERENCE
"""Where the reference document is kept (inside the package data when installed)."""

_DATE = (1980, 1, 1, 0, 0, 0)
_STAMP = "2024-01-01T00:00:00Z"

_NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "odr": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _content_types() -> str:
    overrides = [
        ("/word/document.xml", f"{_WML}.document.main+xml"),
        ("/word/styles.xml", f"{_WML}.styles+xml"),
        ("/word/numbering.xml", f"{_WML}.numbering+xml"),
        ("/word/settings.xml", f"{_WML}.settings+xml"),
        ("/word/fontTable.xml", f"{_WML}.fontTable+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    return (f'<Types xmlns="{_NS["ct"]}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                      for name, kind in overrides)
            + "</Types>")


def _relationships(targets: list[tuple[str, str]]) -> str:
    return (f'<Relationships xmlns="{_NS["rel"]}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
                      for i, (kind, target) in enumerate(targets, start=1))
            + "</Relationships>")


def _package_rels() -> str:
    return _relationships([
        (f"{_NS['odr']}/officeDocument", "word/document.xml"),
        ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
         "core-properties", "docProps/core.xml"),
        (f"{_NS['odr']}/extended-properties", "docProps/app.xml"),
    ])


def _document_rels() -> str:
    return _relationships([(f"{_NS['odr']}/{kind}", f"{kind}.xml") for kind in
                           ("styles", "numbering", "settings")]
                          + [(f"{_NS['odr']}/fontTable", "fontTable.xml")])


def _core() -> str:
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            "<dc:title>plankit reference document</dc:title><dc:creator>plankit</dc:creator>"
            "<cp:lastModifiedBy>plankit</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{_STAMP}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{_STAMP}</dcterms:modified>'
            "</cp:coreProperties>")


def _app() -> str:
    return ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties">'
            "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
            "<Application>plankit</Application><DocSecurity>0</DocSecurity></Properties>")


# --------------------------------------------------------------------------- sample body


def _p(style: str | None, *runs: str, num: tuple[int, int] | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return (f"<w:p><w:pPr>{props}</w:pPr>" if props else "<w:p>") + "".join(runs) + "</w:p>"


def _r(text: str, *, style: str = "", bold: bool = False) -> str:
    props = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/>" if bold else "")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return (f"<w:r><w:rPr>{props}</w:rPr>" if props else "<w:r>") + \
        f"<w:t{space}>{text}</w:t></w:r>"


def _cell(width: int, text: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'{_p("TableText", _r(text) if text else "")}</w:tc>')


def _sample_table() -> str:
    widths = [2600, 3960, 2800]
    rows = [("Column heading", "The header row is shaded and repeats on every page",
             "Table Text style"),
            ("Cell text", "Table text is a little smaller than body text", "9.5 pt"),
            ("", "", "")]
    out = ['<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
           f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
           'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out.append("</w:tblGrid>")
    for i, row in enumerate(rows):
        props = ("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if i == 0 else
                 '<w:trPr><w:trHeight w:val="432" w:hRule="atLeast"/></w:trPr>'
                 if not any(row) else "")
        out.append("<w:tr>" + props + "".join(_cell(w, t) for w, t in zip(widths, row))
                   + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _body() -> str:
    blank = "_" * 30
    return "".join([
        _p("Title", _r("Title of the document")),
        _p("Subtitle", _r("Subtitle")),
        _p("DocumentDate", _r("Document Date: version and date, above a rule")),
        _p("Heading1", _r("1 Heading 1")),
        _p(None, _r("Normal: body text. plankit starts every Word file from this "
                    "document and keeps its styles, list numbering and page setup, never "
                    "its text. Change a style here, save the file under another name and "
                    "give it to plankit build with --reference-docx. A missing fact "
                    "shows as "), _r("[a placeholder]", style="Placeholder"), _r(".")),
        _p("Heading2", _r("1.1 Heading 2")),
        _p("ListBullet", _r("List Bullet")),
        _p("ListBullet2", _r("List Bullet 2")),
        _p("ListContinue", _r("List Continue: more text in the item above")),
        _p("ListNumber", _r("List Number")),
        _p("ListNumber2", _r("List Number 2")),
        _p("Heading3", _r("1.1.1 Heading 3")),
        _p("Recital", _r("Recital: WHEREAS the parties share data;")),
        _p("DrafterNote", _r("Drafter note: ", bold=True),
           _r("Drafter Note: what a reviewer should confirm.")),
        _p("Caption", _r("Caption: the title of a table")),
        _sample_table(),
        _p("Heading4", _r("Heading 4")),
        _p("Signature", _r("Signature: name of the party", bold=True)),
        _p("Signature", _r(f"By: {blank}")),
        _p("Signature", _r(f"Name: {blank}")),
    ])


def _document() -> str:
    return (f'<w:document {looks.W} xmlns:r="{_NS["odr"]}"><w:body>{_body()}'
            f"{looks.SECTION}</w:body></w:document>")


# --------------------------------------------------------------------------- package


def _font_facts(font: Path) -> tuple[str, dict[str, str]]:
    """The PANOSE number and Unicode and code page coverage of the body font."""
    from fontTools.ttLib import TTFont

    os2 = TTFont(str(font), lazy=True)["OS/2"]
    p = os2.panose
    panose = "".join(f"{v:02X}" for v in (
        p.bFamilyType, p.bSerifStyle, p.bWeight, p.bProportion, p.bContrast,
        p.bStrokeVariation, p.bArmStyle, p.bLetterForm, p.bMidline, p.bXHeight))
    signature = {
        "usb0": f"{os2.ulUnicodeRange1:08X}", "usb1": f"{os2.ulUnicodeRange2:08X}",
        "usb2": f"{os2.ulUnicodeRange3:08X}", "usb3": f"{os2.ulUnicodeRange4:08X}",
        "csb0": f"{os2.ulCodePageRange1:08X}", "csb1": f"{os2.ulCodePageRange2:08X}",
    }
    return panose, signature


def parts() -> list[tuple[str, str]]:
    """The package's parts, ``(name, XML)``, in the order they are stored."""
    from plankit.paths import ASSETS_DIR

    panose, signature = _font_facts(ASSETS_DIR / "fonts" / "DejaVuSerif.ttf")
    return [
        ("[Content_Types].xml", _content_types()),
        ("_rels/.rels", _package_rels()),
        ("docProps/core.xml", _core()),
        ("docProps/app.xml", _app()),
        ("word/document.xml", _document()),
        ("word/_rels/document.xml.rels", _document_rels()),
        ("word/styles.xml", looks.styles_xml()),
        ("word/numbering.xml", looks.numbering_xml()),
        ("word/settings.xml", looks.settings_xml()),
        ("word/fontTable.xml", looks.font_table_xml(panose, signature)),
    ]


def build() -> bytes:
    """The reference document's bytes: the same on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as package:
        for name, xml in parts():
            entry = zipfile.ZipInfo(name, date_time=_DATE)
            entry.compress_type = zipfile.ZIP_STORED
            entry.create_system = 3
            entry.external_attr = 0o100644 << 16
            package.writestr(entry, (_HEAD + xml).encode("utf-8"))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the reference document (to the path given, else to its place in
    ``templates/docx``); with ``--check``, only say whether the committed file is current."""
    args = sys.argv[1:] if argv is None else argv
    data = build()
    paths = [a for a in args if not a.startswith("-")]
    target = Path(paths[0]) if paths else REFERENCE
    if "--check" in args:
        if not target.exists() or target.read_bytes() != data:
            print(f"{target} is out of date; run python -m plankit.render.docx.reference",
                  file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
