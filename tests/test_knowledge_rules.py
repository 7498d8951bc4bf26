"""The base follows its own rules: inclusion of cases, honest dates, own words, sourced regions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import knowledge_from, write
from essrural import inclusion
from essrural.datafiles import load
from essrural.knowledge import Dated, text_of
from essrural.text import fold

BASE = load()
EXCERPTS = yaml.safe_load((Path(__file__).parent / "data" / "excerpts.yaml").read_text(encoding="utf-8"))
RUN = 8  # consecutive words: more than this in common with a source is copying
# every key kept quotes may sit under: a lever and a programme that share an id are one key
ENTRY_IDS = sorted(set(BASE.examples) | set(BASE.levers) | set(BASE.programmes) | {f"region-{c}" for c in BASE.regions})


def _base_of(case):
    """A knowledge base holding only `case`, located where the real case is (warnings carry its line)."""
    return type(BASE)(examples={case.id: case}, origins={("examples", case.id): BASE.origins[("examples", case.id)]})


def test_every_case_of_the_base_follows_the_inclusion_rules():
    assert inclusion.problems(BASE) == []


def test_at_least_130_cases_and_8_per_sector():
    from essrural.render.coverage import Coverage

    assert len(BASE.examples) >= 130
    assert min(Coverage(BASE).examples_per_sector.values()) >= 8, Coverage(BASE).examples_per_sector


def test_at_least_70_levers():
    assert len(BASE.levers) >= 70


def test_a_case_outside_the_rules_is_reported_by_data_check(cli, tmp_path):
    write(
        tmp_path, "ville.yaml",
        """
        examples:
          - id: cas-en-ville
            name: Une épicerie en ville
            commune: Tours
            insee: "37261"
            departement: "37"
            sectors: [commerce]
            levers: []
            summary: Une épicerie.
            authority_action: La ville prête un local.
            outcomes: ["beaucoup de clients"]
            source: https://example.org/tours
        """,
    )
    result = cli("data", "check", str(tmp_path))
    assert result.exit_code == 2
    assert "Tours compte 139\u202f259 habitants" in result.stderr and "moins de 5\u202f000 habitants" in result.stderr
    assert "« ess_form » manquant" in result.stderr
    assert "« levers » vide" in result.stderr
    assert "résultat sans année « beaucoup de clients" in result.stderr
    assert all("ville.yaml:2: cas « cas-en-ville » : " in line for line in result.stderr.splitlines())


def test_a_year_or_a_source_date_after_today_is_refused_by_data_check(cli, tmp_path):
    case = next(c for c in BASE.examples.values() if c.year)
    knowledge = _base_of(case.replace(year=2031))
    import datetime as dt

    found = inclusion.future_dates(knowledge, dt.date(2026, 11, 30))
    assert [p.message for p in found] == [
        f"cas « {case.id} » : année : « 2031 » est postérieur à aujourd'hui (2026-11-30) ; une date dit quand le fait "
        "était vrai, d'après sa source."
    ]
    assert inclusion.future_dates(BASE, dt.date(2026, 11, 30)) == []
    write(
        tmp_path, "futur.yaml",
        """
        programmes:
          - id: programme-futur
            name: Un programme daté de demain
            kind: financement
            funder: L'État
            applications: En ligne.
            eligibility: Les communes.
            funds: Des études.
            status: ouvert
            as_of: "2099-01"
            source: https://example.org/programme
        """,
    )
    result = cli("data", "check", str(tmp_path), env={"SOURCE_DATE_EPOCH": "1796083200"})
    assert result.exit_code == 2
    assert "futur.yaml:2: programme « programme-futur » : as_of : « 2099-01 » est postérieur à aujourd'hui" in result.stderr


def test_an_outcome_worded_as_an_announcement_is_listed_for_rereading_and_a_result_is_not():
    case = next(iter(BASE.examples.values()))
    outcomes = ("2023 : ouverture annoncée pour le printemps.", "2024 : 40 familles servies en un an.",
                "2025 : 12 bénévoles ; la commune devrait racheter les murs.")
    knowledge = _base_of(case.replace(outcomes=outcomes))
    found = [p.message for p in inclusion.outcome_warnings(knowledge)]
    assert len(found) == 2
    assert "(« annoncée ») : « 2023 : ouverture annoncée" in found[0]
    assert "(« devrait ») : « 2025 : 12 bénévoles" in found[1]


def test_a_date_worked_out_for_an_undated_page_is_listed_for_rereading_and_the_base_has_none():
    assert inclusion.worked_out_dates(BASE) == []
    case = next(iter(BASE.examples.values()))
    summary = "Un café associatif ouvert dans l'ancienne école (article non daté, postérieur à mai 2022)."
    knowledge = _base_of(case.replace(summary=summary))
    found = [p.message for p in inclusion.worked_out_dates(knowledge)]
    assert found == [f"{case.id} : date déduite « non daté, postérieur à mai 2022 » ; une page non datée se cite sans date"]


def test_a_name_that_is_not_the_official_one_for_its_code_is_refused():
    case = next(iter(BASE.examples.values()))
    wrong = case.replace(commune="Ailleurs")
    assert "est celui de" in inclusion.case_problems(wrong, "x.yaml:3")[0].message


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://magcentre.fr/319921-le-comptoir/trackback", "trackback"),
        ("https://mairesdefrance.com/m/article/print.php?id=964", "imprimable"),
        ("https://www.amrf.fr/category/initiatives-locales/page/5", "paginée"),
        ("https://www.senat.fr./rap/x.html", "mal formé"),
        ("https://fr.scribd.com/document/123", "partage de documents"),
        ("https://www.testing.lemoniteur.fr/article/les-crte.2323769", "site de test"),
        ("https://uat-jhm.myjungly.fr/article/un-conseiller-numerique", "site de test"),
        ("https://dev.recolte.org/une-ferme-communale", "site de test"),
        ("https://bacasable.recoconseil.fr/ressource/69", "site de test"),
        ("https://studylibfr.com/doc/123/cap-calaisis", "partage de documents"),
        ("https://ru24.net/la-tribune/2024/05/01/un-article-repris", "agrégateur"),
        ("https://www.actunoumea.fr/politique/4313", "reprise automatique"),
        ("https://www.mesexemples.com/le-wi-fi-dans-la-prairie-une-aventure-collective-en-zone-blanche/", "autre éditeur"),
        ("https://www.banquedesterritoires.fr/un-appel?pk_campaign=newsletter_quotidienne&pk_kwd=2023-01-31", "lettre d'information"),
        ("https://www.sparse.fr/2021/04/06/la-californie/?replytocom=559232", "commentaire"),
        ("https://www.weka.fr/dossier/dla-0611/?utm_source=actualite&utm_medium=article", "suivi publicitaire"),
    ],
)
def test_weak_sources_are_named(url, why):
    assert why in inclusion.weak_source(url)


def test_a_weak_source_behind_a_dated_statement_is_reported_too():
    lever = {
        "id": "levier-date", "title": "Un levier daté", "family": "foncier", "sectors": ["commerce"],
        "summary": "Un levier pour les tests.", "budget": "faible", "duration": "court",
        "first_steps": ["Une étape.", "Une autre."], "partners": ["CRESS"], "sources": ["https://example.org/levier"],
        "cautions": [{"text": "Un seuil daté.", "as_of": "2024", "source": "https://fr.scribd.com/document/42"}],
    }
    found = inclusion.source_warnings(knowledge_from(levers=[lever]))
    assert [p.message for p in found] == [
        "levier-date : source faible (copie sur un site de partage de documents) https://fr.scribd.com/document/42"
    ]


def test_the_original_publishers_page_is_not_weak():
    assert inclusion.weak_source("https://www.banquedesterritoires.fr/experience/un-cafe-citoyen-60") is None
    assert inclusion.weak_source("http://www.espace-mobile.org/page/Histoire-du-projet.aspx") is None
    assert inclusion.weak_source("https://www.example.org/load-testing.html") is None


def _texts(entry_id: str) -> list[str]:
    """Every text of every entry with that id: « france-services » is both a lever and a programme."""
    if entry_id.startswith("region-"):
        region = BASE.regions[entry_id.removeprefix("region-")]
        texts = [region.note or "", region.dla.departmental if region.dla else ""]
        texts += [s.who for s in region.schemes] + [s.funds for s in region.schemes]
        return texts
    texts = []
    if entry_id in BASE.programmes:
        programme = BASE.programmes[entry_id]
        texts += [programme.funder, programme.applications, programme.eligibility, programme.funds, programme.rates or ""]
    if entry_id in BASE.examples:
        case = BASE.examples[entry_id]
        texts += [case.summary, case.authority_action, *case.outcomes, *case.keys_to_success, *case.obstacles]
    if entry_id in BASE.levers:
        lever = BASE.levers[entry_id]
        texts += [lever.summary, *(text_of(s) for s in lever.statements)]
    return texts


def _tokens(text: str) -> list[str]:
    """Words as a reader counts them: accents and case ignored, « d'Ille » one word, not two."""
    folded = fold(text).replace("\u2019", "'")
    return "".join(c if c.isalnum() or c == "'" else " " for c in folded).split()


