"""Writing exports and saved answers: whole or not at all, never over a file by surprise.

Why: a plan brought to the council must not be a half-written file, and an
existing document must not be replaced unless the user asked (`--force`).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .commands import PLAN_EXTENSIONS, extension_of, other_format, plan_format
from .errors import OperationError, UserError, os_reason


def format_for(path: Path | None, explicit: str | None) -> str | None:
    """The export format: from `--format` and the output's extension, which must agree when both are given."""
    fmt = plan_format(explicit) if explicit else None
    if path is None:
        return fmt
    suffix = path.suffix.lower()
    from_name = PLAN_EXTENSIONS.get(suffix)
    other = other_format(path.name)
    if other is not None:  # `plan.pdf`: never an HTML page under a PDF's name, --format or not
        raise UserError(f"« {path.name} » : {other}")
    if fmt is None:
        if from_name is None and str(path) == "-":
            raise UserError(
                "--output - : sans --output, le plan s'affiche à l'écran ; pour un script, --format json ou "
                "--format markdown l'écrivent sur la sortie standard."
            )
        if from_name is None:
            shown = suffix or "(aucune)"
            raise UserError(
                f"extension de fichier inconnue {shown} pour « {path} » : utilisez .docx (Word), .html, .md "
                "(Markdown) ou .json, ou précisez --format docx|html|markdown|json."
            )
        return from_name
    if from_name is not None and from_name != fmt:
        raise UserError(
            f"« {path.name} » (extension {suffix}) et --format {explicit.strip()} ne concordent pas : changez "
            f"l'extension (.{extension_of(fmt)}) ou retirez --format."
        )
    return fmt


def check_not_folder(path: Path) -> None:
    if path.is_dir():
        raise UserError(f"« {path} » est un dossier ; indiquez un nom de fichier.")


def check_destination(path: Path, force: bool) -> None:
    """Fail before any work is written: existing file without --force, missing folder, a folder."""
    try:
        _check_destination(path, force)
    except OSError as exc:  # a folder on the way that cannot even be looked into
        raise OperationError(f"impossible d'écrire « {path} » : {_reason(exc, path)}.") from None


def _check_destination(path: Path, force: bool) -> None:
    check_not_folder(path)
    if path.exists() and not path.is_file():
        raise UserError(f"« {path} » n'est pas un fichier ordinaire (périphérique, tube…) ; indiquez un nom de fichier.")
    if path.exists() and not force:
        raise UserError(f"le fichier « {path} » existe déjà ; ajoutez --force pour le remplacer.")
    problem = parent_problem(path)
    if problem:
        raise OperationError(f"impossible d'écrire « {path} » : {problem}.")


def parent_problem(path: Path) -> str | None:
    """Why the folder meant to hold `path` cannot (French): a file on the way or a missing folder;
    None when it is there. One wording for an output file and for the batch's output folder."""
    parent = path.parent if str(path.parent) else Path(".")
    if parent.is_dir():
        return None
    blocking = next((p for p in (parent, *parent.parents) if p.exists() and not p.is_dir()), None)
    if blocking is not None:
        return f"« {blocking} » est un fichier, pas un dossier"
    return f"le dossier « {parent} » n'existe pas"


def check_writable(path: Path, force: bool) -> None:
    """Everything `write_atomic` will need, tried before anything is shown or written: the checks of
    `check_destination`, then a temporary file created and removed beside `path` (a read-only disk,
    a protected folder or /proc refuse it, whatever the permissions say)."""
    check_destination(path, force)
    fd, temporary = _temporary_beside(path)
    os.close(fd)
    _discard(temporary)


def _temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file (descriptor, name) beside `path`, written before it replaces `path`:
    `.plan.md.XXXX.tmp`, a long name cut so that it stays within the 255 bytes a file name may have."""
    parent = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name.encode('utf-8')[:200].decode('utf-8', 'ignore')}."
    try:
        return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OperationError(f"impossible d'écrire « {path} » : {_reason(exc, path)}.") from None


def check_distinct(files: dict[str, Path | None]) -> None:
    """The files of one run (`--profile`, `--output`, `--save-profile`) are never one and the same:
    a plan written over the answers it was made from, or the answers over the plan, is lost work."""
    seen: dict[str, str] = {}
    for option, path in files.items():
        if path is None:
            continue
        key = os.path.realpath(path)
        if key in seen:
            raise UserError(
                f"{seen[key]} et {option} désignent le même fichier « {path} » : choisissez deux noms différents."
            )
        seen[key] = option


def write_atomic(path: Path, text: str | bytes, force: bool = False) -> None:
    """Write `text` (or bytes) to a temporary file beside `path`, flush it to disk, then move it into place in one step."""
    check_destination(path, force)
    fd, temporary = _temporary_beside(path)

    def write_and_move() -> None:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, _file_mode())  # mkstemp makes 0600; an export is an ordinary document
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(temporary, path)
        else:
            _move_without_clobbering(temporary, path)

    _whole_or_nothing(write_and_move, temporary, path)


def write_in_folder(folder: str, name: str, text: str | bytes) -> None:
    """Put one of a batch's files in `folder`, whole: a temporary file, then one move over `name`.

    Why not write_atomic: a batch writes thousands of files under names it made
    safe, into a folder checked once (empty, or --force); the per-file checks and
    the flush to disk would cost more than the writing, and the move alone keeps
    every file whole if the batch is stopped.
    """
    if not name or name in (".", "..") or os.path.basename(name) != name or (os.altsep and os.altsep in name):
        raise UserError(f"nom de fichier refusé « {name} ».")
    path = os.path.join(folder, name)
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")

    def write_and_move() -> None:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | _BINARY, _file_mode())
        try:
            data = memoryview(text if isinstance(text, bytes) else text.encode("utf-8"))
            while data:
                data = data[os.write(fd, data) :]
        finally:
            os.close(fd)
        os.replace(temporary, path)

    _whole_or_nothing(write_and_move, temporary, path)


def _whole_or_nothing(write_and_move: Callable[[], None], temporary: str, path: object) -> None:
    """Run the writing; on any failure or interruption, leave no temporary file and say why in French."""
    try:
        write_and_move()
    except FileExistsError:
        _discard(temporary)
        raise UserError(f"le fichier « {path} » existe déjà ; ajoutez --force pour le remplacer.") from None
    except OSError as exc:
        _discard(temporary)
        raise OperationError(f"impossible d'écrire « {path} » : {_reason(exc, path)}.") from None
    except BaseException:
        _discard(temporary)
        raise


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # never write through a link planted at the temporary name
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: keep "\n" as written
_MODE: list[int] = []


def _file_mode() -> int:
    """The permissions a new file gets from the user's umask (0644 usually)."""
    if not _MODE:
        mask = os.umask(0)
        os.umask(mask)
        _MODE.append(0o666 & ~mask)
    return _MODE[0]


def _move_without_clobbering(temporary: str, path: Path) -> None:
    """A hard link fails if the file appeared meanwhile; where links are not supported, re-check."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS):
            raise
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _discard(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def _reason(exc: OSError, path: object) -> str:
    """Why `path` could not be written, in French; a folder that exists but where no file can be
    created (/proc) is not said to be missing."""
    if exc.errno == errno.ENOENT and os.path.isdir(os.path.dirname(str(path)) or "."):
        return "ce dossier n'accepte pas de fichier (dossier du système)"
    return os_reason(exc)
