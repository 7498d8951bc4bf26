"""The plan as the council reads it: a two-page synthesis, the projects, annexes; Markdown, HTML, Word.

The printed checks use the tools a mairie would: the HTML printed to PDF by headless Chromium, the
Word file opened by LibreOffice. Without them (no `chromium`, `soffice` or `pdftotext` on the
machine) those tests are skipped and say which Debian package to install.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from conftest import PROFILES

THORE, MERINDOL = str(PROFILES / "thore.yaml"), str(PROFILES / "merindol.yaml")
# Issue 13: at most half of the 0.1 plan, measured with `wc -w` on the version before the refactor
# (7e49c9a^): Thoré-la-Rochette 8,632 words (the plan the issue quotes). Mérindol (6,466 words in 0.1)
# has a guard against growth instead: 4,600 since its isolation need gets a project made for it
# (MONALISA) rather than a third transport project that only helped with it; 4,650 since a tie between
# volunteer drivers and car-sharing says which precision of the mobility need would separate them;
# 4,600 since the Méthode lists only the criteria that gave points in the plan; 4,500, the issue's
# bound for the whole default document, since the Méthode gives the effort points of the commune's
# own size and cost brackets, the tie names the project just above by its number and a reason names a
# place by its short label. Mérindol 4,484, Thoré 4,299 (2 December 2026) since the article the method
# follows is cited once, in its « Cadre », and no longer also named in the opening of annex D.
WORD_BUDGET = {"thore": 8632 // 2, "merindol": 4500}


def profile_file(tmp_path: Path, text: str) -> str:
    """A profile written for one test, as a path for --profile."""
    path = tmp_path / "profil.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def export(cli, tmp_path: Path, profile: str, name: str, *extra: str) -> Path:
    target = tmp_path / name
    result = cli("diagnose", "--profile", profile, "--output", str(target), *extra)
    assert result.exit_code == 0, result.stderr
    return target


def paragraphs(markdown: str) -> list[str]:
    """Prose blocks (separated by blank lines) and list items, without tables."""
    found = []
    for block in markdown.split("\n\n"):
        lines = [line for line in block.splitlines() if " | " not in line and not line.startswith("---")]
        if lines and re.match(r"^(- |\d+\. )", lines[0]):
            found += [re.sub(r"^(- |\d+\. )", "", line) for line in lines]
        elif lines:
            found.append(" ".join(lines))
    return found


# --- Markdown: short, never repeated, every source once ------------------------------------------


@pytest.mark.parametrize(("name", "profile"), [("thore", THORE), ("merindol", MERINDOL)], ids=["thore", "merindol"])
def test_the_default_document_is_at_most_half_of_the_old_one_and_repeats_no_paragraph(cli, tmp_path, name, profile):
    text = export(cli, tmp_path, profile, "plan.md").read_text(encoding="utf-8")
    assert len(text.split()) <= WORD_BUDGET[name]  # counted like `wc -w`, Markdown marks included
    repeated = [p for p, n in Counter(paragraphs(text)).items() if n > 1 and len(p.split()) >= 12]
    assert repeated == []
    assert max(len(line) for line in text.splitlines()) < 700  # the 0.1 plan had 1,272-character lines


def test_every_source_is_listed_once_and_every_citation_points_to_it(cli, tmp_path):
    text = export(cli, tmp_path, MERINDOL, "plan.md").read_text(encoding="utf-8")
    listed = re.findall(r"(?m)^(\d+)\. <(https?://[^>]+)>$", text.split("### D. Sources")[1])
    urls = [url for _, url in listed]
    assert len(urls) == len(set(urls)) > 20
    assert [int(n) for n, _ in listed] == list(range(1, len(listed) + 1))
    cited = set()
    for group in re.findall(r"\\\[([\d, -]+)\\\]", text):
        for part in group.split(", "):
            low, _, high = part.partition("-")
            cited.update(range(int(low), int(high or low) + 1))
    assert cited == set(range(1, len(listed) + 1))  # nothing listed that nothing cites, nothing cited unlisted
    body = text.split("### D. Sources")[0]
    assert not re.search(r"<https?://", body)  # the body cites numbers, not URLs


def test_the_synthesis_gives_each_project_its_decision_cost_decider_and_horizon(cli, tmp_path):
    text = export(cli, tmp_path, MERINDOL, "plan.md").read_text(encoding="utf-8")
    synthesis = text.split("## Synthèse")[1].split("## Les projets")[0]
    projects = re.findall(r"(?m)^#### (\d+)\. ", synthesis)
    assert 3 <= len(projects) <= 5
    for field in ("Première décision", "Coût", "Qui décide", "Quand"):
        assert synthesis.count(f"**{field}** :") == len(projects)
    assert re.search(r"\*\*Quand\*\* : (0 à 6 mois|6 à 18 mois|plus tard)", synthesis)
    assert "CRESS Provence-Alpes-Côte d'Azur" in synthesis  # the start-up steps name the local network
    assert "### Pour commencer" in synthesis
    already = re.search(r"Déjà dans la commune : (.*)", synthesis)
    assert already and "Éclats du Sud Luberon" in already.group(1) and "Hauts Isclons" in already.group(1)


def test_a_need_no_project_answers_is_said_in_the_synthesis(cli, tmp_path):
    profile = profile_file(tmp_path, "commune: Thoré-la-Rochette\nmissing_services: [epicerie, sante]\n")
    text = export(cli, tmp_path, profile, "plan.md", "--top", "1").read_text(encoding="utf-8")
    synthesis = text.split("## Les projets")[0]
    assert "### Ce que le plan ne couvre pas" in synthesis
    assert "**accès aux soins difficile** : le seul projet présenté n'y répond pas ; « Ouvrir un centre de santé avec des médecins salariés" in synthesis
    assert "y répond (essrural diagnose … --top 5)" in synthesis  # how to see it


def test_the_synthesis_answers_each_need_with_a_project_made_for_it(cli, tmp_path):
    """Saint-Martin (32) lacks a shop, a café and transport: the synthesis shows a transport project,
    not only the mobile grocery that « also helps » with transport, and names the other ways."""
    profile = profile_file(
        tmp_path,
        "commune: Saint-Martin\ninsee: '32389'\nmissing_services: [epicerie, cafe, transport]\n"
        "assets: [local_commercial_vacant, associations]\npriorities: [commerce]\n",
    )
    synthesis = export(cli, tmp_path, profile, "plan.md", "--brief").read_text(encoding="utf-8")
    answers = [a.strip() for a in re.findall(r"^Répond à : ([^;.]+)", synthesis, flags=re.M)]
    assert {"plus de commerce alimentaire", "plus de café ni de lieu de convivialité",
            "pas de solution de mobilité sans voiture"} <= set(answers), answers
    # the other projects made for the same needs (the shop, transport) are pointed to, for the council to weigh
    assert "**Autres voies** : projet n° 2, pour le même besoin" in synthesis
    assert "**Autres voies** : projet n° 5, pour le même besoin" in synthesis


def test_projects_for_the_same_need_say_when_each_fits_and_other_ways_are_named_once(cli, tmp_path):
    """Murles (34) lacks transport and did not say for which trips: the synthesis showed three mobility
    projects, the second and third « pour les mêmes besoins que le projet n° 1 » with nothing to choose
    between them, and Ruffiac's listed the same « autres voies » under two projects."""
    profile = profile_file(tmp_path, "commune: Murles\ninsee: '34177'\nmissing_services: [transport]\n")
    synthesis = export(cli, tmp_path, profile, "plan.md", "--brief").read_text(encoding="utf-8")
    assert "Répond à : pas de solution de mobilité sans voiture ; en particulier si : aînés" in synthesis
    assert synthesis.count("Pour les mêmes besoins que le projet n° 1 ; en particulier si : trajets du quotidien") == 2
    ruffiac = profile_file(
        tmp_path,
        "commune: Ruffiac\ninsee: '56200'\nmissing_services: [transport, trajets_quotidiens, mobilite_emploi, sante]\n"
        "assets: [batiment_vacant, professionnels_sante]\n",
    )
    synthesis = export(cli, tmp_path, ruffiac, "ruffiac.md", "--brief").read_text(encoding="utf-8")
    named = [n for line in re.findall(r"^- \*\*Autres voies\*\* : projets? n° (.+), pour", synthesis, flags=re.M)
             for n in re.findall(r"\d+", line)]
    assert named and len(named) == len(set(named)), named


