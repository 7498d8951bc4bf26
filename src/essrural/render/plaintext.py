"""Plain terminal text: width, wrapping and a little bold, without Rich.

Why: `essrural levers` and `essrural examples` must start almost as fast as
Python itself, and Rich takes longer to import than they take to run. Lists
of levers and cases need no more than wrapped lines and a bold title. Wrapping
breaks only at ordinary spaces, so « 1 650 hab. » (narrow no-break space)
never splits, and a long URL stays whole on its line; nor does it break
inside « … » quotation marks or before : ; ! ? as typed with a plain space.
"""

from __future__ import annotations

import os
import sys

MIN_WIDTH = 40
BOLD, DIM, ITALIC, RESET = "\x1b[1m", "\x1b[2m", "\x1b[3m", "\x1b[0m"
RED, GREEN, YELLOW = "\x1b[31m", "\x1b[32m", "\x1b[33m"
STYLES = {"bold": BOLD, "dim": DIM, "italic": ITALIC, "red": RED, "green": GREEN, "yellow": YELLOW}


def columns_setting() -> int | None:
    """COLUMNS when set: at least MIN_WIDTH, 80 when it is not a number; None when unset."""
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        return max(int(raw), MIN_WIDTH)
    except ValueError:
        return 80


def terminal_width(stream) -> int:
    """COLUMNS when it is set, else the terminal's width, else 80."""
    setting = columns_setting()
    if setting is not None:
        return setting
    try:
        if stream.isatty():
            return max(os.get_terminal_size(stream.fileno()).columns, MIN_WIDTH)
    except (OSError, ValueError, AttributeError):
        pass
    return 80


def wants_colour(stream) -> bool:
    if "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (ValueError, AttributeError):
        return False


def wrap(text: str, width: int, first_width: int | None = None) -> list[str]:
    """Greedy wrapping at spaces; a word longer than the width gets a line of its own.

    `first_width` is the room on the first line when a label already takes some.
    """
    lines: list[str] = []
    limit = width if first_width is None else first_width
    size = visible_len if "\x1b" in text else len  # style codes take no room on screen
    for paragraph in text.split("\n"):  # a line break in the text stays one
        current, used = "", 0
        for word in chunks(paragraph):
            room = size(word)
            if current and used + 1 + room > limit:
                lines.append(current)
                current, used, limit = word, room, width
            else:
                current, used = (f"{current} {word}", used + 1 + room) if current else (word, room)
        lines.append(current)
        limit = width
    return lines


def visible_len(text: str) -> int:
    """The width of text on screen: its characters less the `ESC [ … m` style codes."""
    count, skip = 0, False
    for c in text:
        if c == "\x1b":
            skip = True
        elif skip:
            skip = c != "m"
        else:
            count += 1
    return count


# French typography: a space goes before these signs, but never a line break (nor before a separator · or —).
_GLUED_TO_PREVIOUS = "»:;!?·—"


def chunks(text: str) -> list[str]:
    """What a line may break between: words, « and » kept with the words they enclose,
    : ; ! ? with the word before, a number with what it counts (« 27 novembre », « 240 hab. »)."""
    words: list[str] = []
    for word in text.split(" "):
        if not word:
            continue
        if words and (word[0] in _GLUED_TO_PREVIOUS or words[-1][-1] == "«" or _is_number(words[-1])):
            words[-1] += " " + word  # also « ») », « (« », « (809 hab.) »
        else:
            words.append(word)
    return words


def _is_number(word: str) -> bool:
    """`27`, `1er`, `(809`, `1,5`, `12\u202f500`: the last piece of a chunk ending in a number."""
    if not (word[-1].isdigit() or word.endswith("er")):  # most words: answered at once
        return False
    last = word.rsplit(" ", 1)[-1].lstrip("(+-")
    if last.endswith("er"):
        last = last[:-2]
    return last.replace(",", "").replace("\u202f", "").isdigit()


class Out:
    """Writes wrapped, optionally bold or dim, lines to a stream."""

    def __init__(self, stream=None, measure=None):
        """`measure`: the stream whose width and colour apply (the terminal), when writing elsewhere."""
        self.stream = stream or sys.stdout
        self.width = terminal_width(measure or self.stream)
        self.colour = wants_colour(measure or self.stream)

    def style(self, text: str, style: str) -> str:
        return f"{style}{text}{RESET}" if self.colour and style and text else text

    def line(self, text: str = "", style: str = "") -> None:
        self.stream.write(self.style(text, style) + "\n")

    def para(
        self, text: str, indent: int = 0, hang: int | None = None, style: str = "", first: str = "", first_style: str = ""
    ) -> None:
        """`text` wrapped to the width after `indent` spaces and a `first` label (kept as typed);
        the following lines start at `hang` (by default under the text)."""
        start = indent + len(first)
        hang = start if hang is None else hang
        lines = wrap(text, max(self.width - hang, 20), max(self.width - start, 20))
        self.line(" " * indent + self.style(first, first_style) + self.style(lines[0], style))
        for part in lines[1:]:
            self.line(" " * hang + self.style(part, style))

    def raw(self, text: str) -> None:
        """A line never wrapped (a URL): the terminal folds it, copy and paste keep it whole."""
        self.stream.write(text + "\n")
