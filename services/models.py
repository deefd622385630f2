"""Database tables. API shapes live in schemas.py; rules live in the service modules."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, Numeric, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from services.clock import utcnow
from services.sqltypes import AwareDateTime

MONEY = Numeric(10, 2)


class Longest:
    """The longest text each column holds; schemas.py and the pages' input boxes use the same figures."""

    PRODUCT_NAME = 80
    CATEGORY = 40
    DESCRIPTION = 500
    CUSTOMER_NAME = 100
    PHONE = 30
    EMAIL = 254
    ORDER_NOTES = 1000
    STATUS_NOTE = 500
    STAFF_NAME = 80
    INGREDIENTS = 1000
    OPTION_NAME = 40
    OPTION_TEXT = 200  # the most any free-text option (an inscription) may allow
    OPTIONS_LABEL = 400


def _timestamp(**kwargs: Any) -> Any:
    return Field(default_factory=utcnow, sa_type=AwareDateTime, nullable=False, **kwargs)


class Product(SQLModel, table=True):
    __tablename__ = "products"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=Longest.PRODUCT_NAME, sa_column_kwargs={"unique": True}, nullable=False)
    price: Decimal = Field(sa_type=MONEY, nullable=False)
    category: str = Field(default="Other", max_length=Longest.CATEGORY)
    description: str = Field(default="", max_length=Longest.DESCRIPTION)
    available: bool = Field(default=True, description="False when staff switch it to sold out")
    daily_limit: int | None = Field(default=None, description="Most that can be promised for one day")
    lead_time_hours: int | None = Field(default=None, description="Hours of notice the bakers need")
    active: bool = Field(default=True, description="False once retired from the catalogue")
    # What the law makes a bakery declare (services/allergens.py names them) and what it may carry.
    allergens: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    may_contain: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ingredients: str = Field(default="", max_length=Longest.INGREDIENTS)
    # Option groups a customer picks from (services/product_options.py gives their shape).
    options: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    min_quantity: int = Field(default=1, nullable=False)
    max_quantity: int | None = Field(default=None, description="Most one order may hold")
    quantity_step: int = Field(default=1, nullable=False, description="Sold in multiples of this, e.g. 6")
    position: int = Field(default=0, nullable=False, description="Order within its category, lowest first")
    photo_hash: str | None = Field(default=None, max_length=64, description="Content hash of the photo, if any")
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class CategoryPosition(SQLModel, table=True):
    """Where an admin put a category on the storefront; categories without a row follow, by name."""

    __tablename__ = "category_positions"

    category: str = Field(max_length=Longest.CATEGORY, primary_key=True)
    position: int = Field(nullable=False)


class ProductPhoto(SQLModel, table=True):
    """A product's photo, re-encoded at card and thumbnail size; kept in the database so every server has it."""

    __tablename__ = "product_photos"

    product_id: int = Field(foreign_key="products.id", primary_key=True)
    content_hash: str = Field(max_length=64, nullable=False)
    card: bytes = Field(sa_type=LargeBinary, nullable=False)
    thumbnail: bytes = Field(sa_type=LargeBinary, nullable=False)
    updated_at: datetime = _timestamp()


class Order(SQLModel, table=True):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("ticket_day", "ticket_number", name="uq_orders_ticket"),)

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(max_length=32, unique=True, index=True, nullable=False)
    ticket_day: date = Field(nullable=False)
    # Given last in the order's transaction (see orders.place_order); never empty once committed.
    ticket_number: int | None = Field(default=None)
    due_day: date = Field(nullable=False, index=True, description="Bakery-local day it is baked for")
    customer_name: str | None = Field(default=None, max_length=Longest.CUSTOMER_NAME)
    phone: str | None = Field(default=None, max_length=Longest.PHONE)
    email: str | None = Field(default=None, max_length=Longest.EMAIL)
    pickup_at: datetime | None = Field(default=None, sa_type=AwareDateTime, index=True)
    notes: str | None = Field(default=None, max_length=Longest.ORDER_NOTES)
    status: str = Field(max_length=20, nullable=False, index=True)
    total: Decimal = Field(sa_type=MONEY, nullable=False)
    version: int = Field(default=1, nullable=False)
    idempotency_key: str | None = Field(default=None, max_length=200, unique=True)
    placed_by: str = Field(default="api", max_length=Longest.STAFF_NAME)
    late_since: datetime | None = Field(
        default=None, sa_type=AwareDateTime, description="Set by the worker when pickup passed before Ready"
    )
    created_at: datetime = _timestamp(index=True)
    updated_at: datetime = _timestamp()


class OrderItem(SQLModel, table=True):
    __tablename__ = "order_items"

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True, nullable=False)
    product_id: int = Field(foreign_key="products.id", index=True, nullable=False)
    product_name: str = Field(
        max_length=Longest.PRODUCT_NAME, description="Name when ordered, kept if the product is renamed"
    )
    quantity: int = Field(nullable=False)
    unit_price: Decimal = Field(sa_type=MONEY, nullable=False, description="Price when ordered, options included")
    options: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    options_label: str = Field(default="", max_length=Longest.OPTIONS_LABEL, description="Options as read aloud")


