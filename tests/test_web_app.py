"""The web form's safety and plumbing, through a real server on a loopback port: CSRF
token, size limit, host check, no traceback in a page, downloads that the CLI rebuilds."""

from __future__ import annotations

import logging

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

from tests.web_support import Client, running_server  # noqa: E402


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("web")) as url:
        yield url


def test_a_change_without_the_session_token_is_refused(base):
    c = Client(base)
    c.get("/")
    status, body, _ = c.request("/start", {"point": "blank:procurement", "_csrf": "forged"})
    assert status == 403 and b"expired" in body
    status, _, _ = Client(base).request("/start", {"point": "blank:procurement"})
    assert status == 403


def test_start_points_are_names_not_paths(base):
    c = Client(base)
    c.get("/")
    status, body, _ = c.post("/start", {"point": "example:../../../etc/passwd"})
    assert status == 400 and b"Choose one of the starting points" in body


def test_a_request_over_the_size_limit_is_refused(base):
    import http.client
    from urllib.parse import urlparse

    url = urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.putrequest("POST", "/form/about")
    conn.putheader("Content-Type", "application/x-www-form-urlencoded")
    conn.putheader("Content-Length", str(3 * 1024 * 1024))
    conn.endheaders()  # the body is never sent: the answer comes first
    resp = conn.getresponse()
    assert resp.status == 413 and b"too large" in resp.read()
    conn.close()


def test_another_host_name_is_not_answered(base):
    status, _, _ = Client(base).request("/", headers={"Host": "attacker.example"})
    assert status == 400


def test_an_unexpected_error_shows_a_plain_page_and_a_log_line(base, monkeypatch, caplog):
    from plankit.web import service

    c = Client(base)
    c.get("/")
    c.post("/start", {"point": "blank:mou-data-sharing"})

    def broken(*args, **kwargs):
        raise RuntimeError("boom in the composer")
    monkeypatch.setattr(service, "check", broken)
    with caplog.at_level(logging.ERROR, logger="plankit.web"):
        status, body, _ = c.get("/review")  # drafts: the form page only checked
    assert status == 500
    assert b"Traceback" not in body and b"boom" not in body and b"Something went wrong" in body
    assert any("boom in the composer" in r.getMessage() for r in caplog.records)


def test_pages_carry_a_content_security_policy(base):
    _, _, headers = Client(base).get("/")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_saved_yaml_builds_the_same_docx_from_the_cli(base, tmp_path):
    from plankit.cli import main

    c = Client(base)
    c.get("/")
    assert c.post("/start", {"point": "example:mou-labor-standards"})[0] == 200
    status, yaml_text, headers = c.get("/download/yaml")
    assert status == 200 and 'filename="mou-labor-standards.yaml"' in headers["content-disposition"]
    status, docx, _ = c.get("/download/docx")
    assert status == 200 and docx[:2] == b"PK"
    (tmp_path / "mou-labor-standards.yaml").write_bytes(yaml_text)
    assert main(["build", str(tmp_path / "mou-labor-standards.yaml"), "-o",
                 str(tmp_path / "out"), "-f", "docx"]) == 0
    assert (tmp_path / "out" / "mou-labor-standards.docx").read_bytes() == docx


def test_problems_show_in_the_clis_words_linked_to_their_fields(base):
    c = Client(base)
    c.get("/")
    c.post("/start", {"point": "blank:mou-data-sharing"})
    status, body, _ = c.post("/form/parties", {"#parties": "1", "parties[1].role": "giving",
                                               "_go": "stay"})
    assert status == 422
    assert b'href="#f-parties-1-role"' in body
    assert b"parties[1].role: must be one of" in body
    assert b'aria-invalid="true"' in body


def test_serving_beyond_this_computer_is_warned_about(monkeypatch, caplog):
    import uvicorn

    from plankit.web import server

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    with caplog.at_level(logging.WARNING, logger="plankit.web"):
        server.serve("127.0.0.1", 8123)
    assert not [r for r in caplog.records if "anyone who can reach" in r.getMessage()]
    with caplog.at_level(logging.WARNING, logger="plankit.web"):
        server.serve("0.0.0.0", 8123)
    assert [r for r in caplog.records if "anyone who can reach" in r.getMessage()]
    assert [c["host"] for c in calls] == ["127.0.0.1", "0.0.0.0"]


