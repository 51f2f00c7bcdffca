"""MkDocs run as a program by our own commands: building, previewing and packaging the site.

The core never imports MkDocs; it starts it, with this interpreter, in the project folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, NoReturn

from build_tools.common.errors import InputError
from build_tools.common.files import folder_beside, replace_folder

#: Material prints a notice of its end of life (May 2027) at every start of `mkdocs`; our commands
#: leave it out, since the README says once what the project will do then.
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def _environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    return {**os.environ, **QUIET, **(env or {})}


def run_mkdocs(
    root: Path,
    args: Sequence[str],
    env: Mapping[str, str] | None = None,
    capture: bool = False,
    pass_fds: Sequence[int] = (),
) -> subprocess.CompletedProcess[str]:
    """`mkdocs ARGS` for the project in `root`, without Material's notice; output captured when asked.

    `pass_fds`: descriptors of this process kept open in MkDocs' (see `common.progress.PROGRESS_FD`).
    """
    command = [sys.executable, "-m", "mkdocs", *args]
    return subprocess.run(
        command, cwd=root, env=_environment(env), capture_output=capture, text=True, check=False, pass_fds=pass_fds
    )


_TRACEBACK = "Traceback (most recent call last):"
#: A traceback's last line when the system refused something: ``OSError: [Errno 28] No space left on device: '…'``
#: (with `` -> '…'`` after it when copying).
_SYSTEM_ERROR = re.compile(r"^\w+: \[Errno (\d+)\] ([^:]+?)(?:: '(.*?)'(?: -> '(.*)')?)?$")


def _pass_on_without_tracebacks(stream: IO[str]) -> str | None:
    """Copy MkDocs' messages to our standard error, holding back a traceback; return its last line, if one came."""
    last, inside = None, False
    for line in stream:
        if line.startswith(_TRACEBACK):
            inside = True
        elif inside and line.strip() and not line.startswith((" ", "\t")):
            last = line.strip()  # after a chain of them, the one that stopped MkDocs
        elif not inside:
            sys.stderr.write(line)
            sys.stderr.flush()
    return last


def _raise_as_ours(failure: str) -> NoReturn:
    """MkDocs' own failure, for our command to say as any other: a refused write as the file and the fix.

    Raises:
        OSError: The system refused MkDocs something.
        InputError: Anything else stopped it.
    """
    refused = _SYSTEM_ERROR.match(failure)
    if refused:
        raise OSError(int(refused.group(1)), refused.group(2), refused.group(3), None, refused.group(4))
    raise InputError(
        "mkdocs.yml",
        f"MkDocs stopped with an error of its own: {failure}",
        "correct what it names (`policy-reader check` lists problems in the inputs), then build again",
    )


def build_site(root: Path, config_file: Path, site_dir: Path, args: Sequence[str]) -> int:
    """`mkdocs build --strict ARGS` into a folder beside `site_dir`, put in its place only if the build succeeds.

    A failed or interrupted build leaves the site as it was. MkDocs runs in its own process group:
    Ctrl-C reaches this process alone, which stops the build and removes what it wrote.

    Returns:
        MkDocs' exit status.
    """
    building = folder_beside(site_dir, "building")
    try:
        if "--dirty" in args and site_dir.is_dir():
            # A dirty build renders only changed pages: it starts from the site as it is.
            shutil.copytree(site_dir, building, symlinks=True, dirs_exist_ok=True)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)]
        command += ["--site-dir", str(building), *args]
        with subprocess.Popen(
            command, cwd=root, env=_environment(), process_group=0, stderr=subprocess.PIPE, text=True
        ) as process:
            try:
                assert process.stderr is not None
                failure = _pass_on_without_tracebacks(process.stderr)
                status = process.wait()
            except BaseException:
                process.terminate()
                process.wait()
                raise
        if failure is not None:
            _raise_as_ours(failure)
        if status == 0:
            replace_folder(site_dir, building)
        return status
    finally:
        shutil.rmtree(building, ignore_errors=True)


def become_mkdocs(root: Path, args: Sequence[str]) -> NoReturn:
    """Replace this process with `mkdocs ARGS` for the project in `root`.

    A preview is stopped with Ctrl-C or a signal: as one process, MkDocs gets it directly.
    """
    os.chdir(root)
    os.execve(sys.executable, [sys.executable, "-m", "mkdocs", *args], _environment())
