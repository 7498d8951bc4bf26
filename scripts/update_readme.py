"""Regenerate the README's generated blocks: vocabulary, command reference, method, ranking quality.

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


def _has_command(app: object, name: str) -> bool:
    return any((c.name or c.callback.__name__) == name for c in app.registered_commands)


def method_block() -> str:
    from essrural.document import Document
    from essrural.render.markdown import render
    from essrural.render.plan_doc import method_blocks

    return render(Document("Méthode", "", "", tuple(method_blocks(3))))


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


def eval_block() -> str:
    """The ranking's quality on the real cases of eval/, as eval/run.py measures it."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("essrural_eval", README.parent / "eval" / "run.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    from essrural.datafiles import load
    from essrural.frenchfmt import number, percent

    result = module.evaluate(load())

    rows = [
        ("levier utilisé par la commune", result["top"]),
        *((f"… série {n} ({found['n']} projets)", found["top"]) for n, found in result["series"].items()),
        ("sans les leviers écrits pour les manques que l'évaluation a révélés", result["strict"]),
        (
            f"profils complétés des questions de précision, posées après coup à l'aveugle ({result['n_asked']} profils)",
            result["asked"],
        ),
        (
            "plafond de tout classement qui ne lit que les besoins, atouts et priorités déclarés "
            "(mêmes réponses, leviers différents)",
            result["ceiling"],
        ),
        (f"profils perturbés d'un atout ajouté ou retiré ({number(result['n_perturbed'])} plans)", result["perturbed"]),
    ]
    lines = [
        f"| sur {result['n']} projets réels hors de la base | 1er | dans les 3 premiers | dans les 7 premiers |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [f"| {label} | {percent(s[1])} | {percent(s[3])} | {percent(s[7])} |" for label, s in rows]
    return "\n".join(lines) + "\n"


def regenerate(text: str) -> str:
    blocks = (("vocabulary", vocabulary_block), ("help", help_block), ("method", method_block), ("eval", eval_block))
    for name, build in blocks:
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
