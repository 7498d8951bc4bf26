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

    def __init__(
        self, problems: list[Problem] | str, *, file: str | None = None, line: int | None = None, about: str | None = None
    ):
        if isinstance(problems, str):
            problems = [Problem(file, line, problems)]
        self.problems = list(problems)
        self.about = about  # the field of a profile the problem is about, to find its line once the file is known
        super().__init__("\n".join(str(p) for p in self.problems))

    def located(self, file: str, line: int | None) -> EssruralError:
        """The same error, its problems that name no file put at `file:line`."""
        problems = [p if p.file else Problem(file, line, p.message) for p in self.problems]
        return type(self)(problems, about=self.about)


class UserError(EssruralError):
    """Bad usage or bad input (option, profile, knowledge file): exit code 2."""

    exit_code = 2


class OperationError(EssruralError):
    """A handled failure that is not the input's fault (cannot write a file): exit code 1."""

    exit_code = 1


# What the operating system says, in French: its own words (strerror) are English on most systems.
_OS_REASONS = {
    "ENOENT": "le dossier n'existe pas",
    "EACCES": "permission refusée",
    "EPERM": "permission refusée (fichier ou dossier protégé)",
    "EROFS": "système de fichiers en lecture seule",
    "ENOSPC": "disque plein",
    "EDQUOT": "quota de disque dépassé",
    "EFBIG": "fichier trop volumineux pour ce système de fichiers",
    "EISDIR": "c'est un dossier, pas un fichier",
    "ENOTDIR": "un élément du chemin est un fichier, pas un dossier",
    "ENAMETOOLONG": "nom trop long",
    "EEXIST": "le fichier existe déjà",
    "ELOOP": "trop de liens symboliques dans le chemin",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts sur le système",
    "EIO": "erreur d'entrée-sortie du disque",
    "EBUSY": "fichier ou périphérique occupé",
    "ETXTBSY": "fichier en cours d'utilisation",
    "EINVAL": "nom de fichier non valide",
    "EXDEV": "déplacement impossible entre deux disques",
    "ENXIO": "périphérique absent",
    "ENODEV": "périphérique absent",
    "ENOTSUP": "opération non prise en charge par ce système de fichiers",
    "EOPNOTSUPP": "opération non prise en charge par ce système de fichiers",
    "EAGAIN": "ressource momentanément indisponible, réessayez",
    "ENOMEM": "mémoire insuffisante",
    "ESTALE": "fichier réseau devenu inaccessible",
    "ETIMEDOUT": "délai dépassé (disque réseau ?)",
    "EPIPE": "le programme qui lisait la sortie s'est arrêté",
}


def os_reason(error: OSError, reading: bool = False) -> str:
    """Why the system refused, in French (`permission refusée`), never its English `strerror`;
    `reading`: a missing path is then the file itself, not its folder."""
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    if name == "ENOENT" and reading:
        return "fichier introuvable"
    if name in _OS_REASONS:
        return _OS_REASONS[name]
    return f"erreur du système ({name or 'code inconnu'})"


def os_failure(error: OSError) -> str:
    """The one line that reports an operating-system refusal no other check foresaw (the standard output
    on a full disk, a file that vanished): what, where when known, and why in French."""
    where = f" sur « {error.filename} »" if getattr(error, "filename", None) else ""
    return f"opération impossible{where} : {os_reason(error)}."