def test_the_method_of_the_document_gives_the_criteria_applied_to_the_commune_and_explain_gives_all(cli, tmp_path):
    """Article R311-3-1-2 CRPA asks for the criteria and weights applied to the person's situation: the
    council document lists those that gave points in its plan, with the commune's own everyday needs
    and places; `--explain` lists every criterion."""
    method = export(cli, tmp_path, THORE, "plan.md").read_text(encoding="utf-8").split("#### Critères et pondérations")[1]
    method = method.split("#### Opérations effectuées")[0]
    assert "Seuls les critères qui jouent dans ce plan sont repris" in method
    assert "Prérequis du projet non déclaré" not in method and "Partenaire prêt à cofinancer" not in method
    assert "Lieu déclaré sur lequel il s'appuie (ici : bâtiment communal vacant ou sous-utilisé)" in method
    saint_clar = profile_file(tmp_path, "commune: Saint-Clar\ninsee: '32370'\nmissing_services: [sante]\n")
    assert "Prérequis du projet non déclaré" in export(cli, tmp_path, saint_clar, "clar.md").read_text(encoding="utf-8")
    # a precise need alone is an everyday service too, and a capacity without a place shows no row of places
    daily = profile_file(tmp_path, "commune: Thoré-la-Rochette\nmissing_services: [trajets_quotidiens]\nassets: [habitants_mobilises]\n")
    method = export(cli, tmp_path, daily, "daily.md").read_text(encoding="utf-8").split("#### Critères et pondérations")[1]
    assert "(ici : trajets du quotidien" in method and "(ici : )" not in method
    assert "Autre atout déclaré sur lequel il s'appuie" in method and "Lieu déclaré sur lequel" not in method
    ruffiac = profile_file(
        tmp_path, "commune: Ruffiac\ninsee: '56200'\nmissing_services: [transport, trajets_quotidiens, sante]\n"
    )
    assert ("Besoin du quotidien parmi eux (ici : pas de solution de mobilité sans voiture ; accès aux soins difficile)"
            in export(cli, tmp_path, ruffiac, "ruffiac.md").read_text(encoding="utf-8"))  # each everyday service once
    # Mérindol (2,000 inhabitants) lost half a point on a heating network costing it 40 to 100 k€: its
    # Méthode gives that bracket and its own size's points, not the grid for every size and bracket
    merindol = export(cli, tmp_path, MERINDOL, "merindol.md").read_text(encoding="utf-8").split("#### Critères et pondérations")[1]
    assert ("Part probable de la commune « de 40 à 100 k€ », sans capacité d'investissement déclarée "
            "(commune de moins de 3\u202f500 habitants) | −0,5") in merindol
    assert "plus de 100 k€" not in merindol.split("#### Opérations effectuées")[0]
    explained = cli("diagnose", "--profile", THORE, "--explain")
    assert explained.exit_code == 0
    flat = " ".join(explained.stdout.split())
    assert "Prérequis du projet non déclaré" in flat and "Partenaire prêt à cofinancer" in flat
    assert "« plus de 100 k€ », même cas −2 / −1" in flat  # every size and bracket