def _runs(text: str) -> set[tuple[str, ...]]:
    tokens = _tokens(text)
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def test_the_excerpts_kept_from_the_sources_belong_to_entries_of_the_base():
    assert len(EXCERPTS) >= 150
    assert set(EXCERPTS) <= set(ENTRY_IDS), set(EXCERPTS) - set(ENTRY_IDS)


def _cited(entry_id: str) -> set[str]:
    """Every URL cited by the entries kept quotes under `entry_id` belong to (a lever and a programme may
    share an id), nested statements, contacts and schemes included, as `data check` reads them."""
    if entry_id.startswith("region-"):
        entries = [BASE.regions[entry_id.removeprefix("region-")]]
    else:
        entries = [kind[entry_id] for kind in (BASE.examples, BASE.levers, BASE.programmes) if entry_id in kind]
    return {url for entry in entries for url in inclusion._urls(entry)}


def test_the_page_a_programme_takes_its_date_from_has_a_kept_quote():
    """The council document cites `dated_by` next to the date instead of the whole record: that page
    must have been read, and a quote from it kept, like any other dated statement. Every programme of the
    base names it (the key stays optional for a commune's own data)."""
    dated = {p.id: p.dated_by for p in BASE.programmes.values() if p.dated_by}
    assert set(dated) == set(BASE.programmes)
    unread = [pid for pid, url in dated.items() if url not in {q["url"] for q in EXCERPTS.get(pid, [])}]
    assert unread == []


