"""The data-sharing MOU: every element a reviewer looks for is in the draft, the exhibits and
signatures are real tables, and each domain check fires when it should and only then."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from plankit.models.authorities import AUTHORITIES
from plankit.models.mou import SMALL_CELL_MINIMUM, DataSharingMouInput
from tests.conftest import ROOT, write

EXAMPLES = ROOT / "examples"
MOU_EXAMPLES = ["mou-data-sharing", "mou-k12-data-sharing", "mou-labor-standards",
                "mou-corrections", "mou-wage-outcomes-study", "mou-tiered-partnership"]
"""Every example MOU that is built as one document (the tiered one as its governance
memorandum; its linked documents are tested in test_mou_tiered.py)."""

# --------------------------------------------------------------------------- a base input

BASE: dict = {
    "kind": "mou-data-sharing",
    "parties": [
        {"name": "State Workforce Agency", "short_name": "SWA", "type": "workforce-agency",
         "role": "receiving", "signatory": {"title": "Director"}},
        {"name": "State Unemployment Insurance Agency", "short_name": "UIA",
         "type": "ui-agency", "role": "disclosing", "signatory": {"title": "Commissioner"}},
    ],
    "jurisdiction": {"state": "CO"},
    "purpose": "Measure the employment of training participants.",
    "legal_authorities": ["ui-confidentiality"],
    "data_elements": [
        {"element": "Quarterly wage records", "sensitivity": "restricted",
         "source_system": "UI wage records", "frequency": "quarterly",
         "transfer_method": "secure file transfer",
         "fields": [{"name": "Social Security number", "need": "to match participants"},
                    "Wages paid"],
         "format": "comma-separated file",
         "disclosure": {"category": "public-official",
                        "recipient_role": "public official that reports WIOA performance"},
         "payment": {"paid_by": "SWA", "basis": "$1,000 a year, invoiced each July"}},
    ],
    "permitted_uses": ["Measure employment after exit"],
    "costs": "Each party bears its own costs.",
    "safeguards": {"breach_notice_hours": 24, "small_cell_threshold": 11,
                   "retention": {"years": 2, "destroy_within_days": 30}},
    "term": {"years": 2},
}


def mou(**changes) -> DataSharingMouInput:
    """The base input with top-level ``changes``; a dotted key sets a nested field."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        *head, last = key.split("__")
        target = data
        for part in head:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DROP:
            target.pop(last, None)
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
    return DataSharingMouInput.model_validate(data)


_DROP = object()


def _plain_element(**changes) -> dict:
    """A data item that is not unemployment compensation information."""
    e = {"element": "Program records", "sensitivity": "confidential",
         "source_system": "Case management system", "frequency": "quarterly",
         "transfer_method": "secure file transfer", "format": "comma-separated file",
         "fields": ["Program", "Date of exit"], "uc_information": False}
    e.update(changes)
    return e


def rules(model: DataSharingMouInput) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in model.findings():
        out.setdefault(f.rule, []).append(f)
    return out


def test_the_base_input_has_no_findings():
    assert mou().findings() == []


# --------------------------------------------------------------------------- domain checks


def test_ui_transfer_terms_fire_when_frequency_or_method_is_missing():
    found = rules(mou(data_elements__0__frequency=_DROP))["mou.requires.transfer-terms"]
    assert len(found) == 1
    f = found[0]
    assert f.path == ("data_elements", 0, "frequency")
    assert "how often it is sent" in f.message and "20 CFR part 603" in f.message
    assert f.source == "20 CFR 603.10(b)(1)(iii)"
    both = rules(mou(data_elements__0__frequency=_DROP,
                     data_elements__0__transfer_method=_DROP))["mou.requires.transfer-terms"]
    assert "how often it is sent or how it is sent" in both[0].message
    layout = rules(mou(data_elements__0__format=_DROP))["mou.requires.transfer-terms"]
    assert layout[0].path == ("data_elements", 0, "format")
    assert "file format and layout" in layout[0].message


def test_ui_items_list_their_fields():
    found = rules(mou(data_elements__0__fields=_DROP))["mou.requires.fields"]
    assert found[0].path == ("data_elements", 0, "fields")
    assert found[0].source == "20 CFR 603.10(b)(1)(i)"
    assert "mou.requires.fields" not in rules(mou())


