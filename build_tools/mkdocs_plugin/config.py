"""Options of the `policy-reader` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class PolicyReaderConfig(base.Config):
    """`plugins: - policy-reader: {...}` in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (e.g. to measure a plain Material build)."""
    nav = opt.Type(bool, default=True)
    """Build the navigation (home, source → essays) when mkdocs.yml gives none."""
