"""Hostile clause libraries: a clause folder passed with ``--clauses`` is untrusted.

A clause that reaches for Python's internals, reads or includes files, imports, loops
forever, builds huge strings or numbers, or recurses without end is refused with a message
naming its file; so is a clause file with broken front matter, a link out of the folder or a
pipe. Every case runs the real command line (``plankit build`` and ``plankit clauses
check``) in a separate process whose memory is capped with ``RLIMIT_AS`` (1.5 GB), and must
end with a clean exit code, not a crash, within a few seconds.

The cases replace a clause that the first document kind's example uses, so they follow the
library and the kinds as they change.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bad_inputs import support as S

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_AS"),
              pytest.mark.slow]  # about 70 runs of plankit in capped processes

MEMORY_LIMIT = 1536 * 1024 * 1024
"""Address space allowed to each plankit process (1.5 GB)."""
RENDER_SECONDS = 1
"""The clause time limit used in these runs (the shipped limit is 5 seconds; one case below
runs with it)."""
SLACK = 4.0
"""Seconds allowed on top of the time limit for one run (start-up, loading the library)."""

REFUSED = r"may not do"
TOO_BIG = r"too large|too long|longer than \d+ seconds?"
NO_FILES = r"cannot include or import"

# name -> (clause body, what the message must say: a regular expression)
BODIES: dict[str, tuple[str, str]] = {
    # reaching Python internals
    "class-mro-subclasses": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", REFUSED),
    "cycler-globals": ("{{ cycler.__init__.__globals__.os }}", REFUSED),
    "joiner-globals": ("{{ joiner.__init__.__globals__ }}", REFUSED),
    "namespace-globals": ("{{ namespace.__init__.__globals__ }}", REFUSED),
    "lipsum-globals": ("{{ lipsum.__globals__['os'] }}", REFUSED),
    "range-self": ("{{ range.__self__ }}", REFUSED + "|not defined"),
    "template-context": ("{{ self._TemplateReference__context }}", REFUSED),
    "attr-filter": ("{{ ''|attr('__class__') }}", REFUSED),
    "format-reaches-attribute": ("{{ '{0.__class__}'.format(doc) }}", REFUSED),
    "format-map-reaches-attribute": ("{{ '{x.__class__}'.format_map({'x': doc}) }}", REFUSED),
    "input-model-internals": ("{{ doc._model }}", REFUSED),
    "input-model-internals-by-key": ("{{ doc['_model'] }}", REFUSED),
    "dict-internals": ("{{ dict.__call__ }}", REFUSED),
    "change-a-list-in-place": ("{% set l = [1] %}{{ l.append(2) }}", REFUSED),
    "python-import": ("{{ __import__('os').system('echo pwned') }}", r"not defined"),
    # reading files, leaving the library folder
    "include-etc-passwd": ("{% include '/etc/passwd' %}", NO_FILES),
    "include-parent-folder": ("{% include '../outside/secret.md' %}", NO_FILES),
    "extends-outside": ("{% extends '../../../../etc/passwd' %}", NO_FILES),
    "import-as-module": ("{% import 'os' as os %}{{ os }}", NO_FILES),
    "from-import": ("{% from '../outside/secret.md' import x %}{{ x }}", NO_FILES),
    # running forever
    "loop-that-never-ends": ("{% for i in range(100000) %}{% for j in range(100000) %}"
                             "{% endfor %}{% endfor %}", r"longer than 1 second"),
    "lorem-ipsum-flood": ("{{ lipsum(n=100000) }}", TOO_BIG),
    # huge strings, lists and numbers
    "string-times-a-billion": ("{{ 'x' * 900000000 }}", TOO_BIG),
    "list-times-a-billion": ("{{ ([1] * 1000) * 1000000 }}", TOO_BIG),
    "range-of-a-trillion": ("{{ range(10**12)|list }}", TOO_BIG),
    "output-flood": ("{% set s = 'x' * 999999 %}{% for i in range(100000) %}{{ s }}"
                     "{% endfor %}", TOO_BIG),
    "tilde-doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}", TOO_BIG),
    "plus-doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                      "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}", TOO_BIG),
    "percent-format-doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                                "{% set ns.s = '%s%s' % (ns.s, ns.s) %}{% endfor %}", TOO_BIG),
    "block-set-doubling": ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                           "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}",
                           TOO_BIG),
    "macro-doubling": ("{% macro two(s) %}{{ s }}{{ s }}{% endmacro %}"
                       "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                       "{% set ns.s = two(ns.s) %}{% endfor %}", TOO_BIG),
    "replace-doubling": ("{% set ns = namespace(s='xx') %}{% for i in range(40) %}"
                         "{% set ns.s = ns.s|replace('x', 'xx') %}{% endfor %}", TOO_BIG),
    "replace-product": ("{% set a = 'x' * 100000 %}{% set b = 'y' * 100000 %}"
                        "{{ a.replace('x', b)|length }}", TOO_BIG),
    "join-a-million-long-strings": ("{% set l = ['x' * 999999] %}{% set ll = l * 1000000 %}"
                                    "{{ ll|join|length }}", TOO_BIG),
    "center-filter-a-billion": ("{{ 'x'|center(900000000) }}", TOO_BIG),
    "center-method-a-billion": ("{{ 'x'.center(900000000) }}", TOO_BIG),
    "indent-a-billion": ("{{ 'a\nb'|indent(999999999) }}", TOO_BIG),
    "format-width-a-billion": ("{{ '{:>999999999}'.format(1) }}", TOO_BIG),
    "percent-width-a-billion": ("{{ '%999999999d' % 1 }}", TOO_BIG),
    "format-filter-width": ("{{ '%999999999d'|format(1) }}", TOO_BIG),
    "slice-a-billion": ("{{ [1, 2]|slice(999999999)|list|length }}", TOO_BIG),
    "number-squaring": ("{% set ns = namespace(n=10) %}{% for i in range(40) %}"
                        "{% set ns.n = ns.n * ns.n %}{% endfor %}x", TOO_BIG),
    "number-powers": ("{% set ns = namespace(n=10) %}{% for i in range(6) %}"
                      "{% set ns.n = ns.n ** 100 %}{% endfor %}x", TOO_BIG),
    "huge-exponent": ("{{ 9 ** 999999 }}", r"too large|exponent"),
    # recursion
    "macro-recursion": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", r"too large"),
    "deeply-nested-parentheses": ("{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
                                  r"too large|template error"),
    "deeply-nested-ifs": ("{% if 1 %}" * 500 + "x" + "{% endif %}" * 500,
                          r"too large|template error"),
    # plain mistakes
    "template-syntax": ("{% if %}", r"template error"),
    "undefined-name": ("{{ secret_value }}", r"not defined"),
}

FRONT = "---\nid: {id}\ntitle: Hostile\ntopic: {topic}\nkinds: [{kind}]\nversion: 9.0.0\n"
# name -> file content (front matter problems); '{id}', '{topic}', '{kind}' are filled in
BAD_FILES: dict[str, str | bytes] = {
    "front-matter-alias-bomb": FRONT + "".join(
        f"x{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10 if i else ["q"] * 10) + "]\n"
        for i in range(8)) + "params:\n  p: {type: list, help: h, default: *l7}\n---\n{{ p }}\n",
    "front-matter-python-tag": "---\nid: !!python/object/apply:os.system ['echo pwned']\n"
                               "title: x\n---\nbody\n",
    "front-matter-invalid-yaml": "---\nid: {id}\ntitle: [unclosed\n---\nbody\n",
    "front-matter-unknown-key": FRONT + "run: rm -rf /\n---\nbody\n",
    "front-matter-missing": "just a body, no front matter\n",
    "front-matter-not-closed": FRONT + "body without the closing line\n",
    "front-matter-not-a-mapping": "---\n- {id}\n- title\n---\nbody\n",
    "front-matter-deep-nesting": FRONT + "notes: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n",
    "id-that-is-a-path": FRONT.replace("{id}", "../../etc/passwd") + "---\nbody\n",
    "not-utf-8": (FRONT + "summary: caf\xe9\n---\nbody\n").encode("latin-1"),
    "control-characters": FRONT + "---\nbody \x02P0\x03\n",
    "larger-than-256-KB": FRONT + "---\n" + "x" * 300_000 + "\n",
}

SECRET = "SECRET-OUTSIDE-THE-LIBRARY"


def _kind() -> str:
    for kind in S.kinds():
        if S.inputs_of(kind) and S.used_clauses(kind):
            return kind
    pytest.skip("no kind has an example that uses a clause without parameters")


RUNNER = r"""
import contextlib, io, json, os, resource, sys, threading, time
limit, seconds, plan = int(sys.argv[1]), int(sys.argv[2]), json.load(open(sys.argv[3]))
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import plankit.compose.composer as composer
composer.RENDER_SECONDS = seconds
from plankit.cli import main

