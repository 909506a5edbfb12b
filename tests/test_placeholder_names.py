"""Every placeholder() in a clause names the input field that fills it, so the review
comment, the memo and the final copy's refusal can say where to add the fact."""

from __future__ import annotations

import pytest

from plankit.compose.placeholder_names import field_exists, placeholder_problems
from plankit.compose.sandbox import make_environment
from plankit.library import load_library
from plankit.compose.preview import preview
from plankit.models.mou import DataSharingMouInput
from plankit.models.plan import PlanSectionInput

LIB = load_library([])


def test_every_library_placeholder_names_a_real_field():
    env = make_environment()
    problems = []
    for clause in LIB.clauses.values():
        if clause.origin == "package":
            problems.extend(placeholder_problems(clause, env.parse(clause.body)))
    assert problems == []


def _clause(tmp_path, body: str, extra: str = "", kinds: str = "procurement"):
    (tmp_path / "mine.md").write_text(f"""---
id: agency.contact-line
title: Contact line
topic: agency
kinds: [{kinds}]
version: 1.0.0
summary: Who to call.
params:
  office:
    type: text
    help: The office to call
    example: Office of Labor Standards
notes: [Check the office.]
{extra}---
{{% if office %}}Call {{{{ office }}}}.{{% endif %}} {body}
""", encoding="utf-8")


@pytest.mark.parametrize("body, extra, kinds, expect", [
    ('{{ placeholder("the office to call") }}', "", "procurement",
     'placeholder("the office to call") does not name the field that fills it'),
    ('{{ placeholder("the office to call", "params.ofice") }}', "", "procurement",
     "names 'params.ofice', which is not a parameter of this clause"),
    ('{{ placeholder("the agency phone", "agency.contact.fone") }}', "", "procurement",
     "names 'agency.contact.fone', which is not a field of the input for procurement"),
    ('{{ placeholder("a signatory", "parties[" ~ 1 ~ "].signer") }}', "", "mou-data-sharing",
     "names 'parties[1].signer', which is not a field"),
    ('{{ placeholder("the office to call") }}', "unnamed_placeholders:\n  the office to call: ''\n",
     "procurement", "needs a reason"),
    ('{{ placeholder("the office to call", "params.office") }}',
     "unnamed_placeholders:\n  a prompt no longer in the text: written by hand\n", "procurement",
     "no placeholder(\"a prompt no longer in the text\") without a field"),
])
def test_check_reports_a_placeholder_without_its_field(cli, tmp_path, body, extra, kinds, expect):
    _clause(tmp_path, body, extra, kinds)
    run = cli("clauses", "check", tmp_path)
    assert run.code == 1
    assert expect in " ".join(run.out.split())


@pytest.mark.parametrize("body, extra, kinds", [
    ('{{ placeholder("the office to call", "params.office") }}', "", "procurement"),
    ('{{ placeholder("the agency phone", "agency.contact.phone") }}', "", "procurement"),
    ('{% for p in doc.parties %}{{ placeholder("its signatory", "parties[" ~ loop.index ~ '
     '"].signatory.name") }}{% endfor %}', "", "mou-data-sharing"),
    ('{{ placeholder("the office to call", some_name) }}', "", "procurement"),
    ('{{ placeholder("the office to call") }}',
     "unnamed_placeholders:\n  the office to call: The office is written into the solicitation by "
     "hand.\n", "procurement"),
])
def test_check_accepts_a_named_or_listed_placeholder(tmp_path, body, extra, kinds):
    _clause(tmp_path, body.replace("some_name", "office"), extra, kinds)
    lib = load_library([tmp_path])
    clause = lib.clauses["agency.contact-line"]
    assert placeholder_problems(clause, make_environment().parse(clause.body)) == []


def test_field_paths_are_read_as_the_user_writes_them():
    assert field_exists(DataSharingMouInput, "parties[2].signatory.title")
    assert field_exists(DataSharingMouInput, "data_elements")
    assert not field_exists(DataSharingMouInput, "parties[2].signer")
    assert not field_exists(DataSharingMouInput, "[1].name")
    # a goal may be written as {goal, indicators}: the input has the field, the model keeps
    # only the text
    assert field_exists(PlanSectionInput, "goals[1].indicators")
    assert field_exists(PlanSectionInput, "regional_support.partnership_deadline")


def test_a_parameter_placeholder_names_the_parameter_where_the_user_writes_it(tmp_path):
    _clause(tmp_path, '{% if not office %}{{ placeholder("the office to call", '
                      '"params.office") }}{% endif %}')
    lib = load_library([tmp_path])
    doc = preview(lib.clauses["agency.contact-line"], lib, "minimal")
    assert [(p.name, p.prompt) for p in doc.placeholders] == [
        ("clause_params.agency.contact-line.office", "the office to call")]
