"""Safe, bounded YAML reading that remembers the line of every value.

Why: users and networks hand essrural their own files. They are parsed with
PyYAML's safe composer (libyaml when present), then turned into plain Python
by our own walker, which refuses non-standard tags (`!!python/…`), duplicate
keys, too deep nesting and alias bombs, and records `path → line` so that a
validation error can point at the line the user must fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import UserError, os_reason
from .records import Struct

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_ALIASES = 200

try:  # libyaml is ten times faster; PyYAML's wheels ship it
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _SafeLoader


# YAML 1.1 reads `0755` as 493 (octal), `0x384` as 900, `1_200` as 1200 and `12:30` as 750: here an
# integer is written in decimal digits, anything else stays text for the checks to explain.
_Loader = type("_Loader", (_SafeLoader,), {})
_INT = "tag:yaml.org,2002:int"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _INT]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

Path_ = tuple[Any, ...]


class YamlDocument(Struct):
    """Plain data read from a YAML file, with the line of each value."""

    _fields = ("file", "data", "lines")

    file: str
    data: Any
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """Line of the value at `path`, or of its nearest ancestor found."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def read_yaml(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Read and parse one YAML file; every failure is a `UserError` naming the file."""
    name = display or str(path)
    return parse_yaml(read_limited(path, name, max_bytes), name, max_bytes=max_bytes)


def read_limited(path: Path, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; a `UserError` naming it otherwise."""
    if path.is_dir():
        raise UserError(f"« {name} » est un dossier ; un fichier YAML est attendu.")
    if path.exists() and not path.is_file():
        raise UserError(f"« {name} » n'est pas un fichier ordinaire (périphérique, tube…) ; un fichier YAML est attendu.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # never more, whatever the size claims
    except FileNotFoundError:
        if name == "-":
            raise UserError("« - » : essrural ne lit pas l'entrée standard ; indiquez le chemin d'un fichier YAML.") from None
        stripped = name.strip()
        if stripped != name and stripped and Path(stripped).is_file():
            raise UserError(f"fichier introuvable : « {name} » ; « {stripped} », sans les espaces autour, existe.") from None
        raise UserError(f"fichier introuvable : « {name} ».") from None
    except OSError as exc:
        raise UserError(f"lecture impossible : {os_reason(exc, reading=True)}.", file=name) from None
    if len(raw) > max_bytes:
        raise UserError(f"fichier trop volumineux ; la limite est de {_size(max_bytes)}.", file=name)
    return raw


def _size(n: int) -> str:
    return f"{n // 1_048_576} Mo" if n >= 1_048_576 else f"{max(n // 1024, 1)} Ko"


def parse_yaml(raw: bytes | str, name: str, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Parse YAML text; every failure is a `UserError` located in `name`."""
    text = _decode(raw, name) if isinstance(raw, bytes) else raw
    if len(text) > max_bytes:
        raise UserError(f"texte trop long ; la limite est de {_size(max_bytes)}.", file=name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = _french_yaml_error(exc)
        if mark and 0 <= mark.index < len(text) and text[mark.index] == "\t":
            message = "YAML invalide : " + _TAB
        raise UserError(message, file=name, line=mark.line + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise UserError(f"caractère de contrôle interdit (U+{code:04X}) dans le fichier.", file=name, line=line) from None
    except yaml.YAMLError as exc:
        raise UserError(_french_yaml_error(exc), file=name) from None
    except RecursionError:
        raise UserError(f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux).", file=name) from None
    lines: dict[Path_, int] = {}
    data = None if node is None else _Walker(name, lines).build(node, (), 0)
    return YamlDocument(name, data, lines)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x} invalide) ; "
            "enregistrez-le en UTF-8.",
            file=name,
            line=line,
        ) from None