def hung(case, name):  # a run that never returns (a read that blocks forever)
    print(json.dumps({"case": case, "run": name, "hung": True}), flush=True)
    os._exit(3)

for case in plan:
    for name, argv in case["runs"]:
        print(json.dumps({"case": case["id"], "run": name, "started": True}), flush=True)
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        watchdog = threading.Timer(60, hung, (case["id"], name))
        watchdog.daemon = True
        watchdog.start()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        watchdog.cancel()
        print(json.dumps({"case": case["id"], "run": name, "code": code,
                          "seconds": time.monotonic() - started,
                          "out": out.getvalue()[-3000:], "err": err.getvalue()[-3000:]}),
              flush=True)
"""


def _limit_memory() -> None:  # runs in the child before plankit starts
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _prepare(root: Path, kind: str) -> list[dict]:
    """One folder per case: a clause folder, the input and an output folder."""
    target = S.used_clauses(kind)[0]
    from plankit.library import load_library

    meta = load_library().clauses[target].meta
    base = S.base_input(kind)
    outside = root / "outside"
    outside.mkdir(parents=True)
    (outside / "secret.md").write_text(S.clause_text(target, SECRET), encoding="utf-8")

    plan = []

    def case(name: str, write) -> None:
        folder = root / name
        lib = folder / "lib"
        lib.mkdir(parents=True)
        clause = write(lib)
        data = folder / base.name
        data.write_bytes(base.read_bytes())
        plan.append({"id": name, "clause": str(clause), "folder": str(folder), "runs": [
            ["build", ["build", str(data), "--clauses", str(lib), "-o", str(folder / "out"),
                       "-f", "md"]],
            ["check", ["clauses", "check", str(lib)]],
        ]})

    for name, (body, _) in BODIES.items():
        def write(lib: Path, body: str = body) -> Path:
            path = lib / "hostile.md"
            path.write_text(S.clause_text(target, body), encoding="utf-8")
            return path
        case(name, write)
    for name, content in BAD_FILES.items():
        def write(lib: Path, content=content) -> Path:
            path = lib / "hostile.md"
            if isinstance(content, bytes):
                path.write_bytes(content.replace(b"{id}", target.encode())
                                 .replace(b"{topic}", meta.topic.encode())
                                 .replace(b"{kind}", kind.encode()))
            else:
                path.write_text(content.replace("{id}", target).replace("{topic}", meta.topic)
                                .replace("{kind}", kind), encoding="utf-8")
            return path
        case(name, write)

    def link_out(lib: Path) -> Path:
        path = lib / "linked.md"
        path.symlink_to(outside / "secret.md")
        return path

    def link_to_system_file(lib: Path) -> Path:
        path = lib / "passwd.md"
        path.symlink_to("/etc/passwd")
        return path

    def pipe(lib: Path) -> Path:
        path = lib / "pipe.md"
        os.mkfifo(path)
        return path

    def linked_folder(lib: Path) -> Path:
        (lib / "elsewhere").symlink_to(outside, target_is_directory=True)
        return lib / "elsewhere" / "secret.md"

    case("link-to-a-clause-outside-the-folder", link_out)
    case("link-to-a-system-file", link_to_system_file)
    case("named-pipe", pipe)
    case("link-to-a-folder-outside", linked_folder)
    return plan


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Run every case in memory-capped processes (one `main()` per run, as the command line
    does; two processes side by side), reading the results as they come."""
    kind = _kind()
    root = tmp_path_factory.mktemp("hostile")
    plan = _prepare(root, kind)
    procs = []
    for i, chunk in enumerate((plan[0::2], plan[1::2])):
        plan_file = root / f"plan-{i}.json"
        plan_file.write_text(json.dumps(chunk), encoding="utf-8")
        procs.append(subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(MEMORY_LIMIT), str(RENDER_SECONDS),
             str(plan_file)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=root))
    results: dict[tuple[str, str], dict] = {}
    died = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=900)
        last = None
        for line in stdout.splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            last = (row["case"], row["run"])
            if "code" in row:
                results[last] = row
        if proc.returncode != 0:
            died.append(f"a process ended with {proc.returncode} during {last}: "
                        f"{stderr[-2000:]}")
    return {"plan": {c["id"]: c for c in plan}, "results": results, "died": "; ".join(died)}


