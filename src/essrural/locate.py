"""From a profile's `commune` or `insee` to the official commune, its figures and its place.

Why: users type names without accents or with typos; the plan should carry the
official name, INSEE code, département and population, name the EPCI (many
levers are intercommunal) and prefer nearby case studies. A name that matches
several communes is never guessed: the user is asked for the INSEE code.
"""

from __future__ import annotations

from . import communes
from .communes import Commune, Match
from .errors import UserError
from .plan import Place
from .profile import Profile
from .records import Frozen
from .frenchfmt import number
from .text import SEMICOLON, excerpt

MAX_LISTED = 12


class Resolution(Frozen):
    """What a name or code means: one commune (`found`), homonyms (`ambiguous`), or near names (`unknown`)."""

    _fields = ("status", "commune", "candidates")
    _defaults = {"commune": None, "candidates": ()}

    status: str
    commune: Commune | None
    candidates: tuple[Match, ...]

    def meant(self) -> list[Commune]:
        """The communes the name designates for sure: the one found, or the homonyms; none when unknown."""
        if self.commune is not None:
            return [self.commune]
        return [m.commune for m in self.candidates] if self.status == "ambiguous" else []


def resolve(profile: Profile) -> Resolution:
    """Find the commune a profile means; never pick among homonyms, never let one field override
    another that points elsewhere (a name and an INSEE code, a code and a département)."""
    if profile.insee:
        commune = communes.get(profile.insee)
        if commune is None:
            raise UserError(
                f"code INSEE « {profile.insee} » inconnu dans la liste officielle des communes (2026).", about="insee"
            )
        if profile.departement and profile.departement != commune.departement:
            raise UserError(
                f"« insee » {commune.insee} ({commune.name}) est dans le département {commune.departement}, pas dans "
                f"« departement » {profile.departement} : corrigez l'un des deux, ou retirez « departement ».",
                about="departement",
            )
        if profile.commune and communes.name_key(profile.commune) != communes.name_key(commune.name):
            # The code's own name needs no search (a batch of 35,000 rows gives both, row after row).
            named = resolve_name(profile.commune)
            if named.meant() and commune.insee not in {c.insee for c in named.meant()}:
                elsewhere = named.commune.label if named.commune else candidates_text(named.candidates)
                raise UserError(
                    f"« commune » {excerpt(profile.commune)} et « insee » {commune.insee} ne désignent pas la même "
                    f"commune : le nom désigne {elsewhere}, le code {commune.label}. Corrigez l'un des deux, ou "
                    "retirez « commune ».",
                    about="commune",
                )
        return Resolution("found", commune)
    resolution = resolve_name(profile.commune or "", profile.departement)
    if resolution.status == "unknown" and profile.departement:
        found = resolve_name(profile.commune or "").meant()
        if found:
            where = SEMICOLON.join(f"{c.name} ({c.departement})" for c in found[:MAX_LISTED])
            raise UserError(
                f"aucune commune « {excerpt(profile.commune or '')} » dans le département {profile.departement} : ce nom "
                f"désigne {where}. Corrigez « departement », ou indiquez « insee ».",
                about="departement",
            )
    return resolution


def resolve_name(name: str, departement: str | None = None) -> Resolution:
    matches = communes.search(name, limit=10)
    exact = [m for m in matches if m.how != "fuzzy"]
    if departement:
        exact = [m for m in exact if m.commune.departement == departement]
    if len(exact) == 1:
        return Resolution("found", exact[0].commune)
    if len(exact) > 1:
        return Resolution("ambiguous", candidates=tuple(exact))
    fuzzy = [m for m in matches if m.how == "fuzzy" and (not departement or m.commune.departement == departement)]
    return Resolution("unknown", candidates=tuple(fuzzy[:5]))


def complete(profile: Profile, commune: Commune) -> Profile:
    """The profile with the official name, code and département; the user's population wins."""
    return profile.replace(
        commune=commune.name,
        insee=commune.insee,
        departement=commune.departement,
        population=profile.population or commune.population,
    )


POPULATION_GAP = 1.5  # a profile's population this many times above or below the official one is pointed out


def population_gap(profile: Profile, commune: Commune) -> str | None:
    """A warning when the population given is far from the official one (a typo, another commune)."""
    given, official = profile.population, commune.population
    if not given or not official or 1 / POPULATION_GAP <= given / official <= POPULATION_GAP:
        return None
    return (
        f"Attention : population indiquée {number(given)} habitants, population officielle de {commune.name} "
        f"{number(official)} ; le plan retient {number(given)}. Retirez « population » pour utiliser le chiffre officiel."
    )


def place_of(commune: Commune | None, departement: str | None = None) -> Place:
    if commune is None:
        region = communes.region_of(departement) if departement else None
        return Place(departement=departement, region=region, region_name=communes.region_name(region) if region else None)
    epci = commune.epci
    return Place(
        departement=commune.departement,
        region=commune.region,
        region_name=commune.region_name,
        epci_name=epci.name if epci else None,
        epci_communes=epci.n_communes if epci else None,
        epci_population=epci.population if epci else None,
    )


def candidates_text(matches: tuple[Match, ...] | list[Match]) -> str:
    shown = [f"{m.commune.name} ({m.commune.departement}, INSEE {m.commune.insee})" for m in matches[:MAX_LISTED]]
    more = f" et {len(matches) - MAX_LISTED} autres" if len(matches) > MAX_LISTED else ""
    return SEMICOLON.join(shown) + more


def resolve_for_plan(profile: Profile) -> tuple[Profile, Place, str | None]:
    """Profile completed from the official list, its place, and a warning to show (or None).

    Raises `UserError` when the name is ambiguous, or when the commune is unknown
    and no population was given.
    """
    resolution = resolve(profile)
    if resolution.status == "found":
        assert resolution.commune is not None
        return complete(profile, resolution.commune), place_of(resolution.commune), population_gap(profile, resolution.commune)
    name = excerpt(profile.commune or "")
    if resolution.status == "ambiguous":
        raise UserError(
            f"commune « {name} » ambiguë : {len(resolution.candidates)} communes portent ce nom "
            f"({candidates_text(resolution.candidates)}). Indiquez « insee » (ou « departement ») dans le profil.",
            about="commune",
        )
    hint = f" Vouliez-vous dire : {candidates_text(resolution.candidates)} ?" if resolution.candidates else ""
    if not profile.population:
        raise UserError(
            f"commune « {name} » introuvable dans la liste officielle et population manquante : "
            f"indiquez « population » ou « insee » dans le profil.{hint}",
            about="commune",
        )
    warning = (
        f"Attention : commune « {name} » introuvable dans la liste officielle ; "
        f"plan établi avec la population indiquée, sans intercommunalité.{hint}"
    )
    return profile, place_of(None, profile.departement), warning
