"""The everyday commands, answered without loading Typer, Rich, Pydantic or YAML.

Why: a tool used during a council meeting must answer at once. Typer (which
brings Pydantic) and Rich take several times longer to import than Python
takes to start. When the command line is one of the common, well-formed
shapes below and the cache holds the checked knowledge (and, for `diagnose`,
the resolved profile), the answer comes from here, printed by the very same
functions the full CLI uses (`essrural.output`). Anything else (help, an
error to explain, a questionnaire, a file to write, a cold cache) returns
None and the full CLI takes over, which also fills the cache for next time.

Handled (`--version` is answered before, in `__main__`): `levers [--family F] [--sector S] [--format X]
[--data-dir D]`; `examples [--sector S] [--lever L] [--search T] [--format X]
[--data-dir D]`; `diagnose --profile F --format json|markdown [--top N]
[--data-dir D]`; `commune QUERY [--format table|json]`. `ESSRURAL_NO_FASTPATH=1` turns it off.
"""

from __future__ import annotations

import os
import sys

from .text import is_utf8

MAX_PROFILE_BYTES = 1024 * 1024  # profile.MAX_PROFILE_BYTES, which cannot be imported here (Pydantic)


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
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    try:
        return handler(argv[1:])
    except _Decline:
        return None
    except BrokenPipeError:
        from .cli_support import _silence_stdout

        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130


def _options(args: list[str], allowed: set[str], repeatable: frozenset[str] = frozenset({"--data-dir"})) -> dict:
    """`--name value` and `--name=value` pairs; anything else declines."""
    found: dict = {}
    i = 0
    while i < len(args):
        arg = args[i]
        if not arg.startswith("--"):
            raise _Decline
        name, sep, value = arg.partition("=")
        if name not in allowed:
            raise _Decline
        if not sep:
            i += 1
            if i >= len(args):
                raise _Decline
            value = args[i]
        if name in repeatable:
            found.setdefault(name, []).append(value)
        elif name in found:
            raise _Decline
        else:
            found[name] = value
        i += 1
    return found


def _format(value: str | None, allowed: tuple[str, ...], default: str | None, aliases: dict | None = None) -> str:
    """The format, spelled as the full CLI accepts it for this command; anything else declines."""
    fmt = default if value is None else (aliases or {}).get(value.strip().lower(), value.strip().lower())
    if fmt not in allowed:
        raise _Decline
    return fmt


def _vocabulary_id(vocabulary, value: str | None) -> str | None:  # type: ignore[no-untyped-def]
    if value is None:
        return None
    from .vocabulary import UnknownId

    try:
        return vocabulary.resolve(value)
    except UnknownId:
        raise _Decline from None


def _knowledge(options: dict):  # type: ignore[no-untyped-def]
    from . import cache
    from .errors import EssruralError
    from .knowledge import builtin_data_dir, collect_files, extra_dirs, yaml_files

    try:
        paths = yaml_files(builtin_data_dir()) + collect_files(extra_dirs(options.get("--data-dir")))
    except (EssruralError, OSError):
        raise _Decline from None
    knowledge = cache.load_knowledge(paths)
    if knowledge is None:
        raise _Decline
    return knowledge


def _levers(args: list[str]) -> int:
    from .output import show_levers
    from .vocabulary import FAMILIES, SECTORS

    options = _options(args, {"--family", "--sector", "--format", "--data-dir"})
    fmt = _format(options.get("--format"), ("table", "json", "markdown"), "table")
    family = _vocabulary_id(FAMILIES, options.get("--family"))
    sector = _vocabulary_id(SECTORS, options.get("--sector"))
    show_levers(_knowledge(options), family, sector, fmt)
    return 0


def _examples(args: list[str]) -> int:
    from .browse import resolve_lever
    from .errors import EssruralError
    from .output import show_examples
    from .vocabulary import SECTORS

    options = _options(args, {"--sector", "--lever", "--search", "--format", "--data-dir"})
    fmt = _format(options.get("--format"), ("table", "json", "markdown"), "table")
    sector = _vocabulary_id(SECTORS, options.get("--sector"))
    knowledge = _knowledge(options)
    lever = None
    if "--lever" in options:
        try:
            lever = resolve_lever(knowledge, options["--lever"], "--lever")
        except EssruralError:
            raise _Decline from None
    show_examples(knowledge, sector, lever, options.get("--search"), fmt)
    return 0


def _diagnose(args: list[str]) -> int:
    from . import cache
    from .engine import Place, rank
    from .errors import EssruralError
    from .output import plan_text
    from .records import record

    options = _options(args, {"--profile", "--format", "--top", "--data-dir"})
    if "--profile" not in options:
        raise _Decline
    fmt = _format(options.get("--format"), ("json", "markdown"), None, {"md": "markdown"})  # as export.FORMATS
    top = options.get("--top", "7").strip()
    if not top.isdigit() or not 1 <= int(top) <= 100:
        raise _Decline
    path = options["--profile"]
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > MAX_PROFILE_BYTES:
            raise _Decline
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        raise _Decline from None
    resolved = cache.load_profile(raw)
    if resolved is None:
        raise _Decline
    knowledge = _knowledge(options)
    profile = record(resolved["profile"])
    if not profile.population:
        raise _Decline
    plan = rank(profile, knowledge, top=int(top), place=Place(**resolved["place"]))
    try:
        text = plan_text(plan, knowledge, fmt)
    except EssruralError:  # e.g. a malformed SOURCE_DATE_EPOCH: the full CLI explains it
        raise _Decline from None
    if resolved.get("warning"):
        print(resolved["warning"], file=sys.stderr)
    sys.stdout.write(text)
    return 0


def _commune(args: list[str]) -> int:
    from .output import show_commune

    if len(args) == 3 and args[1] == "--format":
        fmt = _format(args[2], ("table", "json"), None)
    elif len(args) == 1:
        fmt = "table"
    else:
        raise _Decline
    if args[0].startswith("-") or not args[0].strip():
        raise _Decline
    return show_commune(args[0], fmt)


_HANDLERS = {"levers": _levers, "examples": _examples, "diagnose": _diagnose, "commune": _commune}
