"""Writing files so that a reader never sees half of one, nor half of a run's files.

One file: a temporary file beside it, then a rename (`write_atomically`). A run's files together:
inside `staged_writes()`, every `write_atomically` and `remove_file` is held back (the data sits in
temporary files beside their targets) and all of them are renamed into place at the end, or none:
a failure or Ctrl-C before then leaves every target as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import itertools
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


#: Read once: setting the umask to read it is process-wide, and a thread creating a file meanwhile
#: (mkdocs serve's watcher) would get a world-writable one.
_UMASK = _umask()


def plain_file_mode(target: Path) -> int:
    """The mode a plain write would give `target`: the one it has, or the umask's for a new file."""
    return target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_UMASK


@dataclass
class StagedWrites:
    """The files a run has written to temporary files so far, and those it will remove, not yet in place.

    Attributes:
        renames: (temporary file, target) in the order written.
        removals: Targets to remove.
        made_dirs: Folders made for new files, removed again if the run fails.
    """

    renames: list[tuple[Path, Path]] = field(default_factory=list)
    removals: list[Path] = field(default_factory=list)
    made_dirs: list[Path] = field(default_factory=list)

    def commit(self) -> None:
        """Put every file in place; Ctrl-C waits until all are (a rename is quick and does not fail)."""
        with _signals_held():
            for temporary, target in self.renames:
                os.replace(temporary, target)
            for target in self.removals:
                target.unlink(missing_ok=True)
        self.renames, self.removals, self.made_dirs = [], [], []

    def discard(self) -> None:
        """Remove the temporary files and the folders made for them: every target stays as it was."""
        for temporary, _target in self.renames:
            temporary.unlink(missing_ok=True)
        for folder in reversed(self.made_dirs):
            with contextlib.suppress(OSError):  # not empty: something else put a file there
                folder.rmdir()
        self.renames, self.removals, self.made_dirs = [], [], []


_staged: ContextVar[StagedWrites | None] = ContextVar("staged_writes", default=None)


@contextlib.contextmanager
def staged_writes() -> Iterator[StagedWrites]:
    """Hold back this thread's writes and removals until the block ends, then make them all, or none if it fails."""
    outer = _staged.get()
    if outer is not None:  # already inside one: its end puts everything in place
        yield outer
        return
    staged = StagedWrites()
    token = _staged.set(staged)
    try:
        yield staged
    except BaseException:
        staged.discard()
        raise
    finally:
        _staged.reset(token)
    staged.commit()


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back meanwhile (in the main thread, which Python's handlers run in)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _make_parents(folder: Path, staged: StagedWrites | None) -> None:
    if folder.is_dir():
        return
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    if staged is not None:
        staged.made_dirs += reversed(missing)


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8, line ends as given) to `target`, replacing it only once it is whole.

    Inside `staged_writes()`, the rename waits for the block's end. The file gets the mode a plain
    write would give it (`plain_file_mode`), not the temporary file's owner-only one: a web server
    running as another user must be able to read a page.
    """
    staged = _staged.get()
    try:
        mode: int | None = stat.S_IMODE(_checked_target(target))
    except FileNotFoundError:  # a new file, perhaps in a new folder
        mode = None
        _make_parents(target.parent, staged)
    mode = 0o666 & ~_UMASK if mode is None else mode
    temporary: Path | None = None
    try:
        # Ctrl-C waits until the temporary file is made (one arriving meanwhile is raised at the block's end,
        # inside this try, which removes the file). Its name is known before it is made: a Ctrl-C that came
        # just before the block, whose Python handler runs only at some later instruction, may interrupt
        # right after the file is made, and the file is removed then too.
        with _signals_held():
            for name in _temporary_names(target):
                temporary = name
                try:
                    handle = os.open(name, _TEMPORARY_FLAGS, 0o600)
                    break
                except FileExistsError:  # left by an earlier process that had the same number: not ours
                    temporary = None
        made = name  # the name the file was made with (`temporary`, until it is in place)
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data.encode("utf-8") if isinstance(data, str) else data)
        if staged is None:
            os.replace(made, target)
        else:
            staged.renames.append((made, target))
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise _naming(error, target) from None
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def _checked_target(target: Path) -> int:
    """`target`'s mode, from one stat (a page is written thousands of times a run: each stat counts).

    Raises:
        IsADirectoryError: `target` is a folder (found now, not when the run's files are put in place and
            half of them are).
        FileNotFoundError: There is no `target`.
    """
    found = os.stat(target).st_mode
    if stat.S_ISDIR(found):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    return found


#: Names this process's temporary files apart from another's (a random part, as `tempfile`'s are)
#: and from each other (a count): a temporary file is made at the first try, without `tempfile.mkstemp`'s
#: random name drawn each time.
_TEMPORARY_RUN = f"{os.getpid()}{secrets.token_hex(3)}"
_temporary_count = itertools.count()
#: As `tempfile.mkstemp` opens one: only if new, not through a symbolic link, not inherited by child processes.
_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _temporary_names(target: Path) -> Iterator[Path]:
    """Hidden ``.tmp`` names beside `target` for a new owner-only file, one after another until one is free."""
    while True:
        yield target.with_name(f".{target.name}-{_TEMPORARY_RUN}-{next(_temporary_count)}.tmp")


def _naming(error: OSError, target: Path) -> OSError:
    """`error` about `target`, which the user knows, rather than about our temporary file beside it."""
    return OSError(error.errno, error.strerror, str(target))


def remove_file(target: Path) -> None:
    """Remove `target`; inside `staged_writes()`, at the block's end with the files written."""
    staged = _staged.get()
    if staged is None:
        target.unlink(missing_ok=True)
    else:
        staged.removals.append(target)


def folder_beside(target: Path, purpose: str) -> Path:
    """A new empty folder beside `target` (so a rename can swap it in), its name hidden and saying `purpose`.

    Ones a killed run left behind are removed first: the caller holds the project's lock, so none is in use.
    """
    prefix = f".{target.name}.{purpose}-"
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f"{glob.escape(prefix)}*"):
        shutil.rmtree(stale, ignore_errors=True)
    made = Path(tempfile.mkdtemp(dir=target.parent, prefix=prefix))
    os.chmod(made, 0o777 & ~_UMASK)  # mkdtemp's is owner-only; a web server must read the site
    return made


def replace_folder(target: Path, new: Path) -> None:
    """Put the folder `new` in the place of `target` (a folder or nothing) whole: Ctrl-C waits for both renames."""
    old = new.with_name(new.name + ".old")
    with _signals_held():
        if target.exists() or target.is_symlink():
            os.rename(target, old)
        os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
