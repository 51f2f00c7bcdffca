"""One writing command at a time per project: a lock on a file in the project's folder.

Two builds at once in one folder would each rewrite pages the other is finishing. The lock is
the kernel's (`flock`): it goes with the process, so a run stopped by any means leaves none behind.
The file also says who holds it, for the message the second run gives.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from build_tools.common.errors import InputError, display_path
from build_tools.common.files import plain_file_mode

LOCK_FILE = ".policy-reader.lock"


def _open_lock(root: Path) -> tuple[int, bool]:
    """The lock file open for writing; in a folder we may not write to, the folder itself (no holder named)."""
    path = root / LOCK_FILE
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, plain_file_mode(path)), True
    except OSError:
        # A read-only checkout can still run what writes elsewhere (`finish --no-cache` of another folder).
        return os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC), False


@contextlib.contextmanager
def project_lock(root: Path, command: str) -> Iterator[None]:
    """Hold the project's lock while the block runs.

    Raises:
        InputError: Another run holds it; the message names it (process id, command, since when).
    """
    handle, named = _open_lock(root)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 512, 0).decode("utf-8", "replace").strip() if named else ""
            raise InputError(
                display_path(root / LOCK_FILE) if named else display_path(root),
                "another policy-reader command is writing in this project now"
                + (f" ({holder})" if holder else "")
                + "; two at once would each overwrite what the other writes",
                "wait for it to end (or stop it), then run this command again",
            ) from None
        if named:
            since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"process {os.getpid()}: {command}, since {since}\n".encode(), 0)
        try:
            yield
        finally:
            if named:
                with contextlib.suppress(OSError):
                    os.ftruncate(handle, 0)
    finally:
        os.close(handle)  # releases the lock
