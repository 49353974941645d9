"""The models of a running service, loaded once, in the background, behind a lock."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable

from nlp_service.pipeline import Analyzer
from nlp_service.errors import ModelNotReady

log = logging.getLogger("nlp_service")


class ModelHolder:
    def __init__(self, loader: Callable[[], Analyzer]):
        self._loader = loader
        self._lock = threading.Lock()
        self._analyzer: Analyzer | None = None
        self.error: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Load in a daemon thread so the server answers /healthz while models load."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._load, name="model-loader", daemon=True)
                self._thread.start()

    def _load(self) -> None:
        try:
            analyzer = self._loader()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz, not swallowed
            log.exception("loading models failed")
            with self._lock:
                self.error = f"{type(exc).__name__}: {exc}"
            return
        with self._lock:
            self._analyzer = analyzer
        # What start-up built lives as long as the process. A full collection walked it all again: about 90 ms
        # with the event loop stopped, the p99 of /healthz under load; frozen, collections skip it.
        gc.freeze()
        log.info("models loaded: %s", analyzer.versions)

    def close(self) -> None:
        """Stop the analysis processes, if the loaded analyzer has any."""
        close = getattr(self._analyzer, "close", None)
        if close is not None:
            close()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def ready(self) -> bool:
        return self._analyzer is not None

    def get(self) -> Analyzer:
        analyzer = self._analyzer
        if analyzer is None:
            raise ModelNotReady(self.error or "the models are still loading; retry shortly")
        return analyzer