def test_ui_transfer_terms_apply_only_to_the_ui_agencys_data():
    elements = copy.deepcopy(BASE["data_elements"]) + [
        {"element": "Training enrollments", "sensitivity": "confidential",
         "provided_by": "SWA", "provided_to": ["UIA"], "matched_by": "UIA"}]
    parties = copy.deepcopy(BASE["parties"])
    parties[0]["role"] = "both"
    parties[1]["role"] = "both"
    elements[0]["provided_by"] = "UIA"
    model = mou(parties=parties, data_elements=elements)
    assert "mou.requires.transfer-terms" not in rules(model)


def test_ferpa_studies_needs_a_duration_and_a_destruction_period():
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(name="Lakeshore Public Schools", short_name="District", type="k12")
    ferpa = dict(parties=parties, legal_authorities=["ferpa-studies"],
                 data_elements=[_plain_element()])
    fired = rules(mou(**ferpa, term={"start": "2026-07-01"},
                      safeguards={"retention": {"until_purpose_served": True}}))
    assert fired["mou.requires.duration"][0].path == ("term",)
    assert fired["mou.requires.destruction-period"][0].path == ("safeguards", "retention")
    assert "34 CFR 99.31(a)(6)(iii)(C)(1)" == fired["mou.requires.duration"][0].source
    quiet = rules(mou(**ferpa))
    assert "mou.requires.duration" not in quiet
    assert "mou.requires.destruction-period" not in quiet


def test_ferpa_audit_needs_days_to_destroy():
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(type="community-college", educational_authority=True)
    fired = rules(mou(parties=parties, legal_authorities=["ferpa-audit-evaluation"],
                      data_elements=[_plain_element()],
                      safeguards={"retention": {"years": 2}}))
    assert "days to destroy" in fired["mou.requires.destruction-period"][0].message
    assert "mou.requires.destruction-period" not in rules(
        mou(parties=parties, legal_authorities=["ferpa-audit-evaluation"],
            data_elements=[_plain_element()]))


@pytest.mark.parametrize("authority", ["hipaa", "part2"])
def test_breach_deadline_longer_than_hipaa_allows(authority):
    limit = AUTHORITIES[authority].breach_limit_hours
    assert limit == 60 * 24
    late = mou(legal_authorities=["ui-confidentiality", authority],
               safeguards={"breach_notice_hours": limit + 1, "small_cell_threshold": 11,
                           "retention": {"years": 2, "destroy_within_days": 30}})
    found = rules(late)["mou.breach-limit"]
    assert found[0].path == ("safeguards", "breach_notice_hours")
    assert "1,440 hours (60 days)" in found[0].message
    on_time = mou(legal_authorities=["ui-confidentiality", authority])
    assert "mou.breach-limit" not in rules(on_time)


def test_breach_deadline_has_no_limit_where_the_authority_sets_none():
    slow = mou(safeguards={"breach_notice_hours": 2000, "small_cell_threshold": 11,
                           "retention": {"years": 2, "destroy_within_days": 30}})
    assert "mou.breach-limit" not in rules(slow)


def test_retention_with_no_end():
    found = rules(mou(safeguards={"breach_notice_hours": 24, "small_cell_threshold": 11,
                                  "retention": {"until_purpose_served": True,
                                                "destroy_within_days": 30}}))
    assert found["mou.retention-no-end"][0].path == (
        "safeguards", "retention", "until_purpose_served")
    assert "mou.retention-no-end" not in rules(mou())


def test_small_cell_threshold_below_the_minimum_on_record():
    low = SMALL_CELL_MINIMUM - 1
    found = rules(mou(safeguards={"breach_notice_hours": 24, "small_cell_threshold": low,
                                  "retention": {"years": 2, "destroy_within_days": 30}}))
    f = found["mou.small-cells"][0]
    assert f.path == ("safeguards", "small_cell_threshold")
    assert f"is {low}" in f.message and "Rhode Island" in f.source
    for fine in (SMALL_CELL_MINIMUM, 20):
        model = mou(safeguards={"small_cell_threshold": fine,
                                "retention": {"years": 2, "destroy_within_days": 30}})
        assert "mou.small-cells" not in rules(model)


def test_receiving_party_with_no_signatory():
    parties = copy.deepcopy(BASE["parties"])
    del parties[0]["signatory"]
    found = rules(mou(parties=parties))["mou.receiver-unsigned"]
    assert [f.path for f in found] == [("parties", 0, "signatory")]
    assert "State Workforce Agency receives data" in found[0].message
    # a title alone names the signer; a party that only provides data is not flagged
    parties = copy.deepcopy(BASE["parties"])
    del parties[1]["signatory"]
    assert "mou.receiver-unsigned" not in rules(mou(parties=parties))


