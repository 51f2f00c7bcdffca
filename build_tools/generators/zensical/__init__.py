"""Zensical's adapter: it runs no MkDocs plugin, so what the plugin does while MkDocs builds is written beforehand."""
