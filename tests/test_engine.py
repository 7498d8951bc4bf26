"""The ranking: projects that answer the declared needs, their means, every need covered, explained."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import knowledge_from, profile_of
from essrural.datafiles import load
from essrural.engine import rank, total
from essrural.knowledge import Knowledge
from essrural.plan import NEED_FACTORS, Place, Uncovered
from essrural.profile import Profile
from essrural.vocabulary import ASSETS, MISSING_SERVICES, SECTORS
from essrural.weights import DEFAULT_TOP, MATCHING, MAX_PER_NEED, MEANS_PER_ACTION, RANKING


def lever(id_: str, **fields) -> dict:
    """A lever's YAML fields; the knowledge is built by the real loader (`knowledge`)."""
    base = dict(
        id=id_, title=f"Levier {id_}", family="cooperation", role="projet", sectors=["commerce"], summary="Résumé.",
        budget="faible", duration="moyen", first_steps=["Un.", "Deux."], partners=["CRESS"],
        sources=["https://example.org/" + id_],
    )
    base.update(fields)
    return base


def means(id_: str, **fields) -> dict:
    return lever(id_, role="moyen", family="foncier", **fields)


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


def ids(plan) -> list[str]:
    return [a.lever.id for a in plan.actions]


BASE = load()


# --- relevance, not breadth -------------------------------------------------------------------------


def test_a_project_made_for_a_need_outranks_one_that_only_helps_with_it():
    k = knowledge(lever("aide-aussi", also_addresses=["epicerie"]), lever("fait-pour", addresses=["epicerie"]))
    assert ids(rank(profile(missing_services=["epicerie"]), k)) == ["fait-pour", "aide-aussi"]


def test_a_specific_project_outranks_a_broad_one_and_the_plan_says_why():
    k = knowledge(
        lever("a-large", addresses=["epicerie", "cafe", "transport", "sante"]),
        lever("b-cible", addresses=["epicerie"]),
    )
    plan = rank(profile(missing_services=["epicerie"]), k)
    assert ids(plan) == ["b-cible", "a-large"]
    assert plan.actions[0].score == plan.actions[1].score
    assert "plus ciblé" in plan.actions[1].tie


def test_equal_projects_are_told_apart_by_the_real_cases_that_answered_the_same_need():
    k = knowledge(
        lever("a-un-cas", addresses=["cafe"]),
        lever("b-deux-cas", addresses=["cafe"]),
        examples=(
            example("un-cafe", levers=["a-un-cas"], addresses=["cafe"]),
            example("deux-cafes", levers=["b-deux-cas"], addresses=["cafe"]),
            example("trois-cafes", levers=["b-deux-cas"], addresses=["cafe"]),
        ),
    )
    plan = rank(profile(missing_services=["cafe"]), k)
    assert ids(plan) == ["b-deux-cas", "a-un-cas"]
    assert plan.actions[1].tie == "à égalité de points, le projet n° 1 compte plus de cas réels pour ces besoins"


def test_equal_projects_are_told_apart_by_how_centred_they_are_on_the_priority_sectors():
    """Lévignac's plan had a mobile grocery and a solidarity grocery bus equal on every count: the one
    whose main sector is the commune's priority comes first, and the plan says why."""
    k = knowledge(
        lever("a-commerce-d-abord", sectors=["commerce", "alimentation"], addresses=["cafe"]),
        lever("b-alimentation-d-abord", sectors=["alimentation", "commerce"], addresses=["cafe"]),
    )
    plan = rank(profile(missing_services=["cafe"], priorities=["alimentation"]), k)
    assert ids(plan) == ["b-alimentation-d-abord", "a-commerce-d-abord"]
    assert plan.actions[1].tie == (
        "à égalité de points, le projet n° 1 est plus centré sur les secteurs prioritaires de la commune"
    )


def programme(id_: str, **fields) -> dict:
    base = dict(
        id=id_, name=f"Programme {id_}", kind="financement", funder="État", applications="Préfecture.",
        eligibility="Communes.", funds="Projets.", source="https://example.org/" + id_, status="ouvert",
        as_of="2026-01",
    )
    base.update(fields)
    return base


