"""Diagnosing many communes at once: a CSV or JSON Lines file in, one plan per commune out.

Why: an adviser screening a territory (every commune of a département with a
shared needs profile, say) wants a plan for each and a table to compare them.
Every row is checked like a profile file before the first plan is written; a
bad row is reported with its line number and the others are still planned. File names are made from the INSEE code and
the commune's name reduced to safe characters, so no row can write outside
the output folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .commands import BATCH_FORMAT, PLAN_FORMATS, check_plan_format, extension_of, parse_top
from .engine import rank
from .errors import OperationError, Problem, UserError, os_reason
from .export import parent_problem, write_atomic, write_in_folder
from .frenchfmt import count as fr_count
from .frenchfmt import number
from .knowledge import Knowledge
from .locate import resolve_for_plan
from .plan import Place, Plan
from .profile import KEYS, LIST_KEYS, PLACE_KEYS, Profile
from .profile_file import profile_from_answers
from .records import Struct
from .text import SEMICOLON, as_identifier, safe_filename
from .vocabulary import closest

SUMMARY = "synthese.csv"
MAX_BATCH_BYTES = 100 * 1024 * 1024


class Request(Struct):
    """What `essrural diagnose --batch` was asked, once its options are parsed."""

    _fields = (
        "source", "folder", "format", "top", "defaults_path", "force", "output", "save_profile", "data_dirs", "brief",
        "explain",
    )
    _defaults = {"brief": False, "explain": False}

    source: Path | None
    folder: Path | None
    format: str | None
    top: str | None
    defaults_path: Path | None
    force: bool
    output: Path | None  # not for a batch: refused with a message
    save_profile: Path | None  # idem
    data_dirs: tuple[Path, ...]
    brief: bool  # the synthesis alone, in every plan
    explain: bool  # not for a batch: refused with a message


def run_request(request: Request) -> int:
    """`diagnose --batch FILE --output-dir DIR`: one plan per row, a summary table, bad rows reported.

    Everything is checked before the first write: the options, the file (encoding, header, columns)
    and every row. A problem with the options or the file: exit 2, nothing written. Rows in error do
    not stop the others: their plans are written, the rows in error are listed (here and in
    synthese.csv), and the exit code is 2 (0 when every row was planned). A failure of the machine
    while writing (a full disk) stops the batch: exit 1."""
    from .datafiles import extra_dirs, load
    from .render.progress import progress_bar

    if request.source is None or request.folder is None:
        raise UserError("--batch et --output-dir vont ensemble : essrural diagnose --batch communes.csv --output-dir plans/")
    if request.output is not None or request.save_profile is not None:
        raise UserError("avec --batch, les plans vont dans --output-dir ; --output et --save-profile ne s'appliquent pas.")
    if request.explain:
        raise UserError("--explain affiche la méthode à l'écran ; il ne s'applique pas à un lot (voir essrural diagnose --explain).")
    top = parse_top(request.top)
    fmt = request.format or BATCH_FORMAT
    check_plan_format(PLAN_FORMATS.get(fmt.strip().lower()), True, request.brief)
    _not_the_input(request.source, request.folder, request.defaults_path)
    knowledge = load(extra_dirs(request.data_dirs))  # before the folder is touched: a bad --data-dir writes nothing
    job = Job(request.source, request.folder, fmt, top, request.defaults_path, request.force, request.brief)
    for warning in job.warnings:
        print(warning, file=sys.stderr)
    for problem in job.problems:  # every row was checked: its problems are known before any plan is written
        print(str(problem), file=sys.stderr)
    with progress_bar(job.count_rows) as tick:
        report = job.run(knowledge, tick)
    sys.stderr.flush()
    print(report.summary_line(), file=sys.stderr)
    return 2 if report.problems else 0


def _not_the_input(source: Path, folder: Path, defaults: Path | None) -> None:
    """The output folder must not be where the inputs are overwritten or removed."""
    for label, path in (("--batch", source), ("--profile", defaults)):
        if path is not None and folder.exists() and path.exists() and _inside(path, folder):
            raise UserError(
                f"le fichier {label} « {path} » est dans le dossier de sortie « {folder} » : choisissez un autre "
                "dossier pour les plans."
            )


def _inside(path: Path, folder: Path) -> bool:
    return os.path.realpath(path).startswith(os.path.realpath(folder) + os.sep)


class Row(Struct):
    """One line of the input: its number and the profile fields it gives."""

    _fields = ("line", "fields")

    line: int
    fields: dict[str, Any]


def read_rows(path: Path, warn: Callable[[str], None]) -> Iterator[Row | Problem]:
    """The rows of a CSV (header line) or JSON Lines file; unusable lines come as Problems. The whole
    file is read and decoded first: a file that cannot be read is refused before any row is."""
    if not path.is_file():
        raise UserError(f"fichier de lot introuvable ou qui n'est pas un fichier : « {path} ».")
    suffix = path.suffix.lower()
    if suffix not in (".jsonl", ".ndjson", ".csv", ".tsv"):
        raise UserError(
            f"format de lot inconnu « {suffix or '(aucun)'} » pour « {path} » : .csv (ou .tsv) ou .jsonl attendu."
        )
    try:
        if path.stat().st_size > MAX_BATCH_BYTES:
            raise UserError(f"fichier de lot trop volumineux (plus de {MAX_BATCH_BYTES // 1_048_576} Mo).", file=str(path))
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"lecture impossible : {os_reason(exc, reading=True)}.", file=str(path)) from None
    if suffix in (".csv", ".tsv"):  # .tsv: Excel's « texte (séparateur : tabulation) »; the header tells
        return _csv_rows(path, _decode(raw, path, warn), warn)
    return _json_lines(path, _decode(raw, path, None))


def _decode(raw: bytes, path: Path, warn: Callable[[str], None] | None) -> str:
    """The file's text: UTF-8 (with or without BOM); for a CSV (`warn` given), else Windows-1252, the
    encoding of a CSV saved by Excel on Windows, said in one warning; the text stays as decoded."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        byte = f"octet 0x{raw[exc.start]:02x} à la ligne {line}"
    if warn is None:
        raise UserError(f"le fichier n'est pas encodé en UTF-8 ({byte}) ; un fichier JSON Lines s'écrit en UTF-8.", file=str(path))
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise UserError(
            f"le fichier n'est encodé ni en UTF-8 ni en Windows-1252 ({byte}) ; enregistrez-le en « CSV UTF-8 ».",
            file=str(path),
        ) from None
    warn(
        f"{path}: le fichier n'est pas en UTF-8 ({byte}) ; il est lu en Windows-1252, l'encodage d'Excel sous "
        "Windows : vérifiez les accents dans synthese.csv, ou enregistrez-le en « CSV UTF-8 »."
    )
    return text


