"""Every setting of the service, from ``NLP_SERVICE_*`` environment variables or a ``.env`` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

def _shipped_models() -> Path:
    """Where the shipped models are: inside the installed package (a wheel maps the repository's
    ``models/`` to ``nlp_service/models/``), else the repository's ``models/`` beside the package."""
    package = Path(__file__).resolve().parent
    inside = package / "models"
    return inside if inside.is_dir() else package.parent / "models"


SHIPPED_MODELS = _shipped_models()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NLP_SERVICE_", env_file=".env", extra="ignore")

    section_model: Path = Field(SHIPPED_MODELS / "section", description="directory of the section model")
    topics_model: Path | None = Field(None, description="directory of the topics model (shipped one when unset)")
    summarizer_model: Path | None = Field(None, description="directory of the learned summarizer (shipped one when unset)")
    page_lines_model: Path | None = Field(
        None, description="directory of the page-line classifier that finds a page's article (shipped one when unset)")
    max_chars: int = Field(100_000, gt=0, description="longest accepted article, in characters, once the page's "
                                                       "article is extracted")
    max_page_bytes: int = Field(5_000_000, gt=0, description="largest accepted raw text or page, in UTF-8 bytes")
    max_summary_sentences: int = Field(20, gt=0, description="most sentences a summary may ask for")
    # A 100,000-character article of ordinary sentences has about 800; the summarizer's cost grows with the square.
    max_sentences: int = Field(1000, gt=0, description="most sentences an article may have once split (413 beyond)")
    max_title_chars: int = Field(1000, gt=0, description="longest accepted title, in characters")
    # Whole scraped HTML pages run to about 1.5 MB; a chunked body is counted as it arrives and cut at the limit.
    max_body_bytes: int = Field(5_000_000, gt=0, description="largest accepted request body, in bytes (413 beyond)")
    batch_max_items: int = Field(100_000, gt=0, description="most lines one `nlp-service batch` run accepts")
    workers: int = Field(2, gt=0, description="analyses that run at once, beside the event loop")
    # Threads of one process share its GIL: two busy analysis threads delay every reply the event loop sends.
    analysis_processes: bool = Field(True, description="run the analyses in `workers` worker processes, each with "
                                                       "its own copy of the models; false: threads of the server")
    # At 10 a busy analysis process gets about a tenth of a core's share against the event loop's, so on a
    # saturated machine /healthz and 503s are still answered at once; analyses take the CPU time left over.
    analysis_nice: int = Field(10, ge=0, le=19, description="niceness added to the analysis processes "
                                                            "(0: the same priority as the server's event loop)")
    analysis_queue: int = Field(16, ge=0, description="analysis requests that may wait for a worker; "
                                                      "beyond them the answer is 503 with Retry-After")
    # Together with the queue this bounds what an accepted request waits, whatever the machine's speed.
    queue_timeout: float = Field(1.0, gt=0, description="seconds an analysis request may wait for a worker "
                                                        "before it is refused with 503 and Retry-After")
    request_timeout: float = Field(15.0, gt=0, description="seconds an analysis request may take, waiting included; "
                                                           "the work stops at its next stage (504)")
    retry_after: int = Field(2, gt=0, description="seconds a 503 for a full queue or store asks the client to wait")
    trusted_proxies: str = Field("", description="comma-separated addresses of reverse proxies whose "
                                                 "X-Forwarded-For is believed; forwarded requests from any other "
                                                 "peer never count as loopback")
    host: str = Field("127.0.0.1", description="address `nlp-service serve` binds")
    port: int = Field(8000, gt=0, lt=65536, description="port `nlp-service serve` binds")
    log_level: str = Field("info", description="level of the service's JSON log lines (and uvicorn's)")
    cors_origins: str = Field("", description="origins that browsers may call the API from, comma-separated "
                                              "(e.g. https://cms.example.vn); empty: none (same origin only)")
    analyze_batch_max_items: int = Field(100, gt=0, description="most documents one POST /v1/analyze/batch takes")

    # The article store (nlp_service.store) and its API.
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the article store, e.g. postgresql+psycopg://user@host/db; "
                          "unset: SQLite in data_dir")
    data_dir: Path = Field(Path("data"), description="directory of the embedded SQLite store (created on first use)")
    sqlite_busy_timeout: float = Field(10.0, gt=0, description="seconds a SQLite write waits for another writer")
    db_connect_timeout: float = Field(5.0, gt=0, description="seconds to wait for a database connection")
    db_statement_timeout: float = Field(10.0, gt=0, description="seconds a store call may take before it is a 503")
    store_threads: int = Field(8, gt=0, description="store calls that run at once, apart from the analysis workers")
    api_keys: SecretStr | None = Field(
        None, description="API keys of the store endpoints as KEY:role,KEY:role (roles editor, reader)")
    timezone: str = Field("Asia/Ho_Chi_Minh",
                          description="zone of stats buckets and of dates given without an offset")
    store_summary_sentences: int = Field(3, gt=0, description="sentences of the summary kept with a stored article")
    list_default_limit: int = Field(50, gt=0, description="articles per page when a list asks for no limit")
    list_max_limit: int = Field(200, gt=0, description="most articles one list page may ask for")
    search_max_chars: int = Field(200, gt=0, description="longest q= search phrase")
    stats_max_buckets: int = Field(1000, gt=0, description="most time buckets one stats query may return")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (an IANA name such as Asia/Ho_Chi_Minh or UTC)") from exc
        return value

    @model_validator(mode="after")
    def _limits_agree(self) -> Settings:
        if self.list_default_limit > self.list_max_limit:
            raise ValueError("list_default_limit is above list_max_limit")
        return self

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@lru_cache
def get_settings() -> Settings:
    return Settings()
