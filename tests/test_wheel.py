"""The built wheel carries the data and works from any folder, as a user installs it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "pyproject.toml").is_file():
        pytest.skip("le test du paquet a besoin de l'arbre des sources")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(out), str(ROOT)],
        check=True,
    )
    (found,) = out.glob("essrural-*.whl")
    return found


def test_wheel_ships_the_knowledge_files(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("levers.yaml", "examples.yaml", "programmes.yaml"):
        assert f"essrural/data/{data}" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_runs_from_another_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Offline: the wheel itself, its dependencies taken from the environment running the tests.
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(site, "outer-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "ESSRURAL_DATA_DIR"}}
    where = subprocess.run(
        [str(python), "-c", "import essrural; print(essrural.__file__)"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True,
    ).stdout
    assert str(venv) in where
    result = subprocess.run(
        [str(venv / "bin" / "essrural"), "examples", "--sector", "mobilite"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "MÒVER" in result.stdout
    result = subprocess.run([str(venv / "bin" / "essrural"), "levers"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0 and "local-communal-mis-a-disposition" in result.stdout
