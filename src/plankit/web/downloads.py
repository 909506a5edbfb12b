"""Downloads of an input that makes several documents (a tiered data-sharing MOU: the
framework agreement, each data-sharing agreement and each data license): one ZIP file per
format holding every document ``plankit build`` writes for the input in that format, under
the names it gives them, with the same bytes."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from plankit import api
from plankit.web import service
from plankit.web.app import DRAFTING, drafted, session_of

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time every file in a ZIP is dated (the earliest a ZIP holds), so the same documents
always make the same archive."""


@dataclass(frozen=True)
class Document:
    title: str
    stem: str
    """The file name without its format (``mou.agreement-2``)."""


def documents(dr) -> list[Document]:
    """The documents a draft makes, the main one first; one when nothing is linked to it."""
    return [Document(one.document.title, one.stem) for one in [dr] + list(dr.linked)]


def zipped(files: list[tuple[str, bytes]]) -> bytes:
    """A ZIP of ``(name, bytes)``, sorted by name and dated ``ZIP_TIME``: the same files
    always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


async def download_all(request: Request) -> Response:
    """Every document of the input in one format, as a ZIP."""
    s = session_of(request)
    what = request.path_params["what"]
    if s is None or not s.kind or what not in service.DOWNLOADS:
        raise HTTPException(404)
    checked = await drafted(s)
    if checked.draft is None:
        return RedirectResponse("/review", status_code=303)
    fmt, ext = service.DOWNLOADS[what]

    def work():
        with DRAFTING:
            return zipped(api.output_files(checked.draft, [fmt]))
    body = await run_in_threadpool(work)
    return Response(body, media_type="application/zip", headers={
        "content-disposition": f'attachment; filename="{s.stem}.{ext}.zip"'})


ROUTES = [Route("/download/all/{what:str}", download_all)]