class _Walker:
    """Turns composed nodes into dicts, lists and scalars, with limits."""

    def __init__(self, file: str, lines: dict[Path_, int]):
        self.file, self.lines = file, lines
        self.constructor = yaml.SafeLoader("")  # only its scalar constructors are used
        self.nodes = 0
        self.seen: set[int] = set()
        self.aliases = 0

    def fail(self, node: yaml.Node, message: str) -> UserError:
        return UserError(message, file=self.file, line=node.start_mark.line + 1)

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"fichier trop complexe (plus de {MAX_NODES} valeurs).")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux).")
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    raise self.fail(node, f"trop de réutilisations d'ancres YAML (plus de {MAX_ALIASES}).")
            self.seen.add(id(node))
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, _SEQ)
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        self.check_tag(node, _MAP)
        try:
            self.constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as exc:
            raise self.fail(node, "fusion de clés (<<) invalide : " + str(exc.problem)) from None
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                raise self.fail(key_node, "une clé doit être un simple texte.")
            key = str(self.scalar(key_node))
            line = key_node.start_mark.line + 1
            if key in result:
                raise self.fail(key_node, f"clé « {key} » en double (déjà présente ligne {first_line[key]}).")
            first_line[key] = line
            result[key] = self.build(value_node, path + (key,), depth + 1)
            self.lines[path + (key,)] = line
        return result

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise self.fail(node, _bad_tag(node.tag))

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise self.fail(node, _bad_tag(node.tag))
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):
            raise self.fail(node, f"valeur illisible « {node.value[:40]} ».") from None


def _bad_tag(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"balise YAML non autorisée « {shown} » ; seules les données simples sont acceptées."


_TAB = "tabulation interdite : en YAML, on indente avec des espaces."
_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"found character '\\t'"), _TAB),
    (re.compile(r"mapping values are not allowed"), "« : » inattendu ; mettez le texte entre guillemets ou vérifiez l'indentation."),
    (re.compile(r"could not find expected ':'"), "« : » manquant après une clé, ou guillemet mal fermé."),
    (re.compile(r"found undefined alias"), "alias YAML (*nom) qui ne renvoie à aucune ancre (&nom)."),
    (re.compile(r"expected <block end>"), "indentation incohérente."),
    (re.compile(r"did not find expected key"), "indentation incohérente : une clé était attendue."),
    (re.compile(r"did not find expected '-' indicator"), "indentation incohérente dans une liste."),
    (re.compile(r"did not find expected node content"), "valeur manquante ou indentation incohérente."),
    (re.compile(r"found unexpected end of stream"), "fin de fichier inattendue : guillemet ou crochet non fermé ?"),
    (re.compile(r"unknown escape character"), "séquence d'échappement inconnue dans un texte entre guillemets."),
    (re.compile(r"special characters are not allowed|unacceptable character"), "caractère de contrôle interdit dans le fichier."),
    (re.compile(r"expected a single document"), "un seul document YAML est attendu (pas de séparateur ---)."),
    (re.compile(r"exceeded maximum nesting depth"), f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)."),
    (re.compile(r"found duplicate anchor"), "ancre YAML (&nom) définie deux fois."),
    (re.compile(r"found unhashable key|found a mapping key"), "une clé doit être un simple texte."),
    (re.compile(r"expected ',' or '\]'|expected ',' or '}'"), "liste ou dictionnaire entre crochets mal fermé."),
    (re.compile(r"found unexpected ':'"), "« : » inattendu ; mettez le texte entre guillemets."),
    (re.compile(r"while scanning an? (alias|anchor)"), "nom d'ancre ou d'alias YAML invalide (& ou * en début de texte : mettez-le entre guillemets)."),
    (re.compile(r"while scanning a (tag|directive)"), "balise ou directive YAML invalide (! ou % en début de texte : mettez-le entre guillemets)."),
]


def _french_yaml_error(exc: yaml.YAMLError) -> str:
    text = " ".join(filter(None, [getattr(exc, "context", None), getattr(exc, "problem", None), str(exc)]))
    for pattern, message in _TRANSLATIONS:
        if pattern.search(text):
            return "YAML invalide : " + message
    return "YAML invalide : syntaxe non reconnue ; vérifiez l'indentation, les « : » et les guillemets."
