"""DOCX renderer: structure, accessibility markers, numbering, escaping and determinism."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from plankit.document import (
    Attrs, BulletList, ClauseUse, Container, Document, Emph, LineBreak, ListItem, Note,
    OrderedList, Paragraph, Placeholder, Provenance, Section, Signatory, SignatureBlock,
    Strong, Table, TableCell, TableRow, Text, XRef,
)
from plankit.errors import InputError, UsageError
from plankit.render import get_renderer
from plankit.render.docx import DocxRenderer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = "**x** <b>y</b> {{ 7*7 }} & \"q\" 'a' ]]> &amp;"


def para(*inlines, **kw) -> Paragraph:
    return Paragraph(children=tuple(Text(i) if isinstance(i, str) else i for i in inlines), **kw)


def item(*inlines) -> ListItem:
    return ListItem(children=(para(*inlines),))


def sample() -> Document:
    """A small document that uses every node type."""
    table = Table(
        header=TableRow(cells=(TableCell((Text("Measure"),)),
                               TableCell((Text("Target"),), align="right"))),
        rows=(
            TableRow(cells=(TableCell((Text("Credential attainment"),)),
                            TableCell((Text("68%"),), align="right"))),
            TableRow(cells=(TableCell((Strong((Text("Employment"),)),)),
                            TableCell((Placeholder("targets.employment", "employment rate"),),
                                      align="center"))),
        ),
        caption="Negotiated performance targets",
    )
    purpose = Section(
        title=(Text("Purpose"),),
        number="1",
        attrs=Attrs(id="purpose"),
        children=(
            Container(attrs=Attrs(role="recital"), children=(
                para("WHEREAS the parties share data;"),
            )),
            para("Plain ", Strong((Text("bold"), Emph((Text(" and italic"),)))), " text",
                 LineBreak(), "after a break."),
            para(TRICKY),
            Note(children=(Text("Confirm the board approval date."),)),
        ),
    )
    scope = Section(
        title=(Text("Scope"),),
        number="2",
        children=(
            Section(
                title=(Text("Services"),),
                number="2.1",
                attrs=Attrs(id="services"),
                children=(
                    para("The Provider shall deliver ",
                         Placeholder("services.count", "number of services"), " services."),
                    BulletList(items=(
                        item("Career counseling"),
                        ListItem(children=(
                            para("Training"),
                            BulletList(items=(item("Classroom"), item("On the job"))),
                            para("Continued text of the training item."),
                        )),
                    )),
                    OrderedList(items=(item("First step"), item("Second step"),
                                       item("Third step"))),
                    para("See ", XRef(target="purpose", label="Section 1"), " and ",
                         XRef(target="nowhere"), "."),
                    OrderedList(items=(item("Again first"), item("Again second"))),
                    OrderedList(start=4, items=(item("Fourth"), item("Fifth"))),
                    table,
                ),
            ),
        ),
    )
    signatures = Section(
        title=(Text("Signatures"),),
        numbered=False,
        children=(SignatureBlock(signatories=(
            Signatory(party="Workforce Board", name="Ana Ruiz", title="Chair"),
            Signatory(party="County of Example"),
        )),),
    )
    return Document(
        title="Data Sharing MOU",
        subtitle="Between the Board and the County",
        review_notes="inline",
        lang="en-US",
        kind="mou-data-sharing",
        subject="Data sharing",
        author="Example Workforce Board",
        date="2024-03-01",
        provenance=Provenance(plankit_version="0.1.0", input_sha256="ab" * 32,
                              input_name="mou.yaml",
                              clauses=(ClauseUse("purpose.basic", "1.0.0", "package"),)),
        children=(purpose, scope, signatures),
    )


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return DocxRenderer(source_date_epoch=1767225600).render_document(sample())


@pytest.fixture(scope="module")
def opened(rendered):
    return docx.Document(io.BytesIO(rendered))


def body_paragraphs(document):
    return list(document.paragraphs)


def test_registry_gives_the_docx_renderer():
    renderer = get_renderer("docx")
    assert isinstance(renderer, DocxRenderer)
    assert (renderer.name, renderer.extension, renderer.binary) == ("docx", "docx", True)


def test_reopens_with_title_block(opened):
    paragraphs = body_paragraphs(opened)
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Data Sharing MOU"
    assert paragraphs[1].style.name == "Subtitle"
    assert paragraphs[2].text == "March 1, 2024"


def test_headings_use_builtin_styles_with_numbers(opened):
    headings = [(p.style.name, p.text) for p in opened.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "1 Purpose"),
        ("Heading 1", "2 Scope"),
        ("Heading 2", "2.1 Services"),
        ("Heading 1", "Signatures"),
    ]


def test_styles_for_roles_notes_and_placeholders(opened):
    by_text = {p.text: p for p in opened.paragraphs}
    assert by_text["WHEREAS the parties share data;"].style.name == "Recital"
    note = by_text["Drafter note: Confirm the board approval date."]
    assert note.style.name == "Drafter Note"
    assert note.runs[0].bold is True and note.runs[0].text == "Drafter note: "
    placeholder_runs = [r for p in opened.paragraphs for r in p.runs
                        if r.style is not None and r.style.name == "Placeholder"]
    assert [r.text for r in placeholder_runs] == ["[number of services]"]
    cell_runs = [r for row in opened.tables[0].rows for c in row.cells
                 for p in c.paragraphs for r in p.runs]
    assert any(r.text == "[employment rate]" and r.style.name == "Placeholder"
               for r in cell_runs)


def test_inline_formatting_and_line_break(opened):
    p = next(p for p in opened.paragraphs if p.text.startswith("Plain "))
    runs = {r.text: r for r in p.runs}
    assert runs["bold"].bold is True and not runs["bold"].italic
    assert runs[" and italic"].bold is True and runs[" and italic"].italic is True
    assert p._p.findall(f".//{W}br")
    assert p.text == "Plain bold and italic text\nafter a break."


def test_text_is_never_markup(opened, rendered):
    assert any(p.text == TRICKY for p in opened.paragraphs)
    xml = zipfile.ZipFile(io.BytesIO(rendered)).read("word/document.xml").decode()
    assert "<b>y</b>" not in xml


def test_cross_references_link_to_bookmarks(opened):
    p = next(p for p in opened.paragraphs if p.text.startswith("See "))
    assert p.text == "See Section 1 and nowhere."
    links = p._p.findall(f"{W}hyperlink")
    assert len(links) == 1
    anchor = links[0].get(f"{W}anchor")
    names = {b.get(f"{W}name") for b in opened.element.body.iter(f"{W}bookmarkStart")}
    assert anchor in names


def test_lists_use_list_styles(opened):
    styles = {p.text: p.style.name for p in opened.paragraphs}
    assert styles["Career counseling"] == "List Bullet"
    assert styles["Classroom"] == "List Bullet 2"
    assert styles["Continued text of the training item."] == "List Continue"
    assert styles["First step"] == "List Number"


def _num_id(paragraph) -> int:
    num_pr = paragraph._p.pPr.numPr
    return num_pr.numId.val


def test_each_ordered_list_restarts(opened):
    paragraphs = {p.text: p for p in opened.paragraphs}
    first, again, fourth = (_num_id(paragraphs[t]) for t in ("First step", "Again first",
                                                               "Fourth"))
    assert _num_id(paragraphs["Second step"]) == first
    assert len({first, again, fourth}) == 3
    numbering = opened.part.numbering_part.element

    def start_of(num_id: int) -> int:
        num = numbering.num_having_numId(num_id)
        override = num.find(f"{W}lvlOverride/{W}startOverride")
        assert override is not None
        return int(override.get(f"{W}val"))

    assert (start_of(first), start_of(again), start_of(fourth)) == (1, 1, 4)
    # Each new w:num shares the "List Number" definition, so the lists look alike.
    abstract = {numbering.num_having_numId(n).abstractNumId.val for n in (first, again, fourth)}
    assert len(abstract) == 1


def test_table_header_caption_and_description(opened):
    table = opened.tables[0]
    assert table.style.name == "Table Grid"
    rows = table.rows
    assert rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert rows[1]._tr.trPr.find(f"{W}tblHeader") is None
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in rows), "rows stay whole"
    assert all(r.bold for c in rows[0].cells for p in c.paragraphs for r in p.runs)
    tbl_pr = table._tbl.tblPr
    assert tbl_pr.find(f"{W}tblCaption").get(f"{W}val") == "Negotiated performance targets"
    assert tbl_pr.find(f"{W}tblDescription").get(f"{W}val") == "Negotiated performance targets"
    assert rows[1].cells[1].paragraphs[0].alignment == 2  # right
    assert rows[2].cells[1].paragraphs[0].alignment == 1  # center
    caption = table._tbl.getprevious()
    assert caption.tag == f"{W}p" and caption.style == "Caption"


def test_column_widths_follow_content():
    long = "A long description of a required plan element that wraps over lines"
    table = Table(header=TableRow(cells=(TableCell((Text("Element"),)),
                                         TableCell((Text("Section"),)))),
                  rows=(TableRow(cells=(TableCell((Text(long),)),
                                        TableCell((Text("3"),)))),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(
        Document(title="Widths", children=(table,)))))
    first, second = (c.width for c in opened.tables[0].columns)
    assert first > 3 * second
    section = opened.sections[0]
    assert first + second == section.page_width - section.left_margin - section.right_margin


def test_signature_block(opened):
    sig = [p for p in opened.paragraphs if p.style.name == "Signature"]
    texts = [p.text for p in sig]
    assert texts[:5] == ["Workforce Board", "By: " + "_" * 30, "Name: Ana Ruiz",
                         "Title: Chair", "Date: " + "_" * 14]
    assert texts[5:] == ["County of Example", "By: " + "_" * 30, "Name: " + "_" * 30,
                         "Title: " + "_" * 30, "Date: " + "_" * 14]
    assert sig[0].runs[0].bold is True


def test_footer_has_page_fields_and_header_has_title(opened):
    section = opened.sections[0]
    for footer in (section.footer, section.first_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "NUMPAGES" in xml
        assert footer.paragraphs[0].alignment == 1
    assert section.header.paragraphs[0].text == "Data Sharing MOU"
    assert section.different_first_page_header_footer
    assert section.first_page_header.paragraphs[0].text == ""


def test_long_running_title_is_shortened():
    title = "Data Sharing Memorandum of Understanding between " + ", ".join(
        f"Agency Number {n}" for n in range(8))
    doc = Document(title=title, kind="mou-data-sharing", children=(para("x"),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(doc)))
    header = opened.sections[0].header.paragraphs[0].text
    assert header.endswith("\u2026") and len(header) <= 70
    assert title.startswith(header[:-1])
    assert opened.paragraphs[0].text == title


def test_core_properties_and_language(opened):
    props = opened.core_properties
    assert props.title == "Data Sharing MOU"
    assert props.subject == "Data sharing"
    assert props.author == "Example Workforce Board"
    assert props.language == "en-US"
    assert props.keywords == "mou-data-sharing"
    assert props.last_modified_by == "plankit"
    assert props.revision == 1
    assert props.created.isoformat().startswith("2026-01-01T00:00:00")
    assert props.modified == props.created == props.last_printed
    assert props.comments == "Drafted with plankit 0.1.0."
    lang = opened.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-US"


def test_provenance_in_custom_properties(rendered):
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        custom = z.read("docProps/custom.xml").decode()
        rels = z.read("_rels/.rels").decode()
    assert "custom-properties" in rels
    assert 'name="plankit clauses"' in custom and "purpose.basic 1.0.0" in custom
    assert "ab" * 32 in custom and "mou.yaml" in custom


def test_long_metadata_is_shortened():
    doc = Document(title="T" * 400, subject="S" * 300, children=(para("x"),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(doc)))
    assert len(opened.core_properties.title) == 255
    assert opened.paragraphs[0].text == "T" * 400


def test_other_language_is_written():
    doc = Document(title="Plan local", lang="es-US", children=(para("Hola"),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(doc)))
    assert opened.core_properties.language == "es-US"
    lang = opened.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "es-US"


def test_renders_are_byte_identical(rendered):
    again = DocxRenderer(source_date_epoch=1767225600).render_document(sample())
    assert again == rendered
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_source_date_epoch_from_environment(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")
    a = DocxRenderer().render_document(sample())
    opened = docx.Document(io.BytesIO(a))
    assert opened.core_properties.created.isoformat().startswith("2024-01-01T00:00:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert DocxRenderer().render_document(sample()) == a  # the constant is 2024-01-01 too
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError):
        DocxRenderer().render_document(sample())


def test_control_characters_do_not_break_rendering():
    doc = Document(title="T\x00itle", children=(para("a\x0bb\x1fc"),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(doc)))
    assert opened.paragraphs[1].text == "a\ufffdb\ufffdc"


def test_reference_docx_styles_are_used(tmp_path):
    ref = docx.Document()
    ref.add_paragraph("old body text")
    ref.styles["Normal"].font.name = "Georgia"
    # A Word-saved reference often lacks styles it never used.
    for name in ("List Number", "Table Grid", "Caption", "Heading 2"):
        ref.styles.element.remove(ref.styles[name].element)
    path = tmp_path / "reference.docx"
    ref.save(path)
    out = DocxRenderer(reference_docx=path).render_document(sample())
    opened = docx.Document(io.BytesIO(out))
    assert opened.styles["Normal"].font.name == "Georgia"
    texts = [p.text for p in opened.paragraphs]
    assert "old body text" not in texts
    paragraphs = {p.text: p for p in opened.paragraphs}
    assert paragraphs["2.1 Services"].style.name == "Heading 2"
    assert _num_id(paragraphs["First step"]) != _num_id(paragraphs["Again first"])
    assert opened.tables[0].style.name == "Table Grid"


def test_reference_docx_without_numbering_part(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    ref = docx.Document()
    for r_id, rel in list(ref.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            ref.part.drop_rel(r_id)
    ref.styles.element.remove(ref.styles["List Bullet"].element)
    ref.styles.add_style("Signature", WD_STYLE_TYPE.CHARACTER)  # a name plankit also uses
    path = tmp_path / "reference.docx"
    ref.save(path)
    out = DocxRenderer(reference_docx=path).render_document(sample())
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert "word/numbering.xml" in z.namelist()
    opened = docx.Document(io.BytesIO(out))
    paragraphs = {p.text: p for p in opened.paragraphs}
    assert _num_id(paragraphs["First step"]) != _num_id(paragraphs["Again first"])
    assert _num_id(paragraphs["Career counseling"]) == _num_id(paragraphs["Training"])
    assert paragraphs["Name: Ana Ruiz"].style.name == "Normal"


def test_nested_and_odd_list_items():
    doc = Document(title="Lists", children=(
        OrderedList(items=(
            ListItem(children=(para("outer one"),
                               OrderedList(items=(item("inner one"), item("inner two"))))),
            ListItem(children=(BulletList(items=(item("bullet first"),)),)),
            ListItem(children=()),
        )),
    ))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(doc)))
    paragraphs = opened.paragraphs[1:]
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("List Number", "outer one"),
        ("List Number 2", "inner one"),
        ("List Number 2", "inner two"),
        ("List Number", ""),
        ("List Bullet 2", "bullet first"),
        ("List Number", ""),
    ]
    assert _num_id(paragraphs[0]) == _num_id(paragraphs[3]) == _num_id(paragraphs[5])
    assert _num_id(paragraphs[1]) != _num_id(paragraphs[0])


def test_missing_reference_docx_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        DocxRenderer(reference_docx=tmp_path / "nope.docx").render_document(sample())
    bad = tmp_path / "bad.docx"
    bad.write_text("not a zip")
    with pytest.raises(InputError):
        DocxRenderer(reference_docx=bad).render_document(sample())


def test_deep_sections_clamp_to_heading_9():
    node = para("deep")
    for n in range(11, 0, -1):
        node = Section(title=(Text(f"Level {n}"),), children=(node,))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(
        Document(title="Deep", children=(node,)))))
    levels = [p.style.name for p in opened.paragraphs if p.text.startswith("Level")]
    assert levels[:9] == [f"Heading {n}" for n in range(1, 10)]
    assert levels[9:] == ["Heading 9", "Heading 9"]


@pytest.mark.slow
def test_converts_to_pdf_with_libreoffice(tmp_path, rendered):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "sample.docx"
    source.write_bytes(rendered)
    profile = tmp_path / "profile"
    env = dict(os.environ, HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, env=env,
    )
    pdf = tmp_path / "sample.pdf"
    assert pdf.exists(), result.stderr or result.stdout
    assert pdf.stat().st_size > 1000
    assert Path(pdf).read_bytes().startswith(b"%PDF")


def _column_text(rows: list[list[str]]):
    """What each column of plain-text ``rows`` (the first is the bold header) holds."""
    from plankit.render.docx import columns

    ncols = max(len(r) for r in rows)
    return [columns.measure([((Text(row[i]),), r == 0) for r, row in enumerate(rows)
                             if i < len(row)]) for i in range(ncols)]


def _longest_word(texts: list[str], bold: bool) -> float:
    from plankit.render.docx import metrics

    return max(metrics.text_width(w, bold=bold) for t in texts for w in t.split())


TEXT_WIDTH = 9360  # twips: 6.5 inches, a letter page with one-inch margins
MARGINS = 200  # twips of cell padding, left and right together (plankit's "Table Grid")


def test_table_columns_keep_their_longest_word_whole():
    """Every column is at least as wide as its longest word in the font and size of the
    table text (header words bold), plus its padding; the rest goes to longer text."""
    from plankit.render.docx import columns

    rows = [["Full name of the user", "Employer (Receiving Party or its contractor)",
             "Job title or role", "Exhibit A items used", "Date trained",
             "Date acknowledgment signed", "Date access ended"],
            ["", "", "", "", "", "", ""]]
    fit = columns.layout(_column_text(rows), TEXT_WIDTH, size=9.5, margins=MARGINS)
    assert fit.size == 9.5 and sum(fit.widths) == TEXT_WIDTH
    for i, width in enumerate(fit.widths):
        word = _longest_word([rows[0][i]], bold=True) * 9.5 * 20 + MARGINS
        assert width >= word, (rows[0][i], width, word)

    schedule = [["No.", "Data element (provided by, to)", "Source system", "Sensitivity",
                 "Frequency", "Transfer method"],
                ["1", "Graduate records, classes of 2023 to 2025: student ID, Social Security "
                 "number where collected, date of birth", "District student information system",
                 "Restricted", "Once a year", "secure file transfer (SFTP), encrypted file"]]
    fit = columns.layout(_column_text(schedule), TEXT_WIDTH, size=9.5, margins=MARGINS)
    assert fit.widths[1] == max(fit.widths), "the longest text gets the most room"
    assert fit.widths[1] > 1.6 * 1440, "not a one-inch data element column"
    for i, width in enumerate(fit.widths):
        word = max(_longest_word([schedule[0][i]], True), _longest_word([schedule[1][i]], False))
        assert width >= word * 9.5 * 20 + MARGINS, schedule[0][i]


def test_a_table_too_narrow_for_its_words_gets_smaller_text():
    from plankit.render.docx import columns

    rows = [["Acknowledgment"] * 6, ["Responsibilities"] * 6]
    fit = columns.layout(_column_text(rows), TEXT_WIDTH, size=9.5, margins=MARGINS)
    assert columns.MIN_SIZE <= fit.size < 9.5
    word = max(_longest_word(rows[0], bold=True), _longest_word(rows[1], bold=False))
    assert min(fit.widths) >= word * fit.size * 20 + MARGINS
    assert sum(fit.widths) == TEXT_WIDTH
    hopeless = columns.layout(_column_text([["Acknowledgment"] * 12]), TEXT_WIDTH, size=9.5,
                              margins=MARGINS)
    assert hopeless.size == columns.MIN_SIZE and sum(hopeless.widths) == TEXT_WIDTH


def test_long_addresses_break_only_after_at_and_before_dots():
    from plankit.render.docx import columns

    assert columns.soften("alicia.romero@cccn.example.edu") == (
        "alicia\u200b.romero@\u200bcccn\u200b.example\u200b.edu")
    assert columns.soften("(a@b.gov),") == "(a@\u200bb\u200b.gov),"
    assert columns.soften("x@y.gov.") == "x@\u200by\u200b.gov."
    narrow = columns.measure([((Text("Write to information@department.example.gov."),), False)])
    assert narrow.addresses["information@department.example.gov."] > 2 * narrow.broken
    email = "alicia.romero@cccn.example.edu"
    roomy = [["Party", "Email"], ["CCCN", email]]
    assert not columns.layout(_column_text(roomy), TEXT_WIDTH, size=9.5,
                              margins=MARGINS).soften
    crowded = [["Party", "Contact for this Agreement", "Email", "Contact for security incidents"],
               ["Colorado Community College Network", "Alicia Romero, Associate Vice President, "
                "Institutional Research", email, "Marcus Bell, Information Security Officer, "
                f"{email.replace('alicia.romero', 'information-security-office')}, (303) 555-0190"]]
    fit = columns.layout(_column_text(crowded), TEXT_WIDTH, size=9.5, margins=MARGINS)
    assert fit.size == 9.5, "addresses break before the text gets smaller"
    table = Table(header=TableRow(cells=tuple(TableCell((Text(t),)) for t in crowded[0])),
                  rows=(TableRow(cells=tuple(TableCell((Text(t),)) for t in crowded[1])),))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(
        Document(title="Contacts", children=(table,)))))
    cells = [c.text for c in opened.tables[0].rows[1].cells]
    assert "\u200b" in cells[3] and cells[3].replace("\u200b", "") == crowded[1][3]
    assert cells[0] == crowded[1][0], "only addresses get break opportunities"


def test_tables_have_fixed_widths_that_fill_the_page(rendered):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    for tbl in body.iter(f"{W}tbl"):
        assert tbl.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(c.get(f"{W}w")) for c in tbl.iter(f"{W}gridCol")]
        assert sum(grid) == TEXT_WIDTH
        assert tbl.find(f"{W}tblPr/{W}tblW").get(f"{W}w") == str(TEXT_WIDTH)


# ------------------------------------------------------------------ plankit's reference document

WNS = {"w": W[1:-1]}


def _part(data: bytes, name: str):
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def test_reference_document_is_built_from_code():
    """templates/docx/reference.docx is exactly what `make reference` builds: nobody edits
    the binary by hand, and the build gives the same bytes every time."""
    from plankit.render.docx import reference

    built = reference.build()
    assert built == reference.build()
    assert reference.REFERENCE.read_bytes() == built, (
        "templates/docx/reference.docx is out of date: run `make reference` and commit it")
    assert reference.main(["--check"]) == 0


def test_font_width_table_is_generated_from_the_shipped_fonts():
    pytest.importorskip("fontTools")
    from plankit.paths import ASSETS_DIR
    from plankit.render.docx import metrics

    current = Path(metrics.__file__).with_name("_glyph_widths.py").read_text("utf-8")
    assert metrics.generate(ASSETS_DIR / "fonts") == current, "run `make reference`"
    assert metrics.text_width("acknowledgment") == pytest.approx(8.642, abs=0.001)
    assert metrics.text_width("name", bold=True) > metrics.text_width("name")


def test_default_look_is_plankits_not_the_stock_theme(rendered, opened):
    styles = _part(rendered, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", WNS)
    assert fonts.get(f"{W}ascii") == "DejaVu Serif"
    assert b"themeColor" not in zipfile.ZipFile(io.BytesIO(rendered)).read("word/styles.xml")
    for name in ("Heading 1", "Heading 2", "Title"):
        style = opened.styles[name]
        assert style.font.color.rgb is None and style.font.name is None, name
        assert style.font.bold
    assert opened.styles["Heading 1"].font.size.pt == 13.5
    assert opened.styles["Normal"].font.size is None  # 10.5 pt from the document defaults
    grid = styles.xpath("w:style[w:name/@w:val='Table Grid']", namespaces=WNS)[0]
    head = grid.find("w:tblStylePr[@w:type='firstRow']", WNS)
    assert head.find("w:tcPr/w:shd", WNS).get(f"{W}fill") == "E9E9E9"
    assert head.find("w:rPr/w:b", WNS) is not None
    assert grid.find("w:tblPr/w:tblCellMar/w:left", WNS).get(f"{W}w") == "100"
    section = opened.sections[0]
    assert (section.page_width.inches, section.left_margin.inches) == (8.5, 1.0)
    table = _part(rendered, "word/fontTable.xml")
    font = table.find("w:font[@w:name='DejaVu Serif']", WNS)
    assert font.find("w:altName", WNS).get(f"{W}val") == "Georgia"
    assert font.find("w:family", WNS).get(f"{W}val") == "roman"
    with zipfile.ZipFile(io.BytesIO(rendered)) as z:
        assert "word/stylesWithEffects.xml" not in z.namelist()
        assert b"Microsoft" not in z.read("docProps/app.xml")


def test_reference_document_body_is_not_copied(opened):
    texts = [p.text for p in opened.paragraphs]
    assert not any("Title of the document" in t or "List Bullet" in t for t in texts)


def test_user_reference_missing_plankit_styles_gets_plankits(tmp_path):
    ref = docx.Document()
    ref.styles.element.remove(ref.styles["Table Grid"].element)
    path = tmp_path / "reference.docx"
    ref.save(path)
    out = DocxRenderer(reference_docx=path).render_document(sample())
    styles = _part(out, "word/styles.xml")
    note = styles.xpath("w:style[w:name/@w:val='Drafter Note']", namespaces=WNS)[0]
    assert note.find("w:pPr/w:shd", WNS).get(f"{W}fill") == "EEF2F7"
    grid = styles.xpath("w:style[w:name/@w:val='Table Grid']", namespaces=WNS)[0]
    assert grid.find("w:tblStylePr[@w:type='firstRow']", WNS) is not None
    # python-docx's template keeps its own look where it has one
    assert docx.Document(io.BytesIO(out)).styles["Normal"].font.name is None
    assert b"Calibri" in zipfile.ZipFile(io.BytesIO(out)).read("word/theme/theme1.xml")


# ------------------------------------------------------------------ forms


def test_form_rows_have_room_to_write_and_sign():
    """Rows with blank cells are at least 0.3 inch high, rows with a tall blank cell (a
    space to sign) 0.5 inch; the header row and rows of text keep their own height."""
    form = Table(
        header=TableRow(cells=(TableCell((Text("No."),)), TableCell((Text("Name"),)),
                               TableCell((Text("Signature"),)))),
        rows=(TableRow(cells=(TableCell((Text("1"),)), TableCell(()),
                              TableCell((Text("\xa0"),)))),
              TableRow(cells=(TableCell((Text("2"),)), TableCell((LineBreak(), LineBreak())),
                              TableCell(()))),
              TableRow(cells=(TableCell((Text("3"),)), TableCell((Text("Ana"),)),
                              TableCell((Text("x"),))))),
    )
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(
        Document(title="Form", children=(form,)))))
    rows = opened.tables[0].rows
    assert rows[0]._tr.trPr.find(f"{W}trHeight") is None
    heights = [r._tr.trPr.find(f"{W}trHeight") if r._tr.trPr is not None else None
               for r in rows[1:]]
    assert heights[0].get(f"{W}val") == "432" and heights[0].get(f"{W}hRule") == "atLeast"
    assert heights[1].get(f"{W}val") == "720" and heights[1].get(f"{W}hRule") == "atLeast"
    assert heights[2] is None
    assert rows[1]._tr.trPr.find(f"{W}cantSplit") is not None
    sign = rows[2].cells[1]._tc
    assert not sign.findall(f".//{W}br"), "the row's height makes the room to sign"


def test_signature_lines_leave_room_to_sign(opened):
    by = next(p for p in opened.paragraphs if p.text.startswith("By: "))
    assert by.paragraph_format.space_before.inches >= 0.4


def test_a_paragraph_after_a_list_has_room_above_it(opened):
    after = next(p for p in opened.paragraphs if p.text.startswith("See "))
    assert after.paragraph_format.space_before.pt == 4
    item = next(p for p in opened.paragraphs if p.text == "Second step")
    assert item.paragraph_format.space_before is None


def test_rendering_tables_needs_neither_weasyprint_nor_fonttools():
    """Column widths come from the generated width table, not from the font files."""
    import sys

    code = ("import sys; from tests.test_render_docx import sample; "
            "from plankit.render.docx import DocxRenderer; "
            "DocxRenderer().render_document(sample()); "
            "print(sorted(m for m in ('weasyprint', 'fontTools') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parent.parent)
    assert out.stdout.strip() == "[]"


def test_a_crowded_table_is_rendered_in_smaller_text():
    words = ("Acknowledgment", "Responsibilities", "Reimbursement", "Apprenticeship",
             "Subcontractors", "Certification")
    table = Table(header=TableRow(cells=tuple(TableCell((Text(w),)) for w in words)),
                  rows=(TableRow(cells=tuple(TableCell((Text(w.lower()),)) for w in words)),
                        TableRow(cells=tuple(TableCell(()) for _ in words))))
    opened = docx.Document(io.BytesIO(DocxRenderer().render_document(
        Document(title="Crowded", children=(table,)))))
    sizes = {r.font.size.pt for row in opened.tables[0].rows for c in row.cells
             for p in c.paragraphs for r in p.runs}
    assert len(sizes) == 1 and 7 <= sizes.pop() < 9.5
    blank = opened.tables[0].rows[2].cells[0].paragraphs[0]
    assert blank._p.pPr.find(f"{W}rPr/{W}sz") is not None, "empty cells shrink too"
    line = blank._p.pPr.find(f"{W}spacing")
    assert line.get(f"{W}lineRule") == "atLeast" and int(line.get(f"{W}line")) < 266


def test_table_style_facts_come_from_the_starting_document():
    """Cell padding and table text size are read from the styles the table uses, and odd
    values in a user's reference document fall back to Word's defaults."""
    from lxml import etree
    from plankit.render.docx import tables

    root = etree.fromstring(
        f'<w:styles xmlns:w="{W[1:-1]}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="table" w:styleId="Base"><w:tblPr><w:tblCellMar>'
        '<w:left w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="T"><w:basedOn w:val="Base"/><w:tblPr>'
        '<w:tblCellMar><w:left w:w="0.1in" w:type="dxa"/><w:right w:w="90" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="P"><w:rPr><w:sz w:val="big"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Q"><w:basedOn w:val="Q"/><w:rPr>'
        '<w:sz w:val="19"/></w:rPr></w:style></w:styles>')
    assert tables.cell_margins(root, "T") == 80 + 90  # the unreadable left from its base
    assert tables.cell_margins(root, "missing") == 2 * 115
    assert tables.text_size(root, "P") == 11.0
    assert tables.text_size(root, "Q") == 9.5


def test_review_copy_carries_notes_and_missing_facts_as_word_comments():
    from dataclasses import replace

    doc = replace(sample(), review_notes="comments")
    data = DocxRenderer(source_date_epoch=1767225600).render_document(doc)
    assert data == DocxRenderer(source_date_epoch=1767225600).render_document(doc)
    opened = docx.Document(io.BytesIO(data))
    comments = list(opened.comments)
    texts = [c.text for c in comments]
    assert "Drafter note: Confirm the board approval date." in texts
    assert any(t.startswith("Missing fact: Supply number of services") for t in texts)
    assert all(c.author == "plankit review" for c in comments)
    assert {c.timestamp.year for c in comments} == {2026}
    assert not any(p.text.startswith("Drafter note") for p in opened.paragraphs)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("<w:commentReference ") == len(comments)
    assert xml.count("<w:commentRangeStart ") == xml.count("<w:commentRangeEnd ") == len(comments)


def test_final_copy_has_no_comments_part():
    from dataclasses import replace

    data = DocxRenderer().render_document(replace(sample(), final=True))
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
