"""What a case study must be to enter the base, and which sources are weak.

Why: advisers trust essrural only if each case is what it claims: an ESS
initiative, in a rural commune, with a local authority that did something for
it (docs/knowledge-format.md, « Règles d'inclusion »). The schemas check each
field; these rules look across fields and at the official commune list, and
`essrural data check` reports what breaks them as errors. Weak sources
(reposts, print views, session ids, listings, document-sharing copies) are
reported as warnings: the original publisher's page is better. Pure: reads
the knowledge and the commune list, writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from . import communes
from .errors import Problem
from .frenchfmt import number
from .knowledge import Case, Dated, Knowledge

RURAL_MAX = 5_000  # a rural commune here has fewer inhabitants than this in the official list

# Pieces of a URL that mark a copy or an unstable address rather than the original publisher's page.
WEAK_URL_MARKS = {
    "/trackback": "adresse de rétrolien (trackback)",
    "print.php": "version imprimable",
    "imprimer": "version imprimable",
    "print=1": "version imprimable",
    "tmpl=component": "version imprimable",
    "phpsessid": "identifiant de session",
    "sessionid": "identifiant de session",
    "?page=": "page d'une liste paginée",
    "scribd.com": "copie sur un site de partage de documents",
    "calameo.com": "copie sur un site de partage de documents",
    "spark.adobe.com": "page Adobe Spark",
    "fdocuments": "copie sur un site de partage de documents",
    "docslib.org": "copie sur un site de partage de documents",
    "pdfslide": "copie sur un site de partage de documents",
    "readkong.com": "copie sur un site de partage de documents",
    "studylib": "copie sur un site de partage de documents",
    "123dok": "copie sur un site de partage de documents",
    "wikiwand.com": "copie de Wikipédia",
    "kampuspedia.com": "copie de Wikipédia",
    "pressreader.com": "copie de presse sur un agrégateur",
    "ru24.net": "copie de presse sur un agrégateur",
    "ru24.pro": "copie de presse sur un agrégateur",
    "europesays.com": "copie de presse sur un agrégateur",
    "actunoumea.fr": "reprise automatique d'articles d'autres éditeurs",
    "actudrancy.fr": "reprise automatique d'articles d'autres éditeurs",
    "jeunediplome.net": "reprise d'un article d'un autre éditeur",
    "mesexemples.com": "reprise d'un article d'un autre éditeur",
    "preprod": "site de préproduction",
    "utm_source=": "paramètres de suivi publicitaire (à retirer de l'adresse)",
    "fbclid=": "paramètres de suivi publicitaire (à retirer de l'adresse)",
    "pk_campaign=": "paramètres de suivi d'une lettre d'information (à retirer de l'adresse)",
    "replytocom=": "adresse d'une réponse à un commentaire (à retirer de l'adresse)",
}


def _year_in(text: str) -> bool:
    """A four-digit year from 1900 to 2099 somewhere in the text."""
    for i in range(len(text) - 3):
        chunk = text[i : i + 4]
        if chunk.isdigit() and chunk[:2] in ("19", "20"):
            before = text[i - 1] if i else " "
            after = text[i + 4] if i + 4 < len(text) else " "
            if not before.isdigit() and not after.isdigit():
                return True
    return False


def case_problems(case: Case, where: str) -> list[Problem]:
    """The inclusion rules a case breaks, each as a French problem located at the case."""
    file, _, line = where.rpartition(":")
    file, line_no = (file, int(line)) if line.isdigit() else (where, None)
    found = []

    def problem(message: str) -> None:
        found.append(Problem(file, line_no, f"cas « {case.id} » : {message}"))

    commune = communes.get(case.insee) if case.insee else None
    if not case.insee:
        problem("« insee » manquant : le code INSEE de la commune est obligatoire (liste officielle).")
    elif commune is None:
        problem(f"code INSEE « {case.insee} » inconnu dans la liste officielle des communes.")
    else:
        if communes.name_key(commune.name) != communes.name_key(case.commune):
            problem(
                f"« commune » vaut « {case.commune} » mais le code INSEE {case.insee} est celui de {commune.name} ; "
                "écrivez le nom officiel (pour une ancienne commune, celui de la commune nouvelle)."
            )
        if commune.departement != case.departement:
            problem(f"« departement » vaut « {case.departement} » mais {commune.name} est dans le {commune.departement}.")
        if commune.population and commune.population >= RURAL_MAX:
            problem(
                f"{commune.name} compte {number(commune.population)} habitants : un cas doit être dans une commune de "
                f"moins de {number(RURAL_MAX)} habitants (règles d'inclusion)."
            )
    if not case.ess_form:
        problem("« ess_form » manquant : association, cooperative, mutuelle, fondation, esus ou partenariat.")
    if not case.levers:
        problem("« levers » vide : un cas doit documenter ce qu'a fait une collectivité (au moins un levier).")
    if case.scope != "commune" and not case.territory:
        problem(f"« scope » vaut « {case.scope} » : nommez le territoire dans « territory ».")
    for outcome in case.outcomes:
        if not _year_in(outcome):
            problem(f"résultat sans année « {outcome[:50]}… » : commencez par sa date (« 2023 : … »).")
    return found


def problems(knowledge: Knowledge, today: dt.date | None = None) -> list[Problem]:
    """Every inclusion rule broken by the cases of the knowledge, and every date after `today`."""
    found = []
    for case in knowledge.examples.values():
        found += case_problems(case, str(knowledge.origins.get(("examples", case.id), "")))
    if today is not None:
        found += future_dates(knowledge, today)
    return found


def future_dates(knowledge: Knowledge, today: dt.date) -> list[Problem]:
    """A date says when a fact was true, by its source: a year or a source date after today is a typo."""
    iso, found = today.isoformat(), []

    def check(section: str, key: str, label: str, value: str | int | None) -> None:
        text = str(value) if value is not None else ""
        if text and text > iso[: len(text)]:
            origin = knowledge.origins.get((section, key))
            found.append(Problem(
                origin.file if origin else None, origin.line if origin else None,
                f"{label} : « {text} » est postérieur à aujourd'hui ({iso}) ; une date dit quand le fait était vrai, "
                "d'après sa source.",
            ))

    for case in knowledge.examples.values():
        check("examples", case.id, f"cas « {case.id} » : année", case.year)
    for programme in knowledge.programmes.values():
        check("programmes", programme.id, f"programme « {programme.id} » : as_of", programme.as_of)
    for lever in knowledge.levers.values():
        for statement in lever.statements:
            if isinstance(statement, Dated) and statement.dated:
                check("levers", lever.id, f"levier « {lever.id} » : énoncé daté", statement.as_of)
    for region in knowledge.regions.values():
        for scheme in region.schemes:
            check("regions", region.code, f"région {region.code}, dispositif « {scheme.id} » : as_of", scheme.as_of)
        for contact in (region.cress, region.dla, *region.france_active):
            if contact is not None:
                check("regions", region.code, f"région {region.code}, contact : as_of", contact.as_of)
    return found


def weak_source(url: str) -> str | None:
    """Why a source URL is weak, or None."""
    lowered = url.lower()
    host = lowered.split("/")[2] if lowered.count("/") >= 2 else ""
    if host.endswith("."):
        return "nom de domaine mal formé (point final)"
    for mark, why in WEAK_URL_MARKS.items():
        if mark in lowered:
            return why
    if host.startswith(("testing.", "test.", "staging.", "uat.", "uat-", "dev.", "preview.", "bacasable.", "sandbox.")) or any(
        f".{name}." in f".{host}" for name in ("testing", "staging", "uat")
    ):
        return "site de test"
    _, found, rest = lowered.partition("/page/")
    if found and rest[:1].isdigit():
        return "page d'une liste paginée"
    return None


def source_warnings(knowledge: Knowledge) -> list[Problem]:
    """Each weak source of the knowledge, once, with the item that cites it."""
    found = []
    for section in ("levers", "examples", "programmes", "regions"):
        for key, item in knowledge.section(section).items():
            for url in dict.fromkeys(_urls(item)):
                why = weak_source(url)
                if why:
                    found.append(_at(knowledge, section, key, f"{key} : source faible ({why}) {url}"))
    return found


# Words by which an outcome tells what was announced, planned or possible rather than what happened.
ANNOUNCEMENT = re.compile(
    r"\b(annonc(e|ée?s?|é)|prévue?s?|devrai(t|ent)|sera|seront|ouvrira|accueillera|se déroulera|"
    r"envisagée?s?|pourra|pourront|permettrai(t|ent)|à venir)\b",
    re.IGNORECASE,
)


def outcome_warnings(knowledge: Knowledge) -> list[Problem]:
    """Each outcome worded as an announcement or a plan: a result says what happened, by its source's date."""
    found = []
    for case in knowledge.examples.values():
        for outcome in case.outcomes:
            word = ANNOUNCEMENT.search(outcome)
            if word:
                found.append(_at(knowledge, "examples", case.id, (
                    f"{case.id} : résultat qui se lit comme une annonce ou un projet (« {word.group(0)} ») : "
                    f"« {outcome[:60]}… » ; un résultat dit ce qui a eu lieu, un projet va dans le résumé avec sa date"
                )))
    return found