def test_equal_projects_are_told_apart_by_the_programmes_open_to_the_commune():
    """Xanton-Chassenon's plan had a village café and a cultural venue equal on every other count: the
    one with more programmes this commune may call on comes first; a closed programme, or one reserved
    to smaller communes, does not count."""
    k = knowledge_from(
        levers=[
            lever("a-un-programme", addresses=["lien_social"], programmes=["ouvert-a-tous"]),
            lever("b-deux-programmes", addresses=["lien_social"], programmes=["ouvert-a-tous", "petites-communes"]),
            lever("c-programmes-hors-d-atteinte", addresses=["lien_social"], programmes=["ferme", "tres-petites-communes"]),
        ],
        programmes=[
            programme("ouvert-a-tous"), programme("petites-communes", population_max=3500),
            programme("ferme", status="ferme"), programme("tres-petites-communes", population_max=500),
        ],
    )
    plan = rank(profile(missing_services=["lien_social"]), k)
    assert ids(plan) == ["b-deux-programmes", "a-un-programme", "c-programmes-hors-d-atteinte"]
    assert plan.actions[1].tie == (
        "à égalité de points, le projet n° 1 peut s'appuyer sur plus de programmes de financement ou d'accompagnement"
    )
    assert plan.actions[2].tie == (
        "à égalité de points, le projet n° 2 peut s'appuyer sur plus de programmes de financement ou d'accompagnement"
    )


def test_a_tie_between_projects_for_different_people_says_which_precision_would_separate_them():
    """Transport declared without saying for whom: volunteer drivers for the elderly and car-sharing for
    daily trips tie; the plan says what the commune would answer to separate them."""
    k = knowledge(
        lever("a-aines", addresses=["transport", "transport_aines"]),
        lever("b-trajets", addresses=["transport", "trajets_quotidiens"]),
        lever("c-trajets", addresses=["transport", "trajets_quotidiens"]),
    )
    plan = rank(profile(missing_services=["transport"]), k)
    assert ids(plan) == ["a-aines", "b-trajets", "c-trajets"]
    assert plan.actions[1].tie == (
        "à égalité sur tous les critères : ordre alphabétique des identifiants ; préciser le besoin les départagerait : "
        "il répond à « aînés et personnes sans voiture privés de courses et de rendez-vous médicaux », "
        "celui-ci à « trajets du quotidien (bourg-centre, gare, travail) impossibles sans sa propre voiture »"
    )
    assert "préciser" not in plan.actions[2].tie  # the same people: the precision would not separate them
    said = rank(profile(missing_services=["transport", "trajets_quotidiens"]), k)
    assert ids(said)[0] != "a-aines" and all("préciser" not in (a.tie or "") for a in said.actions)


def test_only_identical_projects_fall_back_to_the_id_and_say_so():
    k = knowledge(lever("zeta", addresses=["cafe"]), lever("alpha", addresses=["cafe"]))
    plan = rank(profile(missing_services=["cafe"]), k)
    assert ids(plan) == ["alpha", "zeta"]
    assert plan.actions[1].tie == "à égalité sur tous les critères : ordre alphabétique des identifiants"


def test_score_is_the_sum_of_its_reasons_and_each_reason_names_what_it_is_about():
    plan = rank(profile(missing_services=["epicerie", "cafe"], assets=["batiment_vacant", "associations"]), BASE)
    assert plan.actions
    for action in plan.actions:
        assert action.score == total(action.reasons)
        assert all(r.detail and r.points != 0 for r in action.reasons)
        for reason in action.reasons:
            if reason.factor in ("need", "also_need", "essential"):
                assert reason.ref in MISSING_SERVICES.ids
            elif reason.factor == "asset":
                assert reason.ref in ASSETS.ids
            elif reason.factor == "priority":
                assert reason.ref in SECTORS.ids
            else:
                assert reason.ref is None


def test_assets_never_outweigh_a_need():
    k = knowledge(
        lever("besoin", addresses=["cafe"]),
        lever("atouts", also_addresses=["cafe"], uses=["batiment_vacant", "local_commercial_vacant", "friche", "associations"]),
    )
    plan = rank(profile(missing_services=["cafe"], assets=["batiment_vacant", "local_commercial_vacant", "friche", "associations"]), k)
    assert ids(plan) == ["besoin", "atouts"]
    assets = [r for r in plan.actions[1].reasons if r.factor == "asset"]
    assert sum(r.points for r in assets) == RANKING.asset_cap
    # a place cut short by the cap says so: « +0,5 » beside a vacant shop would contradict the Méthode
    assert [r.detail.endswith("(plafond : 2 points pour l'ensemble des atouts)") for r in assets] == [False, True]


def test_general_capacities_alone_never_select_a_project():
    k = knowledge(lever("capacites", uses=["associations", "budget", "ingenierie", "habitants_mobilises"]))
    assert rank(profile(assets=["associations", "budget", "ingenierie", "habitants_mobilises"]), k).actions == ()


