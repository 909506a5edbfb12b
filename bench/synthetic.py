"""Synthetic reference documents for the benchmarks, built directly from the document model.

:func:`mou_document` is shaped like a data-sharing MOU of about twenty printed pages: twelve
numbered sections (some with subsections), about eighty paragraphs of realistic length with
defined terms in bold, a few cross-references and placeholders, two tables of fifteen rows with
header rows, two bulleted lists, a numbered list and a signature block for three parties.
``mou_document(copies=10)`` is the same mix ten times over, about two hundred pages.

:func:`sectioned_document` makes documents of ``n`` sections with the same content per
section, for measuring how rendering time and memory grow with document size.

Everything is deterministic: text is picked from fixed sentence lists by index arithmetic, so
the same call always gives the same tree (and the same rendered bytes).
"""

from __future__ import annotations

from plankit import document as d

__all__ = ["mou_document", "sectioned_document", "paragraph_count"]

# --------------------------------------------------------------------------- text material

_SENTENCES = (
    "The Agency will disclose only the minimum data elements needed to carry out the purposes "
    "described in this Memorandum, and the Recipient will not attempt to re-identify any "
    "individual from records that were disclosed in de-identified form.",
    "Each Party will designate a data custodian who is responsible for the day-to-day "
    "administration of the exchange, for keeping the list of authorized users current and for "
    "answering questions from the other Party within five business days.",
    "Records will be transmitted only through a secure file transfer protocol server that "
    "encrypts data in transit using TLS 1.2 or later, and files at rest will be encrypted with "
    "AES-256 or an equivalent standard approved by the Agency's information security office.",
    "Unemployment insurance wage records are confidential under 20 CFR Part 603 and may be "
    "disclosed only as that regulation allows; nothing in this Memorandum authorizes any use "
    "that the regulation does not permit.",
    "The Recipient will use the data solely to measure employment and earnings outcomes of "
    "participants in workforce programs, to prepare the performance reports required by "
    "section 116 of the Workforce Innovation and Opportunity Act and to evaluate program "
    "effectiveness.",
    "Access will be limited to employees and contractors of the Recipient who have a "
    "legitimate need to know, who have completed the Agency's confidentiality training within "
    "the previous twelve months and who have signed the confidentiality acknowledgment.",
    "Aggregate results may be published only when every reported cell represents at least ten "
    "individuals, and the Recipient will apply complementary suppression so that a suppressed "
    "value cannot be derived from totals or from other published tables.",
    "The Parties will meet at least once each quarter to review the exchange, to resolve any "
    "data quality issues and to consider changes to the file layout, the transmission schedule "
    "or the list of data elements.",
    "Either Party may request an amendment in writing; no amendment takes effect until it is "
    "signed by the authorized representatives of both Parties and attached to this Memorandum.",
    "The Recipient will keep an audit log of every access to the data, showing the user, the "
    "date and time and the records viewed, and will provide the log to the Agency within ten "
    "business days of a request.",
    "When the data are no longer needed for the purposes of this Memorandum, and in any case "
    "no later than the end of the retention period, the Recipient will destroy all copies and "
    "certify the destruction in writing.",
    "Nothing in this Memorandum obligates either Party to spend funds or to disclose data that "
    "the law prohibits it from disclosing, and each Party remains responsible for its own "
    "compliance with the laws that govern its records.",
    "Local workforce development boards, one-stop operators and their contracted service "
    "providers are not parties to this Memorandum and may receive data only under a separate "
    "agreement that meets the same requirements.",
    "Student records disclosed by the Education Partner are protected by the Family "
    "Educational Rights and Privacy Act, and are shared under its studies and audit or "
    "evaluation exceptions described in 34 CFR 99.31.",
    "The Agency may inspect the Recipient's facilities, systems and procedures for handling "
    "the data on reasonable notice, and the Recipient will correct any deficiency found within "
    "thirty days or a longer period the Agency agrees to in writing.",
    "Data files will follow the layout in the attached specification, with one record per "
    "participant per quarter, and the Agency will notify the Recipient at least sixty days "
    "before any change to the layout takes effect.",
    "The Recipient will match participant records using a hashed identifier produced with the "
    "salt and algorithm agreed in writing by the data custodians, and will not store Social "
    "Security numbers in its analytic environment.",
    "Each Party will bear its own costs of carrying out this Memorandum unless the Parties "
    "agree otherwise in a separate written cost reimbursement agreement.",
)

_TERMS = ("Confidential Data", "Authorized User", "Data Custodian", "Breach", "De-identified",
          "Participant", "Wage Record", "Secure Environment", "Disclosure", "Aggregate Data")

_SECTION_TITLES = (
    "Parties",
    "Purpose and scope",
    "Legal authority",
    "Definitions",
    "Data to be shared",
    "Permitted uses and disclosures",
    "Data security safeguards",
    "Confidentiality and redisclosure",
    "Breach notification",
    "Retention and destruction",
    "Term, amendment and termination",
    "Signatures",
)