def test_missing_authority_for_the_parties_data():
    no_ui = rules(mou(legal_authorities=["wioa-performance"]))["mou.authority-missing"]
    assert "20 CFR part 603" in no_ui[0].message
    parties = copy.deepcopy(BASE["parties"])
    parties[1].update(type="labor-standards")
    screening = {"lookback_years": 3, "response": "The employer may show it paid."}
    enforcement = rules(mou(parties=parties, data_elements=[_plain_element()],
                            employer_screening=screening))["mou.authority-missing"]
    assert "state law" in enforcement[0].message
    assert "mou.authority-missing" not in rules(
        mou(parties=parties, legal_authorities=["state-law"], data_elements=[_plain_element()],
            employer_screening=screening))


def test_findings_print_with_line_and_field_and_fail_under_strict(cli, tmp_path):
    data = copy.deepcopy(BASE)
    data["safeguards"]["small_cell_threshold"] = 5
    path = write(tmp_path / "low.yaml", yaml.safe_dump(data, sort_keys=False))
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if "small_cell_threshold" in text)
    run = cli("validate", path)
    assert run.code == 0
    assert f"warning: line {line}: safeguards.small_cell_threshold: is 5" in run.out
    strict = cli("build", path, "-o", tmp_path / "out", "-f", "md", "--strict")
    assert strict.code == 1 and "small_cell_threshold" in strict.err
    assert not (tmp_path / "out" / "low.md").exists()


@pytest.mark.parametrize("stem", MOU_EXAMPLES)
def test_examples_have_no_findings(stem):
    from plankit.api import read_input

    _, model = read_input(EXAMPLES / f"{stem}.yaml")
    assert model.findings() == []


# --------------------------------------------------------------------------- the draft

