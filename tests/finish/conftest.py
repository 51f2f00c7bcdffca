"""The project with its plain Material build, made once (tests/site/conftest.py), for finish's tests too."""

from tests.site.conftest import plain_built, unfinished

__all__ = ["plain_built", "unfinished"]
