"""The stable ids of the public contract, with their French labels.

Why: sectors, lever families, missing services and assets are the words the
profile, the knowledge files and the command line share. They live here once;
input is forgiving (`Mobilité`, `MOBILITE`, `tiers lieux`, a French label)
and every unknown id gets the closest valid one as a suggestion.
"""

from __future__ import annotations

from .text import as_identifier, excerpt


class UnknownId(ValueError):
    """An id that is not in a vocabulary; carries what a French message needs."""

    def __init__(
        self, vocabulary: "Vocabulary", value: str, suggestion: str | None,
        elsewhere: tuple["Vocabulary", str] | None = None,
    ):
        self.vocabulary = vocabulary
        self.value = value
        self.suggestion = suggestion
        self.elsewhere = elsewhere  # the neighbouring list that has it (a need typed as an asset), and its id there
        super().__init__(self.french())

    def french(self) -> str:
        if self.elsewhere:
            other, id_ = self.elsewhere
            hint = f" : c'est un {other.noun} (« {other.short(id_)} »), pas un {self.vocabulary.noun}."
        else:
            hint = f" ; vouliez-vous dire « {self.suggestion} » ?" if self.suggestion else "."
        return (
            f"{self.vocabulary.noun} {self.vocabulary.unknown} « {excerpt(self.value)} »{hint} "
            f"Valeurs possibles : {', '.join(self.vocabulary.ids)}."
        )


def _key(text: str) -> str:
    return as_identifier(text, "")


def closest(value: str, candidates: list[str]) -> str | None:
    """The candidate nearest to `value` once folded, or None when none is close."""
    import difflib  # only on the error path

    keys = {_key(c): c for c in candidates}
    key = _key(value)
    # A short word is close to too much at 0.6: « velo » to « emploi ».
    found = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.6 if len(key) > 5 else 0.75)
    return keys[found[0]] if found else None


class Vocabulary:
    """A list of ids with French labels, and the extra spellings that mean them."""

    def __init__(self, noun: str, labels: dict[str, str], aliases: dict[str, str] | None = None, unknown: str = "inconnu"):
        self.noun = noun  # French noun used in messages: "secteur", "famille de leviers"…
        self.labels = labels  # id → French label
        self.aliases = aliases or {}  # extra spellings → id
        self.unknown = unknown  # agrees with `noun`: "inconnue" for a feminine noun
        self.neighbours: tuple[Vocabulary, ...] = ()  # lists a person confuses with this one (needs, assets, sectors)
        self._table: dict[str, str] | None = None

    @property
    def ids(self) -> list[str]:
        return list(self.labels)

    def label(self, id_: str) -> str:
        return self.labels[id_]

    def short(self, id_: str) -> str:
        """The label without the examples after its colon: « friche » for « friche : ancienne gare… »."""
        return self.labels[id_].split(" : ")[0]

    def resolve(self, value: object) -> str:
        """Return the id `value` means, or raise `UnknownId` with a suggestion."""
        text = str(value).strip()
        lookup = self._lookup()
        found = lookup.get(_key(text))
        if found:
            return found
        for other in self.neighbours:  # a need written among the assets is not a typo of an asset
            elsewhere = other._lookup().get(_key(text))
            if elsewhere:
                raise UnknownId(self, text, None, (other, elsewhere))
        suggestion = closest(text, self.ids + list(self.aliases))
        raise UnknownId(self, text, self.aliases.get(suggestion, suggestion) if suggestion else None)

    def subset(self, ids: list[str], aliases: dict[str, str] | None = None) -> Vocabulary:
        """The same list limited to `ids`, for a question that shows only some of them."""
        kept = {a: i for a, i in self.aliases.items() if i in ids} | (aliases or {})
        part = Vocabulary(self.noun, {i: self.labels[i] for i in ids}, kept, self.unknown)
        part.neighbours = self.neighbours
        return part

    def _lookup(self) -> dict[str, str]:
        if self._table is None:
            table = {_key(label): i for i, label in self.labels.items()}
            table.update({_key(alias): i for alias, i in self.aliases.items()})
            table.update({_key(i): i for i in self.labels})
            self._table = table
        return self._table


