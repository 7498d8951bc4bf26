"""Qualité du classement sur des projets ruraux réels qui ne sont pas dans la base.

Pour chaque cas de `eval/cases.yaml` (profil rédigé d'après la source, avant toute exécution
d'essrural), établit le plan par défaut et cherche le rang du premier projet qui est le levier
que la commune a utilisé, ou qui le propose parmi ses moyens. Affiche le top 1, le top 3 et le
top 7, puis les mêmes mesures sur chaque profil perturbé d'un atout ajouté ou retiré (le conseil
ne doit pas basculer sur une case cochée de plus ou de moins).

    python eval/run.py            # résumé
    python eval/run.py --cases    # et le détail par cas
    python eval/run.py --json     # les chiffres, pour un script
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))  # the checkout's code, installed or not

from essrural.datafiles import load  # noqa: E402
from essrural.engine import rank  # noqa: E402
from essrural.frenchfmt import number, percent  # noqa: E402
from essrural.locate import resolve_for_plan  # noqa: E402
from essrural.profile import LIST_KEYS  # noqa: E402
from essrural.profile_file import profile_from_answers  # noqa: E402
from essrural.vocabulary import ASSETS, REFINED_NEEDS  # noqa: E402
from essrural.weights import DEFAULT_TOP  # noqa: E402

KS = (1, 3, 7)
BLIND_SERIES = (3, 4, 5, 6, 7, 8, 9, 10, 11, 12)  # written by people who had seen no plan of essrural (eval/README.md)


def cases() -> list[dict]:
    return yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))["cases"]


def lever_of(case: dict, strict: bool = False) -> str | None:
    """The lever the commune used: the case's, or the one added to the base for the gap it revealed."""
    return case["lever"] if strict else case["lever"] or case.get("lever_added")


def rank_of(lever: str | None, plan) -> int | None:
    """The rank of the first action that is `lever` or offers it among its means; None if none does."""
    if lever is None:
        return None
    for action in plan.actions:
        means = {m.id for m in getattr(action, "means", ())}
        if action.lever.id == lever or lever in means:
            return action.rank
    return None


def plan_for(answers: dict, knowledge):
    profile, place, _warning = resolve_for_plan(profile_from_answers(answers))
    return rank(profile, knowledge, top=DEFAULT_TOP, place=place)


def asked(case: dict) -> dict:
    """The profile with the answers to the questionnaire's precision questions (which trips, for whom,
    professionals ready…), asked afterwards, blind, for the cases written before the questionnaire
    asked them (`precision` in cases.yaml); the profile as written for the others."""
    answers = case["profile"]
    ticked = (case.get("precision") or {}).get("ticked") or []
    if not ticked:
        return answers
    needs = list(answers["missing_services"])
    for need in (t for t in ticked if t in REFINED_NEEDS):
        needs.insert(needs.index(REFINED_NEEDS[need]) + 1, need)
    assets = list(answers.get("assets") or []) + [t for t in ticked if t not in REFINED_NEEDS]
    return {**answers, "missing_services": needs, "assets": assets}


def perturbations(answers: dict) -> list[dict]:
    """The profile with one asset added or removed, for every asset of the vocabulary."""
    found = []
    assets = list(answers.get("assets") or [])
    for asset in ASSETS.ids:
        changed = [a for a in assets if a != asset] if asset in assets else assets + [asset]
        found.append({**answers, "assets": changed})
    return found


def ceiling(profiles: list[dict], levers: list[str | None]) -> dict[int, float]:
    """The best top-k any ranking could reach reading only the declared needs, assets and priorities:
    profiles that declare the same ones get the same plan, so among cases whose communes used
    different levers, at most k of those levers can be in its first k ranks."""
    groups: dict[tuple, Counter] = {}
    for answers, lever in zip(profiles, levers):
        key = tuple(tuple(sorted(answers.get(field) or [])) for field in LIST_KEYS)
        groups.setdefault(key, Counter())[lever] += 1
    n = len(levers)
    return {
        k: sum(sum(count for lever, count in found.most_common(k) if lever is not None) for found in groups.values()) / n
        for k in KS
    }


