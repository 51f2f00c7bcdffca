"""A source page's manifest (``sources/<name>.yaml``): provenance and layout hints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.common.errors import InputError, InputErrors
from build_tools.sources.editions.model import EditionEntry
from build_tools.sources.genre import GENRES, Genre
from build_tools.sources.parse import LeadMode, ParseOptions
from build_tools.validation.fields import SLUG, URL
from build_tools.validation.schema import schema_errors
from build_tools.validation.yamlfile import load_yaml

#: Addresses in a source's folder that are not essays: its own page, its editions' folder.
RESERVED_ESSAY_IDS = frozenset({"index", "editions"})
_DATE = {
    "type": "string",
    "pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?\Z",
    "description": 'write the date as YYYY, YYYY-MM or YYYY-MM-DD (quoted), e.g. date: "2021-12-08"',
}
#: A text takes effect on a day: `in_force` is a whole date, never a year or a month.
_IN_FORCE = {
    "type": "string",
    "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\Z",
    "description": 'write the day it took effect as YYYY-MM-DD (quoted), e.g. in_force: "2022-08-01"',
}
# What a citation of the page's essays needs beyond `publication`, `date` and `url` (see build_tools/citations/).
_CITATION_KEYS: dict[str, Any] = {
    # 版次: the newspaper page the essays were printed on, e.g. 7 (cited as 2021-12-08(7)).
    "edition": {"type": ["string", "integer"], "minLength": 1},
    # The date is inferred, not printed on the page: cited in brackets, as GB/T 7714 does an estimated year.
    "date_estimated": {"type": "boolean"},
    # False when `publication` describes the source rather than naming a newspaper: cited as [出版者不详].
    "publication_named": {"type": "boolean"},
}

#: What a document is and how it stands (国务院政策文件库's card); each, when given, overrides what the text prints.
STATUSES = ("现行有效", "已被修改", "已废止", "尚未生效")
_ONE_LINE = {"type": "string", "pattern": r"^[^\n]+\Z", "description": "write it on one line"}
_CARD_KEYS: dict[str, Any] = {
    # 发文机关: the body that issued the document (joint issuers side by side, 中共中央办公厅 国务院办公厅).
    "issuer": {**_ONE_LINE, "minLength": 1},
    # 发文字号, e.g. 国办发〔2018〕123号.
    "number": {**_ONE_LINE, "minLength": 1},
    # 成文日期 (the date it was signed) and 发布日期 (the date it was made public).
    "written": _DATE,
    "published": _DATE,
    # 主题分类 as the issuer files it, e.g. 综合政务\政务公开.
    "topics": {"type": "array", "minItems": 1, "items": {**_ONE_LINE, "minLength": 1}},
    # 索引号, e.g. 000014349/2018-00221.
    "index_number": {**_ONE_LINE, "minLength": 1},
    "status": {"enum": list(STATUSES), "description": "现行有效 (the default), 已被修改, 已废止 or 尚未生效"},
    # Since when the status holds (修改 / 废止 / 施行 date).
    "status_date": _DATE,
}

MANIFEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "publication": {"type": "string", "minLength": 1},
        "date": _DATE,
        "url": URL,
        "notes": {"type": "string"},
        # Where the file came from (repository, commit, record): for maintainers, never shown on the page.
        "provenance": {"type": "string", "minLength": 1},
        **_CITATION_KEYS,
        **_CARD_KEYS,
        # The ids of the site's documents and laws this source interprets (its 解读): each lists it, it names them.
        "interprets": {"type": "array", "minItems": 1, "uniqueItems": True, "items": SLUG},
        "genre": {
            "enum": list(GENRES),
            "description": "essays (a newspaper page), essay, report (or speech), document or regulation",
        },
        "articles": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["title", "id"],
                "properties": {"title": {"type": "string", "minLength": 1}, "id": SLUG},
            },
        },
        "label": {
            "type": "string",
            "minLength": 1,
            "description": "name the current text's edition, e.g. `label: 正式印发稿`",
        },
        # When the current text took (or takes) effect, where its 施行 provision does not say (editions/in_force.py).
        "in_force": _IN_FORCE,
        "editions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["file", "date", "label"],
                "properties": {
                    "file": {
                        "type": "string",
                        "pattern": r"^sources/([a-z0-9]+(-[a-z0-9]+)*/)+[a-z0-9]+(-[a-z0-9]+)*\.txt\Z",
                        "description": "give the earlier text's path in a folder below sources/, e.g. "
                        "`file: sources/editions/<page id>/draft.txt` "
                        "(a .txt directly in sources/ is a page of its own)",
                    },
                    "date": _DATE,
                    "label": {"type": "string", "minLength": 1},
                    "in_force": _IN_FORCE,
                },
            },
        },
        "layout": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"lead": {"enum": ["auto", "always", "never"]}},
        },
    },
    "dependentRequired": {"status_date": ["status"]},
}


@dataclass(frozen=True)
class CardFacts:
    """What a manifest says of a document's card; None (or empty) where it says nothing."""

    issuer: str | None = None
    number: str | None = None
    written: str | None = None
    published: str | None = None
    topics: tuple[str, ...] = ()
    index_number: str | None = None
    status: str | None = None
    status_date: str | None = None


