"""`policy-reader package`: MkDocs builds the site for reading from disk (the plugin finishes it), then it is zipped."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TextIO

from build_tools.common.errors import InputError
from build_tools.common.progress import PROGRESS_FD, Progress, clear_line
from build_tools.finish.package import Package, check_zip_output, source_date_epoch, write_zip
from build_tools.generators.mkdocs.command import run_mkdocs


def build_offline_site(root: Path, site_dir: Path, epoch: int, progress: TextIO | None = None) -> None:
    """Build the site for reading from disk into `site_dir`, with a real ``mkdocs build``.

    MkDocs' own output is captured; with `progress`, the plugin shows its progress there.

    Raises:
        InputError: The build failed; the message carries MkDocs' own errors.
    """
    env = {"POLICY_READER_OFFLINE": "true", "SOURCE_DATE_EPOCH": str(epoch)}
    args = ["build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    shown = os.dup(progress.fileno()) if progress is not None else None
    try:
        if shown is not None:
            progress.flush()  # type: ignore[union-attr]
            env[PROGRESS_FD] = str(shown)
        result = run_mkdocs(root, args, env, capture=True, pass_fds=() if shown is None else (shown,))
    finally:
        if shown is not None:
            os.close(shown)
    if result.returncode != 0:
        if progress is not None:
            clear_line(progress)  # the plugin's line, if it stopped half-way
        errors = [line for line in result.stderr.splitlines() if line.strip() and "Aborted with" not in line]
        raise InputError(
            "mkdocs.yml",
            "the site does not build:\n" + "\n".join(errors[-30:]),
            "fix the problems above (`policy-reader check` lists problems in the inputs), then package again",
        )


def package_site(root: Path, output: Path, progress: TextIO | None = None) -> Package:
    """Build the offline site and zip it into `output`, showing the progress of each on `progress` if given.

    Raises:
        InputError: The build failed, or `output` cannot be a zip file; nothing is written.
    """
    check_zip_output(output)  # before the build, which takes a while
    epoch = source_date_epoch(root)
    with tempfile.TemporaryDirectory(prefix="policy-reader-package-") as work:
        site = Path(work) / "site"
        build_offline_site(root, site, epoch, progress)
        zipping = Progress("zip", "files", stream=progress) if progress is not None else None
        return write_zip(site, output, epoch, zipping)
