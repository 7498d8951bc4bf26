"""The plan as JSON, in the contract's shape (contract version 2)."""

from __future__ import annotations

from .. import __version__
from ..plan import Plan, Uncovered
from .jsonout import dumps

CONTRACT = 2


def plan_dict(plan: Plan) -> dict:
    p = plan.profile
    return {
        "contract": CONTRACT,
        "essrural_version": __version__,
        "profile": {
            "commune": p.commune,
            "insee": p.insee,
            "departement": p.departement,
            "population": p.population,
            "missing_services": list(p.missing_services),
            "assets": list(p.assets),
            "priorities": list(p.priorities),
        },
        "place": {
            "region": plan.place.region,
            "region_name": plan.place.region_name,
            "epci": None
            if not plan.place.epci_name
            else {
                "name": plan.place.epci_name,
                "communes": plan.place.epci_communes,
                "population": plan.place.epci_population,
            },
        },
        "start": [{"id": s.id, "title": s.title, "who": s.who, "why": s.why} for s in plan.start],
        "actions": [
            {
                "rank": a.rank,
                "id": a.lever.id,
                "title": a.lever.title,
                "family": a.lever.family,
                "sectors": list(a.lever.sectors),
                "score": a.score,
                "reasons": [
                    {"factor": r.factor, **({"ref": r.ref} if r.ref else {}), "points": r.points, "detail": r.detail}
                    for r in a.reasons
                ],
                "means": [{"id": m.lever.id, "title": m.lever.title, "family": m.lever.family} for m in a.means],
                "programmes": [{"id": g.id, "name": g.name, "status": g.status, "as_of": g.as_of} for g in a.programmes],
                "examples": [
                    {
                        "id": m.example.id,
                        "name": m.example.name,
                        "commune": m.example.commune,
                        "departement": m.example.departement,
                        "here": m.here,
                        "source": m.example.source,
                        "why": m.why,
                    }
                    for m in a.examples
                ],
            }
            for a in plan.actions
        ],
        "coverage": {
            need: {"not_covered": found.note, "ask": found.ask} if isinstance(found, Uncovered) else list(found)
            for need, found in plan.coverage.items()
        },
    }


def render(plan: Plan) -> str:
    return dumps(plan_dict(plan))
