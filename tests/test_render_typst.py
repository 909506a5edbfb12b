"""The Typst renderer (``-f typ``) and the Typst PDF engine (``--pdf-engine typst``): escaped,
self-contained markup; a tagged, deterministic PDF from the shipped fonts; the choice of
engine from the command line and the input; clear errors when the engine cannot run."""

from __future__ import annotations

import io
import re
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plankit.document import Document, replace
from plankit.render import get_renderer
from plankit.render.typst import TypstRenderer
from plankit.render.typst_markup import escape, string
from tests.conftest import ROOT, write
from tests.test_escaping import TYPST_SYNTAX, read
from tests.test_render_html_pdf import FORM, HOSTILE, make_doc

MOU = ROOT / "examples" / "mou-data-sharing.yaml"


def typst_shows(markup: str) -> str:
    """The text Typst reads from ``markup``, read by the registry's reader for ``typ``
    (compiled to HTML by the binding)."""
    return read("typ", f"#set smartquote(enabled: false)\n{markup}")


@pytest.fixture(scope="module")
def source() -> str:
    return TypstRenderer().render_document(make_doc())


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return get_renderer("pdf", pdf_engine="typst").render_document(make_doc())


# --------------------------------------------------------------------------- escaping
# The Typst escaper on its own, in the places Typst reads markup (at the start of a line,
# after a call, inside content, in a list and a table cell). The syntax of every markup
# language in every node of every registered format: tests/test_escaping.py.

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                           blacklist_characters="\u2028\u2029\ufeff\u00ad"),
    min_size=1, max_size=30,
).map(lambda s: re.sub(r"\s+", " ", s).strip()).filter(bool)
SYNTAX = st.lists(st.sampled_from(TYPST_SYNTAX + ["a", " ", "1"]), min_size=1,
                  max_size=8).map("".join).map(
    lambda s: re.sub(r"\s+", " ", s).strip()).filter(bool)


@pytest.mark.parametrize("text", TYPST_SYNTAX)
def test_typst_syntax_in_text_is_only_text(text):
    shown = re.sub(r"\s+", " ", text)
    # at the start of a line, after a call, inside content, in a list and a table cell
    markup = (f"{escape(text)}\n\n#strong[x]{escape(text)}#emph[{escape(text)}]\n\n"
              f"#list([{escape(text)}])\n\n#table(columns: 1, [{escape(text)}])")
    assert typst_shows(markup).replace("\n", "") == shown + "x" + shown * 4


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(a=st.one_of(TEXT, SYNTAX), b=st.one_of(TEXT, SYNTAX))
def test_any_text_escaped_is_read_back_exactly(a, b):
    markup = f"{escape(a)}#strong[{escape(b)}]{escape(a)}\n\n#list([{escape(b)}])"
    assert typst_shows(markup).replace("\n", "") == a + b + a + b


def test_strings_in_code_are_escaped():
    text = 'say "hi" \\ #read("x") $y$ \\u{41}'
    assert typst_shows(f"#{string(text)}") == text
    assert string("a\nb\tc") == '"a\\nb\\tc"'


def test_markup_is_readable_where_nothing_needs_escaping():
    assert escape("The Contractor shall pay each Covered Worker's wage, e.g. data-sharing.") \
        == "The Contractor shall pay each Covered Worker's wage, e.g. data-sharing."
    assert escape("1. a") == "1\\. a" and escape("a -- b") == "a \\-\\- b"


# --------------------------------------------------------------------------- the source


def test_registry_gives_typst_renderers():
    from plankit.render.typst_pdf import TypstPdfRenderer

    assert isinstance(get_renderer("typ"), TypstRenderer)
    pdf = get_renderer("pdf", pdf_engine="typst")
    assert isinstance(pdf, TypstPdfRenderer) and isinstance(pdf, TypstRenderer)
    assert (pdf.name, pdf.extension, pdf.binary) == ("pdf", "pdf", True)
    assert type(get_renderer("pdf")).__name__ == "PdfRenderer"  # WeasyPrint by default


def test_source_is_self_contained_and_imports_nothing(source):
    for forbidden in ("#import", "#include", "read(", "@preview", "json(", "csv(", "yaml("):
        assert forbidden not in source.replace("\\#", ""), forbidden
    assert HOSTILE not in source  # escaped
    assert "<img src" not in source.replace("\\<img", "")


def test_source_compiles_with_no_files_at_all(source, tmp_path):
    """The source needs no file but the fonts: it compiles in an empty folder."""
    import typst

    from plankit.paths import ASSETS_DIR

    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(ASSETS_DIR / "fonts")])
    pdf = typst.compile(source.encode("utf-8"), root=str(tmp_path), font_paths=fonts,
                        ignore_system_fonts=True, format="pdf")
    assert pdf.startswith(b"%PDF-")


