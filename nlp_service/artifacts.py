"""Model directories: a joblib artifact beside a JSON model card that vouches for it.

joblib unpickles, and unpickling can run code, so an artifact is loaded only after
its SHA-256 matches the card and the card's scikit-learn version is the one
installed (a pickle from another version may load and still predict wrongly).
Only directories the caller names (the shipped ones or those in the settings) are read.

:func:`model_dirs` says which directories a service reads (a model dir given, else the settings, else the
shipped ones) and :func:`check_model_dirs` verifies them all without loading anything. Every served component
(section, topics, learned summarizer, page-line classifier) is a :class:`ServedModel`, built one way:
``Kind.from_dir(directory)``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from nlp_service.errors import ModelIntegrityError
from nlp_service.settings import SHIPPED_MODELS, Settings, get_settings
from nlp_service.summarize import registry

CARD = "card.json"
ARTIFACT = "model.joblib"
TRACKED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "underthesea", "underthesea-core", "lightgbm",
                     "jusText", "lxml")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TRACKED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


@dataclass(frozen=True)
class LoadedModel:
    estimator: Any
    card: dict
    directory: Path


def read_card(directory: Path) -> dict:
    path = Path(directory) / CARD
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ModelIntegrityError(f"no model card at {path}") from exc
    except json.JSONDecodeError as exc:
        raise ModelIntegrityError(f"model card {path} is not valid JSON: {exc}") from exc
    if not isinstance(card, dict) or "artifact" not in card or "sha256" not in card.get("artifact", {}):
        raise ModelIntegrityError(f"model card {path} names no artifact SHA-256")
    return card


def load_model(directory: Path, unpickle: bool = True) -> LoadedModel:
    """Check the card, then the artifact's hash and scikit-learn version, then unpickle (``unpickle=False``: only
    the checks, for a model served from arrays; the estimator is then None)."""
    directory = Path(directory)
    card = read_card(directory)
    artifact = directory / card["artifact"].get("file", ARTIFACT)
    if not artifact.is_file():
        raise ModelIntegrityError(f"artifact {artifact} is missing")
    actual = sha256_of(artifact)
    if actual != card["artifact"]["sha256"]:
        raise ModelIntegrityError(f"artifact {artifact} has SHA-256 {actual}, the card says {card['artifact']['sha256']}")
    trained_with = card.get("libraries", {}).get("scikit-learn")
    installed = metadata.version("scikit-learn")
    if trained_with and trained_with != installed:
        raise ModelIntegrityError(f"{directory.name} was trained with scikit-learn {trained_with}; {installed} is installed")
    if not unpickle:
        return LoadedModel(None, card, directory)
    import joblib  # here, not at the top: checking model directories (``serve``'s first step) needs no joblib

    return LoadedModel(joblib.load(artifact), card, directory)


def save_model(estimator: Any, directory: Path, card: dict) -> dict:
    """Write the artifact (compressed) and its card with hash, size and library versions."""
    import joblib

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    artifact = directory / ARTIFACT
    joblib.dump(estimator, artifact, compress=("xz", 6))
    card = dict(card)
    card["artifact"] = {"file": ARTIFACT, "sha256": sha256_of(artifact), "bytes": artifact.stat().st_size}
    card["libraries"] = library_versions()
    (directory / CARD).write_text(json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return card


def save_arrays(directory: Path, name: str, arrays: dict[str, Any]) -> dict:
    """Write numpy arrays beside a model's artifact as ``NAME.KEY.npy`` (plain .npy files, so that they can be
    memory-mapped) and return the card entry that vouches for them: ``{"files": {file: sha256}}``."""
    import numpy as np

    directory = Path(directory)
    files = {}
    for key, array in arrays.items():
        path = directory / f"{name}.{key}.npy"
        np.save(path, np.asarray(array), allow_pickle=False)
        files[path.name] = sha256_of(path)
    return {"files": files}


def load_arrays(directory: Path, entry: dict) -> dict[str, Any]:
    """The arrays of a card entry written by :func:`save_arrays`, each checked against its SHA-256, memory-mapped
    read-only (worker processes share the pages) and never unpickled."""
    import numpy as np

    paths = checked_arrays(directory, entry)
    return {key: np.load(path, mmap_mode="r", allow_pickle=False) for key, path in paths.items()}


def checked_arrays(directory: Path, entry: dict) -> dict[str, Path]:
    """The array files of a card entry written by :func:`save_arrays`, by key, each checked against its SHA-256."""
    directory = Path(directory)
    out = {}
    files = entry.get("files") if isinstance(entry, dict) else None
    if not isinstance(files, dict) or not files:
        raise ModelIntegrityError(f"the card of {directory} lists no array files")
    for file, expected in files.items():
        path = directory / file
        if Path(file).name != file or not path.is_file():
            raise ModelIntegrityError(f"array file {path} is missing")
        if sha256_of(path) != expected:
            raise ModelIntegrityError(f"array file {path} does not match the SHA-256 in its card")
        out[file.split(".")[-2]] = path
    return out


SERVING = "serving"  # the card key of a model's serving arrays (nlp_service.linear), and the prefix of their files


def verify_model(directory: Path) -> dict:
    """Every check of loading ``directory`` (card, artifact SHA-256, scikit-learn version, serving arrays'
    SHA-256) without unpickling or reading an array; its card."""
    card = load_model(directory, unpickle=False).card
    if SERVING in card:
        checked_arrays(directory, card[SERVING])
    return card


class ServedModel:
    """The one contract of a loaded component: ``Kind.from_dir(directory)`` reads the directory's card, and the
    kind's ``__init__`` loads what the card vouches for (through :func:`load_model` or :func:`load_arrays`) and
    checks that it is the kind of model expected."""

    def __init__(self, directory: Path, card: dict):
        self.directory = directory
        self.card = card
        self.version = str(card.get("version", "unknown"))

    @classmethod
    def from_dir(cls, directory: str | Path):
        directory = Path(directory)
        return cls(directory, read_card(directory))


def model_dirs(model_dir: str | Path | None, settings: Settings) -> dict[str, Path | None]:
    """Every model the Analyzer reads, by directory name, and its directory.

    In a ``model_dir`` only ``section/`` is needed: an absent ``topics/``, ``page_lines/`` or summarizer directory is
    None, and the Analyzer goes without. Otherwise each is the setting ``<name>_model`` (which must then be a
    directory), else the shipped one: a shipped directory that is gone is an incomplete install, reported
    as such when it is checked or loaded, not served around."""
    dirs: dict[str, Path | None] = {"section": Path(model_dir) / "section" if model_dir else settings.section_model}
    for name in ("topics", "page_lines", *(m.model for m in registry.METHODS.values() if m.model)):
        if model_dir:
            dirs[name] = Path(model_dir) / name if (Path(model_dir) / name).is_dir() else None
            continue
        configured = getattr(settings, f"{name}_model")
        if configured and not Path(configured).is_dir():
            raise ModelIntegrityError(f"NLP_SERVICE_{name.upper()}_MODEL={configured} is not a directory")
        dirs[name] = Path(configured) if configured else SHIPPED_MODELS / name
    return dirs


def check_model_dirs(model_dir: str | Path | None = None, settings: Settings | None = None) -> dict[str, Path]:
    """The model directories :meth:`nlp_service.pipeline.Analyzer.load` would read, each verified
    (:func:`verify_model`): a quick check whose error names the directory at fault."""
    dirs = {name: path for name, path in model_dirs(model_dir, settings or get_settings()).items() if path}
    for path in dirs.values():
        verify_model(path)
    return dirs