def _advice(lever):
    """What a lever advises: its first decision, its first steps, its cautions."""
    return [*([lever.decision] if lever.decision else []), *lever.first_steps, *lever.cautions]


def test_every_piece_of_advice_of_a_lever_names_the_page_that_supports_it():
    """A step or a caution is read as a fact (« délibérer sur le principe, puis sur le bail rédigé »): the
    re-readings found unsupported specifics in advice more than anywhere else, and a lever cites up to
    twenty pages, so each piece of advice names the one that gives it."""
    unsourced = [(lever.id, text_of(s)[:60]) for lever in BASE.levers.values() for s in _advice(lever)
                 if not (isinstance(s, Dated) and s.source)]
    assert unsourced == []


def test_every_legal_line_of_a_lever_names_its_page_unless_it_is_a_bare_reference():
    """A paraphrase of an article added conditions no page gave (« par une personne de droit privé »):
    a legal line that says more than « Article R111-51 du code de l'urbanisme » names the page that says it."""
    unsourced = [(lever.id, s[:60]) for lever in BASE.levers.values() for s in lever.legal
                 if isinstance(s, str) and not (s.startswith("Article") and ":" not in s and len(s.split()) <= 14)]
    assert unsourced == []


def test_the_page_a_piece_of_advice_or_a_legal_line_cites_has_a_kept_quote():
    unread = [(lever.id, s.source) for lever in BASE.levers.values() for s in (*_advice(lever), *lever.legal)
              if isinstance(s, Dated) and s.source and s.source not in {q["url"] for q in EXCERPTS.get(lever.id, [])}]
    assert unread == []


def test_every_kept_quote_comes_from_a_page_its_entry_still_cites():
    """A quote whose page the entry dropped (a weak copy replaced, a statement removed) proves nothing."""
    orphans = []
    for entry_id, quotes in EXCERPTS.items():
        cited = _cited(entry_id)
        orphans += [(entry_id, quote["url"]) for quote in quotes if quote["url"] not in cited]
    assert orphans == []


def test_the_pages_a_region_cites_include_those_of_its_contacts_and_schemes():
    region = BASE.regions["84"]
    nested = {c.source for c in region.france_active} | {s.source for s in region.schemes} | {region.dla.source}
    assert nested - set(region.sources or ()) and nested <= _cited("region-84")
    assert "https://example.org/page-abandonnee" not in _cited("region-84")


@pytest.mark.parametrize("entry_id", sorted(EXCERPTS))
def test_no_entry_copies_eight_words_in_a_row_from_its_sources(entry_id):
    quoted = set().union(*(_runs(e["quote"]) for e in EXCERPTS[entry_id]))
    for text in _texts(entry_id):
        copied = _runs(text) & quoted
        assert not copied, (entry_id, " ".join(sorted(copied)[0]))


def test_the_copy_check_reads_a_lever_and_a_programme_that_share_an_id():
    shared = set(BASE.levers) & set(BASE.programmes)
    assert "france-services" in shared
    lever = BASE.levers["france-services"]
    assert lever.summary in _texts("france-services") and BASE.programmes["france-services"].funds in _texts("france-services")


def test_the_copy_check_finds_a_copied_run():
    quote = "la commune met à disposition un local de 120 m² pour l'épicerie"
    assert _runs("Depuis 2018, la commune met à disposition un local de 120 m² pour l'épicerie.") & _runs(quote)


FREE = re.compile(r"(?<!pas )\bgratuit|\bgracieu|\bprêté(?:e|s|es)?\b|\bprêt à usage\b|\bsans loyer\b", re.I)
SAYS_FREE = re.compile(r"gratuit|gracieu|\bprêt|sans loyer|aucun loyer|pas de loyer|payer de loyer|commodat|offert|sans contrepartie", re.I)


