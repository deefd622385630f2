"""All configuration, from BAKEOPS_* environment variables or a .env file, parsed and checked once at start.

A wrong value stops `bakeops` at start with a message naming the variable, never an error mid-request.
"""

from datetime import time
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from services.bakery import WEEKDAYS, BakeryRules
from services.limits import Rate

DEFAULT_SECRET = "dev-secret-change-me"
WEAK_SECRETS = {DEFAULT_SECRET, "replace-with-a-long-random-string", "changeme", "secret", ""}
WEAK_PASSWORDS = {"admin", "password", "changeme", "change-me", "bakery_pass", "replace-me-now"}
URL_SCHEMES = {
    "amqp_url": ("amqp", "amqps"),
    "redis_url": ("redis", "rediss", "unix"),
    "smtp_url": ("smtp", "smtps"),
}

ProxyNetwork = IPv4Network | IPv6Network
# Comma-separated in the environment, not JSON.
Weekdays = Annotated[frozenset[int], NoDecode]
Networks = Annotated[tuple[ProxyNetwork, ...], NoDecode]
RateSetting = Annotated[Rate, NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BAKEOPS_", env_file=".env", extra="ignore", frozen=True)

    env: Literal["development", "production", "test"] = "development"
    database_url: str = Field("sqlite:///./bakeops.db", description="SQLAlchemy URL; SQLite or PostgreSQL")
    amqp_url: str | None = Field(None, description="RabbitMQ URL; unset = in-process events")
    exchange_prefix: str = Field("bakeops", description="Prefix of exchange and queue names")
    redis_url: str | None = Field(None, description="Redis shared by every server (rate limits, sign-ins)")
    redis_prefix: str = Field("bakeops", min_length=1, description="Prefix of every Redis key")
    bakery_name: str = "BakeOps Bakery"
    currency: str = Field("£", max_length=4, description="Symbol shown before prices")
    timezone: str = "Europe/London"
    opens: time = time(7, 0)
    closes: time = time(18, 0)
    open_days: Weekdays = Field(frozenset(range(7)), description="Days the bakery opens: Mon,Tue,...")
    demo_data: bool = Field(True, description="Load the demo catalogue into an empty database on start")
    secret_key: str = Field(DEFAULT_SECRET, description="Signs sessions and API tokens; long and random in production")
    admin_email: str | None = Field(None, description="First admin, created at start when there is none")
    admin_password: str | None = Field(None, description="Password of that first admin")
    token_minutes: int = Field(60, ge=1, le=60 * 24 * 30, description="How long an API token stays valid")
    rate_limit_orders: RateSetting = Field(Rate(count=120), description="POST /order per client ('0' = off)")
    rate_limit_logins: RateSetting = Field(Rate(count=10), description="Sign-in attempts per client ('0' = off)")
    trusted_proxies: Networks = Field((), description="Proxies whose X-Forwarded-For is believed")
    trust_proxy_headers: bool = Field(False, description="Replaced by trusted_proxies; refused when true")
    max_body_bytes: int = Field(64 * 1024, ge=1, description="Larger request bodies get 413")
    smtp_url: str | None = Field(None, description="smtp://user:pass@host:port for real email; unset = log only")
    smtp_sender: str = "orders@bakeops.local"
    public_url: str | None = Field(
        None, description="The shop's address (https://...) that customers' sign-in links start with"
    )
    worker_prefetch: int = Field(8, ge=1, le=256, description="Events a worker handles at once")
    worker_max_attempts: int = Field(5, ge=1, le=50, description="Tries before an event goes to the DLQ")
    relay_sweep_seconds: float = Field(1.0, gt=0, description="How often unsent outbox rows are swept")
    log_format: Literal["json", "text"] = Field("json", description="One JSON object per log line, or plain text")
    worker_metrics_port: int = Field(9100, ge=0, le=65535, description="Worker's /metrics port (0 = off)")
    lateness_check_seconds: float = Field(30.0, gt=0, description="How often late orders are looked for")
    gc_freeze: bool = Field(True, description="Keep full garbage collections short (bakeops_ui/gc_pauses.py)")

    @field_validator("open_days", mode="before")
    @classmethod
    def _known_days(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        days = [d.strip().title()[:3] for d in value.split(",") if d.strip()]
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown or not days:
            raise ValueError(f"unknown day(s) {unknown or value!r}; list some of {','.join(WEEKDAYS)}")
        return frozenset(WEEKDAYS.index(d) for d in days)

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        networks = []
        for part in filter(None, (p.strip() for p in value.split(","))):
            try:
                networks.append(ip_network(part, strict=False))
            except ValueError:
                raise ValueError(f"{part!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
        return tuple(networks)

    @field_validator("trust_proxy_headers")
    @classmethod
    def _replaced(cls, value: bool) -> bool:
        if value:
            raise ValueError(
                "trusting every X-Forwarded-For lets clients choose their own address; "
                "list your proxies' addresses in BAKEOPS_TRUSTED_PROXIES instead"
            )
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a time zone name (e.g. Europe/London)") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(f"{value!r} is not a database URL (e.g. sqlite:///./bakeops.db)") from None
        if url.get_backend_name() not in {"sqlite", "postgresql"}:
            raise ValueError(f"{url.get_backend_name()!r} is not supported; use sqlite:// or postgresql+psycopg2://")
        return value

    @field_validator("amqp_url", "redis_url", "smtp_url")
    @classmethod
    def _service_url(cls, value: str | None, info) -> str | None:
        if not value:
            return None  # an empty variable (as compose passes it) means unset
        schemes = URL_SCHEMES[info.field_name]
        parts = urlsplit(value)
        if parts.scheme not in schemes or not (parts.hostname or parts.scheme == "unix"):
            raise ValueError(f"{value!r} is not a URL like {schemes[0]}://host:port")
        return value

    @model_validator(mode="after")
    def _opening_hours(self) -> "Settings":
        if self.opens >= self.closes:
            raise ValueError(f"BAKEOPS_OPENS ({self.opens:%H:%M}) must be before BAKEOPS_CLOSES ({self.closes:%H:%M})")
        return self

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
        return BakeryRules(timezone=self.timezone, opens=self.opens, closes=self.closes, open_weekdays=self.open_days)

    def changed(self, **changes: Any) -> "Settings":
        """A copy with some values changed, checked like the originals (model_copy would not check them)."""
        return type(self)(_env_file=None, **{**self.model_dump(), **changes})


class SettingsRefused(SystemExit):
    """Bad configuration: the process stops with one line per wrong variable."""


def explain(error: ValidationError) -> str:
    lines = ["BakeOps cannot start: fix these settings (environment or .env):"]
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        variable = f"BAKEOPS_{field.upper()}" if field else "settings"
        lines.append(f"  {variable}: {problem['msg'].removeprefix('Value error, ')}")
    return "\n".join(lines)


@lru_cache
def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        raise SettingsRefused(explain(error)) from None
