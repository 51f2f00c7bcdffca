"""The reader's scripts and stylesheets: copied into the site, and linked from every page.

Every page links them through `asset_tags` alone, so a bundle of them can take its place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
READER_ASSETS = PACKAGE / "assets" / "reader"
SEARCH_ASSETS = PACKAGE / "assets" / "search"
#: Where they go below the site root.
ASSET_DIR = "assets/policy-reader/"
#: Starts the search engine before the theme's own scripts ask for a worker (see search-shim.js).
SEARCH_SHIM = "search-shim.js"


def asset_files() -> list[Path]:
    """Every file the site needs from ``build_tools/assets/``."""
    return sorted(p for p in [*READER_ASSETS.iterdir(), *SEARCH_ASSETS.iterdir()] if p.is_file())


def copy_assets(site: Path) -> None:
    """Copy the reader's files into `site` (only those that differ, so a rerun rewrites nothing)."""
    target = site / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for asset in asset_files():
        copy = target / asset.name
        if not copy.exists() or copy.read_bytes() != asset.read_bytes():
            shutil.copyfile(asset, copy)


def asset_tags(to_root: str) -> tuple[str, str]:
    """What a page at `to_root` (``../../``) from the site root loads: (end of its head, end of its body)."""
    prefix = to_root + ASSET_DIR
    head = [f'<script src="{prefix}{SEARCH_SHIM}"></script>']
    head += [f'<link rel="stylesheet" href="{prefix}{css.name}">' for css in sorted(READER_ASSETS.glob("*.css"))]
    body = [f'<script src="{prefix}{js.name}"></script>' for js in sorted(READER_ASSETS.glob("*.js"))]
    return "\n".join(head) + "\n", "\n".join(body) + "\n"
