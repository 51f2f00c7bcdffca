"""`.zensical.yml`: mkdocs.yml, inherited, with the navigation the MkDocs plugin would build.

Zensical reads mkdocs.yml but runs no plugin, so without a `nav` it names each section after its
folder ("Gov opinion government new media 2018") where MkDocs shows the text's title. `import`
writes this file beside mkdocs.yml after every whole import, from the same `build_nav` the plugin
calls, and `zensical build -f .zensical.yml` builds with it. It is made, not edited (git ignores
it): mkdocs.yml stays the one file a maintainer edits.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from build_tools.common.files import write_atomically
from build_tools.navigation.nav import build_nav

#: Beside mkdocs.yml: Zensical takes the folder of its configuration as the project's root.
CONFIG_FILE = ".zensical.yml"
_HEADER = "# Made by `policy-reader import` (Zensical runs no plugin to build the navigation): do not edit.\n"


def zensical_config(docs_dir: Path, parent: str = "mkdocs.yml") -> str:
    """The configuration's text: `parent` inherited, and the navigation of the pages in `docs_dir`."""
    body = {"INHERIT": parent, "nav": build_nav(docs_dir)}
    return _HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=1000)


def write_zensical_config(root: Path, docs_dir: Path) -> Path:
    """Write `.zensical.yml` in `root` for the pages in `docs_dir` (unchanged when it already says so)."""
    target = root / CONFIG_FILE
    text = zensical_config(docs_dir)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        write_atomically(target, text)
    return target