def _result(runs, name: str, run: str) -> dict:
    row = runs["results"].get((name, run))
    assert row is not None, runs["died"] or f"no result for {name} {run}"
    text = row["err"] + row["out"]
    assert not any(m in text for m in S.CRASH_MARKERS), text
    assert row["seconds"] < RENDER_SECONDS + SLACK, f"took {row['seconds']:.1f} s:\n{text}"
    return row


@pytest.mark.parametrize("name", sorted(BODIES))
def test_hostile_clause_text_is_refused(runs, name):
    case = runs["plan"][name]
    build = _result(runs, name, "build")
    text = build["err"] + build["out"]
    assert build["code"] == 1, text
    assert case["clause"] in text, f"the message does not name the clause file:\n{text}"
    assert re.search(BODIES[name][1], text), text
    assert "root:" not in text and "pwned" not in text
    assert not (Path(case["folder"]) / "out").exists()
    check = _result(runs, name, "check")
    assert check["code"] == 1 and case["clause"] in check["err"] + check["out"]


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_invalid_clause_file_is_skipped_with_its_name(runs, name):
    """The build goes on with the package's own clause, and says which file it skipped;
    `clauses check` fails on it."""
    case = runs["plan"][name]
    build = _result(runs, name, "build")
    text = build["err"] + build["out"]
    assert build["code"] == 0, text
    assert f"{case['clause']}: this clause file is invalid and was skipped" in text, text
    out = next((Path(case["folder"]) / "out").glob("*.md"))
    assert "Hostile" not in out.read_text("utf-8")
    check = _result(runs, name, "check")
    assert check["code"] == 1 and case["clause"] in check["err"] + check["out"]


