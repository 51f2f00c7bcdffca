"""Write a throwaway project of N essays, M glossary terms and K annotations, from the Gansu page.

Essays are the three Gansu essays recombined under new titles and ids (three to a source page,
like the real page), so every essay has real Chinese text, real measures and real structure.
"""

from __future__ import annotations

import datetime
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jieba
import yaml

ROOT = Path(__file__).resolve().parent.parent
GANSU = ROOT / "sources" / "gansu-2021-digital-development.txt"
ESSAYS_PER_PAGE = 3
FIRST_WEEK = datetime.date(2021, 1, 4)
_DIGITS = "零一二三四五六七八九"
# Words a glossary might define: three to six Han characters.
_TERM_LIKE = re.compile(r"[\u4e00-\u9fff]{3,6}")


@dataclass(frozen=True)
class CorpusSize:
    """How big a generated project is."""

    essays: int
    terms: int
    annotations: int
    dense_terms: bool = False


def _number(n: int) -> str:
    """A number in Chinese digits, so titles stay Chinese (and ids come from the manifest)."""
    return "".join(_DIGITS[int(d)] for d in str(n))


def _essay_blocks() -> list[list[str]]:
    """The Gansu page's essays, each as its lines from title to affiliation."""
    lines = [line for line in GANSU.read_text(encoding="utf-8").splitlines() if line.strip()]
    starts = [
        i for i, line in enumerate(lines[:-1]) if line.startswith(("加强“数字政府”", "努力打造西部", "以“新基建”"))
    ]
    ends = [*starts[1:], lines.index("相关新闻")]
    return [lines[s:e] for s, e in zip(starts, ends, strict=True)]


def write_project(target: Path, size: CorpusSize, seed: int = 7) -> Path:
    """Write a project with `size` essays, terms and annotations into `target` (replaced)."""
    rng = random.Random(seed)  # noqa: S311 - picks words, not secrets
    if target.exists():
        shutil.rmtree(target)
    (target / "sources").mkdir(parents=True)
    (target / "annotations").mkdir()
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns("gansu-*"))
    (target / "docs" / "index.md").unlink(missing_ok=True)
    blocks = _essay_blocks()
    essays: list[tuple[str, str]] = []  # (page id, essay id)
    for page in range(0, size.essays, ESSAYS_PER_PAGE):
        page_id = f"page-{page // ESSAYS_PER_PAGE + 1:04d}"
        lines, manifest = [f"理论版第{_number(page // ESSAYS_PER_PAGE + 1)}期"], []
        for n in range(page, min(page + ESSAYS_PER_PAGE, size.essays)):
            block = blocks[n % len(blocks)]
            title = f"{block[0]}之{_number(n + 1)}"
            lines += [title, *block[1:]]
            essay_id = f"essay-{n + 1:04d}"
            manifest.append({"title": title, "id": essay_id})
            essays.append((page_id, essay_id))
        (target / "sources" / f"{page_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        # One page a week, as a theory page is published.
        published = FIRST_WEEK + datetime.timedelta(weeks=page // ESSAYS_PER_PAGE)
        data = {"title": lines[0], "date": published.isoformat(), "articles": manifest}
        (target / "sources" / f"{page_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _write_glossary(target, size.terms, rng, size.dense_terms)
    _write_annotations(target, size.annotations, essays, rng)
    return target


def _write_glossary(target: Path, count: int, rng: random.Random, dense: bool) -> None:
    """The real terms first, then generated ones up to `count`.

    Generated terms are words of jieba's dictionary: like the terms of a glossary for a
    whole archive, few of them occur in any one essay. With `dense`, they are pieces of
    these essays' own text instead, so that every one of them occurs (a stress test).
    """
    real = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))["terms"]
    terms = real[:count]
    kept = {t["term"] for t in terms}
    for term in terms:  # `see` may only name terms that are kept
        term["see"] = [name for name in term.get("see", []) if name in kept]
    known = {t["term"] for t in terms} | {a for t in terms for a in t.get("aliases", [])}
    words = _essay_pieces(rng) if dense else _dictionary_words(rng)
    for word in words:
        if len(terms) >= count:
            break
        if word not in known:
            known.add(word)
            terms.append({"term": word, "definition": f"生成的术语“{word}”,用于衡量术语标注的开销。"})
    (target / "glossary.yaml").write_text(yaml.safe_dump({"terms": terms}, allow_unicode=True), encoding="utf-8")


@cache
def _term_like_words() -> tuple[str, ...]:
    """The words of jieba's dictionary a glossary might define (read once: 350,000 lines)."""
    with jieba.get_dict_file() as dictionary:
        words = (line.decode("utf-8").split(" ", 1)[0] for line in dictionary)
        return tuple(word for word in words if _TERM_LIKE.fullmatch(word))


def _dictionary_words(rng: random.Random) -> Iterator[str]:
    while True:  # read only once a generated term is wanted
        yield rng.choice(_term_like_words())


def _essay_pieces(rng: random.Random) -> Iterator[str]:
    text = "".join(line for block in _essay_blocks() for line in block[2:])
    while True:
        start = rng.randrange(len(text) - 6)
        word = text[start : start + rng.choice((4, 5, 6))]
        if _TERM_LIKE.fullmatch(word):
            yield word


def _write_annotations(target: Path, count: int, essays: list[tuple[str, str]], rng: random.Random) -> None:
    items = []
    for n in range(count):
        page_id, essay_id = essays[n % len(essays)]
        other_page, other_id = essays[(n * 7 + 1) % len(essays)]
        items.append(
            {
                "id": f"note-{n + 1:05d}",
                "target": {"article": f"{page_id}/{essay_id}", "measure": "measure-1"},
                "body": "生成的注释,用于衡量注释解析和渲染的开销。",
                "related": [{"article": f"{other_page}/{other_id}", "measure": "measure-2"}],
                "tags": [rng.choice(["数据要素", "数字政府", "科技创新", "数字基础设施"])],
            }
        )
    (target / "annotations" / "generated.yaml").write_text(
        yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
