"""The clause picker of a solicitation: browse the library's provisions by topic, read each
one's summary and settings, preview it, pick it as a requirement, a scored incentive or an
encouraged practice, and see the evaluation points add up."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from plankit.web import service
from plankit.web.app import DOC_CSP, DRAFTING, page, posted, session_of, to_start
from plankit.web.formdata import _scalar

FRAMEWORK = "procurement"
"""The topic of the solicitation's own sections, which every solicitation has."""


@dataclass
class Choice:
    id: str
    title: str
    variant: str
    summary: str
    params: list
    scored: bool
    chosen: bool
    points: str


def scored(clause_id: str) -> bool:
    return clause_id.endswith((".incentivize", ".record"))


def topics(provisions: list) -> list[tuple[str, list[Choice]]]:
    """(topic title, its clauses) in the catalog's order, with what the input picked."""
    from plankit.library.topics import topic_order, topic_title

    picked = {p.get("clause"): p for p in provisions if isinstance(p, dict)}
    by_topic: dict[str, list[Choice]] = {}
    for c in service.library().clauses.values():
        m = c.meta
        if "procurement" not in m.kinds or m.topic == FRAMEWORK:
            continue
        chosen = picked.get(c.id)
        points = chosen.get("points") if chosen else None
        by_topic.setdefault(m.topic, []).append(Choice(
            c.id, m.title, m.variant, m.summary, list(m.params.items()), scored(c.id),
            chosen is not None, "" if points is None else str(points)))
    return [(topic_title(t), sorted(by_topic[t], key=lambda ch: ch.id))
            for t in sorted(by_topic, key=topic_order)]


def total(provisions: list) -> int:
    out = 0
    for p in provisions:
        if isinstance(p, dict) and scored(str(p.get("clause", ""))) \
                and isinstance(p.get("points"), int):
            out += p["points"]
    return out


def _provisions(s) -> list:
    value = s.data.get("provisions")
    return value if isinstance(value, list) else []


def _nav(s) -> list:
    from plankit.web.routes import _pages
    return _pages(s)


def _available(s) -> str:
    sol = s.data.get("solicitation")
    value = sol.get("evaluation_points") if isinstance(sol, dict) else None
    return str(value) if isinstance(value, int) else ""


async def picker(request: Request) -> Response:
    s = session_of(request)
    if s is None or s.kind != "procurement":
        return to_start()
    provisions = _provisions(s)
    return page("clauses.html", request, s, topics=topics(provisions), pages=_nav(s),
                clauses=True, total=total(provisions), available=_available(s), saved=False)


async def pick(request: Request) -> Response:
    s, form = await posted(request)
    if s.kind != "procurement":
        return to_start()
    known = {ch.id for _, group in topics([]) for ch in group}
    wanted = [c for c in dict.fromkeys(str(v) for v in form.getlist("use")) if c in known]
    with s.lock:
        old = {p.get("clause"): p for p in _provisions(s) if isinstance(p, dict)}
        order = [c for c in old if c in wanted] + [c for c in wanted if c not in old]
        new = []
        for clause_id in order:
            item = {k: v for k, v in old.get(clause_id, {"clause": clause_id}).items()
                    if k != "points"}
            text = str(form.get(f"points.{clause_id}") or "").strip()
            if scored(clause_id) and text:
                item["points"] = _scalar(text)
            new.append(item)
        # provisions the library does not list here (a user's own clause ids) are kept
        new += [p for p in _provisions(s) if not isinstance(p, dict)
                or p.get("clause") not in known]
        if new:
            s.data["provisions"] = new
        else:
            s.data.pop("provisions", None)
    if form.get("_go") == "provisions":
        return RedirectResponse("/form/provisions", status_code=303)
    provisions = _provisions(s)
    return page("clauses.html", request, s, topics=topics(provisions), pages=_nav(s),
                clauses=True, total=total(provisions), available=_available(s), saved=True)


async def clause_preview(request: Request) -> Response:
    """The clause alone, as it reads in this solicitation: drafted in the session's input
    with the settings given for it there (example values for the rest); with example
    values only while the input does not validate yet."""
    from plankit.compose.preview import preview

    clause_id = request.path_params["clause_id"]
    lib = service.library()
    clause = lib.clauses.get(clause_id)
    if clause is None or "procurement" not in clause.meta.kinds:
        raise HTTPException(404)
    s = session_of(request)

    def work():
        with DRAFTING:
            sample, params = _own_values(s, clause_id, lib)
            return service.render_document(preview(clause, lib, sample=sample, params=params),
                                           "html")
    html = (await run_in_threadpool(work)).decode("utf-8")
    return HTMLResponse(html, headers={"content-security-policy": DOC_CSP})


def _own_values(s, clause_id: str, lib) -> tuple:
    """(the session's input as a preview sample, the settings it gives ``clause_id``), or
    (None, None) when there is no procurement input that validates."""
    from plankit import api
    from plankit.compose.preview import Sample
    from plankit.errors import PlankitError

    if s is None or s.kind != "procurement":
        return None, None
    path = s.folder / f"{s.stem}.clause-preview.yaml"
    path.write_text(service.input_text(s.kind, s.data), "utf-8")
    try:
        loaded, model = api.read_input(path, lib)
    except PlankitError:
        return None, None
    chosen = next((p for p in model.provisions if p.clause == clause_id), None)
    return Sample(path, loaded, model), dict(chosen.params) if chosen is not None else {}


ROUTES = [
    Route("/clauses", picker),
    Route("/clauses", pick, methods=["POST"]),
    Route("/clauses/{clause_id:str}/preview", clause_preview),
]