def test_a_label_ending_with_an_ellipsis_ends_its_sentence_without_a_fourth_dot(cli, tmp_path):
    """The friche's label ends with « … » (« station d'épuration désaffectée… »): the synthesis printed
    « désaffectée…. »."""
    profile = profile_file(tmp_path, "commune: Vermenton\ninsee: '89441'\nmissing_services: [ressourcerie]\nassets: [friche]\n")
    synthesis = export(cli, tmp_path, profile, "plan.md", "--brief").read_text(encoding="utf-8")
    assert "désaffectée…" in synthesis and "…." not in synthesis


def test_a_synthesis_for_many_needs_keeps_the_everyday_services_and_names_the_needs_it_leaves_out(cli, tmp_path):
    """Salers declared ten needs: the five projects of the synthesis include health (project 9, an
    everyday service) rather than stopping at the five best ranks, and the needs whose projects are
    further on are named, not dropped."""
    profile = profile_file(
        tmp_path,
        "commune: Salers\nmissing_services: [epicerie, sante, transport, numerique, services_publics, "
        "garde_enfants, logement, chaleur, emploi, reemploi]\n",
    )
    synthesis = export(cli, tmp_path, profile, "plan.md", "--brief").read_text(encoding="utf-8")
    answered = re.findall(r"^Répond à : ([^;.]+)", synthesis, flags=re.M)
    assert "accès aux soins difficile" in answered and len(answered) == 5
    assert "ne reprend pas : " in synthesis and "manque de logements adaptés (n°" in synthesis


def test_the_brief_document_points_to_nothing_it_does_not_contain(cli, tmp_path):
    """With --brief the synthesis is the whole file: the case already in the commune carries its address
    (there is no numbered list of sources), and the other projects are « dans le plan complet »."""
    text = export(cli, tmp_path, THORE, "plan.md", "--brief").read_text(encoding="utf-8")
    assert "**Le Comptoir des Cocottes** (https://" in text
    assert not re.search(r"\\\[\d", text)  # no « [1] » reference to a missing list of sources
    assert "dans le plan complet (essrural diagnose sans --brief)" in text and "suite du document" not in text


def test_the_synthesis_shown_after_an_export_points_to_the_exported_file(cli, tmp_path):
    """With --output the screen shows the synthesis and the whole plan is in the file: the other
    projects are « dans le plan complet, exporté dans … », not « essrural diagnose sans --brief »."""
    target = tmp_path / "plan.html"
    result = cli("diagnose", "--profile", THORE, "--output", str(target))
    assert result.exit_code == 0, result.stderr
    shown = " ".join(result.stdout.split())
    assert f"dans le plan complet, exporté dans {target}" in shown and "sans --brief" not in shown


def test_the_first_steps_say_how_current_the_programme_they_name_is(cli, tmp_path):
    """The step that sends the commune to Villages d'avenir says, in the synthesis itself, the
    programme's status and how old the information is: the ANCT's press kit of March 2025 dates it (the
    Cerema's figures of summer 2025 show it open, on an undated page), but it was announced until the
    end of 2026 and no source read says it goes on, so its future is uncertain."""
    synthesis = export(cli, tmp_path, THORE, "plan.md", "--brief").read_text(encoding="utf-8")
    assert (
        "**Demander à entrer dans Villages d'avenir** — la préfecture de département. "
        "Villages d'avenir : suite incertaine, d'après une source de mars 2025." in synthesis
    )
    assert (
        "Dispositifs de la Région et du Département à évoquer : Cap'Asso (en place, d'après une source de 2025)\u00a0; "
        "Aide au maintien des commerces (Loir-et-Cher) (suite incertaine, source non datée)." in synthesis
    )


