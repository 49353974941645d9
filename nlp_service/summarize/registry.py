"""The summarizers, by name: the one list that the Analyzer, the API's allowed values, the CLI's choices
and the error messages read.

Entries name their class as ``module:Class`` and are imported only when loaded, so reading the names
(the CLI's ``--help``) imports no model code. A class with a ``model`` directory name is a
:class:`~nlp_service.artifacts.ServedModel` built by ``from_dir``; one without needs no model and is built
with no argument. Order matters: the first method whose model is loaded is the default.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from nlp_service.errors import UnknownSummaryMethod


@dataclass(frozen=True)
class Method:
    name: str
    target: str  # "module:Class", imported when loaded
    model: str | None = None  # its model directory's name (under a model dir; settings' <model>_model)

    def load(self, directory: Path | None = None):
        module, _, attribute = self.target.partition(":")
        kind = getattr(importlib.import_module(module), attribute)
        return kind.from_dir(directory) if self.model else kind()


METHODS: dict[str, Method] = {m.name: m for m in (
    Method("learned", "nlp_service.summarize.learned.model:LearnedModel", model="summarizer"),
    Method("unsupervised", "nlp_service.summarize.unsupervised:UnsupervisedSummarizer"),
)}
NAMES = tuple(METHODS)


def listed(names=NAMES) -> str:
    """Names as messages list them: ``"learned" or "unsupervised"``."""
    return " or ".join(f'"{n}"' for n in names)


def method(name: str) -> Method:
    """The registered method ``name``; any other name is an :class:`UnknownSummaryMethod` (422)."""
    try:
        return METHODS[name]
    except KeyError:
        raise UnknownSummaryMethod(f"unknown summary method {name!r}; use {listed()}") from None


def described() -> str:
    """The choices as help texts give them: ``learned (default) or unsupervised``."""
    return " or ".join(f"{n} (default)" if i == 0 else n for i, n in enumerate(NAMES))
