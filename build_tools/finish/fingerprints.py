"""What each page is finished from, as fingerprints of content: a rerun finishes again only the pages whose changed.

Content, not file times: after a generator rewrites every page, a page whose inputs are as they
were is taken from the cache (cache.py). A page is finished from three things:

- what every page shares (`site_fingerprint`): this code and its assets, the settings, the glossary
  page's address, the glossary's spellings, and the texts' addresses. The spellings are shared because
  jieba cuts every text with all of them as its own words (where it cuts decides where a term is found),
  so adding, removing or renaming a term or an alias finishes every page again;
- its own (`page_fingerprint`): its HTML as the generator wrote it, the notes on it, what it is cited
  as, and the Markdown of its fill places (the glossary, the measures map, the 解读 relations notes imply);
- the glossary entries it shows (`PageFingerprints.of`): the tooltips of the terms marked on it, known
  once it is finished. While the rest is the same the same terms are marked again, so a changed
  definition finishes again only the pages that show the term.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.common.page_marker import TEXT_KINDS, PageIdentity, fill_places
from build_tools.finish.assets import asset_tags
from build_tools.finish.cache import code_fingerprint, fingerprint
from build_tools.finish.fills import fill_markdown
from build_tools.finish.page import FinishedPage, Shared
from build_tools.finish.settings import FinishSettings
from build_tools.glossary.pages import render_tooltips


def site_fingerprint(shared: Shared, settings: FinishSettings) -> str:
    """A digest of what every page is finished from: a change to it finishes every page again.

    `settings` are the ones the site is read with; the pages are finished with their inputs' (the same, unless a
    caller hands in inputs read with others): both count.
    """
    return fingerprint(
        code_fingerprint(),
        repr(settings),
        repr(shared.inputs.settings),
        shared.glossary_url,
        "".join(asset_tags("")),
        repr([(term.id, term.forms) for term in shared.inputs.glossary.terms]),
        # A link to another text, and how the select-to-note marker names the essay (its id, unless it repeats).
        repr([(essay.source_id, essay.article_id, essay.url) for essay in shared.notes.corpus.essays]),
    )


def page_fingerprint(site: str, path: str, raw: str, identity: PageIdentity | None, url: str, shared: Shared) -> str:
    """A digest of what the page at `path` (address `url`) is finished from, but the terms it shows.

    Args:
        site: The `site_fingerprint`.
        path: The page's path below the site root.
        raw: Its HTML as the generator wrote it.
        identity: What `import` wrote it as.
        url: Its address.
        shared: What every page is finished with.
    """
    notes_on_page = cited_as = ""
    if identity is not None and identity.kind in TEXT_KINDS:
        notes_on_page = repr(shared.notes.by_page.get(url, []))
        # An essay is cited as ``source/article``, a document as its source: whichever this page is.
        works = shared.works
        cited_as = repr((works.get(f"{identity.source}/{identity.article}"), works.get(identity.source or "")))
    fills = [f"{name}\n{fill_markdown(name, url, shared.inputs, shared.notes)}" for name in fill_places(raw)]
    return fingerprint(site, path, raw, notes_on_page, cited_as, *fills)


def shown_terms(page: FinishedPage) -> list[str]:
    """The ids of the terms whose tooltips `page` shows, in order of their ids."""
    return sorted({o.term_id for o in page.use.occurrences if o.marked}) if page.use is not None else []


@dataclass(frozen=True)
class PageFingerprints:
    """What each page of a run is finished from.

    Attributes:
        site: The `site_fingerprint`.
        pages: Each page's `page_fingerprint`, by its path below the site root.
        tooltips: A digest of each term's tooltip, by the term's id.
    """

    site: str
    pages: dict[str, str]
    tooltips: dict[str, str]

    def of(self, path: str, page: FinishedPage) -> str:
        """The fingerprint of the page at `path` as finished into `page`: its own, and the tooltips it shows.

        A cached page is kept when this, taken with the page the cache holds, is the one the cache holds.
        """
        # A term gone from the glossary changed its spellings, so the site's fingerprint too; named all the same.
        return fingerprint(self.pages[path], *(self.tooltips.get(t, f"no term {t}") for t in shown_terms(page)))


def tooltip_fingerprints(shared: Shared) -> dict[str, str]:
    """A digest of each term's tooltip (its link, the same for every term, is in the site's fingerprint)."""
    return {term.id: fingerprint(render_tooltips([term], "")) for term in shared.inputs.glossary.terms}
