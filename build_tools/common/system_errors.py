"""What the system refused (a folder we may not write, a full disk …) said as an input error: the file and the fix."""

from __future__ import annotations

import errno
from pathlib import Path

from build_tools.common.errors import InputError, display_path

_NO_ACCESS = "give your user write access to it (or run as its owner), or work in a copy of the project you own"
#: By errno: what to do about it.
_FIXES = {
    errno.EACCES: _NO_ACCESS,
    errno.EPERM: _NO_ACCESS + " (`lsattr` shows whether it is marked immutable)",
    errno.ENOSPC: "free some space on that disk (`df -h` shows how much is left), then run the command again",
    errno.EDQUOT: "free some space within your disk quota, then run the command again",
    errno.EROFS: "that disk is mounted read-only: work in a copy of the project on a writable disk",
    errno.EISDIR: "name a file there, not a folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder: correct the path",
    errno.ENOENT: "check the path: the file or a folder above it does not exist",
    errno.EEXIST: "remove or rename what is there, then run the command again",
    errno.ENAMETOOLONG: "use a shorter path",
    errno.EMFILE: "raise the limit of open files (`ulimit -n`), then run the command again",
}


def os_error(error: OSError, root: Path | None = None) -> InputError:
    """`error` as an input error naming its file (below `root` where it is inside), what failed and the fix."""
    names = [name for name in (error.filename, error.filename2) if name is not None]
    path = " → ".join(display_path(Path(str(name)), root) for name in names) or "(a file)"
    reason = error.strerror or str(error)
    fix = _FIXES.get(error.errno or 0, "correct the cause above, then run the command again")
    return InputError(path, f"the system refused to read or write it: {reason}", fix)
