"""The web application: Starlette routes over :mod:`plankit.web.service`.

Safety: every change is a POST carrying the session's CSRF token; request bodies are
limited to the CLI's input size; only the hosts the server was started for are answered (a
page on another site cannot reach it by a DNS trick); pages carry a content security
policy that allows only the package's own script and styles; an unexpected error shows a
plain page and writes one log line, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from plankit.errors import PlankitError
from plankit.web import service
from plankit.web.fields import id_of, name_of
from plankit.web.formdata import shown, value_at
from plankit.web.session import COOKIE, Session, Sessions
from plankit.web.settings import as_text_box, clause_title, other_settings, param_fields

log = logging.getLogger("plankit.web")

HERE = Path(__file__).resolve().parent
MAX_BODY = 2 * 1024 * 1024 + 64 * 1024
"""Largest request accepted: an input file at the CLI's limit (2 MiB), with room for the
form's own fields."""

PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; "
            "connect-src 'self'")
DOC_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")
"""The preview of a document: its own inline styles, no script, only inside the form."""

DRAFTING = threading.Lock()
"""One document composed at a time (the composer is not shared between threads)."""

env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                  autoescape=select_autoescape(default=True), trim_blocks=True,
                  lstrip_blocks=True)
env.globals.update(name_of=name_of, id_of=id_of, value_at=value_at, shown=shown,
                   param_fields=param_fields, other_settings=other_settings,
                   clause_title=clause_title, as_text_box=as_text_box)


class Limits:
    """ASGI middleware: refuse a request body larger than ``MAX_BODY``, and add the
    security headers to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        too_big = length is not None and (not length.isdigit() or int(length) > MAX_BODY)
        if scope["method"] == "POST" and length is None:
            too_big = b"chunked" in headers.get(b"transfer-encoding", b"")
        if too_big:
            page = error_page("The file or form is too large",
                              "An input is at most 2 MB. Check that this is the right file.")
            return await HTMLResponse(page, status_code=413)(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > MAX_BODY:
                raise HTTPException(413)
            return message

        async def with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"cache-control", b"no-store")]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, limited, with_headers)


def error_page(title: str, text: str, status: int = 400) -> str:
    return env.get_template("error.html").render(title=title, text=text, status=status)


def page(name: str, request: Request, s: Session | None, status: int = 200, **ctx
         ) -> HTMLResponse:
    html = env.get_template(name).render(s=s, csrf=s.csrf if s else "", **ctx)
    resp = HTMLResponse(html, status_code=status)
    if s is not None and request.cookies.get(COOKIE) != s.id:
        resp.set_cookie(COOKIE, s.id, httponly=True, samesite="strict", path="/")
    return resp


def session_of(request: Request) -> Session | None:
    return request.app.state.sessions.get(request.cookies.get(COOKIE))


async def posted(request: Request) -> tuple[Session, object]:
    """The session and the form of a POST, after checking its CSRF token."""
    s = session_of(request)
    form = await request.form(max_files=1, max_fields=20_000, max_part_size=MAX_BODY)
    if s is None or not s.csrf_ok(str(form.get("_csrf") or "")):
        raise HTTPException(403, "This form has expired or was sent from another page. Go "
                                 "back to the start page and try again.")
    return s, form


async def drafted(s: Session, compose: bool = True) -> service.Checked:
    """Check the session's input (and, with ``compose``, draft it). The last result is
    kept for as long as the input is unchanged: the review page, its preview and the
    downloads then draft it once."""
    def work():
        with DRAFTING, s.lock:
            key = service.input_text(s.kind, s.data)
            cached = s.checked
            same = cached is not None and cached[0] == key
            if same and (cached[1] or not compose):
                return cached[2]
            result = service.check(s.folder, s.stem, s.kind, key, service.library(),
                                   compose, read=cached[2].read if same else None)
            s.checked = (key, compose, result)
            return result
    return await run_in_threadpool(work)


def to_start() -> RedirectResponse:
    return RedirectResponse("/", status_code=303)


async def http_error(request: Request, exc: HTTPException) -> HTMLResponse:
    titles = {403: "The form has expired", 404: "Not found", 405: "Not allowed",
              413: "The file or form is too large"}
    return HTMLResponse(error_page(titles.get(exc.status_code, "The request was refused"),
                                   exc.detail if exc.detail and exc.status_code != 404
                                   else "There is no such page here.", exc.status_code),
                        status_code=exc.status_code)


async def plankit_error(request: Request, exc: PlankitError) -> HTMLResponse:
    text = exc.message + "".join(f"\n{p}" for p in exc.problems)
    if exc.hint:
        text += f"\n{exc.hint}"
    return HTMLResponse(error_page("plankit could not do that", text), status_code=400)


async def server_error(request: Request, exc: Exception) -> HTMLResponse:
    log.error("error on %s %s: %s: %s", request.method, request.url.path,
              type(exc).__name__, exc)
    return HTMLResponse(error_page("Something went wrong",
                                   "The form could not do that. Your input is kept; go back "
                                   "and try again. The server's log has the details.", 500),
                        status_code=500)


def create_app(*, hosts: list[str] | None = None, work_dir: Path | None = None) -> Starlette:
    """The application. ``hosts``: the host names it answers to (default: this computer's
    loopback names)."""
    from plankit.web import clauses, downloads, routes

    allowed = list(hosts or []) + ["127.0.0.1", "localhost", "[::1]"]
    app = Starlette(
        routes=routes.ROUTES + clauses.ROUTES + downloads.ROUTES + [
            Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static")],
        middleware=[Middleware(Limits), Middleware(TrustedHostMiddleware, allowed_hosts=allowed)],
        exception_handlers={HTTPException: http_error, PlankitError: plankit_error,
                            Exception: server_error},
        lifespan=_lifespan,
    )
    app.state.sessions = Sessions(work_dir)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette):
    yield
    app.state.sessions.close()  # the working folders go when the server stops
