#!/usr/bin/env python3
"""Build data/communes.tsv, the embedded list of French communes, from Etalab's npm package.

Why: essrural must recognise any commune (name, INSEE code or postcode) offline
and fast. The source is `@etalab/decoupage-administratif`, pinned at 6.0.0 (the
2026 edition of the Code officiel géographique, Licence Ouverte). This script
downloads the tarball from the npm registry (or reads one given with
`--tarball`), checks its sha512 against the pinned integrity, keeps the
communes of type `commune-actuelle` and writes one compact UTF-8 file laid out
for `essrural.communes` (see its docstring for the format). Same tarball, same
bytes: the output is sorted and carries no build date; the build date lives in
data/LICENCE-communes.md and is kept as long as the data does not change
(or taken from SOURCE_DATE_EPOCH).

Usage:
    python scripts/build_communes.py                  # download, check, write data/
    python scripts/build_communes.py --tarball decoupage-administratif-6.0.0.tgz
    python scripts/build_communes.py --check          # exit 1 if data/ is not up to date

Standard library only; it imports `essrural.communes.name_key` from src/ so
that the search keys written in the file are exactly those the library computes.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import io
import json
import os
import sys
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
TARBALL_URL = "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz"
INTEGRITY = "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
KEPT_TYPE = "commune-actuelle"

ROOT = Path(__file__).resolve().parents[1]
DATA_NAME = "communes.tsv"
LICENCE_NAME = "LICENCE-communes.md"

sys.path.insert(0, str(ROOT / "src"))
from essrural.communes import FORMAT, name_key  # stdlib only at import time


def fetch(tarball: str | None) -> bytes:
    """The package tarball, from a local file or the npm registry."""
    if tarball:
        return Path(tarball).read_bytes()
    print(f"Téléchargement de {TARBALL_URL}", file=sys.stderr)
    with urllib.request.urlopen(TARBALL_URL, timeout=120) as response:
        return response.read()


def integrity_of(blob: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(blob).digest()).decode("ascii")


def read_package(blob: bytes) -> dict[str, object]:
    """The JSON files of the tarball, by base name (`communes`, `epci`, `package`…)."""
    files: dict[str, object] = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name == "package/README.md":
                extracted = tar.extractfile(member)
                assert extracted is not None
                files["_readme"] = extracted.read().decode("utf-8")
            elif member.isfile() and member.name in (
                "package/package.json",
                "package/data/communes.json",
                "package/data/epci.json",
                "package/data/departements.json",
                "package/data/regions.json",
            ):
                extracted = tar.extractfile(member)
                assert extracted is not None
                files[Path(member.name).stem] = json.loads(extracted.read().decode("utf-8"))
                if member.name == "package/data/communes.json":
                    files["_data_date"] = dt.datetime.fromtimestamp(member.mtime, dt.UTC).date().isoformat()
    return files


def clean(text: str) -> str:
    """A field value that cannot break the TSV layout."""
    value = " ".join(str(text).split())
    if not value or "\t" in value or "\n" in value:
        raise SystemExit(f"valeur inattendue dans la source : {text!r}")
    return value


def build(files: dict[str, object]) -> tuple[str, dict[str, object]]:
    """The content of communes.tsv and a few counts for the licence note and the log."""
    package = files["package"]
    assert isinstance(package, dict)
    if package.get("name") != PACKAGE or package.get("version") != VERSION:
        raise SystemExit(f"paquet inattendu : {package.get('name')} {package.get('version')}")

    regions = {r["code"]: clean(r["nom"]) for r in files["regions"]}
    departements = {d["code"]: (d["region"], clean(d["nom"])) for d in files["departements"]}
    for code, (region, _name) in departements.items():
        assert region in regions, (code, region)

    communes = [c for c in files["communes"] if c["type"] == KEPT_TYPE]
    communes.sort(key=lambda c: c["code"])
    by_code = {c["code"]: c for c in communes}
    if len(by_code) != len(communes):
        raise SystemExit("code INSEE en double dans la source")

    epci_of: dict[str, str] = {}
    epci_pop_diff = 0
    epcis = []
    for epci in files["epci"]:
        members = [m["code"] for m in epci["membres"]]
        for code in members:
            if code not in by_code:
                raise SystemExit(f"EPCI {epci['code']} : membre {code} absent des communes actuelles")
            if code in epci_of:
                raise SystemExit(f"commune {code} dans deux EPCI : {epci_of[code]} et {epci['code']}")
            epci_of[code] = epci["code"]
        population = sum(by_code[code].get("population") or 0 for code in members)
        epci_pop_diff += population != epci["populationMunicipale"]
        epcis.append((epci["code"], len(members), population, clean(epci["nom"])))
    epcis.sort()

    lines = [
        f"# {FORMAT} | {PACKAGE} {VERSION} | {INTEGRITY}",
        "# " + attribution(files["_data_date"]) + " Voir LICENCE-communes.md.",
        "# R\trégion\tnom | D\tdépartement\trégion\tnom | A\tclé\tcode INSEE | E\tSIREN\tnombre de communes\tpopulation\tnom",
        "# après #communes : code INSEE\tnom\tdépartement\tpopulation\tcodes postaux\tSIREN de l'EPCI",
        "# après #cles : une clé de recherche par commune, dans le même ordre",
    ]
    lines += [f"R\t{code}\t{name}" for code, name in sorted(regions.items())]
    lines += [f"D\t{code}\t{region}\t{name}" for code, (region, name) in sorted(departements.items())]

    keys = []
    aliases = []
    rows = []
    for c in communes:
        code, dep = c["code"], c["departement"]
        if dep not in departements or departements[dep][0] != c["region"]:
            raise SystemExit(f"commune {code} : département {dep} ou région {c['region']} incohérents")
        if not code.startswith(dep):
            raise SystemExit(f"commune {code} : le code ne commence pas par son département {dep}")
        name = clean(c["nom"])
        population = c.get("population")
        postcodes = " ".join(sorted(set(c.get("codesPostaux") or [])))
        rows.append(
            f"{code}\t{name}\t{dep}\t{'' if population is None else int(population)}\t{postcodes}\t{epci_of.get(code, '')}"
        )
        key = name_key(name)
        keys.append(key)
        if "(" in name:  # "Bors (Canton de Charente-Sud)": also found as "Bors"
            short = name_key(name.split("(", 1)[0])
            if short and short != key:
                aliases.append((short, code))
    # Former communes now part of a commune nouvelle (communes déléguées, associées) stay
    # findable by their old name: "Combrée" leads to Ombrée d'Anjou.
    current = {c["code"]: name_key(clean(c["nom"])) for c in communes}
    for c in files["communes"]:
        parent = c.get("chefLieu")
        if c["type"] in ("commune-deleguee", "commune-associee") and parent in current:
            old = name_key(clean(c["nom"]))
            if old and old != current[parent]:
                aliases.append((old, parent))
    aliases = sorted(set(aliases))
    lines += [f"A\t{key}\t{code}" for key, code in aliases]
    lines += [f"E\t{code}\t{n}\t{population}\t{name}" for code, n, population, name in epcis]
    lines.append("#communes")
    lines += rows
    lines.append("#cles")
    lines += keys
    text = "\n".join(lines) + "\n"

    stats = {
        "communes": len(communes),
        "epci": len(epcis),
        "departements": len(departements),
        "regions": len(regions),
        "sans_population": sorted(c["code"] for c in communes if c.get("population") is None),
        "sans_epci": sorted(c["code"] for c in communes if c["code"] not in epci_of),
        "sans_code_postal": sorted(c["code"] for c in communes if not c.get("codesPostaux")),
        "ecartees": sorted({c["type"] for c in files["communes"] if c["type"] != KEPT_TYPE}),
        "data_date": files["_data_date"],
        "epci_pop_diff": epci_pop_diff,
        "readme": files["_readme"],
    }
    return text, stats


LICENCE_TEMPLATE = """\
# Données des communes (`communes.tsv`)

