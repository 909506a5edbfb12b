"""The data-sharing MOU's counsel-grade terms: each flow of unemployment compensation
information names its 20 CFR 603.5 category and its payment, identifiers name their need,
matching and measures name their data, FERPA and UC authorities meet in a study, several
parties choose a structure, and the loose ends (security contacts, retention against the
term, employer screening) are checked. Each check is tested firing and not firing."""

from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from plankit.models.authorities import DISCLOSURES
from tests.test_mou import BASE, _plain_element, mou, rules


def _invalid(words: str, **changes) -> str:
    with pytest.raises(ValidationError) as caught:
        mou(**changes)
    text = str(caught.value)
    assert words in text, text
    return text


def _element(**changes) -> dict:
    e = copy.deepcopy(BASE["data_elements"][0])
    for key, value in changes.items():
        if value is None:
            e.pop(key, None)
        else:
            e[key] = value
    return e


# --------------------------------------------------------------------------- UC flows


def test_a_uc_flow_needs_a_603_5_category():
    text = _invalid("names no 20 CFR 603.5 category", data_elements=[_element(disclosure=None)])
    assert "public-official" in text and "agent-or-contractor" in text
    assert mou().data_elements[0].disclosure.category == "public-official"


def test_a_uc_flow_needs_a_payment_term():
    _invalid("has no payment term", data_elements=[_element(payment=None)])
    _invalid("the basis of payment", data_elements=[_element(payment={"paid_by": "SWA"})])
    _invalid("who pays", data_elements=[_element(payment={"basis": "$10 a file"})])
    assert mou().data_elements[0].payment.paid_by == "SWA"


@pytest.mark.parametrize("written, category", [
    ("603.5(e)", "public-official"), ("20 CFR 603.5(f)", "agent-or-contractor"),
    ("(d)(2)", "third-party"), ("e", "public-official"), ("Public Official", "public-official"),
    ("informed consent", "third-party")])
def test_categories_can_be_written_by_paragraph_letter(written, category):
    official = {"public_official": "SWA"} if category == "agent-or-contractor" else {}
    model = mou(data_elements=[_element(disclosure={"category": written, **official})])
    assert model.data_elements[0].disclosure.category == category


@pytest.mark.parametrize("letter", ["603.5(b)", "h"])
def test_unconfirmed_603_5_paragraphs_are_not_offered(letter):
    _invalid("could not be confirmed", data_elements=[_element(disclosure={"category": letter})])
    assert not {"b", "h"} & {d.cite[-2] for d in DISCLOSURES.values()}


def test_the_603_8_b_exception_only_for_uc_administration():
    exception = {"exception": "uc-administration"}
    _invalid("20 CFR 603.8(a) bars federal UC grant funds",
             data_elements=[_element(payment=exception)])
    fine = mou(data_elements=[_element(payment=exception,
                                       disclosure={"category": "uc-oversight"})])
    assert "grant funds pay its costs (20 CFR 603.8(b))" in fine.element_rows[0]["payment"]
    _invalid("gives both an exception and a payer",
             data_elements=[_element(payment={**exception, "paid_by": "SWA"})])


def test_an_agent_or_contractor_names_its_public_official():
    _invalid("name that public official's party",
             data_elements=[_element(disclosure={"category": "agent-or-contractor"})])
    _invalid("is not one of the parties", data_elements=[_element(
        disclosure={"category": "agent-or-contractor", "public_official": "Nobody"})])
    ok = mou(data_elements=[_element(disclosure={"category": "f", "public_official": "SWA"})])
    assert ok.element_rows[0]["public_official"] == "SWA"


def test_uc_terms_only_on_uc_information():
    item = _plain_element(disclosure={"category": "e"})
    _invalid("only applies to unemployment compensation information", data_elements=[item])
    plain = mou(data_elements=[_plain_element()])
    assert not plain.has_uc and plain.uc_rows == []


