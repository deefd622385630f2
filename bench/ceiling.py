"""The framework's ceiling: a bare FastAPI JSON endpoint, served by uvicorn the way `bakeops serve` is
(one process, the same event loop and HTTP parser), returning a catalogue-sized list from memory."""

from fastapi import FastAPI

from services.demo import DEMO_CATALOGUE

app = FastAPI()
_PRODUCTS = [dict(entry, id=n, price=float(entry["price"])) for n, entry in enumerate(DEMO_CATALOGUE, start=1)]


@app.get("/products")
def read_products() -> list[dict]:
    return _PRODUCTS
