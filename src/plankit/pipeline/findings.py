"""What a draft leaves to do, as lines for messages: its content warnings and the facts
still missing (placeholders); under --strict, and in a final copy, they stop the build."""

from __future__ import annotations

from plankit.errors import CheckFailed
from plankit.pipeline.draft import Draft


def finding_lines(dr: Draft) -> list[str]:
    """One line per domain-rule warning: ``line N: field.path: message — fix``."""
    from plankit.labels import where as in_document
    from plankit.inputs.validation import format_path

    data = dr.loaded.data if isinstance(dr.loaded.data, dict) else {}
    kind = str(data.get("kind", ""))
    out = []
    for f in dr.findings:
        # a finding about a field the input leaves out has no line of its own: name the
        # line of its nearest parent that is written, never the top of the file
        known = any(tuple(f.path[:n]) in dr.loaded.lines for n in range(len(f.path), 0, -1))
        line = dr.loaded.line_of(f.path) if f.path and known else None
        at = f"line {line}: " if line else ""
        where = f"{format_path(f.path)}: " if f.path else ""
        fix = f" — {f.fix}" if f.fix else ""
        src = f" [{f.source}]" if f.source else ""
        tail = in_document(kind, tuple(f.path), data) if f.path else ""
        out.append(f"{at}{where}{f.message}{fix}{src}{tail}")
    return out


def check_findings(dr: Draft, strict: bool) -> list[str]:
    """The draft's content warnings as lines to show (``name: line N: field: message``);
    under --strict they are an error."""
    if not dr.findings:
        return []
    lines = finding_lines(dr)
    n = len(lines)
    if strict:
        raise CheckFailed(f"{n} warning{'s' if n != 1 else ''} about the content and --strict "
                          "is on:", file=dr.loaded.name, problems=lines,
                          hint="correct the input, or build without --strict to get a draft "
                               "with these warnings")
    return [f"{dr.loaded.name}: {text}" for text in lines]


def check_placeholders(dr: Draft, strict: bool) -> list[str]:
    """The line to show about open placeholders (none when every fact is in); under
    --strict, and in a final copy, they are an error."""
    ph = dr.document.placeholders
    if not ph:
        return []
    lines = placeholder_lines(ph, dr.document.kind)
    if dr.document.final:
        raise CheckFailed(f"the final copy cannot be made: {len(lines)} fact"
                          f"{'s are' if len(lines) != 1 else ' is'} still missing:",
                          file=dr.name, problems=lines,
                          hint="add them to the input file, or build the review copy (leave "
                               "out --final and keep 'draft: true') to see them marked in "
                               "the text")
    if strict:
        raise CheckFailed(f"{len(lines)} fact{'s are' if len(lines) != 1 else ' is'} still "
                          "missing (placeholders) and --strict is on:", file=dr.name,
                          problems=lines,
                          hint="add them to the input file, or build without --strict to get "
                               "a draft with visible placeholders")
    n = len(lines)
    return [f"{dr.name}: {n} placeholder{'s' if n != 1 else ''} to fill before this draft is "
            "final (shown in brackets; 'plankit validate' lists them)"]


def placeholder_lines(placeholders, kind: str = "") -> list[str]:
    """One line per missing fact, with every section it appears in (and, given the
    document's ``kind``, where the field sits in the document's own words)."""
    from plankit.labels import label, parse

    merged: dict[str, list[str]] = {}
    prompts: dict[str, str] = {}
    for p in placeholders:
        key = p.name or p.prompt  # one line per field, whatever each clause calls it
        prompts.setdefault(key, p.prompt)
        sections = merged.setdefault(key, [])
        if p.section and p.section not in sections:
            sections.append(p.section)
    out = []
    for key, sections in merged.items():
        name, prompt = key, prompts[key]
        where = ("sections " + ", ".join(sections)) if len(sections) > 1 else \
            ("section " + sections[0] if sections else "title")
        if sections == ["input"]:
            where = "left open, not printed in the text"
        where_in = label(kind, parse(name)) if kind and name != prompt else ""
        field = (f" — {name}" + (f" (in the document: {where_in})" if where_in else "")) \
            if name and name != prompt else ""
        out.append(f"{where}: [{prompt}]{field}")
    return out
