"""The ranking: explained, additive, deterministic, and never padded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import knowledge_from, profile_of
from essrural.datafiles import load
from essrural.engine import rank, score_lever, total
from essrural.knowledge import Knowledge, Lever
from essrural.matching import match_examples
from essrural.plan import Place
from essrural.profile import Profile
from essrural.vocabulary import ASSETS, MISSING_SERVICES, SECTORS
from essrural.weights import MATCHING, RANKING, MatchingWeights


def lever(id_: str, **fields) -> dict:
    """A lever's YAML fields; the knowledge is built by the real loader (`knowledge`)."""
    base = dict(
        id=id_, title=f"Levier {id_}", family="foncier", sectors=["commerce"], summary="Résumé.",
        budget="faible", duration="moyen", first_steps=["Un.", "Deux."], partners=["CRESS"],
        sources=["https://example.org/" + id_],
    )
    base.update(fields)
    return base


def example(id_: str, **fields) -> dict:
    base = dict(
        id=id_, name=f"Cas {id_}", commune="Ici", departement="41", sectors=["commerce"], levers=[],
        summary="Résumé.", authority_action="La commune agit.", source="https://example.org/" + id_,
    )
    base.update(fields)
    return base


def knowledge(*levers: dict, examples: tuple[dict, ...] = ()) -> Knowledge:
    return knowledge_from(levers=list(levers), examples=list(examples))


def profile(**fields) -> Profile:
    return profile_of(**{"commune": "Testville", "population": 900, **fields})


def the(k: Knowledge, lever_id: str) -> Lever:
    return k.levers[lever_id]


def test_a_lever_that_addresses_a_need_outranks_one_that_does_not():
    k = knowledge(
        lever("a-sans-besoin", addresses=[], uses=["batiment_vacant"]),
        lever("b-avec-besoin", addresses=["epicerie"], uses=["batiment_vacant"]),
    )
    plan = rank(profile(missing_services=["epicerie"], assets=["batiment_vacant"]), k)
    assert [a.lever.id for a in plan.actions] == ["b-avec-besoin", "a-sans-besoin"]


def test_score_is_the_sum_of_its_reasons_and_every_reason_is_explained():
    plan = rank(profile(missing_services=["epicerie", "cafe"], assets=["batiment_vacant", "associations"]), load())
    assert plan.actions
    for action in plan.actions:
        assert action.score == total(action.reasons) == round(sum(r.points for r in action.reasons), 2)
        assert all(r.detail and r.points != 0 for r in action.reasons)


def test_a_lever_that_fits_nothing_is_left_out():
    k = knowledge(lever("hors-sujet", addresses=["transport"], uses=["associations"], sectors=["mobilite"]))
    plan = rank(profile(missing_services=["epicerie"], assets=["associations"]), k)
    assert plan.actions == ()
    assert plan.relevant == 0


def test_general_capacities_alone_do_not_make_a_lever_fit():
    k = knowledge(lever("capacites", uses=["associations", "budget", "ingenierie"]))
    assert rank(profile(assets=["associations", "budget", "ingenierie"]), k).actions == ()


def test_a_physical_asset_or_a_priority_is_enough_to_fit():
    k = knowledge(lever("toits", uses=["toitures_terrains"], sectors=["energie"]), lever("mobi", sectors=["mobilite"]))
    plan = rank(profile(assets=["toitures_terrains"], priorities=["mobilite"]), k)
    assert {a.lever.id for a in plan.actions} == {"toits", "mobi"}


def test_ties_are_broken_by_id():
    k = knowledge(lever("zeta", addresses=["cafe"]), lever("alpha", addresses=["cafe"]), lever("mu", addresses=["cafe"]))
    plan = rank(profile(missing_services=["cafe"]), k)
    assert [a.lever.id for a in plan.actions] == ["alpha", "mu", "zeta"]
    assert [a.rank for a in plan.actions] == [1, 2, 3]


def test_same_input_gives_the_same_plan():
    p = profile(missing_services=["epicerie", "transport"], assets=["friche"], priorities=["energie"])
    assert rank(p, load()) == rank(p, load())


def test_population_outside_the_lever_range_costs_points():
    k = knowledge(lever("petit", addresses=["cafe"], population={"max": 3500}))
    small_only = the(k, "petit")
    reasons = score_lever(small_only, profile(population=12000, missing_services=["cafe"]), k)
    assert any(r.factor == "population" and r.points == RANKING.population_misfit for r in reasons)
    fits = score_lever(small_only, profile(population=900, missing_services=["cafe"]), k)
    assert any(r.factor == "population" and r.points == RANKING.population_fit for r in fits)


def test_expensive_lever_costs_a_small_commune_without_budget():
    k = knowledge(lever("cher", addresses=["cafe"], budget="eleve"))
    costly = the(k, "cher")
    without = total(score_lever(costly, profile(population=500, missing_services=["cafe"]), k))
    with_budget = total(score_lever(costly, profile(population=500, missing_services=["cafe"], assets=["budget"]), k))
    bigger = total(score_lever(costly, profile(population=5000, missing_services=["cafe"]), k))
    assert without < with_budget and without < bigger


