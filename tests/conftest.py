"""Shared fixtures: a pinned terminal, the CLI runner, knowledge files in tmp folders."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from essrural.cli import app
from essrural.knowledge import Knowledge
from essrural.loading import read_texts
from essrural.profile import Profile
from essrural.profile_file import profile_from_answers


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="réécrire les fichiers de référence de tests/golden"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden (then review the diff)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update:
            path.write_text(text, encoding="utf-8")
        assert path.is_file(), f"fichier de référence absent : lancez pytest --update-golden ({name})"
        assert text == path.read_text(encoding="utf-8"), f"{name} a changé : relisez le diff, puis pytest --update-golden"

    return check


PROFILES = Path(__file__).parent / "profiles"


@pytest.fixture(scope="session")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def stable_terminal(monkeypatch: pytest.MonkeyPatch, cache_folder: Path) -> None:
    """Same output on every machine: 80 columns, no colour, no user data folder."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("ESSRURAL_DATA_DIR", raising=False)
    monkeypatch.delenv("ESSRURAL_DEBUG", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795737600")
    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(cache_folder))  # never the user's ~/.cache  # 27 novembre 2026, for stable exports


class Cli:
    """Runs `essrural …` in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None):
        return self.runner.invoke(app, list(args), input=input, env=env)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def write(folder: Path, name: str, text: str) -> Path:
    """Write `text` (dedented) to `folder/name` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


VALID_LEVER = """
    levers:
      - id: levier-test
        title: Un levier de test
        family: foncier
        sectors: [commerce]
        summary: Un levier pour les tests.
        addresses: [epicerie]
        uses: [batiment_vacant]
        budget: faible
        duration: court
        first_steps: [Première étape., Deuxième étape.]
        partners: [CRESS]
        sources: [https://example.org/levier]
"""

VALID_EXAMPLE = """
    examples:
      - id: cas-test
        name: Un cas de test
        commune: Testville
        departement: "41"
        sectors: [commerce]
        levers: [levier-test]
        summary: Un cas pour les tests.
        authority_action: La commune prête un local.
        source: https://example.org/cas
"""


def knowledge_from(**sections: list[dict]) -> Knowledge:
    """Knowledge built by the real loader from YAML text: `knowledge_from(levers=[{…}], examples=[…])`."""
    text = yaml.safe_dump({name: items for name, items in sections.items() if items}, allow_unicode=True, sort_keys=False)
    return read_texts([("test.yaml", text)])


def profile_of(**fields: object) -> Profile:
    """A profile checked as a questionnaire's answers are."""
    return profile_from_answers(fields)
