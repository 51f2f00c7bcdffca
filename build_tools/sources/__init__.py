"""Reading a project's ``sources/``, read-only: each source page and its manifest, as structure.

A page of essays (plain text, one paragraph a line) or a document (a report, a government document, a
law) becomes a `Source`; the importer writes ``docs/`` from it, the reader's features and the step over
the built site read it (the sources' text the notes anchor in). Nothing here writes a file.
"""
