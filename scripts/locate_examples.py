"""Add the INSEE code of each case study's commune, from the embedded official list.

Usage: python scripts/locate_examples.py [--check]

Why: with its INSEE code, a case study gets the official population and
région even when its source gives none, so that the matching can compare
sizes and places. A code is written only when the commune's name and
département designate exactly one commune; the others are listed for a person
to decide. `--check` exits 1 when a code could be added.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

FILE = Path(__file__).resolve().parents[1] / "data" / "examples.yaml"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(FILE.parents[1] / "src"))
    from essrural import communes
    from essrural.yamlsource import parse_yaml

    text = FILE.read_text(encoding="utf-8")
    items = parse_yaml(text, str(FILE)).data["examples"]
    blocks = re.split(r"(?m)^(?=  - id: )", text)
    by_id = {item["id"]: item for item in items}
    added, unresolved = [], []
    for index, block in enumerate(blocks):
        found = re.match(r"  - id: (\S+)", block)
        if not found:
            continue
        item = by_id[found[1]]
        if item.get("insee"):
            continue
        departement = str(item["departement"])
        exact = [
            m.commune
            for m in communes.search(item["commune"], limit=10)
            if m.how == "name" and m.commune.departement == departement
        ]
        if len(exact) != 1:
            unresolved.append(f"{item['id']} : « {item['commune']} » ({departement})")
            continue
        line = re.search(r'(?m)^    departement: .*\n', block)
        assert line, item["id"]
        blocks[index] = block[: line.end()] + f'    insee: "{exact[0].insee}"\n' + block[line.end():]
        added.append(f"{item['id']} → {exact[0].insee} {exact[0].name}")
    if "--check" in argv:
        for line in added:
            print("à ajouter :", line)
        return 1 if added else 0
    FILE.write_text("".join(blocks), encoding="utf-8")
    print(f"{len(added)} codes INSEE ajoutés ; {len(unresolved)} cas sans commune unique :")
    for line in unresolved:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