def test_serve_is_a_command():
    from plankit.cli import main

    assert main(["serve", "--help"]) == 0
    assert main(["serve", "--port", "0"]) == 2  # a usage error, before any server starts


def test_a_page_drawn_before_a_list_changed_is_not_read(base):
    """A field check sent while a list button is being pressed names items by their old
    positions: it is left out rather than written over the new list."""
    c = Client(base)
    c.get("/")
    c.post("/start", {"point": "blank:mou-data-sharing"})
    c.get("/form/parties")
    old_rev = c.rev
    c.post("/form/parties", {"#parties": "0", "_action": "add|parties"})
    assert c.rev != old_rev
    c.request("/check/parties", {"_csrf": c.csrf, "_rev": old_rev, "#parties": "0"})
    status, body, _ = c.get("/form/parties")
    assert b'name="#parties" value="1"' in body


def test_a_clause_preview_reads_as_it_will_in_this_solicitation(base):
    """The picker's preview of a chosen clause is drafted with the values this input gives
    it; before the input validates, with the clause's example values."""
    import re

    def text_of(body: bytes) -> str:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.decode("utf-8")))

    c = Client(base)
    c.get("/")
    assert c.post("/start", {"point": "example:procurement-rfp"})[0] == 200
    status, body, _ = c.get("/clauses/living-wage.require/preview")
    assert status == 200
    text = text_of(body)
    assert "$21.50" in text and "with your values" in text
    c.post("/start", {"point": "blank:procurement"})
    status, body, _ = c.get("/clauses/living-wage.require/preview")
    text = text_of(body)
    assert status == 200 and "with example values" in text and "$21.50" not in text


def test_the_review_notes_are_listed_beside_the_preview_and_link_into_it(base):
    """The panel lists the draft's review notes after the preview in reading order, each
    linked to its place in the preview (the end notes' numbering)."""
    import html
    import re

    c = Client(base)
    c.get("/")
    assert c.post("/start", {"point": "example:mou-data-sharing"})[0] == 200
    status, body, _ = c.get("/review")
    page = body.decode("utf-8")
    assert status == 200 and page.index('class="preview-pane"') < page.index('class="notes-pane"')
    links = re.findall(r'<li><a href="/preview.html#(review-note-(\d+)-ref)" target="preview">'
                       r'([^<]+)</a>\. <strong>([^<]+):</strong> ([^<]+)</li>', page)
    _, preview, _ = c.get("/preview.html")
    preview = html.unescape(preview.decode("utf-8"))
    assert len(links) > 10 and [int(n) for _, n, *_ in links] == list(range(1, len(links) + 1))
    assert f'id="review-note-{len(links) + 1}"' not in preview
    for anchor, n, where, label, text in links:
        assert f'id="{anchor}"' in preview
        end_note = preview.split(f'<li id="review-note-{n}">', 1)[1].split("</li>", 1)[0]
        assert html.unescape(where) in end_note and html.unescape(label) in end_note
        assert " ".join(html.unescape(text).split())[:60] in " ".join(end_note.split())


