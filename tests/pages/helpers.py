"""Small helpers for the page tests: seed orders through the services, read what a page shows."""

import asyncio
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from nicegui import ElementFilter, background_tasks, ui
from nicegui.testing import User
from sqlmodel import func, select

from pages.board_view import BoardColumns
from pages.storefront_shelves import Shelves
from services import bakery, order_moves, orders
from services.database import session_scope
from services.models import Order, OutboxEvent, Product
from services.order_status import OrderStatus
from services.order_views import staff_view
from services.schemas import OrderLine, OrderRequest, OrderStaffView

LONDON = ZoneInfo("Europe/London")
LIVE = 100  # should_see retries (0.1 s each) for changes that travel through the event pipeline


def today() -> date:
    return bakery.rules().today()


def pickup(days_ahead: int, hour: int = 12, minute: int = 0) -> datetime:
    """An aware pickup time in the bakery's zone, `days_ahead` local days from today."""
    return datetime.combine(today() + timedelta(days=days_ahead), time(hour, minute), tzinfo=LONDON)


def place(
    products: dict[str, Product],
    items: dict[str, int],
    *,
    pickup_at: datetime | None = None,
    customer_name: str | None = "Ada Baker",
    phone: str | None = "07700 900123",
    email: str | None = None,
    notes: str | None = None,
) -> Order:
    """Place an order through the services, as the API or the storefront would."""
    request = OrderRequest(
        items=[OrderLine(product_id=products[name].id, quantity=qty) for name, qty in items.items()],
        pickup_at=pickup_at,
        customer_name=customer_name,
        phone=phone,
        email=email,
        notes=notes,
    )
    with session_scope() as session:
        order, created = orders.place_order(session, request, placed_by="test")
        assert created
        return order


def move(order: Order, *targets: OrderStatus) -> None:
    """Move an order through the given statuses, one service call each."""
    with session_scope() as session:
        for target in targets:
            note = "Customer phoned" if target == OrderStatus.CANCELLED else None  # a cancellation needs a reason
            order_moves.change_status(session, order.public_id, target, by="test", note=note)


def order_count() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Order)).one()


def staff(order_id: str) -> OrderStaffView:
    with session_scope() as session:
        return staff_view(session, order_id)


def product_named(name: str) -> Product | None:
    with session_scope() as session:
        return session.exec(select(Product).where(Product.name == name)).first()


def product_count() -> int:
    with session_scope() as session:
        return session.exec(select(func.count()).select_from(Product)).one()


def only(user: User, marker: str, kind: type[ui.element] | None = None) -> ui.element:
    """The single visible element with this marker (fails if there is none or several)."""
    elements = list(user.find(kind=kind, marker=marker).elements)  # type: ignore[call-overload]
    assert len(elements) == 1, f"expected one element marked {marker!r}, found {len(elements)}"
    return elements[0]


def text(user: User, marker: str) -> str:
    return only(user, marker).text  # type: ignore[attr-defined]


def shelves(user: User) -> Shelves:
    """The storefront's shelves: every card in one element the browser draws (pages/storefront_shelves.py)."""
    with user:  # shelves whose cards the filter hides all are still there (user.find would not see them)
        (found,) = ElementFilter(kind=Shelves, local_scope=False, only_visible=False)
    return found


def facts(user: User, product: str) -> dict:
    """What a storefront card says about `product` (product_card.js draws it from these props)."""
    return shelves(user).card(product)


def card_says(user: User, product: str) -> list[str]:
    """The text of the storefront card of `product`, line by line."""
    return shelves(user).says(product)


def add_from_card(user: User, product: str, quantity=None, chosen: dict[str, str] | None = None) -> None:
    """Press Add on a storefront card with `quantity` typed in it (as the browser sends it: a number or the text
    of the field) and `chosen` options picked; the field's starting quantity when none is given. The card keeps
    what is typed in the browser and sends both with Add, naming its product (pages/storefront_shelves.js)."""
    card = facts(user, product)
    assert card["shown"] and not card["soldOut"], f"{product} has no Add to press"
    press_add(user, product, card["start"] if quantity is None else quantity, chosen)


def press_add(user: User, product: str, quantity, chosen: dict[str, str] | None = None) -> None:
    """The Add event a card sends, whatever the card shows (an old page may still show a product's Add)."""
    card = facts(user, product)
    user.find(kind=Shelves).trigger("add", {"product": card["id"], "quantity": quantity, "chosen": chosen or {}})


