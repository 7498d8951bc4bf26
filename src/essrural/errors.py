"""The errors a user can cause, and how they are reported.

Why: library code raises one of these with a French message and, where there
is one, the file and line; a single handler in the CLI prints them on stderr
(one line per problem) and picks the exit code of the public contract.
"""

from __future__ import annotations

from .records import Struct
from .text import one_line


class Problem(Struct):
    """One thing wrong, located when possible: `file:line: message`."""

    _fields = ("file", "line", "message")

    def __str__(self) -> str:
        message = one_line(self.message)
        if self.file and self.line:
            return f"{self.file}:{self.line}: {message}"
        if self.file:
            return f"{self.file}: {message}"
        return message


class EssruralError(Exception):
    """Base of the errors the CLI reports without a traceback."""

    exit_code = 1

    def __init__(self, problems: list[Problem] | str, *, file: str | None = None, line: int | None = None):
        if isinstance(problems, str):
            problems = [Problem(file, line, problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class UserError(EssruralError):
    """Bad usage or bad input (option, profile, knowledge file): exit code 2."""

    exit_code = 2


class OperationError(EssruralError):
    """A handled failure that is not the input's fault (cannot write a file): exit code 1."""

    exit_code = 1