def test_a_plan_with_nothing_declared_has_no_empty_projects_part(cli, tmp_path):
    """Answering « aucun » to every question gave a « Les projets » heading with nothing under it."""
    profile = profile_file(tmp_path, "commune: Thoré-la-Rochette\n")
    text = export(cli, tmp_path, profile, "plan.md").read_text(encoding="utf-8")
    assert "Aucun projet de la base ne correspond à ces réponses" in text
    assert "## Les projets" not in text and "### C. Méthode" in text


def test_a_town_beyond_the_rural_communes_is_told_so_at_the_top_and_a_village_is_not(cli, tmp_path):
    """essrural's costs, thresholds and cases are a village's: a council of 31,160 reads that first."""
    town = profile_file(tmp_path, 'commune: Saint-Martin\ninsee: "97801"\nmissing_services: [epicerie]\n')
    text = " ".join(export(cli, tmp_path, town, "ville.md").read_text(encoding="utf-8").split())
    assert "essrural est fait pour les communes rurales de moins de 5 000 habitants : pour une commune de 31 160 habitants" in text
    assert text.index("moins de 5 000 habitants") < text.index("## Synthèse")
    village = " ".join(export(cli, tmp_path, str(PROFILES / "thore.yaml"), "village.md").read_text(encoding="utf-8").split())
    assert "communes rurales de moins de" not in village


def test_programmes_are_described_once_in_the_annex_and_named_in_the_projects(cli, tmp_path):
    text = export(cli, tmp_path, THORE, "plan.md").read_text(encoding="utf-8")
    annex = text.split("### A. Programmes cités")[1].split("### B.")[0]
    assert annex.count("#### Dotation d'équipement des territoires ruraux (DETR)") == 1
    assert text.count("Dotation d'équipement des territoires ruraux") == 1
    assert "**Programmes (annexe A) :** Fonds de soutien au commerce rural ; DETR" in text
    assert "*D'après une source du 20 février 2026* *\\[" in annex  # the DETR, kept in the 2026 budget
    assert re.search(r"\*D'après une source de 2025\* \*\\\[\d+\\\]\* ; \*suite incertaine, plus d'un an : à revérifier\.\*", annex)  # rural commerce
    start = text.split("### Pour commencer")[1].split("### Projets recommandés")[0]  # the programme it names, dated
    assert text.lower().count("d'après une source") == annex.lower().count("d'après une source") + start.count("d'après une source")


def test_a_programme_cites_the_page_its_date_comes_from_and_its_reference_page_not_its_whole_record(cli, tmp_path):
    """DETR's record rests on fourteen pages (budget debates, amendments); the council gets the page that
    dates it and the page to apply from, and the annex of sources lists no page nothing cites."""
    text = export(cli, tmp_path, THORE, "plan.md").read_text(encoding="utf-8")
    block = text.split("#### Dotation d'équipement des territoires ruraux (DETR)")[1].split("####")[0]
    sources = text.split("### D. Sources")[1]
    number = {url: n for n, url in re.findall(r"^(\d+)\. <(\S+)>$", sources, re.M)}
    budget = "https://www.maire-info.com/budget-de-l%27%C3%A9tat/le-budget-2026-enfin-promulgue-apres-le-feu-vert-du-conseil-constitutionnel-article-30508"
    reference = "https://collectivites-locales.gouv.fr/finances-locales/dotation-dequipement-des-territoires-ruraux-detr"
    assert f"*D'après une source du 20 février 2026* *\\[{number[budget]}\\]*. *Page de référence :* *\\[{number[reference]}\\]*" in block
    assert "https://www.senat.fr/amendements/2025-2026/138/Amdt_II-543.html" not in text  # in the base, not in the plan
    assert "les autres pages sur lesquelles la fiche repose sont dans la base" in sources


def test_a_mobility_project_does_not_list_funds_reserved_to_shops(cli, tmp_path):
    """A means serves several kinds of projects; its programmes reserved to shops stay with shops."""
    text = export(cli, tmp_path, MERINDOL, "plan.md").read_text(encoding="utf-8")
    assert "commerce rural" not in text and "100 épiceries" not in text


def test_brief_is_the_synthesis_alone_in_every_format(cli, tmp_path):
    text = export(cli, tmp_path, THORE, "synthese.md", "--brief").read_text(encoding="utf-8")
    assert "## Synthèse" in text and "## Les projets" not in text and "## Annexes" not in text
    assert len(text.split()) < 900
    page = export(cli, tmp_path, THORE, "synthese.html", "--brief").read_text(encoding="utf-8")
    assert "<h2 id=\"synthese\">Synthèse</h2>" in page and "Les projets" not in page


# --- HTML: one self-contained page, printable ---------------------------------------------------


