"""What `policy-reader inspect` prints: of a page, its essays; of a document, its head, clauses and closing."""

from __future__ import annotations

from build_tools.sources.model import Article, Box, Caption, Clause, Document, Page, Paragraph

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


def _box_line(box: Box, indent: str) -> str:
    signature = f" {box.signature}" if box.signature else ""
    text = " ".join(box.paragraphs)
    return f"{indent}box ({box.kind}): {box.label or '(no label)'}: {text[:30]}…{signature}   [line {box.line}]"


def _essay_lines(number: int, article: Article) -> list[str]:
    column = f"   column: {article.column}" if article.column else ""
    lines = [f"\nessay {number}: {article.title}   [id: {article.id}, line {article.line}]{column}"]
    for author in article.authors:
        lines.append(f"  author:  {author.name}" + (f" ({author.post})" if author.post else ""))
    if not article.authors:
        lines.append("  author:  (unknown)")
    lines.append(f"  affiliation: {article.affiliation or '(none)'}")
    lines.append(f"  lead:    {article.lead.text[:40] + '…' if article.lead else '(none)'}")
    lines.append(f"  paragraphs: {len(article.paragraphs)}")
    for item in article.body:
        if isinstance(item, Box):
            lines.append(_box_line(item, "  "))
        elif isinstance(item, Caption):
            lines.append(f"  caption #{item.anchor}: {item.text[:40]}   [line {item.line}]")
    for heading in article.headings:
        lines.append(f"  section: {heading.title}")
    for measure in article.measures:
        lines.append(f"  measure {measure.number}: {measure.title}   [¶{measure.paragraph}]")
        for sub in measure.submeasures:
            lines.append(f"      {sub.title}   [¶{sub.paragraph}]")
    return lines


def page_outline(page: Page, encoding: str) -> str:
    """The outline of a page of essays: its head and boxes, each essay with its parts, the related news."""
    lines = [f"page:           {page.path} ({encoding})", f"genre:          {page.genre}"]
    lines.append(f"title:          {page.title or '(none)'}")
    lines.append(f"original title: {page.original_title or '(none)'}")
    for text in page.preface:
        lines.append(f"preface:        {text[:40]}…")
    lines += [_box_line(box, "") for box in page.boxes]
    for number, article in enumerate(page.articles, start=1):
        lines += _essay_lines(number, article)
    if page.related:
        lines.append("\nrelated news:")
        lines += [f"  {item.date or '????-??-??'}  {item.title}" for item in page.related]
    return "\n".join(lines)