_SUBSECTIONS = {  # section index -> titles of its numbered subsections
    6: ("Administrative safeguards", "Technical safeguards", "Physical safeguards"),
    8: ("Notice to the Agency", "Notice to individuals"),
    10: ("Term", "Termination for convenience", "Termination for cause"),
}

_PARAS_PER_SECTION = (5, 7, 6, 6, 5, 7, 3, 7, 4, 6, 3, 2)
"""Paragraphs directly under each numbered section (subsections add three each)."""

_PARAS_PER_SUBSECTION = 3


# --------------------------------------------------------------------------- helpers


def _text_of(i: int, sentences: int = 4) -> str:
    """Deterministic paragraph text: ``sentences`` sentences picked by index arithmetic."""
    n = len(_SENTENCES)
    return " ".join(_SENTENCES[(i * 7 + k * 5) % n] for k in range(sentences))


def _paragraph(i: int, *, sentences: int = 4, numbers: tuple[str, ...] = ()) -> d.Paragraph:
    """One paragraph with a little inline variety, decided by ``i`` alone.

    Every third paragraph opens with a defined term in bold, every seventh has an emphasized
    phrase, every ninth cross-references another section and every thirteenth holds a
    placeholder, as a composed MOU would.
    """
    inlines: list[d.Inline] = []
    if i % 3 == 0:
        inlines += [d.Text("“"), d.Strong((d.Text(_TERMS[i % len(_TERMS)]),)),
                    d.Text("” has the meaning given in this section. ")]
    inlines.append(d.Text(_text_of(i, sentences)))
    if i % 7 == 0:
        inlines += [d.Text(" This obligation applies "),
                    d.Emph((d.Text("notwithstanding any other provision"),)),
                    d.Text(" of this Memorandum.")]
    if i % 9 == 0 and numbers:
        target = numbers[i % len(numbers)]
        inlines += [d.Text(" See "), d.XRef(target=f"sec-{target}", label=f"Section {target}"),
                    d.Text(".")]
    if i % 13 == 0:
        inlines += [d.Text(" The Recipient will notify the Agency within "),
                    d.Placeholder(name="term.breach_notice_hours",
                                  prompt="hours allowed for breach notice"),
                    d.Text(".")]
    return d.Paragraph(children=tuple(inlines))


def _items(words: tuple[str, ...], start: int, count: int, cls=d.BulletList) -> d.Block:
    """A list of ``count`` one-paragraph items: "Word: first clause of a sentence."."""
    items = []
    for k in range(count):
        clause = _SENTENCES[(start + k) % len(_SENTENCES)].split(",")[0]
        text = f"{words[(start + k) % len(words)]}: {clause}."
        items.append(d.ListItem(children=(d.Paragraph(children=(d.Text(text),)),)))
    return cls(items=tuple(items))


def _row(*cells: str) -> d.TableRow:
    return d.TableRow(cells=tuple(d.TableCell(children=(d.Text(c),)) for c in cells))


_ELEMENTS = ("Hashed participant identifier", "Quarter of wages", "Employer FEIN",
             "Employer NAICS code", "Quarterly wages paid", "County of employment",
             "Program entry date", "Program exit date", "Credential attained",
             "Credential type", "Highest grade completed", "Enrollment status",
             "Barrier to employment flags", "Veteran status", "Date of birth (year only)",
             "Measurable skill gain type", "Training provider code")
_SOURCES = ("UI wage records", "WIOA case management", "Statewide longitudinal data system",
            "Community college student records")
_FREQ = ("Quarterly", "Monthly", "Annually", "On request")
_SENS = ("Confidential", "Restricted", "Internal", "Confidential (PII)")
_SCHEDULE = ("Raw transmission files", "Matched analytic file", "Audit logs",
             "Aggregate tables", "Access agreements", "Breach reports", "Data quality reports",
             "Hash salt and key material", "Backup media", "Working extracts",
             "Published reports", "Correspondence", "Training records", "Destruction "
             "certificates", "Layout specifications", "Evaluation datasets")


