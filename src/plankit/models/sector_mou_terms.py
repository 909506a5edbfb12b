"""The words of the mou-sector-partnership kind: partner roles, meeting cadences and kinds
of contribution, how each is printed, and the other words people use for them."""

from __future__ import annotations

from typing import Literal

PartnerRole = Literal["industry", "education-training", "workforce-board", "labor",
                      "community", "economic-development", "government", "funder", "other"]

PARTNER_ROLES: dict[str, str] = {
    "industry": "Industry (employer)",
    "education-training": "Education and training",
    "workforce-board": "Workforce development board",
    "labor": "Labor",
    "community": "Community organization",
    "economic-development": "Economic development",
    "government": "Government agency",
    "funder": "Funder",
    "other": "Other partner",
}
"""How each partner role is printed in the tables."""

_ROLE_ALIASES: dict[str, str] = {
    "employer": "industry", "business": "industry", "industry-partner": "industry",
    "education": "education-training", "training": "education-training",
    "education-and-training": "education-training", "college": "education-training",
    "community-college": "education-training", "school": "education-training",
    "training-provider": "education-training",
    "workforce": "workforce-board", "board": "workforce-board", "wdb": "workforce-board",
    "union": "labor", "labor-union": "labor", "labor-management": "labor",
    "community-organization": "community", "community-based-organization": "community",
    "cbo": "community", "nonprofit": "community",
    "economic-development-organization": "economic-development",
    "public-agency": "government", "agency": "government",
    "foundation": "funder", "philanthropy": "funder",
}
"""Other words people use for a partner role, and the role each means."""

Cadence = Literal["monthly", "bi-monthly", "quarterly", "twice-a-year", "annually"]

CADENCE: dict[str, str] = {
    "monthly": "at least once a month",
    "bi-monthly": "at least once every two months",
    "quarterly": "at least once each calendar quarter",
    "twice-a-year": "at least twice a year",
    "annually": "at least once a year",
}

_CADENCE_ALIASES: dict[str, str] = {
    "bimonthly": "bi-monthly", "every-two-months": "bi-monthly",
    "every-other-month": "bi-monthly", "quarter": "quarterly",
    "semi-annually": "twice-a-year", "semiannually": "twice-a-year",
    "biannually": "twice-a-year", "twice-yearly": "twice-a-year",
    "annual": "annually", "yearly": "annually", "once-a-year": "annually",
}

Contribution = Literal["cash", "in-kind"]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()
