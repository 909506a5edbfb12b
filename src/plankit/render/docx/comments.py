"""Word comments for the review copy: drafter notes, missing facts and content warnings.

Each comment is anchored to the text it concerns (the paragraph before a note, the
section heading for a clause's own notes, the bracketed blank for a missing fact) and is
authored "plankit review", dated with the document's fixed timestamp so the same input
still gives the same bytes. Comments live in ``word/comments.xml``; the body carries
``w:commentRangeStart``, ``w:commentRangeEnd`` and a ``w:commentReference`` run.
"""

from __future__ import annotations

from datetime import datetime, timezone

from docx.oxml.parser import parse_xml

from plankit.render.docx import wml

__all__ = ["AUTHOR", "Comments", "ensure_comment_styles"]

AUTHOR = "plankit review"
INITIALS = "PR"

_TEXT_STYLE = "CommentText"
_REF_STYLE = "CommentReference"


class Comments:
    """The comments of one render, in the order they are anchored."""

    def __init__(self, seconds: int) -> None:
        stamp = datetime.fromtimestamp(seconds, tz=timezone.utc)
        self.date = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.items: list[tuple[str, str]] = []
        """(label, text) of each comment; its id is its index."""

    def add(self, label: str, text: str) -> int:
        self.items.append((label, text))
        return len(self.items) - 1

    @staticmethod
    def _reference(cid: int) -> str:
        return (f'<w:r><w:rPr><w:rStyle w:val="{_REF_STYLE}"/></w:rPr>'
                f'<w:commentReference w:id="{cid}"/></w:r>')

    def anchor_paragraph(self, para: wml.Para, cid: int) -> None:
        """Mark the whole of ``para`` as what comment ``cid`` is about."""
        para.content.insert(0, f'<w:commentRangeStart w:id="{cid}"/>')
        para.content.append(f'<w:commentRangeEnd w:id="{cid}"/>' + self._reference(cid))

    def around(self, run_xml: str, cid: int) -> str:
        """``run_xml`` marked as what comment ``cid`` is about."""
        return (f'<w:commentRangeStart w:id="{cid}"/>{run_xml}'
                f'<w:commentRangeEnd w:id="{cid}"/>' + self._reference(cid))

    def write(self, document) -> None:
        """Put the comments into the package (``word/comments.xml``)."""
        if not self.items:
            return
        part = document.part._comments_part  # created and related on first use
        root = part.element
        for child in list(root):
            root.remove(child)
        for cid, (label, text) in enumerate(self.items):
            head = (f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
                    f"{wml.text(label)}: </w:t></w:r>") if label else ""
            root.append(parse_xml(
                f'<w:comment {wml.W_NS} w:id="{cid}" w:author="{wml.attr(AUTHOR)}" '
                f'w:date="{self.date}" w:initials="{INITIALS}">'
                f'<w:p><w:pPr><w:pStyle w:val="{_TEXT_STYLE}"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="{_REF_STYLE}"/></w:rPr><w:annotationRef/></w:r>'
                f"{head}{wml.run(text)}</w:p></w:comment>"))


def ensure_comment_styles(document) -> None:
    """Word's own comment styles ("annotation text", "annotation reference"), added when
    the starting document lacks them so comments look as Word draws them."""
    root = document.styles.element
    have = {s.styleId for s in root.style_lst}
    if _TEXT_STYLE not in have:
        root.append(parse_xml(
            f'<w:style {wml.W_NS} w:type="paragraph" w:styleId="{_TEXT_STYLE}">'
            '<w:name w:val="annotation text"/><w:basedOn w:val="Normal"/>'
            '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
            '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'))
    if _REF_STYLE not in have:
        root.append(parse_xml(
            f'<w:style {wml.W_NS} w:type="character" w:styleId="{_REF_STYLE}">'
            '<w:name w:val="annotation reference"/><w:uiPriority w:val="99"/>'
            '<w:unhideWhenUsed/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
            "</w:style>"))