def test_a_place_the_commune_has_suggests_a_project_ranked_after_every_need():
    k = knowledge(lever("toits", sectors=["energie"], uses=["toitures_terrains"]), lever("bus", addresses=["transport"]))
    plan = rank(profile(missing_services=["transport"], assets=["toitures_terrains"]), k)
    assert ids(plan) == ["bus", "toits"]


# --- means ---------------------------------------------------------------------------------------


def test_general_means_are_never_ranked_against_projects_but_carried_by_them():
    k = knowledge(
        means("local-prete", addresses=["epicerie"], uses=["batiment_vacant"]),
        lever("epicerie", addresses=["epicerie"], means=["local-prete"]),
    )
    plan = rank(profile(missing_services=["epicerie"], assets=["batiment_vacant"]), k)
    assert ids(plan) == ["epicerie"]
    assert [m.id for m in plan.actions[0].means] == ["local-prete"]
    assert plan.actions[0].means[0].why == "s'appuie sur : bâtiment communal vacant ou sous-utilisé"


def test_means_that_use_a_place_the_commune_has_come_first_and_only_a_few_are_shown():
    k = knowledge(
        means("m1"), means("m2"), means("m3"), means("m4-local", uses=["local_commercial_vacant"]),
        lever("projet", addresses=["epicerie"], means=["m1", "m2", "m3", "m4-local"]),
    )
    plan = rank(profile(missing_services=["epicerie"], assets=["local_commercial_vacant"]), k)
    assert [m.id for m in plan.actions[0].means] == ["m4-local", "m1", "m2"][:MEANS_PER_ACTION]


def test_a_means_that_requires_a_programme_is_offered_only_to_its_laureates():
    k = knowledge(
        means("chef-de-projet-pvd", requires=["pvd"], uses=["pvd"]),
        means("subvention"),
        lever("projet", addresses=["emploi"], means=["subvention", "chef-de-projet-pvd"]),
    )
    laureate = rank(profile(missing_services=["emploi"], assets=["pvd"]), k)
    other = rank(profile(missing_services=["emploi"]), k)
    assert [m.id for m in laureate.actions[0].means] == ["chef-de-projet-pvd", "subvention"]
    assert [m.id for m in other.actions[0].means] == ["subvention"]


def test_a_population_range_excludes_a_project_outside_it():
    k = knowledge(lever("petit", addresses=["cafe"], population={"max": 3500}))
    assert ids(rank(profile(missing_services=["cafe"], population=900), k)) == ["petit"]
    assert rank(profile(missing_services=["cafe"], population=12000), k).actions == ()


# --- effort on the commune's share -----------------------------------------------------------------


def test_effort_counts_the_communes_share_not_the_whole_cost():
    k = knowledge(
        lever("paye-par-la-caf", addresses=["garde_enfants"], budget="eleve", commune_cost="faible"),
        lever("a-la-charge", addresses=["garde_enfants"], budget="eleve"),
    )
    plan = rank(profile(missing_services=["garde_enfants"], population=400), k)
    assert ids(plan) == ["paye-par-la-caf", "a-la-charge"]
    assert [r.factor for r in plan.actions[0].reasons] == ["need", "essential"]
    assert [r.points for r in plan.actions[1].reasons if r.factor == "effort"] == [RANKING.effort["eleve"][0]]


def test_a_partner_ready_to_cofund_halves_the_effort_and_a_budget_removes_it():
    k = knowledge(lever("cher", addresses=["cafe"], budget="eleve"))

    def effort(**fields) -> list[float]:
        plan = rank(profile(missing_services=["cafe"], population=500, **fields), k)
        return [r.points for r in plan.actions[0].reasons if r.factor == "effort"]

    assert effort() == [-2.0]
    assert effort(assets=["cofinanceur"]) == [-1.0]
    assert effort(assets=["budget"]) == []


# --- every need answered or reported ------------------------------------------------------------------


def test_every_declared_need_is_answered_by_a_project_of_the_plan_or_reported_with_whom_to_ask():
    k = knowledge(*[lever(f"commerce-{i}", addresses=["epicerie"]) for i in range(9)], lever("bus", addresses=["transport"]))
    plan = rank(profile(missing_services=["epicerie", "transport", "sante"]), k)
    assert "bus" in ids(plan)
    assert plan.coverage["transport"] == (ids(plan).index("bus") + 1,)
    assert isinstance(plan.coverage["sante"], Uncovered)
    assert "ARS" in plan.coverage["sante"].ask


