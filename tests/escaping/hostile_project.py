"""A small project whose every field a manifest, a source, the glossary or a note can give holds hostile text.

Each value carries markup that would run (`<img onerror>`, `"><script>`), a comment or script end
(`<!--<script>`, `</script>`), quotes, braces, backslashes and line breaks; a note links by each of
the ways a script address has got past a link filter. A page of it that runs nothing and shows each
value as text, and citation files that read back as one entry, are what escaping must give.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import REAL_PAGES, ROOT

#: Text that is markup, ends an element or attribute, or opens a field, entry, tag or record.
HOSTILE_TEXTS = (
    '"',
    "'",
    "<img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "<!--<script>",
    "</script>",
    "a\nb",
    "{}",
    "}{",
    "\\",
    "\u2028",
    "\n@misc{x, title={y}}",
    "\nER  - \nTY  - JOUR",
)
#: The ways a note's link has hidden a script address from a filter (the browser decodes each).
SCRIPT_LINKS = (
    "java&#115;cript:alert(1)",
    "javascript&colon;alert(1)",
    "&#x6a;avascript:alert(1)",
    "java&Tab;script:alert(1)",
    "JaVaScRiPt:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,alert(1)",
)
#: A link defined apart from its text, the eighth way.
REFERENCE_LINK = "[参考][r]\n\n[r]: javascript:alert(1)\n"
#: Links that stay links.
SAFE_LINKS = ("https://example.org/a?b=1&c=d", "#p2", "../")

PAGE = "hostile-essays"
DOCUMENT = "hostile-document"
ESSAY_TITLES = (
    '读书"><script>alert(1)</script><img src=x onerror=alert(1)>',
    "学习'{}\\本领</script>",
)
ESSAY_IDS = ("reading", "learning")
AUTHORS = ("高建华", "李明")
FIRST_PARAGRAPH = (
    '"><script>alert(1)</script>领导干部读书,不仅是个人爱好<!--<script>,更是一种政治责任。'
    "面对新形势新任务,不读书、不学习,本领就会落后。"
)
PAGE_TEXT = f"""{ESSAY_TITLES[0]}
{AUTHORS[0]}
{FIRST_PARAGRAPH}
道理并不复杂</script>。可现实中,一些干部总以工作忙为由,把读书当作{{可有可无}}的事情\\。
有的干部读书浅尝辄止,满足于记几句名言、摘几段语录,遇到实际问题依然束手无策。
只要真正把读书当作一种责任,就总能在忙碌中找到读书的时间。
{ESSAY_TITLES[1]}
{AUTHORS[1]}
学习是一种态度'"。每天挤出半小时,日积月累,收获就会十分可观。
读了书还要联系实际想一想,把书本上的道理同手头的工作结合起来。
"""
# The earlier edition differs in one paragraph of the first essay.
DRAFT_TEXT = PAGE_TEXT.replace("束手无策", "无从下手")
DRAFT_FILE = f"sources/editions/{PAGE}/draft.txt"

#: Every manifest field that is free text, with hostile text in it.
MANIFEST_FIELDS = {
    "title": "页<img src=x onerror=alert(1)>\"><script>alert(1)</script>'<!--<script>{}\\ \u2028题",
    "publication": "报</script><!--<script>{}\\\n@misc{x, title={y}}\nER  - \nTY  - JOUR\u2028",
    "notes": '说明<img src=x onerror=alert(1)>"><script>alert(1)</script>\n- 列表{#id onclick=x}',
    "edition": "7}, note = {injected",
    "label": "定稿<img src=x onerror=alert(1)>\"'",
}
# An edition's date is validated (YYYY[-MM[-DD]]: a date with markup is refused); its label is free text.
EDITION_FIELDS = {"date": "2021-11", "label": "征求意见稿<img src=x onerror=alert(2)>'"}
URL = "https://example.org/*a*_b_?c=1&d='e'#\u53e5"

DOCUMENT_TITLE_MARK = '<img src=x onerror=alert(3)>"'
DOCUMENT_FIELDS = {"publication": 'gov<img src=x onerror=alert(1)>"', "notes": "</script><!--<script>\u2028"}


def _yaml_string(text: str) -> str:
    """`text` as a double-quoted YAML scalar, every character as it is."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\u2028", "\\L")
    return f'"{escaped}"'