class OrderStatusChange(SQLModel, table=True):
    __tablename__ = "order_status_changes"
    __table_args__ = (Index("ix_order_status_changes_to_status_at", "to_status", "at"),)  # analytics

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="orders.id", index=True, nullable=False)
    from_status: str | None = Field(default=None, max_length=20)
    to_status: str = Field(max_length=20, nullable=False)
    at: datetime = _timestamp()
    by: str = Field(default="api", max_length=Longest.STAFF_NAME)
    note: str | None = Field(default=None, max_length=Longest.STATUS_NOTE)
    undoes_id: int | None = Field(
        default=None, foreign_key="order_status_changes.id", description="Set on an undo: the move it reverts"
    )


class TicketCounter(SQLModel, table=True):
    """One row per bakery day; bumped inside the order's transaction so numbers never repeat."""

    __tablename__ = "ticket_counters"

    day: date = Field(primary_key=True)
    last_number: int = Field(default=0, nullable=False)


class OutboxEvent(SQLModel, table=True):
    """An event written in the same transaction as the change it announces (see docs/ARCHITECTURE.md)."""

    __tablename__ = "outbox_events"

    seq: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=36, unique=True, nullable=False)
    kind: str = Field(max_length=40, nullable=False)
    subject: str = Field(max_length=64, nullable=False, description="Order public id or product id")
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _timestamp()
    published_at: datetime | None = Field(default=None, sa_type=AwareDateTime, index=True)
    attempts: int = Field(default=0, nullable=False)


class ProcessedEvent(SQLModel, table=True):
    """Events a worker has finished; written in the worker's own transaction so redelivery is a no-op."""

    __tablename__ = "processed_events"

    event_id: str = Field(max_length=36, primary_key=True)
    handled_at: datetime = _timestamp()


class Notification(SQLModel, table=True):
    """A message sent (or recorded) to a customer about their order."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("event_id", name="uq_notifications_event"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(max_length=36, nullable=False)
    order_public_id: str = Field(max_length=32, index=True, nullable=False)
    channel: str = Field(max_length=20, nullable=False)
    recipient: str = Field(default="", max_length=254, sa_type=String(254))
    subject: str = Field(max_length=200)
    body: str = Field(max_length=2000)
    # The status the message told the customer of, so taking that status back sends a correction.
    about: str | None = Field(default=None, max_length=20)
    created_at: datetime = _timestamp()


class CustomerSignIn(SQLModel, table=True):
    """A one-time sign-in link sent to a customer's email; only the token's hash is kept."""

    __tablename__ = "customer_sign_ins"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, nullable=False)
    email: str = Field(max_length=Longest.EMAIL, index=True, nullable=False)
    created_at: datetime = _timestamp()
    expires_at: datetime = Field(sa_type=AwareDateTime, nullable=False)
    used_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class User(SQLModel, table=True):
    """A member of staff who signs in: `admin` (everything) or `staff` (orders and the board)."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True, nullable=False)
    password_hash: str = Field(max_length=200, nullable=False)
    role: str = Field(max_length=10, nullable=False)
    active: bool = Field(default=True, nullable=False)
    created_at: datetime = _timestamp()
    updated_at: datetime = _timestamp()


class BakerySettingsRow(SQLModel, table=True):
    """The bakery's own settings, one row (id 1): contact, hours, closures and pickup-slot rules.

    Made from the BAKEOPS_* defaults on first start; afterwards admins edit it (services/bakery_settings.py).
    """

    __tablename__ = "bakery_settings"

    id: int = Field(default=1, primary_key=True)
    name: str = Field(max_length=100, nullable=False)
    address: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=30)
    hours: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    closures: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    same_day_cutoff: str | None = Field(default=None, max_length=5, description="HH:MM local, or no cut-off")
    prep_buffer_minutes: int = Field(default=30, nullable=False)
    slot_minutes: int = Field(default=15, nullable=False)
    slot_capacity: int | None = Field(default=None, description="Items per slot; None = unlimited")
    category_capacity: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    online_orders_paused: bool = Field(default=False, nullable=False)
    delivery_enabled: bool = Field(default=False, nullable=False)  # Ready cards offer Shipped only if so
    version: int = Field(default=1, nullable=False)
    updated_at: datetime = _timestamp()


class SlotBooking(SQLModel, table=True):
    """Items promised in one pickup slot: the whole slot (category "*") and per category.

    Bumped with a conditional UPDATE in the order's transaction, so no slot is ever promised beyond capacity.
    """

    __tablename__ = "slot_bookings"

    slot_start: datetime = Field(sa_type=AwareDateTime, primary_key=True)
    category: str = Field(max_length=40, primary_key=True)
    booked: int = Field(default=0, nullable=False)


class OrderSlot(SQLModel, table=True):
    """Which slot an order holds and what it booked there, so cancelling or moving it gives back exactly that."""

    __tablename__ = "order_slots"

    order_id: int = Field(foreign_key="orders.id", primary_key=True)
    slot_start: datetime = Field(sa_type=AwareDateTime, nullable=False, index=True)
    items: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    released: bool = Field(default=False, nullable=False, description="True once cancelled: nothing held")


# The production tables live in their own module; importing it here registers them wherever the tables are.
from services import recipe_models  # noqa: E402, F401
