"""nlp_service: section, public-affairs topics and extractive summaries of Vietnamese articles."""

from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str):
    # Imported lazily so that ``import nlp_service`` stays cheap for the CLI's --help.
    if name == "Analyzer":
        from nlp_service.pipeline import Analyzer

        return Analyzer
    raise AttributeError(name)


__all__ = ["Analyzer", "__version__"]