@pytest.mark.parametrize("name", ["link-to-a-clause-outside-the-folder", "link-to-a-system-file",
                                  "named-pipe", "link-to-a-folder-outside"])
def test_links_and_special_files_are_not_read(runs, name):
    case = runs["plan"][name]
    build = _result(runs, name, "build")
    text = build["err"] + build["out"]
    assert build["code"] == 0, text
    out = next((Path(case["folder"]) / "out").glob("*.md")).read_text("utf-8")
    assert SECRET not in out and "root:" not in out
    if name != "link-to-a-folder-outside":  # a linked folder is not entered at all
        assert f"{case['clause']}: this clause file is invalid and was skipped" in text, text
        check = _result(runs, name, "check")
        assert check["code"] == 1 and case["clause"] in check["err"] + check["out"]


def test_every_run_ended_cleanly(runs):
    assert not runs["died"]
    expected = {(c, r) for c, case in runs["plan"].items() for r, _ in case["runs"]}
    assert set(runs["results"]) == expected


@pytest.mark.parametrize("body, words", [
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
     "longer than 5 seconds"),
    ("{{ 'x'|center(900000000) }}{{ 'y' * 900000000 }}", "too long"),
], ids=["loop-that-never-ends", "huge-strings"])
def test_the_command_line_itself_stops_a_hostile_clause(tmp_path, body, words):
    """`python -m plankit build` as a user runs it, with the shipped time limit and 1.5 GB
    of memory: a clean error within seconds."""
    kind = _kind()
    target = S.used_clauses(kind)[0]
    lib = tmp_path / "lib"
    lib.mkdir()
    clause = lib / "hostile.md"
    clause.write_text(S.clause_text(target, body), encoding="utf-8")
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "plankit", "build", str(S.base_input(kind)), "--clauses",
         str(lib), "-o", str(tmp_path / "out"), "-f", "md"],
        capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1, proc.stderr
    assert str(clause) in proc.stderr and words in proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 5 + SLACK + 2, f"took {elapsed:.1f} s"
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- no fetching