def test_payment_text_names_payer_basis_and_603_8():
    text = mou().element_rows[0]["payment"]
    assert text.startswith("SWA pays UIA's costs of this disclosure")
    assert "20 CFR 603.8(a), (c) and (d)" in text and "$1,000 a year" in text


# --------------------------------------------------------------------------- identifiers


def test_an_identifier_without_a_stated_need():
    bare = [_element(fields=["Social Security number", "Wages paid"])]
    found = rules(mou(data_elements=bare))["mou.identifier-need"]
    assert found[0].path == ("data_elements", 0, "fields", 0, "need")
    assert "'Social Security number'" in found[0].message
    assert "mou.identifier-need" not in rules(mou())
    # an employer's name is not a person's identifier, and the input can say so either way
    employer = [_element(fields=["Employer name", {"name": "Case key", "identifier": True,
                                                  "need": "to join records"}])]
    assert "mou.identifier-need" not in rules(mou(data_elements=employer))


def test_identifiers_sent_without_a_matching_method():
    elements = [_element(), _plain_element(provided_by="UIA", provided_to=["SWA"])]
    found = rules(mou(data_elements=elements))["mou.matching-missing"]
    assert found[0].path == ("data_elements", 0, "fields")
    assert "Social Security number" in found[0].message
    matching = {"method": "exact-ssn", "identifiers": ["Social Security number"]}
    assert "mou.matching-missing" not in rules(mou(data_elements=elements, matching=matching))
    assert "mou.matching-missing" not in rules(mou())  # one item, nothing to match it with


def test_matching_method_words_and_parties():
    m = mou(matching={"method": "SSN", "identifiers": "Social Security number",
                      "performed_by": "uia"})
    assert m.matching.method == "exact-ssn" and m.matching_party == "UIA"
    _invalid("is not one of the parties",
             matching={"method": "deterministic", "identifiers": ["name"],
                       "performed_by": "Nobody"})
    _invalid("lists no identifier", matching={"method": "probabilistic", "identifiers": []})


# --------------------------------------------------------------------------- measures


def test_every_measure_names_its_data():
    _invalid("names no data it is computed from",
             measures=[{"name": "Share enrolled in further training", "computed_from": []}])
    _invalid("is not an item of the data schedule",
             measures=[{"name": "Share enrolled in further training",
                        "computed_from": ["clearinghouse"]}])
    model = mou(data_elements=[_element(id="wages")],
                measures=[{"name": "Employment rate", "computed_from": ["wages"]},
                          {"name": "Median earnings", "computed_from": [1]}])
    assert [r["sources"] for r in model.measure_rows] == [
        "item 1 (Quarterly wage records)"] * 2


def test_measures_name_their_project_when_there_are_several():
    projects = [{"id": "a", "name": "A", "lead": "SWA", "purpose": "A."},
                {"id": "b", "name": "B", "lead": "SWA", "purpose": "B."}]
    _invalid("names no project", projects=projects,
             measures=[{"name": "Rate", "computed_from": [1]}])
    _invalid("which is not listed", projects=projects,
             measures=[{"name": "Rate", "computed_from": [1], "project": "c"}])
    mou(projects=projects, measures=[{"name": "Rate", "computed_from": [1], "project": "a"}],
        structure={"form": "single", "reason": "one agency uses the data."})


# --------------------------------------------------------------------------- authorities


