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

FORMATS_HELP = ("Output formats, comma-separated: docx, pdf, html, md, typ (Typst markup), "
                "and memo (the review memo as DOCX) or memo-md (as Markdown).")

_state = {"debug": False}


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="plankit")
@click.option("--debug", is_flag=True, help="Show internal details and tracebacks.")
@click.option("-v", "--verbose", is_flag=True,
              help="Under each error, also show its technical details (such as the YAML "
                   "parser's own words).")
@click.option("-q", "--quiet", is_flag=True, help="Show only errors.")
def cli(debug: bool, verbose: bool, quiet: bool) -> None:
    """Draft workforce plan sections, data-sharing MOUs and job-quality procurement
    language from a YAML or JSON input file.

    \b
    Start here:
      plankit new procurement -o my-rfp.yaml     write a starter input to fill in
      plankit validate my-rfp.yaml               check it
      plankit build my-rfp.yaml -o out/          make DOCX, PDF, HTML and Markdown
    """
    from plankit.errors import SHOW_DETAIL
    from plankit.log import setup

    SHOW_DETAIL[0] = verbose or debug
    _state["debug"] = debug
    _state["handler"] = setup(debug=debug, quiet=quiet)


rules_option = click.option(
    "--rules", "rules_files", multiple=True, metavar="FILE",
    help="A file of domain rules (thresholds, program rules) that changes or adds to "
         "plankit's own (repeatable).")

clauses_option = click.option(
    "--clauses", "clause_dirs", multiple=True, metavar="DIR",
    help="A folder of your own clauses, searched before the built-in library (repeatable).")


pdf_engine_option = click.option(
    "--pdf-engine", "pdf_engine", metavar="ENGINE",
    help="What typesets the PDF: weasyprint (the default; --css styles it) or typst (many "
         "times faster for long documents and batches; needs pip install 'plankit[typst]'). "
         "Overrides the input's options.pdf_engine.")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder for the output files (created if needed).")
@click.option("-f", "--format", "formats", default="docx,pdf,html,md", show_default=True,
              metavar="FORMATS", help=FORMATS_HELP)
@click.option("--strict", is_flag=True, help="Fail if any fact is still a placeholder.")
@click.option("--final", is_flag=True,
              help="Build the final copy: only the document, with no review notes, marks or "
                   "checklist (as 'draft: false' does); refused while a fact is missing.")
@click.option("--memo", is_flag=True,
              help="Also write the review memo for counsel (NAME.memo.docx and "
                   "NAME.memo.md): every missing fact, note, warning and rule checked.")
@clauses_option
@click.option("--force", is_flag=True,
              help="Replace output files that plankit did not write (or that were edited).")
@click.option("--reference-docx", "reference_docx", metavar="FILE",
              help="Take the DOCX styles (fonts, colours, headings, page setup, header and "
                   "footer) from your agency's own Word file.")
@click.option("--css", "css_file", metavar="FILE",
              help="Add your own print styles (a .css file) to the PDF and HTML.")
@pdf_engine_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="For an input with a batch: block, build N documents at a time "
                   "(default: one per CPU).")
@rules_option
def build(inputs, out_dir, formats, strict, final, memo, clause_dirs, force, reference_docx,
          css_file, pdf_engine, jobs, rules_files) -> None:
    """Build each INPUT file into DIR/<name>.<format>."""
    from plankit import api
    from plankit.console import Progress

    fmts = api.parse_formats(formats)
    if memo:
        fmts += [f for f in ("memo", "memo-md") if f not in fmts]
    render_options = api.branding_options(reference_docx, css_file, pdf_engine)
    api.check_branding(fmts, render_options)
    lib = api.load_library(clause_dirs)
    rules = api.load_rules(rules_files) if rules_files else ()  # else loaded when needed
    failed = 0
    for path in inputs:  # one bad file does not stop (or undo) the others
        try:
            api.build([path], out_dir, fmts, strict=strict, force=force, library=lib,
                      report=path == inputs[0], render_options=render_options, jobs=jobs,
                      rules=rules, final=final, reporter=Progress())
        except PlankitError as exc:
            if len(inputs) == 1:
                raise
            failed += 1
            exc.show()
            continue
    if failed:
        click.echo(f"{failed} of {len(inputs)} files failed; the others were written", err=True)
        raise SystemExit(1)


@cli.command()
@click.argument("old", metavar="OLD")
@click.argument("new", required=False, metavar="[NEW]")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Folder for the output files (created if needed).")
@click.option("-f", "--format", "formats", default="docx,pdf,html,md", show_default=True,
              metavar="FORMATS", help="Formats of the redline, comma-separated: docx, pdf, "
                                      "html, md.")
@click.option("--old-clauses", "old_clause_dirs", multiple=True, metavar="DIR",
              help="Build the older side with the clauses in DIR (repeatable): with one "
                   "INPUT, compares it built with these clauses and with the current ones.")
@clauses_option
@click.option("--summary", type=click.Choice(["md", "json"]), default=None,
              help="Also write the change summary as NAME.changes.md or NAME.changes.json.")
