"""Typer plumbing: French help pages, French usage errors, one error handler.

Why: Typer and Click speak English ("Usage:", "No such option"). Our users
read French, so every command uses the classes below: they write the help
page themselves from the French help strings, and the group's `main` is the
single place where user errors become stderr lines and exit codes
(2 usage/input, 1 other handled failure, 130 interrupted).
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # Typer ≥ 0.26 vendors Click
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - older Typer with Click as a dependency
    from click import exceptions as click_exceptions

from .errors import EssruralError, UserError, os_failure
from .output import silence_stdout
from .text import excerpt, is_utf8

HELP_TEXT = "Afficher cette aide et quitter."


def _report(lines: list[str]) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _french_usage_error(error: Exception) -> str:
    """Rewrite Click's English usage errors in French."""
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click_exceptions.NoSuchOption):
        hint = ""
        if error.possibilities:
            hint = " ; vouliez-vous dire " + " ou ".join(f"« {p} »" for p in sorted(error.possibilities)) + " ?"
        return f"option inconnue « {excerpt(error.option_name)} »{hint}"
    if isinstance(error, click_exceptions.MissingParameter):
        param = error.param
        name = (param.human_readable_name if param else "") or ""
        if isinstance(param, typer.core.TyperArgument):
            return f"argument obligatoire manquant : {name}"
        return f"option obligatoire manquante : {name}"
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    rules = [
        (
            r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?",
            lambda m: f"commande inconnue « {m[1]} »"
            + (f" ; vouliez-vous dire « {m[2]} » ?" if m[2] else ".")
            + _commands_hint(ctx),
        ),
        (r"Got unexpected extra arguments?(?:\(s\))? \((.+)\)", lambda m: f"argument en trop : « {m[1]} »"),
        (
            r"Invalid value for '(.+?)': Input should be a valid integer.*",
            lambda m: f"valeur invalide pour « {m[1]} » : un nombre entier est attendu",
        ),
        (
            r"Invalid value for '(.+?)': Input should be (greater|less) than or equal to (\S+?)\.?",
            lambda m: f"valeur invalide pour « {m[1]} » : elle doit être "
            + ("supérieure" if m[2] == "greater" else "inférieure")
            + f" ou égale à {m[3]}",
        ),
        (r"Option '(.+?)' requires an argument\.?", lambda m: f"l'option « {m[1]} » attend une valeur"),
        (r"Option '(.+?)' requires (\d+) arguments\.?", lambda m: f"l'option « {m[1]} » attend {m[2]} valeurs"),
        (
            r"Invalid value for '(.+?)': '(.*)' is not a valid integer( range)?\.?",
            lambda m: f"valeur invalide pour « {m[1]} » : « {m[2]} » n'est pas un nombre entier",
        ),
        (
            r"Invalid value for '(.+?)': (.*) is not in the range (.*)\.?",
            lambda m: f"valeur invalide pour « {m[1]} » : {m[2]} n'est pas dans l'intervalle {m[3]}",
        ),
        (
            r"Invalid value for '(.+?)': '(.*)' is not one of (.*)\.",
            lambda m: f"valeur invalide pour « {m[1]} » : « {m[2]} » ; valeurs possibles : {m[3]}",
        ),
        (r"Invalid value for '(.+?)': (.*)", lambda m: f"valeur invalide pour « {m[1]} » : {m[2]}"),
        (r"Option '(.+?)' does not take a value\.?", lambda m: f"l'option « {m[1]} » ne prend pas de valeur"),
        (r"Missing command\.?", lambda m: "commande manquante." + _commands_hint(ctx)),
    ]
    for pattern, build in rules:
        found = re.fullmatch(pattern, message.strip())
        if found:
            return build(found)
    return f"utilisation incorrecte ({message})"


def _commands_hint(ctx: Any) -> str:
    group = getattr(ctx, "command", None)
    names = list(getattr(group, "commands", {}) or {})
    return f" Commandes possibles : {', '.join(names)}" if names else ""


def _help_hint(ctx: Any) -> str:
    path = getattr(ctx, "command_path", None) or "essrural"
    return f"Aide : {path} --help"


