"""What docs/ was last imported from, so that `build` imports again exactly when that has changed.

An editor who edits a manifest and runs `policy-reader build` means the site to show the edit:
built from docs/ as last imported, it would not, and nothing would say so. The importer's output
is a function of sources/, the importer's code and the day (a text not yet in force on one day is
in force on a later one), so a digest of the three, kept after each whole import, tells `build`
whether docs/ is current without reading a single source as the importer would.

The digest lives in the project's cache folder, which git ignores: a fresh clone has none, and its
first build imports once (writing nothing when the committed docs/ is current).
"""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

from build_tools.common.files import write_atomically

#: Where the digest is kept, below the project's root.
RECORD = Path(".policy-reader-cache") / "imported-from.sha256"
_CODE = Path(__file__).resolve().parents[1]


def inputs_digest(sources_dir: Path, today: datetime.date | None = None) -> str:
    """A digest of every file below `sources_dir`, the package's Python code and `today`'s date."""
    digest = hashlib.sha256((today or datetime.date.today()).isoformat().encode())
    for folder, label in ((sources_dir, "sources"), (_CODE, "code")):
        files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            if label == "code" and path.suffix != ".py":
                continue
            name = f"{label}/{path.relative_to(folder).as_posix()}".encode()
            data = path.read_bytes()
            # Lengths first, so that two different lists of files never run together into one digest.
            digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def is_current(root: Path, sources_dir: Path) -> bool:
    """Whether docs/ was imported, whole, from sources/ and code as they are today."""
    try:
        kept = (root / RECORD).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return kept == inputs_digest(sources_dir)


def remember(root: Path, sources_dir: Path) -> None:
    """Keep the digest of what a whole import was just made from.

    A project whose cache folder cannot be written is imported again by every build: slower, still right.
    """
    try:
        (root / RECORD).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(root / RECORD, inputs_digest(sources_dir) + "\n")
    except OSError:
        pass
