"""A realistic starter catalogue so a fresh install has something to sell."""

from decimal import Decimal

from sqlmodel import Session, select

from services.models import Product

DEMO_CATALOGUE: list[dict] = [
    # Breads
    {
        "name": "Sourdough Loaf",
        "price": "5.50",
        "category": "Breads",
        "lead_time_hours": 24,
        "description": "Naturally leavened, 48-hour ferment, dark crust.",
        "daily_limit": 40,
    },
    {
        "name": "Seeded Rye",
        "price": "4.80",
        "category": "Breads",
        "description": "Dense rye with sunflower, pumpkin and flax seeds.",
    },
    {
        "name": "Baguette",
        "price": "2.40",
        "category": "Breads",
        "description": "Crisp crust, open crumb; baked three times a day.",
    },
    {
        "name": "Brioche Loaf",
        "price": "6.20",
        "category": "Breads",
        "description": "Rich, buttery and soft; excellent for French toast.",
    },
    # Cakes
    {
        "name": "Chocolate Cake",
        "price": "250.00",
        "category": "Cakes",
        "lead_time_hours": 48,
        "description": "Three-layer celebration cake for 20, dark chocolate ganache.",
        "daily_limit": 4,
    },
    {
        "name": "Carrot Cake",
        "price": "32.00",
        "category": "Cakes",
        "lead_time_hours": 24,
        "description": "Spiced sponge with cream-cheese frosting and walnuts.",
    },
    {"name": "Lemon Drizzle", "price": "18.50", "category": "Cakes", "description": "Loaf cake soaked in lemon syrup."},
    # Pastries
    {
        "name": "Butter Croissant",
        "price": "2.20",
        "category": "Pastries",
        "description": "Laminated by hand with French butter.",
    },
    {
        "name": "Pain au Chocolat",
        "price": "2.60",
        "category": "Pastries",
        "description": "Two batons of dark chocolate.",
    },
    {
        "name": "Cinnamon Bun",
        "price": "3.10",
        "category": "Pastries",
        "description": "Cardamom dough, cinnamon butter, pearl sugar.",
    },
    {
        "name": "Almond Croissant",
        "price": "3.40",
        "category": "Pastries",
        "description": "Twice-baked with frangipane and flaked almonds.",
        "available": False,
    },
]


def load_demo_catalogue(session: Session, *, only_if_empty: bool = True) -> int:
    """Add the demo products that are missing; returns how many were added."""
    if only_if_empty and session.exec(select(Product.id).limit(1)).first() is not None:
        return 0
    existing = set(session.exec(select(Product.name)))
    added = 0
    for entry in DEMO_CATALOGUE:
        if entry["name"] in existing:
            continue
        session.add(Product(**(entry | {"price": Decimal(entry["price"])})))
        added += 1
    session.commit()
    return added