def test_several_needs_get_a_few_alternatives_each_not_a_list_of_one_kind():
    k = knowledge(*[lever(f"commerce-{i}", addresses=["epicerie"]) for i in range(9)], lever("bus", addresses=["transport"]))
    several = rank(profile(missing_services=["epicerie", "transport", "sante"]), k)
    assert len(several.coverage["epicerie"]) == MAX_PER_NEED and "bus" in ids(several)
    alone = rank(profile(missing_services=["epicerie"]), k)
    assert len(alone.actions) == DEFAULT_TOP  # one need: the alternatives fill the plan


def test_the_default_plan_grows_to_answer_every_need_but_top_keeps_its_number():
    needs = ["epicerie", "cafe", "transport", "sante", "garde_enfants", "numerique", "emploi", "logement", "reemploi"]
    k = knowledge(*[lever(f"p-{n.replace('_', '-')}", addresses=[n]) for n in needs], *[lever(f"q-{n.replace('_', '-')}", addresses=[n]) for n in needs])
    default = rank(profile(missing_services=needs), k)
    assert len(default.actions) == len(needs) and all(isinstance(r, tuple) for r in default.coverage.values())
    three = rank(profile(missing_services=needs), k, top=3)
    assert len(three.actions) == 3
    missing = [n for n, found in three.coverage.items() if isinstance(found, Uncovered)]
    assert len(missing) == len(needs) - 3
    assert all("--top" in three.coverage[n].note for n in missing)


# --- case studies ------------------------------------------------------------------------------------


def test_a_project_keeps_its_own_cases_even_when_a_better_ranked_project_shares_their_need():
    k = knowledge(
        lever("a-premier", addresses=["epicerie", "cafe"]),
        lever("b-second", addresses=["epicerie"]),
        examples=(example("du-second", levers=["b-second"], addresses=["epicerie"]),),
    )
    plan = rank(profile(missing_services=["epicerie", "cafe"]), k)
    assert ids(plan) == ["a-premier", "b-second"]
    assert [m.example.id for m in plan.actions[0].examples] == []
    assert [m.example.id for m in plan.actions[1].examples] == ["du-second"]


def test_a_case_is_shown_only_if_it_shares_the_project_or_the_need_and_the_sector():
    k = knowledge(
        lever("epicerie", addresses=["epicerie"], sectors=["commerce"]),
        examples=(
            example("meme-besoin-meme-secteur", addresses=["epicerie"], sectors=["commerce"]),
            example("meme-besoin-autre-secteur", addresses=["epicerie"], sectors=["mobilite"]),
            example("meme-secteur-seulement", sectors=["commerce"]),
        ),
    )
    shown = rank(profile(missing_services=["epicerie"]), k).actions[0].examples
    assert [m.example.id for m in shown] == ["meme-besoin-meme-secteur"]
    assert shown[0].why == "même besoin, même secteur"


def test_a_case_in_the_commune_itself_is_shown_as_already_here_not_as_a_comparable_case():
    plan = rank(*_merindol())
    energy = next(a for a in plan.actions if a.lever.id == "energie-citoyenne")
    here = [m for m in energy.examples if m.here]
    assert {m.example.commune for m in here} == {"Mérindol"}
    assert all(m.why.startswith("dans la commune même") for m in here)
    assert all(m.example.commune != "Mérindol" for m in energy.examples if not m.here)


def test_cases_prefer_the_same_project_then_similar_size_and_place():
    k = knowledge(
        lever("cible", addresses=["epicerie"]),
        examples=(
            example("meme-secteur", addresses=["epicerie"], population=900),
            example("meme-levier-loin", levers=["cible"], population=90000, departement="13"),
            example("meme-levier-proche", levers=["cible"], population=800, departement="41"),
        ),
    )
    plan = rank(profile(missing_services=["epicerie"]), k, place=Place(departement="41"))
    assert [m.example.id for m in plan.actions[0].examples] == ["meme-levier-proche", "meme-levier-loin", "meme-secteur"]
    assert "même département" in plan.actions[0].examples[0].why


def test_population_counts_on_a_log_scale_within_a_factor_of_about_three():
    k = knowledge(
        lever("cible", addresses=["epicerie"]),
        examples=(
            example("meme-taille", levers=["cible"], population=900, departement="13"),
            example("trois-fois", levers=["cible"], population=2800, departement="13"),
            example("dix-fois", levers=["cible"], population=9000, departement="13"),
        ),
    )
    matches = {m.example.id: m for m in rank(profile(missing_services=["epicerie"]), k).actions[0].examples}
    assert "population proche : 900 hab." in matches["meme-taille"].why
    assert "population proche" in matches["trois-fois"].why
    assert "population proche" not in matches["dix-fois"].why
    assert matches["meme-taille"].score > matches["trois-fois"].score > matches["dix-fois"].score


