"""The demo catalogue arrives with photos the project draws itself, and allergens on every product."""

from sqlmodel import Session, select

from services.allergens import Allergen
from services.demo import load_demo_catalogue
from services.models import Product, ProductPhoto


def test_demo_data_with_photos_gives_every_product_a_photo_and_its_allergens(session: Session, db):
    added = load_demo_catalogue(session, photos=True)

    products = list(session.exec(select(Product)))
    assert added == len(products) > 0
    assert all(p.photo_hash for p in products)
    assert {p.product_id for p in session.exec(select(ProductPhoto))} == {p.id for p in products}
    assert all(p.allergens and set(p.allergens) <= set(Allergen) for p in products)
