"""From inputs to files: ``expand`` an input into jobs (one per document to write: the
file itself, or each row of its batch), then ``build_group`` drafts, renders and writes
them, one at a time or on a pool of worker processes (:mod:`.pool`), each job's files whole
or not at all (:mod:`.write`)."""

from plankit.pipeline.check import check_group, check_rows
from plankit.pipeline.draft import (Draft, draft, linked_documents, read_input, report_library,
                                    rule_book)
from plankit.pipeline.findings import (check_findings, check_placeholders, finding_lines,
                                       placeholder_lines)
from plankit.pipeline.jobs import Group, Job, expand
from plankit.pipeline.run import (BatchFailed, GroupResult, Outcome, Reporter, build_group,
                                  document_files)

__all__ = ["BatchFailed", "Draft", "Group", "GroupResult", "Job", "Outcome", "Reporter",
           "build_group", "check_findings", "check_group", "check_placeholders", "check_rows",
           "document_files", "draft", "expand", "finding_lines", "linked_documents",
           "placeholder_lines", "read_input", "report_library", "rule_book"]