def _unbacked_free_claims(entry_id: str, texts: list[str]) -> list[str]:
    """Reviewers kept finding « prêté » or « gratuit » where the page said « mis à disposition »: a
    claim that something costs nothing needs a kept quote of the entry that says so."""
    if any(SAYS_FREE.search(q["quote"]) for q in EXCERPTS.get(entry_id, [])):
        return []
    return [m.group(0) for text in texts for m in FREE.finditer(text)]


@pytest.mark.parametrize("entry_id", ENTRY_IDS)
def test_nothing_is_said_free_unless_a_kept_quote_of_its_page_says_so(entry_id):
    assert _unbacked_free_claims(entry_id, _texts(entry_id)) == []


def test_the_free_check_finds_a_loan_the_page_does_not_give():
    assert _unbacked_free_claims("comptoir-des-cocottes-thore-la-rochette", ["La commune a prêté un local."]) == ["prêté"]
    assert _unbacked_free_claims("comptoir-des-cocottes-thore-la-rochette", ["La commune met un local à disposition."]) == []


# A list the page leaves open: items separated by commas, then « … », « ... » or « etc. » closing it.
OPEN_END = re.compile(r"\s*(?:…|\.\.\.|\betc\b\.?)+(?=\s*(?:$|[)\].,;:»\"]))")
SAYS_OPEN = re.compile(
    r"\betc\b|…|\.\.\.|\bnotamment\b|\bentre autres\b|\bpar exemple\b|\bexemples?\b|\btel(?:le)?s? que\b|\bcomme\b|\bdont\b"
    r"|\bparmi\b|\bou encore\b|\bmais aussi\b"
)
SPAN = 80  # characters after the repeated items (and from the start of their sentence) where a marker keeps the list open


def _open_lists(quote: str) -> list[list[str]]:
    """The items of every list a quote ends with « … » or « etc. », its last four, each by its last words."""
    lists = []
    for end in OPEN_END.finditer(quote):
        start = max(quote.rfind(c, 0, end.start()) for c in "(:;")
        items = [i.strip(" «»\"") for i in re.split(r",| et | ou ", quote[start + 1 : end.start()])]
        items = [" ".join(i.split()[-3:]) for i in items if len(i) > 3][-4:]
        if len(items) >= 2:
            lists.append(items)
    return lists


def _closed_lists(entry_id: str, texts: list[str]) -> list[str]:
    """Reviewers kept finding a page's open list (« canicule, grand froid, crise sanitaire… ») told as
    complete (« (canicule, grand froid) »): where an entry repeats two items of such a list, something
    near them must say the list goes on."""
    closed = []
    for quote in EXCERPTS.get(entry_id, []):
        for items in _open_lists(fold(quote["quote"]).replace("\u2019", "'")):
            for text in texts:
                folded = fold(text).replace("\u2019", "'")
                found = [folded.find(item) for item in items if item in folded]
                if len(found) < 2:
                    continue
                first, last = min(found), max(found)
                sentence = max(folded.rfind(". ", 0, first), folded.rfind("; ", 0, first))
                if not SAYS_OPEN.search(folded[max(0, min(sentence, first - SPAN)) : last + SPAN]):
                    closed.append(", ".join(items))
    return closed


@pytest.mark.parametrize("entry_id", sorted(EXCERPTS))
def test_a_list_the_page_leaves_open_stays_open(entry_id):
    assert _closed_lists(entry_id, _texts(entry_id)) == []


def test_the_open_list_check_finds_a_list_told_as_complete():
    entry = "monalisa-isolement"
    assert "canicule" in " ".join(q["quote"] for q in EXCERPTS[entry])
    assert _closed_lists(entry, ["Le registre sert aux alertes (canicule, grand froid)."]) != []
    assert _closed_lists(entry, ["Le registre sert aux alertes (canicule, grand froid, entre autres)."]) == []
    assert _open_lists("il fait aussi épicerie, dépôt de pain et même... bibliothèque") == []


def test_every_region_has_its_network_dated_and_sourced():
    assert set(BASE.regions) == {"01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"}
    for region in BASE.regions.values():
        assert region.cress or region.note, region.code  # a CRESS, or a note saying why none is named
        assert region.dla is not None and region.dla.departmental, region.code
        for scheme in region.schemes:
            assert scheme.source.startswith("http") and scheme.status in ("ouvert", "ferme", "incertain", "permanent")


def test_every_programme_and_dated_statement_says_when_its_source_dates_from():
    for programme in BASE.programmes.values():
        assert programme.as_of and programme.status, programme.id
    for lever in BASE.levers.values():
        for statement in lever.statements:
            if isinstance(statement, Dated) and statement.dated:  # {text, source} only names its page
                assert statement.as_of[:4].isdigit(), lever.id
