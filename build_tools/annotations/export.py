"""Annotations as a W3C Web Annotation collection (JSON-LD), for other tools to read."""

from __future__ import annotations

import json

from build_tools.annotations.model import Anchor, ResolvedAnnotation

#: How the W3C model says that a fragment is an HTML id (Web Annotation Data Model, 4.2.1).
HTML_FRAGMENT = "http://www.w3.org/TR/html/"


def _target(anchor: Anchor, site_url: str) -> dict[str, object]:
    prefix, suffix = anchor.context()
    quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": prefix, "suffix": suffix}
    selector: dict[str, object] = quote
    if anchor.clause:
        # A whole clause is its element; a quote inside a clause refines the clause, as the note was written.
        selector = {"type": "FragmentSelector", "conformsTo": HTML_FRAGMENT, "value": anchor.clause}
        if not anchor.whole:
            selector["refinedBy"] = quote
    return {"type": "SpecificResource", "source": site_url + anchor.essay.url, "selector": selector}


def annotation_collection(resolved: list[ResolvedAnnotation], site_url: str, label: str) -> str:
    """The JSON-LD text of ``annotations.jsonld``: one AnnotationCollection with one page of items.

    Args:
        resolved: The anchored annotations.
        site_url: The site's address ending in ``/`` (or ``""``, giving addresses relative to the site root).
        label: The collection's name.
    """
    items = []
    for item in resolved:
        note = item.annotation
        bodies: list[dict[str, object]] = [
            {
                "type": "TextualBody",
                "value": note.body,
                "format": "text/markdown",
                "language": "zh",
                "purpose": "commenting",
            }
        ]
        bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
        bodies += [{"id": s.url, "type": "Text", "title": s.title} for s in note.sources if s.url]
        items.append(
            {
                "id": f"{site_url}annotations.jsonld#{note.id}",
                "type": "Annotation",
                "motivation": "linking" if item.related else "commenting",
                "body": bodies,
                "target": [_target(a, site_url) for a in (item.target, *item.related)],
            }
        )
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{site_url}annotations.jsonld",
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {
            "id": f"{site_url}annotations.jsonld#page1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"
