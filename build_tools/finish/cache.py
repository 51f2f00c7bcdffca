"""What the step keeps of each page between runs, so a rerun redoes only what changed.

A page is finished again only when something it is finished from changed, as a digest of
content tells (fingerprints.py): the HTML the generator wrote, the notes on it, the glossary
entries it shows, or what every page shares (the glossary's spellings, the settings, this
code). What the site gathers from every page (search sections, the terms it uses) is kept
with it, and so is the HTML the generator wrote: a page the generator left as it was,
already finished, is finished again from that when its notes change. The files the whole
site gathers (the search index, the citation files) are kept with the fingerprint of what
they were made from, so a generator that empties the site has them written back, not made.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_tools.common.files import remove_file, write_atomically
from build_tools.finish.page import FinishedPage

_CODE = Path(__file__).resolve().parents[1]
#: Changes when the cache's shape does: an old cache is then ignored.
_VERSION = b"finish-cache-6"


def fingerprint(*parts: str | bytes) -> str:
    """A digest of `parts`, which changes when any of them does."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))  # so that ("ab", "c") and ("a", "bc") differ
        digest.update(data)
    return digest.hexdigest()


def code_fingerprint() -> str:
    """A digest of the reader's code and assets: a change to either finishes every page again."""
    files = sorted(p for p in _CODE.rglob("*") if p.is_file() and p.suffix in {".py", ".js", ".css"})
    return fingerprint(*(f"{p.relative_to(_CODE)}\n".encode() + p.read_bytes() for p in files))


class StoredText:
    """A text in memory until it goes to a file of the cache's store (`FinishCache.keep`, `save`), then read when asked.

    A run after a rebuild reads the HTML of every kept page once, to write it; it never unpickles it. A text
    seldom read back (the HTML the generator wrote) is kept `compressed`, a tenth of the disk it would take.
    """

    def __init__(self, text: str, compressed: bool = False) -> None:
        self.compressed = compressed
        self._text: str | None = text
        self._data: bytes | None = None
        self.key = ""
        self._store: Path | None = None

    @classmethod
    def in_store(cls, store: Path, key: str) -> StoredText:
        """A text another process wrote to `store` as the file `key` (uncompressed), read when asked."""
        text = cls("")
        text._text, text.key, text._store = None, key, store
        return text

    def data(self) -> bytes:
        """The text, as UTF-8."""
        if self._data is None:
            self._data = self._text.encode("utf-8") if self._text is not None else self._read()
        return self._data

    def text(self) -> str:
        """The text."""
        if self._text is None:
            self._text = self.data().decode("utf-8")
        return self._text

    def forget(self) -> None:
        """Let the text go from memory; it is read from the store again when asked (stored texts only)."""
        if self._store is not None:
            self._text = self._data = None

    def drop(self) -> None:
        """Let the text go for good: a cache no later run reads (`FinishCache.for_one_run`)."""
        self._text = self._data = None

    def _read(self) -> bytes:
        assert self._store is not None, "a text read back from a cache file knows its store"
        data = (self._store / self.key).read_bytes()
        return zlib.decompress(data) if self.compressed else data

    def store_in(self, store: Path, stored: set[str]) -> None:
        """Keep the text in `store` (whose files are `stored`), written there only when no file holds it yet."""
        if self.key and self._store == store and self.key in stored:
            return  # read from there, and still there
        data = self.data()
        key = hashlib.sha256(data).hexdigest() + (".z" if self.compressed else "")
        if key not in stored:
            write_atomically(store / key, zlib.compress(data, 1) if self.compressed else data)
            stored.add(key)
        self.key, self._store = key, store

    def __getstate__(self) -> tuple[str, bool]:
        assert self.key, "stored (`store_in`) before the cache is pickled"
        return self.key, self.compressed

    def __setstate__(self, state: tuple[str, bool]) -> None:
        self._text = self._data = None
        (self.key, self.compressed), self._store = state, None


class Entry:
    """One page as the last run left it.

    Attributes:
        fingerprint: Of everything the page was finished from (`PageFingerprints.of`).
        gathered: What the finished page gives the site (its identity, title, search sections, terms), without
            its HTML, which `page` reads when asked.
        sections_fingerprint: Of its search sections.
        written: A digest of the file as written (on the glossary page, with its back-links).
    """

    def __init__(self, fingerprint: str, raw: str, page: FinishedPage, written: str) -> None:
        self.fingerprint = fingerprint
        self.gathered = replace(page, html="")
        self.written = written
        self._raw = StoredText(raw, compressed=True)
        self._html = StoredText(page.html)

    @classmethod
    def finished_elsewhere(cls, fingerprint: str, gathered: FinishedPage, html: StoredText) -> Entry:
        """The entry of a page another process finished into `html` (in a store), for one run only.

        The HTML the generator wrote is not kept: a run needs it only for a page it finds finished already.
        """
        entry = cls(fingerprint, "", gathered, "")
        entry._html = html
        return entry

    @functools.cached_property
    def sections_fingerprint(self) -> str:
        """Of its search sections: taken when asked (a run that keeps nothing never asks)."""
        return hashlib.sha256(repr(self.gathered.sections).encode("utf-8")).hexdigest()

    @property
    def raw(self) -> str:
        """The HTML the generator wrote."""
        return self._raw.text()

    @property
    def page(self) -> FinishedPage:
        """The finished page."""
        return replace(self.gathered, html=self._html.text())

    def html_data(self) -> bytes:
        """The finished page's HTML as UTF-8, as it is written."""
        data = self._html.data()
        self._html.forget()  # the store has it: a site of many pages is not held in memory twice
        return data

    def texts(self) -> tuple[StoredText, StoredText]:
        """The texts the entry keeps in the store."""
        return self._raw, self._html

    def forget(self) -> None:
        """Let its texts go from memory (those in a store: they are read from there again when asked)."""
        for text in self.texts():
            text.forget()


