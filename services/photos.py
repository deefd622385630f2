"""Product photos: checked by decoding them, re-encoded at card and thumbnail size, kept in the database.

Only what Pillow re-encodes is ever stored or served, never the uploaded bytes themselves: a file that is
not a JPEG, PNG or WebP picture is refused, and whatever else it carried (metadata, trailing data) is gone.
"""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlmodel import Session

from services.catalogue import get_product
from services.clock import utcnow
from services.errors import BakeryError, Invalid, NotFound
from services.events import EventKind, ProductPhotoEvent
from services.models import Product, ProductPhoto
from services.outbox import record_event

MAX_PHOTO_BYTES = 10 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
CARD_SIZE = (800, 600)
THUMBNAIL_SIZE = (240, 180)
SIZES = ("card", "thumbnail")
# A small file can unpack into a huge picture; refuse anything beyond a good camera's resolution.
MAX_PIXELS = 50_000_000


class PhotoTooLarge(BakeryError):
    status_code = 413


@dataclass(frozen=True)
class PreparedPhoto:
    card: bytes
    thumbnail: bytes
    content_hash: str


def prepare_photo(data: bytes) -> PreparedPhoto:
    """The upload as card and thumbnail WebP; raises PhotoTooLarge or Invalid (with the reason) otherwise."""
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoTooLarge(f"A photo may be at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB", field="photo")
    picture = _decoded(data)
    picture = ImageOps.exif_transpose(picture).convert("RGB")
    card = _webp(ImageOps.fit(picture, CARD_SIZE))
    thumbnail = _webp(ImageOps.fit(picture, THUMBNAIL_SIZE))
    return PreparedPhoto(card, thumbnail, hashlib.sha256(card + thumbnail).hexdigest()[:16])


def set_photo(session: Session, product_id: int, data: bytes) -> str:
    """Give a product its photo (replacing any earlier one); returns the photo's content hash."""
    return store_photo(session, get_product(session, product_id), prepare_photo(data))


def store_photo(session: Session, product: Product, prepared: PreparedPhoto) -> str:
    product_id = product.id
    photo = session.get(ProductPhoto, product_id) or ProductPhoto(product_id=product_id, content_hash="")
    photo.content_hash, photo.card, photo.thumbnail = prepared.content_hash, prepared.card, prepared.thumbnail
    photo.updated_at = utcnow()
    product.photo_hash, product.updated_at = prepared.content_hash, utcnow()
    session.add(photo)
    session.add(product)
    record_event(session, EventKind.PRODUCT_UPDATED, str(product_id), ProductPhotoEvent(photo=prepared.content_hash))
    session.commit()
    return prepared.content_hash


def remove_photo(session: Session, product_id: int) -> None:
    product = get_product(session, product_id)
    photo = session.get(ProductPhoto, product_id)
    if photo is not None:
        session.delete(photo)
    product.photo_hash, product.updated_at = None, utcnow()
    session.add(product)
    record_event(session, EventKind.PRODUCT_UPDATED, str(product_id), ProductPhotoEvent(photo=None))
    session.commit()


def photo_bytes(session: Session, product_id: int, content_hash: str, size: str) -> bytes:
    """The stored picture at `size`, only under its current hash (an old address is gone, not stale)."""
    photo = session.get(ProductPhoto, product_id) if size in SIZES else None
    if photo is None or photo.content_hash != content_hash:
        raise NotFound("No such photo")
    return photo.card if size == "card" else photo.thumbnail


def _decoded(data: bytes) -> Image.Image:
    try:
        picture = Image.open(io.BytesIO(data))
        if picture.format not in ACCEPTED_FORMATS:
            raise Invalid(f"A photo must be a JPEG, PNG or WebP picture, not {picture.format}", field="photo")
        if picture.width * picture.height > MAX_PIXELS:
            raise Invalid(f"The picture has more than {MAX_PIXELS:,} pixels", field="photo")
        picture.load()  # decodes every pixel: a truncated or forged file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise Invalid("The file is not a picture Pillow can read (JPEG, PNG or WebP)", field="photo") from None
    return picture


def _webp(picture: Image.Image) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="WEBP", quality=80, method=4)
    return out.getvalue()
