"""The README says what the program does today, and CI runs the README's test command."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

pytestmark = pytest.mark.skipif(not README.is_file(), reason="needs the source tree")


def quick_start() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Démarrage rapide", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "le Démarrage rapide doit contenir un bloc ```sh"
    return [line for line in block[1].splitlines() if line.strip()]


def test_quick_start_is_exactly_two_commands():
    commands = quick_start()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && essrural ")
    assert commands[1] == "pip install '.[test]' && pytest"


def test_ci_runs_the_readme_test_command_in_a_fresh_venv():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in script
    assert quick_start()[1] in script
    assert "-e ." not in script and "--editable" not in script


def test_generated_readme_blocks_are_up_to_date():
    spec = importlib.util.spec_from_file_location("update_readme", ROOT / "scripts" / "update_readme.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    current = README.read_text(encoding="utf-8")
    assert module.regenerate(current) == current, "lancez : python scripts/update_readme.py"


def test_every_command_is_documented():
    from essrural.cli import app

    text = README.read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        assert f"### `essrural {name}" in text
    assert "### `essrural data check`" in text


def test_the_readme_shows_the_printed_council_document():
    """The pictures exist, are PNG, and are what scripts/render_pictures.py writes."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    script = (ROOT / "scripts" / "render_pictures.py").read_text(encoding="utf-8")
    for name in ("plan-synthese.png", "plan-projet.png"):
        assert f'src="docs/{name}"' in readme and f'"{name}"' in script
        assert (ROOT / "docs" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
