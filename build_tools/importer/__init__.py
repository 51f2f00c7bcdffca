"""Write ``docs/`` from the sources (read by `build_tools.sources`): the pages `import` writes, kept in step."""
