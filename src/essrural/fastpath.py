"""The everyday commands, answered without loading Typer, Rich, Pydantic or YAML.

Why: a tool used during a council meeting must answer at once. Typer (which
brings Pydantic) and Rich take several times longer to import than Python
takes to start. When the command line is well formed, uses only options the
command table (`essrural.commands`) marks as `fast`, and the cache holds the
checked knowledge (and, for `diagnose`, the resolved profile), the answer
comes from here: parsed with the same table, checked with the same
validators, printed by the same functions (`essrural.output`) as the full
CLI. Anything else (help, an error to explain, a questionnaire, a file to
write, a cold cache) returns None and the full CLI takes over, which also
fills the cache for next time. `ESSRURAL_NO_FASTPATH=1` turns it off.
"""

from __future__ import annotations

import os
import sys

from .commands import COMMANDS, COMMUNE_FORMATS, LISTING_FORMATS, Command, check_lever_or_filters, choose_format, parse_top
from .errors import EssruralError, os_failure
from .text import is_utf8


class _Decline(Exception):
    """This command line is for the full CLI."""


def run(argv: list[str]) -> int | None:
    """The exit code when handled here, None to let the full CLI run."""
    if os.environ.get("ESSRURAL_NO_FASTPATH") == "1" or not argv:
        return None
    handler = _HANDLERS.get(argv[0])
    if handler is None or not all(map(is_utf8, argv)):  # the full CLI explains unreadable bytes
        return None
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    try:
        arguments, options = parse(COMMANDS[argv[0]], argv[1:])
        code = handler(arguments, options)
        sys.stdout.flush()  # a full disk under `> plan.md` is reported here, not by Python at exit
        return code
    except (_Decline, EssruralError):  # an error is explained by the full CLI
        return None
    except BrokenPipeError:
        from .output import silence_stdout

        silence_stdout()
        return 0  # `essrural levers | head -1`: the reader had enough, as with the full CLI
    except OSError as error:  # as the full CLI says it (cli_support.Group)
        from .output import silence_stdout

        silence_stdout()
        print(os_failure(error), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130


def parse(command: Command, args: list[str]) -> tuple[list[str], dict[str, object]]:
    """The positional arguments and the options (`--name value`, `--name=value`, flags), with the
    table's defaults; anything unusual declines."""
    known = {option.name: option for option in command.options if option.fast}
    found: dict[str, object] = {}
    arguments: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("-"):
            arguments.append(arg)
            i += 1
            continue
        name, sep, value = arg.partition("=")
        option = known.get(name)
        if option is None or (option.flag and sep):
            raise _Decline
        if option.flag:
            value = True
        elif not sep:
            i += 1
            if i >= len(args):
                raise _Decline
            value = args[i]
        if option.repeatable:
            found.setdefault(name, []).append(value)
        elif name in found:
            raise _Decline
        else:
            found[name] = value
        i += 1
    if command.arguments and command.arguments[-1].words and len(arguments) > len(command.arguments):
        last = len(command.arguments) - 1
        arguments[last:] = [" ".join(arguments[last:])]
    if len(arguments) > len(command.arguments):
        raise _Decline
    for option in command.options:
        found.setdefault(option.name, option.default)
    return arguments, found


def _vocabulary_id(vocabulary, value: object) -> str | None:
    from .browse import resolve_option

    return resolve_option(vocabulary, value, "") if isinstance(value, str) else None


def _knowledge(options: dict[str, object]):
    from . import cache
    from .datafiles import extra_dirs, knowledge_files

    try:
        paths = knowledge_files(extra_dirs(options.get("--data-dir")))
    except OSError:
        raise _Decline from None
    knowledge = cache.load_knowledge(paths)
    if knowledge is None:
        raise _Decline
    return knowledge


def _levers(arguments: list[str], options: dict[str, object]) -> int:
    from .output import show_levers
    from .vocabulary import FAMILIES, SECTORS

    fmt = choose_format(str(options["--format"]), LISTING_FORMATS)
    knowledge = _knowledge(options)
    if arguments:
        from .browse import resolve_lever
        from .output import show_lever

        check_lever_or_filters(arguments[0], options["--family"], options["--sector"])  # explained by the full CLI
        show_lever(knowledge, resolve_lever(knowledge, arguments[0]), fmt)
        return 0
    family = _vocabulary_id(FAMILIES, options["--family"])
    sector = _vocabulary_id(SECTORS, options["--sector"])
    show_levers(knowledge, family, sector, fmt)
    return 0


def _examples(arguments: list[str], options: dict[str, object]) -> int:
    from .browse import resolve_lever
    from .output import show_examples
    from .vocabulary import SECTORS

    fmt = choose_format(str(options["--format"]), LISTING_FORMATS)
    sector = _vocabulary_id(SECTORS, options["--sector"])
    knowledge = _knowledge(options)
    lever = options["--lever"]
    lever_id = resolve_lever(knowledge, lever, "--lever") if isinstance(lever, str) else None
    search = options["--search"]
    show_examples(knowledge, sector, lever_id, search if isinstance(search, str) else None, fmt)
    return 0


def _diagnose(arguments: list[str], options: dict[str, object]) -> int:
    from .commands import check_plan_format, plan_format
    from .diagnosis import plan_for, resolved_profile
    from .output import plan_output, show_plan
    from .profile import MAX_PROFILE_BYTES

    path, fmt = options["--profile"], options["--format"]
    if not isinstance(path, str):  # the questionnaire
        raise _Decline
    fmt = plan_format(fmt) if isinstance(fmt, str) else None
    brief = options["--brief"] is True
    check_plan_format(fmt, False, brief)  # a refusal is explained by the full CLI
    top = parse_top(options["--top"] if isinstance(options["--top"], str) else None)
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_PROFILE_BYTES:
            raise _Decline
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        raise _Decline from None
    resolved = resolved_profile(raw)
    if resolved is None:
        raise _Decline
    profile, place, warning = resolved
    knowledge = _knowledge(options)
    plan = plan_for(profile, knowledge, top, place)
    if warning:
        print(warning, file=sys.stderr)
    if fmt is not None:
        text = plan_output(plan, knowledge, fmt, brief)
        assert isinstance(text, str)
        sys.stdout.write(text)
    else:
        show_plan(plan, knowledge, brief)
    return 0


def _commune(arguments: list[str], options: dict[str, object]) -> int:
    from .output import show_commune

    if len(arguments) != 1 or not arguments[0].strip():
        raise _Decline
    fmt = choose_format(str(options["--format"]), COMMUNE_FORMATS)
    return show_commune(arguments[0], fmt, _knowledge(options).regions)


_HANDLERS = {"levers": _levers, "examples": _examples, "diagnose": _diagnose, "commune": _commune}