def _csv_problem(exc: csv.Error) -> str:
    """What the csv module reports (in English), in French."""
    text = str(exc)
    if "NUL" in text:
        return "ligne illisible : elle contient un caractère nul (est-ce bien un fichier CSV ?)."
    if "field larger than field limit" in text:
        return f"ligne illisible : une cellule dépasse {number(csv.field_size_limit())} caractères (guillemet non fermé ?)."
    return "ligne illisible : guillemets mal fermés ?"


CSV_SEPARATORS = {",": "« , »", ";": "« ; »", "\t": "tabulation"}  # in order of preference on a tie


def csv_separator(text: str) -> str:
    """The separator of a CSV: the one the header line uses most (`,` when it has none, one column).
    The header alone: the cells below may hold `;` or `,` between the values of a list."""
    header = text.split("\n", 1)[0]
    return max(CSV_SEPARATORS, key=header.count)


def _csv_rows(path: Path, text: str, warn: Callable[[str], None]) -> Iterator[Row | Problem]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_separator(text))
    try:
        header = next(reader)
    except StopIteration:
        raise UserError("fichier vide : une ligne d'en-tête est attendue (commune, insee, population…).", file=str(path)) from None
    except csv.Error as exc:
        raise UserError(f"en-tête illisible : {_csv_problem(exc).removeprefix('ligne illisible : ')}", file=str(path), line=1) from None
    columns = [as_identifier(name) for name in header]
    for key in KEYS:  # two « commune » columns: which one is meant? never guess
        where = [str(n) for n, c in enumerate(columns, 1) if c == key]
        if len(where) > 1:
            raise UserError(_twice(f"colonne « {key} »", f"colonnes {' et '.join(where)}"), file=str(path), line=1)
    ignored = [h for h, c in zip(header, columns) if c not in KEYS]
    if ignored:
        hints = []
        for name in ignored:
            suggestion = closest(name, list(KEYS))
            hints.append(f"« {name} »" + (f" (vouliez-vous dire « {suggestion} » ?)" if suggestion else ""))
        warn(f"{path}:1: colonnes ignorées : {', '.join(hints)}. Colonnes reconnues : {', '.join(KEYS)}.")
    if not any(c in ("commune", "insee") for c in columns):
        separators = ", ".join(CSV_SEPARATORS.values())
        raise UserError(
            f"il faut une colonne « commune » ou « insee » (colonnes séparées par {separators}).", file=str(path), line=1
        )
    return _csv_body(reader, columns, path)


