"""Addresses of pages below a site's root, and links between them."""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit


def _parts(path: str) -> list[str]:
    normal = posixpath.normpath("/" + path)[1:]
    return normal.split("/") if normal else []


def relative_url(url: str, other: str) -> str:
    """`url` as a link written on the page at `other` (both below the site root).

    The last part of `other` is dropped when it names a file (has a dot), as a browser
    resolves a link; the result is what MkDocs' own ``get_relative_url`` gives (tested).
    """
    folder, _, name = other.rpartition("/")
    if "." in name:
        other = folder
    here, there = _parts(other), _parts(url)
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def page_url(path: str, directory_urls: bool) -> str:
    """The address of the page written to `path` (below the site root), as the generator links it.

    With directory URLs ``a/b/index.html`` is ``a/b/`` and the home page ``""``; without,
    the file's own name.
    """
    if not directory_urls:
        return path
    if path == "index.html":
        return ""
    return path.removesuffix("index.html")


def markdown_page_url(path: str, directory_urls: bool) -> str:
    """The address of the page made from the Markdown file `path` (below ``docs/``)."""
    stem = path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        built = stem + ".html"
    else:
        built = f"{stem}/index.html" if directory_urls else stem + ".html"
    return page_url(built, directory_urls)


def to_root(path: str) -> str:
    """The prefix that leads from the page written to `path` back to the site root (``../../``, or ``""``)."""
    return "../" * path.count("/")


#: The only schemes an address from an input may have: a page on the web.
WEB_SCHEMES = frozenset({"http", "https"})
# Characters no address may hold as written: whitespace, controls, and those that end an attribute,
# a tag or a Markdown link, or that RFC 3986 leaves out (`"<>\^`{|}`).
_NOT_IN_URL = re.compile(r'[\s\x00-\x1f\x7f-\x9f"<>\\^`{|}]')
# What a browser drops from an address before reading its scheme: leading and trailing C0 controls
# and spaces, and every tab and newline inside it (WHATWG URL parsing).
_DROPPED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


def web_url_problem(url: str) -> str | None:
    """What is wrong with `url` as a web address (http or https, with a host), or None if nothing."""
    if found := _NOT_IN_URL.search(url):
        return f"it holds {found.group()!r}, which no address may hold as written (percent-encode it)"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is no number
    except ValueError as error:
        return f"it is not an address ({error})"
    if parts.scheme.lower() not in WEB_SCHEMES or not url.lower().startswith(("http://", "https://")):
        return "it does not start with https:// (or http://)"
    if not parts.hostname:
        return "it names no host after the //"
    return None


def is_safe_link(href: str) -> bool:
    """Whether a link written in a note may stay a link: an http(s) address, a relative one, or ``#…``.

    The address is judged as a browser reads it: character references decoded (Markdown keeps
    ``java&#115;cript:`` as written, and the browser decodes it), whitespace and controls dropped.
    """
    seen = _DROPPED_BY_BROWSERS.sub("", html.unescape(href))
    scheme, colon, _rest = seen.partition(":")
    if not colon or re.search(r"[/?#]", scheme):
        return True  # no scheme: relative, or a fragment
    return scheme.lower() in WEB_SCHEMES