SECTORS = Vocabulary(
    "secteur",
    {
        "alimentation": "agriculture et alimentation durable",
        "commerce": "commerces de proximité",
        "tiers-lieux": "tiers-lieux et lieux mutualisés",
        "energie": "transition énergétique",
        "mobilite": "mobilité soutenable",
        "services": "services à la personne, santé, petite enfance",
        "culture": "culture, sport, loisirs, tourisme",
        "reemploi": "réemploi, économie circulaire",
        "numerique": "inclusion numérique",
        "insertion": "emploi et insertion",
        "habitat": "habitat, logement",
    },
    {
        "agriculture": "alimentation",
        "commerces": "commerce",
        "tiers-lieu": "tiers-lieux",
        "tourisme": "culture",
        "sante": "services",
        "emploi": "insertion",
        "logement": "habitat",
        "transport": "mobilite",
    },
)

FAMILIES = Vocabulary(
    "famille de leviers",
    unknown="inconnue",
    labels={
        "financement": "financement et commande publique",
        "foncier": "foncier et bâtiments",
        "cooperation": "coopération entre acteurs",
        "contractualisation": "contrats et programmes territoriaux",
        "accompagnement": "émergence, ingénierie, faire connaître",
    },
)

MISSING_SERVICES = Vocabulary(
    "service manquant",
    {
        "epicerie": "plus de commerce alimentaire",
        "cafe": "plus de café ni de lieu de convivialité",
        "produits_locaux": "pas d'accès aux produits locaux",
        "restauration_collective": "cantine sans produits locaux",
        "installation_agricole": "fermes sans repreneur, foncier agricole menacé",
        "transport": "pas de solution de mobilité sans voiture",
        "aide_domicile": "services à domicile insuffisants",
        "sante": "accès aux soins difficile",
        "garde_enfants": "pas de mode de garde",
        "culture_loisirs": "peu d'activités culturelles, sportives, de loisirs",
        "numerique": "fracture numérique",
        "emploi": "manque d'emplois, chômage de longue durée",
        "espace_travail": "pas d'espace de travail partagé",
        "logement": "manque de logements adaptés",
        "reemploi": "pas de solution de réemploi ou de réparation",
        "energie": "dépendance énergétique, pas de production locale d'électricité",
        "lien_social": "isolement, pas de lieu de rencontre",
        "chaleur": "chauffage coûteux ou au fioul, pas de réseau de chaleur",
        "services_publics": "services publics éloignés, démarches administratives difficiles",
        "precarite_alimentaire": "précarité alimentaire, pas d'aide alimentaire proche",
        "facture_electricite": "factures d'électricité élevées : bâtiments communaux, habitants",
        "ressourcerie": "objets réutilisables jetés en déchèterie, pas de ressourcerie ni de recyclerie proche",
        "logement_aines": "pas de logement adapté pour les aînés qui ne peuvent plus vivre seuls chez eux",
        "accueil_habitants": "pas de terrain ni de logement abordable pour accueillir jeunes ménages et nouveaux habitants",
        "transport_aines": "aînés et personnes sans voiture privés de courses et de rendez-vous médicaux",
        "trajets_quotidiens": "trajets du quotidien (bourg-centre, gare, travail) impossibles sans sa propre voiture",
        "mobilite_emploi": "des habitants renoncent à un emploi ou une formation faute de moyen de se déplacer",
    },
    {
        "commerce": "epicerie",
        "boulangerie": "epicerie",  # the last shop a village loses is often its bakery: food shop projects answer it
        "bar": "cafe",
        "cantine": "restauration_collective",
        "mobilite": "transport",
        "medecin": "sante",
        "creche": "garde_enfants",
        "coworking": "espace_travail",
        "isolement": "lien_social",
        "chauffage": "chaleur",
        "demarches": "services_publics",
        "france_services": "services_publics",
        "aide_alimentaire": "precarite_alimentaire",
        "recyclerie": "ressourcerie",
        "logement_seniors": "logement_aines",
        "habitat_inclusif": "logement_aines",
        "nouveaux_habitants": "accueil_habitants",
        "transport_seniors": "transport_aines",
        "covoiturage": "trajets_quotidiens",
        "autopartage": "trajets_quotidiens",
        "transport_emploi": "mobilite_emploi",
    },
)

