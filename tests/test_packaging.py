"""The wheel's explicit package list (pyproject.toml) names every package of the source tree.

setuptools is given the list rather than finding packages, because ``models/`` is mapped into the wheel
as ``nlp_service.models``; a package left out of the list installs without its code. Add new packages
(and their non-Python files, under package-data) to pyproject.toml when this fails.
"""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_directory_is_listed():
    listed = set(_config()["packages"])
    found = {".".join(d.relative_to(ROOT).parts) for d in (ROOT / "nlp_service").rglob("*")
             if d.is_dir() and "__pycache__" not in d.parts and any(d.glob("*.py"))}
    # Alembic's migrations are data of nlp_service.store (package-data), run by Alembic, never imported.
    data = {p for p in found if p.startswith("nlp_service.store.migrations")}
    missing = sorted(found - data - listed)
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"


def test_listed_packages_exist_and_models_are_mapped_into_the_wheel():
    config = _config()
    for package in config["packages"]:
        where = ROOT / config.get("package-dir", {}).get(package, package.replace(".", "/"))
        assert where.is_dir(), f"{package} is listed but {where} does not exist"
    assert config["package-dir"]["nlp_service.models"] == "models"
    shipped = {p.parent.name for p in (ROOT / "models").glob("*/card.json")}
    assert shipped >= {"section", "topics", "summarizer"}
    assert {"*/card.json", "*/model.joblib"} <= set(config["package-data"]["nlp_service.models"])


def test_every_data_file_beside_the_code_is_package_data():
    """A JSON, HTML, JS or CSS file in a package ships only when package-data names it."""
    from fnmatch import fnmatch

    data = _config()["package-data"]
    unlisted = []
    for path in (ROOT / "nlp_service").rglob("*"):
        if path.suffix not in {".json", ".html", ".js", ".css", ".mako"} or "__pycache__" in path.parts:
            continue
        package_dir = next(p for p in [path.parent, *path.parent.parents] if (p / "__init__.py").is_file())
        package = ".".join(package_dir.relative_to(ROOT).parts)
        relative = path.relative_to(package_dir).as_posix()
        if not any(fnmatch(relative, pattern) and relative.count("/") == pattern.count("/")
                   for pattern in data.get(package, [])):
            unlisted.append(f"{package}: {relative}")
    assert not unlisted, f"add to [tool.setuptools.package-data]: {unlisted}"
