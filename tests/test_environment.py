"""pyproject.toml and environment.yml name the same dependencies; the layout is as promised."""

import re
import tomllib

import yaml

from analysis import config

_NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$")


def _split(spec: str) -> tuple[str, str]:
    m = _NAME.match(spec)
    assert m, spec
    return m.group(1).lower().replace("_", "-"), m.group(3).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((config.ROOT / "pyproject.toml").read_text())
    specs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return dict(_split(s) for s in specs)


def _environment() -> tuple[dict[str, str], list[str]]:
    env = yaml.safe_load((config.ROOT / "environment.yml").read_text())
    deps, pip = {}, []
    for item in env["dependencies"]:
        if isinstance(item, dict):
            pip.extend(item["pip"])
        else:
            deps[re.split(r"[=<>!]", item)[0]] = item
    return deps, pip


def test_environment_matches_pyproject():
    py = _pyproject()
    conda, pip = _environment()
    conda_specs = {}
    for name, item in conda.items():
        if name in ("python", "pip"):
            continue
        conda_specs[name] = _split(item)[1]
    for item in pip:
        if item != "-e .":
            n, s = _split(item)
            conda_specs[n] = s
    assert set(conda_specs) == set(py), set(conda_specs) ^ set(py)
    for name, spec in py.items():
        assert conda_specs[name] == spec, (name, spec, conda_specs[name])
    assert pip[-1] == "-e ."


def test_layout():
    for name in (
        "notebooks",
        "analysis",
        "data",
        "seeds",
        "tests",
        "environment.yml",
        "LICENSE",
        ".ci/run",
    ):
        assert (config.ROOT / name).exists(), name
    readme = (config.ROOT / "README.md").read_text()
    commands = re.findall(r"^make (\w+)", readme, flags=re.M)
    assert commands[:2] == ["run", "test"]
