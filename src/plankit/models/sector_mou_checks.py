"""Domain checks of a sector partnership MOU: input that is valid but that leaves the
partnership without what a sector partnership needs (employers in the lead, measurable
shared metrics, signatories, an end date, stated amounts, an agreement for records about
identifiable people). Each finding names the field to change."""

from __future__ import annotations

from plankit.models.common import Finding
from plankit.models.sector_mou import Partner, SectorPartnershipMouInput


def findings(doc: SectorPartnershipMouInput) -> list[Finding]:
    """Content warnings about a sector partnership MOU's input."""
    out: list[Finding] = []
    industry = doc.partners_with("industry")
    if not industry:
        out.append(Finding(
            path=("partners",), rule="industry-partner",
            message="none of the partners is an employer in the sector (role: industry). "
                    "A sector partnership is led by the employers of its industry; "
                    "without them the memorandum does not describe one",
            fix="add the employers or employer associations that take part, each with "
                "'role: industry'"))
    chair = doc.meetings.industry_co_chair
    if not industry:
        pass  # no employer to co-chair yet: the warning above covers it
    elif chair is None:
        out.append(Finding(
            path=("meetings", "industry_co_chair"), rule="industry-leadership",
            message="no one from an employer in the sector co-chairs the partnership. "
                    "Employers should lead a sector partnership, with the convener "
                    "supporting them",
            fix="name an industry co-chair under 'meetings:', as 'industry_co_chair:' "
                "with the name, title and partner they come from"))
    else:
        org = doc.party(chair.partner)
        if not (isinstance(org, Partner) and org.role == "industry"):
            out.append(Finding(
                path=("meetings", "industry_co_chair", "partner"),
                rule="industry-leadership",
                message=f"the industry co-chair comes from '{chair.partner}', which is "
                        "not listed as an industry partner (an employer in the sector)",
                fix="name a co-chair from an industry partner, or correct that "
                    "partner's role"))
    for i, m in enumerate(doc.metrics):
        if not m.source:
            out.append(Finding(
                path=("metrics", i, "source"), rule="metric-source",
                message=f"the metric '{m.name}' does not say where its numbers come from, "
                        "so the partners cannot all measure it the same way",
                fix="add 'source:', for example 'State UI wage records' or 'Employer "
                    "partners' hiring reports'"))
        if m.target_misses_baseline:
            better, worse = (("higher", "lower") if m.direction == "increase"
                             else ("lower", "higher"))
            other = "decrease" if m.direction == "increase" else "increase"
            out.append(Finding(
                path=("metrics", i, "target"), rule="metric-target",
                message=f"the target for '{m.name}' ({m.show(m.target)}) is {worse} than "
                        f"its baseline ({m.show(m.baseline)}), but {better} is better for "
                        "this metric, so meeting the target would mean getting worse",
                fix=f"check the two numbers, or set 'direction: {other}' if {worse} is "
                    "better for this metric"))
    for path, p in [(("convener",), doc.convener),
                    *((("partners", i), p) for i, p in enumerate(doc.partners))]:
        if p.signatory is None:
            out.append(Finding(
                path=path + ("signatory",), rule="signatory",
                message=f"no one is named to sign for {p.name}; the signature page will "
                        "show blank lines for the name and title",
                fix="add 'signatory:' with the name and title of the person who signs"))
    if not doc.term.has_end:
        out.append(Finding(
            path=("term",), rule="term-end",
            message="the memorandum has no end date or length, so it would run "
                    "indefinitely with no point at which the partners must review it",
            fix="add 'end:' (a date) or 'years:' under 'term:'"))
    for i, f in enumerate(doc.funding):
        if f.amount is None:
            what = "in-kind support" if f.contribution == "in-kind" else "funding"
            out.append(Finding(
                path=("funding", i, "amount"), rule="funding-amount",
                message=f"the {what} from {f.funder} ({f.source}) has no amount, so "
                        "partners and reviewers cannot see what is committed",
                fix="add 'amount:' (for in-kind support, its estimated value in dollars)"))
    ds = doc.data_sharing
    if ds.individual_records and not ds.agreement:
        out.append(Finding(
            path=("data_sharing", "agreement"), rule="data-sharing-agreement",
            message="partners will share records about identifiable people, but no "
                    "separate data-sharing agreement is named to protect them",
            fix="name the data-sharing agreement under 'data_sharing: agreement:', or set "
                "'individual_records: false' if only summary figures are shared"))
    return out
