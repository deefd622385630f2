"""Shapes of what comes in and goes out: the REST contract and what pages read."""

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    PlainSerializer,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    computed_field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from services.allergens import allergen_list
from services.models import Longest
from services.order_status import OrderStatus
from services.product_options import OptionGroup, check_groups

# Decimal inside, a JSON number on the wire (pydantic would send a string otherwise).
Money = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]
Price = Annotated[Decimal, Field(gt=0, le=100_000, max_digits=8, decimal_places=2)]
ProductName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=Longest.PRODUCT_NAME)]
Category = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=Longest.CATEGORY)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=Longest.DESCRIPTION)]
DailyLimit = Annotated[StrictInt, Field(ge=1, le=100_000)]
LeadTimeHours = Annotated[StrictInt, Field(ge=0, le=24 * 30)]
Quantity = Annotated[StrictInt, Field(ge=1, le=1000)]
ProductId = Annotated[StrictInt, Field(ge=1)]
CustomerName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=Longest.CUSTOMER_NAME)]
Notes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=Longest.ORDER_NOTES)]
ShortNote = Annotated[str, StringConstraints(strip_whitespace=True, max_length=Longest.STATUS_NOTE)]
StaffName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=Longest.STAFF_NAME)]
Allergens = Annotated[list[str], Field(max_length=14), AfterValidator(allergen_list)]
Ingredients = Annotated[str, StringConstraints(strip_whitespace=True, max_length=Longest.INGREDIENTS)]
OptionGroups = Annotated[list[OptionGroup], Field(max_length=10), AfterValidator(check_groups)]
LineQuantityRule = Annotated[StrictInt, Field(ge=1, le=1000)]
Position = Annotated[StrictInt, Field(ge=0, le=100_000)]
ChosenOptions = Annotated[
    dict[
        Annotated[str, StringConstraints(max_length=Longest.OPTION_NAME)],
        Annotated[str, StringConstraints(max_length=Longest.OPTION_TEXT * 2)],
    ],
    Field(max_length=10),
]


_PHONE = re.compile(rf"\+?[0-9 ()./-]{{6,{Longest.PHONE}}}")


def _written_as_a_phone_number(value: str) -> str:
    # Pydantic's own pattern message shows the regular expression to the customer.
    if not _PHONE.fullmatch(value):
        raise PydanticCustomError(
            "phone",
            "Write the phone number in digits, e.g. 07700 900123 or +44 7700 900123 (spaces, + ( ) - allowed)",
        )
    return value


def _reads_as_an_email(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    try:
        return handler(value)
    except ValidationError:
        raise PydanticCustomError("email", "Check the email address: it should look like name@example.com") from None


Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_written_as_a_phone_number),
    WithJsonSchema({"type": "string", "pattern": f"^{_PHONE.pattern}$", "maxLength": Longest.PHONE}),
]
CustomerEmail = Annotated[EmailStr, WrapValidator(_reads_as_an_email)]

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _written_as_a_date(value: object) -> object:
    # Pydantic alone also reads a number as seconds since 1970, so `?day=0` meant 1 January 1970.
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise PydanticCustomError("date_format", "Write the day as YYYY-MM-DD")


CalendarDay = Annotated[date, BeforeValidator(_written_as_a_date)]


class Incoming(BaseModel):
    # A misspelt field is an error, not a silently ignored wish.
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: object) -> object:
        # PostgreSQL cannot store a NUL character in text; refuse it here rather than fail at the database.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("Text must not contain NUL (\\x00) characters")
        return value


class ProductCreate(Incoming):
    name: ProductName
    price: Price
    category: Category = "Other"
    description: Description = ""
    available: StrictBool = True
    daily_limit: DailyLimit | None = None
    lead_time_hours: LeadTimeHours | None = None
    allergens: Allergens = []
    may_contain: Allergens = []
    ingredients: Ingredients = ""
    options: OptionGroups = []
    min_quantity: LineQuantityRule = 1
    max_quantity: LineQuantityRule | None = None
    quantity_step: LineQuantityRule = 1
    position: Position = 0


class ProductUpdate(Incoming):
    name: ProductName | None = None
    price: Price | None = None
    category: Category | None = None
    description: Description | None = None
    available: StrictBool | None = None
    daily_limit: DailyLimit | None = None
    lead_time_hours: LeadTimeHours | None = None
    active: StrictBool | None = None
    allergens: Allergens | None = None
    may_contain: Allergens | None = None
    ingredients: Ingredients | None = None
    options: OptionGroups | None = None
    min_quantity: LineQuantityRule | None = None
    max_quantity: LineQuantityRule | None = None
    quantity_step: LineQuantityRule | None = None
    position: Position | None = None

    @model_validator(mode="after")
    def _no_null_where_a_value_is_needed(self) -> Self:
        # Leaving a field out keeps it; null only clears what may be empty (daily_limit, lead_time_hours).
        cleared = [f for f in _NEEDS_A_VALUE if f in self.model_fields_set and getattr(self, f) is None]
        if cleared:
            raise ValueError(f"{', '.join(cleared)} cannot be null; leave the field out to keep its value")
        return self


_NEEDS_A_VALUE = (
    "name",
    "price",
    "category",
    "description",
    "available",
    "active",
    "allergens",
    "may_contain",
    "ingredients",
    "options",
    "min_quantity",
    "quantity_step",
    "position",
)


class ProductPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    price: Money
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
    photo_hash: str | None = Field(default=None, exclude=True)

    # The content hash is in the address: a new photo gets a new URL, so any one URL may be cached forever.
    @computed_field
    @property
    def photo_url(self) -> str | None:
        return photo_address(self.id, self.photo_hash, "card") if self.photo_hash else None

    @computed_field
    @property
    def thumbnail_url(self) -> str | None:
        return photo_address(self.id, self.photo_hash, "thumbnail") if self.photo_hash else None


def photo_address(product_id: int, photo_hash: str, size: str) -> str:
    return f"/media/products/{product_id}/{photo_hash}/{size}.webp"


class CategoryOrder(Incoming):
    categories: Annotated[list[Category], Field(max_length=100)]


class ProductAdded(BaseModel):
    message: str = "Product added successfully"
    id: int


class OrderLine(Incoming):
    product_id: ProductId
    quantity: Quantity = 1
    options: ChosenOptions = {}  # option group name -> the choice's name, or the text (an inscription)


class OrderRequest(Incoming):
    """Either the seed's one-product body `{"product_id": 1}` or a full basket in `items`."""

    product_id: ProductId | None = None
    quantity: Quantity | None = None
    options: ChosenOptions | None = None
    items: Annotated[list[OrderLine], Field(min_length=1, max_length=50)] | None = None
    customer_name: CustomerName | None = None
    phone: Phone | None = None
    email: CustomerEmail | None = None
    pickup_at: AwareDatetime | None = None
    notes: Notes | None = None

    @model_validator(mode="after")
    def _one_way_of_naming_items(self) -> Self:
        if self.items is None and self.product_id is None:
            raise ValueError("Give either product_id (and quantity) or items")
        if self.items is not None and (
            self.product_id is not None or self.quantity is not None or self.options is not None
        ):
            raise ValueError("Give either product_id (and quantity) or items, not both")
        return self

    def lines(self) -> list[OrderLine]:
        if self.items is not None:
            return self.items
        assert self.product_id is not None
        return [OrderLine(product_id=self.product_id, quantity=self.quantity or 1, options=self.options or {})]


class StorefrontOrder(OrderRequest):
    """An order from the shop's own pages: the bakery must know whose it is, how to reach them and when
    they come (scripts may leave these out; a customer at the storefront may not)."""

    customer_name: CustomerName
    pickup_at: AwareDatetime

    @model_validator(mode="after")
    def _reachable(self) -> Self:
        if not self.phone and not self.email:
            raise PydanticCustomError("contact", "Give a phone number or an email so we can reach you")
        return self


class OrderPlaced(BaseModel):
    order_id: str
    status: OrderStatus
    ticket_number: int
    total: Money
    pickup_at: datetime | None = None  # the chosen time, or the earliest free slot's start when none was given
    pickup_until: datetime | None = None  # the end of that pickup slot


class StatusUpdate(Incoming):
    status: OrderStatus
    note: ShortNote | None = None
    by: StaffName | None = None


class UndoRequest(Incoming):
    """The optional body of POST /order/{id}/undo: the version the caller saw, so a stale undo gets 409."""

    expected_version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)] | None = None


class CustomerCancel(Incoming):
    """The customer's own cancel (POST /order/{id}/cancel): why, and the `version` they saw."""

    reason: ShortNote
    expected_version: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)] | None = None


class StatusUpdated(BaseModel):
    message: str = "Order status updated successfully"
    status: OrderStatus


class ChosenOptionPublic(BaseModel):
    group: str
    value: str
    price: Money


class OrderItemPublic(BaseModel):
    product_id: int
    name: str
    quantity: int
    unit_price: Money
    line_total: Money
    options: list[ChosenOptionPublic] = []
    options_label: str = ""

    @property
    def title(self) -> str:
        """The line as a ticket reads it: "Carrot Cake · 8 inch · Inscription: Happy 40th"."""
        return f"{self.name} · {self.options_label}" if self.options_label else self.name


class HistoryEntry(BaseModel):
    status: OrderStatus
    from_status: OrderStatus | None
    at: datetime
    undo: bool = False  # the bakery took its previous move back


class StaffHistoryEntry(HistoryEntry):
    by: str
    note: str | None


class Cancellation(BaseModel):
    """Why a cancelled order was cancelled, as the customer is told."""

    reason: str
    by_customer: bool


class OrderPublic(BaseModel):
    """What a customer or a script may see with only the order code: no contact data."""

    order_id: str
    ticket_number: int
    status: OrderStatus
    items: list[OrderItemPublic]
    total: Money
    pickup_at: datetime | None
    placed_at: datetime
    late: bool
    history: list[HistoryEntry]
    version: int  # send it back with a change, so a change made meanwhile is refused (409)
    cancellation: Cancellation | None = None
    taken_back: OrderStatus | None = None  # the latest change undid this status (Ready by mistake, say)


class OrderStaffView(OrderPublic):
    """Everything staff need at the counter, including how to reach the customer."""

    customer_name: str | None
    phone: str | None
    email: str | None
    notes: str | None
    due_day: date
    history: list[StaffHistoryEntry]  # type: ignore[assignment]


class OrderPage(BaseModel):
    orders: list[OrderStaffView]
    total: int
    limit: int
    offset: int
