"""What the step keeps of each page between runs, so a rerun redoes only what changed.

A page is finished again only when something it is finished from changed, as a digest of
content tells (fingerprints.py): the HTML the generator wrote, the notes on it, the glossary
entries it shows, or what every page shares (the glossary's spellings, the settings, this
code). What the site gathers from every page (search sections, the terms it uses) is kept
with it, and so is the HTML the generator wrote: a page the generator left as it was,
already finished, is finished again from that when its notes change.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.common.files import write_atomically
from build_tools.finish.page import FinishedPage

_CODE = Path(__file__).resolve().parents[1]
#: Changes when the cache's shape does: an old cache is then ignored.
_VERSION = b"finish-cache-3"


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


@dataclass
class Entry:
    """One page as the last run left it.

    Attributes:
        fingerprint: Of everything the page was finished from (`PageFingerprints.of`).
        raw: The HTML the generator wrote.
        page: The finished page.
        written: A digest of the file as written (on the glossary page, with its back-links).
    """

    fingerprint: str
    raw: str
    page: FinishedPage
    written: str


@dataclass
class FinishCache:
    """Entries by page path below the site root; kept in memory, or in a file between runs.

    Attributes:
        entries: See `Entry`.
        index: The fingerprint of what the search index was last written from.
    """

    entries: dict[str, Entry] = field(default_factory=dict)
    index: str = ""

    @classmethod
    def load(cls, path: Path) -> FinishCache:
        """The cache in `path`, or an empty one when there is none (or it is from another version)."""
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
        return cache if isinstance(cache, cls) else cls()

    def save(self, path: Path) -> None:
        """Write the cache to `path`, replacing the file only once it is whole."""
        write_atomically(path, zlib.compress(_VERSION + pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 1))


def default_cache_file(root: Path, site: Path) -> Path:
    """Where `finish` keeps the cache of the site in `site`: below the project, never inside the site."""
    # Not in `.cache/`, which Zensical keeps for itself and empties on a clean build.
    return root / ".policy-reader-cache" / f"finish-{fingerprint(str(site.resolve()))[:12]}.bin"
