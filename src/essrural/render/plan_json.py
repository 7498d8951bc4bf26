"""The plan as JSON, exactly in the contract's shape (plus programmes per action)."""

from __future__ import annotations

from .. import __version__
from ..plan import Plan
from .jsonout import dumps


def plan_dict(plan: Plan) -> dict:
    p = plan.profile
    return {
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
        "actions": [
            {
                "rank": a.rank,
                "id": a.lever.id,
                "title": a.lever.title,
                "family": a.lever.family,
                "sectors": list(a.lever.sectors),
                "score": a.score,
                "reasons": [{"factor": r.factor, "points": r.points, "detail": r.detail} for r in a.reasons],
                "examples": [
                    {
                        "id": m.example.id,
                        "name": m.example.name,
                        "commune": m.example.commune,
                        "departement": m.example.departement,
                        "source": m.example.source,
                        "why": m.why,
                    }
                    for m in a.examples
                ],
                "programmes": [
                    {"id": g.id, "name": g.name, "status": g.status, "as_of": g.as_of, "source": g.source}
                    for g in a.programmes
                ],
            }
            for a in plan.actions
        ],
    }


def render(plan: Plan) -> str:
    return dumps(plan_dict(plan))
