"""The ``plankit`` command. Options only; the work is in :mod:`plankit.api`.

Exit codes: 0 success; 1 invalid input, failed validation or failed check; 2 usage error;
3 environment problem; 4 internal error (a bug: please report it with ``--debug`` output).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plankit import __version__
from plankit.errors import EXIT_INTERNAL, EXIT_USAGE, PlankitError, UsageError

FORMATS_HELP = "Output formats, comma-separated: docx, pdf, html, md."

_state = {"debug": False}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="plankit")
@click.option("--debug", is_flag=True, help="Show internal details and tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Show only errors.")
def cli(debug: bool, quiet: bool) -> None:
    """Draft workforce plan sections, data-sharing MOUs and job-quality procurement
    language from a YAML or JSON input file.

    \b
    Start here:
      plankit new procurement -o my-rfp.yaml     write a starter input to fill in
      plankit validate my-rfp.yaml               check it
      plankit build my-rfp.yaml -o out/          make DOCX, PDF, HTML and Markdown
    """
    from plankit.log import setup

    _state["debug"] = debug
    _state["handler"] = setup(debug=debug, quiet=quiet)


clauses_option = click.option(
    "--clauses", "clause_dirs", multiple=True, metavar="DIR",
    help="A folder of your own clauses, searched before the built-in library (repeatable).")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder for the output files (created if needed).")
@click.option("-f", "--format", "formats", default="docx,pdf,html,md", show_default=True,
              metavar="FORMATS", help=FORMATS_HELP)
@click.option("--strict", is_flag=True, help="Fail if any fact is still a placeholder.")
@clauses_option
@click.option("--force", is_flag=True,
              help="Replace output files that plankit did not write (or that were edited).")
def build(inputs, out_dir, formats, strict, clause_dirs, force) -> None:
    """Build each INPUT file into DIR/<name>.<format>."""
    from plankit import api
    from plankit.library import load_library

    fmts = api.parse_formats(formats)
    lib = load_library(clause_dirs)
    failed = 0
    for path in inputs:  # one bad file does not stop (or undo) the others
        try:
            result = api.build([path], out_dir, fmts, strict=strict, force=force, library=lib,
                               report=path == inputs[0])
        except PlankitError as exc:
            if len(inputs) == 1:
                raise
            failed += 1
            exc.show()
            continue
        for written in result.written:
            click.echo(f"wrote {written}")
    if failed:
        click.echo(f"{failed} of {len(inputs)} files failed; the others were written", err=True)
        raise SystemExit(1)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--strict", is_flag=True,
              help="Treat open placeholders and content warnings as errors.")
@clauses_option
def validate(inputs, strict, clause_dirs) -> None:
    """Check INPUT files (fields, clause ids, parameters) without writing anything."""
    from plankit import api
    from plankit.errors import PlankitError as _Err

    failed = 0
    lib = None
    for path in inputs:
        try:
            from plankit.library import load_library
            lib = lib or load_library(clause_dirs)
            drafts = api.validate([path], strict=strict, library=lib,
                                  report=path == inputs[0])
        except _Err as exc:
            failed += 1
            exc.show()
            continue
        for dr in drafts:
            ph = dr.document.placeholders
            status = f"{len(ph)} placeholder{'s' if len(ph) != 1 else ''} to fill" if ph else \
                "complete"
            warned = f"; {len(dr.findings)} warning{'s' if len(dr.findings) != 1 else ''}" \
                if dr.findings else ""
            click.echo(f"{dr.loaded.name}: ok ({dr.document.kind}; {status}{warned})")
            for line in api.finding_lines(dr):
                click.echo(f"  warning: {line}")
            lines = api.placeholder_lines(ph)
            for line in lines[:20]:
                click.echo(f"  {line}")
            if len(lines) > 20:
                click.echo(f"  … and {len(lines) - 20} more")
    if failed:
        raise SystemExit(1)


@cli.command()
@click.argument("kind", required=False)
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the starter to FILE instead of printing it.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def new(kind, out_file, force) -> None:
    """Print a commented starter input for a document KIND."""
    from plankit.kinds import KINDS, get_kind
    from plankit.paths import STARTERS_DIR

    if not kind:
        click.echo("Document kinds:")
        for k in KINDS.values():
            click.echo(f"  {k.name:<18} {k.summary}")
        click.echo("\nRun 'plankit new KIND -o FILE.yaml' to start one.")
        return
    k = get_kind(kind)
    text = (STARTERS_DIR / f"{k.name}.yaml").read_text("utf-8")
    if not out_file:
        click.echo(text, nl=False)
        return
    from plankit.errors import OutputError
    from plankit.outputs import atomic_write

    target = Path(out_file)
    if target.exists() and not force:
        raise OutputError(f"{target} already exists", hint="use --force to replace it, or "
                                                          "choose another file name")
    if not target.parent.exists():
        raise OutputError(f"the folder {target.parent} does not exist",
                          hint="create it first or choose another place")
    atomic_write(target, text.encode("utf-8"))
    click.echo(f"wrote {target}: fill it in, then run 'plankit validate {target}'")


@cli.command()
@click.argument("kind")
def schema(kind) -> None:
    """Print the JSON Schema of a KIND's input (for editor completion)."""
    import json

    from plankit.kinds import get_kind

    model = get_kind(kind).load_model()
    click.echo(json.dumps(model.model_json_schema(), indent=2, sort_keys=True, default=str))


