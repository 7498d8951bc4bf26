"""`python -m essrural` and the `essrural` console script."""

from __future__ import annotations

import sys


def main() -> int:
    """The fast path for everyday commands when it can answer, else the full Typer CLI."""
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
