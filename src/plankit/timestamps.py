"""The one place the date recorded inside output files is decided.

Outputs carry a fixed date so the same input always gives the same bytes: the
``source_date_epoch`` option, else the ``SOURCE_DATE_EPOCH`` environment variable (the
reproducible-builds convention), else 2024-01-01.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

from plankit.errors import UsageError

DEFAULT_EPOCH = 1704067200
"""2024-01-01T00:00:00Z, the date written when ``SOURCE_DATE_EPOCH`` is not set."""


def epoch_seconds(value: int | str | None = None) -> int:
    """Seconds since 1970 for the document's dates: ``value``, else ``SOURCE_DATE_EPOCH``,
    else 2024-01-01. A value that is not a whole, non-negative number is a usage error."""
    origin = "source_date_epoch"
    if value is None:
        origin = "SOURCE_DATE_EPOCH"
        value = os.environ.get("SOURCE_DATE_EPOCH", "").strip() or DEFAULT_EPOCH
    try:
        seconds = int(value)
        if seconds < 0:
            raise ValueError("negative")
        datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        raise UsageError(
            f"{origin} must be a whole number of seconds since 1970, not {value!r}",
            hint="for example SOURCE_DATE_EPOCH=1704067200, or leave it unset",
        ) from None
    return seconds
