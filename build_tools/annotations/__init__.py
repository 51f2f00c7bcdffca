"""Annotations: editors' notes and cross-links, anchored to quoted text in the essays."""