def test_every_node_has_its_markup(source):
    body = source.split("the document\n", 1)[1]
    assert "#pk-title([Regional Data-Sharing MOU]" in body
    assert '#heading(level: 2)[#pk-num([1]) Purpose] #label("purpose")' in body
    assert "#strong[wage records]" in body and "#emph[performance]" in body
    assert "#pk-ph([\\[name of the program\\]])" in body
    assert '#pk-xref(label("purpose"), [Section 1])' in body
    assert "#pk-unresolved([Section 9])" in body
    assert "table.header(repeat: true," in body and "caption: [Records by partner]" in body
    assert "#enum.with(start: 3)" in body and "#linebreak()" in body
    assert "#pk-note([Drafter note], [Check the citation with counsel.])" in body
    assert "pk-signatory([Labor Department], none, none)" in body
    assert "#heading(level: 6)[#pk-num([1\\.1.1.1.1.1]) Too deep]" in body  # clamped at 6


def test_review_copy_links_notes_and_missing_facts_to_end_notes():
    body = TypstRenderer().render_document(replace(make_doc(), review_notes="comments"))
    assert '#metadata(none)#label("review-note-1-ref")#pk-note-ref(label("review-note-1"), ' \
           "[Review note 1: Drafter note])" in body
    assert "Review notes]" in body and "Facts still to supply]" in body
    assert '#pk-back(label("review-note-1-ref"), [Section 1])\\. #strong[Drafter note:]' in body
    assert '#metadata(none)#label("fact-1")#pk-ph(' in body
    assert '#pk-back(label("fact-2"), [\\[retention period\\]])' in body
    final = TypstRenderer().render_document(replace(make_doc(), final=True,
                                                    review_notes="comments"))
    assert "Review notes" not in final.split("the document\n", 1)[1]


def test_form_rows_get_room_and_short_rows_keep_their_place():
    body = TypstRenderer().render_document(Document(title="Form", children=(FORM,)))
    assert body.count("#pk-room(0.3in)") == 6  # three rows, two blank cells each
    assert body.count("#pk-room(0.5in)") == 2  # the row to sign: both blank cells
    assert "columns: (" in body


def test_a_table_with_no_cells_keeps_its_caption_and_compiles():
    from plankit.document import Table, TableRow

    doc = Document(title="T", children=(Table(header=TableRow(()), rows=(), caption="Empty"),))
    source = TypstRenderer().render_document(doc)
    body = source.split("the document\n", 1)[1]
    assert "#strong[Empty]" in body and "#table" not in body
    assert typst_shows(source).endswith("Empty")


def test_page_furniture_in_the_settings(tmp_path):
    from plankit.document import Image

    logo = Image(data=b"\x89PNG\r\n\x1a\nxyz", mime="image/png", alt='Seal "A"')
    doc = replace(make_doc(), draft_mark=True, watermark=True, letterhead="Agency #1",
                  logo=logo, toc=True)
    body = TypstRenderer().render_document(doc).split("the document\n", 1)[1]
    assert "mark: [Draft — not for signature]" in body
    assert "letterhead: [Agency \\#1]" in body
    assert 'logo: image(bytes((137,80,78,71,13,10,26,10,120,121,122,)), height: 0.42in, ' \
           'alt: "Seal \\"A\\"")' in body
    assert "watermark: true" in body and "#pk-contents(" in body
    assert 'lang: "en", region: "US"' in body


# --------------------------------------------------------------------------- the PDF


@pytest.mark.slow
def test_pdf_reads_back_with_title_text_language_tags_and_bookmarks(pdf_bytes):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "The Parties share wage records for performance reporting" in text
    assert HOSTILE in text and "Page 1 of 2" in text
    assert reader.metadata.title == "Regional Data-Sharing MOU"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US" and "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a pypdf BooleanObject
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    titles = []

    def flat(items):
        for item in items:
            flat(item) if isinstance(item, list) else titles.append(item.title)

    flat(reader.outline)
    assert titles[:3] == ["Regional Data-Sharing MOU", "1 Purpose", "1.1 Definitions"]
    assert "3 Signatures" in titles


@pytest.mark.slow
def test_pdf_uses_only_the_shipped_fonts(pdf_bytes):
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        for ref in page["/Resources"]["/Font"].values():
            fonts.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("DejaVuSerif") for name in fonts), fonts


