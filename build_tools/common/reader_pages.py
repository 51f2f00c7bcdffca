"""The reader's own pages, written by `import` beside the sources: their files below ``docs/`` and titles.

`import` writes the glossary and the measures map as stubs the step over the built site fills (files
editors change in pull requests, so `import` writes only their place), and the 文库 whole; the
navigation lists them, and the glossary and the notes give their content the same titles.
"""

GLOSSARY_PAGE = "glossary.md"
GLOSSARY_TITLE = "术语表"
MEASURES_PAGE = "measures.md"
MEASURES_TITLE = "措施对照"
LIBRARY_PAGE = "library.md"
LIBRARY_TITLE = "文库"
