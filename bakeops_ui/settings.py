"""All configuration, from BAKEOPS_* environment variables or a .env file."""

from datetime import time
from functools import lru_cache
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.bakery import BakeryRules


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
    secret_key: str = "dev-secret-change-me"
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

    def bakery_rules(self) -> BakeryRules:
        weekdays = frozenset(_WEEKDAYS.index(d) for d in self.open_days.split(","))
        return BakeryRules(timezone=self.timezone, opens=self.opens, closes=self.closes, open_weekdays=weekdays)


_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


@lru_cache
def get_settings() -> Settings:
    return Settings()