def test_a_case_across_a_territory_of_unknown_size_is_not_compared_by_its_seat_s_population():
    """Châtenois (1,700 inhabitants) hosts a service for the whole CC de l'Ouest vosgien: the commune's
    figure says nothing of the territory's size, so no « taille proche » is claimed."""
    profile_, knowledge_, top, place = _plan("Cambremer", "14126", 1300, missing_services=["transport"])
    plan = rank(profile_, knowledge_, top, place)
    matches = [m for a in plan.actions for m in a.examples if m.example.id == "mobilite-solidaire-familles-rurales-chatenois"]
    assert matches and all("taille proche" not in m.why and "population proche" not in m.why for m in matches)


def test_a_case_across_a_territory_compares_the_territorys_size_and_says_so():
    k = knowledge(
        lever("cible", addresses=["epicerie"]),
        examples=(example("cc", levers=["cible"], population=1500, scope="intercommunal", territory="CC du Test"),),
    )
    (match,) = rank(profile(missing_services=["epicerie"]), k).actions[0].examples
    assert "territoire de taille proche : 1\u202f500 hab." in match.why and "population proche" not in match.why


# --- the plans an adviser would sign ----------------------------------------------------------------------


def _plan(commune: str, insee: str, population: int, **fields):
    from essrural.locate import resolve_for_plan

    profile_, place, _warning = resolve_for_plan(profile_of(commune=commune, insee=insee, population=population, **fields))
    return profile_, BASE, None, place


def _merindol():
    return _plan(
        "Mérindol", "84074", 2300, missing_services=["energie"], assets=["friche", "toitures_terrains", "habitants_mobilises"],
        priorities=["energie"],
    )


def test_a_creuse_village_of_180_has_every_need_answered_projects_first():
    profile_, knowledge_, top, place = _plan(
        "Banize", "23016", 183,
        missing_services=["garde_enfants", "aide_domicile", "transport", "reemploi", "numerique"],
        assets=["associations", "batiment_vacant"],
    )
    plan = rank(profile_, knowledge_, top, place)
    assert all(isinstance(found, tuple) for found in plan.coverage.values()), plan.coverage
    assert all(a.lever.role == "projet" for a in plan.actions)
    assert [s.id for s in plan.start][:2] == ["reunir", "reseau-ess"]
    assert any(s.id == "ingenierie" and "Villages d'avenir" in s.title for s in plan.start)
    # the everyday services first (care, childcare, transport), then reuse and digital access
    everyday = {"garde_enfants", "aide_domicile", "transport"}
    made_for = [{r.ref for r in a.reasons if r.factor == "need"} for a in plan.actions[:3]]
    assert all(needs & everyday for needs in made_for), [a.lever.id for a in plan.actions]


def test_a_vaucluse_bourg_wanting_renewables_gets_a_citizen_energy_project_first():
    plan = rank(*_merindol())
    assert plan.actions[0].lever.sectors == ("energie",)
    assert plan.actions[0].lever.id == "energie-citoyenne"
    assert {m.id for m in plan.actions[0].means} & {"toitures-energie-citoyenne", "appel-selection-domaine-public"}


def test_a_meuse_pvd_town_with_unemployment_and_a_friche_gets_jobs_projects_and_its_programme():
    profile_, knowledge_, top, place = _plan(
        "Commercy", "55122", 4500, missing_services=["emploi"], assets=["friche", "pvd", "ingenierie"],
    )
    plan = rank(profile_, knowledge_, top, place)
    assert "emploi" in plan.actions[0].answers
    assert any(s.id == "ingenierie" and "Petites villes de demain" in s.title for s in plan.start)
    assert any(m.id in ("programme-anct-ess", "ort-pvd") for a in plan.actions for m in a.means)


def test_a_departements_last_shop_aid_is_named_to_its_own_communes_only():
    """Loir-et-Cher's aid for the last shop is the Département's: a Loir-et-Cher village with a shop
    project hears of it beside the Région's schemes, a Cher village of the same region does not."""
    def network(commune: str, insee: str):
        profile_, knowledge_, top, place = _plan(commune, insee, 900, missing_services=["epicerie"])
        return next(s for s in rank(profile_, knowledge_, top, place).start if s.id == "reseau-ess")

    loir_et_cher, cher = network("Thoré-la-Rochette", "41259"), network("Sancergues", "18240")
    assert "Aide au maintien des commerces (Loir-et-Cher)" in loir_et_cher.why
    assert "Dispositifs de la Région et du Département à évoquer" in loir_et_cher.why
    assert "Loir-et-Cher" not in cher.why and "Indre" not in cher.why
    assert "Dispositifs de la Région à évoquer" in cher.why