# An undated page given a date the editor worked out: « article non daté, postérieur à mai 2022 ».
WORKED_OUT_DATE = re.compile(r"non daté(e|s|es)?,? (mais )?postérieure?s? à [^,;.)]+", re.IGNORECASE)


def worked_out_dates(knowledge: Knowledge) -> list[Problem]:
    """Each case text that dates an undated page by reasoning: a date says what its source prints."""
    found = []
    for case in knowledge.examples.values():
        for text in (case.summary, case.authority_action, case.legal_form or "", *case.outcomes):
            match = WORKED_OUT_DATE.search(text)
            if match:
                found.append(_at(knowledge, "examples", case.id, (
                    f"{case.id} : date déduite « {match.group(0)} » ; une page non datée se cite sans date"
                )))
    return found


def _at(knowledge: Knowledge, section: str, key: str, message: str) -> Problem:
    """A warning located at the item's line in its file, when the knowledge knows it."""
    origin = knowledge.origins.get((section, key))
    return Problem(origin.file if origin else None, origin.line if origin else None, message)


def _urls(item) -> list[str]:
    """Every URL an item cites: its sources, and those of its sourced statements, contacts and schemes."""
    urls = list(getattr(item, "sources", ()) or ())
    if getattr(item, "source", None):
        urls.append(item.source)
    for statement in getattr(item, "statements", ()):
        if isinstance(statement, Dated) and statement.source:
            urls.append(statement.source)
    for part in (getattr(item, "cress", None), getattr(item, "dla", None), *getattr(item, "france_active", ()),
                 *getattr(item, "schemes", ())):
        if part is not None:
            urls += _urls(part)
    return urls