def test_priority_sector_adds_points_once():
    k = knowledge(lever("deux-secteurs", sectors=["commerce", "alimentation"], addresses=["epicerie"]))
    reasons = score_lever(the(k, "deux-secteurs"), profile(missing_services=["epicerie"], priorities=["commerce", "alimentation"]), k)
    assert [r.points for r in reasons if r.factor == "priority"] == [RANKING.priority]


def test_top_limits_the_actions_but_not_the_count_of_relevant_levers():
    plan = rank(profile(missing_services=["epicerie", "cafe", "transport", "emploi"], assets=["batiment_vacant"]), load(), top=3)
    assert len(plan.actions) == 3 and plan.relevant > 3


def test_the_done_when_profile_puts_communal_premises_first_with_the_sheet_example():
    """900 inhabitants, no grocery and no café left, a vacant communal building, active associations."""
    p = profile(missing_services=["epicerie", "cafe"], assets=["batiment_vacant", "associations"], departement="41")
    first = rank(p, load(), place=Place(departement="41")).actions[0]
    assert first.lever.id == "local-communal-mis-a-disposition"
    assert first.examples[0].example.commune == "Thoré-la-Rochette"
    assert "même levier" in first.examples[0].why


def test_case_studies_prefer_the_same_lever_then_similar_size_and_place():
    target = lever("cible", addresses=["epicerie"])
    k = knowledge(
        target,
        examples=(
            example("meme-secteur", population=900),
            example("meme-levier-loin", levers=["cible"], population=90000, departement="13"),
            example("meme-levier-proche", levers=["cible"], population=800, departement="41"),
        ),
    )
    plan = rank(profile(missing_services=["epicerie"]), k, place=Place(departement="41"))
    ids = [m.example.id for m in plan.actions[0].examples]
    assert ids == ["meme-levier-proche", "meme-levier-loin", "meme-secteur"]
    assert "même département" in plan.actions[0].examples[0].why


profiles = st.builds(
    lambda pop, needs, assets, prios: Profile(
        commune="Hypothèse", population=pop, missing_services=tuple(needs), assets=tuple(assets), priorities=tuple(prios)
    ),
    st.integers(min_value=1, max_value=3_000_000),
    st.lists(st.sampled_from(MISSING_SERVICES.ids), unique=True),
    st.lists(st.sampled_from(ASSETS.ids), unique=True),
    st.lists(st.sampled_from(SECTORS.ids), unique=True),
)
BASE = load()


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_any_valid_profile_gives_a_deterministic_additive_plan(p):
    plan = rank(p, BASE)
    assert plan == rank(p, BASE)
    scores = [a.score for a in plan.actions]
    assert scores == sorted(scores, reverse=True)
    for action in plan.actions:
        assert action.score > 0
        assert action.score == total(action.reasons)


class EveryCase(MatchingWeights):
    per_action = 10_000  # keeps every related case: no early stop


@settings(max_examples=150, deadline=None)
@given(profiles, st.sampled_from([None, "41", "84", "2A", "07", "55"]), st.sampled_from([None, "24", "93", "84", "44"]))
def test_the_cases_shown_are_the_best_of_all_related_cases(p, departement, region):
    place, shown, every_case = Place(departement=departement, region=region), frozenset(), EveryCase()
    for action in rank(p, BASE, place=place).actions:
        ranked = match_examples(action.lever, p, BASE, place, already_shown=shown, w=every_case)
        assert list(action.examples) == ranked[: MATCHING.per_action]
        shown |= {m.example.id for m in action.examples}


def test_a_case_shown_under_a_better_action_is_not_repeated_unless_it_used_the_lever():
    first, second = lever("a-premier", addresses=["epicerie", "cafe"]), lever("b-second", addresses=["epicerie"])
    k = knowledge(
        first,
        second,
        examples=(
            example("commun", addresses=["epicerie"]),
            example("du-second", levers=["b-second"]),
            example("autre", sectors=["commerce"]),
        ),
    )
    plan = rank(profile(missing_services=["epicerie", "cafe"]), k)
    assert [m.example.id for m in plan.actions[0].examples] == ["commun", "autre", "du-second"]
    assert [m.example.id for m in plan.actions[1].examples] == ["du-second"]


def test_population_counts_on_a_log_scale_within_a_factor_of_about_three():
    target = lever("cible", addresses=["epicerie"])
    k = knowledge(
        target,
        examples=(
            example("meme-taille", levers=["cible"], population=900, departement="13"),
            example("trois-fois", levers=["cible"], population=2800, departement="13"),
            example("dix-fois", levers=["cible"], population=9000, departement="13"),
        ),
    )
    matches = {m.example.id: m for m in rank(profile(missing_services=["epicerie"]), k).actions[0].examples}
    assert "population proche (900 hab.)" in matches["meme-taille"].why
    assert "population proche" in matches["trois-fois"].why
    assert "population proche" not in matches["dix-fois"].why
    assert matches["meme-taille"].score > matches["trois-fois"].score > matches["dix-fois"].score
