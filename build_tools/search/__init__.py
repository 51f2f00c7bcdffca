"""Chinese search that finds exactly what the reader typed: the index built here, the engine in the browser."""
