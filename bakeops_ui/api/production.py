"""Production routes: GET/PUT /products/{id}/recipe, /preparations/{name}, GET /production (also /csv, /pdf)."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from bakeops_ui.api.deps import AdminUser, SessionDep, StaffUser
from bakeops_ui.api.errors import refusals
from services import bakery, recipes
from services.production import production_sheet
from services.production_export import csv_filename, pdf_filename, sheet_csv, sheet_pdf
from services.recipe_schemas import ProductionSheet, RecipeIn, RecipePublic
from services.schemas import CalendarDay

router = APIRouter(tags=["production"])

DayQuery = Annotated[CalendarDay | None, Query(description="Bakery-local day, YYYY-MM-DD; default today")]
READ = refusals(401, 403, 404, 503)
SAVE = {422: {"description": "A broken recipe: a quantity or yield of 0, an unknown ingredient, a cycle"}, **READ}
SHEET = {422: {"description": "Not a day, or one at the calendar's ends"}, **refusals(401, 403, 503)}


@router.get("/products/{product_id}/recipe", response_model=RecipePublic, responses=READ)
def read_product_recipe(product_id: int, session: SessionDep, _staff: StaffUser) -> RecipePublic:
    """The product's recipe, as entered, with every ingredient in grams (or pieces) for one yield."""
    return recipes.product_recipe(session, product_id)


@router.put("/products/{product_id}/recipe", response_model=RecipePublic, responses=SAVE)
def update_product_recipe(product_id: int, recipe: RecipeIn, session: SessionDep, _admin: AdminUser) -> RecipePublic:
    """Create or replace the product's recipe."""
    return recipes.save_product_recipe(session, product_id, recipe)


@router.get("/preparations", response_model=list[RecipePublic], responses=refusals(401, 403, 503))
def read_preparations(session: SessionDep, _staff: StaffUser) -> list[RecipePublic]:
    """Every preparation (levain, frangipane): recipes other recipes use, sold on their own by nobody."""
    return recipes.preparations(session)


@router.get("/preparations/{name}", response_model=RecipePublic, responses=READ)
def read_preparation(name: str, session: SessionDep, _staff: StaffUser) -> RecipePublic:
    """One preparation by name."""
    return recipes.preparation(session, name)


@router.put("/preparations/{name}", response_model=RecipePublic, responses=SAVE)
def update_preparation(name: str, recipe: RecipeIn, session: SessionDep, _admin: AdminUser) -> RecipePublic:
    """Create or replace the preparation called `name`."""
    return recipes.save_preparation(session, name, recipe)


@router.get("/production", response_model=ProductionSheet, responses=SHEET)
def read_production(session: SessionDep, _staff: StaffUser, day: DayQuery = None) -> ProductionSheet:
    """The day's production sheet: products to make, each mix in batches, preparations for later days, and the
    total of every raw ingredient weighed that day. Quantities are exact (grams or pieces)."""
    return production_sheet(session, day or bakery.rules().today())


@router.get("/production/csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}, **SHEET})
def read_production_csv(session: SessionDep, _staff: StaffUser, day: DayQuery = None) -> Response:
    """The day's production sheet as CSV (rounded to 0.1 g)."""
    sheet = production_sheet(session, day or bakery.rules().today())
    body = sheet_csv(sheet, bakery.rules().zone)
    return Response(body, media_type="text/csv", headers=_attachment(csv_filename(sheet)))


@router.get("/production/pdf", response_class=Response, responses={200: {"content": {"application/pdf": {}}}, **SHEET})
def read_production_pdf(session: SessionDep, _staff: StaffUser, day: DayQuery = None) -> Response:
    """The day's production sheet as an A4 PDF for the bakehouse wall."""
    sheet = production_sheet(session, day or bakery.rules().today())
    pdf = sheet_pdf(sheet, bakery.rules().zone)
    return Response(pdf, media_type="application/pdf", headers=_attachment(pdf_filename(sheet)))


def _attachment(filename: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{filename}"'}
