"""Writing files so that a reader never sees half of one: a temporary file beside it, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Read once: setting the umask to read it is process-wide, and a thread creating a file meanwhile
#: (mkdocs serve's watcher) would get a world-writable one.
_UMASK = _umask()


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8, line ends as given) to `target`, replacing it only once it is whole.

    The file gets the mode a plain write would give it (the one it had, or the umask's), not the
    temporary file's owner-only one: a web server running as another user must be able to read a page.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".tmp")
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
