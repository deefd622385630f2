"""A realistic starter catalogue so a fresh install has something to sell."""

from decimal import Decimal
from functools import cache

from sqlmodel import Session, select

from services.demo_recipes import load_demo_recipes
from services.models import Product
from services.photos import PreparedPhoto, prepare_photo, store_photo

GLUTEN, MILK, EGGS, NUTS, SESAME, SOYA = "cereals containing gluten", "milk", "eggs", "tree nuts", "sesame", "soya"
# What each demo product declares (allergens, "may contain", ingredients); kept apart from the list above
# so the catalogue still reads as a bakery's price list.
LABELS: dict[str, tuple[list[str], list[str], str]] = {
    "Sourdough Loaf": ([GLUTEN], [SESAME], "Wheat flour, water, rye starter, salt"),
    "Seeded Rye": ([GLUTEN], [SESAME, NUTS], "Rye flour, water, sunflower, pumpkin and flax seeds, salt"),
    "Baguette": ([GLUTEN], [SESAME], "Wheat flour, water, yeast, salt"),
    "Brioche Loaf": ([GLUTEN, EGGS, MILK], [], "Wheat flour, butter (milk), eggs, sugar, yeast, salt"),
    "Chocolate Cake": ([GLUTEN, EGGS, MILK, SOYA], [NUTS], "Dark chocolate (soya lecithin), cream, butter, eggs"),
    "Carrot Cake": ([GLUTEN, EGGS, MILK], [], "Carrots, wheat flour, sultanas, eggs, cream cheese, spices"),
    "Lemon Drizzle": ([GLUTEN, EGGS, MILK], [NUTS], "Wheat flour, butter (milk), eggs, sugar, lemons"),
    "Butter Croissant": ([GLUTEN, MILK], [EGGS], "Wheat flour, French butter (milk), sugar, yeast, salt"),
    "Pain au Chocolat": ([GLUTEN, MILK, SOYA], [NUTS], "Wheat flour, butter (milk), dark chocolate (soya)"),
    "Cinnamon Bun": ([GLUTEN, MILK, EGGS], [NUTS], "Wheat flour, butter (milk), cinnamon, cardamom, pearl sugar"),
    "Almond Croissant": ([GLUTEN, MILK, EGGS, NUTS], [], "Croissant, almond frangipane, flaked almonds"),
}
CAKE_SIZES = {
    "name": "Size",
    "required": True,
    "choices": [{"name": "6 inch"}, {"name": "8 inch", "price": 12}, {"name": "10 inch", "price": 20}],
}
INSCRIPTION = {"name": "Inscription", "kind": "text", "required": False, "max_length": 40}
OPTIONS: dict[str, list[dict]] = {"Carrot Cake": [CAKE_SIZES, INSCRIPTION]}

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
        "description": "Spiced sponge with sultanas and cream-cheese frosting; nut-free.",
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


def load_demo_catalogue(session: Session, *, only_if_empty: bool = True, photos: bool = False) -> int:
    """Add the demo products that are missing, and their recipes; returns how many products were added.

    `photos` draws each new product a picture (about a second for the whole catalogue, so tests leave it out).
    """
    if only_if_empty and session.exec(select(Product.id).limit(1)).first() is not None:
        return 0
    existing = set(session.exec(select(Product.name)))
    added: list[Product] = []
    for entry in DEMO_CATALOGUE:
        if entry["name"] in existing:
            continue
        allergens, may_contain, ingredients = LABELS.get(entry["name"], ([], [], ""))
        labelled = entry | {"allergens": allergens, "may_contain": may_contain, "ingredients": ingredients}
        product = Product(**labelled | {"price": Decimal(entry["price"]), "options": OPTIONS.get(entry["name"], [])})
        session.add(product)
        added.append(product)
    session.commit()
    load_demo_recipes(session)
    if photos:
        for product in added:
            store_photo(session, product, _demo_photo(product.name, product.category))
    return len(added)


@cache  # drawing and encoding is the slow part, and the pictures never change
def _demo_photo(name: str, category: str) -> PreparedPhoto:
    from services.demo_photos import demo_picture  # drawing code is needed only here

    return prepare_photo(demo_picture(name, category))