@pytest.mark.parametrize("what", ["docx", pytest.param("pdf", marks=pytest.mark.slow)])
def test_a_tiered_mou_downloads_every_document_the_cli_writes(base, tmp_path, what):
    """A tiered data-sharing MOU makes several documents: each format downloads as one ZIP
    holding every one of them, with the names and bytes ``plankit build`` gives the saved
    YAML, and the same ZIP bytes each time. The PDFs (six, in the full suite only) are
    named as the CLI names them and open; their bytes come from the same function as the
    DOCX files', compared here with the CLI's."""
    import io
    import zipfile

    import docx
    from pypdf import PdfReader

    from plankit.cli import main

    c = Client(base)
    c.get("/")
    assert c.post("/start", {"point": "example:mou-tiered-partnership"})[0] == 200
    status, body, _ = c.get("/review")
    assert status == 200 and f'href="/download/all/{what}"'.encode() in body
    assert b"This input makes 6 documents" in body
    _, yaml_text, _ = c.get("/download/yaml")
    (tmp_path / "mou-tiered-partnership.yaml").write_bytes(yaml_text)
    assert main(["build", str(tmp_path / "mou-tiered-partnership.yaml"), "-o",
                 str(tmp_path / "out"), "-f", "docx"]) == 0
    status, data, headers = c.get(f"/download/all/{what}")
    assert status == 200 and headers["content-type"] == "application/zip"
    assert f'filename="mou-tiered-partnership.{what}.zip"' in headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = archive.namelist()
    built = sorted(p.with_suffix(f".{what}").name for p in (tmp_path / "out").glob("*.docx"))
    assert names == built and len(names) == 6
    for name in names:
        content = archive.read(name)
        if what == "docx":
            assert content == (tmp_path / "out" / name).read_bytes(), name
            assert docx.Document(io.BytesIO(content)).paragraphs
        else:
            assert PdfReader(io.BytesIO(content)).pages[0].extract_text().strip()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in archive.infolist())
    if what == "docx":
        assert c.get("/download/all/docx")[1] == data  # the same archive again
        assert c.get("/download/all/../../etc")[0] == 404
        c.post("/start", {"point": "example:mou-data-sharing"})
        status, body, _ = c.get("/review")
        assert b"/download/all/" not in body and b'href="/download/docx"' in body


def test_a_bad_clause_setting_is_shown_at_its_own_input(base):
    """A setting the clause's parameter model refuses is reported on the Provisions page in
    the CLI's words, at the setting's input (described by the message) and in the summary
    linking to it."""
    import re

    from tests.test_web_forms import _Inputs

    c = Client(base)
    c.get("/")
    c.post("/start", {"point": "example:procurement-rfp"})
    status, body, _ = c.get("/form/provisions")
    page = body.decode("utf-8")
    parsed = _Inputs()
    parsed.feed(page)
    fields = {k: v for k, v in parsed.values.items() if not k.startswith("_")}
    n = next(k for k, v in fields.items() if v == ["living-wage.require"]).split("]")[0][11:]
    fields[f"provisions[{n}].params.wage_floor"] = "twenty"
    status, body, _ = c.post("/form/provisions", {**fields, "_go": "stay"})
    page = body.decode("utf-8")
    fid = f"f-provisions-{n}-params-wage-floor"
    assert status == 422
    assert f'<a href="#{fid}">provisions[{n}].params.wage_floor: ' in page
    tag = re.search(rf'<input type="text" id="{fid}"[^>]*>', page)[0]
    assert f'aria-describedby="{fid}-help {fid}-err"' in tag and 'aria-invalid="true"' in tag
    fields[f"provisions[{n}].params.wage_floor"] = "$24.50"
    status, body, _ = c.post("/form/provisions", {**fields, "_go": "stay"})
    assert status == 200 and b"wage_floor:" not in body


def test_the_preview_follows_each_change_checked_on_a_page(base):
    """A page check and the preview after it draft the input once between them; the preview
    always shows the input as it is now."""
    from tests.test_web_forms import _Inputs

    c = Client(base)
    c.get("/")
    c.post("/start", {"point": "example:mou-labor-standards"})
    parsed = _Inputs()
    parsed.feed(c.get("/form/about")[1].decode("utf-8"))
    fields = {k: v for k, v in parsed.values.items() if not k.startswith("_")}
    seen = []
    for title in ("Labor Standards Agreement, first reading",
                  "Labor Standards Agreement, second reading",
                  "Labor Standards Agreement, first reading"):
        status, body, _ = c.post("/check/about", {**fields, "title": title})
        assert status == 200 and b'"here": []' in body.replace(b'"here":[]', b'"here": []')
        status, html, _ = c.get("/preview.html")
        assert status == 200 and title.encode() in html
        seen.append(html)
    assert b"second reading" not in seen[2] and seen[0] == seen[2]
    assert c.get("/preview.html")[1] == seen[2]  # drawn again, unchanged
