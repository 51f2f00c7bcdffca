"""Addresses of pages below a site's root, and links between them."""

from __future__ import annotations

import posixpath


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
