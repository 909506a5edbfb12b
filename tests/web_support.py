"""A plankit form server on a free loopback port, in a thread, for the web tests."""

from __future__ import annotations

import contextlib
import http.cookiejar
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request


@contextlib.contextmanager
def running_server(tmp_path):
    import uvicorn

    from plankit.web.app import create_app

    app = create_app(work_dir=tmp_path)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


class Client:
    """A browser-like client without a browser: cookies, and the CSRF token of the last
    page."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""
        self.rev = ""

    def request(self, path, data=None, headers=None, method=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if isinstance(data, dict) \
            else data
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {},
                                     method=method)
        try:
            resp = self.opener.open(req, timeout=60)
            status, content, hdrs = resp.status, resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            status, content, hdrs = exc.code, exc.read(), exc.headers
        m = re.search(rb'name="_csrf" value="([^"]+)"', content)
        if m:
            self.csrf = m.group(1).decode()
        m = re.search(rb'name="_rev" value="([^"]+)"', content)
        if m:
            self.rev = m.group(1).decode()
        return status, content, hdrs

    def get(self, path):
        return self.request(path)

    def post(self, path, fields):
        return self.request(path, {"_csrf": self.csrf, "_rev": self.rev, **fields})
