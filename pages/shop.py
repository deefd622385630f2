"""The shop as every page shows it (name, currency) and the sign-in budget /login spends, fixed at start."""

from dataclasses import dataclass, field

from nicegui import app

from services.limits import Budget, Rate, RateLimits


@dataclass(frozen=True)
class Shop:
    name: str = "BakeOps Bakery"
    currency: str = "£"
    sign_in_rate: Rate = field(default_factory=lambda: Rate(count=10))
    # Shared with POST /auth/token of the same server (and every server, with Redis): one budget per client.
    rate_limits: RateLimits = field(default_factory=RateLimits, compare=False)

    def sign_in_wait(self, client: str) -> float:
        """Count one sign-in attempt; 0 when allowed, else the seconds this client must wait."""
        return self.rate_limits.hit(Budget.SIGN_INS, self.sign_in_rate, client)


def open_shop(shop: Shop) -> None:
    app.state.shop = shop


def shop() -> Shop:
    """The shop the server was started with (register_pages)."""
    return app.state.shop
