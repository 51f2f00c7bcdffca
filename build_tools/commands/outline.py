"""What `policy-reader inspect` prints of a document: its head, then its clauses part by part, then its closing."""

from __future__ import annotations

from build_tools.importer.model import Clause, Document, Paragraph

_PREVIEW = 24


def _clause_lines(items: list[Clause | Paragraph], depth: int) -> list[str]:
    lines = []
    paragraphs: list[Paragraph] = []

    def flush() -> None:
        if paragraphs:
            span = f"¶{paragraphs[0].number}" + (f"–{paragraphs[-1].number}" if len(paragraphs) > 1 else "")
            lines.append(f"{'  ' * depth}{span}  ({len(paragraphs)} paragraph{'s' if len(paragraphs) > 1 else ''})")
            paragraphs.clear()

    for item in items:
        if isinstance(item, Paragraph):
            paragraphs.append(item)
            continue
        flush()
        shape = "heading" if item.heading else "opens ¶"
        lines.append(f"{'  ' * depth}{item.label[:40]}   [#{item.anchor}, line {item.line}, {shape}]")
        lines += [f"{'  ' * (depth + 1)}{line.role}: {line.text[:60]}   [line {line.line}]" for line in item.head]
        lines += _clause_lines(item.children, depth + 1)
    flush()
    return lines


def document_outline(document: Document, encoding: str) -> str:
    """The outline of a document, every line of the source accounted for."""
    lines = [f"page:           {document.path} ({encoding})", f"genre:          {document.genre}"]
    for number, title in enumerate(document.title_lines, start=1):
        lines.append(f"title line {number}:   {title}")
    lines += [f"{line.role + ':':<15} {line.text[:60]}   [line {line.line}]" for line in document.head]
    lines.append("")
    lines += _clause_lines(document.body, 0)
    if document.closing:
        lines.append("")
    lines += [f"{line.role + ':':<15} {line.text[:60]}   [line {line.line}]" for line in document.closing]
    for annex in document.annexes:
        lines.append("")
        lines += _clause_lines([annex], 0)
    lines.append(f"\n{len(document.paragraphs)} paragraphs, {len(document.clauses)} clauses")
    # The date the site files the text under when its manifest gives none.
    lines.append(f"printed date:   {document.printed_date or '(none)'}")
    return "\n".join(lines)