ASSETS = Vocabulary(
    "atout",
    {
        "batiment_vacant": "bâtiment communal vacant ou sous-utilisé",
        "local_commercial_vacant": "local commercial vacant",
        "friche": "friche : ancienne gare, site industriel, station d'épuration désaffectée…",
        "foncier_agricole": "terres agricoles communales ou à vendre",
        "toitures_terrains": "toitures ou terrains publics propices aux énergies renouvelables",
        "foret": "forêt communale",
        "cantine": "restauration collective gérée par la commune",
        "associations": "tissu associatif actif, bénévoles",
        "habitants_mobilises": "collectif d'habitants porteur d'un projet",
        "acteurs_ess": "structures de l'ESS déjà présentes",
        "budget": "capacité d'investissement",
        "ingenierie": "ingénierie disponible : agent, intercommunalité, PETR, PNR",
        "tourisme": "attractivité touristique",
        "programme": "lauréate d'un autre programme d'appui (LEADER, Territoires d'industrie, contrat…)",
        "pvd": "lauréate Petites villes de demain",
        "villages_avenir": "lauréate Villages d'avenir",
        "terrain_constructible": "terrain communal constructible",
        "commerce_a_reprendre": "commerce ou entreprise à reprendre (départ en retraite, fonds à vendre)",
        "cabinet_a_reprendre": "cabinet médical à reprendre ou local de santé libre",
        "professionnels_sante": "professionnels de santé prêts à s'installer ou à exercer ensemble",
        "cofinanceur": "partenaire prêt à cofinancer (Département, intercommunalité, fondation, entreprise)",
        "projet_intercommunal": "projet partagé avec des communes voisines",
    },
    {
        "petites_villes_de_demain": "pvd",
        "village_d_avenir": "villages_avenir",
    },
)

# The three lists of a profile: a word of one written in another is told where it belongs (« epicerie »
# among the assets is a missing service, not a typo of an asset).
SECTORS.neighbours = (MISSING_SERVICES, ASSETS)
MISSING_SERVICES.neighbours = (ASSETS, SECTORS)
ASSETS.neighbours = (MISSING_SERVICES, SECTORS)

BUDGETS = Vocabulary(
    "tranche de budget",
    unknown="inconnue",
    labels={"faible": "moins de 40 k€", "moyen": "de 40 à 100 k€", "eleve": "plus de 100 k€"},
)

DURATIONS = Vocabulary(
    "délai de mise en œuvre",
    {"court": "moins d'un an", "moyen": "un à deux ans", "long": "plus de deux ans"},
)

ROLES = Vocabulary(
    "rôle de levier",
    {
        "projet": "projet concret qui répond à un besoin",
        "moyen": "moyen qui rend un projet possible",
        "demarrage": "première démarche, avant tout projet",
    },
)

COMPETENCES = Vocabulary(
    "collectivité compétente",
    unknown="inconnue",
    labels={
        "commune": "commune",
        "intercommunalite": "intercommunalité",
        "departement": "Département",
        "region": "Région",
        "etat": "État",
    },
)

STATUSES = Vocabulary(
    "statut",
    {
        "ouvert": "ouvert",
        "ferme": "fermé",
        "incertain": "suite incertaine",
        "permanent": "en place",
    },
)

SCOPES = Vocabulary(
    "échelle",
    unknown="inconnue",
    labels={
        "commune": "la commune",
        "intercommunal": "plusieurs communes ou une intercommunalité",
        "territoire": "un territoire (pays, PNR, département)",
    },
)

ESS_FORMS = Vocabulary(
    "forme de l'ESS",
    unknown="inconnue",
    labels={
        "association": "association",
        "cooperative": "coopérative (SCIC, SCOP, CAE…)",
        "mutuelle": "mutuelle",
        "fondation": "fondation",
        "esus": "entreprise agréée ESUS",
        "partenariat": "partenariat entre une collectivité et une structure de l'ESS",
    },
)

