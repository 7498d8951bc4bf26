"""essrural's benchmark: command latency as ratios to bare Python, scale, batch, memory.

Usage (with essrural installed in the environment of this Python):

    python benchmarks/bench.py                 # latency table (21 interleaved runs)
    python benchmarks/bench.py --runs 31 --scale --batch --memory --bad-inputs

Why ratios: these machines are noisy and differ; the time of `python -c pass`
measured in the same run, interleaved with the commands, is the yardstick.
Targets (medians): --version ≤ 1.5×, examples/levers ≤ 2.5×, diagnose
--profile --format json ≤ 3×, the plan on screen (diagnose --profile, piped,
so without a pager) ≤ 4×. The cache of checked knowledge lives in a
temporary folder, warmed once before timing, as it is after a first use.
Plain Python: no dependency beyond essrural itself.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROFILE = "commune: Thoré-la-Rochette\npopulation: 900\nmissing_services: [epicerie, cafe]\nassets: [batiment_vacant, associations]\n"


def essrural_command() -> list[str]:
    script = Path(sys.executable).with_name("essrural")
    return [str(script)] if script.exists() else [sys.executable, "-m", "essrural"]


def launcher() -> str:
    """Who wrote the `essrural` launcher, and whether it imports `re` (pip before 25.2 did)."""
    from importlib import metadata

    script = Path(sys.executable).with_name("essrural")
    try:
        pip = f"pip {metadata.version('pip')}"
    except metadata.PackageNotFoundError:
        pip = "pas de pip dans cet environnement"
    if not script.exists():
        return f"lanceur : python -m essrural (aucun script essrural à côté de {sys.executable}) ; {pip}"
    lines = script.read_text(encoding="utf-8", errors="replace").splitlines()
    if "import re" in lines:
        return (
            f"lanceur : {script}, écrit par un pip antérieur à 25.2 ({pip} ici) : il importe le module re "
            "avant essrural, ce qui ajoute environ 0,5× à chaque commande. Pour mesurer ce qu'obtient un "
            "utilisateur à jour : python -m pip install --upgrade pip, puis réinstaller essrural."
        )
    return f"lanceur : {script}, sans import re ({pip})"


def median_times(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall time of each command, interleaved; a new order each round, so no command always goes first."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    order = list(commands)
    shuffle = random.Random(20261127).shuffle
    for _ in range(runs):
        shuffle(order)
        for name in order:
            command = commands[name]
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cœurs, "
        f"Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}"
    )


def latency(work: Path, runs: int, env: dict[str, str]) -> bool:
    ess = essrural_command()
    profile = work / "profil.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "essrural --version": ess + ["--version"],
        "essrural examples --sector mobilite": ess + ["examples", "--sector", "mobilite"],
        "essrural levers": ess + ["levers"],
        "essrural diagnose --profile … --format json": ess + ["diagnose", "--profile", str(profile), "--format", "json"],
        "essrural diagnose --profile … (plan à l'écran)": ess + ["diagnose", "--profile", str(profile)],
        "essrural commune 41259": ess + ["commune", "41259"],
        "essrural commune \"thore la rochete\"": ess + ["commune", "thore la rochete"],
    }
    targets = {
        "essrural --version": 1.5,
        "essrural examples --sector mobilite": 2.5,
        "essrural levers": 2.5,
        "essrural diagnose --profile … --format json": 3.0,
        "essrural diagnose --profile … (plan à l'écran)": 4.0,
    }
    for command in commands.values():  # warm the cache and the OS file cache
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    medians = median_times(commands, runs, env)
    base = medians["python -c pass"]
    print(f"Machine : {machine()}")
    print(launcher())
    print(f"{runs} exécutions entrelacées ; médianes ; référence python -c pass = {base * 1000:.1f} ms\n")
    print("| commande | médiane (ms) | ratio | cible |")
    print("| --- | ---: | ---: | --- |")
    ok = True
    for name, value in medians.items():
        ratio = value / base
        target = targets.get(name)
        verdict = "" if target is None else (f"≤ {target}× ✓" if ratio <= target else f"≤ {target}× ✗")
        ok &= target is None or ratio <= target
        print(f"| `{name}` | {value * 1000:.1f} | {ratio:.2f}× | {verdict} |")
    return ok


def make_scaled(work: Path, factor: int) -> Path:
    """A folder of extra knowledge: the built-in levers and cases copied factor-1 times, new ids."""
    from essrural.datafiles import builtin_data_dir
    from essrural.yamlsource import read_yaml

    folder = work / f"x{factor}"
    folder.mkdir()
    originals = {name: read_yaml(Path(builtin_data_dir()) / f"{name}.yaml").data[name] for name in ("levers", "examples")}
    for n in range(1, factor):  # one file per copy: each stays under the 5 MB limit of a knowledge file
        copy = {}
        for name, items in originals.items():
            copy[name] = []
            for item in items:
                item = dict(item, id=f"{item['id']}-copie-{n}")
                if name == "examples":
                    item["levers"] = [f"{lever}-copie-{n}" for lever in item.get("levers", [])]
                copy[name].append(item)
        (folder / f"copie-{n:03d}.yaml").write_text(json.dumps(copy, ensure_ascii=False, default=str), encoding="utf-8")
    return folder


def scale(work: Path, runs: int, env: dict[str, str]) -> None:
    ess = essrural_command()
    profile = work / "profil.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    print("\nÉchelle : diagnose --format json avec une base 1×, 10×, 100× (cache chaud), et le classement seul.")
    print("| base | leviers | cas | commande (ms) | classement seul (ms) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for factor in (1, 10, 100):
        extra = [] if factor == 1 else ["--data-dir", str(make_scaled(work, factor))]
        command = ess + ["diagnose", "--profile", str(profile), "--format", "json", *extra]
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        wall = median_times({"d": command}, max(runs // 3, 5), env)["d"]
        code = (
            "import time,sys; from essrural.datafiles import load; from essrural.engine import rank; "
            "from essrural.plan import Place; from essrural.profile import Profile;"
            f"k=load({extra[1:]!r});"
            "p=Profile(commune='X',departement='41',population=900,missing_services=('epicerie','cafe'),"
            "assets=('batiment_vacant','associations'));"
            "rank(p,k,place=Place(departement='41',region='24'));"
            "t=time.perf_counter(); n=20\n"
            "for i in range(n): rank(p,k,place=Place(departement='41',region='24'),top=7)\n"
            "print(len(k.levers), len(k.examples), (time.perf_counter()-t)/n*1000)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split()
        print(f"| {factor}× | {out[0]} | {out[1]} | {wall * 1000:.1f} | {float(out[2]):.2f} |")


def batch(work: Path, env: dict[str, str], rows: int | None) -> None:
    from essrural import communes

    ess = essrural_command()
    everything = communes.every_commune()
    chosen = everything if rows is None else everything[:rows]
    source = work / "communes.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["insee", "commune"])
        writer.writerows([c.insee, c.name] for c in chosen)
    shared = work / "besoins.yaml"
    shared.write_text("missing_services: [epicerie, cafe, transport]\nassets: [batiment_vacant, associations]\n", encoding="utf-8")
    out = work / "plans"
    shutil.rmtree(out, ignore_errors=True)
    command = ess + ["diagnose", "--batch", str(source), "--profile", str(shared), "--output-dir", str(out)]
    measured = _measure(command, env)
    plans = len(list(out.glob("*.json")))
    print(f"\nLot : {plans} communes, un plan JSON chacune + synthese.csv")
    print(f"- durée totale {measured['seconds']:.1f} s (démarrage compris) : {plans / measured['seconds']:.0f} plans/s ; "
          f"pic mémoire (RSS) {measured['rss_mb']:.0f} Mo")


def _measure(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall time and peak RSS of one child process (Linux: ru_maxrss in KiB)."""
    code = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(json.dumps({'seconds': time.perf_counter()-t,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024}))"
    )
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)


