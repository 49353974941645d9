"""Scripts that build and evaluate the shipped models from the corpora in ../shared/data."""