def _csv_body(reader: Any, columns: list[str], path: Path) -> Iterator[Row | Problem]:
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(str(path), reader.line_num, _csv_problem(exc))
            continue
        if not any(cell.strip() for cell in cells):
            continue
        fields = {}
        for column, cell in zip(columns, cells):
            cell = cell.strip()
            if column in KEYS and cell:
                fields[column] = _split(cell) if column in LIST_KEYS else cell
        yield Row(reader.line_num, fields)


def _twice(what: str, where: str = "") -> str:
    """A key given twice, in a CSV header or a JSON Lines row: which one is meant? never guess."""
    return f"{what} en double{f' ({where})' if where else ''} : gardez-en une."


def _split(cell: str) -> list[str]:
    for separator in ("|", ";", ","):
        cell = cell.replace(separator, "\x00")
    return [part.strip() for part in cell.split("\x00") if part.strip()]


_JSON_MESSAGES = {  # json.JSONDecodeError.msg, in French
    "Expecting value": "une valeur est attendue",
    "Expecting property name enclosed in double quotes": "un nom de clé entre guillemets doubles est attendu",
    "Expecting ',' delimiter": "une virgule est attendue",
    "Expecting ':' delimiter": "un deux-points « : » est attendu",
    "Unterminated string starting at": "texte entre guillemets non fermé",
    "Invalid control character at": "caractère de contrôle dans un texte",
    "Invalid \\escape": "séquence d'échappement « \\ » invalide",
    "Invalid \\uXXXX escape": "séquence « \\u » invalide",
    "Extra data": "texte en trop après l'objet",
    "Illegal trailing comma before end of object": "virgule en trop avant « } »",
    "Illegal trailing comma before end of array": "virgule en trop avant « ] »",
}


def json_problem(exc: ValueError | RecursionError) -> str:
    """Why a line is not JSON, in French, with its column."""
    if isinstance(exc, json.JSONDecodeError):
        what = _JSON_MESSAGES.get(exc.msg)
        return f"JSON invalide à la colonne {exc.colno}" + (f" : {what}." if what else ".")
    if isinstance(exc, RecursionError):
        return "JSON invalide : imbrication trop profonde."
    return "JSON invalide."