@click.option("--as", "as_", type=click.Choice(["redline", "amendment"]), default="redline",
              show_default=True,
              help="'amendment' drafts a numbered amendment to an MOU instead of a redline.")
@click.option("--force", is_flag=True,
              help="Replace output files that plankit did not write (or that were edited).")
@click.option("--reference-docx", "reference_docx", metavar="FILE",
              help="Take the DOCX styles from your agency's own Word file.")
@click.option("--css", "css_file", metavar="FILE",
              help="Add your own print styles (a .css file) to the PDF and HTML.")
@pdf_engine_option
def compare(old, new, out_dir, formats, old_clause_dirs, clause_dirs, summary, as_, force,
            reference_docx, css_file, pdf_engine) -> None:
    """Compare two versions of a document: a redline with tracked changes and a change
    summary.

    \b
    OLD and NEW are two input files of the same kind, or give one INPUT and --old-clauses
    DIR to see what a new version of the clause library changes in it. Writes
    DIR/<NEW name>.redline.<format> (or .amendment.<format> with --as amendment).
    """
    from plankit import api

    fmts = api.parse_formats(formats)
    options = api.branding_options(reference_docx, css_file, pdf_engine)
    api.check_branding(fmts, options)
    result = api.compare(old, new, out_dir=out_dir, formats=fmts,
                            clause_dirs=clause_dirs, old_clause_dirs=old_clause_dirs,
                            summary=summary or "", as_amendment=as_ == "amendment",
                            force=force, render_options=options)
    for written in result.written:
        click.echo(f"wrote {written}")
    click.echo(f"changes: {result.summary.counts()}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--strict", is_flag=True,
              help="Treat open placeholders and content warnings as errors.")
@click.option("--report", is_flag=True,
              help="Print the review checklist: every missing fact, drafter note and "
                   "warning, with its section.")
@clauses_option
@rules_option
def validate(inputs, strict, report, clause_dirs, rules_files) -> None:
    """Check INPUT files (fields, clause ids, parameters) without writing anything."""
    from plankit import api
    from plankit.console import validate_lines

    lib = api.load_library(clause_dirs)  # a bad --clauses folder is a usage error, once
    rules = api.load_rules(rules_files) if rules_files else ()
    failed = 0
    for path in inputs:
        try:
            drafts = api.validate([path], strict=strict, library=lib,
                                  report=path == inputs[0], rules=rules)
        except PlankitError as exc:
            failed += 1
            exc.show()
            continue
        for dr in drafts:
            click.echo("\n".join(validate_lines(dr, report)))
    if failed:
        raise SystemExit(1)


@cli.command()
@click.argument("kind", required=False)
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the starter to FILE instead of printing it.")
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option("--plan", "plan", metavar="TYPE",
              help="For plan-section: the plan type, e.g. wioa-state ('plankit plans' lists "
                   "them).")
def new(kind, out_file, force, plan) -> None:
    """Print a commented starter input for a document KIND."""
    from plankit import api
    from plankit.console import kinds_text

    if not kind:
        click.echo(kinds_text(api.kinds()))
        return
    text = api.starter(kind, plan)
    if not out_file:
        click.echo(text, nl=False)
        return
    target = Path(out_file)
    api.write_new(target, text, force)
    click.echo(f"wrote {target}: fill it in, then run 'plankit validate {target}'")


@cli.command()
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list, one object per plan type, for scripts.")
def plans(as_json) -> None:
    """List the plan types a plan-section can be drafted for, with the status of the
    program behind each (active, changed, suspended or terminated) as of a date."""
    from plankit import api
    from plankit.console import plans_text

    rows = api.plan_types()
    if as_json:
        import json
        click.echo(json.dumps(rows, indent=2))
        return
    click.echo(plans_text(rows))


@cli.group()
def rules() -> None:
    """Show the domain rules: procurement rules and the state prevailing wage table."""


@rules.command("list")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object with the rules and the state table, for scripts.")
@click.option("--state", metavar="XX", help="Only this state's row of the table, in full.")
@rules_option
def rules_list(as_json, state, rules_files) -> None:
    """List the procurement rules in force and the state prevailing wage table."""
    from plankit import api

    listing = api.rules_listing(rules_files, state, as_json=as_json)
    if as_json:
        import json
        click.echo(json.dumps(listing, indent=2))
        return
    click.echo(listing)


@cli.command()
@click.argument("kind")
def schema(kind) -> None:
    """Print the JSON Schema of a KIND's input (for editor completion). Any field that can
    be left open also accepts the open value, [to be set]. 'plankit schema export' prints
    the schema of the obligations export (-f json); 'plankit schema profile', that of an
    organisation profile."""
    import json

    from plankit import api

    click.echo(json.dumps(api.input_schema(kind), indent=2, sort_keys=True, default=str))


@cli.group()
def clauses() -> None:
    """Browse and check the clause library."""


