"""Wrapped terminal text reads like French print: no orphan « » : ; ! ? at a line's edge."""

from __future__ import annotations

import io

import pytest

from essrural.render.plaintext import Out, wrap

SENTENCE = (
    "L'association « Domfront En vie » fait rouler un service : seize chauffeurs ; bravo ! Et après ? "
    "Le programme (« Nouveaux lieux, nouveaux liens ») finance. Vérifié le 27 novembre 2026, "
    "population proche (809 hab.), budget moins de 40 k€, 1er janvier."
)


@pytest.mark.parametrize("width", range(12, 60))
def test_wrapping_never_strands_french_punctuation_at_a_line_edge(width):
    lines = wrap(SENTENCE, width)
    assert " ".join(lines) == SENTENCE
    for line in lines:
        assert not line.endswith("«")
        assert not line.startswith(("»", ":", ";", "!", "?")), line
        assert not line.endswith(("27", "(809", "40", "1er")), line


def test_wrapping_fills_lines_up_to_the_width():
    assert wrap("un deux trois quatre cinq", 9) == ["un deux", "trois", "quatre", "cinq"]
    assert wrap("un deux trois", 20, first_width=5) == ["un", "deux trois"]


def test_control_characters_from_files_are_shown_never_obeyed():
    from essrural.document import Document, Heading, Para, spans
    from essrural.render.text import render

    buffer = io.StringIO()
    render(Document("t", "", "", (Heading(1, "Titre\x1b[2J"), Para(spans("rouge \x1b[31m et cloche \x07 \u202etxt")))), Out(buffer))
    text = buffer.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text and "\\x07" in text and "\\u202e" in text