def _json_lines(path: Path, text: str) -> Iterator[Row | Problem]:
    """The rows of a JSON Lines file, once the file is seen to be one: a JSON list, or an object
    written over several lines (a pretty-printed file), is refused whole."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _one_object_a_line(path, text)
    return _json_body(path, text.split("\n"))


class _Twice(ValueError):
    """A key given twice in one JSON object (`json` keeps the last one without a word)."""


def _no_key_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _Twice(key)
        data[key] = value
    return data


def _json_body(path: Path, lines: list[str]) -> Iterator[Row | Problem]:
    for number_, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line, object_pairs_hook=_no_key_twice)
        except _Twice as twice:
            yield Problem(str(path), number_, _twice(f"clé « {twice.args[0]} »"))
            continue
        except (ValueError, RecursionError) as exc:
            yield Problem(str(path), number_, json_problem(exc))
            continue
        if not isinstance(data, dict):
            yield Problem(str(path), number_, "un objet JSON {…} est attendu sur chaque ligne.")
            continue
        yield Row(number_, data)


def _one_object_a_line(path: Path, text: str) -> None:
    """A file that is one JSON document (a list `[{…}, {…}]`, an object over several lines) is not
    JSON Lines: said once for the file, rather than as a bad row on every line."""
    start = next((n for n, char in enumerate(text) if not char.isspace()), len(text))
    if start == len(text):
        return
    line_end = text.find("\n", start)
    first_line = text[start:line_end if line_end >= 0 else len(text)]
    try:
        end = json.JSONDecoder().raw_decode(text, start)[1]
    except (ValueError, RecursionError):
        end = start
    several = "\n" in text[start:end] or first_line.strip() in ("[", "{")  # no JSON Lines row is « [ » or « { » alone
    if text[start] == "[" and (several or (end > start and not text[end:].strip())):
        found, hint = "une liste JSON « [ … ] »", "sur sa propre ligne, sans « [ » ni « ] » autour ni virgule entre les lignes"
    elif text[start] == "{" and several:
        found, hint = "un objet JSON écrit sur plusieurs lignes", "sur une seule ligne"
    else:
        return
    raise UserError(
        f"un objet JSON par ligne est attendu (JSON Lines) ; ce fichier contient {found} : écrivez chaque objet {{…}} "
        f"{hint}.",
        file=str(path), line=text.count("\n", 0, start) + 1,
    )


def check_folder(folder: Path, force: bool) -> None:
    """Before anything is written: the output folder is a folder, empty or given with --force; if
    missing, its parent exists (it is created by `prepare_folder`)."""
    try:
        if folder.exists() and not folder.is_dir():
            raise UserError(f"« {folder} » existe et n'est pas un dossier.")
        if folder.is_dir() and any(folder.iterdir()) and not force:
            raise UserError(f"le dossier « {folder} » n'est pas vide ; ajoutez --force pour y écrire quand même.")
        problem = None if folder.exists() else parent_problem(folder)
        if problem:
            raise OperationError(f"impossible de créer « {folder} » : {problem}.")
    except OSError as exc:
        raise OperationError(f"impossible d'écrire dans « {folder} » : {os_reason(exc)}.") from None


def prepare_folder(folder: Path, force: bool) -> None:
    """The output folder, checked, created if missing, and tried (a read-only or protected folder
    refuses a file whatever its permissions say): the batch's first write."""
    check_folder(folder, force)
    try:
        folder.mkdir(exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".essrural-", suffix=".tmp", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:  # the parent removed since the check, a read-only disk…
        reason = parent_problem(folder) if isinstance(exc, FileNotFoundError) else None
        raise OperationError(f"impossible d'écrire dans « {folder} » : {reason or os_reason(exc)}.") from None


class Outcome(Struct):
    """What happened to one row: only what the summary table needs (a plan is written, then dropped)."""

    _fields = ("line", "cells", "problem", "given")
    _defaults = {"cells": None, "problem": None, "given": None}

    line: int | None
    cells: list | None
    problem: Problem | None
    given: list | None  # on a row in error: commune, insee, département, population as given


class Checked(Struct):
    """A row that passed every check: its commune resolved, ready to be planned."""

    _fields = ("line", "profile", "place")

    line: int
    profile: Profile
    place: Place


def check_rows(
    rows: Iterator[Row | Problem], defaults: dict[str, Any], source: str = "", warn: Callable[[str], None] = lambda _: None,
) -> list[Checked | Outcome]:
    """Every row checked like a profile file and its commune found, before any plan is written: a
    `Checked` row, or the `Outcome` of a row in error, located as `source:line` (the line of the input).
    A commune met again is planned again (two scenarios for one commune are fair), with a warning in
    case the row was pasted twice."""
    checked: list[Checked | Outcome] = []
    seen: dict[str, int] = {}  # INSEE code → the first line that names it
    for row in rows:
        if isinstance(row, Problem):
            checked.append(Outcome(row.line, problem=row))
            continue
        try:
            profile, place, _warning = resolve_for_plan(_profile(row, defaults))
        except UserError as error:
            message = SEMICOLON.join(p.message for p in error.problems)
            checked.append(Outcome(row.line, given=_given(row), problem=Problem(source or None, row.line, message)))
            continue
        if profile.insee in seen:
            warn(
                f"{source}:{row.line}: {profile.commune} ({profile.insee}) figure déjà ligne {seen[profile.insee]} ; "
                "un plan est écrit pour chacune des deux lignes."
            )
        elif profile.insee:
            seen[profile.insee] = row.line
        checked.append(Checked(row.line, profile, place))
    return checked


def run(
    checked: list[Checked | Outcome],
    knowledge: Knowledge,
    folder: Path,
    render: Callable[[Any], str | bytes],
    extension: str,
    top: int | None,
    progress: Callable[[], None] = lambda: None,
    outcomes: list[Outcome] | None = None,
) -> list[Outcome]:
    """Plan every checked row (taken out of `checked`) and write each plan in `folder`, the rows in
    error kept in their place; stops on a failure of the machine (a full disk): `OperationError`.
    The outcomes so far are in `outcomes`, for the summary of an interrupted batch."""
    outcomes = [] if outcomes is None else outcomes
    used: set[str] = set()
    root = os.path.realpath(folder)
    checked.reverse()
    while checked:
        item = checked.pop()  # each row let go once planned: the checked rows and the outcomes never all at once
        if isinstance(item, Outcome):
            outcomes.append(item)
            continue
        progress()
        plan = rank(item.profile, knowledge, top=top, place=item.place)
        name = _file_name(item.profile, item.line, extension, used)
        write_in_folder(root, name, render(plan))  # the folder was checked (empty, or --force)
        outcomes.append(Outcome(item.line, cells=_summary_cells(item.profile, name, plan)))
    return outcomes


def _given(row: Row) -> list:
    """The commune of a row in error, as the file gives it."""
    fields = row.fields
    return [str(fields.get(k) or "") for k in PLACE_KEYS]


def _profile(row: Row, defaults: dict[str, Any]) -> Profile:
    profile = profile_from_answers({**defaults, **row.fields})
    if not (profile.commune or profile.insee):
        raise UserError("ni « commune » ni « insee » sur cette ligne.")
    return profile


def _file_name(profile: Profile, line: int, extension: str, used: set[str]) -> str:
    slug = safe_filename(profile.commune or "", default="commune")
    stem = f"{profile.insee}-{slug}" if profile.insee else f"ligne-{line}-{slug}"
    name = f"{stem}.{extension}"
    if name in used:
        name = f"{stem}-ligne-{line}.{extension}"
    used.add(name)
    return name


def summary_csv(outcomes: list[Outcome]) -> str:
    """One line per input row: status, file, the three best projects with their points. For French
    spreadsheets: `;` between cells, a byte-order mark so that accents show, and no cell that a
    spreadsheet would run as a formula."""
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    header = ["ligne", "statut", "commune", "insee", "departement", "population", "fichier"]
    for n in (1, 2, 3):
        header += [f"projet_{n}", f"points_{n}"]
    writer.writerow(header + ["probleme"])
    for outcome in outcomes:
        if outcome.problem is not None:
            given = outcome.given or ["", "", "", ""]
            cells = [outcome.line, "erreur", *given, ""] + [""] * 6 + [outcome.problem.message]
        else:
            cells = [outcome.line, "ok", *outcome.cells, ""]
        writer.writerow([spreadsheet_text(c) for c in cells])
    return "\ufeff" + buffer.getvalue()


def spreadsheet_text(value: object) -> object:
    """A cell that starts like a formula (`=`, `+`, `-`, `@`, tab, carriage return) gets a leading
    apostrophe, which spreadsheets show as text (OWASP « CSV injection »)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _summary_cells(profile: Profile, name: str, plan: Plan) -> list:
    cells = [profile.commune or "", profile.insee or "", profile.departement or "", profile.population or "", name]
    actions = list(plan.actions[:3])
    for n in range(3):
        cells += [actions[n].lever.title, number(actions[n].score)] if n < len(actions) else ["", ""]
    return cells


def previous_plans(folder: Path) -> list[Path]:
    """The files an earlier batch wrote in `folder`, as its summary lists them (never anything else)."""
    summary = folder / SUMMARY
    if not summary.is_file():
        return []
    try:
        text = summary.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    found = []
    for row in csv.DictReader(text.splitlines(), delimiter=";"):
        name = (row.get("fichier") or "").lstrip("'")
        if name and os.path.basename(name) == name and (folder / name).is_file():
            found.append(folder / name)
    return found + [summary]


class Report:
    """What a batch did: the rows' outcomes, and the problems to show."""

    def __init__(self, outcomes: list[Outcome], folder: Path):
        self.outcomes = outcomes
        self.folder = folder
        self.problems = [o.problem for o in outcomes if o.problem is not None]

    def summary_line(self) -> str:
        done, bad = len(self.outcomes) - len(self.problems), len(self.problems)
        return (
            f"{done} plan{'s' if done > 1 else ''} écrit{'s' if done > 1 else ''} dans {self.folder} ; "
            f"{bad} ligne{'s' if bad > 1 else ''} en erreur ; synthèse : {self.folder / SUMMARY}"
        )


class Job:
    """A batch ready to run: options checked, the input read and every row checked; nothing written yet."""

    def __init__(
        self, source: Path, folder: Path, fmt: str, top: int | None, defaults_path: Path | None, force: bool,
        brief: bool = False,
    ):
        from .profile_file import read_defaults

        self.format = PLAN_FORMATS.get(fmt.strip().lower())
        if self.format is None:
            raise UserError(f"option --format : format inconnu « {fmt} » ; formats possibles : docx, html, json, markdown.")
        self.source, self.folder, self.top, self.brief, self.force = source, folder, top, brief, force
        check_folder(folder, force)  # at once: the rows of a large file are not checked for nothing
        self.defaults = read_defaults(defaults_path) if defaults_path else {}
        self.warnings: list[str] = []
        self.checked = check_rows(read_rows(source, self.warnings.append), self.defaults, str(source), self.warnings.append)
        if not self.checked:
            raise UserError("aucune commune dans ce lot : ajoutez une ligne par commune sous l'en-tête.", file=str(source))
        self.problems = [c.problem for c in self.checked if isinstance(c, Outcome) and c.problem is not None]
        planned = [c for c in self.checked if isinstance(c, Checked)]
        if planned and not any(c.profile.missing_services for c in planned):
            self.warnings.append(
                f"{source}: aucun service manquant déclaré (ni dans --profile, ni dans une colonne « missing_services ») : "
                "les plans ne répondront à aucun besoin précis."
            )
        self.planned = len(planned)

    def count_rows(self) -> int:
        """For a progress bar: the rows to plan."""
        return max(self.planned, 1)

    def run(self, knowledge: Knowledge, progress: Callable[[], None] = lambda: None) -> Report:
        """Write the plans and the summary: the first write of the batch is here."""
        import gc

        if self.format == "json":
            from .render.plan_json import plan_dict

            def render(plan: Plan) -> str | bytes:
                # compact: thousands of files for scripts; the same content as --format json
                return json.dumps(plan_dict(plan), ensure_ascii=False, separators=(",", ":")) + "\n"

        else:
            from .output import plan_output

            def render(plan: Plan) -> str | bytes:
                return plan_output(plan, knowledge, self.format, self.brief)

        extension = extension_of(self.format)
        prepare_folder(self.folder, self.force)
        try:
            for old in previous_plans(self.folder):  # a re-run never mixes its plans with an earlier run's
                old.unlink()
        except OSError as exc:
            raise OperationError(f"impossible de retirer les plans précédents de « {self.folder} » : {os_reason(exc)}.") from None
        gc.freeze()  # the knowledge and the commune list live to the end: keep them out of every GC pass
        outcomes: list[Outcome] = []
        try:
            run(self.checked, knowledge, self.folder, render, extension, self.top, progress, outcomes)
        except (KeyboardInterrupt, OperationError) as stop:
            self._stopped(outcomes, stop)
            raise
        write_atomic(self.folder / SUMMARY, summary_csv(outcomes), force=True)
        return Report(outcomes, self.folder)

    def _stopped(self, outcomes: list[Outcome], stop: BaseException) -> None:
        """An interrupted batch: the summary of what was done, and a word on it."""
        done = sum(o.problem is None for o in outcomes)
        try:
            write_atomic(self.folder / SUMMARY, summary_csv(outcomes), force=True)
            listed = f", listés dans {self.folder / SUMMARY}"
        except (OperationError, UserError):  # the disk is full: the plans are there, without their list
            listed = ""
        what = "Interrompu" if isinstance(stop, KeyboardInterrupt) else "Lot arrêté"
        print(
            f"{what} après {fr_count(len(outcomes), 'ligne')} : {fr_count(done, 'plan écrit', 'plans écrits')} dans "
            f"{self.folder}{listed} ; relancez avec --force pour tout refaire.",
            file=sys.stderr,
        )