def test_uc_data_a_party_holds_needs_part_603_and_its_agreement():
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(name="State Education Agency", short_name="SEA", type="k12")
    held = {"id": "wages", "description": "UI wage records", "held_by": "SWA",
            "uc_information": True}
    study = dict(parties=parties, data_elements=[_plain_element()], held_data=[held],
                 legal_authorities=["ferpa-studies"])
    fired = rules(mou(**study))
    assert "20 CFR part 603" in fired["mou.authority-missing"][0].message
    assert fired["mou.uc-agreement"][0].path == ("held_data", 0, "agreement")
    named = dict(held, agreement="the Wage Record Agreement of July 1, 2025")
    quiet = rules(mou(**dict(study, held_data=[named],
                             legal_authorities=["ferpa-studies", "ui-confidentiality"])))
    assert "mou.authority-missing" not in quiet and "mou.uc-agreement" not in quiet
    # the UI agency as a party is the other way to tie the data to part 603
    with_ui = copy.deepcopy(study["parties"]) + [{
        "name": "State UI Agency", "short_name": "UIA", "type": "ui-agency",
        "role": "receiving", "signatory": {"title": "Director"}}]
    own = dict(study, parties=with_ui, legal_authorities=["ferpa-studies",
                                                          "ui-confidentiality"],
               structure={"form": "single", "reason": "one study."})
    assert "mou.uc-agreement" not in rules(mou(**own))


def test_ferpa_designation_by_a_party_that_may_not_be_an_authority():
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(name="Metro Community College", short_name="MCC",
                      type="community-college")
    audit = dict(parties=parties, data_elements=[_plain_element()],
                 legal_authorities=["ferpa-audit-evaluation"])
    found = rules(mou(**audit))["mou.ferpa-authority"]
    assert found[0].path == ("parties", 1, "educational_authority")
    assert "may not be a state or local educational authority" in found[0].message
    parties[1]["educational_authority"] = True
    assert "mou.ferpa-authority" not in rules(mou(**dict(audit, parties=parties)))
    parties[1].update(type="k12", educational_authority=None)
    assert "mou.ferpa-authority" not in rules(mou(**dict(audit, parties=parties)))
    studies = dict(audit, legal_authorities=["ferpa-studies"])
    parties[1].update(type="university")
    assert "mou.ferpa-authority" not in rules(mou(**dict(studies, parties=parties)))


# --------------------------------------------------------------------------- structure


THIRD = {"name": "State College System", "short_name": "SCS", "type": "community-college",
         "role": "receiving", "educational_authority": True, "signatory": {"title": "Chancellor"}}


def test_three_parties_choose_a_structure():
    parties = copy.deepcopy(BASE["parties"]) + [THIRD]
    found = rules(mou(parties=parties))["mou.structure"]
    assert found[0].path == ("structure",) and "3 parties" in found[0].message
    reasonless = rules(mou(parties=parties, structure={"form": "single"}))["mou.structure"]
    assert reasonless[0].path == ("structure", "reason")
    assert "mou.structure" not in rules(mou(parties=parties, structure={
        "form": "single", "reason": "every item serves one report."}))
    tiered = rules(mou(parties=parties, structure={"form": "tiered"}))["mou.structure"]
    assert tiered[0].path == ("projects",)
    assert "mou.structure" not in rules(mou())  # two parties, one purpose


def test_several_projects_choose_a_structure():
    projects = [{"id": "a", "name": "A", "lead": "SWA", "purpose": "A."},
                {"id": "b", "name": "B", "lead": "SWA", "purpose": "B."}]
    found = rules(mou(projects=projects))["mou.structure"]
    assert "2 projects" in found[0].message
    assert "mou.structure" not in rules(mou(projects=projects[:1]))


# --------------------------------------------------------------------------- loose ends


def test_security_contact_that_is_the_general_contact():
    parties = copy.deepcopy(BASE["parties"])
    parties[0]["contact"] = {"name": "Pat Lee", "email": "pat@example.gov"}
    parties[0]["security_contact"] = {"name": "Pat  Lee"}
    found = rules(mou(parties=parties))["mou.security-contact"]
    assert found[0].path == ("parties", 0, "security_contact")
    parties[0]["security_contact"] = {"name": "Security desk", "email": "PAT@example.gov"}
    assert "mou.security-contact" in rules(mou(parties=parties))
    parties[0]["security_contact"] = {"name": "Sam Ortiz", "email": "iso@example.gov"}
    assert "mou.security-contact" not in rules(mou(parties=parties))