def _manifest() -> str:
    lines = [f"{key}: {_yaml_string(value)}" for key, value in MANIFEST_FIELDS.items()]
    lines += ['date: "2021-12"', f"url: {_yaml_string(URL)}", "genre: essays", "articles:"]
    lines += [f"  - {{title: {_yaml_string(t)}, id: {i}}}" for t, i in zip(ESSAY_TITLES, ESSAY_IDS, strict=True)]
    lines += [
        "editions:",
        f"  - file: {DRAFT_FILE}",
        f"    date: {_yaml_string(EDITION_FIELDS['date'])}",
        f"    label: {_yaml_string(EDITION_FIELDS['label'])}",
    ]
    return "\n".join(lines) + "\n"


def document_text() -> str:
    """A real State Council notice (see tests/data/README.md) whose title line carries markup."""
    text = (REAL_PAGES / "documents" / "notice-government-website-pilot-2018.txt").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    return f"{first.replace('政府网站', '政府网站' + DOCUMENT_TITLE_MARK, 1)}\n{rest}"


def _document_manifest() -> str:
    lines = [f"{key}: {_yaml_string(value)}" for key, value in DOCUMENT_FIELDS.items()]
    return "\n".join([*lines, "genre: document", 'date: "2018-08-28"', f"url: {_yaml_string(URL)}"]) + "\n"


GLOSSARY_FIELDS = {
    "english": '"><script>alert(1)</script>',
    "category": "<img src=x onerror=alert(1)>{}",
    "definition": "能力<!--<script>与</script>\"'\\本事。",
    "alias": "才干<img src=x onerror=alert(1)>",
    "source": "依据</script>\"'{}",
}


def _glossary() -> str:
    g = GLOSSARY_FIELDS
    return f"""terms:
  - term: 本领
    english: {_yaml_string(g["english"])}
    category: {_yaml_string(g["category"])}
    aliases: [{_yaml_string(g["alias"])}]
    definition: {_yaml_string(g["definition"])}
    sources:
      - {{title: {_yaml_string(g["source"])}, url: {_yaml_string(URL)}}}
    see: [读书]
  - term: 读书
    category: {_yaml_string(g["category"])}
    definition: 阅读书籍。
"""


NOTE_TAG = '标签<img src=x onerror=alert(1)>"'
NOTE_SOURCE = "依据</script><!--<script>\"'"
NOTE_TEXT = '正文<img src=x onerror=alert(1)>"><script>alert(1)</script><!--<script>{}\\'


def note_body() -> str:
    """A note linking by every script-address variant and by the links that stay links."""
    links = [f"[链接{n}]({href})" for n, href in enumerate(SCRIPT_LINKS + SAFE_LINKS, start=1)]
    return f"{NOTE_TEXT}\n\n" + "\n".join(f"- {link}" for link in links) + f"\n\n{REFERENCE_LINK}"


def _annotations() -> str:
    return f"""- id: hostile-links
  target: {{article: {ESSAY_IDS[0]}, quote: 不仅是个人爱好}}
  related:
    - {{article: {ESSAY_IDS[1]}, quote: 学习是一种态度}}
  body: {_yaml_string(note_body())}
  tags: [{_yaml_string(NOTE_TAG)}]
  sources:
    - {{title: {_yaml_string(NOTE_SOURCE)}, url: {_yaml_string(URL)}}}
"""


def write_hostile_project(target: Path) -> Path:
    """A project in `target` holding hostile text in every field; returns `target`."""
    (target / "sources").mkdir(parents=True)
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "sources" / f"{PAGE}.txt").write_text(PAGE_TEXT, encoding="utf-8")
    (target / "sources" / f"{PAGE}.yaml").write_text(_manifest(), encoding="utf-8")
    (target / DRAFT_FILE).parent.mkdir(parents=True)
    (target / DRAFT_FILE).write_text(DRAFT_TEXT, encoding="utf-8")
    (target / "sources" / f"{DOCUMENT}.txt").write_text(document_text(), encoding="utf-8")
    (target / "sources" / f"{DOCUMENT}.yaml").write_text(_document_manifest(), encoding="utf-8")
    (target / "glossary.yaml").write_text(_glossary(), encoding="utf-8")
    (target / "annotations").mkdir()
    (target / "annotations" / "hostile.yaml").write_text(_annotations(), encoding="utf-8")
    return target
