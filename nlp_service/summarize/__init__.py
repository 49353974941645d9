"""Extractive summarizers: ``base`` (the protocol and helpers they share), ``budget`` (how much to take),
``unsupervised``, ``learned/``; ``registry`` names them for the Analyzer, the API and the CLI."""
