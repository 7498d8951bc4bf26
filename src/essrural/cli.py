"""The `essrural` command line: collects options, calls the library, hands over to a renderer.

Why: each command stays a few lines long; ranking, filtering and validation
live in the library, printing in `essrural.render`, and errors are reported
in one place (`cli_support.Group.main`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from . import __version__
from .cli_support import Command, Group
from .errors import UserError
from .vocabulary import closest

app = typer.Typer(
    cls=Group,
    add_completion=False,
    rich_markup_mode=None,
    no_args_is_help=True,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    context_settings={"help_option_names": ["-h", "--help"]},
    help=(
        "essrural : un plan d'action d'économie sociale et solidaire (ESS) pour les communes rurales.\n\n"
        "Les leviers d'une commune, des cas réels sourcés et un diagnostic expliqué."
    ),
)
data_app = typer.Typer(
    cls=Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
    help="Vérifier les fichiers de connaissances.",
)
app.add_typer(data_app, name="data")

DATA_DIR_HELP = (
    "Dossier de fichiers YAML à ajouter à la base intégrée (répétable ; "
    "sinon la variable ESSRURAL_DATA_DIR)."
)
DataDirs = Optional[list[Path]]


def _version(value: bool) -> None:
    if value:
        print(f"essrural {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Afficher la version et quitter."
    ),
) -> None:
    """essrural : un plan d'action d'économie sociale et solidaire (ESS) pour les communes rurales."""


def choose_format(value: str, allowed: list[str], option: str = "--format") -> str:
    wanted = value.strip().lower()
    if wanted in allowed:
        return wanted
    suggestion = closest(wanted, allowed)
    hint = f" ; vouliez-vous dire « {suggestion} » ?" if suggestion else "."
    raise UserError(f"option {option} : format inconnu « {value} »{hint} Formats possibles : {', '.join(allowed)}.")


def parse_top(value: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= 100:
        raise UserError(f"option --top : « {value} » n'est pas un nombre entier de 1 à 100.")
    return int(text)


def load_knowledge(data_dir: DataDirs):
    from .knowledge import extra_dirs, load

    return load(extra_dirs(data_dir))


@app.command(cls=Command)
def levers(
    lever_id: Optional[str] = typer.Argument(None, metavar="ID", help="Identifiant d'un levier à détailler."),
    family: Optional[str] = typer.Option(None, "--family", metavar="FAMILLE", help="Famille : financement, foncier, cooperation, contractualisation, accompagnement."),
    sector: Optional[str] = typer.Option(None, "--sector", metavar="SECTEUR", help="Secteur : alimentation, commerce, mobilite… (accents et majuscules tolérés)."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="table (par défaut), json ou markdown."),
    data_dir: DataDirs = typer.Option(None, "--data-dir", metavar="DOSSIER", help=DATA_DIR_HELP),
) -> None:
    """Lister les leviers d'action d'une commune, ou détailler l'un d'eux."""
    from .browse import resolve_lever, resolve_option, select_levers
    from .render import listing
    from .vocabulary import FAMILIES, SECTORS

    fmt = choose_format(output_format, ["table", "json", "markdown"])
    family_id = resolve_option(FAMILIES, family, "--family")
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load_knowledge(data_dir)
    if lever_id:
        chosen = [knowledge.levers[resolve_lever(knowledge, lever_id)]]
        heading = chosen[0].title
        table = lambda: listing.lever_detail(chosen[0], knowledge, _console())  # noqa: E731
    else:
        chosen = select_levers(knowledge, family_id, sector_id)
        heading = listing.levers_heading(len(chosen), family_id, sector_id)
        table = lambda: listing.levers_table(chosen, _console(), heading)  # noqa: E731
    _emit(fmt, chosen, table, lambda: listing.levers_markdown(chosen, knowledge, heading))


@app.command(cls=Command)
def examples(
    sector: Optional[str] = typer.Option(None, "--sector", metavar="SECTEUR", help="Secteur : alimentation, commerce, mobilite… (accents et majuscules tolérés)."),
    lever: Optional[str] = typer.Option(None, "--lever", metavar="LEVIER", help="Identifiant d'un levier (voir essrural levers)."),
    search: Optional[str] = typer.Option(None, "--search", metavar="TEXTE", help="Mots à chercher (nom, commune, description), sans tenir compte des accents."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="table (par défaut), json ou markdown."),
    data_dir: DataDirs = typer.Option(None, "--data-dir", metavar="DOSSIER", help=DATA_DIR_HELP),
) -> None:
    """Lister les cas réels, avec leurs sources, filtrés par secteur, levier ou mots."""
    from .browse import resolve_lever, resolve_option, select_examples
    from .render import listing
    from .vocabulary import SECTORS

    fmt = choose_format(output_format, ["table", "json", "markdown"])
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load_knowledge(data_dir)
    lever_ref = resolve_lever(knowledge, lever, "--lever") if lever else None
    chosen = select_examples(knowledge, sector_id, lever_ref, search)
    heading = listing.examples_heading(len(chosen), sector_id, lever_ref, search)
    _emit(
        fmt,
        chosen,
        lambda: listing.examples_cards(chosen, _console(), heading),
        lambda: listing.examples_markdown(chosen, heading),
    )


def _console():  # type: ignore[no-untyped-def]
    from .render.console import make_console

    return make_console()


def _emit(fmt: str, items: list, table, markdown) -> None:  # type: ignore[no-untyped-def]
    """Print a listing in the chosen format: Rich for people, Markdown or JSON for files and scripts."""
    if fmt == "json":
        from .render.jsonout import listing

        sys.stdout.write(listing(items))
    elif fmt == "markdown":
        sys.stdout.write(markdown())
    else:
        table()


@app.command(cls=Command)
def diagnose(
    profile_path: Optional[Path] = typer.Option(None, "--profile", metavar="FICHIER", help="Fichier de réponses (YAML) : pas de questionnaire."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FICHIER", help="Écrire le plan dans ce fichier (.md ou .json)."),
    output_format: Optional[str] = typer.Option(None, "--format", metavar="FORMAT", help="markdown ou json ; sans --output, le plan est écrit sur la sortie standard."),
    force: bool = typer.Option(False, "--force", help="Remplacer les fichiers existants."),
    save_profile: Optional[Path] = typer.Option(None, "--save-profile", metavar="FICHIER", help="Enregistrer les réponses dans ce fichier YAML."),
    top: str = typer.Option("7", "--top", metavar="N", help="Nombre de pistes présentées, de 1 à 100 (7 par défaut)."),
    explain: bool = typer.Option(False, "--explain", help="Afficher la méthode de classement (critères, pondérations, sources)."),
    data_dir: DataDirs = typer.Option(None, "--data-dir", metavar="DOSSIER", help=DATA_DIR_HELP),
) -> None:
    """Établir le plan d'action d'une commune : questionnaire, ou réponses enregistrées avec --profile."""
    from . import diagnosis
    from .export import check_destination, format_for, write_atomic
    from .profile import dump_profile, read_profile

    for destination in (output, save_profile):
        if destination is not None:
            check_destination(destination, force)
    fmt = format_for(output, output_format)
    top_n = parse_top(top)
    interactive = profile_path is None and not explain
    if interactive and not sys.stdin.isatty():
        raise UserError(
            "pas de terminal pour le questionnaire : passez vos réponses avec --profile FICHIER "
            "(modèle dans le README ; --save-profile en crée un)."
        )
    knowledge = load_knowledge(data_dir)
    if profile_path is None and explain:
        from .render.plan_terminal import print_method

        print_method(_console(), knowledge)
        return
    if profile_path is not None:
        from .locate import resolve_for_plan

        profile, place, warning = resolve_for_plan(read_profile(profile_path))
        if warning:
            print(warning, file=sys.stderr)
    else:
        from .interactive import Terminal, ask_profile

        term = Terminal(_console())
        term.say("Diagnostic ESS de votre commune", "bold")
        term.say("Quelques questions, puis un plan d'action expliqué. Ctrl-C pour arrêter.", "dim")
        profile, place = ask_profile(term)
    plan = diagnosis.make_plan(profile, knowledge, top_n, place)
    to_stdout = fmt is not None and output is None
    if to_stdout:
        sys.stdout.write(diagnosis.render(plan, knowledge, fmt))
    else:
        from .render.plan_terminal import print_method, print_plan

        print_plan(plan, _console())
        if explain:
            _console().print()
            print_method(_console(), knowledge, plan)
    if output is not None:
        write_atomic(output, diagnosis.render(plan, knowledge, fmt or "markdown"), force)
        print(f"Plan exporté dans {output}", file=sys.stderr)
    if save_profile is not None:
        write_atomic(save_profile, dump_profile(profile), force)
        print(f"Réponses enregistrées dans {save_profile}", file=sys.stderr)
    if profile_path is None and output is None and save_profile is None and not to_stdout:
        from .interactive import offer_saving

        offer_saving(
            term,
            profile,
            lambda path, replace: write_atomic(path, diagnosis.render(plan, knowledge, "markdown"), replace),
            lambda path, replace: write_atomic(path, dump_profile(profile), replace),
        )


@app.command(cls=Command)
def commune(
    query: str = typer.Argument(..., metavar="NOM|CODE", help="Nom (accents, majuscules et petites fautes tolérés), code INSEE ou code postal ; « Nom (41) » pour préciser le département."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="table (par défaut) ou json."),
) -> None:
    """Chercher une commune dans la liste officielle : population, département, région, intercommunalité."""
    from . import communes
    from .locate import clear_leader
    from .render.commune_view import commune_dict, print_candidates, print_commune

    fmt = choose_format(output_format, ["table", "json"])
    if not query.strip():
        raise UserError("nom de commune vide : donnez un nom, un code INSEE ou un code postal.")
    matches = communes.search(query, limit=10)
    exact = [m for m in matches if m.how != "fuzzy"]
    if fmt == "json":
        from .render.jsonout import dumps

        sys.stdout.write(dumps([{**commune_dict(m.commune), "match": m.how} for m in matches]))
        if not matches:
            raise typer.Exit(1)
        return
    console = _console()
    if len(exact) == 1:
        print_commune(exact[0].commune, console)
    elif exact:
        print_candidates(query, exact, console, exact=True)
    elif clear_leader(matches):
        print_commune(matches[0].commune, console, note=f"Correspondance approchée pour « {query} ».")
    elif matches:
        print_candidates(query, matches, console, exact=False)
    else:
        print(communes.no_match_message(query), file=sys.stderr)
        raise typer.Exit(1)
    console.print(Text_dim(communes.attribution()))


def Text_dim(text: str):  # type: ignore[no-untyped-def]
    from rich.text import Text

    return Text(text, style="dim")


@data_app.command("check", cls=Command)
def data_check(
    folder: Optional[Path] = typer.Argument(None, metavar="DOSSIER", help="Dossier de fichiers YAML à vérifier avec la base intégrée (par défaut : la base intégrée seule)."),
) -> None:
    """Valider les fichiers de connaissances et afficher la couverture par secteur et par famille."""
    from .knowledge import load
    from .render.console import make_console
    from .render.coverage import print_report

    knowledge = load([folder] if folder else [])
    print_report(knowledge, make_console())
