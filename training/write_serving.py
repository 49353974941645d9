"""Add the serving arrays (:mod:`nlp_service.linear`) to existing section and topic model directories.

    .venv/bin/python -m training.write_serving models/section models/topics

Training writes them itself; this is for directories trained before the service read arrays. Each directory's
pickle is loaded after the card's checks, converted, and its card gains the ``serving`` entry with the files'
SHA-256; the pickle and its hash are left as they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

from nlp_service.artifacts import load_model
from nlp_service.section import model as section
from nlp_service.topics import model as topics


def main(directories: list[str]) -> None:
    for directory in map(Path, directories):
        estimator = load_model(directory).estimator
        writer = section.save_serving if hasattr(estimator, "steps") else topics.save_serving
        card = writer(directory, estimator)
        print(f"{directory}: {len(card['serving']['files'])} array files")


if __name__ == "__main__":
    main(sys.argv[1:])
