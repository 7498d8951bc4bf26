"""Answers to the questionnaire: what is accepted, what is asked again and why."""

from __future__ import annotations

import pytest

from essrural.questions import QUESTIONS, InvalidAnswer, parse_choices, parse_population, parse_text, parse_yes_no
from essrural.vocabulary import ASSETS, MISSING_SERVICES, REFINED_NEEDS, SECTORS


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("1,2", ["epicerie", "cafe"]),
        ("2, 1", ["epicerie", "cafe"]),
        ("1 2", ["epicerie", "cafe"]),
        ("1;17", ["epicerie", "lien_social"]),
        ("1-3", ["epicerie", "cafe", "produits_locaux"]),
        ("épicerie, Café", ["epicerie", "cafe"]),
        ("aucun", []),
        ("Aucune", []),
    ],
)
def test_numbered_answers(answer, expected):
    assert parse_choices(answer, MISSING_SERVICES) == expected


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (str(len(MISSING_SERVICES.ids) + 1),
         f"numéro {len(MISSING_SERVICES.ids) + 1} hors de la liste : choisissez entre 1 et {len(MISSING_SERVICES.ids)}"),
        ("0,1", "numéro 0 hors de la liste"),
        ("abc", "« abc » ne correspond à aucun choix"),
        ("epicrie", "vouliez-vous dire 1. « plus de commerce alimentaire » ?"),
    ],
)
def test_invalid_choices_are_explained(answer, message):
    with pytest.raises(InvalidAnswer) as caught:
        parse_choices(answer, MISSING_SERVICES)
    assert message in str(caught.value)


def test_required_multiple_choice_refuses_an_empty_answer_but_accepts_aucun():
    with pytest.raises(InvalidAnswer):
        parse_choices("", ASSETS, optional=False)
    assert parse_choices("aucun", ASSETS, optional=False) == []


def test_the_needs_list_shows_the_general_needs_and_reads_a_precise_one_typed_as_its_general_need():
    needs = QUESTIONS["missing_services"]
    assert [i for i, _ in needs.choices] == [n for n in MISSING_SERVICES.ids if n not in REFINED_NEEDS]
    assert needs.parse("1, ressourcerie") == ["epicerie", "reemploi"]  # then its own question asks which


def answered(*answers: str):
    """A terminal whose person types `answers` in turn, and what it printed."""
    from essrural.interactive import Terminal
    from essrural.render.plaintext import Out
    import io

    queue, shown = list(answers), io.StringIO()
    return Terminal(Out(shown), read=lambda prompt: shown.write(prompt) and queue.pop(0)), shown


def test_a_general_need_with_precise_forms_is_followed_by_the_advisers_question():
    from essrural.interactive import ask_needs

    term, shown = answered("1,6,16", "1,2", "o")  # a shop, mobility (for whom?), energy (the bills?)
    assert ask_needs(term) == ["epicerie", "transport", "transport_aines", "trajets_quotidiens", "energie", "facture_electricite"]
    text = shown.getvalue()
    assert "Pour préciser « pas de solution de mobilité sans voiture » (facultatif)" in text
    assert "Est-ce le cas ? [o/N]" in text and "plus de commerce alimentaire »" not in text  # nothing asked for the shop


def test_correcting_the_needs_offers_the_previous_precisions_and_enter_keeps_none():
    from essrural.interactive import ask_needs

    term, shown = answered("", "", "")
    assert ask_needs(term, previous=["transport", "energie", "trajets_quotidiens"]) == ["transport", "trajets_quotidiens", "energie"]
    assert "Votre choix [6,16]" in shown.getvalue() and "Votre choix [2]" in shown.getvalue()
    term, _shown = answered("6", "")
    assert ask_needs(term) == ["transport"]  # Entrée: the need stays general


def test_an_asset_a_project_for_a_declared_need_requires_first_is_asked_by_name():
    """A maison de santé is set up by professionals ready to work together; without them the plan puts a
    salaried centre first: the adviser asks, rather than leaving the box unseen in a list of 22."""
    from essrural.datafiles import load
    from essrural.interactive import ask_prerequisites

    term, shown = answered("peut-être", "o")
    assert ask_prerequisites(term, ["sante"], ["batiment_vacant"], load()) == ["batiment_vacant", "professionnels_sante"]
    text = " ".join(shown.getvalue().split())
    assert "Pour « Construire ou aménager les locaux d'une maison de santé pluriprofessionnelle" in text
    assert "professionnels de santé prêts à s'installer ou à exercer ensemble Est-ce le cas ? [o/N]" in text
    assert "répondez par « o » (oui) ou « n » (non)" in text
    term, shown = answered()  # checked already, or no need that asks for it: no question
    assert ask_prerequisites(term, ["sante"], ["professionnels_sante"], load()) == ["professionnels_sante"]
    assert ask_prerequisites(term, ["epicerie"], [], load()) == [] and not shown.getvalue()


def test_optional_priorities_accept_enter():
    assert QUESTIONS["priorities"].parse("", default=[]) == []
    assert QUESTIONS["priorities"].parse("5", default=[]) == [SECTORS.ids[4]]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("900", 900), (" 1 200 ", 1200), ("1\u202f200", 1200), ("12.500", 12500), ("300 habitants", 300),
        ("300 hab.", 300), ("300 hab", 300), ("300hab.", 300), ("1 habitant", 1), ("1 200 Habitants", 1200),
    ],
)
def test_population_accepts_french_thousands(answer, expected):
    assert parse_population(answer) == expected