ELEMENTS = [
    # (what a reviewer looks for, text that shows it is there)
    ("parties and roles", "| Party | Referred to as | Type of body | Role under this Agreement |"),
    ("recitals", "### 1.2 Recitals"),
    ("purpose", "## 3 Purpose"),
    ("legal authority", "Legal authority"),
    ("data element schedule", "| No. | Data item (owner, recipients) | Source system | "
                              "Sensitivity | Frequency | Transfer method |"),
    ("fields and format", "| No. | Fields | File format and layout | Records matched by |"),
    ("roles per item", "| Item | Data | Owner | Custodian | Recipients |"),
    ("data specification changes", "Data specification change record"),
    ("permitted and prohibited uses", "Permitted and prohibited uses"),
    ("minimum necessary", "Minimum necessary"),
    ("re-disclosure", "Re-disclosure"),
    ("security safeguards", "Security safeguards"),
    ("authorized users and training", "Authorized users and training"),
    ("breach notification in hours", "Breach notification"),
    ("retention and destruction", "Retention and destruction"),
    ("certificate of destruction", "certificate of destruction, in the form of Exhibit C"),
    ("small-cell suppression", "Small-cell suppression and publication review"),
    ("costs", "Costs"),
    ("governance and contacts", "Governance and contacts"),
    ("term", "Term"),
    ("renewal", "Renewal"),
    ("termination", "Withdrawal and termination"),
    ("amendment", "Amendment"),
    ("signatures", "| Party | By (signature) | Name | Title | Date |"),
    ("exhibit A", "### Exhibit A: Data element schedule"),
    ("exhibit B", "### Exhibit B: Authorized user list"),
    ("exhibit C", "### Exhibit C: Certificate of destruction"),
    ("exhibit D", "### Exhibit D: Confidentiality acknowledgment"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from plankit.cli import main

    out = tmp_path_factory.mktemp("mou")
    inputs = [str(EXAMPLES / f"{s}.yaml") for s in MOU_EXAMPLES]
    assert main(["-q", "build", *inputs, "-o", str(out), "-f", "md,docx"]) == 0
    return out


@pytest.mark.parametrize("stem", MOU_EXAMPLES)
def test_every_element_is_in_the_draft(built, stem):
    text = (built / f"{stem}.md").read_text("utf-8")
    tiered = {"data element schedule", "fields and format", "roles per item",
              "data specification changes", "exhibit A"}  # in each data sharing agreement
    missing = [what for what, needle in ELEMENTS if needle not in text
               and not (stem == "mou-tiered-partnership" and what in tiered)]
    assert not missing, f"{stem}: a reviewer cannot find {missing}"


def test_breach_deadline_is_in_hours_and_exhibits_are_referred_to(built):
    text = (built / "mou-corrections.md").read_text("utf-8")
    assert "within 24 hours after discovering it" in text
    for ref in ("listed in Exhibit A: Data element schedule",
                "in the form of Exhibit B: Authorized user list",
                "in the form of Exhibit C: Certificate of destruction",
                "in the form of Exhibit D: Confidentiality acknowledgment"):
        assert ref in text
    # exhibits come after the signatures, and the body refers to them
    assert text.index("## Signatures") < text.index("## Exhibits") < text.index(
        "### Exhibit D")


def test_every_party_signs(built):
    text = (built / "mou-data-sharing.md").read_text("utf-8")
    data = yaml.safe_load((EXAMPLES / "mou-data-sharing.yaml").read_text("utf-8"))
    block = text[text.index("## Signatures"):text.index("## Exhibits")]
    for party in data["parties"]:
        assert f"| {party['name']} |" in block
    # a signatory without a name gets a placeholder naming the field to fill
    assert ("| Colorado Community College System | <br><br> | **\\[name of the official who "
            "signs for CCCS\\]** | Chancellor |") in block


def _docx_tables_after(path: Path, heading: str) -> list:
    """The tables between ``heading`` and the next heading, as lists of rows of cell text."""
    import docx

    document = docx.Document(str(path))
    tables, inside = [], False
    body = document.element.body
    by_element = {t._tbl: t for t in document.tables}
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style = block.find(".//{*}pStyle")
            text = "".join(t.text or "" for t in block.iter() if t.tag.endswith("}t"))
            if style is not None and style.get(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val",
                    "").startswith("Heading"):
                if inside:
                    break
                inside = text.strip() == heading
        elif tag == "tbl" and inside:
            table = by_element[block]
            tables.append([[c.text for c in row.cells] for row in table.rows])
    return tables


def test_exhibits_and_signatures_are_fillable_docx_tables(built):
    path = built / "mou-data-sharing.docx"
    users = _docx_tables_after(path, "Exhibit B: Authorized user list")
    assert len(users) == 2
    header, *rows = users[1]
    assert header[0] == "Full name of the user" and len(header) == 7
    assert len(rows) == 12 and all(not c.strip() for row in rows for c in row)
    destruction = _docx_tables_after(path, "Exhibit C: Certificate of destruction")
    assert [row[0] for row in destruction[-1]][:1] == ["Signature of the official"]
    assert destruction[-1][0][-1] == "Date signed"
    ack = _docx_tables_after(path, "Exhibit D: Confidentiality acknowledgment")
    assert ack[1][0] == ["Signature of the Authorized User", "Date signed"]
    schedule = _docx_tables_after(path, "Exhibit A: Data element schedule")
    assert len(schedule[0]) == 1 + 6  # header and one row per data element
    signatures = _docx_tables_after(path, "Signatures")
    assert len(signatures) == 1 and len(signatures[0]) == 1 + 4
    assert signatures[0][0] == ["Party", "By (signature)", "Name", "Title", "Date"]
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert xml.count("<w:tbl>") >= 8


@pytest.mark.slow
def test_exhibits_are_tagged_tables_in_the_pdf(tmp_path):
    from pypdf import PdfReader

    from plankit.cli import main

    assert main(["-q", "build", str(EXAMPLES / "mou-labor-standards.yaml"), "-o",
                 str(tmp_path), "-f", "pdf"]) == 0
    pdf = tmp_path / "mou-labor-standards.pdf"
    reader = PdfReader(str(pdf))
    kinds: dict[str, int] = {}

    def visit(node, depth=0):
        node = node.get_object() if hasattr(node, "get_object") else node
        if depth > 60:
            return
        if isinstance(node, list):
            for child in node:
                visit(child, depth + 1)
        elif isinstance(node, dict):
            if "/S" in node:
                kinds[str(node["/S"])] = kinds.get(str(node["/S"]), 0) + 1
            if "/K" in node:
                visit(node["/K"], depth + 1)

    visit(reader.trailer["/Root"]["/StructTreeRoot"])
    assert kinds.get("/Table", 0) >= 8, "signatures, schedule and forms are tagged tables"
    assert kinds.get("/TD", 0) > 100, "each blank cell to fill in is a table cell"
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))
    for needle in ("Exhibit B: Authorized user list", "Full name of the user",
                   "Signature of the official", "Signature of the Authorized User"):
        assert needle in text
