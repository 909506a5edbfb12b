"""The web form's fields are generated from each kind's model: every field is reachable,
every choice is offered, and what a page shows is submitted back unchanged."""

from __future__ import annotations

import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pydantic import BaseModel

pytest.importorskip("starlette")

from plankit import api  # noqa: E402
from plankit.inputs.kinds import KINDS  # noqa: E402
from plankit.web import service  # noqa: E402
from plankit.web.app import env  # noqa: E402
from plankit.web.fields import name_of, parse_name  # noqa: E402
from plankit.web.formdata import Form, apply_action, expand, read_page, to_yaml  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _model_paths(model: type[BaseModel], prefix: tuple = (), depth: int = 0) -> dict:
    """Every field path of a model, found by reading its annotations (not the form code),
    with the choices a Literal offers."""
    out: dict = {}
    for key, info in model.model_fields.items():
        loc = prefix + (key,)
        inner: list = []

        def scan(t, list_depth=0, loc=loc, inner=inner):
            if typing.get_origin(t) is typing.Literal:
                out.setdefault(loc, set()).update(str(a) for a in typing.get_args(t))
            elif isinstance(t, type) and issubclass(t, BaseModel):
                inner.append((t, list_depth))
            else:
                for a in typing.get_args(t):
                    scan(a, list_depth + (typing.get_origin(t) is list), loc, inner)
        out.setdefault(loc, set())
        scan(info.annotation)
        for sub, in_list in inner:
            if depth < 8:
                out.update(_model_paths(sub, loc + ((0,) if in_list else ()), depth + 1))
    return out


def _skeleton(fields, prefix=()) -> dict:
    """Data with one item in every list and every group present, so every field shows."""
    data: dict = {}
    for f in fields:
        if f.widget == "group":
            data[f.key] = _skeleton(f.children)
        elif f.widget == "list":
            data[f.key] = [_skeleton(f.children)]
    return data


