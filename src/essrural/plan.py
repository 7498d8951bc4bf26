"""What a plan is made of: the commune's place, the actions, their reasons and case studies.

Why: the ranking builds these, the matching fills the case studies, the
renderers and the batch read them; they live here so that none of those has to
import another to know a plan's shape.
"""

from __future__ import annotations

from .knowledge import Case, Lever, Programme
from .profile import Profile
from .records import Struct


class Reason(Struct):
    """One explained contribution to an action's score; `detail` is French, for the plan."""

    _fields = ("factor", "points", "detail")

    factor: str  # "need", "asset", "priority", "population", "effort", "quick_win" or "proven"
    points: float
    detail: str


class Place(Struct):
    """Where the commune is, when the official list knows it (for matching and the plan)."""

    _fields = ("departement", "region", "region_name", "epci_name", "epci_communes", "epci_population")
    _defaults = dict.fromkeys(_fields)

    departement: str | None
    region: str | None
    region_name: str | None
    epci_name: str | None
    epci_communes: int | None
    epci_population: int | None


class ExampleMatch(Struct):
    """A case study shown under an action, its matching points and a one-line why."""

    _fields = ("example", "score", "why")

    example: Case
    score: float
    why: str


class Action(Struct):
    _fields = ("rank", "lever", "score", "reasons", "examples", "programmes")

    rank: int
    lever: Lever
    score: float
    reasons: tuple[Reason, ...]
    examples: tuple[ExampleMatch, ...]
    programmes: tuple[Programme, ...]


class Plan(Struct):
    """`considered`: levers examined; `relevant`: levers that fit the profile, before --top."""

    _fields = ("profile", "actions", "place", "considered", "relevant")
    _defaults = {"place": Place(), "considered": 0, "relevant": 0}

    profile: Profile
    actions: tuple[Action, ...]
    place: Place
    considered: int
    relevant: int
