"""Text helpers shared by the vocabulary, the search and the commune look-up.

Why: users type without accents, in capitals or with a stray space; every
comparison in essrural goes through `fold` so that it behaves the same way.
No regular expressions here: `re` costs more to import than these loops cost
to run, and these helpers are on every command's path.
"""

from __future__ import annotations

import unicodedata

SEMICOLON = "\u00a0; "  # French typography: a (no-break) space before « ; » in lists


def with_website(name: str, website: str | None) -> str:
    """`CRESS Bretagne (https://…)`, or the name alone: how a network is named to whom must call it."""
    return f"{name} ({website})" if website else name


def sentence(text: str) -> str:
    """`suite incertaine` → `Suite incertaine.`: a capital and a full stop, none added after « … » or « . »."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(("…", ".")) else ".")


def in_sentence(text: str) -> str:
    """`Dispositifs de la Région` → `dispositifs de la Région`: a phrase continued after a colon, proper nouns kept."""
    return text[:1].lower() + text[1:]


def fold(text: str) -> str:
    """Lower-case `text` and strip its accents (`Thoré` → `thore`, `Œ` → `oe`)."""
    text = text.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _squash(text: str, separator: str, keep: str = "") -> str:
    """Keep ASCII letters and digits (and `keep`); each other run becomes one separator."""
    out: list[str] = []
    pending = False
    for c in text:
        if (c.isascii() and c.isalnum()) or c in keep:
            if pending and out:
                out.append(separator)
            out.append(c)
            pending = False
        else:
            pending = True
    return "".join(out)


def words(text: str) -> str:
    """`fold` then keep only letters and digits, one space between words."""
    return _squash(fold(text), " ")


def as_identifier(text: str, separator: str = "_") -> str:
    """Turn what a user typed into the shape of an id: `Tiers lieux` → `tiers_lieux`."""
    return _squash(fold(text), separator)


def safe_filename(text: str, default: str = "plan") -> str:
    """A file name made only of ASCII letters, digits, dot, dash and underscore."""
    name = _squash(fold(text), "-", keep="._-").strip("-._")
    return name[:80] or default


def one_line(text: str) -> str:
    """Replace control characters and line breaks so user text stays on one line."""
    return "".join(" " if unicodedata.category(c).startswith("C") else c for c in text).strip()


# Characters that change how a terminal or an editor shows the text around them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# What is not plain text, written out for a terminal: the control characters (but tabs and line
# breaks) and the bidirectional controls.
_SHOWN = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), *map(ord, _BIDI_CONTROLS)]
    if c not in (0x09, 0x0A)
}


def control_character(text: str) -> str | None:
    """The first character of `text` that is not plain text (escape sequences, bell, bidi overrides),
    as `U+001B`; line breaks and tabs are plain text."""
    if text.translate(_SHOWN) == text:  # the usual case, answered at C speed for the whole base
        return None
    return next(f"U+{ord(c):04X}" for c in text if ord(c) in _SHOWN)


def shown(text: str) -> str:
    """Text for a terminal: control characters written out (`\\x1b`), never obeyed."""
    return text.translate(_SHOWN)


def excerpt(text: str, limit: int = 60) -> str:
    """User text quoted back in a message: one line, cut with « … » when long."""
    text = one_line(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_utf8(text: str) -> bool:
    """False for a command-line argument that arrived as bytes which are not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_GROUP_SEPARATORS = " \u00a0\u202f."  # « 1 200 », « 1 200 » (espaces insécables), « 1.200 »


def whole_number(text: str) -> int | None:
    """A whole number as people type it: `1200`, `1 200`, `1 200`, `1.200`; None for anything else
    (`1.5`, `1,5`, `0x384`, `1_200`, `12 00`): a separator must be followed by exactly three digits."""
    text = text.strip()
    groups: list[str] = []
    current = ""
    separator = None
    for c in text:
        if c.isascii() and c.isdigit():
            current += c
        elif c in _GROUP_SEPARATORS and current and (separator is None or c == separator):
            separator = c
            groups.append(current)
            current = ""
        else:
            return None
    groups.append(current)
    if not groups[0] or (len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]))):
        return None
    return int("".join(groups))


_INHABITANTS = ("habitants", "habitant", "hab.", "hab")  # longest first


def inhabitants(text: str) -> int | None:
    """A number of inhabitants as people type it: a `whole_number`, maybe followed by its unit
    (`300 habitants`, `1 200 hab.`); None for anything else."""
    text = text.strip()
    folded = text.casefold()
    for unit in _INHABITANTS:
        if folded.endswith(unit) and len(folded) == len(text):
            text = text[: len(text) - len(unit)]
            break
    return whole_number(text)
