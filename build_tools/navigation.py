"""The site's navigation, read from the front matter `import` writes: home, then source → essays."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

NavItem = str | dict[str, Any]


def front_matter(path: Path) -> dict[str, Any]:
    """The YAML front matter of a Markdown page, or an empty mapping."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    data = yaml.safe_load(text[4:end])
    return data if isinstance(data, dict) else {}


def build_nav(docs_dir: Path, extra_pages: list[str] | None = None) -> list[NavItem]:
    """Home first; then each source as a section (its page, then its essays in page order).

    Sources are ordered newest first by their manifest date. `extra_pages` (pages the
    build adds itself: glossary, measures map) follow, then pages written by hand,
    in name order.
    """
    sources = []
    for index in docs_dir.glob("*/index.md"):
        meta = front_matter(index).get("policy_reader") or {}
        if meta.get("kind") == "source":
            sources.append((str(meta.get("date") or ""), index, meta))
    nav: list[NavItem] = ["index.md"] if (docs_dir / "index.md").exists() else []
    listed = {"index.md"}
    for _date, index, meta in sorted(sources, key=lambda s: (s[0], s[1].parent.name), reverse=True):
        folder = index.parent.name
        title = str(front_matter(index).get("title") or folder)
        children = [f"{folder}/index.md", *(f"{folder}/{article}.md" for article in meta.get("articles", []))]
        nav.append({title: children})
        listed.update(children)
    nav += extra_pages or []
    for page in sorted(docs_dir.rglob("*.md")):
        name = page.relative_to(docs_dir).as_posix()
        if name not in listed and not name.startswith(("assets/", "includes/")):
            nav.append(name)
    return nav
