"""The reader's stylesheets as one file and its scripts as one script, made from one-concern-a-file sources.

A page then asks for two files instead of one per concern, and the only one that holds up its
first paint is the stylesheet. Each is minified (rcssmin, rjsmin) and named by a hash of what it
holds, so a host may let browsers keep it for good: a changed source gives a new name.

What must run before the theme's scripts, and what starts the reader's script once the text has
painted, is a third, small script inline in each page's head (`head_script`): it costs no request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

import rcssmin
import rjsmin

#: The bundles' names start so (`reader.<hash>.min.css`, `reader.<hash>.min.js`).
BUNDLE_STEM = "reader"
#: Hex digits of the content's SHA-256 in a name: enough that two versions never share one.
HASH_DIGITS = 10


@dataclass(frozen=True)
class BundleFile:
    """One bundle as it is written into the site: its file name and its text."""

    name: str
    content: str


@dataclass(frozen=True)
class ReaderBundle:
    """The stylesheet and the script every page of the reader loads, and the inline head script that starts it."""

    stylesheet: BundleFile
    script: BundleFile
    head_script: str

    @property
    def files(self) -> tuple[BundleFile, BundleFile]:
        """Both files, to write beside each other."""
        return (self.stylesheet, self.script)


def _named(content: str, suffix: str) -> BundleFile:
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:HASH_DIGITS]
    return BundleFile(f"{BUNDLE_STEM}.{digest}.min.{suffix}", content)


def _sources(folder: Path, suffix: str) -> list[Path]:
    # In name order, the order the pages loaded them in one by one: the cascade stays as it was.
    return sorted(path for path in folder.glob(f"*.{suffix}") if path.is_file())


def bundle_stylesheets(folder: Path) -> BundleFile:
    """Every `*.css` in `folder`, in name order, as one minified stylesheet.

    Print styles stay inside it, under their own `@media print`.
    """
    parts = [f"/* {path.name} */\n{path.read_text(encoding='utf-8')}" for path in _sources(folder, "css")]
    return _named(rcssmin.cssmin("\n".join(parts)), "css")


def _joined_scripts(sources: Sequence[Path], prelude: str = "") -> str:
    # Each source is a self-contained function run at once; a `;` between them keeps one from being
    # read as a call of the one before.
    texts = [prelude] if prelude else []
    return str(rjsmin.jsmin(";\n".join(texts + [path.read_text(encoding="utf-8") for path in sources])))


def minified_script(path: Path) -> str:
    """The script at `path`, minified as the bundles are."""
    return _joined_scripts([path])


def ordered_scripts(folder: Path, order: Sequence[str]) -> list[Path]:
    """The `*.js` files of `folder` in `order` (file names), which must name each of them once.

    A script added to the folder but not to the order, or ordered but gone, would otherwise be left
    out of the bundle or break it without a word: either is an error naming the files.
    """
    present = {path.name for path in _sources(folder, "js")}
    problems = {
        "not in the order (add each where it must run)": sorted(present - set(order)),
        "in the order but not in the folder": [name for name in order if name not in present],
        "in the order twice": sorted({name for name in order if list(order).count(name) > 1}),
    }
    if any(problems.values()):
        found = "; ".join(f"{what}: {', '.join(names)}" for what, names in problems.items() if names)
        raise ValueError(f"the reader's script order does not match {folder}: {found}")
    return [folder / name for name in order]


def bundle_scripts(folder: Path, order: Sequence[str], prelude: str = "") -> BundleFile:
    """The `*.js` files in `folder`, in `order` (see `ordered_scripts`), as one minified script after `prelude`.

    `prelude` is a script made in Python (search/browser_rules.py): it runs first, as the scripts read it.
    """
    return _named(_joined_scripts(ordered_scripts(folder, order), prelude), "js")


def inline_script(sources: Sequence[Path], prelude: str = "") -> str:
    """`sources`, in that order after `prelude`, as one minified script to put inside a `<script>` element.

    A closing script tag in it would end the element early: its slash is escaped, which JavaScript reads alike.
    """
    return re.sub(r"</(script)", r"<\\/\1", _joined_scripts(sources, prelude), flags=re.IGNORECASE)


def bundle_reader(
    folder: Path,
    script_order: Sequence[str],
    head_sources: Sequence[Path] = (),
    prelude: str = "",
    head_prelude: str = "",
) -> ReaderBundle:
    """The reader's bundles from the one-concern-a-file sources in `folder`; `head_sources` make its head script.

    Its scripts run in `script_order` (file names, each script of the folder once: see `ordered_scripts`),
    after `prelude`, and the head script's after `head_prelude`: what Python tells them (search/browser_rules.py).
    """
    scripts = bundle_scripts(folder, script_order, prelude)
    return ReaderBundle(bundle_stylesheets(folder), scripts, inline_script(head_sources, head_prelude))


def page_tags(bundle: ReaderBundle, folder_url: str, notes: bool = False) -> str:
    """The `<link>` and the inline head `<script>` a page needs, `folder_url` being the bundles' folder as seen from it.

    The head script fetches the reader's script (named in its `data-reader`) once the text has painted;
    on a page with notes (`data-notes`) it lays the margin out before.
    """
    base = folder_url if not folder_url or folder_url.endswith("/") else folder_url + "/"
    css = escape(base + bundle.stylesheet.name)
    js = escape(base + bundle.script.name)
    marks = ' data-notes=""' if notes else ""
    return f'<link rel="stylesheet" href="{css}">\n<script data-reader="{js}"{marks}>{bundle.head_script}</script>'
