"""The pages: start, one page per part of the input, review with preview, downloads."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from plankit.errors import PlankitError
from plankit.web import service
from plankit.web.app import (DOC_CSP, DRAFTING, MAX_BODY, drafted, page, posted, session_of,
                             to_start)
from plankit.web.downloads import documents
from plankit.web.fields import Page, id_of
from plankit.web.formdata import Form, apply_action, read_page, to_yaml
from plankit.web.notes import review_notes
from plankit.web.view import place


def _pages(s) -> list[Page]:
    hidden = service.hidden_keys(s.kind, s.data)
    out = []
    for p in service.pages(s.kind):
        fields = [f for f in p.fields if f.key not in hidden]
        if fields:
            out.append(Page(p.slug, p.title, fields, p.help))
    return out


def _page(s, slug: str) -> Page:
    for p in _pages(s):
        if p.slug == slug:
            return p
    raise HTTPException(404)


def _current(s, form) -> bool:
    """Whether a submitted page was drawn for the input as it is now."""
    return str(form.get("_rev") or "") == str(s.rev)


async def start(request: Request) -> HTMLResponse:
    s = session_of(request) or request.app.state.sessions.new()
    return page("start.html", request, s, points=service.start_points(), error=None)


async def start_from(request: Request) -> Response:
    s, form = await posted(request)
    point = str(form.get("point") or "")
    try:
        text = service.start_text(point)
    except KeyError:
        return page("start.html", request, s, status=400, points=service.start_points(),
                    error="Choose one of the starting points listed.")
    data, made = await run_in_threadpool(service.read_yaml, text, s.folder, "start")
    s.start(data["kind"], point.partition(":")[2], data, service.model_fields(data["kind"]),
            made)
    return RedirectResponse("/form/about", status_code=303)


async def open_file(request: Request) -> Response:
    s, form = await posted(request)
    upload = form.get("file")
    raw = await upload.read(MAX_BODY + 1) if hasattr(upload, "read") else b""
    if not raw:
        return page("start.html", request, s, status=400, points=service.start_points(),
                    error="Choose a YAML input file to open.")
    try:
        data, made = await run_in_threadpool(service.read_yaml, raw, s.folder, "opened")
    except PlankitError as exc:
        text = exc.message.replace(str(s.folder / "opened.yaml"), "the file")
        lines = [text] + exc.problems + ([exc.hint] if exc.hint else [])
        return page("start.html", request, s, status=400, points=service.start_points(),
                    error=" ".join(lines))
    name = getattr(upload, "filename", "") or "input"
    s.start(data["kind"], name.rsplit("/", 1)[-1].rsplit(".", 1)[0], data,
            service.model_fields(data["kind"]), made)
    return RedirectResponse("/form/about", status_code=303)


async def show_form(request: Request) -> Response:
    s = session_of(request)
    if s is None or not s.kind:
        return to_start()
    pg = _page(s, request.path_params["slug"])
    checked = await drafted(s, compose=False)
    return _form(request, s, pg, checked)


def _form(request, s, pg, checked, status=200, focus=""):
    pages = _pages(s)
    here, elsewhere, at = place(checked.problems, pages, pg, s.data)
    i = [p.slug for p in pages].index(pg.slug)
    nxt = pages[i + 1].slug if i + 1 < len(pages) else ""
    return page("form.html", request, s, status=status, pages=pages, pg=pg, here=here,
                elsewhere=elsewhere, at=at, data=s.data, next=nxt, focus=focus,
                clauses=s.kind == "procurement")


async def save_form(request: Request) -> Response:
    s, form = await posted(request)
    if not s.kind:
        return to_start()
    pg = _page(s, request.path_params["slug"])
    action = str(form.get("_action") or "")
    with s.lock:
        if not _current(s, form):  # drawn before a list changed: show the page again
            return RedirectResponse(f"/form/{pg.slug}", status_code=303)
        s.data = read_page(pg.fields, Form(form), s.data)
        focus = ""
        if action:
            s.data, focus = apply_action(s.data, action)
            s.rev += 1
    if action:
        return RedirectResponse(f"/form/{pg.slug}#{id_of(focus)}" if focus
                                else f"/form/{pg.slug}", status_code=303)
    checked = await drafted(s, compose=False)
    here, _, _ = place(checked.problems, _pages(s), pg, s.data)
    go = str(form.get("_go") or "")
    if here or go == "stay":
        return _form(request, s, pg, checked, status=422 if here else 200)
    return RedirectResponse(f"/form/{go}" if go else "/review", status_code=303)


async def check_page(request: Request) -> JSONResponse:
    """A field was left: save the page and say what is wrong now (the form's script shows
    it beside each field and in the summary)."""
    s, form = await posted(request)
    if not s.kind:
        raise HTTPException(404)
    pg = _page(s, request.path_params["slug"])
    with s.lock:
        if _current(s, form):  # a check sent as a list button was pressed is left out
            s.data = read_page(pg.fields, Form(form), s.data)
    checked = await drafted(s, compose=False)
    here, elsewhere, _ = place(checked.problems, _pages(s), pg, s.data)
    return JSONResponse({
        "here": [{"text": p.text, "href": p.href, "id": id_of(p.field) if p.field else ""}
                 for p in here],
        "elsewhere": len(elsewhere)})


async def review(request: Request) -> Response:
    s = session_of(request)
    if s is None or not s.kind:
        return to_start()
    checked = await drafted(s)
    pages = _pages(s)
    _, problems, _ = place(checked.problems, pages, None, s.data)
    _, warnings, _ = place(checked.warnings, pages, None, s.data)
    notes = review_notes(checked.draft.document) if checked.draft is not None else []
    docs = documents(checked.draft) if checked.draft is not None else []
    return page("review.html", request, s, pages=pages, problems=problems, warnings=warnings,
                placeholders=checked.placeholders, notes=notes, documents=docs,
                clauses=s.kind == "procurement", ok=checked.draft is not None)


async def preview(request: Request) -> Response:
    s = session_of(request)
    if s is None or not s.kind:
        raise HTTPException(404)
    checked = await drafted(s)
    if checked.draft is None:
        body = page("preview-problems.html", request, None, problems=checked.problems).body
        html = body.decode("utf-8")
    else:
        def work():
            with DRAFTING:
                if checked.html is None:  # drawn again for the same input: rendered once
                    checked.html = service.render(checked.draft, "html")
                return checked.html.decode("utf-8")
        html = await run_in_threadpool(work)
    return HTMLResponse(html, headers={"content-security-policy": DOC_CSP})


MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "memo": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "html": "text/html; charset=utf-8",
         "yaml": "application/yaml; charset=utf-8"}


async def download(request: Request) -> Response:
    s = session_of(request)
    what = request.path_params["what"]
    if s is None or not s.kind or what not in MEDIA:
        raise HTTPException(404)
    if what == "yaml":
        body = to_yaml(s.data, service.model_fields(s.kind)).encode("utf-8")
        name = f"{s.stem}.yaml"
    else:
        checked = await drafted(s)
        if checked.draft is None:
            return RedirectResponse("/review", status_code=303)
        fmt, ext = service.DOWNLOADS[what]

        def work():
            with DRAFTING:
                return service.render(checked.draft, fmt)
        body = await run_in_threadpool(work)
        name = f"{s.stem}.{ext}"
    return Response(body, media_type=MEDIA[what], headers={
        "content-disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/", start),
    Route("/start", start_from, methods=["POST"]),
    Route("/open", open_file, methods=["POST"]),
    Route("/form/{slug:str}", show_form),
    Route("/form/{slug:str}", save_form, methods=["POST"]),
    Route("/check/{slug:str}", check_page, methods=["POST"]),
    Route("/review", review),
    Route("/preview.html", preview),
    Route("/download/{what:str}", download),
]
