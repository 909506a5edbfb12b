"""Reading a CSV file of public comments named in a plan input (``public_comments:
comments.csv``), before the input is validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plankit.errors import InputError
from plankit.models.open import parse_open
from plankit.models.plan.comments import CSV_COLUMNS, comments_from_csv


def read_comments(loaded, read_text) -> Any:
    """The input's data with ``public_comments`` read from the CSV file it names (with
    ``read_text``, the reader of input files); any other input is returned as it is."""
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("public_comments"), str) \
            or parse_open(data["public_comments"]) is not None:  # left open: no file to read
        return data
    name = data["public_comments"].strip()
    line = loaded.line_of(("public_comments",))
    at = f"line {line}: " if line else ""
    path = Path(name)
    if not path.is_absolute():
        path = loaded.path.parent / path
    if path.suffix.lower() not in (".csv", ".txt"):
        raise InputError(f"{at}public_comments: '{name}' is not a CSV file", file=loaded.name,
                         hint="list the comments here, or save them as 'CSV UTF-8' with the "
                              "columns " + ", ".join(CSV_COLUMNS) + " and give that file's "
                              "name")
    text, _ = read_text(path)
    try:
        rows = comments_from_csv(text, path.name)
    except ValueError as exc:
        raise InputError(str(exc), file=loaded.name,
                         hint="the columns are " + ", ".join(CSV_COLUMNS)) from None
    return {**data, "public_comments": rows}
