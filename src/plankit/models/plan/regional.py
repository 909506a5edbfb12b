"""The planning region of a WIOA local plan and the regional plan elements of 20 CFR
679.510(a)(1) (WIOA sec. 106(c)(1)).

A local area the Governor placed in a planning region takes part in a regional plan. The
local plan either answers each regional element itself or names the regional plan document
that does (``regional_plan``).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from pydantic import Field

from plankit.models.base import Model
from plankit.models.common import ShortText
from plankit.models.plan._fields import TextList


class RegionalPlan(Model):
    """The regional plan document for the planning region."""

    title: ShortText = Field(description="The regional plan's title, e.g. 'Confluence "
                                         "Regional Workforce Plan, Program Years 2024-2027'")
    date: Optional[dt.date] = Field(None, description="The date of the regional plan, or of "
                                                      "its latest modification")
    where: Optional[ShortText] = Field(
        None, description="Where readers can find it; e.g. 'the regional plan website' or "
                          "'Attachment A'")

    @property
    def label(self) -> str:
        when = f" ({self.date:%B} {self.date.day}, {self.date.year})" if self.date else ""
        return f"{self.title}{when}"


REGIONAL_ELEMENTS: dict[str, str] = {
    "service_strategies": "Regional service strategies and cooperative service delivery "
                          "agreements",
    "sector_initiatives": "Sector initiatives",
    "labor_market_analysis": "Regional labor market analysis",
    "administrative_costs": "Administrative cost arrangements",
    "supportive_services": "Transportation and other supportive services",
    "economic_development": "Coordination with regional economic development",
    "performance": "Negotiating and reporting local levels of performance",
}
"""The elements of 20 CFR 679.510(a)(1)(ii)-(viii), by field, with their headings."""


class PlanningRegion(Model):
    """The planning region the state placed the local area in, if any."""

    name: ShortText = Field(description="The planning region's name, e.g. 'Confluence "
                                        "Planning Region'")
    other_areas: TextList = Field(
        default_factory=list,
        description="The other local areas in the region, one per line")
    regional_plan: Optional[RegionalPlan] = Field(
        None, description="The regional plan document; an element left out below is then "
                          "stated to be answered there")
    service_strategies: Optional[str] = Field(
        None, description="Regional service strategies, including cooperative service "
                          "delivery agreements")
    sector_initiatives: Optional[str] = Field(
        None, description="Sector initiatives for in-demand industry sectors or occupations "
                          "in the region")
    labor_market_analysis: Optional[str] = Field(
        None, description="How the region collects and analyzes regional labor market data "
                          "with the State")
    administrative_costs: Optional[str] = Field(
        None, description="Administrative cost arrangements, including any pooling of funds "
                          "for administrative costs")
    supportive_services: Optional[str] = Field(
        None, description="How transportation and other supportive services are coordinated "
                          "across the region")
    economic_development: Optional[str] = Field(
        None, description="How services are coordinated with regional economic development "
                          "services and providers")
    performance: Optional[str] = Field(
        None, description="How the local areas of the region negotiate local levels of "
                          "performance with the Governor together, and report on them")
    common_responses: Optional[TextList] = Field(
        None, description="The local plan elements the Governor designated for a common "
                          "response in the regional plan, one per line; write "
                          "'common_responses: []' if the Governor designated none")

    def answer(self, key: str) -> str:
        """'local' (answered here), 'regional' (in the regional plan) or '' (open)."""
        if getattr(self, key, None):
            return "local"
        return "regional" if self.regional_plan else ""
