"""What an essay page tells select-to-note (annotate.js): which essay it is, where notes are proposed.

The page carries it as data attributes of one hidden element, so the script needs no
configuration of its own and works alike when hosted, previewed and opened from disk.
"""

from __future__ import annotations

from build_tools.annotations.corpus import Corpus, EssayText
from build_tools.annotations.resolve import FIRST_CONTEXT_WIDTH, FOLD_PAIRS
from build_tools.common.markup import html_text

#: The body of a note written by select-to-note until the editor writes their own; `check` warns about it.
PLACEHOLDER_BODY = "在这里写注释:这段话是什么意思,或者为什么与相关段落有关。"
MARKER_ID = "pr-annotate"


def essay_reference(corpus: Corpus, essay: EssayText) -> str:
    """How a note names `essay` in `article:`: its id, or ``source/article`` where the id repeats."""
    return essay.article_id if len(corpus.find(essay.article_id)) == 1 else essay.key


def authoring_marker(
    corpus: Corpus, essay: EssayText, repo_url: str | None, branch: str, annotations_folder: str
) -> str:
    """The hidden element annotate.js reads on `essay`'s page."""
    attributes = {
        "data-essay": essay_reference(corpus, essay),
        "data-article": essay.article_id,
        "data-repo-url": (repo_url or "").rstrip("/"),
        "data-branch": branch,
        "data-folder": annotations_folder.strip("/"),
        "data-placeholder": PLACEHOLDER_BODY,
        "data-first-context-width": str(FIRST_CONTEXT_WIDTH),
        "data-folds": FOLD_PAIRS,
    }
    listed = "".join(f' {name}="{html_text(value)}"' for name, value in attributes.items())
    return f'<div id="{MARKER_ID}" hidden{listed}></div>'