@pytest.mark.parametrize(("answer", "message"), [("neuf cents", "n'est pas un nombre entier"), ("0", "au moins 1"), ("-3", "n'est pas un nombre entier"), ("", "Réponse vide : tapez le nombre d'habitants"), ("9999999", "ce n'est pas une commune"), ("1.5", "« 1.5 » n'est pas un nombre entier"), ("1,5", "n'est pas un nombre entier"), ("12 00", "n'est pas un nombre entier"), ("0x384", "n'est pas un nombre entier"), ("habitants", "n'est pas un nombre entier"), ("300 habitants 2", "n'est pas un nombre entier")])
def test_population_errors(answer, message):
    with pytest.raises(InvalidAnswer) as caught:
        parse_population(answer)
    assert message in caught.value.sentence


def test_yes_no():
    assert parse_yes_no("O") is True and parse_yes_no("oui") is True and parse_yes_no("N") is False
    with pytest.raises(InvalidAnswer):
        parse_yes_no("peut-être")


def test_commune_name_refuses_control_characters_and_empty():
    assert parse_text("  Thoré-la-Rochette ") == "Thoré-la-Rochette"
    for bad in ("", "Thoré\x1b[31m", "a" * 200):
        with pytest.raises(InvalidAnswer):
            parse_text(bad)


def test_a_bakery_is_a_food_shop():
    """« boulangerie » is what a mairie says when the village lost its last food shop."""
    assert parse_choices("boulangerie", QUESTIONS["missing_services"].vocabulary) == ["epicerie"]
    assert parse_choices("Boulangerie, café", QUESTIONS["missing_services"].vocabulary) == ["epicerie", "cafe"]


def test_an_empty_answer_is_said_in_one_sentence():
    for key in ("commune", "population", "missing_services"):
        with pytest.raises(InvalidAnswer) as caught:
            QUESTIONS[key].parse("")
        sentence = caught.value.sentence
        assert sentence.startswith("Réponse vide : tapez ") and sentence.count("vide") == 1, sentence


@pytest.mark.parametrize(
    ("typed", "fmt", "written"),
    [
        ("plan2", "docx", "plan2.docx"), ("conseil", "html", "conseil.html"), ("plan.docx", "docx", "plan.docx"),
        ("Plan.DOCX", "docx", "Plan.DOCX"), ("plan.htm", "html", "plan.htm"), ("plan.v2", "markdown", "plan.v2.md"),
        ("dossier/plan", "json", "dossier/plan.json"),
    ],
)
def test_the_export_name_gets_the_chosen_format(typed, fmt, written):
    from pathlib import Path

    from essrural.interactive import plan_path

    assert plan_path(Path(typed), fmt) == Path(written)


@pytest.mark.parametrize(
    ("typed", "fmt", "message"),
    [
        ("plan.html", "docx", "« plan.html » désigne une page web (.html) ; vous avez choisi le format Word : tapez un nom en .docx, par exemple plan.docx"),
        ("plan.md", "json", "vous avez choisi le format JSON : tapez un nom en .json"),
        ("plan.pdf", "html", "essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF depuis un navigateur : tapez plan.html, puis Imprimer > PDF."),
        ("plan.pdf", "docx", "essrural n'écrit pas de PDF ; il écrit une page web à imprimer en PDF depuis un navigateur ; vous avez choisi le format Word"),
        ("plan.txt", "markdown", "extension .txt inconnue ; vous avez choisi le format Markdown : tapez un nom en .md"),
    ],
)
def test_a_name_of_another_format_is_asked_again(typed, fmt, message):
    """Chose Word, typed plan.html: never a web page written in silence, nor a Word file under that name."""
    from pathlib import Path

    from essrural.interactive import plan_path

    with pytest.raises(InvalidAnswer) as caught:
        plan_path(Path(typed), fmt)
    assert message in caught.value.sentence and caught.value.sentence.startswith("Réponse non valide : ")


def test_the_answers_are_not_saved_under_a_documents_name():
    """reponses.docx held YAML that Word cannot open: asked again, with the name to type."""
    from pathlib import Path

    from essrural.interactive import answers_path

    assert answers_path(Path("reponses.yaml")) == Path("reponses.yaml")
    assert answers_path(Path("reponses")) == Path("reponses")
    with pytest.raises(InvalidAnswer) as caught:
        answers_path(Path("reponses.docx"))
    assert "les réponses s'enregistrent en YAML : tapez reponses.yaml" in caught.value.sentence


def test_a_folder_typed_as_the_file_name_gets_the_file_inside_it(tmp_path):
    """« /tmp/dossier » at « Nom du fichier » wrote /tmp/dossier.docx beside the folder."""
    from essrural.interactive import _write_with_care

    class Term:
        def ask_path(self, prompt, default):
            return tmp_path

        def say(self, *args):
            pass

        def confirm(self, *args, **kwargs):
            return False

    written = []
    _write_with_care(Term(), "Nom du fichier", "plan-ess-thore.docx", lambda path, replace: written.append(path), "Plan exporté dans")
    assert written == [tmp_path / "plan-ess-thore.docx"]
