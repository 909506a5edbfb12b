"""The facts of a solicitation for the procurement kind: what is bought, with what money, by
whom, by which method (sealed bids or proposals) and under which federal program.

The method decides the words of the whole document: a sealed-bid invitation speaks of
Bidders and Bids and scores nothing (award goes to the lowest responsive, responsible
Bidder); a request for proposals speaks of Proposers and Proposals and may score job quality
commitments. :data:`WORDS` holds both vocabularies, and clause bodies read them as
``doc.words``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any, Literal, Optional

from pydantic import Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from plankit.models._choices import choice_word, listed_twice, lower_word, one_or_many
from plankit.models.base import Model
from plankit.models.common import Jurisdiction, Money, ShortText

SolicitationType = Literal["construction", "services", "goods", "grant"]
FundingSource = Literal["federal-formula", "iija", "ira-tax-credit", "state", "local", "other"]
Method = Literal["sealed-bid", "proposals"]
Owner = Literal["state", "local"]

SOLICITATION_TYPES: dict[str, str] = {
    "construction": "Construction",
    "services": "Services",
    "goods": "Goods",
    "grant": "Grant or subaward",
}
"""How each solicitation type is printed."""

_TYPE_WORDS = {"service": "services", "good": "goods", "subaward": "grant",
               "grant/subaward": "grant", "grant-or-subaward": "grant", "subgrant": "grant"}
"""Other ways people write a solicitation type."""

FUNDING_SOURCES: dict[str, str] = {
    "federal-formula": "federal formula funds",
    "iija": "Infrastructure Investment and Jobs Act (IIJA) funds",
    "ira-tax-credit": "Inflation Reduction Act (IRA) clean-energy tax credits",
    "state": "state funds",
    "local": "local funds",
    "other": "other funds",
}
"""How each funding source is printed inside a sentence."""

FEDERAL_FUNDS = ("federal-formula", "iija")
"""Funding sources that are federal money spent through the solicitation."""

METHODS: dict[str, str] = {
    "sealed-bid": "sealed bids (an invitation for bids): award to the lowest responsive, "
                  "responsible Bidder, with nothing scored",
    "proposals": "competitive proposals (a request for proposals): award on price and other "
                 "stated factors, which may include scored job quality commitments",
}
"""The procurement methods, as the starter and messages explain them."""

_METHOD_WORDS = {"sealed-bids": "sealed-bid", "sealed": "sealed-bid", "bid": "sealed-bid",
                 "bids": "sealed-bid", "ifb": "sealed-bid", "itb": "sealed-bid",
                 "invitation-for-bids": "sealed-bid", "invitation-to-bid": "sealed-bid",
                 "rfp": "proposals", "proposal": "proposals",
                 "request-for-proposals": "proposals", "competitive-proposals": "proposals"}

OWNERS: dict[str, str] = {
    "state": "a state agency, board or commission",
    "local": "a city, county, school district, special district, authority or other local "
             "public body",
}

WORDS: dict[str, dict[str, str]] = {
    "sealed-bid": {"bidder": "Bidder", "bidders": "Bidders", "bid": "Bid", "bids": "Bids",
                   "a_bid": "a Bid", "solicitation": "invitation for bids",
                   "due": "the time set for opening Bids",
                   "not_scored": "it is not considered in the award"},
    "proposals": {"bidder": "Proposer", "bidders": "Proposers", "bid": "Proposal",
                  "bids": "Proposals", "a_bid": "a Proposal",
                  "solicitation": "request for proposals",
                  "due": "the date Proposals are due",
                  "not_scored": "a Proposal earns no evaluation points under it"},
}
"""The words for the party that responds and its response, by method."""

OTHER_PROGRAM = "other"


NO_RULE_BOOK = ("the procurement rules were not given: validate the input with "
                "plankit.api.read_input, or pass context={'rules': book} (a loaded "
                "plankit.rules.RuleBook)")


def rule_book(context: Any) -> Any:
    """The rule book an input is validated with (``context={"rules": book}``); the models
    never load rules themselves."""
    book = context.get("rules") if isinstance(context, dict) else None
    if book is None:
        raise ValueError(NO_RULE_BOOK)
    return book


def known_programs(book: Any) -> dict[str, str]:
    """The federal programs the rule book knows (short name -> full name)."""
    return book.get("procurement").programs


class Location(Jurisdiction):
    """Where the work is done: the state, and the city or county if not statewide."""

    site: Optional[ShortText] = Field(
        None, description="The work site in plain words, e.g. '1200 Foundry Road' or "
                          "'various sites across the county'")

    def describe(self) -> str:
        parts = [p for p in (self.site, self.locality, self.state_name) if p]
        return ", ".join(parts)


class Solicitation(Model):
    """The facts of the solicitation this job quality section belongs to."""

    _rules: Any = PrivateAttr(default=None)
    """The rule book the input was validated with (it names the known programs)."""


    number: ShortText = Field(description="The solicitation number, e.g. 'RFP 2026-014'")
    title: ShortText = Field(description="The solicitation title as advertised, e.g. "
                                         "'Eastside Bus Maintenance Facility'")
    type: SolicitationType = Field(
        description="What is being bought: construction, services, goods, or grant "
                    "(a grant or subaward)")
    method: Method = Field(
        "proposals", description="How the contract is awarded: sealed-bid (an invitation for "
                                 "bids, award to the lowest responsive, responsible bidder, "
                                 "nothing scored) or proposals (a request for proposals, "
                                 "which may score job quality commitments)")
    method_authority: Optional[ShortText] = Field(
        None, description="For proposals on construction: the law, rule or written "
                          "determination that allows competitive proposals where sealed "
                          "bids are the rule, as the document should state it")
    owner: Optional[Owner] = Field(
        None, description="Who awards the contract: state (a state agency, board or "
                          "commission) or local (a city, county, district, authority or "
                          "other local public body); some state prevailing wage laws cover "
                          "only one of them")
    estimated_value: Optional[Money] = Field(
        None, description="The estimated value of the contract in dollars, e.g. 48000000 "
                          "or \"$48,000,000\"; leave out if it is not published")
    funding_sources: list[FundingSource] = Field(
        default_factory=list,
        description="Where the money comes from, one or more of: federal-formula, iija, "
                    "ira-tax-credit, state, local, other")
    funding_note: Optional[ShortText] = Field(
        None, description="The grant program or fund by name, e.g. 'FTA Bus and Bus "
                          "Facilities grant'")
    program: Optional[ShortText] = Field(
        None, description="The federal program by its short name when one pays for the work "
                          "and the procurement rules know it (NEVI or BEAD), or 'other'; "
                          "some program rules depend on it")
    dot_grant: bool = Field(
        False, description="True when the federal money is a U.S. Department of "
                           "Transportation grant under title 23 or 49 of the U.S. Code (for "
                           "example an FTA or FHWA grant); local hiring rules depend on it")
    federal_acquisition: bool = Field(
        False, description="True only when a federal agency awards the contract itself under "
                           "the Federal Acquisition Regulation (FAR); false for state and "
                           "local contracts, even when federal grants pay for them")
    construction_start: Optional[dt.date] = Field(
        None, description="Expected construction start date (YYYY-MM-DD), for construction "
                          "work; some apprenticeship rules depend on it")
    evaluation_points: Optional[int] = Field(
        None, ge=1, le=100_000,
        description="Total points in the whole evaluation (every criterion, not only job "
                    "quality), e.g. 100")
    minimum_wage: Optional[Money] = Field(
        None, description="The highest minimum wage per hour that applies where the work is "
                          "done (federal, state or local), e.g. 16.50; used to check wage "
                          "floors", json_schema_extra={"floor_wage": True})
    prevailing_wage: Optional[Money] = Field(
        None, description="The lowest basic hourly prevailing wage rate that applies to the "
                          "work, from the wage determination, if one applies; used to check "
                          "wage floors", json_schema_extra={"floor_wage": True})
    location: Location = Field(description="Where the work is done")

    @field_validator("type", mode="before")
    @classmethod
    def _type_words(cls, value: Any) -> Any:
        key = lower_word(value)
        if isinstance(key, str):
            key = _TYPE_WORDS.get(key, key)
            if key not in SOLICITATION_TYPES:
                raise ValueError(f"'{value}' is not a solicitation type; use one of: "
                                 + ", ".join(SOLICITATION_TYPES))
        return key

    @field_validator("method", mode="before")
    @classmethod
    def _method_words(cls, value: Any) -> Any:
        key = choice_word(value, _METHOD_WORDS)
        if isinstance(key, str) and key not in METHODS:
            raise ValueError(f"'{value}' is not a procurement method; use sealed-bid (an "
                             "invitation for bids) or proposals (a request for proposals)")
        return key

    @field_validator("owner", mode="before")
    @classmethod
    def _owner_words(cls, value: Any) -> Any:
        key = choice_word(value, {"state-agency": "state", "city": "local", "county": "local",
                                  "local-government": "local", "authority": "local"})
        if isinstance(key, str) and key not in OWNERS:
            raise ValueError(f"'{value}' is not an owner; use state ({OWNERS['state']}) or "
                             f"local ({OWNERS['local']})")
        return key

    @field_validator("program", mode="after")
    @classmethod
    def _known_program(cls, value: Optional[str], info: ValidationInfo) -> Optional[str]:
        if value is None:
            return value
        text = value.strip()
        if text.casefold() == OTHER_PROGRAM:
            return OTHER_PROGRAM
        known = known_programs(rule_book(info.context))
        by_fold = {name.casefold(): name for name in known}
        if text.casefold() in by_fold:
            return by_fold[text.casefold()]
        for name, full in known.items():
            if text.casefold() == full.casefold():
                return name
        close = difflib.get_close_matches(text.casefold(), list(by_fold), n=1, cutoff=0.5)
        mean = f"did you mean '{by_fold[close[0]]}'? " if close else ""
        raise ValueError(f"'{text}' is not a program the procurement rules know; {mean}"
                         "known programs: " + ", ".join(f"{k} ({v})" for k, v in known.items())
                         + "; for any other program write 'other' and name it in "
                           "funding_note")

    @field_validator("funding_sources", mode="before")
    @classmethod
    def _funding_words(cls, value: Any) -> Any:
        value = one_or_many(value)  # a single source written without list dashes
        if isinstance(value, list):
            out = []
            for item in value:
                if isinstance(item, str):
                    key = lower_word(item)
                    if key not in FUNDING_SOURCES:
                        raise ValueError(f"'{item}' is not a funding source plankit knows; use "
                                         "one of: " + ", ".join(FUNDING_SOURCES)
                                         + " (use 'other' and explain it in funding_note)")
                    if key in out:
                        raise listed_twice(key, "source")
                    out.append(key)
                else:
                    out.append(item)
            return out
        return value

    @field_validator("evaluation_points", mode="before")
    @classmethod
    def _whole_points(cls, value: Any) -> Any:
        return whole_points(value)

    @property
    def type_label(self) -> str:
        return SOLICITATION_TYPES.get(self.type, self.type)

    @property
    def funding_labels(self) -> list[str]:
        return [FUNDING_SOURCES.get(f, f) for f in self.funding_sources]

    @property
    def funding_summary(self) -> str:
        """The funding sources as one phrase starting with a capital, e.g. 'State funds and
        local funds'; empty when none are listed."""
        labels = self.funding_labels
        if not labels:
            return ""
        text = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
        return text[:1].upper() + text[1:]

    @property
    def federal_funds(self) -> bool:
        """Whether federal money is spent through this solicitation (formula or IIJA funds)."""
        return any(f in FEDERAL_FUNDS for f in self.funding_sources)

    @property
    def sealed_bid(self) -> bool:
        return self.method == "sealed-bid"

    @model_validator(mode="after")
    def _keep_rules(self, info: ValidationInfo) -> "Solicitation":
        self.__pydantic_private__["_rules"] = rule_book(info.context)
        return self

    @property
    def program_name(self) -> str:
        """The program's full name, or "" when none (or 'other') is given."""
        if not self.program or self.program == OTHER_PROGRAM:
            return ""
        return known_programs(self.__pydantic_private__.get("_rules")).get(self.program,
                                                                           self.program)


def whole_points(value: Any) -> Any:
    """Points as a whole number: 10 or "10", not 10.5, true or "ten"."""
    if isinstance(value, bool):
        raise ValueError("must be a number of points such as 10, not true/false")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"is {value}; give points as a whole number such as 10")
    if isinstance(value, str) and not value.strip().isdigit():
        raise ValueError(f"'{value}' is not a number of points; write a whole number "
                         "such as 10")
    return value