def test_the_web_page_is_self_contained_printable_and_readable_on_a_phone(cli, tmp_path):
    page = export(cli, tmp_path, THORE, "plan.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)  # no external script, font or image
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert not re.search(r'\bsrc="', page)
    assert "size: A4" in page and '<div class="break"></div>' in page
    assert "@top-center" in page and "counter(page)" in page  # running title, page numbers
    anchors = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert anchors and anchors <= ids  # every link inside the page leads somewhere
    links = re.findall(r'href="([^"#][^"]*)"', page)
    assert links and all(link.startswith(("https://", "http://")) for link in links)


@pytest.mark.parametrize("name", ["<script>alert(1)</script>", "</style><b>x", "Thoré & \"fils\" 'x'", "[x](javascript:alert(1))"])
def test_user_text_is_inert_in_the_web_page_and_the_word_file(cli, tmp_path, name):
    import docx
    import yaml

    profile = profile_file(
        tmp_path,
        yaml.safe_dump({"commune": name, "population": 900, "missing_services": ["cafe"]}, allow_unicode=True),
    )
    page = export(cli, tmp_path, profile, "plan.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<b>" not in page and "javascript:" not in page.replace("javascript:alert", "")
    assert page.count("</style>") == 1 and page.count("<style>") == 1
    word = docx.Document(str(export(cli, tmp_path, profile, "plan.docx")))
    assert word.core_properties.title.startswith(f"Plan d'action ESS — {name}")
    assert word.paragraphs[0].text.startswith(f"Plan d'action ESS — {name}")  # text, as typed


# --- Word ------------------------------------------------------------------------------------------


def test_the_word_file_has_real_headings_lists_tables_and_properties(cli, tmp_path):
    import docx

    word = docx.Document(str(export(cli, tmp_path, MERINDOL, "plan.docx")))
    styles = Counter(p.style.name for p in every_paragraph(word))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["Synthèse", "Pour commencer", "Projets recommandés"]
    assert {"Les projets", "Annexes", "A. Programmes cités", "B. Cas réels cités", "C. Méthode", "D. Sources"} <= set(headings)
    assert styles["Title"] == 1 and styles["List Number"] > 10 and styles["List Bullet"] > 10
    assert len(grids(word)) >= 6  # the points of each project, the criteria of the method
    assert grids(word)[0].rows[0].cells[0].text == "Pourquoi ce projet"
    properties = word.core_properties
    assert properties.title == "Plan d'action ESS — Mérindol (84) — 27 novembre 2026"
    assert properties.language == "fr-FR" and properties.author == "essrural"
    assert word.sections[0].header.paragraphs[0].text == "Plan d'action ESS — Mérindol (84)"


def test_word_needs_a_file_and_the_extension_and_format_must_agree(cli, tmp_path):
    screen = cli("diagnose", "--profile", THORE, "--format", "docx")
    assert screen.exit_code == 2 and "ajoutez --output plan.docx" in screen.stderr
    clash = cli("diagnose", "--profile", THORE, "--format", "html", "--output", str(tmp_path / "plan.docx"))
    assert clash.exit_code == 2 and "ne concordent pas" in clash.stderr
    assert list(tmp_path.iterdir()) == []
    word = cli("diagnose", "--profile", THORE, "--format", "word", "--output", str(tmp_path / "plan"))
    assert word.exit_code == 0 and (tmp_path / "plan").read_bytes()[:2] == b"PK"


def test_an_existing_word_file_is_kept_without_force(cli, tmp_path):
    target = tmp_path / "plan.docx"
    target.write_bytes(b"document du conseil")
    result = cli("diagnose", "--profile", THORE, "--output", str(target))
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_bytes() == b"document du conseil"
    assert cli("diagnose", "--profile", THORE, "--output", str(target), "--force").exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


# --- printed by a real browser and opened by a real office suite --------------------------------


def grids(word) -> list:
    """The Word file's tables of data (a project's points, the criteria), not the one-cell boxes that keep a
    short list or a project's fields on one page."""
    return [table for table in word.tables if len(table.columns) > 1]


def boxes(word) -> list:
    """The one-cell tables without borders that hold a short list or a project's fields on one page."""
    return [table for table in word.tables if len(table.columns) == 1]


def every_paragraph(word) -> list:
    """The paragraphs of the body and of the boxes."""
    return list(word.paragraphs) + [p for box in boxes(word) for p in box.rows[0].cells[0].paragraphs]


def need(*tools: str) -> None:
    packages = {"chromium": "chromium", "soffice": "libreoffice-writer-nogui", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils"}
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(
            "absent de cette machine : " + ", ".join(missing) + " (paquets Debian : "
            + ", ".join(sorted({packages[t] for t in missing})) + " ; .ci/run les installe avec apt)"
        )


def print_to_pdf(html: Path) -> Path:
    """What « Imprimer » does in Chromium, headless."""
    pdf = html.with_suffix(".pdf")
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
         f"--user-data-dir={html.parent / 'chromium'}", f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return pdf


def libreoffice_pages(source: Path, tmp_path: Path) -> list[str]:
    """The text of each page of `source` converted to PDF by LibreOffice, as a reader's office suite
    opens it (a private profile in `tmp_path`, so that runs never share one)."""
    result = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), str(source)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return pages(tmp_path / "out" / f"{source.stem}.pdf")


def pages(pdf: Path) -> list[str]:
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1])
    return [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for n in range(1, count + 1)
    ]