@pytest.mark.slow
def test_pdf_is_byte_identical_and_dated_from_source_date_epoch(pdf_bytes, monkeypatch):
    from pypdf import PdfReader

    assert get_renderer("pdf", pdf_engine="typst").render_document(make_doc()) == pdf_bytes
    info = PdfReader(io.BytesIO(pdf_bytes)).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20260101000000Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    other = get_renderer("pdf", pdf_engine="typst", source_date_epoch=0).render_document(
        make_doc())
    assert PdfReader(io.BytesIO(other)).metadata["/CreationDate"].startswith("D:19700101")


@pytest.mark.slow
def test_pdf_is_the_same_in_a_fresh_process(pdf_bytes, tmp_path):
    import subprocess

    code = ("import sys; sys.path.insert(0, '.'); from tests.test_render_html_pdf import "
            "make_doc; from plankit.render import get_renderer; sys.stdout.buffer.write("
            "get_renderer('pdf', pdf_engine='typst').render_document(make_doc()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                         check=True, env={"SOURCE_DATE_EPOCH": "1767225600", "PATH": ""})
    assert out.stdout == pdf_bytes


@pytest.mark.slow
def test_pdf_carries_the_audit_trail_in_its_document_information(pdf_bytes):
    from pypdf import PdfReader

    from plankit.render.typst_pdf import add_info, pdf_string

    info = PdfReader(io.BytesIO(pdf_bytes)).metadata
    assert info["/Creator"].startswith("plankit") and info["/Producer"].startswith("Typst")
    updated = add_info(pdf_bytes, {"PlankitInput": "café.yaml", "PlankitClauses": "a@1 (b)"})
    again = PdfReader(io.BytesIO(updated)).metadata
    assert again["/PlankitInput"] == "café.yaml" and again["/PlankitClauses"] == "a@1 (b)"
    assert again.title == info.title
    assert pdf_string("a(b)\\") == b"(a\\(b\\)\\\\)"
    assert add_info(b"not a pdf", {"A": "b"}) == b"not a pdf"


@pytest.mark.slow
def test_pdf_form_rows_are_tall_enough_to_write_and_sign_in(tmp_path):
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(get_renderer("pdf", pdf_engine="typst").render_document(
        Document(title="Form", children=(FORM,))))
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    top = {m.group(2): float(m.group(1)) for m in re.finditer(
        r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>(R\d)</word>', bbox)}
    rows = [top[f"R{n + 1}"] - top[f"R{n}"] for n in range(1, 6)]
    assert all(abs(r - 0.3 * 72) < 0.5 for r in rows[:3]), rows  # as tall as in the HTML
    assert abs(rows[3] - 0.5 * 72) < 0.5, rows
    assert rows[4] < 0.3 * 72, rows


# --------------------------------------------------------------------------- choosing the engine


def _mou(tmp_path, **options):
    data = yaml.safe_load(MOU.read_text("utf-8"))
    if options:
        data["options"] = options
    return write(tmp_path / "mou.yaml", yaml.safe_dump(data, sort_keys=False,
                                                       allow_unicode=True))


def _producer(path) -> str:
    from pypdf import PdfReader

    return PdfReader(str(path)).metadata["/Producer"]


@pytest.mark.slow
def test_engine_from_the_input_and_from_the_command_line(cli, tmp_path):
    src = _mou(tmp_path, pdf_engine="typst")
    run = cli("build", src, "-o", tmp_path / "a", "-f", "pdf")
    assert run.code == 0, run.err
    assert _producer(tmp_path / "a" / "mou.pdf").startswith("Typst")
    run = cli("build", src, "-o", tmp_path / "b", "-f", "pdf", "--pdf-engine", "weasyprint")
    assert run.code == 0, run.err
    assert _producer(tmp_path / "b" / "mou.pdf").startswith("WeasyPrint")
    run = cli("build", MOU, "-o", tmp_path / "c", "-f", "pdf,typ", "--pdf-engine", "Typst")
    assert run.code == 0, run.err
    assert _producer(tmp_path / "c" / "mou-data-sharing.pdf").startswith("Typst")
    assert (tmp_path / "c" / "mou-data-sharing.typ").read_text("utf-8").startswith("//")


def test_unknown_engine_is_a_usage_error_with_the_choices(cli, tmp_path):
    run = cli("build", MOU, "-o", tmp_path / "out", "-f", "pdf", "--pdf-engine", "prince")
    assert run.code == 2
    assert "there is no PDF engine 'prince'" in run.err
    assert "choose from: weasyprint, typst" in run.err
    assert not (tmp_path / "out").exists()


def test_unknown_engine_in_the_input_names_the_field_and_choices(cli, tmp_path):
    src = _mou(tmp_path, pdf_engine="latex")
    run = cli("validate", src)
    assert run.code == 1
    assert "options.pdf_engine" in run.err and "'weasyprint'" in run.err
    assert "'typst'" in run.err and "line " in run.err and "Traceback" not in run.err


def test_css_with_the_typst_engine_is_a_usage_error_naming_what_applies(cli, tmp_path):
    css = write(tmp_path / "house.css", "body { color: red }")
    run = cli("build", MOU, "-o", tmp_path / "out", "-f", "pdf", "--pdf-engine", "typst",
              "--css", css)
    assert run.code == 2
    assert "Typst engine does not read CSS" in run.err
    assert "letterhead, logo" in run.err and "--pdf-engine weasyprint" in run.err
    assert not (tmp_path / "out").exists()
    run = cli("build", _mou(tmp_path, pdf_engine="typst"), "-o", tmp_path / "out2", "-f",
              "pdf", "--css", css)
    assert run.code == 2 and "does not read CSS" in run.err
    run = cli("build", MOU, "-o", tmp_path / "out3", "-f", "md", "--pdf-engine", "typst",
              "--css", css)  # no PDF asked for: nothing to refuse
    assert run.code == 0, run.err


def test_typst_as_a_format_name_points_to_typ_and_the_engine(cli, tmp_path):
    run = cli("build", MOU, "-o", tmp_path / "out", "-f", "typst")
    assert run.code == 2
    assert "use 'typ' for Typst markup, or -f pdf --pdf-engine typst" in run.err


def test_missing_typst_binding_is_an_environment_problem(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "typst", None)  # "import typst" now fails
    run = cli("build", MOU, "-o", tmp_path / "out", "-f", "md,pdf", "--pdf-engine", "typst")
    assert run.code == 3
    assert "needs the typst package, which is not installed" in run.err
    assert "pip install 'plankit[typst]'" in run.err
    assert not (tmp_path / "out").exists()
    run = cli("build", MOU, "-o", tmp_path / "typ", "-f", "typ")  # markup needs no binding
    assert run.code == 0, run.err


def test_failing_typst_compile_is_an_environment_problem(cli, tmp_path, monkeypatch):
    import plankit.render.typst_pdf as engine

    class Broken:
        def compile(self, *args, **kwargs):
            raise RuntimeError("compiler exploded\nsecond line")

    monkeypatch.setattr(engine, "_compiler", lambda typst: Broken())
    run = cli("build", MOU, "-o", tmp_path / "out", "-f", "pdf", "--pdf-engine", "typst")
    assert run.code == 3
    assert "the Typst engine could not make the PDF: compiler exploded" in run.err
    assert "second line" not in run.err and "Traceback" not in run.err


def test_doctor_reports_both_engines(cli, monkeypatch):
    run = cli("doctor")
    assert "PDF output, WeasyPrint engine (the default)" in run.out
    assert "[ok] PDF output, Typst engine (--pdf-engine typst): typst 0.15" in run.out
    monkeypatch.setitem(sys.modules, "typst", None)
    run = cli("doctor")
    assert "[info] PDF output, Typst engine (--pdf-engine typst): not installed" in run.out
    assert "pip install 'plankit[typst]'" in run.out


def test_redline_marks_compile_and_say_which_change_they_are():
    from plankit import document as d

    ph = d.Placeholder(prompt="the new rate", name="rate")
    blocks = (
        d.Paragraph((d.Text("within "), d.Deleted((d.Text("72"),)), d.Inserted((d.Text("24"),)),
                     d.Text(" hours"), d.Inserted((d.Text(" at "), ph)))),
        d.Revision("ins", (d.Paragraph((d.Text("A new paragraph"), ph)),)),
        d.Revision("del", (d.Paragraph((d.Text("An old paragraph"),)),)),
        d.Table(header=d.TableRow((d.TableCell((d.Text("Item"),)),)),
                rows=(d.TableRow((d.TableCell((d.Text("Added row"),)),), change="ins"),)),
    )
    doc = replace(make_doc(), children=blocks, previous=(("title", "Older title"),))
    markup = TypstRenderer().render_document(doc)
    assert "#pk-del[72]#pk-ins[24]" in markup
    assert '#pk-rev("ins")' in markup and '#pk-rev("del")' in markup
    assert "#pk-ins[Added row]" in markup
    assert "#pk-ph-plain(" in markup  # one text decoration at a time inside a change
    pdf = get_renderer("pdf", pdf_engine="typst").render_document(doc)
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for words in ("within 7224 hours", "Inserted:", "Deleted:", "Added row", "Older title"):
        assert words in re.sub(r"\s+", " ", text), words
