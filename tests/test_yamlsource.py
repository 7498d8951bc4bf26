"""YAML is read safely, within limits, and every value keeps its line."""

from __future__ import annotations

import pytest

from essrural.errors import UserError
from essrural.yamlsource import MAX_ALIASES, MAX_DEPTH, parse_yaml, read_yaml


def error(text: str | bytes) -> str:
    with pytest.raises(UserError) as caught:
        parse_yaml(text, "f.yaml")
    return str(caught.value)


def test_lines_are_recorded_for_nested_values():
    doc = parse_yaml("a: 1\nb:\n  - x: 2\n    y: [3, 4]\n", "f.yaml")
    assert doc.data == {"a": 1, "b": [{"x": 2, "y": [3, 4]}]}
    assert doc.line_of(("b", 0, "y")) == 4
    assert doc.line_of(("b", 0, "missing")) == 3  # falls back to the enclosing item


@pytest.mark.parametrize(
    "tag",
    ["!!python/object/apply:os.system ['echo x']", "!!python/name:os.system", "!!binary aGVsbG8=", "!custom 1"],
)
def test_non_standard_tags_are_refused(tag):
    assert "balise YAML non autorisée" in error(f"a: {tag}\n")


def test_alias_bomb_is_stopped_quickly():
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    message = error("\n".join(lines) + "\n")
    assert "réutilisations d'ancres" in message or "trop complexe" in message


def test_a_few_aliases_are_fine():
    doc = parse_yaml("base: &b [1, 2]\ncopy: *b\n", "f.yaml")
    assert doc.data["copy"] == [1, 2]


def test_too_many_aliases_are_refused():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 5)) + "]\n"
    # scalar aliases are cheap and harmless; only container reuse is limited
    assert parse_yaml(text, "f.yaml").data["b"][0] == 1
    text = "a: &a [1]\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 5)) + "]\n"
    assert "réutilisations d'ancres" in error(text)


def test_deep_nesting_is_refused():
    depth = MAX_DEPTH + 5
    assert "imbrication trop profonde" in error("a: " + "[" * depth + "]" * depth + "\n")


def test_very_deep_nesting_is_refused_by_the_parser():
    assert "imbrication trop profonde" in error("[" * 100_000)


def test_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 100 + b"\n")
    with pytest.raises(UserError) as caught:
        read_yaml(big, max_bytes=50)
    assert "fichier trop volumineux" in str(caught.value)


def test_bom_is_accepted():
    assert parse_yaml("\ufeffa: 1\n".encode("utf-8"), "f.yaml").data == {"a": 1}


def test_a_folder_is_not_a_file(tmp_path):
    with pytest.raises(UserError) as caught:
        read_yaml(tmp_path)
    assert "est un dossier" in str(caught.value)


def test_control_characters_are_reported_with_their_line():
    message = error("a: 1\nb: \x07\n")
    assert message.startswith("f.yaml:2: ") and "caractère de contrôle" in message


def test_keys_must_be_plain_text():
    assert "une clé doit être un simple texte" in error("? [a, b]\n: 1\n")