def _card_facts(data: dict[str, Any]) -> CardFacts:
    def text(key: str) -> str | None:
        return str(data[key]).strip() if key in data else None

    return CardFacts(
        issuer=text("issuer"),
        number=text("number"),
        written=text("written"),
        published=text("published"),
        topics=tuple(str(topic).strip() for topic in data.get("topics", [])),
        index_number=text("index_number"),
        status=text("status"),
        status_date=text("status_date"),
    )


@dataclass(frozen=True)
class Manifest:
    """What a page's manifest says; every field is optional.

    Attributes:
        path: The manifest file, or None when the page has none.
        title: The title to show when the page prints none.
        publication: The newspaper or site that published the page.
        date: When it was published, as precisely as known.
        url: Where it was published.
        notes: Anything else a reader should know about the text's origin (shown on the page).
        provenance: Where the file itself came from (a repository, commit, record), for maintainers
            only: the page does not show it.
        article_ids: Stable essay ids, by essay title.
        lead: Whether essays open with a lead (``auto`` detects it).
        genre: The genre the manifest states (None: told from the source's shape).
        article_lines: The manifest line naming each essay title, for messages.
        edition: 版次, the newspaper page the essays were printed on.
        date_estimated: The date is inferred rather than printed on the page.
        publication_named: Whether `publication` is the newspaper's name (not a description of it).
        label: What the current text is called (None: 现行文本).
        in_force: When the current text took effect, where the manifest says (else its 施行 provision tells).
        in_force_line: The manifest line of `in_force`, for messages.
        editions: The earlier editions, oldest first as listed.
        status: What became of the text and when (已废止 or 尚未生效, a date), from `status:` and `status_date:`;
            None: in force.
        card: What the manifest says of a document's card (发文机关, 发文字号, dates, 主题分类, 索引号, status).
        interprets: The ids of the documents the source interprets, each with its manifest line, as listed.
    """

    path: str | None = None
    title: str | None = None
    publication: str | None = None
    date: str | None = None
    url: str | None = None
    notes: str | None = None
    provenance: str | None = None
    article_ids: dict[str, str] = field(default_factory=dict)
    lead: LeadMode = "auto"
    article_lines: dict[str, int | None] = field(default_factory=dict)
    edition: str | None = None
    label: str | None = None
    in_force: str | None = None
    in_force_line: int | None = None
    date_estimated: bool = False
    publication_named: bool = True
    editions: tuple[EditionEntry, ...] = ()
    genre: Genre | None = None
    genre_line: int | None = None
    status: tuple[str, str | None] | None = None
    card: CardFacts = field(default_factory=lambda: CardFacts())
    interprets: tuple[tuple[str, int | None], ...] = ()

    @property
    def parse_options(self) -> ParseOptions:
        """The hints the parser takes from this manifest."""
        return ParseOptions(lead=self.lead, article_ids=self.article_ids)


def _status(data: dict[str, Any]) -> tuple[str, str | None] | None:
    """What became of the text, when the manifest says it is not (or not yet) in force."""
    value = data.get("status")
    return None if value in (None, STATUSES[0]) else (str(value), data.get("status_date"))


