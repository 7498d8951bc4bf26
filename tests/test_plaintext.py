"""Wrapped terminal text reads like French print: no orphan « » : ; ! ? at a line's edge."""

from __future__ import annotations

import pytest

from essrural.render.plaintext import wrap

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