def test_a_region_whose_cress_is_gone_sends_the_council_to_the_networks_that_remain():
    """Normandie's CRESS was liquidated in July 2025: the plan names France Active and the DLA, and
    says no CRESS is confirmed, instead of sending the council to a chamber that no longer exists."""
    profile_, knowledge_, top, place = _plan("Cambremer", "14126", 1300, missing_services=["sante"])
    network = next(s for s in rank(profile_, knowledge_, top, place).start if s.id == "reseau-ess")
    assert "CRESS" not in network.who and "France Active Normandie" in network.who
    assert "Aucune chambre régionale de l'ESS (CRESS) en activité n'est confirmée en Normandie" in network.why


def test_a_commune_whose_reusable_objects_end_in_the_tip_is_shown_the_ressourcerie_first():
    """Repairing and collecting are different projects (4 of the 6 reuse cases of the evaluation chose a
    ressourcerie, the plan put the repair café first): objects thrown away for want of a ressourcerie
    put the partnership with one first; « réemploi ou réparation » alone leaves the repair café ahead."""
    profile_, knowledge_, top, place = _plan("Broons", "22020", 3000, missing_services=["reemploi"])
    repairing = rank(profile_, knowledge_, top, place)
    profile_, knowledge_, top, place = _plan("Broons", "22020", 3000, missing_services=["reemploi", "ressourcerie"])
    collecting = rank(profile_, knowledge_, top, place)
    assert repairing.actions[0].lever.id == "atelier-reparation"
    assert collecting.actions[0].lever.id == "ressourcerie-partenariat"
    assert [(r.factor, r.ref) for r in collecting.actions[0].reasons if r.factor in NEED_FACTORS] == [
        ("need", "reemploi"), ("precise_need", "ressourcerie"),
    ]
    assert collecting.coverage["ressourcerie"] == (1,)


def test_a_need_said_more_precisely_does_not_make_a_project_look_broader():
    """Self-consumption is made for energy dependence and for the bills: to a commune that declared the
    dependence alone it is as targeted as a plant made for the dependence only, so the plan does not
    call the plant « plus ciblé »."""
    k = knowledge(
        lever("a-partage", sectors=["energie"], addresses=["energie", "facture_electricite"]),
        lever("b-centrale", sectors=["energie"], addresses=["energie"]),
        lever("c-large", sectors=["energie"], addresses=["energie", "chaleur"]),
    )
    plan = rank(profile(missing_services=["energie"]), k)
    assert ids(plan)[:2] == ["a-partage", "b-centrale"]
    assert not any("plus ciblé" in (a.tie or "") for a in plan.actions[:2])
    assert "plus ciblé" in plan.actions[2].tie  # a project made for another need too is broader


def test_the_france_active_named_is_the_one_that_serves_the_communes_departement():
    """Auvergne-Rhône-Alpes: the base knows France Active Savoie Mont Blanc (the two Savoie) and France
    Active Auvergne (Allier, Cantal, Haute-Loire, Puy-de-Dôme). An Ardèche village is sent to France
    Active's national site, a Savoie village and a Cantal village to their own association."""
    profile_, knowledge_, top, place = _plan("Lussas", "07145", 1145, missing_services=["epicerie"])
    ardeche = next(s for s in rank(profile_, knowledge_, top, place).start if s.id == "reseau-ess")
    profile_, knowledge_, top, place = _plan("Bessans", "73040", 341, missing_services=["epicerie"])
    savoie = next(s for s in rank(profile_, knowledge_, top, place).start if s.id == "reseau-ess")
    profile_, knowledge_, top, place = _plan("Chalinargues", "15035", 304, missing_services=["epicerie"])
    cantal = next(s for s in rank(profile_, knowledge_, top, place).start if s.id == "reseau-ess")
    assert "Savoie Mont Blanc" not in ardeche.who and "Auvergne" not in ardeche.who.replace("Auvergne-Rhône-Alpes", "")
    assert "https://www.franceactive.org/" in ardeche.who
    assert "France Active Savoie Mont Blanc" in savoie.who and "France Active Auvergne" not in savoie.who
    assert "France Active Auvergne" in cantal.who and "Savoie Mont Blanc" not in cantal.who
    assert "https://www.franceactive.org/" not in cantal.who


