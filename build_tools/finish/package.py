"""A built site as one zip that opens from disk, byte for byte the same for the same commit."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from build_tools.common.errors import InputError, display_path
from build_tools.common.files import plain_file_mode
from build_tools.common.progress import Progress

#: Everything in the zip sits in this folder, so unzipping never scatters files.
TOP_FOLDER = "policy-reader"
#: What an offline reader never loads: source maps, and Material's own search engine (lunr and its
#: worker), which ours replaces; the JSON index (from disk, pages read the script version); our
#: bigram shards (from disk the engine reads every part of the text instead).
LEFT_OUT_SUFFIXES = (".map",)
LEFT_OUT_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/", "search/grams/")
LEFT_OUT_FILES = ("search/search_index.json",)
# Zip timestamps cannot go before 1980.
_ZIP_EPOCH = 315532800


@dataclass(frozen=True)
class Package:
    """A written zip: where, how many files, how many bytes."""

    path: Path
    files: int
    size: int


def source_date_epoch(root: Path) -> int:
    """The time of the last commit (or SOURCE_DATE_EPOCH): what makes two builds of a commit identical."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False
    )
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else _ZIP_EPOCH


def _left_out(name: str) -> bool:
    return name.endswith(LEFT_OUT_SUFFIXES) or name.startswith(LEFT_OUT_FOLDERS) or name in LEFT_OUT_FILES


def check_zip_output(output: Path) -> None:
    """Refuse, before any work, an output the zip cannot be written to.

    Raises:
        InputError: `output` is a folder, or lies in one that is a file.
    """
    if output.is_dir():
        raise InputError(
            display_path(output),
            "this is a folder; the zip is written to a file",
            f"name the zip file, e.g. {display_path(output / 'policy-reader.zip')}",
        )
    blocking = next((p for p in output.parents if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        raise InputError(
            display_path(blocking), "this is a file, and the zip's path goes through it as a folder", "correct the path"
        )


def write_zip(site_dir: Path, output: Path, epoch: int, progress: Progress | None = None) -> Package:
    """Zip `site_dir` into `output` in a fixed order with fixed times and modes; replace `output` only when done.

    The zip gets the mode a plain write would (the umask's), not the temporary file's owner-only one.

    Raises:
        InputError: `output` is a folder (see `check_zip_output`).
    """
    check_zip_output(output)
    stamp = time.gmtime(max(epoch, _ZIP_EPOCH))[:6]
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and not _left_out(p.relative_to(site_dir).as_posix()))
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=".package-", suffix=".zip")
    try:
        with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            os.fchmod(raw.fileno(), plain_file_mode(output))
            if progress:
                progress.start(len(files))
            for path in files:
                info = zipfile.ZipInfo(f"{TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                archive.writestr(info, path.read_bytes(), compresslevel=9)
                if progress:
                    progress.advance()
        os.replace(temporary, output)
        if progress:
            progress.end()
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Package(output, len(files), output.stat().st_size)
