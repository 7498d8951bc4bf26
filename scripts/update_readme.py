"""Regenerate the README's generated blocks: the command reference and the method.

Usage: python scripts/update_readme.py          (rewrite README.md)
       python scripts/update_readme.py --check  (exit 1 if README.md is stale)

Why: the README must say what the program does today. The blocks between
`<!-- BEGIN x -->` and `<!-- END x -->` come from `--help` and from
`essrural.method`, and a test fails when they drift.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = [
    [],
    ["diagnose"],
    ["examples"],
    ["levers"],
    ["commune"],
    ["data", "check"],
]


def help_block() -> str:
    os.environ["COLUMNS"] = "80"
    os.environ["NO_COLOR"] = "1"
    from typer.testing import CliRunner

    from essrural.cli import app

    runner = CliRunner()
    parts = []
    names = {"commune"} if _has_command(app, "commune") else set()
    for args in COMMANDS:
        if args and args[0] == "commune" and "commune" not in names:
            continue
        result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "80"})
        if result.exit_code != 0:
            raise SystemExit(f"essrural {' '.join(args)} --help a échoué : {result.output}")
        title = " ".join(["essrural", *args]).strip()
        parts.append(f"### `{title}`\n\n```text\n{result.stdout.rstrip()}\n```\n")
    return "\n".join(parts)


def _has_command(app, name: str) -> bool:  # type: ignore[no-untyped-def]
    return any((c.name or c.callback.__name__) == name for c in app.registered_commands)


def method_block() -> str:
    from essrural.method import sections
    from essrural.render.plan_markdown import method_section

    lines: list[str] = []
    for section in sections():
        lines += method_section(section, level=3)
    return "\n".join(lines).rstrip() + "\n"


def vocabulary_block() -> str:
    from essrural.vocabulary import ASSETS, FAMILIES, MISSING_SERVICES, SECTORS

    lines = []
    for title, key, vocabulary in (
        ("Services manquants", "missing_services", MISSING_SERVICES),
        ("Atouts", "assets", ASSETS),
        ("Secteurs", "priorities, --sector", SECTORS),
        ("Familles de leviers", "--family", FAMILIES),
    ):
        lines += [f"**{title}** (`{key}`) :", ""]
        lines += [f"- `{i}` : {label}" for i, label in vocabulary.labels.items()]
        lines.append("")
    return "\n".join(lines)


def regenerate(text: str) -> str:
    for name, build in (("vocabulary", vocabulary_block), ("help", help_block), ("method", method_block)):
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)", re.S)
        if not pattern.search(text):
            raise SystemExit(f"README.md : marqueurs « BEGIN {name} » / « END {name} » introuvables.")
        text = pattern.sub(lambda m: m[1] + "\n" + build() + "\n" + m[2], text)
    return text


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    fresh = regenerate(current)
    if "--check" in argv:
        if fresh != current:
            print("README.md n'est plus à jour : lancez python scripts/update_readme.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