def _references(server: S.LoopbackServer, secret: Path) -> list[str]:
    """Text that names files, web addresses and data: URLs in every way a renderer might
    be tempted to follow."""
    return [
        f'<img src="file://{secret}"> see file://{secret}',
        f"![logo]({server.url('image.png')}) <link rel=stylesheet href=\"{server.url('a.css')}\">",
        '<img src="data:image/png;base64,iVBORw0KGgo="> url(data:text/css,p{color:red})',
        f"{secret} url({secret}) @import '{secret}';",
        f"<style>@import url({server.url('style.css')});</style>",
        f'<iframe src="{server.url("frame")}"></iframe><object data="file://{secret}"></object>',
        f"[a link]({server.url('link')}) <{server.url('autolink')}>",
    ]


def _user_css(server: S.LoopbackServer, secret: Path) -> str:
    return "\n".join([
        f'@import url("{server.url("import.css")}");',
        f'@import url("file://{secret}");',
        '@import "secret.css";',
        "@import url(\"data:text/css,body::after{content:'SECRET-DATA-URL'}\");",
        "@font-face { font-family: Hostile; src: "
        f'url("{server.url("font.ttf")}"), url("file://{secret.with_suffix(".ttf")}"); }}',
        f'body {{ font-family: Hostile, serif; background: url("{server.url("bg.png")}"); }}',
        f'h1 {{ background-image: url("{secret}"); }}',
        f'h2 {{ background-image: url("../../../../../../../../..{secret}"); }}',
        f'p::before {{ content: url("{server.url("before.png")}"); }}',
        'h3 { background-image: url("data:image/png;base64,iVBORw0KGgo="); }',
    ])


@pytest.mark.slow
@pytest.mark.parametrize("kind", [k for k in S.kinds() if S.inputs_of(k)])
def test_pdf_fetches_nothing_named_in_inputs_css_or_clauses(kind, cli, tmp_path, monkeypatch):
    """Every text field of the input, a user stylesheet (--css) and a user clause name local
    files, a loopback web server and data: URLs. Building the PDF opens none of the files,
    sends no request, and no content from them reaches the PDF."""
    import builtins
    import io

    from tests.conftest import pdf_plain_text

    secret_dir = tmp_path / "secret"
    secret_dir.mkdir()
    secret = secret_dir / "secret.css"
    secret.write_text('body::after { content: "SECRET-FROM-A-LOCAL-FILE" }', encoding="utf-8")
    (secret_dir / "secret.ttf").write_bytes(b"not a font")

    with S.LoopbackServer() as server:
        refs = _references(server, secret)
        data = S.load_data(S.base_input(kind))
        fields = S.text_fields(kind, data)
        wanted = {loc: refs[i % len(refs)] for i, loc in enumerate(fields)}
        data, changed = S.accepted_changes(kind, data, wanted)
        assert changed, "no text field took the references"
        source = S.write_input(tmp_path / "in", data)
        css = tmp_path / "print.css"
        css.write_text(_user_css(server, secret), encoding="utf-8")
        args = ["--css", str(css)]
        if S.used_clauses(kind):
            lib = tmp_path / "lib"
            lib.mkdir()
            body = "\n\n".join(refs) + f'\n\n<link rel="stylesheet" href="file://{secret}">'
            (lib / "clause.md").write_text(S.clause_text(S.used_clauses(kind)[0], body),
                                           encoding="utf-8")
            args += ["--clauses", str(lib)]

        opened: list[str] = []
        real_open, real_os_open = builtins.open, os.open

        def spy_open(file, *a, **k):
            if isinstance(file, (str, os.PathLike)) and str(secret_dir) in str(file):
                opened.append(str(file))
            return real_open(file, *a, **k)

        def spy_os_open(path, *a, **k):
            if str(secret_dir) in str(path):
                opened.append(str(path))
            return real_os_open(path, *a, **k)

        monkeypatch.setattr(builtins, "open", spy_open)
        monkeypatch.setattr(io, "open", spy_open)
        monkeypatch.setattr(os, "open", spy_os_open)
        run = cli("build", source, *args, "-o", tmp_path / "out", "-f", "pdf")
        monkeypatch.undo()
        hits = list(server.hits)

    assert run.code == 0, run.err
    assert hits == [], f"the PDF renderer asked the web server for {hits}"
    assert opened == [], f"the PDF renderer opened {opened}"
    text = pdf_plain_text(tmp_path / "out" / "input.pdf")
    assert "SECRET-" not in text
    assert "file://" in text  # the references are printed as text
