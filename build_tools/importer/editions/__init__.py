"""Editions of a source page: earlier texts kept readable, matched to the current one and compared."""