class _Inputs(HTMLParser):
    """The names, values and offered choices of a rendered form."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.offered: dict[str, set[str]] = {}
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            self.names.add(name)
            if a.get("type") == "checkbox":
                self.offered.setdefault(name, set()).add(a["value"])
                if "checked" in a:
                    self.values.setdefault(name, []).append(a["value"])
            elif a.get("type") != "submit":
                self.values.setdefault(name, []).append(a.get("value") or "")
                if a.get("type") == "hidden":  # a choice with one value: the kind
                    self.offered.setdefault(name, set()).add(a.get("value") or "")
        elif tag == "select" and name:
            self.names.add(name)
            self._select = name
            self.values.setdefault(name, [""])
        elif tag == "option" and self._select:
            self.offered.setdefault(self._select, set()).add(a.get("value", ""))
            if "selected" in a:
                self.values[self._select] = [a.get("value", "")]
        elif tag == "textarea" and name:
            self.names.add(name)
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values[self._textarea] = [self._text]
            self._textarea = None


def _render(kind: str, page, data: dict) -> _Inputs:
    html = env.get_template("form.html").render(
        s=None, csrf="t", pages=[page], pg=page, here=[], elsewhere=[], at={}, data=data,
        next="", focus="", clauses=False)
    parsed = _Inputs()
    parsed.feed(html)
    return parsed


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_field_is_reachable_and_every_choice_offered(kind):
    model = KINDS[kind].load_model()
    pages = service.pages(kind)
    data = _skeleton(service.model_fields(kind))
    names: set[str] = set()
    offered: dict[str, set[str]] = {}
    for page in pages:
        parsed = _render(kind, page, data)
        names |= parsed.names
        offered.update(parsed.offered)
    paths = _model_paths(model)
    parents = {loc[:n] for loc in paths for n in range(1, len(loc))}
    for loc, choices in paths.items():
        if loc in parents:  # a group or list: its fields are checked one by one
            continue
        name = name_of(loc)
        holder = next((name_of(loc[:n]) for n in range(len(loc), 0, -1)
                       if name_of(loc[:n]) in names), None)
        assert holder is not None, f"{kind}: no field for {name}"
        if holder == name and choices:
            assert choices <= offered.get(name, set()), f"{kind}: {name} misses choices"


def _one_example(kind: str) -> Path:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        loaded = api.load(path)
        if loaded.data.get("kind") == kind and not api.is_batch(loaded):
            return path
    raise AssertionError(kind)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_page_submits_back_what_it_shows(kind, tmp_path):
    """Every page of an example, shown and submitted untouched, gives an input that
    validates to the same model as the example."""
    path = _one_example(kind)
    _, made = api.read_input(path)
    data = expand(api.load(path).data, service.model_fields(kind), made)
    out = dict(data)
    for page in service.pages(kind):
        parsed = _render(kind, page, data)
        out = read_page(page.fields, Form(parsed.values), out)
    saved = tmp_path / path.name
    saved.write_text(to_yaml(out, service.model_fields(kind)), "utf-8")
    _, before = api.read_input(path)
    _, after = api.read_input(saved)
    assert after.model_dump() == before.model_dump()


def test_chosen_items_keep_the_order_of_the_file_opened():
    """A list of choices shown as check boxes comes back in the input's own order (here
    local before state, the reverse of the choices' order), and a box ticked on the page
    is added after them: opening a file and saving it untouched changes nothing."""
    path = EXAMPLES / "rfp-custodial-services.yaml"
    data = expand(api.load(path).data, service.model_fields("procurement"),
                  api.read_input(path)[1])
    assert data["solicitation"]["funding_sources"] == ["local", "state"]
    page = next(p for p in service.pages("procurement")
                if any(f.key == "solicitation" for f in p.fields))
    parsed = _render("procurement", page, data)
    assert read_page(page.fields, Form(parsed.values), data)["solicitation"][
        "funding_sources"] == ["local", "state"]
    values = dict(parsed.values)
    values["solicitation.funding_sources"] = ["federal-formula", "state", "local"]
    assert read_page(page.fields, Form(values), data)["solicitation"][
        "funding_sources"] == ["local", "state", "federal-formula"]


def test_numbers_and_dates_are_read_as_the_cli_reads_them():
    fields = service.model_fields("procurement")
    sol = next(f for f in fields if f.key == "solicitation")
    form = Form({"solicitation.estimated_value": ["48000000"],
                 "solicitation.construction_start": ["2026-09-01"],
                 "solicitation.title": ["2026"]})
    data = read_page([sol], form, {})
    import datetime as dt
    assert data["solicitation"]["estimated_value"] == 48000000
    assert data["solicitation"]["construction_start"] == dt.date(2026, 9, 1)
    assert data["solicitation"]["title"] == "2026"  # text stays text


def test_list_buttons_add_remove_and_reorder():
    data = {"parties": [{"name": "A"}, {"name": "B"}]}
    data, focus = apply_action(data, "up|parties[2]")
    assert [p["name"] for p in data["parties"]] == ["B", "A"] and focus == "parties[1]"
    data, focus = apply_action(data, "add|parties")
    assert data["parties"][-1] == {} and focus == "parties[3]"
    data, _ = apply_action(data, "remove|parties[3]")
    data, _ = apply_action(data, "remove|parties[1]")
    assert data == {"parties": [{"name": "A"}]}
    data, focus = apply_action(data, "add|data_elements[1].fields")  # no such item: ignored
    assert focus == "" and data == {"parties": [{"name": "A"}]}
    assert apply_action(data, "rm -rf|/etc")[1] == ""


def test_names_are_the_cli_field_paths():
    assert name_of(("parties", 1, "contact", "email")) == "parties[2].contact.email"
    assert parse_name("parties[2].contact.email") == ("parties", 1, "contact", "email")
    assert parse_name("../etc/passwd") is None and parse_name("parties[0]") is None


def test_a_message_names_its_field_and_page():
    p = service.problem("line 12: parties[2].role: must be one of 'disclosing', 'receiving' "
                        "or 'both' (got 'giving')", "mou-data-sharing")
    assert (p.name, p.page) == ("parties[2].role", "parties")
    assert p.text.startswith("parties[2].role: must be one of")
    assert service.problem("the input has 1 problem", "procurement").name == ""


def test_start_points_cover_every_kind_plan_type_and_example():
    from plankit.models.plan.registry import PLAN_TYPES

    ids = {p.id for p in service.start_points()}
    assert {f"kind:{k}" for k in KINDS} <= ids and {f"blank:{k}" for k in KINDS} <= ids
    assert {f"plan:{p}" for p in PLAN_TYPES} <= ids
    assert "example:mou-data-sharing" in ids and "example:mou-local-boards-batch" not in ids
    with pytest.raises(KeyError):
        service.start_text("example:../../etc/passwd")


def _provisions_page():
    return next(p for p in service.pages("procurement") if p.slug == "provisions")


def test_each_clause_setting_has_its_own_labelled_input():
    """A chosen clause's settings are generated from the parameters it declares: one input
    each, named by its field path, with its help, default and choices; the provision's
    points stay in their own field."""
    data = {"kind": "procurement", "provisions": [
        {"clause": "living-wage.incentivize", "points": 10, "params": {"wage_floor": 24}},
        {"clause": "apprenticeship.registered.incentivize", "points": 5}]}
    html = env.get_template("form.html").render(
        s=None, csrf="t", pages=[_provisions_page()], pg=_provisions_page(), here=[],
        elsewhere=[], at={}, data=data, next="", focus="", clauses=False)
    parsed = _Inputs()
    parsed.feed(html)
    assert parsed.values["provisions[1].params.wage_floor"] == ["24"]
    assert 'for="f-provisions-1-params-wage-floor">Wage floor (required)' in html
    assert parsed.offered["provisions[1].params.apprentices"] == {"", "registered-rate",
                                                                  "covered"}
    assert parsed.offered["provisions[1].params.applies_to_subcontractors"] == {
        "", "true", "false"}
    assert "(default: yes)" in html and "Left empty: 15." in html  # a boolean; a percent
    assert parsed.offered["provisions[2].params.scoring"] >= {"proportional", "all-or-nothing"}
    assert "provisions[1].params" not in parsed.names  # no box of "name: value" lines
    assert "provisions[1].params.points" not in parsed.names
    assert 'aria-describedby="f-provisions-1-params-wage-floor-help"' in html


def test_clause_settings_are_read_as_the_cli_reads_them(tmp_path):
    """Each setting's words go into the input as the YAML scalar they would be in a file,
    so the form and the CLI give the same values, and the same messages for bad ones."""
    page = _provisions_page()
    form = Form({"#provisions": ["1"], "provisions[1].clause": ["living-wage.require"],
                 "provisions[1].params.wage_floor": ["$24.50"],
                 "provisions[1].params.health_benefit_min": ["2.25"],
                 "provisions[1].params.index": ["cpi-w"],
                 "provisions[1].params.applies_to_subcontractors": ["false"],
                 "provisions[1].params.adjustment_date": [""]})
    params = read_page(page.fields, form, {})["provisions"][0]["params"]
    assert params == {"wage_floor": "$24.50", "health_benefit_min": 2.25, "index": "cpi-w",
                      "applies_to_subcontractors": False}
    form = Form({"#provisions": ["1"], "provisions[1].clause": ["pla.require"],
                 "provisions[1].params.findings": ["First finding\r\nSecond finding\r\n"],
                 "provisions[1].params.threshold": ["25000000"]})
    params = read_page(page.fields, form, {})["provisions"][0]["params"]
    assert params == {"threshold": 25000000, "findings": ["First finding", "Second finding"]}
    form = Form({"#provisions": ["1"],
                 "provisions[1].clause": ["apprenticeship.registered.incentivize"],
                 "provisions[1].points": ["10"],
                 "provisions[1].params.labor_hour_percent": ["12.5%"],
                 "provisions[1].params.wage_floor": ["20"]})  # drawn for another clause
    item = read_page(page.fields, form, {})["provisions"][0]
    assert item == {"clause": "apprenticeship.registered.incentivize", "points": 10,
                    "params": {"labor_hour_percent": "12.5%"}}

    # a bad value: the web's check and the CLI give the same message for it
    base = (EXAMPLES / "procurement-rfp.yaml").read_text("utf-8")
    by_hand = base.replace("wage_floor: 21.50 ", "wage_floor: twenty ")
    assert by_hand != base
    (tmp_path / "by-hand.yaml").write_text(by_hand, "utf-8")
    from plankit.errors import PlankitError
    with pytest.raises(PlankitError) as cli:  # as plankit validate finds it
        api.draft(tmp_path / "by-hand.yaml", service.library())
    data = api.load(tmp_path / "by-hand.yaml").data
    checked = service.check(tmp_path, "form", "procurement",
                            service.input_text("procurement", data), service.library(),
                            compose=False)
    wanted = [service.problem(p, "procurement").text for p in cli.value.problems]
    assert [p.text for p in checked.problems] == wanted
    assert any(p.name == "provisions[3].params.wage_floor" for p in checked.problems)


def test_settings_a_clause_does_not_have_stay_in_a_box_of_their_own():
    """Settings the clause does not declare (from an opened file) are kept in an "other
    settings" box for the check to report; a clause the library lacks keeps one box."""
    page = _provisions_page()
    for data, box in (
            ({"provisions": [{"clause": "scheduling.encourage",
                              "params": {"notice_days": 21, "notice_dayz": 7}}]},
             "notice_dayz: 7"),
            ({"provisions": [{"clause": "my-own.require", "params": {"rate": 3}}]},
             "rate: 3")):
        parsed = _render("procurement", page, data)
        assert parsed.values["provisions[1].params"] == [box]
        assert read_page(page.fields, Form(parsed.values), {}) == data


def test_the_input_file_is_made_again_whenever_the_data_changes():
    """The form keeps the input files it made lately, by the data they were made from: a
    change anywhere in the data (in place, deep inside) makes a new one."""
    data = {"kind": "mou-data-sharing", "parties": [{"name": "Agency A", "role": "receiving"}]}
    first = service.input_text("mou-data-sharing", data)
    data["parties"][0]["name"] = "Agency B"
    second = service.input_text("mou-data-sharing", data)
    assert "Agency B" in second and "Agency A" not in second
    data["parties"][0]["role"] = True  # a value of another type with the same meaning in text
    assert service.input_text("mou-data-sharing", data) != second
    data["parties"][0].update(name="Agency A", role="receiving")
    assert service.input_text("mou-data-sharing", data) == first