`communes.tsv` est dérivé du paquet npm **{package}**, version **{version}**
(millésime 2026 du découpage administratif), publié par Etalab / data.gouv.fr.

## Licence

Données : **Licence Ouverte / Open Licence version 2.0** (Etalab),
<https://www.etalab.gouv.fr/licence-ouverte-open-licence>. Le README du paquet écrit
« Licence Ouverte » et renvoie à cette page, qui publie la version 2.0.

La section « Licence » du README du paquet indique, mot pour mot :

{readme_licence}

Le code du paquet (hors données) est sous licence MIT, « Copyright (c) 2018-2019 Etalab »
(fichier `LICENSE` du paquet) ; essrural n'en reprend aucun code, seulement les données.

## Attribution

Le paquet ne fournit pas de texte d'attribution à reproduire. La Licence Ouverte 2.0
demande de mentionner la paternité de l'information : sa source et la date de sa
dernière mise à jour. essrural la mentionne avec ses propres mots (c'est aussi la
deuxième ligne de `communes.tsv`, que renvoie `essrural.communes.attribution()`) :

> {attribution}

La section « Sources » du README du paquet, mot pour mot :

{readme_sources}

## Provenance

| | |
| --- | --- |
| paquet | `{package}@{version}` |
| archive | <{url}> |
| intégrité (sha512, vérifiée à chaque construction) | `{integrity}` |
| date des fichiers de données dans l'archive | {data_date} |
| construit le | {built} |
| sha256 de `communes.tsv` | `{sha256}` |
| commande | `python scripts/build_communes.py` |

## Contenu et transformations

essrural garde les {communes} communes de type `commune-actuelle` ; sont écartés les types
{ecartees} (les arrondissements de Paris, Lyon et Marseille n'y sont donc pas : leurs codes
postaux mènent à la commune). Pour chaque commune : code INSEE, nom officiel, département,
population municipale, codes postaux et intercommunalité (EPCI à fiscalité propre, par son
SIREN). S'y ajoutent les {epci} EPCI (nom, nombre de communes membres, population calculée
comme la somme des populations municipales de leurs membres), les {departements}
départements et les {regions} régions. Une clé de recherche (nom en minuscules, sans
accents ni ponctuation) est calculée pour chaque commune.

