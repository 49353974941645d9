"""The HTTP API: FastAPI app with thin routes over :class:`nlp_service.Analyzer`."""

from nlp_service.api.app import create_app

__all__ = ["create_app"]