# Needs that say another one more precisely (the bills are a form of energy dependence, objects thrown
# away for want of a ressourcerie a form of the reuse need; housing for whom, mobility for which trips:
# the questions an adviser asks before choosing between sibling projects): a project made for both is
# no broader than one made for the general need alone.
REFINED_NEEDS = {
    "facture_electricite": "energie",
    "ressourcerie": "reemploi",
    "logement_aines": "logement",
    "accueil_habitants": "logement",
    "transport_aines": "transport",
    "trajets_quotidiens": "transport",
    "mobilite_emploi": "transport",
}


def family(need: str) -> str:
    """The general need a need belongs to: itself, or the one it says more precisely."""
    return REFINED_NEEDS.get(need, need)


def refinements(need: str) -> list[str]:
    """The needs that say `need` more precisely, in the vocabulary's order (none for most)."""
    return [n for n in MISSING_SERVICES.ids if REFINED_NEEDS.get(n) == need]


def undecided_forms(addresses: tuple[str, ...], needs: set[str], declared: frozenset[str] | set[str]) -> tuple[str, ...]:
    """The precise forms among `addresses` of the needs in `needs` that the commune declared without
    saying which form (none of their refinements in `declared`): what tells two projects for one need
    apart, volunteer drivers for elders' trips, a shared car for daily ones."""
    return tuple(
        n for n in addresses
        if family(n) != n and family(n) in needs and not declared.intersection(refinements(family(n)))
    )


# Whom a commune asks about a need that essrural's knowledge cannot answer with a project.
NEED_CONTACTS = {
    "epicerie": "la chambre de commerce et d'industrie et l'intercommunalité (compétence commerce)",
    "cafe": "la chambre de commerce et d'industrie et l'intercommunalité (compétence commerce)",
    "produits_locaux": "la chambre d'agriculture et le projet alimentaire territorial de l'intercommunalité",
    "restauration_collective": "le projet alimentaire territorial et la DRAAF (loi EGAlim)",
    "installation_agricole": "la chambre d'agriculture, la SAFER et Terre de Liens",
    "transport": "l'intercommunalité ou la Région, autorité organisatrice de la mobilité",
    "aide_domicile": "le Département (autonomie) et le CCAS",
    "sante": "l'agence régionale de santé (ARS) et la communauté professionnelle territoriale de santé (CPTS)",
    "garde_enfants": "la caisse d'allocations familiales (CAF) et le service de PMI du Département",
    "culture_loisirs": "la direction régionale des affaires culturelles (DRAC) et le Département",
    "numerique": "le Département et l'espace France Services le plus proche",
    "emploi": "France Travail, la mission locale et le Département (insertion)",
    "espace_travail": "l'intercommunalité (développement économique) et le réseau régional des tiers-lieux",
    "logement": "l'ADIL du département et les bailleurs sociaux",
    "reemploi": "l'intercommunalité ou le syndicat compétent pour les déchets",
    "energie": "le syndicat départemental d'énergie et l'Espace conseil France Rénov'",
    "lien_social": "le CCAS et les associations de la commune",
    "chaleur": "le syndicat départemental d'énergie et l'ADEME (Fonds chaleur)",
    "services_publics": "la préfecture (réseau France Services) et l'intercommunalité",
    "precarite_alimentaire": "le CCAS, la banque alimentaire du département et le Département",
    "facture_electricite": "le syndicat départemental d'énergie et l'Espace conseil France Rénov'",
    "ressourcerie": "l'intercommunalité ou le syndicat compétent pour les déchets et le réseau régional des ressourceries",
    "logement_aines": "le Département (habitat inclusif, aide à la vie partagée) et le CCAS",
    "accueil_habitants": "l'ADIL du département, l'intercommunalité (programme local de l'habitat) et l'EPF",
    "transport_aines": "le CCAS, le Département et l'intercommunalité, autorité organisatrice de la mobilité",
    "trajets_quotidiens": "l'intercommunalité ou la Région, autorité organisatrice de la mobilité",
    "mobilite_emploi": "France Travail, la mission locale et l'intercommunalité (plan d'action pour une mobilité solidaire)",
}
