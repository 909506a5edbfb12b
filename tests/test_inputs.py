"""Reading input files: encodings, limits, YAML traps, line numbers."""

from __future__ import annotations

import pytest

from plankit.errors import InputError
from plankit.inputs import MAX_BYTES, load
from tests.conftest import write


def test_reads_yaml_with_line_numbers(tmp_path):
    f = write(tmp_path / "a.yaml", "kind: procurement\nagency:\n  name: City\nlist:\n  - a\n  - b\n")
    loaded = load(f)
    assert loaded.data["agency"]["name"] == "City"
    assert loaded.line_of(("agency", "name")) == 3
    assert loaded.line_of(("list", 1)) == 6
    assert loaded.line_of(("list", 1, "deeper")) == 6
    assert len(loaded.sha256) == 64


def test_json_input(tmp_path):
    f = write(tmp_path / "a.json", '{\n "kind": "procurement",\n "x": [1, 2]\n}\n')
    loaded = load(f)
    assert loaded.data == {"kind": "procurement", "x": [1, 2]}
    assert loaded.line_of(("x",)) == 3


@pytest.mark.parametrize("raw", [
    "\ufeffkind: procurement\n".encode("utf-8"),
    "kind: procurement\r\nname: x\r\n".encode("utf-8"),
    "kind: procurement\n".encode("utf-16"),
])
def test_bom_crlf_and_utf16_are_read(tmp_path, raw):
    loaded = load(write(tmp_path / "a.yaml", raw))
    assert loaded.data["kind"] == "procurement"


def test_rtl_and_combining_text_is_kept(tmp_path):
    text = "kind: procurement\nname: \"مجلس القوى العاملة — e\u0301\u0301 ñ\"\n"
    assert load(write(tmp_path / "a.yaml", text)).data["name"] == "مجلس القوى العاملة — e\u0301\u0301 ñ"


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"   \n# only a comment\n", "no content"),
    (b"kind: x\nname: caf\xe9\n", "not UTF-8"),
    (b"kind: x\n  bad: indent\n", "line 2"),
    (b"kind: x\nkind: y\n", "appears twice"),
    (b"kind: !!python/object/apply:os.system ['echo hi']\n", "not allowed"),
    (b"- a\n- b\n", "mapping"),
    (b"a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
     b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n", "aliases"),
    (b"kind: x\nname: [" * 1 + b"[" * 200 + b"]" * 201 + b"\n", "nested"),
    (b"kind: x\n\tname: y\n", "line"),
])
def test_bad_files_give_one_clear_error(tmp_path, content, words):
    f = write(tmp_path / "bad.yaml", content)
    with pytest.raises(InputError) as exc:
        load(f)
    message = exc.value.format_message()
    assert words.lower() in message.lower(), message
    assert str(f) in message
    assert "Traceback" not in message


def test_missing_file_suggests_a_close_name(tmp_path):
    write(tmp_path / "procurement.yaml", "kind: procurement\n")
    with pytest.raises(InputError) as exc:
        load(tmp_path / "procurment.yaml")
    assert "not found" in exc.value.format_message()
    assert "procurement.yaml" in exc.value.hint


def test_directory_and_oversized_file(tmp_path):
    with pytest.raises(InputError, match="folder"):
        load(tmp_path)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(MAX_BYTES + 10)
    with pytest.raises(InputError, match="too large"):
        load(big)


def test_yes_no_stay_text_but_true_false_are_booleans(tmp_path):
    data = load(write(tmp_path / "a.yaml", "a: no\nb: true\nc: 2026-01-05\n")).data
    assert data["a"] == "no" and data["b"] is True
    assert str(data["c"]) == "2026-01-05"
