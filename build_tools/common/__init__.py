"""Helpers every room uses: input errors, escaping for Markdown and HTML, rewriting the text of HTML."""
