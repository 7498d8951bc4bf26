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
    from .browse import resolve_lever, resolve_option
    from .output import show_lever, show_levers
    from .vocabulary import FAMILIES, SECTORS

    fmt = choose_format(output_format, ["table", "json", "markdown"])
    family_id = resolve_option(FAMILIES, family, "--family")
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load_knowledge(data_dir)
    if lever_id:
        show_lever(knowledge, resolve_lever(knowledge, lever_id), fmt)
    else:
        show_levers(knowledge, family_id, sector_id, fmt)


@app.command(cls=Command)
def examples(
    sector: Optional[str] = typer.Option(None, "--sector", metavar="SECTEUR", help="Secteur : alimentation, commerce, mobilite… (accents et majuscules tolérés)."),
    lever: Optional[str] = typer.Option(None, "--lever", metavar="LEVIER", help="Identifiant d'un levier (voir essrural levers)."),
    search: Optional[str] = typer.Option(None, "--search", metavar="TEXTE", help="Mots à chercher (nom, commune, description), sans tenir compte des accents."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="table (par défaut), json ou markdown."),
    data_dir: DataDirs = typer.Option(None, "--data-dir", metavar="DOSSIER", help=DATA_DIR_HELP),
) -> None:
    """Lister les cas réels, avec leurs sources, filtrés par secteur, levier ou mots."""
    from .browse import resolve_lever, resolve_option
    from .output import show_examples
    from .vocabulary import SECTORS

    fmt = choose_format(output_format, ["table", "json", "markdown"])
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load_knowledge(data_dir)
    lever_ref = resolve_lever(knowledge, lever, "--lever") if lever else None
    show_examples(knowledge, sector_id, lever_ref, search, fmt)


def _console():  # type: ignore[no-untyped-def]
    from .render.console import make_console

    return make_console()


@app.command(cls=Command)
def diagnose(
    profile_path: Optional[Path] = typer.Option(None, "--profile", metavar="FICHIER", help="Fichier de réponses (YAML) : pas de questionnaire."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FICHIER", help="Écrire le plan dans ce fichier (.md ou .json)."),
    output_format: Optional[str] = typer.Option(None, "--format", metavar="FORMAT", help="markdown ou json ; sans --output, le plan est écrit sur la sortie standard."),
    force: bool = typer.Option(False, "--force", help="Remplacer les fichiers existants."),
    save_profile: Optional[Path] = typer.Option(None, "--save-profile", metavar="FICHIER", help="Enregistrer les réponses dans ce fichier YAML."),
    top: str = typer.Option("7", "--top", metavar="N", help="Nombre de pistes présentées, de 1 à 100 (7 par défaut)."),
    explain: bool = typer.Option(False, "--explain", help="Afficher la méthode de classement (critères, pondérations, sources)."),
    batch: Optional[Path] = typer.Option(None, "--batch", metavar="FICHIER", help="Un plan par ligne d'un fichier CSV ou JSON Lines (colonnes : commune, insee, population, missing_services…) ; avec --profile, réponses communes à toutes les lignes."),
    output_dir: Optional[Path] = typer.Option(None, "--output-dir", metavar="DOSSIER", help="Avec --batch : dossier des plans (JSON compact par défaut) et de la synthèse synthese.csv."),
    data_dir: DataDirs = typer.Option(None, "--data-dir", metavar="DOSSIER", help=DATA_DIR_HELP),
) -> None:
    """Établir le plan d'action d'une commune : questionnaire, ou réponses enregistrées avec --profile."""
    if batch is not None or output_dir is not None:
        return _diagnose_batch(batch, output_dir, profile_path, output_format, force, top, output, save_profile, data_dir)
    from . import diagnosis
    from .export import check_destination, format_for, write_atomic
    from .output import plan_text
    from .profile import dump_profile

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
        profile, place, warning = diagnosis.profile_from_file(profile_path)
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
        sys.stdout.write(plan_text(plan, knowledge, fmt))
    else:
        from .render.plan_terminal import print_method, print_plan

        print_plan(plan, _console())
        if explain:
            _console().print()
            print_method(_console(), knowledge, plan)
    if output is not None:
        write_atomic(output, plan_text(plan, knowledge, fmt or "markdown"), force)
        print(f"Plan exporté dans {output}", file=sys.stderr)
    if save_profile is not None:
        write_atomic(save_profile, dump_profile(profile), force)
        print(f"Réponses enregistrées dans {save_profile}", file=sys.stderr)
    if profile_path is None and output is None and save_profile is None and not to_stdout:
        from .interactive import offer_saving

        offer_saving(
            term,
            profile,
            lambda path, replace: write_atomic(path, plan_text(plan, knowledge, "markdown"), replace),
            lambda path, replace: write_atomic(path, dump_profile(profile), replace),
        )


def _diagnose_batch(batch, output_dir, defaults_path, output_format, force, top, output, save_profile, data_dir) -> None:  # type: ignore[no-untyped-def]
    """`diagnose --batch FILE --output-dir DIR`: one plan per row, a summary table, bad rows reported."""
    from . import batch as batches
    from .render.progress import progress_bar

    if batch is None or output_dir is None:
        raise UserError("--batch et --output-dir vont ensemble : essrural diagnose --batch communes.csv --output-dir plans/")
    if output is not None or save_profile is not None:
        raise UserError("avec --batch, les plans vont dans --output-dir ; --output et --save-profile ne s'appliquent pas.")
    job = batches.Job(batch, output_dir, output_format or "json", parse_top(top), defaults_path, force)
    for warning in job.warnings:
        print(warning, file=sys.stderr)
    knowledge = load_knowledge(data_dir)
    with progress_bar(job.count_rows) as tick:
        report = job.run(knowledge, tick)
    for problem in report.problems:
        print(str(problem), file=sys.stderr)
    print(report.summary_line(), file=sys.stderr)
    if report.problems:
        raise typer.Exit(2)


@app.command(cls=Command)
def commune(
    query: Optional[str] = typer.Argument(None, metavar="NOM|CODE", help="Nom (accents, majuscules et petites fautes tolérés), code INSEE ou code postal ; « Nom (41) » pour préciser le département."),
    departement: Optional[str] = typer.Option(None, "--departement", metavar="DÉPARTEMENT", help="Lister toutes les communes d'un département (code ou nom) ; avec --format csv, un fichier prêt pour diagnose --batch."),
    output_format: str = typer.Option("table", "--format", metavar="FORMAT", help="table (par défaut), json, ou csv avec --departement."),
) -> None:
    """Chercher une commune dans la liste officielle : population, département, région, intercommunalité."""
    from .output import show_commune, show_departement

    if departement is not None:
        if query:
            raise UserError("donnez soit un nom ou un code de commune, soit --departement, pas les deux.")
        show_departement(departement, choose_format(output_format, ["table", "json", "csv"]))
        return
    fmt = choose_format(output_format, ["table", "json"])
    if query is None or not query.strip():
        raise UserError("nom de commune vide : donnez un nom, un code INSEE ou un code postal (ou --departement).")
    raise typer.Exit(show_commune(query, fmt))


@data_app.command("check", cls=Command)
def data_check(
    folder: Optional[Path] = typer.Argument(None, metavar="DOSSIER", help="Dossier de fichiers YAML à vérifier avec la base intégrée (par défaut : la base intégrée seule)."),
) -> None:
    """Valider les fichiers de connaissances et afficher la couverture par secteur et par famille."""
    from .knowledge import load
    from .render.console import make_console
    from .render.coverage import print_report

    knowledge = load([folder] if folder else [], use_cache=False)  # a check always reads the files
    print_report(knowledge, make_console())
