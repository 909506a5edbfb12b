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
                Cite("Agreement required, written and enforceable", "20 CFR 603.10(a)"),
                Cite("Minimum contents of the agreement", "20 CFR 603.10(b)(1)(i)-(iii)"),
                Cite("Safeguards", "20 CFR 603.9"),
                Cite("Methods of administration", "Social Security Act § 303(a)(1)"),
            ),
            requires=(
                Requirement("transfer-terms", "the methods and timing of requests and "
                            "responses, including the format of the data",
                            "20 CFR 603.10(b)(1)(iii)"),
                Requirement("costs", "payment of the state's costs of the disclosure",
                            "20 CFR 603.8 and 603.10(b)(1)(iv)", verified=False),
            ),
        ),
        Authority(
            id="ferpa-audit-evaluation",
            clause="mou-data.authority-ferpa-audit",
            name="FERPA audit or evaluation exception",
            cite="34 CFR 99.31(a)(3) and 99.35",
            covers="Personally identifiable information from education records of "
                   "students, disclosed to an authorized representative",
            cites=(
                Cite("Written agreement designating an authorized representative",
                     "34 CFR 99.35(a)(3)"),
            ),
            requires=(
                Requirement("destruction-period", "destruction of the information when it is "
                            "no longer needed, within a stated period", "34 CFR 99.35(a)(3)"),
            ),
        ),
        Authority(
            id="ferpa-studies",
            clause="mou-data.authority-ferpa-studies",
            name="FERPA studies exception",
            cite="34 CFR 99.31(a)(6)",
            covers="Personally identifiable information from education records of "
                   "students, disclosed for a study",
            cites=(
                Cite("Written agreement for a study", "34 CFR 99.31(a)(6)(iii)(C)"),
            ),
            requires=(
                Requirement("duration", "the duration of the study",
                            "34 CFR 99.31(a)(6)(iii)(C)"),
                Requirement("destruction-period", "destruction of all personally identifiable "
                            "information when it is no longer needed, and the time period for "
                            "destruction", "34 CFR 99.31(a)(6)(iii)(C)"),
            ),
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
