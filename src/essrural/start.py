"""« Pour commencer »: the first steps every commune should take, tailored to it.

Why: an ESS adviser does not start with a building or a subsidy, but with
people: bring inhabitants and local actors together, call the region's ESS
support network (named), use the engineering the commune can join (Villages
d'avenir, Petites villes de demain, its LEADER group, its intercommunality).
These steps are not ranked against projects. Pure: no I/O.
"""

from __future__ import annotations

from .frenchfmt import status_and_date
from .knowledge import Knowledge, Region
from .plan import Action, Place, StartStep
from .profile import Profile
from .text import SEMICOLON, in_sentence, with_website



def start_steps(profile: Profile, place: Place, knowledge: Knowledge, actions: tuple[Action, ...]) -> tuple[StartStep, ...]:
    steps = [_gather(profile, actions), _network(place, knowledge, actions)]
    engineering = _engineering(profile, knowledge)
    if engineering is not None:
        steps.append(engineering)
    intercommunal = _intercommunality(profile, place, actions)
    if intercommunal is not None:
        steps.append(intercommunal)
    return tuple(steps)


def _gather(profile: Profile, actions: tuple[Action, ...]) -> StartStep:
    first = f"« {actions[0].lever.title} »" if actions else "un projet"
    if "habitants_mobilises" in profile.assets:
        why = (
            f"Un collectif d'habitants porte déjà un projet : l'associer dès le départ, avec les associations et "
            f"les commerçants, pour vérifier qui est prêt à porter {first} et dans quelles conditions."
        )
    else:
        why = (
            f"Aucun collectif porteur n'est déclaré : une réunion publique sur les besoins fait apparaître qui est "
            f"prêt à s'engager avant d'investir, par exemple dans {first}."
        )
    return StartStep(
        "reunir", "Réunir habitants, associations et acteurs locaux autour des besoins",
        "le maire et le conseil municipal", why, "concertation-emergence",
    )


def _network(place: Place, knowledge: Knowledge, actions: tuple[Action, ...]) -> StartStep:
    region = knowledge.regions.get(place.region or "")
    if region is None:
        where = f"de la région {place.region_name}" if place.region_name else "de votre région"
        return StartStep(
            "reseau-ess", "Appeler le réseau régional de l'ESS",
            f"la chambre régionale de l'économie sociale et solidaire (CRESS) {where}, le dispositif local "
            "d'accompagnement (DLA) du département et l'association France Active de la région",
            "Un premier conseil gratuit sur le montage du projet, les structures capables de le porter et les "
            "financements régionaux.",
            "cartographier-accompagnement",
        )
    schemes = _schemes(region, place.departement, actions)
    return StartStep(
        "reseau-ess", "Appeler le réseau régional de l'ESS", _contacts(region, place.departement),
        _network_why(region, schemes), "cartographier-accompagnement",
        in_sentence(schemes) if schemes else None,
    )


def _contacts(region: Region, departement: str | None) -> str:
    """The CRESS, the DLA, France Active: those the base knows for the region and the département (a
    CRESS may be gone: Normandie's was liquidated in 2025, and the plan must not send the council to it)."""
    who = [with_website(region.cress.name, region.cress.website)] if region.cress is not None else []
    if region.dla is not None:
        who.append(with_website(region.dla.regional or "le DLA du département", region.dla.website))
    elif not who:
        who.append("le DLA du département")
    who += [with_website(name, website) for name, website in region.france_active_for(departement)]
    return SEMICOLON.join(who)


def _network_why(region: Region, schemes: str | None) -> str:
    why = "Un premier conseil gratuit sur le montage du projet, les structures capables de le porter et les financements."
    if region.cress is None:
        why += f" Aucune chambre régionale de l'ESS (CRESS) en activité n'est confirmée en {region.name} dans la base."
    if region.dla is not None:
        departmental = region.dla.departmental
        why += f" Le DLA du département : {in_sentence(departmental)}"
    if schemes:
        why += f" {schemes}."
    return why


def _schemes(region: Region, departement: str | None, actions: tuple[Action, ...]) -> str | None:
    """« Dispositifs … à évoquer : … », dated: the Région's for the ESS (and for a last shop, when a project
    is about shops), with those of the commune's Département."""
    wanted = {"dernier-commerce"} if any("commerce" in a.lever.sectors for a in actions) else set()
    schemes = [s for s in region.schemes_for(departement) if s.status != "ferme" and (s.kind == "ess" or s.kind in wanted)]
    if not schemes:
        return None
    whose = "Dispositifs de la Région et du Département" if any(s.departements for s in schemes) else "Dispositifs de la Région"
    return f"{whose} à évoquer : " + SEMICOLON.join(f"{s.name} ({status_and_date(s.status, s.as_of)})" for s in schemes)


def _engineering(profile: Profile, knowledge: Knowledge) -> StartStep | None:
    assets = set(profile.assets)
    pvd = knowledge.programmes.get("petites-villes-de-demain")
    vda = knowledge.programmes.get("villages-avenir")
    leader = knowledge.programmes.get("leader")
    if "pvd" in assets:
        title, who = "Mobiliser le chef de projet Petites villes de demain", "le chef de projet PVD de la commune"
        why = "La commune est lauréate : son chef de projet et l'ingénierie du programme peuvent porter les projets de l'ESS."
        programme = pvd
    elif "villages_avenir" in assets:
        title, who = "Mobiliser le chef de projet Villages d'avenir", "le chef de projet Villages d'avenir de la préfecture"
        why = "La commune est lauréate : le chef de projet de l'État, partagé entre plusieurs communes, aide à monter les projets."
        programme = vda
    elif vda is not None and profile.population and vda.open_to(profile.population):
        title, who = "Demander à entrer dans Villages d'avenir", "la préfecture de département"
        why = "Le programme apporte une ingénierie de l'État aux communes rurales de cette taille."
        programme = vda
    elif leader is not None:
        title, who = "Présenter les projets au groupe d'action locale LEADER", "l'animateur du GAL LEADER du territoire"
        why = "Le GAL aide à monter le dossier et peut cofinancer les projets qui entrent dans sa stratégie."
        programme = leader
    else:
        return None
    if "ingenierie" in assets:
        why += " L'ingénierie déjà disponible (agent, intercommunalité, PETR, PNR) peut suivre le dossier au quotidien."
    status = None
    if programme is not None:
        status = f"{programme.name} : {status_and_date(programme.status, programme.as_of)}"
        why += f" ({status})"
    return StartStep("ingenierie", title, who, why, "programme-anct-ess", status)


def _intercommunality(profile: Profile, place: Place, actions: tuple[Action, ...]) -> StartStep | None:
    shared = [a.lever.title for a in actions if "intercommunalite" in a.lever.competent]
    if not shared and "projet_intercommunal" not in profile.assets:
        return None
    epci = f"l'intercommunalité ({place.epci_name})" if place.epci_name else "l'intercommunalité"
    why = ""
    if shared:
        why = (
            f"Pour {len(shared)} des projets proposés, la compétence peut relever de l'intercommunalité "
            "(commerce, mobilité, petite enfance, déchets…) : vérifier qui décide avant de s'engager."
        )
    if "projet_intercommunal" in profile.assets:
        why += (" " if why else "") + "Le projet est partagé avec des communes voisines : le porter à cette échelle."
    return StartStep("intercommunalite", f"Vérifier avec {epci} qui décide de chaque projet", epci, why)