def test_retention_longer_than_the_term():
    long = {"breach_notice_hours": 24, "small_cell_threshold": 11,
            "retention": {"years": 5, "destroy_within_days": 30}}
    found = rules(mou(safeguards=long))["mou.retention-term"]
    assert found[0].path == ("safeguards", "retention", "years")
    assert "5 years" in found[0].message and "2 years" in found[0].message
    assert "mou.retention-term" not in rules(mou())
    dated = {"start": "2026-07-01", "end": "2031-06-30"}
    assert "mou.retention-term" not in rules(mou(safeguards=long, term=dated))
    renewing = {"years": 2, "renewal": "automatic", "renewal_years": 1}
    assert "mou.retention-term" not in rules(mou(safeguards=long, term=renewing))


def test_employer_screening_needs_a_window_and_a_response():
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(name="State Labor Standards Office", short_name="LSO",
                      type="labor-standards")
    labor = dict(parties=parties, data_elements=[_plain_element()],
                 legal_authorities=["state-law"])
    found = rules(mou(**labor))["mou.screening"]
    assert "how many years a finding counts" in found[0].message
    partial = rules(mou(**labor, employer_screening={"lookback_years": 3}))["mou.screening"]
    assert found[0].path == ("permitted_uses",)
    assert partial[0].path == ("employer_screening",)
    assert "respond" in partial[0].message and "years" not in partial[0].message.split(
        "does not say")[1]
    fine = dict(labor, employer_screening={"lookback_years": 3, "response": "It may show it "
                                                                             "paid."})
    assert "mou.screening" not in rules(mou(**fine))
    assert "mou.screening" not in rules(mou())


# --------------------------------------------------------------------------- the memo


def test_legal_checks_list_the_authorities_with_source_and_date():
    import datetime as dt

    checks = mou(date="2026-04-20").legal_checks()
    by_title = {c["title"]: c for c in checks}
    ui = by_title["Confidentiality of unemployment compensation information (20 CFR part 603)"]
    assert ui["as_of"] == dt.date(2024, 11, 8) and "603.10(a)(1)-(2)" in ui["source"]
    assert "603.10(b)(1)(iv)-(vi)" in ui["detail"]  # what could not be read is said so
    proposed = next(c for c in checks if c["title"].startswith("Proposed rule"))
    assert proposed["outcome"] == "not in effect" and "not law" in proposed["detail"]
    assert any(c["title"].startswith("Retention of records") and not c["verified"]
               for c in checks)
    own = {c["title"]: c["outcome"] for c in checks if c["kind"] == "consistency"}
    assert own["Each identifier names why it is needed"] == "no issue found"
    bare = mou(date="2026-04-20", data_elements=[_element(fields=["Social Security number"])])
    own = {c["title"]: c["outcome"] for c in bare.legal_checks() if c["kind"] == "consistency"}
    assert own["Each identifier names why it is needed"] == "issue found"


def test_ferpa_text_known_unchanged_is_dated_as_of_the_document():
    import datetime as dt

    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(type="k12", name="State Education Agency", short_name="SEA")
    model = mou(parties=parties, data_elements=[_plain_element()], date="2026-03-09",
                legal_authorities=["ferpa-studies"])
    ferpa = next(c for c in model.legal_checks() if c["title"].startswith("FERPA studies"))
    assert ferpa["as_of"] == dt.date(2026, 3, 9)
    later = mou(parties=parties, data_elements=[_plain_element()], date="2026-12-01",
                legal_authorities=["ferpa-studies"])
    ferpa = next(c for c in later.legal_checks() if c["title"].startswith("FERPA studies"))
    assert ferpa["as_of"] == dt.date(2026, 5, 23)


def test_held_data_written_empty_is_a_mistake():
    _invalid("lists nothing", held_data=[])
    assert mou(held_data=None).held_data == [] and mou().held_data == []
