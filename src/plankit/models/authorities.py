"""The legal authorities a data-sharing MOU may rest on, and how each is cited.

An input lists authorities by id (``legal_authorities: [ui-confidentiality, ferpa-studies]``);
clauses print the citations from this table (``doc.authority("ferpa-studies").cite``), so a
citation is written once and every clause that names it agrees.

Rules for this table: a citation is ``verified`` only when it has been checked against a
public source; an unverified one is printed together with a drafter note asking the
reviewer to confirm it. Authorities whose rules changed recently carry ``as_of``, the date
the status was last confirmed, and clauses print it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, Optional, get_args

AuthorityId = Literal["ui-confidentiality", "ferpa-audit-evaluation", "ferpa-studies",
                      "wioa-performance", "hipaa", "part2", "state-law"]
"""Authorities plankit has clauses for. Keep in step with :data:`AUTHORITIES`."""


@dataclass(frozen=True)
class Cite:
    """One citation: what it is called and how it is cited."""

    label: str
    cite: str
    verified: bool = True
    as_of: Optional[dt.date] = None


@dataclass(frozen=True)
class Authority:
    """What plankit knows about one legal authority for sharing data."""

    id: str
    name: str
    """Plain name, e.g. 'Confidentiality of unemployment compensation information'."""
    cite: str
    """The citation as printed in the agreement, e.g. '20 CFR part 603'."""
    covers: str
    """What data it governs, in a few words."""
    clause: str
    """The clause that sets out the terms this authority needs."""
    cites: tuple[Cite, ...] = ()
    """Further citations the clause relies on."""
    as_of: Optional[dt.date] = None
    """Date the status was last confirmed, for rules that changed recently."""
    user_supplied: bool = False
    """True when the input, not this table, supplies the citation (state law)."""
    requires: tuple["Requirement", ...] = ()
    """Terms this authority requires the written agreement to contain, that depend on what
    the input says (the domain checks in :mod:`plankit.models.mou` look for each one)."""
    breach_limit_hours: Optional[int] = None
    """Longest time, in hours, this authority allows between discovering a breach and
    notifying the people affected; notice between the parties must come within it."""
    breach_limit_cite: str = ""
    """Where :attr:`breach_limit_hours` comes from."""
    source: str = ""
    """Where the paragraphs cited were read, for the review memo."""
    confirmed: Optional[dt.date] = None
    """The latest date the text read is known to be current as of (the review memo asks the
    reviewer to confirm the status on the document's own date)."""
    unchanged_since: Optional[dt.date] = None
    """The last amendment the copy read shows: the text is known to be the same on every
    date from this one to :attr:`confirmed`."""
    not_verified: tuple[str, ...] = ()
    """Paragraphs the clauses rely on that could not be read, for the review memo."""


@dataclass(frozen=True)
class Requirement:
    """One term an authority requires the agreement to contain.

    ``element`` names the check that looks for it in the input:

    * ``transfer-terms``: each data element the authority covers says how often and how it
      is sent;
    * ``costs``: the agreement says who pays the costs;
    * ``duration``: the agreement has an end (a date or a number of years);
    * ``destruction-period``: the agreement sets a number of years to keep the data and a
      number of days to destroy them.
    """

    element: str
    what: str
    """The requirement in plain words, as a finding prints it."""
    cite: str
    verified: bool = True
    """False when the requirement could not be confirmed against the text of the rule; the
    finding then asks the reviewer to confirm it."""


AUTHORITIES: dict[str, Authority] = {
    a.id: a
    for a in (
        Authority(
            id="ui-confidentiality",
            clause="mou-data.authority-ui",
            name="Confidentiality of unemployment compensation information",
            cite="20 CFR part 603",
            covers="Unemployment compensation information held by the state unemployment "
                   "insurance agency, including wage records",
            cites=(
                Cite("Federal-State Unemployment Compensation Program; confidentiality and "
                     "disclosure of state UC information (final rule)", "71 FR 56830"),
                Cite("Permitted disclosures", "20 CFR 603.5"),
                Cite("Payment of costs", "20 CFR 603.8(a)-(d)"),
                Cite("Agreement required, written and enforceable", "20 CFR 603.10(a)"),
                Cite("Minimum contents of the agreement", "20 CFR 603.10(b)(1)(i)-(iii)"),
                Cite("Safeguards", "20 CFR 603.9(a) and (b)(1)(i)-(iii)"),
                Cite("Methods of administration", "Social Security Act § 303(a)(1)"),
            ),
            requires=(
                Requirement("fields", "a description of the specific information to be "
                            "furnished", "20 CFR 603.10(b)(1)(i)"),
                Requirement("transfer-terms", "the methods and timing of requests and "
                            "responses, including the format of the data",
                            "20 CFR 603.10(b)(1)(iii)"),
            ),
            source="20 CFR 603.8(a)-(d) (research copy and statedatasharing.org), 603.9(a) "
                   "and (b)(1)(i)-(iii) (eCFR, current as of Sept. 24, 2020), 603.10(a)(1)-(2) "
                   "and (b)(1)(i)-(iii) (Cornell LII); part 603 table of contents last "
                   "updated Nov. 8, 2024",
            confirmed=dt.date(2024, 11, 8),
            not_verified=("20 CFR 603.5(b) and (h), and the conditions of 603.5(e) and (f)",
                          "20 CFR 603.8(e) and any incidental-cost exception",
                          "20 CFR 603.9(b)(1)(iv) and following, 603.9(c) and (d)",
                          "20 CFR 603.10(b)(1)(iv)-(vi), (b)(2), (c) and (d)"),
        ),
        Authority(
            id="ferpa-audit-evaluation",
            clause="mou-data.authority-ferpa-audit",
            name="FERPA audit or evaluation exception",
            cite="34 CFR 99.31(a)(3) and 99.35",
            covers="Personally identifiable information from education records of "
                   "students, disclosed to an authorized representative",
            cites=(
                Cite("Disclosure to authorized representatives of state and local "
                     "educational authorities", "34 CFR 99.31(a)(3)(iv)"),
                Cite("Audit or evaluation of federal- or state-supported education programs",
                     "34 CFR 99.35(a)(1)"),
                Cite("Reasonable methods to ensure compliance", "34 CFR 99.35(a)(2)"),
                Cite("Written agreement designating an authorized representative",
                     "34 CFR 99.35(a)(3)"),
                Cite("Record of disclosures", "34 CFR 99.32(a)"),
                Cite("Limits on redisclosure", "34 CFR 99.33(a)-(d)"),
                Cite("Required terms of the written agreement", "34 CFR 99.35(a)(3)(ii)",
                     verified=False),
            ),
            requires=(
                Requirement("destruction-period", "destruction of the information when it is "
                            "no longer needed, within a stated period", "34 CFR 99.35(a)(2)"
                            " and (a)(3)", verified=False),
            ),
            source="34 CFR 99.31(a)(3), 99.32 and 99.33 (Cornell LII text, retrieved May 23, "
                   "2026, amendments through 76 FR 75604, Dec. 2, 2011); 99.35(a)(1)-(3) "
                   "(U.S. Department of Education Student Privacy Policy Office answers)",
            confirmed=dt.date(2026, 5, 23),
            unchanged_since=dt.date(2011, 12, 2),
            not_verified=("34 CFR 99.35(a)(3)(ii)(A)-(F), the terms the written agreement "
                          "must contain", "34 CFR 99.35(b)-(d)",
                          "34 CFR 99.3, definition of authorized representative"),
        ),
        Authority(
            id="ferpa-studies",
            clause="mou-data.authority-ferpa-studies",
            name="FERPA studies exception",
            cite="34 CFR 99.31(a)(6)",
            covers="Personally identifiable information from education records of "
                   "students, disclosed for a study",
            cites=(
                Cite("Studies for or on behalf of educational agencies or institutions",
                     "34 CFR 99.31(a)(6)(i)"),
                Cite("Written agreement for a study", "34 CFR 99.31(a)(6)(iii)(C)(1)-(4)"),
                Cite("The disclosing agency need not initiate or endorse the study",
                     "34 CFR 99.31(a)(6)(iv)"),
                Cite("Organizations include federal, state and local agencies",
                     "34 CFR 99.31(a)(6)(v)"),
                Cite("Record of disclosures", "34 CFR 99.32(a) and (b)"),
                Cite("Limits on redisclosure", "34 CFR 99.33(a)-(d)"),
                Cite("No access for five years after an improper redisclosure",
                     "34 CFR 99.67(e)"),
            ),
            requires=(
                Requirement("duration", "the duration of the study",
                            "34 CFR 99.31(a)(6)(iii)(C)(1)"),
                Requirement("destruction-period", "destruction of all personally identifiable "
                            "information when it is no longer needed, and the time period for "
                            "destruction", "34 CFR 99.31(a)(6)(iii)(C)(4)"),
            ),
            source="34 CFR 99.31(a)(6), 99.32 and 99.33 (Cornell LII text, retrieved May 23, "
                   "2026, amendments through 76 FR 75604, Dec. 2, 2011); 99.67(e) (U.S. "
                   "Department of Education Student Privacy Policy Office answers)",
            confirmed=dt.date(2026, 5, 23),
            unchanged_since=dt.date(2011, 12, 2),
            not_verified=("34 CFR 99.67(c) and (d), the consequences for a study "
                          "organization or authorized representative",),
        ),
        Authority(
            id="wioa-performance",
            clause="mou-data.authority-wioa",
            name="WIOA performance accountability",
            cite="WIOA section 116 and 20 CFR part 677",
            covers="Participant and wage data used to measure the primary indicators of "
                   "performance",
            cites=(
                Cite("Primary indicators of performance", "WIOA § 116(b)(2)(A)"),
                Cite("Performance accountability regulations", "20 CFR 677.155"),
            ),
        ),
        Authority(
            id="hipaa",
            clause="mou-data.authority-hipaa",
            name="HIPAA privacy, security and breach notification",
            cite="45 CFR part 164",
            covers="Protected health information held by a covered entity or business "
                   "associate",
            cites=(
                Cite("Breach notification to individuals", "45 CFR 164.404(b)"),
                Cite("Authorization: core elements", "45 CFR 164.508(c)"),
            ),
            breach_limit_hours=60 * 24,
            breach_limit_cite="45 CFR 164.404(b)",
        ),
        Authority(
            id="part2",
            clause="mou-data.authority-part2",
            name="Confidentiality of substance use disorder patient records",
            cite="42 CFR part 2",
            covers="Records of substance use disorder diagnosis, treatment or referral "
                   "held by a federally assisted program",
            cites=(
                Cite("Final rule (compliance required from February 16, 2026)",
                     "89 FR 12472", as_of=dt.date(2026, 2, 16)),
            ),
            as_of=dt.date(2026, 2, 16),
            breach_limit_hours=60 * 24,
            breach_limit_cite="42 CFR part 2 as amended by 89 FR 12472 (breach notice as in "
                              "45 CFR 164.404(b))",
        ),
        Authority(
            id="state-law",
            clause="mou-data.authority-state",
            name="State law",
            cite="",
            covers="Data the state statute or rule named by the parties governs",
            user_supplied=True,
        ),
    )
}
"""Every authority, by id, in the order the agreement lists them."""

assert set(AUTHORITIES) == set(get_args(AuthorityId)), "AuthorityId and AUTHORITIES disagree"


# --------------------------------------------------------------------------- 20 CFR 603.5


@dataclass(frozen=True)
class Disclosure:
    """One category of 20 CFR 603.5 under which a state may disclose confidential
    unemployment compensation information.

    Only the categories whose paragraph letters were confirmed in the text of 20 CFR 603.8,
    603.9 and 603.10 are offered; 603.5(b) and (h) could not be read and are not offered."""

    id: str
    cite: str
    label: str
    """How the agreement names the category, after the words "disclosed ..."."""
    grant_funds: bool
    """True when 20 CFR 603.8(b) lets federal UC grant funds pay the costs of the disclosure
    if it is necessary for the proper administration of the UC program; 603.8(a) bars them
    for every other category."""
    agreement: bool
    """True when 20 CFR 603.10(a)(1) requires a written, enforceable agreement."""


DISCLOSURES: dict[str, Disclosure] = {
    c.id: c
    for c in (
        Disclosure("public-domain", "20 CFR 603.5(a)", "as information in the public domain",
                   grant_funds=True, agreement=False),
        Disclosure("individual-or-employer", "20 CFR 603.5(c)",
                   "to the individual or employer the information is about",
                   grant_funds=True, agreement=False),
        Disclosure("agent-of-individual", "20 CFR 603.5(d)(1)",
                   "to an agent of the individual or employer the information is about",
                   grant_funds=True, agreement=False),
        Disclosure("third-party", "20 CFR 603.5(d)(2)",
                   "to a third party other than an agent, or on an ongoing basis",
                   grant_funds=False, agreement=True),
        Disclosure("public-official", "20 CFR 603.5(e)", "to a public official",
                   grant_funds=False, agreement=True),
        Disclosure("agent-or-contractor", "20 CFR 603.5(f)",
                   "to an agent or contractor of a public official",
                   grant_funds=False, agreement=True),
        Disclosure("bls", "20 CFR 603.5(g)", "to the Bureau of Labor Statistics",
                   grant_funds=False, agreement=False),
        Disclosure("uc-oversight", "20 CFR 603.5(i)",
                   "for the oversight and audit of the unemployment compensation program",
                   grant_funds=True, agreement=False),
    )
}
"""The 603.5 categories an input may name, by id."""

DISCLOSURE_ALIASES: dict[str, str] = {
    "a": "public-domain", "c": "individual-or-employer", "d1": "agent-of-individual",
    "d2": "third-party", "e": "public-official", "f": "agent-or-contractor", "g": "bls",
    "i": "uc-oversight", "informed-consent": "third-party", "agent": "agent-of-individual",
    "contractor": "agent-or-contractor", "oversight": "uc-oversight",
}
"""Other ways to write a category: the paragraph letter ("e", "603.5(e)", "(d)(2)")."""

UNKNOWN_DISCLOSURES = ("b", "h")
"""Paragraphs of 603.5 whose subject could not be confirmed: never offered as a choice."""

PAYMENT_EXCEPTION = Cite(
    "Federal UC grant funds may pay only for disclosures necessary for the proper "
    "administration of the UC program", "20 CFR 603.8(b)")
"""The one exception to 20 CFR 603.8(a) found in the text: a disclosure necessary for the
proper administration of the UC program (603.5(a), (c), (d)(1) and (i), 603.6(a))."""

COST_RULE = Cite("Federal UC grant funds may not pay the costs of other disclosures; the "
                 "recipient pays the costs, including start-up costs and the costs of the "
                 "safeguards and the agreement", "20 CFR 603.8(a), (c) and (d)")


# --------------------------------------------------------------------------- dated sources


@dataclass(frozen=True)
class Source:
    """A dated source the agreement's terms or notes rely on, for the review memo."""

    title: str
    cite: str
    as_of: Optional[dt.date]
    verified: bool
    detail: str
    outcome: str = "recorded"


PROPOSED_603 = Source(
    "Proposed rule: Federal-State Unemployment Compensation Program; Data Availability",
    "90 FR 42143 (Aug. 29, 2025), RIN 1205-AC11, Docket ETA-2025-0004",
    dt.date(2025, 8, 29), True,
    "A proposal, not law: it would make disclosure of confidential UC information to "
    "federal officials for UC oversight and audits mandatory, and may change 20 CFR 603.8. "
    "The proposed text was not read, and whether a final rule has issued is not verified. "
    "The agreement does not rely on it; check the current text of part 603 before signing.",
    outcome="not in effect")

RECORD_RETENTION = Source(
    "Retention of records of a federal award", "2 CFR 200.334",
    dt.date(2024, 10, 1), False,
    "Before the 2024 revision (89 FR 30136, effective Oct. 1, 2024 for new awards), records "
    "of a federal award are kept for three years from the final expenditure report, longer "
    "while litigation or an audit is pending. The revised text could not be read; confirm "
    "the period that applies to reports built on the data.")

SWIS_RESEARCH = Source(
    "State Wage Interchange System (SWIS) agreement: research and evaluation use",
    "SWIS Data Sharing Agreement (U.S. Departments of Labor and Education, 2019)",
    dt.date(2019, 5, 7), False,
    "A secondary source (National Skills Coalition, May 7, 2019) says SWIS wage data may be "
    "used for research or evaluation only if every state that supplies wage data for the "
    "project agrees; the agreement's own section and its later amendments were not read.")
