"""`essrural diagnose` as one library call: options in, a plan shown, exported, its answers saved.

Why: the CLI command stays a list of options (like copier's subcommands over
`run_copy`). Here, in order: every check that can fail before anything is
written (outputs, format, `--top`, a terminal for the questionnaire), then the
knowledge, the profile (a file, or the questionnaire), the plan, and the
writes. The fast path shares `plan_for` and `resolved_profile`.
"""

from __future__ import annotations

import sys

from .commands import answers_name_problem, check_plan_format, parse_top
from .engine import rank
from .errors import UserError
from .knowledge import Knowledge
from .plan import Place, Plan
from .profile import Profile
from .records import Struct

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib costs a third of Python's start-up: not on the fast path
    from pathlib import Path


class Request(Struct):
    """What `essrural diagnose` was asked, once its options are parsed (no batch)."""

    _fields = ("profile_path", "output", "format", "force", "save_profile", "top", "explain", "data_dirs", "brief")
    _defaults = {
        "profile_path": None, "output": None, "format": None, "force": False, "save_profile": None, "top": None,
        "explain": False, "data_dirs": (), "brief": False,
    }

    profile_path: Path | None
    output: Path | None
    format: str | None  # as typed; checked with the output's extension
    force: bool
    save_profile: Path | None
    top: str | None  # as typed; None: the default plan
    explain: bool
    data_dirs: tuple[Path, ...]
    brief: bool  # the synthesis alone


def run(request: Request) -> None:
    """Diagnose one commune; `UserError` (exit 2) or `OperationError` (exit 1) before anything is half done."""
    from .datafiles import extra_dirs, load
    from .export import check_distinct, check_not_folder, check_writable, format_for, write_atomic
    from .output import plan_output, show_method, show_plan
    from .profile_file import dump_profile

    check_distinct({"--profile": request.profile_path, "--output": request.output, "--save-profile": request.save_profile})
    if request.save_profile is not None and (problem := answers_name_problem(request.save_profile.name)):
        raise UserError(problem)
    if request.output is not None:
        check_not_folder(request.output)
    fmt = format_for(request.output, request.format)  # before « existe déjà » : --force would not help a .pdf
    check_plan_format(fmt, request.output is not None, request.brief)
    check_options(request)
    top = parse_top(request.top)
    for destination in (request.output, request.save_profile):
        if destination is not None:  # last of the checks: it touches the disk (a file created, removed)
            check_writable(destination, request.force)
    interactive = request.profile_path is None and not request.explain
    if interactive and not sys.stdin.isatty():
        raise UserError(
            "pas de terminal pour le questionnaire : passez vos réponses avec --profile FICHIER "
            "(modèle dans le README ; --save-profile en crée un)."
        )
    knowledge = load(extra_dirs(request.data_dirs))
    if request.profile_path is None and request.explain:
        show_method(knowledge)
        return
    term = None
    if request.profile_path is not None:
        profile, place, warning = profile_from_file(request.profile_path)
        if warning:
            print(warning, file=sys.stderr)
    else:
        from .interactive import Terminal, ask_profile

        term = Terminal()
        term.say("Diagnostic ESS de votre commune", "bold")
        term.say("Quelques questions, puis un plan d'action expliqué. Ctrl-C pour arrêter.", "dim")
        profile, place = ask_profile(term, knowledge)
    plan = plan_for(profile, knowledge, top, place)
    to_stdout = fmt is not None and request.output is None
    # The files first: if one cannot be written after all (a disk full meanwhile), nothing was shown.
    written = []
    if request.output is not None:
        write_atomic(request.output, plan_output(plan, knowledge, fmt or "markdown", request.brief), request.force)
        written.append(f"Plan exporté dans {request.output}")
    if request.save_profile is not None:
        write_atomic(request.save_profile, dump_profile(profile), request.force)
        written.append(f"Réponses enregistrées dans {request.save_profile}")
    if to_stdout:
        sys.stdout.write(plan_output(plan, knowledge, fmt, request.brief))
    else:
        # written to a file, the plan is read there: the screen shows its synthesis
        full_in = None if request.brief or request.output is None else str(request.output)
        show_plan(plan, knowledge, request.brief or request.output is not None, full_in)
        if request.explain:
            print()
            show_method(knowledge, plan)
    for line in written:
        print(line, file=sys.stderr)
    if term is not None and request.output is None and request.save_profile is None and not to_stdout:
        from .interactive import offer_saving

        offer_saving(
            term,
            profile,
            lambda path, fmt, replace: write_atomic(path, plan_output(plan, knowledge, fmt, request.brief), replace),
            lambda path, replace: write_atomic(path, dump_profile(profile), replace),
        )


def check_options(request: Request) -> None:
    """Every option does what it says, or the combination is refused before anything is done."""
    if request.explain and request.profile_path is None:
        extra = [
            name for name, given in (
                ("--output", request.output), ("--format", request.format), ("--save-profile", request.save_profile),
                ("--brief", request.brief), ("--top", request.top),
            ) if given
        ]
        if extra:
            raise UserError(
                f"--explain sans --profile affiche la méthode seule ; {', '.join(extra)} ne "
                + ("s'applique" if len(extra) == 1 else "s'appliquent")
                + " pas. Pour un plan et sa méthode : "
                "essrural diagnose --profile FICHIER --explain."
            )
    if request.explain and request.format and request.output is None:
        raise UserError(
            "--explain affiche la méthode à l'écran, et --format sans --output écrit le plan sur la sortie standard : "
            "ajoutez --output FICHIER, ou retirez l'une des deux options."
        )
    if request.force and request.output is None and request.save_profile is None:
        raise UserError("--force ne sert qu'à remplacer le fichier de --output ou de --save-profile ; retirez-le.")


def plan_for(profile: Profile, knowledge: Knowledge, top: int | None, place: Place | None = None) -> Plan:
    """Rank for a profile already completed (see `locate.resolve_for_plan`)."""
    if not profile.population:
        raise UserError("population manquante : indiquez « population » (nombre d'habitants) dans le profil.")
    return rank(profile, knowledge, top=top, place=place)


def profile_from_file(path: Path) -> tuple[Profile, Place, str | None]:
    """Read, check and resolve a profile file (official commune, place), and remember the
    result for the fast path; the warning, if any, is for the user."""
    from . import cache
    from .datafiles import communes_file
    from .locate import resolve_for_plan
    from .profile_file import read_profile_file

    given, raw, doc = read_profile_file(path)
    try:
        profile, place, warning = resolve_for_plan(given)
    except UserError as error:  # `file:line:` like every other problem of the file
        raise error.located(doc.file, doc.line_of((error.about,)) if error.about else None) from None
    cache.save_profile(raw, communes_file(), {"profile": profile.pack(), "place": place.pack(), "warning": warning})
    return profile, place, warning


def resolved_profile(raw: bytes) -> tuple[Profile, Place, str | None] | None:
    """What `profile_from_file` found for a file with exactly these bytes, from the cache; None if unknown."""
    from . import cache
    from .datafiles import communes_file

    stored = cache.load_profile(raw, communes_file())
    if not isinstance(stored, dict):
        return None
    try:
        return Profile.unpack(stored["profile"]), Place.unpack(stored["place"]), stored.get("warning")
    except (KeyError, TypeError):
        return None

