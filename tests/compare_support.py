"""Helpers for the comparison tests: random pairs of document trees, and a DOCX's text with
every tracked change accepted or rejected (as Word's Accept All and Reject All would leave
it), read straight from its WordprocessingML."""

from __future__ import annotations

import io
import zipfile

from hypothesis import strategies as st
from lxml import etree

from plankit import document as d

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# --------------------------------------------------------------------------- DOCX text


def resolved_lines(docx: bytes, keep: str) -> list[str]:
    """The non-empty paragraphs of a DOCX body as plain text, with every change accepted
    (``keep="ins"``) or rejected (``keep="del"``): the dropped side's runs and rows go, and
    a paragraph whose mark is dropped runs on into the next one."""
    drop = {W + "del", W + "moveFrom"} if keep == "ins" else {W + "ins", W + "moveTo"}
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    lines: list[str] = []
    carry = ""
    for p in body.iter(W + "p"):
        row = next((a for a in p.iterancestors(W + "tr")), None)
        if row is not None:
            props = row.find(W + "trPr")
            if props is not None and any(c.tag in drop for c in props):
                continue
        text = []
        for node in p.iter(W + "t", W + "delText", W + "br", W + "tab"):
            if any(a.tag in drop for a in _between(node, p)):
                continue
            if node.tag == W + "br":
                text.append("\n")
            elif node.tag == W + "tab":
                text.append("\t")
            else:
                text.append(node.text or "")
        mark = p.find(f"{W}pPr/{W}rPr")
        joined = carry + "".join(text)
        if mark is not None and any(c.tag in drop for c in mark):
            carry = joined
            continue
        carry = ""
        if joined.strip():
            lines.append(joined)
    if carry.strip():
        lines.append(carry)
    return lines


def _between(node, p):
    """The ancestors of ``node`` inside paragraph ``p``."""
    out = []
    for a in node.iterancestors():
        if a is p:
            break
        out.append(a)
    return out


def revision_tags(docx: bytes) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return {e.tag.replace(W, "w:") for e in root.iter()
            if e.tag in (W + "ins", W + "del", W + "moveFrom", W + "moveTo")}


# --------------------------------------------------------------------------- random trees

WORDS = ("the", "Agency", "shall", "data", "within", "24", "72", "hours", "$21.50", "$22.75",
         "Breach", "notice", "party,", "report.", "each", "(a)", "year", "records", "may",
         "not", "wage", "Section", "3.2", "—", "Ünïcode", "ends;")


def _text(draw, lo=1, hi=10) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=lo, max_size=hi)))


@st.composite
def inlines(draw) -> tuple:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 9))
        if kind <= 4:
            out.append(d.Text(_text(draw) + " "))
        elif kind == 5:
            out.append(d.Strong((d.Text(_text(draw, 1, 3)),)))
        elif kind == 6:
            out.append(d.Emph((d.Text(_text(draw, 1, 3)),)))
        elif kind == 7:
            out.append(d.Placeholder(name="term.hours", prompt=draw(st.sampled_from(
                ("the number of hours", "the state statute")))))
        elif kind == 8:
            out.append(d.XRef(target="s", label=draw(st.sampled_from(("Section 1", "Section 2")))))
        else:
            out.append(d.LineBreak())
    return tuple(out)


@st.composite
def blocks(draw) -> object:
    kind = draw(st.integers(0, 9))
    if kind <= 5:
        return d.Paragraph(children=draw(inlines()))
    if kind <= 7:
        items = tuple(d.ListItem(children=(d.Paragraph(children=draw(inlines())),))
                      for _ in range(draw(st.integers(1, 4))))
        return d.BulletList(items=items) if kind == 6 else d.OrderedList(items=items)
    cols = draw(st.integers(2, 3))

    def row():
        return d.TableRow(cells=tuple(d.TableCell(children=(d.Text(_text(draw, 2, 4)),))
                                      for _ in range(cols)))
    return d.Table(header=row(), rows=tuple(row() for _ in range(draw(st.integers(2, 5)))),
                   caption=draw(st.sampled_from(("", "Data elements"))))