@clauses.command("list")
@click.option("--kind", help="Only clauses for this document kind.")
@click.option("--topic", help="Only clauses on this topic.")
@click.option("--variant", help="Only this variant: require, incentivize, encourage, ...")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list, one object per clause, for scripts.")
@clauses_option
def clauses_list(kind, topic, variant, as_json, clause_dirs) -> None:
    """List clauses (id, version, title), grouped by topic."""
    from plankit import api
    from plankit.console import clause_json, clause_list_text

    rows = api.clauses(clause_dirs, kind=kind, topic=topic, variant=variant)
    if as_json:
        import json
        click.echo(json.dumps([clause_json(c) for c in rows], indent=2, default=str))
        return
    click.echo(clause_list_text(rows))


@clauses.command("show")
@click.argument("clause_id", metavar="ID")
@click.option("--source", is_flag=True,
              help="Print the clause's template text instead of the rendered example.")
@click.option("--minimal", is_flag=True,
              help="Render with only the required parameters (shows what is left blank).")
@clauses_option
def clauses_show(clause_id, source, minimal, clause_dirs) -> None:
    """Show one clause: parameters, citations, notes and its text with example values."""
    from plankit import api
    from plankit.console import clause_text

    c, lib = api.clause(clause_id, clause_dirs)
    click.echo(clause_text(c))
    if source:
        click.echo("\ntemplate text:\n\n" + c.body.strip())
        return
    which = "required parameters only" if minimal else "example values"
    text = api.clause_preview(c, lib, minimal)
    click.echo(f"\ntext with {which} (--source shows the template):\n")
    click.echo(text)


@clauses.command("catalog")
@click.option("-o", "--out", "out_file", required=True, type=click.Path(dir_okay=False),
              metavar="FILE", help="Where to write the catalog: a .docx, .pdf, .html or .md "
                                   "file.")
@click.option("--topic", help="Only clauses on this topic.")
@click.option("--kind", help="Only clauses for this document kind.")
@click.option("--force", is_flag=True, help="Replace FILE even if plankit did not write it.")
@click.option("--changed-since", "since", type=click.DateTime(formats=["%Y-%m-%d"]),
              metavar="DATE", help="Only clauses whose wording changed on or after DATE "
                                   "(YYYY-MM-DD), after a list of those changes.")
@clauses_option
def clauses_catalog(out_file, topic, kind, force, since, clause_dirs) -> None:
    """Write a browsable catalog of the clause library, grouped by topic."""
    from plankit import api

    target = api.write_catalog(Path(out_file), clause_dirs, topic=topic, kind=kind,
                               force=force, since=since.date() if since else None)
    click.echo(f"wrote {target}")


@clauses.command("diff")
@click.argument("clause_id", metavar="ID")
@click.option("--from", "from_version", metavar="VERSION",
              help="Compare with this earlier version, kept in the clause folder's history/.")
@click.option("--old-clauses", "old_clause_dirs", multiple=True, metavar="DIR",
              help="Compare with the clause as it is in DIR (repeatable).")
@click.option("--source", is_flag=True,
              help="Compare the template text instead of the text with example values.")
@click.option("--minimal", is_flag=True,
              help="Render with only the required parameters.")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write the redline to FILE (.docx, .pdf, .html or .md) instead of "
                   "printing it.")
@click.option("--force", is_flag=True, help="Replace FILE even if plankit did not write it.")
@clauses_option
def clauses_diff(clause_id, from_version, old_clause_dirs, source, minimal, out_file, force,
                 clause_dirs) -> None:
    """Show how a clause's wording changed: from an earlier VERSION, or from another
    clause folder. Changes are marked {--removed--} and {++added++}."""
    from plankit import api

    result = api.diff_clause(clause_id, from_version=from_version, old_clause_dirs=old_clause_dirs,
                         clause_dirs=clause_dirs, minimal=minimal)
    if out_file:
        click.echo(f"wrote {api.write_document(Path(out_file), result.document, force)}")
        return
    if source:
        click.echo(f"{clause_id}: version {result.old.meta.version} → "
                   f"{result.new.meta.version} (template text)\n")
        click.echo(api.source_redline(result.old, result.new))
        return
    click.echo(api.render(result.document, "md").decode("utf-8").strip())


@clauses.command("check")
@click.argument("directory", required=False, type=click.Path(file_okay=False), metavar="[DIR]")
def clauses_check(directory) -> None:
    """Lint the clause library, or a folder of your own clauses laid over it."""
    from plankit import api

    problems, count = api.check_clauses(directory)
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
    from plankit import api

    ok = api.doctor(click.echo)
    if not ok:
        from plankit.errors import EnvironmentProblem
        raise EnvironmentProblem("some features will not work here (see above)")


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than this computer's is warned about.")
@click.option("--open", "open_browser", is_flag=True, help="Open the form in a browser.")
def serve(port, host, open_browser) -> None:
    """Fill in an input in a web form on this computer, preview it and download it."""
    from plankit.web.server import serve as run

    run(host, port, open_browser)


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