def quantity_error(user: User, product: str) -> str | None:
    """The error under a storefront card's quantity field, or None when it shows none."""
    return facts(user, product)["quantityError"] or None


def card_problem(user: User, product: str) -> str:
    """What a storefront card says under its Add button (a missing option, a sold-out product)."""
    return facts(user, product)["problem"]


def set_value(user: User, marker: str, value) -> None:
    """Set an input's value the way a browser would (change handlers and bindings fire)."""
    with user:
        only(user, marker).value = value  # type: ignore[attr-defined]


def field_error(user: User, marker: str) -> str | None:
    """The error message Quasar shows under a field, or None when the field is not in error."""
    props = only(user, marker).props
    return props.get("error-message") if props.get("error") else None


def column_of(user: User, ticket: int) -> str | None:
    """The board column (status) the ticket's card sits in, or None when the card is not on the board. The
    browser sorts the cards into columns by their props (pages/board_columns.js)."""
    with user:
        cards = list(ElementFilter(marker=f"ticket-{ticket}", local_scope=False))
    if not cards:
        return None
    assert len(cards) == 1, f"ticket #{ticket} is on the board {len(cards)} times"
    assert any(isinstance(a, BoardColumns) for a in cards[0].ancestors()), f"ticket #{ticket} is off the board"
    return cards[0].props["status"]


def tickets_in(user: User, status: str) -> list[int]:
    """The tickets a board column shows, top to bottom, as the browser sorts them."""
    columns = only(user, "board-columns", BoardColumns)
    return [card.props["ticket"] for card in columns.cards(status)]


def headers_on(user: User) -> list[str]:
    """The board's column headers, as the browser draws them ("Ready (2)")."""
    return only(user, "board-columns", BoardColumns).headers()


def press(user: User, ticket: int, button: str, *args: str) -> None:
    """Press a button on a board card ("advance", "move", "undo", "cancel"), as the browser reports the click."""
    user.find(marker=f"ticket-{ticket}").trigger(button, args[0] if args else None)


async def press_and_wait(user: User, ticket: int, button: str, *args: str) -> None:
    """`press`, then wait until the server has finished handling that click (NiceGUI runs it as a background task)."""
    before = set(background_tasks.running_tasks)
    press(user, ticket, button, *args)
    handling = background_tasks.running_tasks - before
    assert handling, f"pressing {button} on #{ticket} started no handler"
    await asyncio.gather(*handling)


def buttons_on(user: User, ticket: int) -> list[str]:
    """The buttons the card of `ticket` offers, by the event each one sends."""
    props = only(user, f"ticket-{ticket}").props
    return [
        *(["advance"] if props["advance"] else []),
        *(f"move {target}" for target in props["others"]),
        *(["undo"] if props["undoable"] else []),
        "cancel",
    ]


async def events_delivered(timeout: float = 5.0) -> None:
    """Wait until every event committed so far has left the outbox and reached the pages.

    The relay sweeps about once a second: a settings change made just before a page opens can otherwise reach
    that page at any moment of the test and redraw it in the middle of what the test is checking.
    """

    def sent() -> bool:
        with session_scope() as session:
            return session.exec(select(func.count()).where(OutboxEvent.published_at.is_(None))).one() == 0

    await eventually(sent, timeout)
    await asyncio.sleep(0.1)  # the bridge hands them to NiceGUI's loop with call_soon_threadsafe


async def eventually(check: Callable[[], object], timeout: float = 5.0) -> None:
    """Wait until `check()` is truthy (for work a click hands to a background task); fail after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            if check():
                return
            problem: Exception = AssertionError("condition never became true")
        except AssertionError as error:
            problem = error
        if loop.time() > deadline:
            raise problem
        await asyncio.sleep(0.05)


async def shows(user: User, marker: str, expected: str, timeout: float = 5.0) -> None:
    """Wait until the single element with this marker shows exactly `expected` (clicks are handled asynchronously)."""

    def check() -> bool:
        with user:
            found = [e.text for e in ElementFilter(marker=marker, local_scope=False)]  # type: ignore[attr-defined]
        assert found == [expected], f"{marker!r} shows {found}, expected [{expected!r}]"
        return True

    await eventually(check, timeout)
