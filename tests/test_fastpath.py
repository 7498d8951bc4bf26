"""The fast path answers everyday commands exactly like the full CLI, and only from a valid cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from essrural import fastpath

from conftest import PROFILES, VALID_EXAMPLE, write

COMMANDS = [
    ["levers"],
    ["levers", "--sector", "Mobilité"],
    ["levers", "--family", "foncier", "--format", "json"],
    ["levers", "--format", "markdown"],
    ["examples", "--sector", "mobilite"],
    ["examples", "--search", "épicerie", "--format", "json"],
    ["examples", "--lever", "transport-solidaire", "--format=markdown"],
    ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "json"],
    ["diagnose", "--profile", str(PROFILES / "merindol.yaml"), "--format", "markdown", "--top", "3"],
    ["diagnose", "--profile", str(PROFILES / "thore.yaml")],  # the plan on screen
    ["diagnose", "--profile", str(PROFILES / "merindol.yaml"), "--brief"],
    ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "html"],
    ["levers", "leader"],
    ["levers", "epicerie-participative-accompagnee", "--format", "markdown"],
    ["commune", "thore la rochette"],
    ["commune", "Saint-Martin"],
    ["commune", "41259", "--format", "json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[:2]) for a in COMMANDS])
def test_fast_path_prints_exactly_what_the_full_cli_prints(cli, capsys, args):
    full = cli(*args)  # also fills the cache
    assert full.exit_code == 0, full.stderr
    capsys.readouterr()
    assert fastpath.run(args) == 0, "the fast path should have answered"
    fast = capsys.readouterr()
    assert fast.out == full.stdout
    assert fast.err == full.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["levers", "--sector", "mobilte"],  # an error to explain
        ["levers", "--help"],
        ["levers", "leader", "--sector", "commerce"],  # filters are checked by the full CLI
        ["levers", "--format", "mdd"],  # a format to explain
        ["examples", "--unknown"],
        ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "json", "--output", "x.json"],
        ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "docx"],  # Word goes to a file
        ["diagnose"],
        ["data", "check"],
        ["examples", "--search", b"\xff".decode("utf-8", "surrogateescape")],  # not UTF-8
    ],
)
def test_anything_else_is_left_to_the_full_cli(cli, args):
    cli("levers")  # warm cache
    assert fastpath.run(args) is None


def test_a_cold_cache_is_left_to_the_full_cli(tmp_path, monkeypatch):
    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(tmp_path / "vide"))
    assert fastpath.run(["levers"]) is None


def test_an_unknown_profile_is_left_to_the_full_cli(cli, tmp_path):
    profile = write(tmp_path, "profil.yaml", "commune: Mérindol\nmissing_services: [energie]\n")
    assert fastpath.run(["diagnose", "--profile", str(profile), "--format", "json"]) is None
    assert cli("diagnose", "--profile", str(profile), "--format", "json").exit_code == 0
    assert fastpath.run(["diagnose", "--profile", str(profile), "--format", "json"]) == 0
    profile.write_text("commune: Mérindol\nmissing_services: [transport]\n", encoding="utf-8")  # edited
    assert fastpath.run(["diagnose", "--profile", str(profile), "--format", "json"]) is None


def test_an_edited_knowledge_file_is_read_again_never_served_stale(cli, tmp_path):
    extra = tmp_path / "reseau"
    write(extra, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire"))
    first = cli("examples", "--data-dir", str(extra), "--search", "Testville", "--format", "json")
    assert json.loads(first.stdout)[0]["commune"] == "Testville"
    write(extra, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire").replace("Testville", "Testbourg"))
    assert fastpath.run(["examples", "--data-dir", str(extra), "--search", "Testbourg", "--format", "json"]) is None
    second = cli("examples", "--data-dir", str(extra), "--search", "Testbourg", "--format", "json")
    assert json.loads(second.stdout)[0]["commune"] == "Testbourg"
    write(extra, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire").replace('"41"', '"99"'))
    broken = cli("examples", "--data-dir", str(extra))
    assert broken.exit_code == 2 and "numéro de département invalide" in broken.stderr


def test_an_old_file_edited_later_is_read_again_even_with_the_same_size(cli, tmp_path):
    """Files not touched for a while are recognised by size, time and inode, without reading them."""
    extra = tmp_path / "reseau"
    path = write(extra, "cas.yaml", VALID_EXAMPLE.replace("levier-test", "transport-solidaire"))
    hour_ago = time.time() - 3600
    os.utime(path, (hour_ago, hour_ago))
    assert any(c["commune"] == "Testville" for c in json.loads(cli("examples", "--data-dir", str(extra), "--format", "json").stdout))
    path.write_text(path.read_text(encoding="utf-8").replace("Testville", "Testbourg"), encoding="utf-8")
    os.utime(path, (hour_ago + 60, hour_ago + 60))  # edited a minute later, an hour ago: no checksum taken
    assert any(c["commune"] == "Testbourg" for c in json.loads(cli("examples", "--data-dir", str(extra), "--format", "json").stdout))


def test_the_levers_listing_leaves_the_cases_packed_and_a_damaged_cache_is_said(cli, tmp_path, monkeypatch):
    import marshal

    from essrural import cache
    from essrural.datafiles import load

    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(tmp_path / "cache"))
    assert cli("levers").exit_code == 0  # fills the cache
    knowledge = load()
    assert knowledge.levers and "examples" not in knowledge._sections  # built on first use only
    assert knowledge.examples
    (stored,) = (tmp_path / "cache").glob("knowledge-*.bin")
    data = marshal.loads(stored.read_bytes())
    data["payload"]["sections"]["examples"] = b"abime"
    stored.write_bytes(marshal.dumps(data))
    assert cli("levers").exit_code == 0
    damaged = cli("examples")
    assert damaged.exit_code == 1 and "Traceback" not in damaged.stderr
    assert f"cache de la base illisible (examples) : supprimez le dossier {tmp_path / 'cache'}" in damaged.stderr
    assert cache.cache_dir() == str(tmp_path / "cache")


def test_an_unwritable_cache_folder_only_means_no_cache(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")
    monkeypatch.setenv("ESSRURAL_CACHE_DIR", str(blocker / "cache"))
    result = cli("levers", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_the_fast_path_loads_neither_typer_rich_pydantic_yaml_nor_re(cli, cache_folder):
    """Each of these costs a good share of Python's own start-up: none belongs on the fast path."""
    cli("levers")
    cli("diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "json")
    code = (
        "import sys, io\n"
        "from essrural.fastpath import run\n"
        "sys.stdout = io.StringIO()\n"
        f"assert run(['levers']) == 0\n"
        f"assert run(['examples', '--sector', 'mobilite']) == 0\n"
        f"assert run(['diagnose', '--profile', {str(PROFILES / 'thore.yaml')!r}, '--format', 'json']) == 0\n"
        f"assert run(['diagnose', '--profile', {str(PROFILES / 'thore.yaml')!r}]) == 0\n"
        f"assert run(['diagnose', '--profile', {str(PROFILES / 'thore.yaml')!r}, '--format', 'html']) == 0\n"
        "assert run(['levers', 'leader']) == 0\n"
        "assert run(['commune', '41259']) == 0 and run(['commune', 'merindol', '--format', 'json']) == 0\n"
        "heavy = {'typer', 'rich', 'pydantic', 'yaml', 're', 'json', 'dataclasses', 'inspect', 'typing'}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in heavy)\n"
        "sys.stdout = sys.__stdout__\n"
        "print(heavy)\n"
    )
    env = {"ESSRURAL_CACHE_DIR": str(cache_folder), "PATH": "/usr/bin:/bin"}
    if "PYTHONPATH" in os.environ:  # a checkout run with PYTHONPATH=src: the same essrural as the test's
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_version_answers_without_the_cli():
    result = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['essrural','--version']; from essrural.__main__ import main; "
         "main(); print(sorted(m for m in sys.modules if m.startswith(('typer','rich','essrural.cli'))))"],
        capture_output=True, text=True,
    )
    assert result.stdout.splitlines()[0].startswith("essrural ") and result.stdout.splitlines()[1] == "[]"




@pytest.mark.parametrize("args", [["levers"], ["levers", "--format", "json"], ["diagnose", "--profile", str(PROFILES / "thore.yaml"), "--format", "json"]])
def test_a_full_disk_under_the_output_is_said_in_french_by_both_paths(cli, cache_folder, args):
    """`essrural levers > plan.md` on a full disk: one French line and exit 1, never Python's English
    « No space left on device » (it used to be a traceback on the fast path, an « Erreur inattendue »
    on the full CLI)."""
    if not os.path.exists("/dev/full"):
        pytest.skip("pas de /dev/full sur ce système")
    import essrural

    cli(*args)  # fills the cache: the fast path can answer
    source = os.path.dirname(os.path.dirname(essrural.__file__))
    answers = []
    for fast in ("0", "1"):
        env = {**os.environ, "ESSRURAL_CACHE_DIR": str(cache_folder), "PYTHONPATH": source, "ESSRURAL_NO_FASTPATH": fast}
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "essrural", *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env)
        answers.append((result.returncode, result.stderr))
    assert answers[0] == answers[1] == (1, "opération impossible : disque plein.\n")
