"""Options of the `policy-reader` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt

from build_tools.glossary.marking import MarkPolicy


class PolicyReaderConfig(base.Config):
    """`plugins: - policy-reader: {...}` in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (e.g. to measure a plain Material build)."""
    nav = opt.Type(bool, default=True)
    """Build the navigation (home, source → essays, glossary) when mkdocs.yml gives none."""
    offline = opt.Type(bool, default=False)
    """Build for reading from disk (file://): links to page files; `policy-reader package` sets it."""
    glossary = opt.Type(str, default="glossary.yaml")
    """The glossary file, relative to mkdocs.yml."""
    annotations = opt.Type(str, default="annotations")
    """The folder of annotation files, relative to mkdocs.yml."""
    glossary_marks = opt.Choice([p.value for p in MarkPolicy], default=MarkPolicy.FIRST_IN_SECTION.value)
    """Which occurrences of a term get a tooltip: every one, the first in each section, or the first on a page."""
    edit_branch = opt.Type(str, default="main")
    """The branch select-to-note proposes new notes on (GitHub's new-file page), when `repo_url` is set."""