def shares(ranks: list[int | None]) -> dict[int, float]:
    n = len(ranks)
    return {k: sum(1 for r in ranks if r is not None and r <= k) / n for k in KS}


def evaluate(knowledge) -> dict:
    rows, perturbed, written = [], [], cases()
    for case in written:
        plan = plan_for(case["profile"], knowledge)
        lever = lever_of(case)
        rows.append(
            {
                "id": case["id"],
                "lever": lever,
                "rank": rank_of(lever, plan),
                "strict_rank": rank_of(lever_of(case, strict=True), plan),
                "asked_rank": rank_of(lever, plan_for(asked(case), knowledge)) if "precision" in case else None,
                "first": plan.actions[0].lever.id if plan.actions else None,
                "series": case["series"],
            }
        )
        for answers in perturbations(case["profile"]):
            perturbed.append(rank_of(lever, plan_for(answers, knowledge)))
    return {
        "cases": rows,
        "top": shares([row["rank"] for row in rows]),
        "strict": shares([row["strict_rank"] for row in rows]),
        "perturbed": shares(perturbed),
        "asked": shares([row["asked_rank"] if "precision" in case else row["rank"] for row, case in zip(rows, written)]),
        "ceiling": ceiling([case["profile"] for case in written], [row["lever"] for row in rows]),
        "n_asked": sum(1 for case in written if "precision" in case),
        "n": len(rows),
        "n_perturbed": len(perturbed),
        "series": {
            n: {"n": len(ranks), "top": shares(ranks)}
            for n in sorted({row["series"] for row in rows})
            for ranks in [[row["rank"] for row in rows if row["series"] == n]]
        },
    }


def main() -> int:
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `python eval/run.py --cases | head` ends quietly
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="le détail par cas")
    parser.add_argument("--json", action="store_true", help="les chiffres en JSON")
    args = parser.parse_args()
    result = evaluate(load())
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    if args.cases:
        for row in result["cases"]:
            shown = row["rank"] if row["rank"] is not None else "—"
            print(f"{shown:>2}  {row['id']:<52} {str(row['lever']):<36} 1er : {row['first']}")
        print()

    top, strict, perturbed = result["top"], result["strict"], result["perturbed"]
    print(f"{result['n']} cas réels hors base ; levier utilisé par la commune :")
    print(f"  premier : {percent(top[1])} ; dans les 3 premiers : {percent(top[3])} ; dans les 7 : {percent(top[7])}")
    for n, found in result["series"].items():
        print(f"  série {n} ({found['n']} cas) : premier {percent(found['top'][1])} ; dans les 3 premiers {percent(found['top'][3])}")
    print("sans les leviers ajoutés pour les manques révélés par l'évaluation (comptés comme manqués) :")
    print(f"  premier : {percent(strict[1])} ; dans les 3 premiers : {percent(strict[3])} ; dans les 7 : {percent(strict[7])}")
    if result["n_asked"]:
        found = result["asked"]
        print(
            f"avec les questions de précision, posées après coup à l'aveugle pour les {result['n_asked']} cas "
            "écrits avant elles (eval/README.md) :"
        )
        print(f"  premier : {percent(found[1])} ; dans les 3 premiers : {percent(found[3])} ; dans les 7 : {percent(found[7])}")
    found = result["ceiling"]
    print("plafond de tout classement qui ne lit que les besoins, atouts et priorités déclarés (profils tels qu'écrits) :")
    print(f"  premier : {percent(found[1])} ; dans les 3 premiers : {percent(found[3])} ; dans les 7 : {percent(found[7])}")
    print(f"{number(result['n_perturbed'])} profils perturbés (un atout ajouté ou retiré) :")
    print(f"  premier : {percent(perturbed[1])} ; dans les 3 premiers : {percent(perturbed[3])} ; dans les 7 : {percent(perturbed[7])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
