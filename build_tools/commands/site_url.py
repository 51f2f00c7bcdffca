"""A warning when the site's address is a placeholder: every citation would point at it."""

from __future__ import annotations

from urllib.parse import urlsplit

#: Names reserved for examples (RFC 2606, RFC 6761): no site is published there.
_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
_EXAMPLE_TOP_LEVELS = ("example", "invalid", "test")


def is_placeholder(site_url: str) -> bool:
    """Whether `site_url` names a host reserved for examples."""
    host = (urlsplit(site_url).hostname or "").rstrip(".")
    return host in _EXAMPLE_DOMAINS or host.endswith(tuple(f".{d}" for d in _EXAMPLE_DOMAINS + _EXAMPLE_TOP_LEVELS))


def placeholder_warning(site_url: str, config: str, command: str) -> str | None:
    """What to say when `site_url` (from `config`) is a placeholder, for `policy-reader COMMAND`; else None."""
    if not is_placeholder(site_url):
        return None
    return (
        f"{config}: site_url is {site_url}, an address reserved for examples: every citation, "
        "BibTeX and RIS record and shared link this makes points there, not at the published site\n"
        "  fix: set site_url in mkdocs.yml to the published address; the project's own mkdocs.yml takes it "
        f"from SITE_URL: `SITE_URL=https://you.github.io/policy-reader/ policy-reader {command}`"
        + (", or pass --site-url" if command.startswith("finish") else "")
    )
