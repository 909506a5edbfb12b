"""Starting the form's server on this computer."""

from __future__ import annotations

import logging
import threading
import webbrowser

import click

from plankit.errors import EnvironmentProblem

log = logging.getLogger("plankit.web")

LOOPBACK = "127.0.0.1"


def serve(host: str = LOOPBACK, port: int = 8000, open_browser: bool = False) -> None:
    """Run the form until interrupted. Any host but this computer's loopback address is
    answered with a warning: the form has no accounts, so anyone who can reach the
    address can use it."""
    try:
        import uvicorn

        from plankit.web.app import create_app
    except ImportError as exc:  # the web extra is not installed
        raise EnvironmentProblem(f"the web form needs a package that is not installed "
                                 f"({exc.name})",
                                 hint="pip install 'plankit[web]'") from None
    if host != LOOPBACK:
        log.warning("warning: serving on %s: anyone who can reach this address can use the "
                    "form and read what is typed in it; use the default (%s) unless you "
                    "mean to share it", host, LOOPBACK)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    click.echo(f"plankit form: {url} (press Ctrl+C to stop)")
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    app = create_app(hosts=[host] if host != LOOPBACK else None)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
