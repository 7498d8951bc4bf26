"""What a plan is made of: first steps, ranked projects with their means and cases, need coverage.

Why: the ranking builds these, the matching fills the case studies, the
renderers and the batch read them; they live here so that none of those has to
import another to know a plan's shape.
"""

from __future__ import annotations

from .knowledge import Case, Lever, Programme, Region
from .profile import Profile
from .records import Struct


class Reason(Struct):
    """One explained contribution to a project's score; `detail` is French, for the plan.

    `factor`: "need", "precise_need", "essential", "also_need", "priority", "asset", "prerequisite", "effort",
    "quick_win" or "proven"; `ref`: the id of the need, asset or sector it is about (None for general factors)."""

    _fields = ("factor", "ref", "points", "detail")

    factor: str
    ref: str | None
    points: float
    detail: str


# The factors that say a project is made for a need (not only helps with it).
NEED_FACTORS = frozenset({"need", "precise_need"})


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
    """A case study shown under an action: its matching points, what it shares (`why`), and
    whether it is in the commune itself (`here`: shown as « déjà ici », not as a comparable case)."""

    _fields = ("example", "score", "why", "here")
    _defaults = {"here": False}

    example: Case
    score: float
    why: str
    here: bool


class Means(Struct):
    """A lever that makes a project possible for this commune, and why it was chosen."""

    _fields = ("lever", "why", "assets")

    lever: Lever
    why: str  # « s'appuie sur : local commercial vacant », or « moyen habituel de ce projet »
    assets: tuple[str, ...]  # the declared places it puts to use

    @property
    def id(self) -> str:
        return self.lever.id


class Action(Struct):
    """A ranked project: its reasons (points adding up to its score), means, programmes and cases.

    `tie`: when it has the same score as the project before it, the signal that put it after."""

    _fields = ("rank", "lever", "score", "reasons", "means", "programmes", "examples", "answers", "tie")
    _defaults = {"tie": None}

    rank: int
    lever: Lever
    score: float
    reasons: tuple[Reason, ...]
    means: tuple[Means, ...]
    programmes: tuple[Programme, ...]
    examples: tuple[ExampleMatch, ...]
    answers: tuple[str, ...]  # the declared needs it answers, principal ones first
    tie: str | None


class StartStep(Struct):
    """One of the first steps every commune should take (« Pour commencer »), not ranked against projects."""

    _fields = ("id", "title", "who", "why", "lever", "status")
    _defaults = {"lever": None, "status": None}

    id: str
    title: str
    who: str
    why: str
    lever: str | None  # the lever that details the step, if any
    status: str | None  # the dated state of the programme or Région schemes it names, shown beside it in the document


class Uncovered(Struct):
    """A declared need no project of the plan answers: why, and whom to ask."""

    _fields = ("note", "ask")

    note: str
    ask: str


class Unused(Struct):
    """A declared place that no project of the plan puts to use, and the best project that would."""

    _fields = ("asset", "lever", "position")

    asset: str
    lever: Lever | None
    position: int | None  # its rank among all the projects that fit (for --top)


class Plan(Struct):
    """`considered`: levers examined; `relevant`: projects that fit the profile, before the cut.

    `coverage`: each declared need → the ranks of the actions that answer it, or `Uncovered`;
    `unused`: declared places the plan's projects and means do not put to use."""

    _fields = ("profile", "actions", "place", "considered", "relevant", "start", "coverage", "region", "unused")
    _defaults = {
        "place": Place(), "considered": 0, "relevant": 0, "start": (), "coverage": {}, "region": None, "unused": (),
    }

    profile: Profile
    actions: tuple[Action, ...]
    place: Place
    considered: int
    relevant: int
    start: tuple[StartStep, ...]
    coverage: dict[str, tuple[int, ...] | Uncovered]
    region: Region | None
    unused: tuple[Unused, ...]