def projects_start(text: list[str]) -> int:
    """The index of the printed page where « Les projets » begins: the pages before it hold the synthesis."""
    return next(i for i, page in enumerate(text) if re.search(r"(?m)^\s*Les projets\s*$", page))


@pytest.mark.parametrize("profile", [THORE, MERINDOL], ids=["thore", "merindol"])
def test_printed_from_the_browser_the_synthesis_fits_on_two_a4_pages(cli, tmp_path, profile):
    need("chromium", "pdftotext", "pdfinfo")
    pdf = print_to_pdf(export(cli, tmp_path, profile, "plan.html"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    text = pages(pdf)
    assert 4 <= len(text) <= 25
    starts = projects_start(text)
    assert starts <= 2  # the projects start on page 3 at the latest: the synthesis holds on two pages
    synthesis = "".join(text[:starts])
    assert "Projets recommandés" in synthesis and "Quand :" in synthesis
    annexes = next(i for i, page in enumerate(text) if re.search(r"(?m)^\s*Annexes\s*$", page))
    first_lines = [line.strip() for line in text[annexes].splitlines() if line.strip()]
    assert first_lines[1] == "Annexes"  # a new page, under the running title
    assert all(f"{n} / {len(text)}" in page for n, page in enumerate(text, 1))  # numbered pages
    assert all(page.lstrip().startswith("Plan d'action ESS") for page in text)  # running title
    # nothing cut off: every source URL is printed whole (pdftotext keeps lines; a URL may wrap)
    # pdftotext drops the hyphen of a line that ends with one (« feu-/vert ») and Markdown writes an
    # apostrophe %27: both are compared without hyphens and with the apostrophe decoded
    def comparable(text: str) -> str:
        return text.replace("%27", "'").replace("-", "")

    flat = comparable(re.sub(r"\s+", "", "".join(text)))
    markdown = cli("diagnose", "--profile", profile, "--format", "md").stdout
    for url in re.findall(r"<(https?://[^>]+)>", markdown):
        assert comparable(url) in flat


def test_the_word_file_opens_in_libreoffice_with_its_headings(cli, tmp_path):
    need("soffice", "pdftotext", "pdfinfo")
    import docx

    source = export(cli, tmp_path, THORE, "plan.docx")
    text = libreoffice_pages(source, tmp_path)
    assert len(text) >= 4 and "Synthèse" in text[0]
    assert any("C. Méthode" in page for page in text)
    reopened = docx.Document(str(source))
    assert "Synthèse" in [p.text for p in reopened.paragraphs if p.style.name == "Heading 1"]


# --- pages as the reader turns them: nothing cut, nothing stranded -----------------------------


def words_left_of_the_text(pdf: Path, left: float) -> list[str]:
    """Words printed (even partly) to the left of the text column, `left` points from the paper's edge:
    Chromium clips whatever goes past the page's margin (pdftotext still extracts it, clipped or not)."""
    found = []
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for page, body in enumerate(layout.split("<page ")[1:], 1):
        for x, word in re.findall(r'<word xMin="(-?[\d.]+)"[^>]*>([^<]*)</word>', body):
            if float(x) < left - 0.5:
                found.append(f"page {page} : {word}")
    return found


def pdftotext_words(pdf: Path) -> set[str]:
    return set(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())


def stranded_headings(text: list[str], headings: list[tuple[str, int]]) -> list[str]:
    """Pages that end on a heading, or on a heading and a single line while its section goes on over the
    page (the next page, under its running title, does not open with a heading of the same level or higher).
    `headings`: (text, level), level 1 the highest."""
    levels = [(" ".join(h.split()), level) for h, level in headings]  # spaces as pdftotext prints them (« 650\u00a0hab. »)

    def level(line: str) -> int | None:  # of a heading, or of the start or end of one that wraps
        return next((n for h, n in levels if line == h or (len(line) >= 12 and (h.startswith(line) or h.endswith(line)))), None)

    def lines(page: str) -> list[str]:
        found = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        return found[:-1] if found and re.fullmatch(r"\d+ / \d+", found[-1]) else found  # without « 3 / 12 »

    stranded = []
    for number, (page, following) in enumerate(zip(text, text[1:]), 1):
        ends, opens = lines(page)[-2:], lines(following)[1:2]
        before = level(ends[0]) if len(ends) == 2 else None
        next_level = level(opens[0]) if opens else None
        if level(ends[-1]) is not None or (before is not None and (next_level is None or next_level > before)):
            stranded.append(f"page {number} : {' | '.join(ends)}")
    return stranded


def test_printed_from_the_browser_no_list_number_is_cut_at_the_left_margin(cli, tmp_path):
    """The sources of annex D go past 9 (« 49. », « 50. »): their first digit was cut by the page's margin."""
    need("chromium", "pdftotext")
    from essrural.document import Document, Items, spans
    from essrural.render import html

    left = float(re.search(r"@page \{ size: A4; margin: \S+ (\d+)mm", html.STYLE)[1]) * 72 / 25.4  # points
    plan = print_to_pdf(export(cli, tmp_path, THORE, "plan.html"))
    words = pdftotext_words(plan)
    assert {"9.", "49.", "50."} <= words
    assert words_left_of_the_text(plan, left) == []
    # a list of more than 99 numbered lines (a plan of 100 projects cites more sources)
    long = tmp_path / "long" / "liste.html"
    long.parent.mkdir()
    items = tuple(spans(f"ligne {n}") for n in range(1, 121))
    long.write_text(html.render(Document("Liste", "Liste", "2026-11-27", (Items(items, numbered=True),))), encoding="utf-8")
    printed = print_to_pdf(long)
    assert "120." in pdftotext_words(printed)
    assert words_left_of_the_text(printed, left) == []


@pytest.mark.parametrize("profile", [THORE, MERINDOL], ids=["thore", "merindol"])
def test_printed_from_the_browser_no_table_is_split_and_no_heading_ends_a_page(cli, tmp_path, profile):
    """A table of points split after its header and a row, its header printed again on the next page."""
    need("chromium", "pdftotext", "pdfinfo")
    import html as entities

    page = export(cli, tmp_path, profile, "plan.html")
    source = page.read_text(encoding="utf-8")
    text = pages(print_to_pdf(page))
    headers = re.findall(r'<div class="scroll keep"><table><thead><tr>(.*?)</tr></thead>', source)
    assert len(headers) == source.count("<table>") >= 4  # every table of these plans is short
    for header in set(headers):
        first = entities.unescape(re.search(r"<th[^>]*>(.*?)</th>", header)[1])
        printed = sum(1 for p in text for line in p.splitlines() if line.strip().startswith(first + " "))
        assert printed == headers.count(header), f"« {first} » : un tableau coupé répète son en-tête"
    headings = [(entities.unescape(h), int(n)) for n, h in re.findall(r"<h([2-4])[^>]*>(.*?)</h[2-4]>", source)]
    assert stranded_headings(text, headings) == []


def test_printed_from_the_browser_a_table_of_points_shows_no_scroll_bar():
    """On a phone a wide table scrolls sideways; on paper its scroll box printed a scroll bar beside a
    table that met the foot of the page (Saint-Mihiel, 3 December 2026)."""
    from essrural.render import html

    printed = html.STYLE[html.STYLE.index("@media print"):]
    assert ".scroll { overflow-x: auto; }" in html.STYLE and ".scroll { overflow: visible; }" in printed


def test_printed_from_the_browser_a_project_s_decision_cost_decider_and_horizon_stay_on_one_page(cli, tmp_path):
    """Murles (34): the third project's « Quand : 0 à 6 mois » was printed alone at the top of page 2."""
    need("chromium", "pdftotext", "pdfinfo")
    profile = profile_file(tmp_path, "commune: Murles\ninsee: '34177'\nmissing_services: [transport]\n")
    text = pages(print_to_pdf(export(cli, tmp_path, profile, "plan.html")))
    starts = projects_start(text)
    for page in text[:starts]:
        assert len(re.findall(r"(?m)^\s*Première décision :", page)) == len(re.findall(r"(?m)^\s*Quand :", page)), page


@pytest.mark.parametrize("need_id", ["produits_locaux", "aide_domicile", "lien_social"])
def test_printed_from_the_browser_no_synthesis_page_holds_a_lone_remark(cli, tmp_path, need_id):
    """Lignerolles (03) with one need: page 2 held only « Les projets n° 4, 5, 6 et 7 sont présentés dans
    la suite du document. » The remark now opens the projects, under their heading."""
    need("chromium", "pdftotext", "pdfinfo")
    profile = profile_file(tmp_path, f"commune: Lignerolles\ninsee: '03145'\nmissing_services: [{need_id}]\n")
    text = pages(print_to_pdf(export(cli, tmp_path, profile, "plan.html")))
    starts = projects_start(text)
    for page in text[:starts]:
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) > 3, page  # the running title, a line or two and the page number: a lone remark
    synthesis = "\n".join(text[:starts])
    assert re.search(r"Projets recommandés\s+Les? projets? n° [\d, et]+ (est|sont) présentés? dans la suite", synthesis)


def test_the_word_file_is_in_french_for_spelling_and_properties(cli, tmp_path):
    """Word and LibreOffice checked the spelling of the French text as English (en-US by default)."""
    import zipfile

    import docx

    source = export(cli, tmp_path, THORE, "plan.docx")
    with zipfile.ZipFile(source) as package:
        parts = {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", parts["word/styles.xml"])[0]
    assert re.search(r'<w:lang w:val="fr-FR"', defaults)
    assert [name for name, xml in parts.items() if "en-US" in xml] == []
    assert re.search(r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?<w:lang w:val="fr-FR"', parts["word/styles.xml"], re.S)
    properties = docx.Document(str(source)).core_properties
    assert properties.language == "fr-FR" and "python-docx" not in parts["docProps/core.xml"]
    assert properties.comments.startswith("Plan d'action d'économie sociale et solidaire")
    assert properties.title.startswith("Plan d'action ESS — Thoré-la-Rochette (41)")
    assert properties.subject == "Plan d'action d'économie sociale et solidaire"
    # the application named in the file is essrural, not the template's « Microsoft Macintosh Word »,
    # and no thumbnail of the template's blank page stands for the document in a file browser
    assert "<Application>essrural " in parts["docProps/app.xml"] and "Microsoft" not in parts["docProps/app.xml"]
    with zipfile.ZipFile(source) as package:
        names, relations = package.namelist(), package.read("_rels/.rels").decode("utf-8")
    assert len(names) == len(set(names)) and not [n for n in names if "thumbnail" in n]
    assert "thumbnail" not in relations and "extended-properties" in relations


def test_the_word_file_numbers_its_pages_keeps_headings_with_their_text_and_rows_whole(cli, tmp_path):
    """What Word reads to lay out the pages: PAGE and NUMPAGES in the footer, « keep with next » on the
    headings and on the line that opens a table or a section, rows that never split, tables between the margins."""
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    from essrural.document import KEEP_TOGETHER_ROWS

    word = docx.Document(str(export(cli, tmp_path, MERINDOL, "plan.docx")))
    section = word.sections[0]
    footer = section.footer._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*</w:instrText>", footer)
    assert re.search(r"<w:instrText[^>]*>\s*NUMPAGES\s*</w:instrText>", footer)
    paragraphs = word.paragraphs
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[:-1] if p.style.name.startswith("Heading"))
    opening = next(b for a, b in zip(paragraphs, paragraphs[1:]) if a.text == "B. Cas réels cités")
    assert opening.text.startswith("Pour chaque cas") and opening.paragraph_format.keep_with_next
    body = list(word.element.body.iterchildren())
    for before, element in zip(body, body[1:]):
        opening = Paragraph(before, word) if before.tag == qn("w:p") else None
        if element.tag == qn("w:tbl") and opening is not None and opening.text:  # the sentence that opens a table or a box stays with it
            assert opening.paragraph_format.keep_with_next, opening.text
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in word.tables:
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert sum(column.width for column in table.columns) <= text_width
        if len(table.rows) - 1 <= KEEP_TOGETHER_ROWS:  # a project's points: on one page
            assert all(p.paragraph_format.keep_with_next for row in table.rows[:-1] for cell in row.cells for p in cell.paragraphs)


SAINT_CLAR = "commune: Saint-Clar\ninsee: '32370'\nmissing_services: [sante, transport, transport_aines]\nassets: [batiment_vacant]\n"


LORMES = (
    "commune: Lormes\ninsee: '58145'\nmissing_services: [emploi, lien_social]\n"
    "assets: [habitants_mobilises, ingenierie]\npriorities: [emploi]\n"
)
CREUSE = "commune: Saint-Martin-Château\ninsee: '23216'\nmissing_services: [garde_enfants, aide_domicile, transport, reemploi, numerique]\n"
MEUSE = "commune: Saint-Mihiel\ninsee: '55463'\nmissing_services: [emploi, epicerie]\nassets: [friche, pvd]\n"


@pytest.mark.parametrize(
    "profile_text", [None, SAINT_CLAR, THORE, LORMES, CREUSE, MEUSE], ids=["merindol", "saint-clar", "thore", "lormes", "creuse", "meuse"]
)
def test_opened_in_libreoffice_the_word_file_numbers_its_pages_and_strands_no_heading(cli, tmp_path, profile_text):
    """In the Mérindol plan, « B. Cas réels cités » and a table's header ended a page; in Saint-Clar's,
    LibreOffice left the second project of the synthesis alone at the foot of page 1 (a chain of
    « keep with next » from a heading through its first line to a list, which it does not follow);
    in Thoré's, a programme's « Aide » was printed at the foot of a page and its « Candidature » overleaf,
    then (4 December 2026) a project's « Autres voies » alone overleaf: LibreOffice follows « keep with
    next » one line back only. Short lists and fields now sit in boxes it keeps whole; Lormes, Creuse and
    Meuse each stranded a heading or a line before them."""
    need("soffice", "pdftotext", "pdfinfo")
    import docx

    profile = MERINDOL if profile_text is None else profile_text if profile_text == THORE else profile_file(tmp_path, profile_text)
    source = export(cli, tmp_path, profile, "plan.docx")
    text = libreoffice_pages(source, tmp_path)
    assert all(f"{n} / {len(text)}" in page for n, page in enumerate(text, 1))
    reopened = docx.Document(str(source))
    headings = [(p.text, int(p.style.name.split()[1])) for p in reopened.paragraphs if p.style.name.startswith("Heading")]
    headings += [(" ".join(c.text for c in table.rows[0].cells), 9) for table in grids(reopened)]  # a table's header alone
    assert stranded_headings(text, headings) == []
    flat = [" ".join(page.split()) for page in text]
    for lines in kept_lists(reopened):  # a short list, a project's or a programme's fields: on one page
        first, last = (" ".join(line.split()[:5]) for line in (lines[0], lines[-1]))
        assert any(first in page and last in page[page.index(first):] for page in flat), f"coupé : {first} … {last}"


def kept_lists(word) -> list[list[str]]:
    """The lines of each list the Word file asks to keep on one page: those of each box."""
    return [[p.text for p in box.rows[0].cells[0].paragraphs] for box in boxes(word)]
