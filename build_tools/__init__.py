"""policy-reader: an annotated reader for Chinese policy texts.

The core (importer, glossary matcher, annotation resolver, validators) lives in
plain-Python subpackages that never import MkDocs; `build_tools.generators.mkdocs`
is the thin layer that wires the core into an MkDocs build.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
