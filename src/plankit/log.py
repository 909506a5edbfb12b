"""The ``plankit`` logger: warnings go to stderr with a prefix and are counted, so
``--strict`` can turn them into a failure (mkdocs's CountHandler)."""

from __future__ import annotations

import logging
import sys

log = logging.getLogger("plankit")


class CountingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.counts: dict[int, int] = {}

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[record.levelno] = self.counts.get(record.levelno, 0) + 1
        prefix = {logging.WARNING: "warning: ", logging.ERROR: "error: ",
                  logging.DEBUG: "debug: "}.get(record.levelno, "")
        try:
            sys.stderr.write(prefix + record.getMessage() + "\n")
        except (OSError, ValueError):
            pass

    def warnings(self) -> int:
        return self.counts.get(logging.WARNING, 0)


def setup(debug: bool = False, quiet: bool = False) -> CountingHandler:
    handler = CountingHandler()
    for old in list(log.handlers):
        log.removeHandler(old)
    log.addHandler(handler)
    log.propagate = False
    log.setLevel(logging.DEBUG if debug else (logging.ERROR if quiet else logging.INFO))
    return handler