def test_every_need_a_project_is_made_for_gets_one_in_the_default_plan():
    """Mérindol's isolation was « answered » by two transport projects that only help with it, and
    Salers' transport by the grocery van: each now gets a project made for it (MONALISA, a transport
    project), the helpers staying where their score puts them."""
    made_for = {}
    for lever in BASE.levers.values():
        for need in lever.addresses:
            made_for.setdefault(need, set()).add(lever.id)
    for plan in (rank(*_merindol()), rank(*_plan("Salers", "15219", 310, missing_services=[
        "epicerie", "sante", "transport", "numerique", "services_publics", "garde_enfants", "logement", "chaleur",
        "emploi", "reemploi",
    ]))):
        for need in plan.profile.missing_services:
            ranks = plan.coverage[need]
            assert any(plan.actions[r - 1].lever.id in made_for[need] for r in ranks), (need, ranks)


def test_a_commune_that_wants_lower_electricity_bills_is_shown_local_sharing_first():
    """Producing to sell and producing to consume are different projects: with the bills declared,
    collective self-consumption comes first; with « pas de production locale » alone it does not win
    on that need."""
    base = dict(missing_services=["energie"], assets=["toitures_terrains"])
    profile_, knowledge_, top, place = _plan("Mérindol", "84074", 2300, **base)
    producing = rank(profile_, knowledge_, top, place)
    profile_, knowledge_, top, place = _plan(
        "Mérindol", "84074", 2300, missing_services=["energie", "facture_electricite"], assets=["toitures_terrains"]
    )
    consuming = rank(profile_, knowledge_, top, place)
    assert consuming.actions[0].lever.id == "autoconsommation-collective"
    assert {r.ref for r in consuming.actions[0].reasons if r.factor in NEED_FACTORS} == {"energie", "facture_electricite"}
    assert not any(r.ref == "facture_electricite" for a in producing.actions for r in a.reasons)


def test_health_professionals_ready_to_settle_tip_a_village_towards_a_maison_de_sante():
    """A maison de santé needs libéraux with a projet de santé; a centre de santé salaries its doctors.
    Said by the commune, the professionals are a reason for the first; the centre stays next to it."""
    profile_, knowledge_, top, place = _plan("Cambremer", "14126", 1300, missing_services=["sante"])
    without = rank(profile_, knowledge_, top, place)
    profile_, knowledge_, top, place = _plan(
        "Cambremer", "14126", 1300, missing_services=["sante"], assets=["professionnels_sante"]
    )
    with_them = rank(profile_, knowledge_, top, place)
    first = with_them.actions[0]
    assert first.lever.id == "maison-sante"
    assert any(r.factor == "asset" and r.ref == "professionnels_sante" for r in first.reasons)
    assert with_them.actions[0].score > without.actions[0].score
    assert with_them.actions[1].lever.id == "centre-sante-salaries"
    assert "centre-sante-cooperatif" in {m.id for m in with_them.actions[1].means}


# --- properties ------------------------------------------------------------------------------------------------

profiles = st.builds(
    lambda pop, needs, assets, prios: Profile(
        commune="Hypothèse", population=pop, missing_services=tuple(needs), assets=tuple(assets), priorities=tuple(prios)
    ),
    st.integers(min_value=1, max_value=3_000_000),
    st.lists(st.sampled_from(MISSING_SERVICES.ids), unique=True),
    st.lists(st.sampled_from(ASSETS.ids), unique=True),
    st.lists(st.sampled_from(SECTORS.ids), unique=True),
)


@settings(max_examples=150, deadline=None)
@given(profiles)
def test_any_valid_profile_gives_a_deterministic_explained_plan_that_answers_or_reports_every_need(p):
    plan = rank(p, BASE)
    assert plan == rank(p, BASE)
    for action in plan.actions:
        assert action.score == total(action.reasons)
        assert action.lever.role == "projet"
        assert len([m for m in action.examples if not m.here]) <= MATCHING.per_action
    assert set(plan.coverage) == set(p.missing_services)
    for need, found in plan.coverage.items():
        if isinstance(found, tuple):
            assert all(need in plan.actions[r - 1].answers for r in found)
    for before, after in zip(plan.actions, plan.actions[1:]):
        assert before.score >= after.score
        assert (after.tie is not None) == (before.score == after.score)


