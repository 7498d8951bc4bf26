"""The evaluation on real cases runs from the repository, and its plans never order two projects by id alone."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval" / "run.py"

pytestmark = pytest.mark.skipif(not EVAL.is_file(), reason="needs the source tree")


def _module():
    spec = importlib.util.spec_from_file_location("essrural_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_case_has_a_source_a_profile_and_the_lever_the_commune_used():
    cases = _module().cases()
    assert len(cases) >= 30
    assert len({c["departement"] for c in cases}) >= 20
    for case in cases:
        assert case["source"].startswith(("http://", "https://")), case["id"]
        assert case["profile"]["missing_services"], case["id"]
        assert case["lever"] or case["lever_added"], case["id"]
        assert case["evidence"], case["id"]
        assert case["series"] in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), case["id"]


def test_no_real_case_is_also_a_case_study_of_the_base():
    """An evaluated project must not be in the knowledge the ranking learns from: no case of the base
    is in the same commune with the lever that commune used."""
    from essrural.datafiles import load

    base = {(e.insee, lever) for e in load().examples.values() for lever in e.levers}
    for case in _module().cases():
        lever = case["lever"] or case["lever_added"]
        assert (case["insee"], lever) not in base, case["id"]


def test_no_default_plan_of_a_real_commune_orders_two_projects_by_id_alone():
    from essrural.datafiles import load

    module, knowledge = _module(), load()
    for case in module.cases():
        plan = module.plan_for(case["profile"], knowledge)
        for action in plan.actions:
            assert not (action.tie and "alphabétique" in action.tie), (case["id"], action.lever.id)


def test_precision_answers_asked_afterwards_only_add_a_supported_form_of_a_declared_need():
    """The answers to the precision questions, asked afterwards and blind, complete a profile: a
    precise form of a need it declared without one, or health professionals for a declared health
    need, each with a verbatim quote; the written profile itself is never changed."""
    from essrural.vocabulary import REFINED_NEEDS

    module = _module()
    asked = [c for c in module.cases() if "precision" in c]
    assert len(asked) >= 50
    for case in asked:
        written, answered = case["profile"], module.asked(case)
        declared = written["missing_services"]
        for tick in case["precision"]["ticked"]:
            if tick in REFINED_NEEDS:
                assert REFINED_NEEDS[tick] in declared and tick not in declared, case["id"]
            else:
                assert tick == "professionnels_sante" and "sante" in declared, case["id"]
        assert sorted(s["id"] for s in case["precision"]["support"]) == sorted(case["precision"]["ticked"]), case["id"]
        assert all(s["quote"] and s["url"] for s in case["precision"]["support"]), case["id"]
        assert set(answered["missing_services"]) | set(answered.get("assets") or []) == (
            set(declared) | set(written.get("assets") or []) | set(case["precision"]["ticked"])
        ), case["id"]
        needs = answered["missing_services"]
        assert all(needs.index(t) > needs.index(REFINED_NEEDS[t]) for t in case["precision"]["ticked"] if t in REFINED_NEEDS)


def test_perturbations_add_or_remove_exactly_one_asset():
    module = _module()
    answers = {"commune": "X", "assets": ["batiment_vacant"]}
    for changed in module.perturbations(answers):
        assert len(set(changed["assets"]) ^ {"batiment_vacant"}) == 1


def test_the_ceiling_counts_communes_with_the_same_answers_but_different_levers_once():
    """Two communes declaring the same needs and assets get the same plan: one of their two levers
    can be first, both can be in the top 3; a third commune with other answers is not limited."""
    module = _module()
    same = {"missing_services": ["transport"], "assets": []}
    other = {"missing_services": ["reemploi"], "assets": []}
    found = module.ceiling([same, dict(same), other], ["autopartage", "autostop-covoiturage", "atelier-reparation"])
    assert found[1] == pytest.approx(2 / 3) and found[3] == 1


def test_the_reliability_the_method_tells_users_is_the_one_measured():
    """The Méthode quotes the evaluation's figures: they must be today's, not last week's."""
    from essrural.datafiles import load
    from essrural.method import MEASURED

    result = _module().evaluate(load())
    heldout = [result["series"][n] for n in _module().BLIND_SERIES]
    count = sum(s["n"] for s in heldout)
    assert (MEASURED.cases, MEASURED.heldout) == (result["n"], count)
    assert round(result["top"][1], 3) == MEASURED.first and round(result["top"][3], 3) == MEASURED.top3
    assert round(sum(s["top"][1] * s["n"] for s in heldout) / count, 3) == MEASURED.heldout_first
    assert round(sum(s["top"][3] * s["n"] for s in heldout) / count, 3) == MEASURED.heldout_top3
