"""All configuration, from BAKEOPS_* environment variables or a .env file."""

from datetime import time
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.bakery import BakeryRules

DEFAULT_SECRET = "dev-secret-change-me"
WEAK_SECRETS = {DEFAULT_SECRET, "replace-with-a-long-random-string", "changeme", "secret", ""}
WEAK_PASSWORDS = {"admin", "password", "changeme", "change-me", "bakery_pass", "replace-me-now"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BAKEOPS_", env_file=".env", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    database_url: str = Field("sqlite:///./bakeops.db", description="SQLAlchemy URL; SQLite or PostgreSQL")
    amqp_url: str | None = Field(None, description="RabbitMQ URL; unset = in-process events")
    exchange_prefix: str = Field("bakeops", description="Prefix of exchange and queue names")
    bakery_name: str = "BakeOps Bakery"
    currency: str = Field("£", max_length=4, description="Symbol shown before prices")
    timezone: str = "Europe/London"
    opens: time = time(7, 0)
    closes: time = time(18, 0)
    open_days: str = Field("Mon,Tue,Wed,Thu,Fri,Sat,Sun", description="Days the bakery opens")
    demo_data: bool = Field(True, description="Load the demo catalogue into an empty database on start")
    secret_key: str = Field(DEFAULT_SECRET, description="Signs sessions and API tokens; long and random in production")
    admin_email: str | None = Field(None, description="First admin, created at start when there is none")
    admin_password: str | None = Field(None, description="Password of that first admin")
    token_minutes: int = Field(60, ge=1, le=60 * 24 * 30, description="How long an API token stays valid")
    rate_limit_orders: str = Field("120/minute", description="POST /order per client ('0' = off)")
    rate_limit_logins: str = Field("10/minute", description="Sign-in attempts per client ('0' = off)")
    trust_proxy_headers: bool = Field(False, description="Take the client address from X-Forwarded-For")
    max_body_bytes: int = Field(64 * 1024, description="Larger request bodies get 413")
    smtp_url: str | None = Field(None, description="smtp://user:pass@host:port for real email; unset = log only")
    smtp_sender: str = "orders@bakeops.local"
    worker_prefetch: int = Field(8, ge=1, le=256, description="Events a worker handles at once")
    worker_max_attempts: int = Field(5, ge=1, le=50, description="Tries before an event goes to the DLQ")
    relay_sweep_seconds: float = Field(1.0, gt=0, description="How often unsent outbox rows are swept")
    log_format: Literal["json", "text"] = Field("json", description="One JSON object per log line, or plain text")
    worker_metrics_port: int = Field(9100, ge=0, le=65535, description="Worker's /metrics port (0 = off)")
    lateness_check_seconds: float = Field(30.0, gt=0, description="How often late orders are looked for")

    @field_validator("open_days")
    @classmethod
    def _known_days(cls, value: str) -> str:
        days = [d.strip().title()[:3] for d in value.split(",") if d.strip()]
        unknown = [d for d in days if d not in _WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown day(s) {unknown}; use {', '.join(_WEEKDAYS)}")
        return ",".join(days)

    @model_validator(mode="after")
    def _safe_for_production(self) -> "Settings":
        if self.env != "production":
            return self
        if self.secret_key in WEAK_SECRETS or len(self.secret_key) < 32:
            raise ValueError("BAKEOPS_SECRET_KEY must be set to a long random string (32+ characters) in production")
        if self.admin_password is not None and (self.admin_password in WEAK_PASSWORDS or len(self.admin_password) < 12):
            raise ValueError("BAKEOPS_ADMIN_PASSWORD is a default or too short (12+ characters) for production")
        return self

    def bakery_rules(self) -> BakeryRules:
        weekdays = frozenset(_WEEKDAYS.index(d) for d in self.open_days.split(","))
        return BakeryRules(timezone=self.timezone, opens=self.opens, closes=self.closes, open_weekdays=weekdays)


_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@lru_cache
def get_settings() -> Settings:
    return Settings()
