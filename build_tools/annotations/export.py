"""Annotations as a W3C Web Annotation collection (JSON-LD), for other tools to read."""

from __future__ import annotations

import json

from build_tools.annotations.model import Anchor, ResolvedAnnotation

#: What a FragmentSelector's value follows: an HTML page's fragment identifier, the paragraph's id.
FRAGMENT_SPEC = "http://tools.ietf.org/rfc/rfc3986"


def _target(anchor: Anchor, site_url: str) -> dict[str, object]:
    """Where `anchor` is, in two ways a reader may take either of (W3C: a list of selectors are alternatives).

    The quote with the text around it, and the paragraph by its fragment (``#p3``) refined by the
    quote's place in that paragraph's text: a lead repeats its body word for word, so only the
    second tells a lead's phrase from the body's.
    """
    prefix, suffix = anchor.context()
    quote: dict[str, object] = {"type": "TextQuoteSelector", "exact": anchor.exact, "prefix": prefix, "suffix": suffix}
    source = site_url + anchor.essay.url
    if anchor.clause:
        # A whole clause is its element; a quote inside a clause refines the clause, as the note was written.
        clause: dict[str, object] = {"type": "FragmentSelector", "conformsTo": FRAGMENT_SPEC, "value": anchor.clause}
        if not anchor.whole:
            clause["refinedBy"] = quote
        return {"type": "SpecificResource", "source": source, "selector": clause}
    position = {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end}
    paragraph = {
        "type": "FragmentSelector",
        "conformsTo": FRAGMENT_SPEC,
        "value": anchor.paragraph,
        "refinedBy": position,
    }
    return {"type": "SpecificResource", "source": source, "selector": [quote, paragraph]}


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
