"""The search engine's files, named once: where Python writes them, and what the browser is told of them.

The engine (a worker) and its index (a head, parts and bigram shards, each a script calling the
engine through ``policyReader.search``, so that a page opened from disk can run them) are written
below the site root here; the browser learns each name from `browser_files` (the head script's
prelude for the search shim, the index's head for the engine), never from names of its own.
"""

from __future__ import annotations

import posixpath

#: The engine, below the site root: speaks Material's SETUP/READY/QUERY/RESULT worker protocol. It lies
#: beside the reader's bundles (finish/assets.py's ASSET_DIR), which is how the search shim finds it.
WORKER_PATH = "assets/policy-reader/search-worker.js"
#: The engine's index, in this folder below the site root: its parts (the head is part 0) and the
#: bigram index's shards (grams.py), each named by its number in place of ``{}``.
INDEX_DIR = "search"
PART_FILE = "part-{}.js"
SHARD_FILE = "grams/{}.js"
#: What each script of the index calls: ``policyReader.search.load(part, parts, json)``, ``….grams(shard, json)``.
INDEX_CALL = "policyReader.search"


def part_path(n: int) -> str:
    """Where part `n` of the engine's index is written, below the site root."""
    return f"{INDEX_DIR}/{PART_FILE.format(n)}"


def shard_path(n: int) -> str:
    """Where shard `n` of the bigram index is written, below the site root."""
    return f"{INDEX_DIR}/{SHARD_FILE.format(n)}"


def head_from_engine() -> str:
    """The index's head as the engine's ``?index=`` names it: relative to the engine's own address."""
    return posixpath.relpath(part_path(0), posixpath.dirname(WORKER_PATH))


def browser_files() -> dict[str, str]:
    """The names the browser's scripts use, each relative to the file before it.

    The engine's file (beside the reader's bundles), its index's head relative to it, and a part's and
    a shard's name relative to the head (``{}`` standing for the number).
    """
    return {
        "engine": posixpath.basename(WORKER_PATH),
        "head": head_from_engine(),
        "part": PART_FILE,
        "shard": SHARD_FILE,
    }
