"""One command table: the Typer CLI declares exactly it, and every documented command line
gives the same answer through the fast path and through the full CLI."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from essrural.cli import app
from essrural.commands import COMMANDS, parse_top
from essrural.errors import UserError
from essrural.fastpath import parse

from conftest import PROFILES, VALID_EXAMPLE, write

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _click_commands() -> dict[str, object]:
    root = typer.main.get_command(app)
    found = {}
    for name, command in root.commands.items():
        if hasattr(command, "commands"):  # a group: `data check`
            for sub, leaf in command.commands.items():
                found[f"{name} {sub}"] = leaf
        else:
            found[name] = command
    return found


def test_the_typer_commands_are_exactly_the_table():
    commands = _click_commands()
    assert set(commands) == set(COMMANDS)
    for name, declared in COMMANDS.items():
        command = commands[name]
        assert command.help == declared.help, name
        params = [p for p in command.params if p.name != "help"]
        arguments = [p for p in params if isinstance(p, typer.core.TyperArgument)]
        options = [p for p in params if not isinstance(p, typer.core.TyperArgument)]
        assert [(a.metavar, a.help) for a in arguments] == [(a.metavar, a.help) for a in declared.arguments], name
        assert len(options) == len(declared.options), name
        for param, option in zip(options, declared.options):
            where = f"{name} {option.name}"
            assert param.opts == [option.name] + ([option.short] if option.short else []), where
            assert param.help == option.help, where
            assert param.default == option.default, where
            assert bool(param.is_flag) == option.flag, where
            assert bool(param.multiple) == option.repeatable, where
            if not option.flag:
                assert param.metavar == option.metavar, where


def test_the_fast_path_parses_with_the_same_defaults():
    _arguments, options = parse(COMMANDS["diagnose"], ["--profile", "p.yaml"])
    assert options["--top"] is COMMANDS["diagnose"].option("--top").default is None  # the default plan
    _arguments, options = parse(COMMANDS["levers"], ["--data-dir", "a", "--data-dir=b"])
    assert options["--format"] == "table" and options["--data-dir"] == ["a", "b"]


@pytest.mark.parametrize("value", ["0", "101", "-1", "sept", "1.5", ""])
def test_top_outside_its_range_is_refused_in_french(value):
    with pytest.raises(UserError, match="de 1 à 100"):
        parse_top(value)


def documented_command_lines() -> list[str]:
    """Every `essrural …` line of the README's shell blocks (comments stripped)."""
    text = README.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            line = line.split("&&")[-1].strip()
            if line.startswith("essrural "):
                lines.append(line)
    return lines


def _world(folder: Path) -> None:
    """The files the README's examples name: a profile and two knowledge folders."""
    (folder / "profil.yaml").write_text((PROFILES / "thore.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("mon-dossier", "mes-cas"):
        write(folder / name, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire"))


def _run(line: str, folder: Path, fast: bool, cache: Path) -> tuple[int, str, str]:
    argv = shlex.split(line)[1:]
    code = f"import sys; sys.argv = ['essrural', *{argv!r}]; from essrural.__main__ import main; sys.exit(main())"
    env = {
        **os.environ, "ESSRURAL_CACHE_DIR": str(cache), "ESSRURAL_NO_FASTPATH": "0" if fast else "1",
        "COLUMNS": "80", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795737600",
    }
    env.pop("ESSRURAL_DATA_DIR", None)
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL
    )
    return result.returncode, result.stdout, result.stderr


def test_the_readme_documents_command_lines():
    assert len(documented_command_lines()) >= 10


@pytest.mark.parametrize("line", documented_command_lines())
def test_every_documented_command_line_gives_the_same_answer_on_both_paths(line, tmp_path):
    cache = tmp_path / "cache"
    answers = []
    for fast in (False, True):  # the full CLI first: it fills the cache the fast path reads
        folder = tmp_path / ("rapide" if fast else "complet")
        folder.mkdir()
        _world(folder)
        answers.append(_run(line, folder, fast, cache))
    full, fast = answers
    assert "Traceback" not in full[2] + fast[2]
    assert fast == full
    assert full[0] in (0, 2), full  # 2: the questionnaire needs a terminal, and says so
