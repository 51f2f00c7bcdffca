"""``docs/`` as `import` leaves it, read back: the site's navigation from the pages' front matter, by year.

Between the import and the generator: `import` writes the pages, every generator's adapter and the
step over the built site read their order from here, so none of them reaches into the importer.
"""