class FrenchHelpMixin:
    """Writes the help page in French from our own help strings."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
            option.opts = sorted(option.opts, key=lambda o: (len(o), o))  # -h before --help, always
        return option

    def format_help(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        usage = " ".join([ctx.command_path, *pieces])
        formatter.write_text(f"Utilisation : {usage}")
        text = inspect.cleandoc(self.help or "").partition("\f")[0]
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)
        arguments, options = [], []
        for param in self.get_params(ctx):
            if getattr(param, "hidden", False):
                continue
            if isinstance(param, typer.core.TyperArgument):
                arguments.append((param.metavar or (param.name or "").upper(), param.help or ""))
            else:
                names = ", ".join(param.opts + param.secondary_opts)
                if not param.is_flag and param.metavar:
                    names += f" {param.metavar}"
                options.append((names, param.help or ""))
        commands = self._command_rows(ctx)
        for title, rows in (("Arguments", arguments), ("Options", options), ("Commandes", commands)):
            if rows:
                formatter.write_paragraph()
                formatter.write_text(f"{title} :")  # French typography: a space before the colon
                with formatter.indentation():
                    formatter.write_dl(rows)
        if self.epilog:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(self.epilog))

    def _command_rows(self, ctx) -> list[tuple[str, str]]:
        rows = []
        for name, command in (getattr(self, "commands", None) or {}).items():
            if not command.hidden:
                first_line = inspect.cleandoc(command.help or "").split("\n")[0]
                rows.append((name, first_line))
        return rows


class Command(FrenchHelpMixin, TyperCommand):
    pass


class Group(FrenchHelpMixin, TyperGroup):
    """The top-level group: also the single place where errors are reported."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        code = self._run(args, "essrural", extra)  # the same name whoever calls (console script, -m, tests)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args, prog_name, extra) -> int:
        debug = os.environ.get("ESSRURAL_DEBUG") == "1"
        _tolerant_streams()
        try:
            _check_arguments(sys.argv[1:] if args is None else args)
            result = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
            sys.stdout.flush()  # a full disk under `> plan.md` is reported here, not by Python at exit
            code = result if isinstance(result, int) else 0
            if code == 130:  # Typer turns Ctrl-C into Exit(130) before we see it
                _report(["", "Interrompu."])
            return code
        except EssruralError as error:
            if debug:
                raise
            _report([str(p) for p in error.problems])
            return error.exit_code
        except click_exceptions.UsageError as error:
            _report([f"Erreur : {_french_usage_error(error)}.".replace("..", ".") + f" {_help_hint(error.ctx)}"])
            return 2
        except (typer.Abort, KeyboardInterrupt, EOFError):
            _report(["", "Interrompu."])
            return 130
        except BrokenPipeError:
            silence_stdout()  # `essrural levers | head`: the reader had enough; not an error for `set -o pipefail`
            return 0
        except SystemExit:
            if type(sys.stdout).__name__ == "PacifyFlushWrapper":  # Click's own answer to a closed pipe: exit 1
                silence_stdout()
                return 0
            raise
        except OSError as error:  # refused by the system where no check foresaw it: French, exit 1
            if debug:
                raise
            silence_stdout()
            _report([os_failure(error)])
            return 1
        except Exception as error:  # an internal bug: no traceback for the user, unless asked
            if debug:
                raise
            _report(
                [
                    f"Erreur inattendue ({type(error).__name__}) : ce n'est pas votre faute. Relancez avec "
                    "ESSRURAL_DEBUG=1 pour le détail et signalez-la aux mainteneurs d'essrural."
                ]
            )
            return 1


def _check_arguments(args) -> None:
    """Arguments that are not valid text (bytes from a non-UTF-8 terminal) are refused plainly."""
    for arg in map(str, args):
        if not is_utf8(arg):
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            raise UserError(f"argument illisible « {shown} » : le terminal doit envoyer du texte UTF-8.")


def _tolerant_streams() -> None:
    """Never crash on printing: a terminal that cannot show « é » gets a replacement character."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass

