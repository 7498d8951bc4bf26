"""Markdown helpers that keep user text inert.

Why: a commune name such as `[x](javascript:alert(1))` or `<script>` comes
from a user's file; in an export it must read as the text it is, never as a
link, an image, HTML or a heading.
"""

from __future__ import annotations

import re

from ..text import one_line

# `_` inside a word never makes emphasis in CommonMark: left alone, URLs and ids stay readable
_SPECIAL = re.compile(r"([\\`*\[\]<>|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
_LINE_START = re.compile(r"^(\s*)([#+=-]|\d+[.)])")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def inline(text: object) -> str:
    """Escape `text` for use inside a Markdown line, after other text."""
    return _SPECIAL.sub(r"\\\1", one_line(str(text)))


def paragraph(text: object) -> str:
    """Escape `text` that starts a line: it must not become a heading or a list item."""
    return _LINE_START.sub(_escape_start, inline(text))


def _escape_start(match: re.Match[str]) -> str:
    marker = match[2]
    if marker[0].isdigit():  # "1." starts an ordered list: escape the dot
        return match[1] + marker[:-1] + "\\" + marker[-1]
    return match[1] + "\\" + marker


def link(url: str) -> str:
    """A clickable autolink for a plain http(s) URL (quotes and backquotes percent-encoded, as a
    browser would send them), escaped text otherwise."""
    url = one_line(url)
    encoded = url.replace("'", "%27").replace('"', "%22").replace("`", "%60")
    if _URL.match(encoded):
        return f"<{encoded}>"
    return inline(url)
