"""First-draft mistakes, each alone and some together, with plankit's exact message as a
golden file (see tests/first_drafts/cases.yaml). The command runs in-process.

Rewrite the goldens with ``pytest --update-goldens`` and review the diff: these are the
messages a new user reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from plankit.paths import STARTERS_DIR

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "first_drafts" / "cases.yaml").read_text("utf-8"))
GOLDEN = HERE / "golden" / "test_first_drafts"


def _input(case: dict) -> str:
    text = (STARTERS_DIR / f"{case['base']}.yaml").read_text("utf-8")
    for old, new in case.get("replace", []):
        assert text.count(old) == 1, f"{case['id']}: {old!r} is not in the starter once"
        text = text.replace(old, new)
    return text


def _shown(run, folder: Path) -> str:
    text = (run.err + run.out).replace(str(folder), "DIR")
    return re.sub(r"[ \t]+\n", "\n", text)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_first_draft_message(case, cli, tmp_path, update_goldens):
    path = tmp_path / "my-input.yaml"
    path.write_text(_input(case), encoding="utf-8")
    args = case.get("args", ["validate"])
    if args and args[-1] != "validate" and "build" in args:
        args = [*args, "-o", str(tmp_path / "out")]
    run = cli(*args, path)
    shown = _shown(run, tmp_path)
    assert "Traceback" not in shown and "internal error" not in shown, shown
    assert run.code == case["code"], shown
    if "count" in case:
        rows = [r for r in shown.splitlines() if re.match(r"^  (warning: )?line \d+", r)]
        assert len(rows) == case["count"], shown
    golden = GOLDEN / f"{case['id']}.txt"
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(shown, encoding="utf-8")
        return
    assert golden.exists(), f"no golden for {case['id']}; run with --update-goldens and review"
    assert shown == golden.read_text("utf-8"), (
        f"the message for {case['id']} changed; if intended, rerun with --update-goldens and "
        "review the diff")


def test_every_case_is_about_a_real_starter_line():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids))
    for case in CASES:
        _input(case)


def test_the_readme_shows_the_real_error_screen():
    readme = (HERE.parent / "README.md").read_text("utf-8")
    for case in ("five-independent-mistakes", "yaml-no-space-after-colon"):
        shown = (GOLDEN / f"{case}.txt").read_text("utf-8").replace("DIR/my-input.yaml",
                                                                    "my-rfp.yaml")
        assert shown.strip() in readme, f"README's sample of {case} is out of date"


def test_the_readme_open_value_example_reads_as_open_values():
    import re

    from plankit.models.open import OpenValue, mark_open

    readme = (HERE.parent / "README.md").read_text("utf-8")
    block = re.search(r"```yaml\n(solicitation:\n  number: \[to be set\].*?)```", readme, re.S)
    data = mark_open(yaml.safe_load(block.group(1)))
    values = [data["solicitation"]["number"], data["solicitation"]["estimated_value"],
              data["provisions"][0]["params"]["wage_floor"]]
    assert all(isinstance(v, OpenValue) for v in values)
    assert values[1].note == "engineer's estimate due in May"
