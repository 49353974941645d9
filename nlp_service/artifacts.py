"""Model directories: a joblib artifact beside a JSON model card that vouches for it.

joblib unpickles, and unpickling can run code, so an artifact is loaded only after
its SHA-256 matches the card and the card's scikit-learn version is the one
installed (a pickle from another version may load and still predict wrongly).
Only directories the caller names (the shipped ones or those in the settings) are read.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import joblib

from nlp_service.errors import ModelIntegrityError

CARD = "card.json"
ARTIFACT = "model.joblib"
TRACKED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "joblib", "underthesea", "underthesea-core", "lightgbm")


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
    return LoadedModel(joblib.load(artifact) if unpickle else None, card, directory)


def save_model(estimator: Any, directory: Path, card: dict) -> dict:
    """Write the artifact (compressed) and its card with hash, size and library versions."""
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
        out[file.split(".")[-2]] = np.load(path, mmap_mode="r", allow_pickle=False)
    return out
