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
    from plankit.library import load_library

    fmts = api.parse_formats(formats)
    if memo:
        fmts += [f for f in ("memo", "memo-md") if f not in fmts]
    render_options = api.branding_options(reference_docx, css_file, pdf_engine)
    api.check_branding(fmts, render_options)
    lib = load_library(clause_dirs)
    rules = ()
    if rules_files:  # the package's own rules load only when a procurement input needs them
        from plankit.rules import load_rules
        rules = load_rules(rules_files)
    failed = 0
    for path in inputs:  # one bad file does not stop (or undo) the others
        try:
            result = api.build([path], out_dir, fmts, strict=strict, force=force, library=lib,
                               report=path == inputs[0], render_options=render_options,
                               jobs=jobs, rules=rules, final=final)
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
    from plankit.compare.build import compare_inputs

    fmts = api.parse_formats(formats)
    options = api.branding_options(reference_docx, css_file, pdf_engine)
    api.check_branding(fmts, options)
    result = compare_inputs(old, new, out_dir=out_dir, formats=fmts,
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
    from plankit.errors import PlankitError as _Err

    failed = 0
    lib = None
    rules: object = ()
    for path in inputs:
        try:
            from plankit.library import load_library
            lib = lib or load_library(clause_dirs)
            if rules_files and not rules:
                from plankit.rules import load_rules
                rules = load_rules(rules_files)
            drafts = api.validate([path], strict=strict, library=lib,
                                  report=path == inputs[0], rules=rules)
        except _Err as exc:
            failed += 1
            exc.show()
            continue
        for dr in drafts:
            ph = dr.document.placeholders
            facts = len(api.placeholder_lines(ph))  # one per fact, wherever it appears
            status = f"{facts} placeholder{'s' if facts != 1 else ''} to fill" if ph else \
                "complete"
            warned = f"; {len(dr.findings)} warning{'s' if len(dr.findings) != 1 else ''}" \
                if dr.findings else ""
            click.echo(f"{dr.name}: ok ({dr.document.kind}; {status}{warned})")
            if report:
                click.echo(review_report(dr))
                continue
            for line in api.finding_lines(dr):
                click.echo(f"  warning: {line}")
            lines = api.placeholder_lines(ph, dr.document.kind)
            for line in lines[:20]:
                click.echo(f"  {line}")
            if len(lines) > 20:
                click.echo(f"  … and {len(lines) - 20} more")
    if failed:
        raise SystemExit(1)


def review_report(dr) -> str:
    """The review checklist of one draft as plain text for the terminal: the same items as
    the review memo."""
    from plankit import api

    doc = dr.document
    out = [f"\nReview checklist for {dr.name} ({doc.title})"]
    facts = api.placeholder_lines(doc.placeholders, doc.kind)
    out.append(f"\nFacts still to supply ({len(facts)}):")
    out.extend(f"  {line}" for line in facts or ["none"])
    notes = [r for r in doc.review if r.kind in ("note", "example")]
    out.append(f"\nDrafter notes to check ({len(notes)}):")
    out.extend(f"  section {r.section}: {r.text}" if r.section else f"  (general) {r.text}"
               for r in notes)
    if not notes:
        out.append("  none")
    out.append(f"\nWarnings about the content ({len(dr.findings)}):")
    out.extend(f"  {line}" for line in api.finding_lines(dr) or ["none"])
    confirm = [c for c in doc.checks if c.confirm]
    if confirm:
        out.append(f"\nRules to confirm ({len(confirm)}):")
        out.extend(f"  {c.title}: {c.confirm}" for c in confirm)
    if dr.model is not None:
        out.extend(dr.model.report_lines(doc))
    return "\n".join(out)


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
    from plankit.kinds import KINDS, get_kind
    from plankit.paths import STARTERS_DIR

    if not kind:
        click.echo("Document kinds:")
        for k in KINDS.values():
            click.echo(f"  {k.name:<18} {k.summary}")
        click.echo(f"  {'profile':<18} Organisation profile that inputs name with "
                   "'profile: FILE'")
        click.echo("\nRun 'plankit new KIND -o FILE.yaml' to start one. For a plan-section, "
                   "add --plan TYPE ('plankit plans' lists the plan types).")
        return
    if kind == "profile":  # an organisation profile, named from inputs (plankit.profiles)
        text = (STARTERS_DIR / "profile.yaml").read_text("utf-8")
    elif plan is not None:
        from plankit.models.plan.starter import starter_for
        text = starter_for(get_kind(kind).name, plan)
    else:
        text = (STARTERS_DIR / f"{get_kind(kind).name}.yaml").read_text("utf-8")
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
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list, one object per plan type, for scripts.")
def plans(as_json) -> None:
    """List the plan types a plan-section can be drafted for, with the status of the
    program behind each (active, changed, suspended or terminated) as of a date."""
    from plankit.models.plan.registry import plan_listing

    rows = plan_listing()
    if as_json:
        import json
        click.echo(json.dumps(rows, indent=2))
        return
    import textwrap
    click.echo(f"{'ID':<26} {'STATUS':<11} PLAN TYPE (elements as of)")
    for r in rows:
        click.echo(f"{r['id']:<26} {r['status'] or '-':<11} {r['name']} (as of {r['as_of']})")
        for label in ("program", "agency", "frequency"):
            click.echo(textwrap.fill(f"{label}: {r[label]}", width=98, initial_indent=" " * 39,
                                     subsequent_indent=" " * 41))
        if r["status"]:
            since = f" since {r['status_since']}" if r["status_since"] else ""
            checked = "" if r["status_verified"] else ", not verified"
            click.echo(textwrap.fill(
                f"status: {r['status_label'].lower()}{since} (checked {r['status_as_of']}"
                f"{checked}; source: {r['status_source']})", width=98,
                initial_indent=" " * 39, subsequent_indent=" " * 41))
    click.echo("\nRun 'plankit new plan-section --plan ID -o FILE.yaml' to start one.")


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
    from plankit.models.common import STATES
    from plankit.rules import load_rules
    from plankit.rules.listing import rules_data, rules_text

    code = state.strip().upper() if state else None
    if code is not None and code not in STATES:
        raise UsageError(f"--state '{state}' is not a state, the District of Columbia or a "
                         "territory", hint="use a two-letter postal code such as PA or WA")
    book = load_rules(rules_files)
    if as_json:
        import json
        click.echo(json.dumps(rules_data(book, code), indent=2))
        return
    click.echo(rules_text(book, code))


@cli.command()
@click.argument("kind")
def schema(kind) -> None:
    """Print the JSON Schema of a KIND's input (for editor completion). Any field that can
    be left open also accepts the open value, [to be set]. 'plankit schema export' prints
    the schema of the obligations export (-f json); 'plankit schema profile', that of an
    organisation profile."""
    import json

    from plankit.profiles import special_schema

    special = special_schema(kind)
    if special is not None:
        click.echo(json.dumps(special, indent=2, ensure_ascii=False))
        return
    from plankit.kinds import get_kind

    from plankit.models.open import schema_with_open

    model = get_kind(kind).load_model()
    click.echo(json.dumps(schema_with_open(model), indent=2, sort_keys=True, default=str))


@cli.group()
def clauses() -> None:
    """Browse and check the clause library."""


def _clause_json(c) -> dict:
    m = c.meta
    return {
        "id": m.id, "title": m.title, "topic": m.topic, "variant": m.variant,
        "kinds": list(m.kinds), "version": m.version, "summary": m.summary,
        "origin": c.origin,
        "params": {name: {"type": spec.type, "required": spec.required, "default": spec.default,
                          "choices": spec.choices, "help": spec.help, "example": spec.example}
                   for name, spec in m.params.items()},
        "citations": [{"title": x.title, "source": x.source, "section": x.section,
                       "cite": x.cite, "url": x.url,
                       "as_of": x.as_of.isoformat() if x.as_of else None,
                       "verified": x.verified} for x in m.citations],
    }


@clauses.command("list")
@click.option("--kind", help="Only clauses for this document kind.")
@click.option("--topic", help="Only clauses on this topic.")
@click.option("--variant", help="Only this variant: require, incentivize, encourage, ...")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list, one object per clause, for scripts.")
@clauses_option
def clauses_list(kind, topic, variant, as_json, clause_dirs) -> None:
    """List clauses (id, version, title), grouped by topic."""
    from plankit.library import load_library
    from plankit.library.topics import topic_order, topic_title

    lib = load_library(clause_dirs)
    everything = [lib.clauses[i] for i in lib.ids()]
    _known_value("--kind", kind, {k for c in everything for k in c.meta.kinds})
    _known_value("--topic", topic, {c.meta.topic for c in everything})
    _known_value("--variant", variant, {c.meta.variant for c in everything})
    rows = [c for c in everything
            if (not kind or kind in c.meta.kinds) and (not topic or c.meta.topic == topic)
            and (not variant or c.meta.variant == variant)]
    rows.sort(key=lambda c: (topic_order(c.meta.topic), c.id))
    if as_json:
        import json
        click.echo(json.dumps([_clause_json(c) for c in rows], indent=2, default=str))
        return
    if not rows:
        click.echo("no clauses match")
        return
    width = max(len(c.id) for c in rows)
    current = None
    for c in rows:
        if c.meta.topic != current:
            current = c.meta.topic
            click.echo(("" if c is rows[0] else "\n") + f"{topic_title(current)} ({current})")
        origin = "" if c.origin == "package" else f"  [{c.origin}]"
        click.echo(f"  {c.id:<{width}}  {c.meta.version:<7} {c.meta.title}{origin}")
    click.echo(f"\n{len(rows)} clause{'s' if len(rows) != 1 else ''}; "
               "'plankit clauses show ID' shows one")


def _known_value(option: str, value: str | None, known: set[str]) -> None:
    """A filter value nothing has is probably a typo: say so instead of listing nothing."""
    if value is None or value in known:
        return
    import difflib

    from plankit.errors import UsageError
    close = difflib.get_close_matches(value, sorted(known), n=1)
    raise UsageError(f"{option} '{value}' matches no clause",
                     hint=(f"did you mean '{close[0]}'? " if close else "")
                     + "values in the library: " + ", ".join(sorted(known)))


@clauses.command("show")
@click.argument("clause_id", metavar="ID")
@click.option("--source", is_flag=True,
              help="Print the clause's template text instead of the rendered example.")
@click.option("--minimal", is_flag=True,
              help="Render with only the required parameters (shows what is left blank).")
@clauses_option
def clauses_show(clause_id, source, minimal, clause_dirs) -> None:
    """Show one clause: parameters, citations, notes and its text with example values."""
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
            if spec.example is not None:
                bits.append(f"example {spec.example!r}")
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
    if source:
        click.echo("\ntemplate text:\n\n" + c.body.strip())
        return
    from plankit.api import render
    from plankit.library.preview import preview

    doc = preview(c, lib, "minimal" if minimal else "example")
    which = "required parameters only" if minimal else "example values"
    click.echo(f"\ntext with {which} (--source shows the template):\n")
    click.echo(render(doc, "md").decode("utf-8").strip())


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
    from plankit.api import render
    from plankit.library import load_library
    from plankit.library.catalog import build_catalog
    from plankit.outputs import OutputFolder, ensure_dir
    from plankit.render import get_format

    target = Path(out_file)
    if target.suffix.lower() not in (".docx", ".pdf", ".html", ".md"):
        from plankit.errors import UsageError
        raise UsageError(f"cannot tell the format of '{target.name}' from its ending",
                         hint="name the file .docx, .pdf, .html or .md, e.g. -o catalog.pdf")
    fmt = get_format(target.suffix).name
    lib = load_library(clause_dirs)
    everything = [lib.clauses[i] for i in lib.ids()]
    _known_value("--kind", kind, {k for c in everything for k in c.meta.kinds})
    _known_value("--topic", topic, {c.meta.topic for c in everything})
    doc = build_catalog(lib, topic=topic, kind=kind, since=since.date() if since else None)
    data = render(doc, fmt)
    ensure_dir(target.parent if str(target.parent) else Path("."))
    folder = OutputFolder(target.parent)
    folder.check(target, force)
    folder.write(target, data)
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
    from plankit.api import render
    from plankit.compare.clauses import diff_clause, source_redline

    result = diff_clause(clause_id, from_version=from_version, old_clause_dirs=old_clause_dirs,
                         clause_dirs=clause_dirs, minimal=minimal)
    if out_file:
        from plankit.compare.build import write_document
        click.echo(f"wrote {write_document(Path(out_file), result.document, force)}")
        return
    if source:
        click.echo(f"{clause_id}: version {result.old.meta.version} → "
                   f"{result.new.meta.version} (template text)\n")
        click.echo(source_redline(result.old, result.new))
        return
    click.echo(render(result.document, "md").decode("utf-8").strip())


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
