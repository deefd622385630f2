"""The production sheet: what the bakers mix on a day, in what batches, with how much of each ingredient.

The day's non-cancelled orders give how many of each product to make; each product's recipe is scaled to that
and its sub-recipes to what it uses, to any depth. Every recipe starts its lead time before what uses it (the
day's bake starts at opening time), so a 12-hour levain for tomorrow is on today's sheet, and today's levain
was on yesterday's. Arithmetic is exact Decimal; only pages and exports round.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, localcontext

from sqlalchemy import func
from sqlmodel import Session, col, select

from services import bakery
from services.errors import Invalid
from services.models import Order, OrderItem
from services.order_status import OrderStatus
from services.recipe_schemas import Line, Mix, ProductionSheet, ProductToMake, Unit
from services.recipes import Formula, cookbook

# Days the sheet can be asked for: it looks a week ahead, and date arithmetic ends at 9999-12-31.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(9990, 12, 31)
PRECISION = 50  # digits: far beyond any weight, so scaling never loses a gram before display rounding


@dataclass(frozen=True)
class _Demand:
    formula: Formula
    for_day: date
    quantity: Decimal
    start_by: datetime


def production_sheet(session: Session, day: date) -> ProductionSheet:
    """The sheet for `day`: its bakes, the preparations it starts for later days, and the raw ingredient totals."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise Invalid(f"No production sheet for {day.isoformat()}: the day must be from {FIRST_DAY} to {LAST_DAY}")
    book = cookbook(session)
    order = _parents_first(book)
    offsets = _start_offsets(book, order)
    days_ahead = max(offsets.values(), default=0) // 24 + 1
    ordered = _ordered(session, day, day + timedelta(days=days_ahead))
    recipe_of = {f.product_id: f for f in book.values() if f.product_id is not None}
    with localcontext() as context:
        context.prec = PRECISION
        mixes: list[Mix] = []
        for offset in range(days_ahead + 1):
            for_day = day + timedelta(days=offset)
            counts = {pid: qty for (d, pid), (_, qty) in ordered.items() if d == for_day}
            demands = _expand(book, order, offsets, recipe_of, counts, for_day)
            mixes += [_mix(d, demands, day) for d in demands.values() if d.start_by.date() == day]
    mixes.sort(key=lambda m: (m.start_by, m.for_day, m.recipe))
    products = [
        ProductToMake(product_id=pid, name=name, quantity=qty, has_recipe=pid in recipe_of)
        for (d, pid), (name, qty) in ordered.items()
        if d == day
    ]
    return ProductionSheet(
        day=day,
        products=sorted(products, key=lambda p: p.name),
        mixes=mixes,
        ingredients=_totals(mixes),
    )


def _ordered(session: Session, first: date, last: date) -> dict[tuple[date, int], tuple[str, int]]:
    """(due day, product id) -> (name, quantity) for every non-cancelled order due from `first` to `last`."""
    rows = session.exec(
        select(Order.due_day, OrderItem.product_id, func.max(OrderItem.product_name), func.sum(OrderItem.quantity))
        .join(Order, col(Order.id) == OrderItem.order_id)
        .where(Order.due_day >= first, Order.due_day <= last, Order.status != OrderStatus.CANCELLED.value)
        .group_by(Order.due_day, OrderItem.product_id)
    ).all()
    return {(due, pid): (name, int(quantity)) for due, pid, name, quantity in rows}


def _expand(
    book: dict[int, Formula],
    order: list[int],
    offsets: dict[int, int],
    recipe_of: dict[int, Formula],
    counts: dict[int, int],
    for_day: date,
) -> dict[int, _Demand]:
    """How much of every recipe the day's products need, sub-recipes included."""
    wanted: dict[int, Decimal] = defaultdict(Decimal)
    for product_id, quantity in counts.items():
        if (formula := recipe_of.get(product_id)) is not None:
            wanted[formula.id] += quantity
    rules = bakery.rules()
    bake_starts = datetime.combine(for_day, rules.opens, tzinfo=rules.zone)
    demands = {}
    for recipe_id in order:  # parents before the recipes they use, so each total is complete when reached
        if not (amount := wanted.get(recipe_id)):
            continue
        formula = book[recipe_id]
        scale = amount / formula.yield_quantity
        for part in formula.parts:
            if part.uses is not None:
                wanted[part.uses] += part.amount * scale
        start_by = bake_starts - timedelta(hours=offsets[recipe_id])
        demands[recipe_id] = _Demand(formula, for_day, amount, start_by)
    return demands


def _mix(demand: _Demand, demands: dict[int, _Demand], day: date) -> Mix:
    formula = demand.formula
    scale = demand.quantity / formula.yield_quantity
    # model_construct: the sheet builds hundreds of lines from numbers it computed itself; validating each
    # again was a third of its time.
    ingredients = [
        Line.model_construct(
            name=part.name,
            quantity=part.amount * scale,
            unit=part.unit,
            sub_recipe=part.uses is not None,
            prepared_earlier=part.uses is not None and demands[part.uses].start_by.date() < day,
        )
        for part in formula.parts
    ]
    dough = sum((line.quantity for line in ingredients if line.unit == Unit.GRAMS), Decimal(0))
    batches = max(1, math.ceil(dough / formula.max_batch_grams)) if formula.max_batch_grams else 1
    return Mix.model_construct(
        recipe=formula.name,
        for_day=demand.for_day,
        start_by=demand.start_by,
        quantity=demand.quantity,
        unit=formula.yield_unit,
        dough_grams=dough,
        batches=batches,
        # Equal batches: a mixer loaded evenly gives the same dough every time.
        per_batch=[line.model_copy(update={"quantity": line.quantity / batches}) for line in ingredients],
        ingredients=ingredients,
    )


def _totals(mixes: list[Mix]) -> list[Line]:
    """Every raw ingredient over the day's mixes (a sub-recipe is a mix of its own, not something to weigh out)."""
    totals: dict[tuple[str, Unit], Decimal] = defaultdict(Decimal)
    for mix in mixes:
        for line in mix.ingredients:
            if not line.sub_recipe:
                totals[(line.name, line.unit)] += line.quantity
    return [Line.model_construct(name=n, quantity=q, unit=u) for (n, u), q in sorted(totals.items())]


def _parents_first(book: dict[int, Formula]) -> list[int]:
    """Recipe ids so that every recipe comes before the ones it uses (saving refuses cycles)."""
    users: dict[int, int] = dict.fromkeys(book, 0)
    for formula in book.values():
        for part in formula.parts:
            if part.uses is not None:
                users[part.uses] += 1
    ready = [rid for rid, n in users.items() if n == 0]
    order = []
    while ready:
        rid = ready.pop()
        order.append(rid)
        for part in book[rid].parts:
            if part.uses is not None:
                users[part.uses] -= 1
                if users[part.uses] == 0:
                    ready.append(part.uses)
    return order


def _start_offsets(book: dict[int, Formula], order: list[int]) -> dict[int, int]:
    """Hours before the bake each recipe must start: its lead time plus the earliest start of any recipe using it."""
    before: dict[int, int] = dict.fromkeys(book, 0)
    offsets = {}
    for rid in order:
        offsets[rid] = before[rid] + book[rid].lead_time_hours
        for part in book[rid].parts:
            if part.uses is not None:
                before[part.uses] = max(before[part.uses], offsets[rid])
    return offsets
