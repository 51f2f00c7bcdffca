"""The step over a built site: whatever generator made the HTML, the reader is added to it here."""