@cli.group()
def clauses() -> None:
    """Browse and check the clause library."""


@clauses.command("list")
@click.option("--kind", help="Only clauses for this document kind.")
@click.option("--topic", help="Only clauses on this topic.")
@clauses_option
def clauses_list(kind, topic, clause_dirs) -> None:
    """List clause ids with their titles."""
    from plankit.library import load_library

    lib = load_library(clause_dirs)
    rows = [c for c in (lib.clauses[i] for i in lib.ids())
            if (not kind or kind in c.meta.kinds) and (not topic or c.meta.topic == topic)]
    width = max((len(c.id) for c in rows), default=10)
    for c in rows:
        origin = "" if c.origin == "package" else f"  [{c.origin}]"
        click.echo(f"{c.id:<{width}}  {c.meta.version:<7} {c.meta.title}{origin}")
    if not rows:
        click.echo("no clauses match")


@clauses.command("show")
@click.argument("clause_id", metavar="ID")
@clauses_option
def clauses_show(clause_id, clause_dirs) -> None:
    """Show one clause: where it comes from, its parameters, citations and text."""
    from plankit.library import load_library

    lib = load_library(clause_dirs)
    c = lib.get(clause_id)
    m = c.meta
    click.echo(f"{m.id}  (version {m.version})\n{m.title}")
    if m.summary:
        click.echo(m.summary)
    click.echo(f"topic: {m.topic}   variant: {m.variant}   for: {', '.join(m.kinds)}")
    click.echo(f"file: {c.path}  ({'built-in' if c.origin == 'package' else 'from ' + c.origin})")
    if m.params:
        click.echo("\nparameters:")
        for name, spec in m.params.items():
            bits = [spec.type + (f" ({' | '.join(spec.choices)})" if spec.choices else "")]
            bits.append("required" if spec.required else f"default {spec.default!r}"
                        if spec.default is not None else "optional")
            click.echo(f"  {name}: {', '.join(bits)}" + (f" — {spec.help}" if spec.help else ""))
    if m.citations:
        click.echo("\ncitations:")
        for cit in m.citations:
            flag = "" if cit.verified else "  (to be confirmed by the reviewer)"
            as_of = f" (as of {cit.as_of})" if cit.as_of else ""
            click.echo(f"  {cit.title}: {cit.cite}{as_of}{flag}")
    if m.defines:
        click.echo("\ndefines: " + ", ".join(m.defines))
    if m.notes:
        click.echo("\ndrafter notes:")
        for note in m.notes:
            click.echo(f"  - {note}")
    click.echo("\n" + c.body.strip())


@clauses.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False), metavar="[DIR]")
def clauses_check(directory) -> None:
    """Lint the clause library, or a folder of your own clauses laid over it."""
    from plankit.library.lint import check_library

    problems, count = check_library(directory)
    for p in problems:
        click.echo(p)
    if problems:
        from plankit.errors import CheckFailed
        raise CheckFailed(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
                          f"{count} clause files")
    click.echo(f"ok: {count} clause files checked")


@cli.command()
def doctor() -> None:
    """Check this computer: PDF libraries, fonts and LibreOffice."""
    from plankit.doctor import run_doctor

    ok = run_doctor(click.echo)
    if not ok:
        from plankit.errors import EnvironmentProblem
        raise EnvironmentProblem("some features will not work here (see above)")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code. Never shows a traceback unless --debug."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="plankit", standalone_mode=False)
        return 0
    except PlankitError as exc:
        exc.show()
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo("aborted", err=True)
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug, not a user mistake
        if debug:
            import traceback
            traceback.print_exc()
        else:
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n"
                       "This is a bug in plankit, not in your file. Rerun with --debug and "
                       "report the output.", err=True)
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


_ = UsageError  # re-exported for callers that catch CLI usage problems
