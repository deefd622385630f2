"""Product photos: PUT/DELETE /products/{id}/photo (admins) and the pictures themselves under /media.

A picture's address holds its content hash, so it never changes under one address: browsers and proxies
may keep it for a year.
"""

from typing import Annotated

from fastapi import APIRouter, File, Response, UploadFile, status

from bakeops_ui.api.deps import AdminUser, SessionDep
from services import catalogue, photos
from services.database import session_scope
from services.schemas import ProductPublic

router = APIRouter(tags=["products"])

FOREVER = "public, max-age=31536000, immutable"


@router.put(
    "/products/{product_id}/photo",
    response_model=ProductPublic,
    responses={413: {"description": "Photo larger than 10 MB"}, 422: {"description": "Not a JPEG, PNG or WebP"}},
)
def upload_photo(
    product_id: int, photo: Annotated[UploadFile, File()], session: SessionDep, _admin: AdminUser
) -> object:
    """Give a product its photo (JPEG, PNG or WebP up to 10 MB); it is resized to a card and a thumbnail."""
    photos.set_photo(session, product_id, photo.file.read(photos.MAX_PHOTO_BYTES + 1))
    return catalogue.get_product(session, product_id)


@router.delete("/products/{product_id}/photo", response_model=ProductPublic)
def delete_photo(product_id: int, session: SessionDep, _admin: AdminUser) -> object:
    """Take a product's photo away."""
    photos.remove_photo(session, product_id)
    return catalogue.get_product(session, product_id)


@router.get(
    "/media/products/{product_id}/{content_hash}/{size}.webp",
    response_class=Response,
    responses={200: {"content": {"image/webp": {}}}},
)
def read_photo(product_id: int, content_hash: str, size: str) -> Response:
    """A product's picture at card or thumbnail size."""
    # Its own session, closed here in the request's thread: a request session's read stays open until its
    # teardown, which the event loop schedules. A storefront load asks for a dozen photos at once, and on SQLite
    # (every transaction takes the write lock) a page handler reading on the loop then waited for a lock whose
    # release waited for the loop: the whole UI server stopped for the 30 s busy timeout (py-spy dump under load).
    with session_scope() as session:
        body = photos.photo_bytes(session, product_id, content_hash, size)
    return Response(body, media_type="image/webp", headers={"cache-control": FOREVER}, status_code=status.HTTP_200_OK)
