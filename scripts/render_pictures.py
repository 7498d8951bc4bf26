"""Regenerate the pictures of the council document shown in the README (docs/plan-*.png).

Usage: python scripts/render_pictures.py

Why: the README shows what a council receives, and the picture must be the
document essrural prints today. This exports the Thoré-la-Rochette plan as
HTML (the test profile, dated 27 November 2026 like the golden files),
prints it to PDF with headless Chromium, as a browser's « Imprimer » does,
and turns the first page (the synthesis) and the first project page into PNG
with pdftoppm. Needs the Debian packages `chromium` and `poppler-utils`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "tests" / "profiles" / "thore.yaml"
PICTURES = {"plan-synthese.png": 1, "plan-projet.png": 3}  # file → page of the printed plan
RESOLUTION = 70  # dots per inch: readable on a screen, a few dozen kilobytes


def main() -> int:
    missing = [tool for tool in ("chromium", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(f"outils absents : {', '.join(missing)} (apt-get install chromium poppler-utils)", file=sys.stderr)
        return 1
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795737600", "ESSRURAL_NO_FASTPATH": "1"}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        html = work / "plan.html"
        subprocess.run(
            [sys.executable, "-m", "essrural", "diagnose", "--profile", str(PROFILE), "--output", str(html)],
            check=True, env=env, stdout=subprocess.DEVNULL,
        )
        pdf = work / "plan.pdf"
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-pdf-header-footer", f"--user-data-dir={work / 'chromium'}", f"--print-to-pdf={pdf}", html.as_uri()],
            check=True, capture_output=True, timeout=120,
        )
        for name, page in PICTURES.items():
            stem = work / name.removesuffix(".png")
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                check=True,
            )
            shutil.copyfile(stem.with_suffix(".png"), ROOT / "docs" / name)
            print(f"docs/{name} : page {page} du plan imprimé")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
