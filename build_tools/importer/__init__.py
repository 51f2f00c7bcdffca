"""Turn a published page of essays (plain text, one paragraph a line) into structure and pages."""
