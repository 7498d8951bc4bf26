"""The `essrural` command line: collects options, calls the library, hands over to a renderer.

Why: each command stays a few lines long. Its options, defaults and help come
from the command table (`essrural.commands`), which the fast path reads too;
ranking, filtering and validation live in the library, printing in
`essrural.render`, and errors are reported in one place (`cli_support.Group.main`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from . import __version__
from .cli_support import Command, Group
from .commands import (
    COMMANDS, COMMUNE_FORMATS, DEPARTEMENT_FORMATS, LISTING_FORMATS, check_lever_or_filters, choose_format, file_path,
)
from .errors import UserError

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


def _option(command: str, name: str) -> Any:
    """The Typer option of `command`'s `name`, as the command table declares it."""
    option = COMMANDS[command].option(name)
    names = [name] + ([option.short] if option.short else [])
    return typer.Option(option.default, *names, metavar=option.metavar, help=option.help)


def _argument(command: str) -> Any:
    (argument,) = COMMANDS[command].arguments
    return typer.Argument(None, metavar=argument.metavar, help=argument.help)


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


@app.command(cls=Command, help=COMMANDS["levers"].help)
def levers(
    lever_id: Optional[str] = _argument("levers"),
    family: Optional[str] = _option("levers", "--family"),
    sector: Optional[str] = _option("levers", "--sector"),
    output_format: str = _option("levers", "--format"),
    data_dir: Optional[list[Path]] = _option("levers", "--data-dir"),
) -> None:
    from .browse import resolve_lever, resolve_option
    from .datafiles import extra_dirs, load
    from .output import show_lever, show_levers
    from .vocabulary import FAMILIES, SECTORS

    fmt = choose_format(output_format, LISTING_FORMATS)
    check_lever_or_filters(lever_id, family, sector)
    family_id = resolve_option(FAMILIES, family, "--family")
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load(extra_dirs(data_dir))
    if lever_id is not None:  # « essrural levers "" » is a lever asked for, not the list
        show_lever(knowledge, resolve_lever(knowledge, lever_id), fmt)
    else:
        show_levers(knowledge, family_id, sector_id, fmt)


@app.command(cls=Command, help=COMMANDS["examples"].help)
def examples(
    sector: Optional[str] = _option("examples", "--sector"),
    lever: Optional[str] = _option("examples", "--lever"),
    search: Optional[str] = _option("examples", "--search"),
    output_format: str = _option("examples", "--format"),
    data_dir: Optional[list[Path]] = _option("examples", "--data-dir"),
) -> None:
    from .browse import resolve_lever, resolve_option
    from .datafiles import extra_dirs, load
    from .output import show_examples
    from .vocabulary import SECTORS

    fmt = choose_format(output_format, LISTING_FORMATS)
    sector_id = resolve_option(SECTORS, sector, "--sector")
    knowledge = load(extra_dirs(data_dir))
    lever_ref = resolve_lever(knowledge, lever, "--lever") if lever is not None else None
    show_examples(knowledge, sector_id, lever_ref, search, fmt)


@app.command(cls=Command, help=COMMANDS["diagnose"].help)
def diagnose(
    profile_path: Optional[Path] = _option("diagnose", "--profile"),
    output: Optional[str] = _option("diagnose", "--output"),  # a str: « plan.md/ » keeps its slash
    output_format: Optional[str] = _option("diagnose", "--format"),
    brief: bool = _option("diagnose", "--brief"),
    force: bool = _option("diagnose", "--force"),
    save_profile: Optional[str] = _option("diagnose", "--save-profile"),
    top: str = _option("diagnose", "--top"),
    explain: bool = _option("diagnose", "--explain"),
    batch: Optional[Path] = _option("diagnose", "--batch"),
    output_dir: Optional[Path] = _option("diagnose", "--output-dir"),
    data_dir: Optional[list[Path]] = _option("diagnose", "--data-dir"),
) -> None:
    data_dirs = tuple(data_dir or ())
    output, save_profile = file_path(output, "--output"), file_path(save_profile, "--save-profile")
    if batch is not None or output_dir is not None:
        from . import batch as batches

        request = batches.Request(
            batch, output_dir, output_format, top, profile_path, force, output, save_profile, data_dirs, brief, explain
        )
        raise typer.Exit(batches.run_request(request))
    from . import diagnosis

    diagnosis.run(
        diagnosis.Request(profile_path, output, output_format, force, save_profile, top, explain, data_dirs, brief)
    )


@app.command(cls=Command, help=COMMANDS["commune"].help)
def commune(
    words: Optional[list[str]] = _argument("commune"),
    departement: Optional[str] = _option("commune", "--departement"),
    output_format: str = _option("commune", "--format"),
) -> None:
    from .output import departement_code, show_commune, show_departement

    query = " ".join(words) if words else None
    if departement is not None and not (query or "").strip():
        show_departement(departement, choose_format(output_format, DEPARTEMENT_FORMATS))
        return
    if departement is not None:  # a name in a département: « Saint-Martin (32) »
        query = f"{query} ({departement_code(departement)})"
    fmt = choose_format(output_format, COMMUNE_FORMATS)
    if query is None or not query.strip():
        raise UserError("nom de commune vide : donnez un nom, un code INSEE ou un code postal (ou --departement).")
    from .datafiles import load

    raise typer.Exit(show_commune(query, fmt, load().regions))


@data_app.command("check", cls=Command, help=COMMANDS["data check"].help)
def data_check(folder: Optional[Path] = _argument("data check")) -> None:
    from .datafiles import extra_dirs, load
    from .output import print_document
    from .render.coverage import report

    from . import inclusion
    from .errors import UserError

    # no folder: those of ESSRURAL_DATA_DIR, as every other command reads them; a check always reads the files
    knowledge = load(extra_dirs([folder] if folder else None), use_cache=False)
    from .clock import today

    broken = inclusion.problems(knowledge, today())
    if broken:
        raise UserError(broken)
    print_document(report(
        knowledge, inclusion.source_warnings(knowledge), inclusion.outcome_warnings(knowledge),
        inclusion.worked_out_dates(knowledge),
    ))
