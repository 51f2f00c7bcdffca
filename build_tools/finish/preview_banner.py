"""Mark a pull request's preview as what it is: not indexed, and a banner on every page saying so.

The privileged publishing job (`.github/workflows/pr-preview.yml`) runs this, from the base
branch, over the HTML the pull request built, and never the pull request's own code: a preview
cannot leave the marks out, however its build was changed. So this module uses the standard
library only (the job installs nothing), and treats the pull request's title as text.

    python3 -m build_tools.finish.preview_banner SITE --number 12 --title "…" --published https://…/
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from pathlib import Path

# The standard library only, as this module (see build_tools/common/html_scan.py).
from build_tools.common.html_scan import Scan, scan

BANNER_CLASS = "pr-preview-banner"
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
# Dark text on amber: 15.9:1 (AA needs 4.5:1) in either colour scheme, on screen and on paper.
STYLE = f"""<style>
.{BANNER_CLASS} {{ background: #ffe082; color: #1b1b1b; border-bottom: 2px solid #1b1b1b;
  padding: .5rem 1rem; font: 600 .75rem/1.5 system-ui, sans-serif; overflow-wrap: anywhere; }}
.{BANNER_CLASS} p {{ margin: 0; max-width: 61rem; }}
@media print {{ .{BANNER_CLASS} {{ display: block !important; border: 2px solid #000;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }} }}
</style>"""


@dataclass(frozen=True)
class PullRequest:
    """What the banner names: the pull request, and the site it is not.

    Attributes:
        number: The pull request's number.
        title: Its title, as its author wrote it (any text at all).
        published: The address of the published site.
    """

    number: int
    title: str
    published: str


def banner(pull: PullRequest) -> str:
    """The banner's HTML; every piece of text in it escaped."""
    title = html.escape(pull.title, quote=True)
    published = html.escape(pull.published, quote=True)
    return (
        f'<div class="{BANNER_CLASS}" role="region" aria-label="预览说明">'
        f"<p>预览:这是 pull request #{pull.number}「{title}」构建的网站,不是正式发布的网站"
        f"(正式网站:{published})。</p></div>"
    )


def _doctype_end(page: Scan) -> int:
    """Where the page's doctype ends, when it starts the page (after white space only); 0 when it has none."""
    first = min(page.others, default=None, key=lambda token: token[0])
    at = first[0] if first else -1
    if first is None or page.source[:at].strip() or not page.source.startswith("<!", at):
        return 0
    return first[1] if page.source[at + 2 : at + 9].lower() == "doctype" else 0


def mark_page(text: str, pull: PullRequest) -> str:
    """`text`, an HTML page, with ``noindex`` and the banner's style in its head and the banner first in its body.

    A page without those tags still gets both, where a browser reads them as head and body.
    """
    page = scan(text)
    head, body = page.find("head"), page.find("body")
    head_at = head.open_end if head else _doctype_end(page)
    body_at = body.open_end if body else head.end if head and head.closed_by_tag else head_at
    head_part = NOINDEX + STYLE
    if body_at == head_at:
        return text[:head_at] + head_part + banner(pull) + text[head_at:]
    return text[:head_at] + head_part + text[head_at:body_at] + banner(pull) + text[body_at:]


def mark_site(site: Path, pull: PullRequest) -> int:
    """Mark every HTML page under `site` in place; return how many were marked."""
    pages = sorted(p for p in site.rglob("*") if p.suffix.lower() in (".html", ".htm") and p.is_file())
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        page.write_text(mark_page(text, pull), encoding="utf-8")
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    """Mark the preview named on the command line; 1 with a message when there is nothing to mark."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the folder of the built preview")
    parser.add_argument("--number", type=int, required=True, help="the pull request's number")
    parser.add_argument("--title", required=True, help="the pull request's title")
    parser.add_argument("--published", required=True, help="the published site's address")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(
            f"error: {args.site}: no such folder\n  fix: give the folder the preview was downloaded to", file=sys.stderr
        )
        return 1
    count = mark_site(args.site, PullRequest(args.number, args.title, args.published))
    if not count:
        print(f"error: {args.site}: no HTML page to mark\n  fix: download the preview's site first", file=sys.stderr)
        return 1
    print(f"marked {count} page(s) of {args.site} as the preview of pull request #{args.number}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
