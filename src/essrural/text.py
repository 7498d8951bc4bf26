"""Text helpers shared by the vocabulary, the search and the commune look-up.

Why: users type without accents, in capitals or with a stray space; every
comparison in essrural goes through `fold` so that it behaves the same way.
"""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents (`Thoré` → `thore`, `Œ` → `oe`)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> str:
    """`fold` then keep only letters and digits, one space between words."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def as_identifier(text: str, separator: str = "_") -> str:
    """Turn what a user typed into the shape of an id: `Tiers lieux` → `tiers_lieux`."""
    return _NON_ALNUM.sub(separator, fold(text).strip()).strip(separator)


def safe_filename(text: str, default: str = "plan") -> str:
    """A file name made only of ASCII letters, digits, dot, dash and underscore."""
    name = _SAFE_FILENAME.sub("-", fold(text)).strip("-._")
    return name[:80] or default


def one_line(text: str) -> str:
    """Replace control characters and line breaks so user text stays on one line."""
    return "".join(" " if unicodedata.category(c).startswith("C") else c for c in text).strip()
