"""Citations of essays and their paragraphs: GB/T 7714 text, CSL-JSON, BibTeX, RIS and Highwire meta tags."""
