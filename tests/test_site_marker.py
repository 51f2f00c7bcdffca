"""The fast lane's guard: which command lines count as a build or a run of the CLI (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import _starts_a_build


@pytest.mark.parametrize(
    "argv",
    [
        ["mkdocs", "build"],
        ["/clone/.venv/bin/zensical", "build"],
        ["/clone/.venv/bin/policy-reader", "finish", "site"],
        ["/usr/bin/python3", "-m", "build_tools", "check"],
        ["python", "-m", "mkdocs", "build"],
        ["bash", "/clone/.ci/zensical-build"],
    ],
)
def test_a_build_or_the_cli_is_known_by_its_name(argv: list[str]) -> None:
    assert _starts_a_build(argv)


@pytest.mark.parametrize(
    "argv",
    [
        # CI clones the repository into a folder named policy-reader: a path is not a program.
        ["node", "--check", "/ci/empty/full/policy-reader/.github/scripts/preview.js"],
        ["pdftoppm", "-png", "/ci/pytest-of-root/zensical0/project/print.pdf", "out"],
        ["git", "clone", "/work/policy-reader", "copy"],
    ],
)
def test_a_command_over_files_in_such_folders_is_not(argv: list[str]) -> None:
    assert not _starts_a_build(argv)