@st.composite
def sections(draw, depth: int = 0) -> d.Section:
    children = list(draw(st.lists(blocks(), min_size=0, max_size=3)))
    if depth < 1:
        children += draw(st.lists(sections(depth + 1), min_size=0, max_size=2))
    ident = draw(st.sampled_from(("", "", "clause.a", "clause.b", "clause.c")))
    return d.Section(title=(d.Text(_text(draw, 1, 4)),), children=tuple(children),
                     attrs=d.Attrs(id=ident))


def _unique_ids(blocks_: tuple, seen: set) -> tuple:
    out = []
    for b in blocks_:
        if isinstance(b, d.Section):
            ident = b.attrs.id
            if ident in seen:
                ident = ""
            seen.add(ident)
            b = d.replace(b, attrs=d.Attrs(id=ident), children=_unique_ids(b.children, seen))
        out.append(b)
    return tuple(out)


def numbered(blocks_: tuple, prefix: str = "") -> tuple:
    """Sections numbered as the numbering pass numbers them."""
    out, n = [], 0
    for b in blocks_:
        if isinstance(b, d.Section):
            n += 1
            number = f"{prefix}{n}"
            b = d.replace(b, number=number, children=numbered(b.children, number + "."))
        out.append(b)
    return tuple(out)


def _mutate_inlines(draw, xs: tuple) -> tuple:
    xs = list(xs)
    for _ in range(draw(st.integers(0, 2))):
        op = draw(st.integers(0, 2))
        if op == 0 and xs:
            del xs[draw(st.integers(0, len(xs) - 1))]
        elif op == 1:
            xs.insert(draw(st.integers(0, len(xs))), draw(inlines())[0])
        elif xs:
            i = draw(st.integers(0, len(xs) - 1))
            if isinstance(xs[i], d.Text):
                words = xs[i].text.split(" ")
                words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(WORDS))
                xs[i] = d.Text(" ".join(words))
    return tuple(xs) or (d.Text("word"),)


def _mutate_block(draw, b):
    if isinstance(b, d.Paragraph):
        return d.replace(b, children=_mutate_inlines(draw, b.children))
    if isinstance(b, (d.BulletList, d.OrderedList)):
        items = [d.ListItem(children=(d.replace(i.children[0], children=_mutate_inlines(
            draw, i.children[0].children)),)) if draw(st.booleans()) else i for i in b.items]
        if draw(st.booleans()):
            items.insert(draw(st.integers(0, len(items))),
                         d.ListItem(children=(d.Paragraph(children=draw(inlines())),)))
        if len(items) > 1 and draw(st.booleans()):
            del items[draw(st.integers(0, len(items) - 1))]
        return d.replace(b, items=tuple(items))
    if isinstance(b, d.Table):
        rows = list(b.rows)
        if rows and draw(st.booleans()):
            i = draw(st.integers(0, len(rows) - 1))
            cells = list(rows[i].cells)
            cells[0] = d.TableCell(children=(d.Text(_text(draw, 1, 3)),))
            rows[i] = d.TableRow(cells=tuple(cells))
        if draw(st.booleans()):
            rows.insert(draw(st.integers(0, len(rows))), d.TableRow(cells=tuple(
                d.TableCell(children=(d.Text(_text(draw, 1, 3)),)) for _ in b.header.cells)))
        if len(rows) > 1 and draw(st.booleans()):
            del rows[draw(st.integers(0, len(rows) - 1))]
        return d.replace(b, rows=tuple(rows))
    if isinstance(b, d.Section):
        title = b.title if draw(st.integers(0, 3)) else (d.Text(_text(draw, 1, 4)),)
        return d.replace(b, title=title, children=mutate(draw, b.children))
    return b


