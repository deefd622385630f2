"""The catalogue: what the bakery sells, at what price, and whether it can be ordered now."""

from sqlalchemy import delete, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from services.clock import utcnow
from services.errors import Conflict, Invalid, NotFound
from services.events import CategoryOrderEvent, EventKind, ProductEvent
from services.models import CategoryPosition, Product
from services.outbox import record_event
from services.quantity_rules import check_rules_agree
from services.schemas import ProductCreate, ProductPublic, ProductUpdate

# Ids are 32-bit integer columns; a larger number cannot name a product (and SQLite cannot even bind it).
LARGEST_ID = 2**31 - 1
UNPLACED = 1_000_000  # categories no admin has placed sort after every placed one


def list_products(session: Session, *, include_retired: bool = False) -> list[Product]:
    """In the admin's order: categories by their position (unplaced ones after, by name), then products."""
    placed = func.coalesce(CategoryPosition.position, UNPLACED)
    query = (
        select(Product)
        .outerjoin(CategoryPosition, CategoryPosition.category == Product.category)
        .order_by(placed, Product.category, Product.position, Product.name)
    )
    if not include_retired:
        query = query.where(Product.active)
    return list(session.exec(query))


def set_category_order(session: Session, categories: list[str]) -> list[str]:
    """Put categories in this order on the storefront; categories left out follow the named ones, by name."""
    session.execute(delete(CategoryPosition))
    for position, category in enumerate(dict.fromkeys(categories)):
        session.add(CategoryPosition(category=category, position=position))
    record_event(session, EventKind.PRODUCT_UPDATED, "categories", CategoryOrderEvent(categories=categories))
    session.commit()
    return categories


def get_product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id) if 0 < product_id <= LARGEST_ID else None
    if product is None:
        raise NotFound(f"Product {product_id} not found")
    return product


def add_product(session: Session, new: ProductCreate) -> Product:
    _refuse_taken_name(session, new.name)
    product = Product(**new.model_dump(mode="json") | {"price": new.price})
    check_rules_agree(product)
    session.add(product)
    session.flush()
    _announce(session, EventKind.PRODUCT_CREATED, product)
    _commit_or_conflict(session, new.name)
    return product


def update_product(session: Session, product_id: int, changes: ProductUpdate) -> Product:
    product = get_product(session, product_id)
    fields = changes.model_dump(exclude_unset=True)
    if "name" in fields and fields["name"].lower() != product.name.lower():
        _refuse_taken_name(session, fields["name"])
    stored = changes.model_dump(mode="json", exclude_unset=True)  # option groups as the JSON column holds them
    for name in fields:
        setattr(product, name, fields[name] if name == "price" else stored[name])
    try:
        check_rules_agree(product)
    except Invalid:
        session.rollback()  # nothing of a refused change may reach the database
        raise
    product.updated_at = utcnow()
    session.add(product)
    _announce(session, EventKind.PRODUCT_UPDATED, product)
    _commit_or_conflict(session, product.name)
    return product


def _refuse_taken_name(session: Session, name: str) -> None:
    taken = session.exec(select(Product.id).where(func.lower(Product.name) == name.lower())).first()
    if taken is not None:
        raise Conflict(f"A product named {name!r} already exists", field="name")


def _commit_or_conflict(session: Session, name: str) -> None:
    # Two admins adding the same name at once: the unique index decides, the loser gets 409.
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"A product named {name!r} already exists", field="name") from None


def _announce(session: Session, kind: EventKind, product: Product) -> None:
    payload = ProductEvent.model_validate(ProductPublic.model_validate(product).model_dump())
    record_event(session, kind, str(product.id), payload)
