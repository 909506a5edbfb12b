"""Public comment on a WIOA local plan: the process (WIOA sec. 108(b)(20), 108(d); 20 CFR
679.550(b)) and the comments received, with the Board's response to each.

Comments can be written in the input (``public_comments:`` as a list) or kept in a CSV file
next to it (``public_comments: comments.csv``), one comment per line, with the columns
``commenter_type, commenter, summary, response, change_made, disagrees``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any, Literal, Optional

from pydantic import Field, ValidationError, field_validator, model_validator

from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.plan._fields import TextList, pick

CommenterType = Literal["business", "labor", "education", "community", "public-agency",
                        "elected-official", "partner", "individual", "other"]

COMMENTER_TYPES: dict[str, str] = {
    "business": "Business",
    "labor": "Labor organization",
    "education": "Education",
    "community": "Community organization",
    "public-agency": "Public agency",
    "elected-official": "Elected official",
    "partner": "One-stop or program partner",
    "individual": "Member of the public",
    "other": "Other",
}

COMMENTER_ALIASES = {"employer": "business", "union": "labor", "labor-organization": "labor",
                     "school": "education", "college": "education", "cbo": "community",
                     "nonprofit": "community", "agency": "public-agency",
                     "public": "individual", "resident": "individual"}

REQUIRED_INVITEES = {
    "business": ("business", "employer", "chamber"),
    "labor organizations": ("labor", "union", "building trades", "afl-cio"),
    "education": ("education", "school", "college", "universit"),
}
"""The groups WIOA sec. 108(d)(2) and 20 CFR 679.550(b)(2) name, with words that show an
invitee belongs to one."""


class PublicCommentProcess(Model):
    """How the proposed plan was made available and comment invited."""

    opened: Optional[dt.date] = Field(
        None, description="The day the proposed plan was made available for comment")
    closed: Optional[dt.date] = Field(
        None, description="The last day of the comment period (no more than 30 days after "
                          "it opened, under 20 CFR 679.550(b)(3))")
    availability: TextList = Field(
        default_factory=list,
        description="How the proposed plan was made available, one per line; e.g. 'the "
                    "Board's website', 'a public hearing on March 3, 2026'")
    invited: TextList = Field(
        default_factory=list,
        description="Who was invited to comment, one per line, including representatives of "
                    "business, labor organizations and education")
    notice: Optional[str] = Field(
        None, description="How the comment period was announced, in a sentence")
    ongoing: Optional[str] = Field(
        None, description="How the Board makes information about the plan available "
                          "regularly through electronic means and open meetings")
    none_received: bool = Field(
        False, description="true if the comment period closed with no comments")

    @model_validator(mode="after")
    def _ordered(self) -> "PublicCommentProcess":
        if self.opened and self.closed and self.closed < self.opened:
            raise ValueError(f"the comment period closes ({self.closed}) before it opens "
                             f"({self.opened}); swap the dates or correct the year")
        return self

    @property
    def days(self) -> Optional[int]:
        """How many days the comment period ran, counting both ends."""
        if self.opened and self.closed:
            return (self.closed - self.opened).days + 1
        return None

    @property
    def groups_missing(self) -> list[str]:
        """The groups sec. 108(d)(2) names that no invitee belongs to."""
        text = " ".join(self.invited).casefold()
        return [g for g, words in REQUIRED_INVITEES.items()
                if not any(w in text for w in words)]


class PublicComment(Model):
    """One comment received, with the Board's response."""

    commenter_type: CommenterType = Field(
        description="Who commented: " + ", ".join(COMMENTER_TYPES))
    commenter: Optional[ShortText] = Field(
        None, description="The commenter's name or organization, if the Board publishes it")
    summary: str = Field(description="What the comment said, in a sentence or two")
    response: Optional[str] = Field(None, description="The Board's response")
    change_made: Optional[str] = Field(
        None, description="The change made to the plan because of the comment; leave out if "
                          "none was made")
    disagrees: bool = Field(False, description="true if the comment disagrees with the plan")

    @field_validator("commenter_type", mode="before")
    @classmethod
    def _type_word(cls, value: Any) -> Any:
        return pick(value, COMMENTER_TYPES, "a kind of commenter", aliases=COMMENTER_ALIASES)

    @field_validator("disagrees", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        if isinstance(value, str):
            word = value.strip().casefold()
            if word in ("yes", "y", "true", "1", "x"):
                return True
            if word in ("no", "n", "false", "0", ""):
                return False
        return value

    @property
    def commenter_label(self) -> str:
        kind = COMMENTER_TYPES[self.commenter_type]
        return f"{self.commenter} ({kind.lower()})" if self.commenter else kind


CSV_COLUMNS = ("commenter_type", "commenter", "summary", "response", "change_made",
               "disagrees")


def comments_from_csv(text: str, name: str) -> list[dict[str, Any]]:
    """The rows of a comments CSV as dicts, each checked; a mistake raises ValueError
    naming the file, the line and the column."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    end = 0
    try:
        for cells in reader:
            rows.append((end + 1, cells))
            end = reader.line_num
    except csv.Error as exc:
        raise ValueError(f"{name} line {reader.line_num}: is not readable as CSV ({exc}); "
                         "check the quotes on that line") from None
    rows = [(n, c) for n, c in rows if any(cell.strip() for cell in c)]
    if not rows:
        raise ValueError(f"{name}: is empty; its first line names the columns: "
                         + ", ".join(CSV_COLUMNS))
    first, head = rows[0][0], [h.strip() for h in rows[0][1]]
    unknown = [h for h in head if h not in CSV_COLUMNS]
    if unknown:
        raise ValueError(f"{name} line {first}: '{unknown[0]}' is not a comment column; the "
                         "columns are " + ", ".join(CSV_COLUMNS))
    out = []
    for number, row in rows[1:]:
        item = {h: cell.strip() for h, cell in zip(head, row) if cell.strip()}
        try:
            PublicComment.model_validate(item)
        except ValidationError as exc:
            err = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in err.get("loc", ())) or "row"
            msg = "is required but missing" if err.get("type") == "missing" else \
                str(err.get("msg", "")).removeprefix("Value error, ")
            raise ValueError(f"{name} line {number}: {where}: {msg}") from None
        out.append(item)
    return out
