"""What travels between the app, the worker and the pages: events and refresh messages, typed.

Every kind of event is an `EventKind` and carries one payload model; both are checked whenever an event is
written, read from the outbox or received from the broker, so a kind or a field nobody declared is an error
where it is made, not a silent `None` in a page. The JSON on the wire is what these models dump.
"""

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Protocol, get_args

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)

from services.clock import as_aware, utcnow
from services.models import OutboxEvent
from services.order_status import OrderStatus
from services.product_options import OptionGroup


class EventKind(StrEnum):
    ORDER_PLACED = "order.placed"
    ORDER_STATUS_CHANGED = "order.status_changed"
    ORDER_CANCELLED = "order.cancelled"
    ORDER_LATE = "order.late"  # its pickup time passed before it was Ready
    ORDER_PICKUP_MOVED = "order.pickup_moved"
    PRODUCT_CREATED = "product.created"
    PRODUCT_UPDATED = "product.updated"  # its fields, its photo, or the order of the categories
    BAKERY_UPDATED = "bakery.updated"  # the bakery's settings
    CUSTOMER_SIGN_IN_LINK = "customer.sign_in_link"  # a customer asked for a one-time sign-in link

    @property
    def area(self) -> str:
        """What changed: "order", "product", "bakery" or "customer" (the pages follow the first three)."""
        return self.value.partition(".")[0]


class Payload(BaseModel):
    """What one kind of event says; frozen, and a field it does not declare is refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class OrderEvent(Payload):
    """An order was placed, moved on, moved back (undo), cancelled, given another pickup time, or became late."""

    order_id: str
    ticket_number: int | None
    status: OrderStatus
    due_day: date
    at: AwareDatetime
    from_status: OrderStatus | None = None  # None when it was just placed, and on a late flag
    version: int | None = None  # the order's version after the change; a late flag does not change it
    by: str | None = None  # who changed it; the lateness watch is nobody
    undo: bool = False  # a correction by staff, not news for the customer
    note: str | None = None  # a cancellation's reason, or the note on a move
    pickup_at: AwareDatetime | None = None  # the new pickup time, on a pickup move


class ProductEvent(Payload):
    """A product as the REST API shows it (`ProductPublic`), after it was added or changed."""

    id: int
    name: str
    price: Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
    category: str
    description: str
    available: bool
    daily_limit: int | None
    lead_time_hours: int | None
    active: bool
    allergens: list[str]
    may_contain: list[str]
    ingredients: str
    options: list[OptionGroup]
    min_quantity: int
    max_quantity: int | None
    quantity_step: int
    position: int
    photo_url: str | None
    thumbnail_url: str | None


class ProductPhotoEvent(Payload):
    """A product got a new photo (its content hash) or lost it (None); the event's subject is the product id."""

    photo: str | None


class ProductPositionEvent(Payload):
    """A product's place within its category changed; the event's subject is the product id."""

    position: int


class SignInLinkEvent(Payload):
    """A one-time sign-in link for the worker to email. Only the worker's copy carries the address and the
    link: the refresh every UI server receives has neither (`Refresh.after`)."""

    email: str | None
    link: str | None
    minutes: int


class CategoryOrderEvent(Payload):
    """The storefront's categories in their new order; the event's subject is "categories"."""

    categories: list[str]


class BakeryEvent(Payload):
    """The bakery's settings changed (hours, slots, pause, delivery): their new version, who, when."""

    version: int
    by: str
    at: AwareDatetime


EventPayload = (
    OrderEvent
    | ProductEvent
    | ProductPhotoEvent
    | CategoryOrderEvent
    | ProductPositionEvent
    | BakeryEvent
    | SignInLinkEvent
)

_PRODUCT = ProductEvent | ProductPhotoEvent | CategoryOrderEvent | ProductPositionEvent
PAYLOADS: dict[EventKind, Any] = {
    EventKind.ORDER_PLACED: OrderEvent,
    EventKind.ORDER_STATUS_CHANGED: OrderEvent,
    EventKind.ORDER_CANCELLED: OrderEvent,
    EventKind.ORDER_LATE: OrderEvent,
    EventKind.ORDER_PICKUP_MOVED: OrderEvent,
    EventKind.PRODUCT_CREATED: ProductEvent,
    EventKind.PRODUCT_UPDATED: _PRODUCT,  # each shape refuses the others' fields, so exactly one fits
    EventKind.BAKERY_UPDATED: BakeryEvent,
    EventKind.CUSTOMER_SIGN_IN_LINK: SignInLinkEvent,
}
_READERS = {kind: TypeAdapter(payload) for kind, payload in PAYLOADS.items()}
_MODELS = {kind: get_args(payload) or (payload,) for kind, payload in PAYLOADS.items()}


def payload_for(kind: EventKind, payload: Any) -> EventPayload:
    """`payload` (a model, or JSON as the outbox holds it) as the model `kind` carries; anything else is refused."""
    kind = EventKind(kind)
    if isinstance(payload, BaseModel):
        # Models are frozen and were checked when they were made: only their type is left to check.
        if not isinstance(payload, _MODELS[kind]):
            raise ValueError(
                f"{kind} carries {' or '.join(m.__name__ for m in _MODELS[kind])}, not {type(payload).__name__}"
            )
        return payload
    return _READERS[kind].validate_python(payload)


class _Announcement(BaseModel):
    """What an event and its refresh share: which change, of what kind, about whom, saying what."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str
    kind: EventKind
    subject: str  # the order's public id, the product id, "categories" or "bakery"
    payload: EventPayload

    @field_validator("payload", mode="before")
    @classmethod
    def _payload_of_its_kind(cls, payload: Any, info: ValidationInfo) -> Any:
        kind = info.data.get("kind")
        return payload if kind is None else payload_for(kind, payload)  # without a kind, that error is reported

    @property
    def order(self) -> OrderEvent | None:
        """The order's side of the change, or None when it is not about an order."""
        return self.payload if isinstance(self.payload, OrderEvent) else None


class Event(_Announcement):
    """A committed change, as read from the outbox."""

    created_at: AwareDatetime
    seq: int = Field(default=0, exclude=True)  # position in the outbox; 0 once it has left the process that wrote it

    @classmethod
    def from_row(cls, row: OutboxEvent) -> "Event":
        return cls(
            event_id=row.event_id,
            kind=row.kind,
            subject=row.subject,
            payload=row.payload,
            created_at=as_aware(row.created_at),
            seq=row.seq or 0,
        )

    def to_json(self) -> bytes:
        """The message body the broker carries to the workers."""
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, body: bytes) -> "Event":
        return cls.model_validate_json(body)


class Refresh(_Announcement):
    """Tells every UI server that something changed and which pages should redraw."""

    committed_at: AwareDatetime
    handled_at: AwareDatetime = Field(default_factory=utcnow)

    @classmethod
    def after(cls, event: Event) -> "Refresh":
        payload = event.payload
        if isinstance(payload, SignInLinkEvent):  # a key to someone's orders goes to their inbox alone
            payload = payload.model_copy(update={"email": None, "link": None})
        return cls(
            event_id=event.event_id,
            kind=event.kind,
            subject=event.subject,
            payload=payload,
            committed_at=event.created_at,
        )

    def to_json(self) -> bytes:
        """The message body the fanout carries to every UI server."""
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, body: bytes) -> "Refresh":
        return cls.model_validate_json(body)


class EventPublisher(Protocol):
    """Sends outbox events on to the workers: returns those handed over (the rest stay unsent and go again);
    raises when none could be."""

    def publish_events(self, events: list[Event]) -> list[Event]: ...
