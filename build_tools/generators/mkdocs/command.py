"""MkDocs run as a program by our own commands: building, previewing and packaging the site.

The core never imports MkDocs; it starts it, with this interpreter, in the project folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

#: Material prints a notice of its end of life (May 2027) at every start of `mkdocs`; our commands
#: leave it out, since the README says once what the project will do then.
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def _environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, **QUIET, **(env or {})}


def run_mkdocs(
    root: Path, args: Sequence[str], env: Mapping[str, str] | None = None, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    """`mkdocs ARGS` for the project in `root`, without Material's notice; output captured when asked."""
    command = [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(command, cwd=root, env=_environment(env), capture_output=capture, text=True, check=False)


def become_mkdocs(root: Path, args: Sequence[str]) -> NoReturn:
    """Replace this process with `mkdocs ARGS` for the project in `root`.

    A preview is stopped with Ctrl-C or a signal: as one process, MkDocs gets it directly.
    """
    os.chdir(root)
    os.execve(sys.executable, [sys.executable, "-m", "mkdocs", *args], _environment())