def mutate(draw, blocks_: tuple) -> tuple:
    out = []
    for b in blocks_:
        op = draw(st.integers(0, 9))
        if op == 0:
            continue  # removed
        if op == 1:
            out.append(draw(sections(1)) if isinstance(b, d.Section) else draw(blocks()))
            continue  # replaced
        out.append(_mutate_block(draw, b) if op <= 5 else b)
        if op == 9:
            out.append(draw(blocks()))  # added after it
    sections_at = [i for i, b in enumerate(out) if isinstance(b, d.Section)]
    if len(sections_at) > 1 and draw(st.integers(0, 2)) == 0:  # a section moved
        i, j = draw(st.sampled_from(sections_at)), draw(st.sampled_from(sections_at))
        out.insert(j, out.pop(i))
    return tuple(out)


@st.composite
def document_pairs(draw) -> tuple[d.Document, d.Document]:
    old = _unique_ids(tuple(draw(st.lists(sections(), min_size=1, max_size=4))), set())
    if draw(st.booleans()):
        old = (d.Paragraph(children=draw(inlines())),) + old
    new = _unique_ids(mutate(draw, old), set())
    make = lambda children: d.Document(title="T", children=numbered(children), date="2026-04-20")  # noqa: E731
    return make(old), make(new)


# --------------------------------------------------------------------------- LibreOffice

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Run(sList As String)
  Dim hidden(0) As New com.sun.star.beans.PropertyValue
  hidden(0).Name = "Hidden"
  hidden(0).Value = True
  Dim filter(0) As New com.sun.star.beans.PropertyValue
  filter(0).Name = "FilterName"
  oDisp = createUnoService("com.sun.star.frame.DispatchHelper")
  iFile = FreeFile
  Open sList For Input As #iFile
  Do While Not EOF(iFile)
    Line Input #iFile, sLine
    parts = Split(sLine, Chr(9))
    If UBound(parts) = 3 Then
      oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(1)), "_blank", 0, hidden())
      If parts(0) &lt;&gt; "" Then
        oDisp.executeDispatch(oDoc.getCurrentController().getFrame(), ".uno:" &amp; parts(0), _
                              "", 0, Array())
      End If
      filter(0).Value = parts(3)
      oDoc.storeToURL(ConvertToURL(parts(2)), filter())
      oDoc.close(True)
    End If
  Loop
  Close #iFile
End Sub
</script:module>
"""

_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""

_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 {}
</library:library>
"""

PDF = "writer_pdf_Export"
TEXT = "Text (encoded)"


def libreoffice(soffice: str, profile, jobs: list[tuple[str, object, object, str]]) -> None:
    """One LibreOffice run over ``jobs``: (command, input DOCX, output file, export filter).
    The command ("AcceptAllTrackedChanges", "RejectAllTrackedChanges" or "" for none) is
    what Edit > Track Changes > Accept All (or Reject All) does."""
    import subprocess
    from pathlib import Path

    command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
               "--norestore"]
    # a new profile is made on the first start, over anything already in it: make it, then
    # put the macro in its Standard library
    subprocess.run(command + ["--terminate_after_init"], check=True, capture_output=True,
                   timeout=300)
    basic = Path(profile) / "user" / "basic"
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(_LIBRARIES)
    (basic / "dialog.xlc").write_text(_LIBRARIES)
    (basic / "Standard" / "script.xlb").write_text(
        _LIBRARY.format('<library:element library:name="Module1"/>'))
    (basic / "Standard" / "dialog.xlb").write_text(_LIBRARY.format(""))
    (basic / "Standard" / "Module1.xba").write_text(_MACRO)
    listing = Path(profile) / "jobs.txt"
    listing.write_text("".join(f"{c}\t{i}\t{o}\t{f}\n" for c, i, o, f in jobs))
    subprocess.run(command + [f'macro:///Standard.Module1.Run("{listing}")'], check=True,
                   capture_output=True, timeout=600)


def text_lines(path) -> list[str]:
    """The non-empty lines of a text file LibreOffice wrote."""
    from pathlib import Path

    return [line for line in Path(path).read_text("utf-8-sig").splitlines() if line.strip()]
