"""Every setting of the service, from ``NLP_SERVICE_*`` environment variables or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SHIPPED_MODELS = Path(__file__).resolve().parent.parent / "models"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NLP_SERVICE_", env_file=".env", extra="ignore")

    section_model: Path = Field(SHIPPED_MODELS / "section", description="directory of the section model")
    topics_model: Path | None = Field(None, description="directory of the topics model (shipped one when unset)")
    summarizer_model: Path | None = Field(None, description="directory of the learned summarizer (shipped one when unset)")
    max_chars: int = Field(100_000, gt=0, description="longest accepted article, in characters")
    max_summary_sentences: int = Field(20, gt=0, description="most sentences a summary may ask for")
    batch_max_items: int = Field(100_000, gt=0, description="most lines one `nlp-service batch` run accepts")
    workers: int = Field(2, gt=0, description="threads that run analyses beside the event loop")
    host: str = Field("127.0.0.1", description="address `nlp-service serve` binds")
    port: int = Field(8000, gt=0, lt=65536, description="port `nlp-service serve` binds")
    log_level: str = Field("info", description="uvicorn log level")


@lru_cache
def get_settings() -> Settings:
    return Settings()
