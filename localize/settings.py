"""Run-time configuration, read once from the environment (`LOCALIZE_*`)."""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from localize.review.rules.text import DEFAULT_CONFIDENCE_THRESHOLD

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"  # data the code ships with: language codes, the demo corpus


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOCALIZE_")

    models: Path | None = Field(default=None, description="TOML file mapping language pairs to models")
    engine: Literal["transformers", "ctranslate2"] = Field(
        default="transformers", description="transformers, or ctranslate2 for models `localize models convert` wrote")
    market_rules: Path = Field(default=PROJECT_ROOT / "market_rules", description="market YAML folder")
    glossaries: Path = Field(default=PROJECT_ROOT / "glossaries", description="folder of shipped glossaries")
    rates: Path = Field(default=PROJECT_ROOT / ".localize" / "rates.csv", description="imported FX rates")
    num_beams: int = Field(default=1, ge=1, le=16, description="1 is greedy decoding")
    placeholder_constraint: bool = Field(default=True, description="decode each placeholder exactly once")
    block_repeats: int = Field(default=8, ge=0, le=64,
                               description="longest back-to-back repeated span (tokens) decoding refuses; 0 is off")
    no_repeat_ngram_size: int = Field(default=0, ge=0, le=16, description="transformers' n-gram ban; 0 is off")
    repetition_penalty: float = Field(default=1.0, ge=1.0, le=3.0, description="transformers' penalty; 1.0 is off")
    confidence_threshold: float = Field(default=DEFAULT_CONFIDENCE_THRESHOLD, ge=0, le=100,
                                        description="qa.low-confidence flags a field whose confidence is below this")
    threads: int | None = Field(default=None, ge=1, description="CPU threads a process translates with")
    inter_threads: int | None = Field(default=None, ge=1, le=64,
                                      description="ctranslate2: batches side by side, each with `threads`")
    batch_size: int = Field(default=32, ge=1, description="segments per generate() call")
    max_batch_tokens: int = Field(default=4096, ge=64, description="input tokens per generate() call")
    database_url: str = Field(default=f"sqlite:///{PROJECT_ROOT / '.localize' / 'localize.db'}",
                              description="SQLAlchemy URL of the store; postgresql+psycopg://... for PostgreSQL")
    max_body_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, description="largest request body the API reads")
    cookie_secure: bool = Field(default=False, description="send the session cookie over HTTPS only")
    memory_threshold: float = Field(default=85, ge=0, le=100,
                                    description="fuzzy memory matches at or above this score are suggested")
    worker: bool = Field(default=True, description="run batches in a background worker inside the server")
    rate_limit_per_key: int = Field(default=600, ge=0, description="API requests a minute per API key; 0 is off")
    rate_limit_per_address: int = Field(default=1200, ge=0,
                                        description="requests a minute per client address; 0 is off")
    login_rate_per_address: int = Field(default=10, ge=0, description="sign-in attempts a minute per client address")
    login_attempts: int = Field(default=5, ge=1, description="failed sign-ins in a row that lock an account")
    lockout_minutes: int = Field(default=15, ge=1, description="how long a locked account stays locked")
    broker_url: str | None = Field(default=None, description="Celery broker (redis://host:6379/0): batches go to "
                                                             "`localize worker` processes; unset: the server's thread")
    task_listings: int = Field(default=16, ge=1, le=1000, description="listings per Celery task")
    task_visibility_timeout: int = Field(default=900, ge=1, description="seconds before a task a dead worker took "
                                                                      "is given to another (longer than any task)")
    webhook_attempts: int = Field(default=6, ge=1, le=20, description="tries to deliver a webhook event")
    webhook_backoff: float = Field(default=2.0, ge=0, description="seconds before the first retry; doubles each time")
    adapt_margin: float = Field(default=1.0, description="chrF points an adapted model must gain on held-out "
                                                         "approvals to be promoted (`localize models adapt`)")
    adapt_max_forgetting: float = Field(default=5.0, ge=0, description="chrF points an adapted model may lose on "
                                                                       "base-corpus pairs it was not trained on (or "
                                                                       "half its gain, when more)")
    adapt_after: int = Field(default=200, ge=0, description="with workers: new approvals of a pair (or of a "
                                                            "seller with a model of its own) that start an "
                                                            "adaptation; 0 is off")
    adapt_max_minutes: float = Field(default=30, gt=0, description="the longest an adaptation trains")
    adapt_learning_rate: float = Field(default=5e-5, gt=0, le=1, description="the learning rate adaptation "
                                                                             "fine-tunes with")
    webhook_private_hosts: bool = Field(default=False, description="allow webhooks to private and loopback "
                                                                   "addresses (off: no request into your network)")


def get_settings() -> Settings:
    """Read afresh on each call: cheap, and tests and servers may change the environment."""
    return Settings()
