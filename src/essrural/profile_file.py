"""A commune's answers as a YAML file: read strictly, written in the contract's format.

Why: what the questionnaire gathered can be saved and replayed with
`--profile`, and a file written by `--save-profile` reads back to the same plan.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from .errors import Problem, UserError
from .profile import KEYS, LIST_KEYS, MAX_PROFILE_BYTES, PLACE_KEYS, Profile
from .schema import ProfileSchema
from .text import SEMICOLON
from .validation import french_message, validate
from .yamlsource import YamlDocument, parse_yaml, read_limited, read_yaml


def read_profile(path: Path) -> Profile:
    """Read and check a profile file; every problem is reported with its line."""
    return read_profile_file(path)[0]


def read_profile_file(path: Path) -> tuple[Profile, bytes, YamlDocument]:
    """The checked profile, the exact bytes it was read from (the cache's key), and the document (the
    line of each field, for a problem found later: a code and a name that disagree)."""
    raw = read_limited(path, str(path), MAX_PROFILE_BYTES)
    doc = parse_yaml(raw, str(path), max_bytes=MAX_PROFILE_BYTES)
    return profile_from(doc), raw, doc


def parse_profile(text: str, name: str = "profil") -> Profile:
    return profile_from(parse_yaml(text, name, max_bytes=MAX_PROFILE_BYTES))


def read_defaults(path: Path) -> dict:
    """Shared answers for a batch (`--profile` with `--batch`): checked, the commune not required.
    Which commune (`commune`, `insee`, `departement`, `population`) is each row's own: a shared one
    would be refused on every row whose commune differs, so it is refused here, once, on its line."""
    doc = read_yaml(path, str(path), max_bytes=MAX_PROFILE_BYTES)
    if doc.data is None:
        return {}
    data = doc.data
    problems: list[Problem] = []
    if isinstance(data, dict):
        shared = [key for key in PLACE_KEYS if key in data]
        problems = [
            Problem(
                doc.file, doc.line_of((key,)),
                f"« {key} » n'a pas sa place dans le profil commun d'un lot (--profile avec --batch) : chaque ligne "
                f"du lot donne sa commune (colonnes {', '.join(PLACE_KEYS)}) ; le profil commun ne donne que "
                f"{', '.join(LIST_KEYS)}.",
            )
            for key in shared
        ]
        data = {k: v for k, v in data.items() if k not in shared}
    checked, invalid = validate(ProfileSchema, data, doc, (), "")
    problems += invalid
    if problems:
        raise UserError(problems)
    return {k: v for k, v in checked.model_dump().items() if v not in (None, [])}


def profile_from(doc: YamlDocument) -> Profile:
    if doc.data is None:
        raise UserError(
            "profil vide : indiquez au moins « commune » (ou « insee ») et « population ».", file=doc.file
        )
    checked, problems = validate(ProfileSchema, _departement_by_name(doc.data), doc, (), "")
    if problems:
        raise UserError(problems)
    if not (checked.commune or checked.insee):
        raise UserError("le profil doit nommer la commune (« commune » ou « insee »).", file=doc.file, line=1)
    return Profile.from_dict(checked.model_dump())


def profile_from_answers(data: dict) -> Profile:
    """A profile from answers already parsed (the questionnaire, a batch row); `UserError` in one line."""
    try:
        checked = ProfileSchema.model_validate(_departement_by_name(data))
    except ValidationError as exc:
        raise UserError(SEMICOLON.join(french_message(e, ProfileSchema) for e in exc.errors(include_url=False))) from None
    return Profile.from_dict(checked.model_dump())


def _departement_by_name(data: object) -> object:
    """`departement: Cantal` means "15": a département's name is read as its code, with the resolver
    of `essrural commune --departement`; anything else is left for the schema to check."""
    if isinstance(data, dict) and isinstance(data.get("departement"), str):
        from .communes import departement_code

        code = departement_code(data["departement"])
        if code is not None:
            return {**data, "departement": code}
    return data


def dump_profile(profile: Profile) -> str:
    """The profile as YAML, keys in the contract's order, empty optional keys left out."""
    data: dict[str, object] = {}
    for key in KEYS:
        value = getattr(profile, key)
        if value is None:
            continue
        data[key] = list(value) if isinstance(value, (list, tuple)) else value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=100)