def memory(work: Path, env: dict[str, str]) -> None:
    ess = essrural_command()
    profile = work / "profil.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    print("\nMémoire (pic RSS) :")
    for label, command in (
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("diagnose --format json (chemin rapide)", ess + ["diagnose", "--profile", str(profile), "--format", "json"]),
        ("diagnose (plan à l'écran, chemin rapide)", ess + ["diagnose", "--profile", str(profile)]),
        ("diagnose --output plan.docx (chemin complet)", ess + ["diagnose", "--profile", str(profile), "--output",
                                                              str(work / "plan.docx"), "--force"]),
    ):
        print(f"- {label} : {_measure(command, env)['rss_mb']:.0f} Mo")


def bad_inputs(work: Path, env: dict[str, str]) -> None:
    """Each row of tests/test_bad_input.py run as a real command: exit code and time."""
    sys.path.insert(0, str(HERE.parent / "tests"))
    try:
        import test_bad_input as table  # noqa: E402
    except ImportError as exc:
        print(f"\nEntrées invalides : non mesurées ({exc}) ; installez d'abord pip install '.[test]'.")
        return

    ess = essrural_command()
    worst = 0.0
    print("\nEntrées invalides (tests/test_bad_input.py, en vrais processus) :")
    for case in table.CASES:
        folder = work / "mauvais" / table.__name__ / case.name.replace(" ", "_").replace("/", "_")
        folder.mkdir(parents=True, exist_ok=True)
        case.setup(folder)
        args = [a.replace(table.D, str(folder)) for a in case.args]
        start = time.perf_counter()
        result = subprocess.run(ess + args, capture_output=True, text=True, env={**env, **case.env}, stdin=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        flag = "" if result.returncode == case.code else f"  (code {result.returncode}, attendu {case.code})"
        if elapsed > 1.0 or flag:
            print(f"- {case.name} : {elapsed:.2f} s{flag}")
    print(f"- {len(table.CASES)} cas ; le plus long : {worst:.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--scale", action="store_true", help="base 10× et 100×")
    parser.add_argument("--batch", action="store_true", help="lot de toutes les communes (35 000)")
    parser.add_argument("--batch-rows", type=int, default=None, help="limiter le lot à N communes")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--bad-inputs", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="essrural-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "ESSRURAL_CACHE_DIR": str(work / "cache"), "NO_COLOR": "1", "COLUMNS": "80"}
        env.pop("ESSRURAL_DATA_DIR", None)
        ok = latency(work, args.runs, env)
        if args.scale:
            scale(work, args.runs, env)
        if args.batch:
            batch(work, env, args.batch_rows)
        if args.memory:
            memory(work, env)
        if args.bad_inputs:
            bad_inputs(work, env)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
