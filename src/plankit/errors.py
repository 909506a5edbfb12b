"""One error hierarchy, mapped to exit codes (documented in README):

0 success; 1 invalid input, failed validation or failed check; 2 usage error;
3 environment problem (for example the PDF libraries are missing); 4 internal error (a bug).
"""

from __future__ import annotations

import click

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4


class PlankitError(click.ClickException):
    """A problem the user can fix. ``problems`` are shown one per line."""

    exit_code = EXIT_INVALID

    def __init__(self, message: str, *, hint: str = "", problems: list[str] | None = None,
                 file: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.hint = hint
        self.problems = list(problems or [])
        self.file = file
        self.detail = detail
        """Technical words behind the message (e.g. the YAML parser's own), shown only with
        ``--verbose``."""

    def format_message(self) -> str:
        head = f"{self.file}: {self.message}" if self.file else self.message
        lines = [head]
        shown = self.problems[:MAX_PROBLEMS]
        lines += [f"  {p}" for p in shown]
        if len(self.problems) > MAX_PROBLEMS:
            more = len(self.problems) - MAX_PROBLEMS
            lines.append(f"  … and {more} more problem{'s' if more != 1 else ''} (fix these and "
                         "run again to see them)")
        if self.hint:
            lines.append(f"hint: {self.hint}")
        if self.detail and SHOW_DETAIL[0]:
            lines.append(f"details: {self.detail}")
        return "\n".join(lines)

    def show(self, file=None) -> None:  # noqa: D102 - click API
        click.echo("error: " + self.format_message(), err=True)


SHOW_DETAIL = [False]
"""Set by ``plankit --verbose`` (and ``--debug``): show each error's technical details."""

MAX_PROBLEMS = 50
"""Keep a message on one screen: every problem in a file is reported at once, up to this
many; the count of the rest follows."""


class InputError(PlankitError):
    """The input file is missing, unreadable, malformed or invalid (exit 1)."""

    exit_code = EXIT_INVALID


class ClauseError(PlankitError):
    """A clause file is invalid or failed to render (exit 1)."""

    exit_code = EXIT_INVALID


class CheckFailed(PlankitError):
    """A check (``--strict`` placeholders, ``clauses check``) found problems (exit 1)."""

    exit_code = EXIT_INVALID


class UsageError(PlankitError):
    """The command line is wrong (exit 2)."""

    exit_code = EXIT_USAGE


class OutputError(PlankitError):
    """An output file cannot be written (exit 1: the user picks another place)."""

    exit_code = EXIT_INVALID


class EnvironmentProblem(PlankitError):
    """Something missing on this computer, e.g. the PDF libraries (exit 3)."""

    exit_code = EXIT_ENVIRONMENT