def _elements_table(rows: int = 15) -> d.Table:
    header = _row("Data element", "Source system", "Frequency", "Sensitivity")
    body = tuple(_row(_ELEMENTS[k % len(_ELEMENTS)], _SOURCES[k % len(_SOURCES)],
                      _FREQ[(k // 3) % len(_FREQ)], _SENS[(k * 3) % len(_SENS)])
                 for k in range(rows))
    return d.Table(header=header, rows=body, caption="Data elements shared under this MOU")


def _retention_table(rows: int = 15) -> d.Table:
    header = _row("Record", "Held by", "Retention period", "Destruction method")
    holders = ("Agency", "Recipient", "Both Parties")
    periods = ("90 days after matching", "3 years after the report", "6 years",
               "Until superseded", "1 year")
    methods = ("Secure deletion (NIST 800-88 purge)", "Cross-cut shredding",
               "Cryptographic erasure", "Return to the Agency")
    body = tuple(_row(_SCHEDULE[k % len(_SCHEDULE)], holders[k % 3], periods[k % 5],
                      methods[(k * 2) % 4]) for k in range(rows))
    return d.Table(header=header, rows=body, caption="Retention and destruction schedule")


def _signatures() -> d.SignatureBlock:
    return d.SignatureBlock(signatories=(
        d.Signatory(party="Ohio Department of Job and Family Services", name="Maria Delgado",
                    title="Director, Office of Workforce Development"),
        d.Signatory(party="Three Rivers Workforce Development Board", name="Samuel Okonkwo",
                    title="Executive Director"),
        d.Signatory(party="Ohio Department of Higher Education"),  # blank lines to fill
    ))


# --------------------------------------------------------------------------- documents


def mou_document(copies: int = 1) -> d.Document:
    """A data-sharing MOU of about twenty pages, numbered as plankit's passes number it.

    ``copies`` repeats the eleven sections before the signatures that many times (numbered
    on, with fresh paragraph text), for a document ``copies`` times as long: 10 gives about
    two hundred pages with the same mix of content.
    """
    body_titles = _SECTION_TITLES[:-1]
    count = len(body_titles) * copies + 1
    numbers = tuple(str(i + 1) for i in range(count))
    para = 0
    sections = []
    for i in range(count):
        s = i % len(body_titles) if i < count - 1 else len(_SECTION_TITLES) - 1
        title = _SECTION_TITLES[s]
        number = numbers[i]
        blocks: list[d.Block] = []
        for _ in range(_PARAS_PER_SECTION[s]):
            blocks.append(_paragraph(para, sentences=2 + para % 2, numbers=numbers))
            para += 1
        if s == 1:
            blocks.append(_items(("Purpose", "Scope", "Outcome", "Report", "Evaluation"), 0, 5))
        if s == 3:
            blocks.append(_items(_TERMS, 0, 8))
        if s == 4:
            blocks.append(_elements_table())
        if s == 5:
            blocks.append(_items(("Use", "Disclosure", "Report", "Study"), 3, 4,
                                 cls=d.OrderedList))
        if s == 9:
            blocks.append(_retention_table())
        if s == 7:
            blocks.append(d.Note(children=(d.Text(
                "Confirm with counsel whether the state's public records law requires "
                "different redisclosure language."),)))
        for k, sub in enumerate(_SUBSECTIONS.get(s, ())):
            sub_blocks = []
            for _ in range(_PARAS_PER_SUBSECTION):
                sub_blocks.append(_paragraph(para, sentences=2 + para % 2, numbers=numbers))
                para += 1
            sub_number = f"{number}.{k + 1}"
            sub_id = "sec-" + sub_number.replace(".", "-")
            blocks.append(d.Section(title=(d.Text(sub),), children=tuple(sub_blocks),
                                    number=sub_number, attrs=d.Attrs(id=sub_id)))
        if s == len(_SECTION_TITLES) - 1:
            blocks.append(_signatures())
        sections.append(d.Section(title=(d.Text(title),), children=tuple(blocks), number=number,
                                  attrs=d.Attrs(id=f"sec-{number}")))
    return d.Document(
        title="Data-Sharing Memorandum of Understanding",
        subtitle="Ohio Department of Job and Family Services and Three Rivers Workforce "
                 "Development Board",
        kind="mou-data-sharing",
        subject="Exchange of UI wage records and education records for WIOA performance",
        author="Ohio Department of Job and Family Services",
        date="2026-03-02",
        children=tuple(sections),
    )


def sectioned_document(n: int) -> d.Document:
    """A document of ``n`` numbered sections with the same amount of content in each.

    Each section holds three two-sentence paragraphs; every fifth section adds a three-item bulleted
    list and every tenth a six-row table, so content per section is constant on average and
    rendering cost should grow linearly with ``n``. The last section holds the signatures.
    """
    numbers = tuple(str(i + 1) for i in range(n))
    sections = []
    for s in range(n):
        blocks: list[d.Block] = [_paragraph(s * 3 + k, sentences=2, numbers=numbers)
                                 for k in range(3)]
        if s % 5 == 4:
            blocks.append(_items(_TERMS, s, 3))
        if s % 10 == 9:
            blocks.append(_elements_table(rows=6))
        if s == n - 1:
            blocks.append(_signatures())
        title = _SECTION_TITLES[s % len(_SECTION_TITLES)]
        sections.append(d.Section(title=(d.Text(title),), children=tuple(blocks),
                                  number=numbers[s], attrs=d.Attrs(id=f"sec-{numbers[s]}")))
    return d.Document(title=f"Synthetic document with {n} sections", kind="mou-data-sharing",
                      date="2026-03-02", children=tuple(sections))


def paragraph_count(doc: d.Document) -> int:
    """Paragraphs in the tree (list items and table cells not counted)."""
    count = 0
    for node in d.walk(doc):
        if isinstance(node, d.Paragraph):
            count += 1
        elif isinstance(node, d.ListItem):
            count -= sum(isinstance(c, d.Paragraph) for c in node.children)
    return count