@dataclass
class KeptFiles:
    """Files the whole site gathers from its pages, and the fingerprint of what they were made from.

    Attributes:
        fingerprint: Of what they were made from.
        files: Their texts, by path below the site root: a generator that empties the site before it builds
            (Zensical does) has them written again as they were, not made again.
    """

    fingerprint: str
    files: dict[str, StoredText]


@dataclass
class FinishCache:
    """Entries by page path below the site root; kept in memory, or in a file between runs.

    Saved, the entries' HTML and the site's files are in a folder beside the file (``….pages``), each
    named by its content's digest: a run writes only what is new.

    Attributes:
        entries: See `Entry`.
        site_files: The files the whole site gathers (the search index, the citation files), by what they are.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    site_files: dict[str, KeptFiles] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._spill: Path | None = None
        self._spilled: set[str] = set()
        self._keeps_texts = True

    def __getstate__(self) -> dict[str, object]:
        return {"entries": self.entries, "site_files": self.site_files}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def remembers(self) -> bool:
        """Whether anything is or will be kept here: if not, a run needs no fingerprints, having nothing to compare.

        A cache for one run that holds no entry (`for_one_run`) remembers nothing: no page can be taken from it.
        """
        return self._keeps_texts or self._spill is not None or bool(self.entries) or bool(self.site_files)

    @classmethod
    def for_one_run(cls) -> FinishCache:
        """A cache no later run reads: it keeps what the site gathers from each page, not the page's HTML."""
        cache = cls()
        cache._keeps_texts = False
        return cache

    def keep(self, path: str, entry: Entry) -> None:
        """Hold `entry` for the page at `path`; its texts go to the store at once where the cache has a file.

        So a run holds no page's HTML longer than it takes to finish and write it, whatever the size of the
        site: what it keeps in memory is what the site gathers from each page (its search sections, its terms).
        """
        self.entries[path] = entry
        self._spill_texts(entry.texts())

    def keep_files(self, name: str, kept: KeptFiles) -> None:
        """Hold the files the whole site gathers as `name` (see `keep`)."""
        self.site_files[name] = kept
        self._spill_texts(kept.files.values())

    def _spill_texts(self, texts: Iterable[StoredText]) -> None:
        for text in texts:
            if self._spill is not None:
                text.store_in(self._spill, self._spilled)
                text.forget()
            elif not self._keeps_texts:
                text.drop()

    def _texts(self) -> list[StoredText]:
        pages = [text for entry in self.entries.values() for text in entry.texts()]
        return pages + [text for kept in self.site_files.values() for text in kept.files.values()]

    @classmethod
    def load(cls, path: Path) -> FinishCache:
        """The cache in `path`, or an empty one when there is none (or it is from another version, or incomplete).

        Its texts, and those of the entries a run adds, are kept in the store beside `path` (`keep`).
        """
        cache = cls._from_file(path)
        store = _store_of(path)
        cache._spill, cache._spilled = store, {p.name for p in store.iterdir()} if store.is_dir() else set()
        return cache

    @classmethod
    def _from_file(cls, path: Path) -> FinishCache:
        try:
            data = zlib.decompress(path.read_bytes())
        except (OSError, zlib.error):
            return cls()
        if not data.startswith(_VERSION):
            return cls()
        try:
            cache = pickle.loads(data[len(_VERSION) :])  # noqa: S301 - our own file, see above
        except Exception:  # a cache that does not load is only a slower run
            return cls()
        if not isinstance(cache, cls):
            return cls()
        store = _store_of(path)
        stored = {p.name for p in store.iterdir()} if store.is_dir() else set()
        texts = cache._texts()
        if any(text.key not in stored for text in texts):
            return cls()
        for text in texts:
            text._store = store
        return cache

    def save(self, path: Path) -> None:
        """Write the cache to `path` and its texts to the store beside it; files no entry needs are removed."""
        store = _store_of(path)
        present = {p.name for p in store.iterdir()} if store.is_dir() else set()
        # Those the run put there as it went are written, maybe not yet in place (`staged_writes`).
        stored = present | (self._spilled if self._spill == store else set())
        texts = self._texts()
        for text in texts:
            text.store_in(store, stored)
        write_atomically(path, zlib.compress(_VERSION + pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 1))
        for unused in present - {text.key for text in texts}:
            remove_file(store / unused)


def _store_of(path: Path) -> Path:
    """The folder of a cache file's texts."""
    return path.with_suffix(".pages")


def default_cache_file(root: Path, site: Path) -> Path:
    """Where `finish` keeps the cache of the site in `site`: below the project, never inside the site."""
    # Not in `.cache/`, which Zensical keeps for itself and empties on a clean build.
    return root / ".policy-reader-cache" / f"finish-{fingerprint(str(site.resolve()))[:12]}.bin"
