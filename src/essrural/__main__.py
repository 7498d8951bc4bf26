"""`python -m essrural` and the `essrural` console script."""

from __future__ import annotations

import os
import sys


def main() -> int:
    """The fast path for everyday commands when it can answer, else the full Typer CLI."""
    if sys.stderr is None:  # `2>&-`: an error is lost, never printed into the output a script redirects
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    if sys.stdout is None:  # `>&-`: nothing could be shown; stop before anything is written
        print("la sortie standard est fermée : redirigez-la plutôt vers /dev/null (> /dev/null).", file=sys.stderr)
        return 1
    if sys.argv[1:] == ["--version"]:  # the cheapest answer of all
        from . import __version__

        print(f"essrural {__version__}")
        return 0
    from .fastpath import run

    code = run(sys.argv[1:])
    if code is not None:
        return code
    from typer.main import get_command

    from .cli import app

    return get_command(app).main(prog_name="essrural")


if __name__ == "__main__":
    sys.exit(main())