La population d'un EPCI est recalculée depuis `communes.json` pour rester cohérente avec
celle des communes : le champ `populationMunicipale` d'`epci.json` (source DGCL) reprend
un autre millésime et diffère pour {epci_pop_diff} des {epci} EPCI.

- Communes sans population légale : {sans_population}.
- Communes sans code postal : {sans_code_postal}.
- Communes hors de tout EPCI : {n_sans_epci} ({sans_epci_metro} en métropole et dans les
  départements d'outre-mer : {sans_epci_detail} ; les autres sont dans les collectivités
  d'outre-mer).
"""


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(iso: object) -> str:
    """`2026-03-09` → `9 mars 2026`."""
    day = dt.date.fromisoformat(str(iso))
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def attribution(data_date: object) -> str:
    """The mention of paternity the Licence Ouverte asks for: source and date of the data."""
    return (
        f"Source : Etalab, paquet npm {PACKAGE} {VERSION} (découpage administratif 2026, "
        f"données du {french_date(data_date)}), Licence Ouverte 2.0."
    )


def readme_section(readme: str, title: str) -> str:
    """The body of the `## title` section of the package README, verbatim."""
    body = readme.split(f"\n## {title}\n", 1)[1]
    return body.split("\n## ", 1)[0].strip()


def quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def licence_text(stats: dict[str, object], data: bytes, built: str) -> str:
    def listing(codes: object) -> str:
        return ", ".join(codes) if codes else "aucune"

    no_epci = stats["sans_epci"]
    assert isinstance(no_epci, list)
    mainland = [c for c in no_epci if not c.startswith(("975", "977", "978", "98"))]
    return LICENCE_TEMPLATE.format(
        readme_licence=quote(readme_section(stats["readme"], "Licence")),
        readme_sources=quote(readme_section(stats["readme"], "Sources")),
        package=PACKAGE,
        version=VERSION,
        attribution=attribution(stats["data_date"]),
        epci_pop_diff=stats["epci_pop_diff"],
        url=TARBALL_URL,
        integrity=INTEGRITY,
        data_date=stats["data_date"],
        built=built,
        sha256=hashlib.sha256(data).hexdigest(),
        communes=stats["communes"],
        epci=stats["epci"],
        departements=stats["departements"],
        regions=stats["regions"],
        ecartees=", ".join(f"`{t}`" for t in stats["ecartees"]),
        sans_population=listing(stats["sans_population"]),
        sans_code_postal=listing(stats["sans_code_postal"]),
        n_sans_epci=len(no_epci),
        sans_epci_metro=len(mainland),
        sans_epci_detail=listing(mainland),
    )


def build_date(licence_path: Path, data: bytes) -> str:
    """SOURCE_DATE_EPOCH, else the date already recorded for the same data, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    if licence_path.exists():
        previous = licence_path.read_text(encoding="utf-8")
        if hashlib.sha256(data).hexdigest() in previous:
            for line in previous.splitlines():
                if line.startswith("| construit le |"):
                    return line.split("|")[2].strip()
    return dt.date.today().isoformat()


def write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and path.read_bytes() == content:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Construit data/communes.tsv depuis @etalab/decoupage-administratif 6.0.0."
    )
    parser.add_argument(
        "--tarball", help="archive .tgz déjà téléchargée (npm pack @etalab/decoupage-administratif@6.0.0)"
    )
    parser.add_argument("--out", default=str(ROOT / "data"), help="dossier de sortie (défaut : data/)")
    parser.add_argument(
        "--check", action="store_true", help="ne rien écrire ; code 1 si les fichiers ne sont pas à jour"
    )
    args = parser.parse_args(argv)

    blob = fetch(args.tarball)
    found = integrity_of(blob)
    if found != INTEGRITY:
        print(f"intégrité incorrecte : attendu {INTEGRITY}, obtenu {found}", file=sys.stderr)
        return 1
    text, stats = build(read_package(blob))
    data = text.encode("utf-8")

    out = Path(args.out)
    data_path, licence_path = out / DATA_NAME, out / LICENCE_NAME
    licence = licence_text(stats, data, build_date(licence_path, data)).encode("utf-8")
    if args.check:
        stale = [
            p.name for p, c in ((data_path, data), (licence_path, licence)) if not p.exists() or p.read_bytes() != c
        ]
        if stale:
            print("pas à jour : " + ", ".join(stale), file=sys.stderr)
            return 1
        print("à jour")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for path, content in ((data_path, data), (licence_path, licence)):
        changed = write_if_changed(path, content)
        print(f"{path} : {len(content)} octets{'' if changed else ' (inchangé)'}")
    print(
        f"{stats['communes']} communes, {stats['epci']} EPCI, {stats['departements']} départements, "
        f"{stats['regions']} régions ; sans population : {len(stats['sans_population'])} ; "
        f"hors EPCI : {len(stats['sans_epci'])}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
