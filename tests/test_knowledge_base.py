"""The built-in knowledge base: complete enough to use, consistent enough to trust."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from essrural.datafiles import load
from essrural.render.coverage import Coverage
from essrural.text import words
from essrural.vocabulary import ASSETS, FAMILIES, MISSING_SERVICES, SECTORS

BASE = load()


def test_at_least_forty_levers_five_per_family_three_per_sector():
    assert len(BASE.levers) >= 40
    coverage = Coverage(BASE)
    assert min(coverage.levers_per_family.values()) >= 5, coverage.levers_per_family
    assert min(coverage.levers_per_sector.values()) >= 3, coverage.levers_per_sector


def test_at_least_sixty_real_cases_three_per_sector():
    assert len(BASE.examples) >= 60
    coverage = Coverage(BASE)
    assert min(coverage.examples_per_sector.values()) >= 3, coverage.examples_per_sector


def test_mostly_small_rural_communes():
    """Population from the source, else the official one of the case's commune (INSEE code)."""
    known = [e.population or BASE.geography[e.id][1] for e in BASE.examples.values() if not e.territory]
    known = [p for p in known if p]
    assert len(known) >= 50
    assert sum(p < 5000 for p in known) / len(known) >= 0.8


def test_every_case_has_a_web_source_and_says_what_the_authority_did():
    for example in BASE.examples.values():
        assert example.source.startswith(("http://", "https://")), example.id
        assert len(example.authority_action) > 20, example.id


def test_every_lever_has_a_case_or_says_why_not():
    for lever in BASE.levers.values():
        used = bool(BASE.examples_by_lever.get(lever.id))
        assert used != lever.examples_wanted, (
            f"{lever.id}: {'retirer examples_wanted' if used else 'ajouter un cas réel ou examples_wanted: true'}"
        )
        assert used or (lever.case_note and len(lever.case_note) > 40), f"{lever.id}: dire pourquoi (case_note)"


def test_every_project_states_the_communes_likely_share_of_its_cost():
    """The effort a plan weighs is the commune's share, not the whole project's (co-funders pay the rest)."""
    missing = [lv.id for lv in BASE.levers.values() if lv.role == "projet" and not lv.commune_cost]
    assert missing == []


def test_every_vocabulary_id_is_used_somewhere():
    levers = BASE.levers.values()
    assert {f for lv in levers for f in [lv.family]} == set(FAMILIES.ids)
    assert {s for lv in levers for s in lv.sectors} == set(SECTORS.ids)
    assert {n for lv in levers for n in lv.addresses} == set(MISSING_SERVICES.ids)
    # « cofinanceur » is read by the ranking itself (it halves the effort penalty), not by a lever
    assert {a for lv in levers for a in lv.uses} | {"cofinanceur"} == set(ASSETS.ids)
    assert {s for ex in BASE.examples.values() for s in ex.sectors} == set(SECTORS.ids)


def test_every_programme_is_dated_and_linked_from_a_lever():
    linked = {p for lv in BASE.levers.values() for p in lv.programmes}
    for programme in BASE.programmes.values():
        assert programme.id in linked, programme.id
        assert programme.as_of >= "2019", programme.id  # ISO date, compared as text
        assert programme.status in ("ouvert", "ferme", "incertain", "permanent"), programme.id
        assert programme.funder.strip() != programme.applications.strip(), programme.id


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    tokens = words(text).split()
    return {tuple(tokens[i : i + n]) for i in range(max(len(tokens) - n + 1, 1))}


def test_no_two_descriptions_are_nearly_identical():
    texts = [(f"levier {lv.id}", lv.summary) for lv in BASE.levers.values()]
    texts += [(f"cas {ex.id}", ex.summary) for ex in BASE.examples.values()]
    texts += [(f"action {ex.id}", ex.authority_action) for ex in BASE.examples.values()]
    # short factual sentences ("La source ne décrit pas de rôle de la commune.") may rightly repeat
    shingles = [(name, _shingles(text)) for name, text in texts if len(text.split()) >= 15]
    close = []
    for (a, sa), (b, sb) in combinations(shingles, 2):
        if sa and sb and len(sa & sb) / len(sa | sb) > 0.5:
            close.append((a, b))
    assert close == []


def test_ids_are_unique_across_the_files():
    counts = Counter(k for k in BASE.origins)
    assert max(counts.values()) == 1


@pytest.mark.parametrize("name", ["Le Comptoir des Cocottes", "MÒVER", "La GARE"])
def test_the_sheets_rural_cases_are_in_the_base(name):
    assert any(name in ex.name for ex in BASE.examples.values()), name


@pytest.mark.parametrize("name", ["Dromolib", "Mobicoop", "Rezo Pouce", "Villages Vivants"])
def test_the_sheets_partners_outside_the_inclusion_rules_are_named_as_partners(name):
    """Based in towns over 5,000 or nationwide: not case studies, but the levers name them to call."""
    assert any(name in " ".join(lv.partners) for lv in BASE.levers.values()), name


def test_merindol_the_sheets_energy_case_is_in_the_base():
    assert "Mérindol" in {ex.commune for ex in BASE.examples.values()}
