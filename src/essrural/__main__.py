"""`python -m essrural` and the `essrural` console script."""

from __future__ import annotations

import sys


def main() -> None:
    from .cli import app
    from typer.main import get_command

    get_command(app).main(prog_name="essrural")


if __name__ == "__main__":
    sys.exit(main())
