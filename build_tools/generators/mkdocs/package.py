"""`policy-reader package`: MkDocs builds the site for reading from disk (the plugin finishes it), then it is zipped."""

from __future__ import annotations

import tempfile
from pathlib import Path

from build_tools.common.errors import InputError
from build_tools.finish.package import Package, check_zip_output, source_date_epoch, write_zip
from build_tools.generators.mkdocs.command import run_mkdocs


def build_offline_site(root: Path, site_dir: Path, epoch: int) -> None:
    """Build the site for reading from disk into `site_dir`, with a real ``mkdocs build``.

    Raises:
        InputError: The build failed; the message carries MkDocs' own errors.
    """
    env = {"POLICY_READER_OFFLINE": "true", "SOURCE_DATE_EPOCH": str(epoch)}
    args = ["build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    result = run_mkdocs(root, args, env, capture=True)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.strip() and "Aborted with" not in line]
        raise InputError(
            "mkdocs.yml",
            "the site does not build:\n" + "\n".join(errors[-30:]),
            "fix the problems above (`policy-reader check` lists problems in the inputs), then package again",
        )


def package_site(root: Path, output: Path) -> Package:
    """Build the offline site and zip it into `output`.

    Raises:
        InputError: The build failed, or `output` cannot be a zip file; nothing is written.
    """
    check_zip_output(output)  # before the build, which takes a while
    epoch = source_date_epoch(root)
    with tempfile.TemporaryDirectory(prefix="policy-reader-package-") as work:
        site = Path(work) / "site"
        build_offline_site(root, site, epoch)
        return write_zip(site, output, epoch)