def load_manifest(path: Path, shown_as: str) -> Manifest:
    """Read and validate a manifest; a missing file gives the defaults.

    Raises:
        InputErrors: The manifest is not valid.
    """
    if not path.exists():
        return Manifest()
    doc = load_yaml(path, shown_as)
    if doc.data is None:
        return Manifest(path=shown_as)
    errors = schema_errors(doc, MANIFEST_SCHEMA)
    if errors:
        raise InputErrors(errors)
    data = doc.data
    ids: dict[str, str] = {}
    lines: dict[str, int | None] = {}
    for index, item in enumerate(data.get("articles", [])):
        if item["id"] in RESERVED_ESSAY_IDS:
            errors.append(
                doc.error(
                    ("articles", index, "id"),
                    f"the id '{item['id']}' is taken: the page's own {item['id']} has that address",
                    f"give the essay another id, e.g. {item['id']}-essay",
                )
            )
        if item["title"] in ids:
            errors.append(
                doc.error(
                    ("articles", index, "title"),
                    f"the essay 「{item['title']}」 is listed twice; only one of its ids could be used",
                    "list each essay once",
                )
            )
        if item["id"] in ids.values():
            errors.append(
                doc.error(
                    ("articles", index, "id"),
                    f"the id '{item['id']}' is given to two essays",
                    "give each essay its own id",
                )
            )
        ids[item["title"]] = item["id"]
        lines[item["title"]] = doc.line_of(("articles", index, "title"))
    editions = tuple(
        EditionEntry(
            str(item["file"]),
            str(item["date"]),
            str(item["label"]),
            doc.line_of(("editions", index)),
            str(item["in_force"]) if "in_force" in item else None,
        )
        for index, item in enumerate(data.get("editions", []))
    )
    seen: set[str] = set()
    for index, entry in enumerate(editions):
        if entry.slug in seen:
            errors.append(
                doc.error(
                    ("editions", index, "file"),
                    f"two editions have the file name '{entry.slug}.txt', which becomes each one's address",
                    "give each edition's file a name of its own, e.g. draft.txt and revised-draft.txt",
                )
            )
        seen.add(entry.slug)
    if errors:
        raise InputErrors(errors)
    return Manifest(
        path=shown_as,
        title=data.get("title"),
        publication=data.get("publication"),
        date=str(data["date"]) if "date" in data else None,
        url=data.get("url"),
        notes=data.get("notes"),
        provenance=data.get("provenance"),
        article_ids=ids,
        lead=data.get("layout", {}).get("lead", "auto"),
        article_lines=lines,
        edition=str(data["edition"]) if "edition" in data else None,
        date_estimated=data.get("date_estimated", False),
        publication_named=data.get("publication_named", True),
        label=data.get("label"),
        in_force=str(data["in_force"]) if "in_force" in data else None,
        in_force_line=doc.line_of(("in_force",)) if "in_force" in data else None,
        editions=editions,
        genre=data.get("genre"),
        genre_line=doc.line_of(("genre",)) if "genre" in data else None,
        status=_status(data),
        card=_card_facts(data),
        interprets=tuple(
            (str(text_id), doc.line_of(("interprets", n))) for n, text_id in enumerate(data.get("interprets", []))
        ),
    )


def unmatched_titles(manifest: Manifest, titles: list[str]) -> list[InputError]:
    """Errors for manifest entries naming essays the page does not hold."""
    return [
        InputError(
            manifest.path or "",
            f"the manifest names the essay 「{title}」, which the page does not hold",
            "copy the title exactly as the page prints it (see `policy-reader inspect`), or remove the entry",
            line=manifest.article_lines.get(title),
            key="articles",
        )
        for title in manifest.article_ids
        if title not in titles
    ]


def displaced_ids(manifest: Manifest, articles: list[tuple[str, str]]) -> list[InputError]:
    """Errors for ids the manifest gives that an earlier essay already took (from its title), by (title, id)."""
    taken = {essay_id: title for title, essay_id in articles if manifest.article_ids.get(title) != essay_id}
    return [
        InputError(
            manifest.path or "",
            f"the id '{wanted}' is already the id of the essay 「{taken[wanted]}」 (made from its title)",
            f"give 「{taken[wanted]}」 an id of its own here too, or give this essay another id",
            line=manifest.article_lines.get(title),
            key="articles",
        )
        for title, essay_id in articles
        if (wanted := manifest.article_ids.get(title)) is not None and wanted != essay_id and wanted in taken
    ]