def test_housing_for_whom_decides_between_the_housing_projects():
    """« Manque de logements adaptés » leaves three housing projects side by side; the adviser's next
    question, for whom, decides: elders who can no longer live alone are shown inclusive housing
    first, young households and newcomers a participative or light-housing hamlet first."""
    def first_two(*needs):
        profile_, knowledge_, top, place = _plan("Rocles", "07196", 250, missing_services=list(needs),
                                                 assets=["terrain_constructible"])
        return [a.lever.id for a in rank(profile_, knowledge_, top, place).actions[:2]]

    assert first_two("logement", "logement_aines")[0] == "habitat-inclusif-foncier"
    assert set(first_two("logement", "accueil_habitants")) == {"habitat-leger", "habitat-participatif"}


def test_mobility_for_which_trips_decides_between_the_transport_projects():
    """Volunteer drivers for elders' appointments, organised hitch-hiking or a shared car for daily
    trips, a mobility platform for people who give up a job: each refinement puts its project first,
    and the everyday-service bonus is counted once for transport and its refinement."""
    def plan_for(*needs):
        profile_, knowledge_, top, place = _plan("Villemontais", "42331", 1000, missing_services=list(needs))
        return rank(profile_, knowledge_, top, place)

    elders = plan_for("transport", "transport_aines")
    assert elders.actions[0].lever.id == "transport-solidaire"
    assert sum(1 for r in elders.actions[0].reasons if r.factor == "essential") == 1
    assert {a.lever.id for a in plan_for("transport", "trajets_quotidiens").actions[:2]} == {
        "autostop-covoiturage", "autopartage",
    }
    jobs = plan_for("transport", "mobilite_emploi")
    assert jobs.actions[0].lever.id == "plateforme-mobilite"
    assert jobs.coverage["mobilite_emploi"] == (1,)


def test_saying_which_trips_orders_the_transport_projects_without_outweighing_another_need():
    """Ruffiac (56) declared mobility, then which trips (daily, to work) and health, with professionals
    ready and a vacant building: the precision told the transport projects apart but counted each
    mobility project twice, so four of them came before the maison de santé. A precise form of a need
    already counted adds less than a need; a project made only for a form the commune did not choose
    (elders' trips) says so and loses as much."""
    profile_, knowledge_, top, place = _plan(
        "Ruffiac", "56200", 1422, missing_services=["transport", "trajets_quotidiens", "mobilite_emploi", "sante"],
        assets=["batiment_vacant", "professionnels_sante"],
    )
    plan = rank(profile_, knowledge_, top, place)
    order = [a.lever.id for a in plan.actions]
    assert order.index("maison-sante") < 2
    autostop = next(a for a in plan.actions if a.lever.id == "autostop-covoiturage")
    assert [(r.factor, r.ref, r.points) for r in autostop.reasons if r.factor in NEED_FACTORS] == [
        ("need", "transport", RANKING.need), ("precise_need", "trajets_quotidiens", RANKING.precise),
    ]
    volunteers = next(a for a in plan.actions if a.lever.id == "transport-solidaire")
    other = [r for r in volunteers.reasons if r.factor == "other_form"]
    assert [(r.ref, r.points) for r in other] == [("transport_aines", RANKING.other_form)]
    assert "autre forme de ce besoin" in other[0].detail
    assert order.index("transport-solidaire") > order.index("autostop-covoiturage")
    assert RANKING.precise < RANKING.need and -RANKING.other_form <= RANKING.precise


def test_a_maison_de_sante_waits_for_professionals_ready_to_work_together():
    """An MSP is formed by health professionals (art. L6323-3 CSP): without them the building stays
    empty, and 8 of the 13 communes of the evaluation that declared no such professionals opened a
    salaried centre. Without them the salaried centre comes first and the MSP says what to gather
    first; with them the MSP comes first."""
    profile_, knowledge_, top, place = _plan("Saint-Clar", "32370", 1000, missing_services=["sante"])
    without = rank(profile_, knowledge_, top, place)
    profile_, knowledge_, top, place = _plan("Saint-Clar", "32370", 1000, missing_services=["sante"],
                                             assets=["professionnels_sante"])
    with_team = rank(profile_, knowledge_, top, place)
    assert [a.lever.id for a in without.actions[:2]] == ["centre-sante-salaries", "maison-sante"]
    msp = without.actions[1]
    assert [(r.ref, r.points) for r in msp.reasons if r.factor == "prerequisite"] == [("professionnels_sante", -1.5)]
    assert with_team.actions[0].lever.id == "maison-sante"
    assert not any(r.factor == "prerequisite" for r in with_team.actions[0].reasons)
