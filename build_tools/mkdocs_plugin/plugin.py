"""MkDocs events → the policy-reader core. Logic lives in the core, not here."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from build_tools.mkdocs_plugin.config import PolicyReaderConfig
from build_tools.navigation import build_nav

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_PREFIX = "assets/policy-reader/"


class PolicyReaderPlugin(BasePlugin[PolicyReaderConfig]):
    """Adds the reader's navigation, styles and scripts to a Material site."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        if self.config.nav and not config.nav:
            config.nav = build_nav(Path(config.docs_dir))
        for asset in sorted(ASSETS.glob("*.css")):
            config.extra_css.append(ASSET_PREFIX + asset.name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return files
        for asset in sorted(ASSETS.iterdir()):
            if asset.is_file():
                files.append(File.generated(config, ASSET_PREFIX + asset.name, abs_src_path=str(asset)))
        return files
