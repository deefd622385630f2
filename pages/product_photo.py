"""The photo box in the products page's edit dialog: upload a picture (checked by services.photos), or remove it."""

from nicegui import ui
from nicegui.events import UploadEventArguments

from pages.in_thread import in_thread
from services import photos
from services.database import session_scope
from services.errors import BakeryError
from services.models import Product
from services.schemas import ProductPublic


def photo_box(product: Product) -> None:
    """Thumbnail, upload and remove for one product (the listing shows no photos: nothing there to reload)."""
    state = {"hash": product.photo_hash}

    @ui.refreshable
    def current() -> None:
        if state["hash"]:
            view = ProductPublic.model_validate(product).model_copy(update={"photo_hash": state["hash"]})
            ui.image(view.thumbnail_url).classes("w-40 h-30 rounded").props("alt=''").mark("photo-thumbnail")
            ui.button("Remove photo", on_click=remove).props("flat dense color=grey-8").mark("remove-photo")
        else:
            ui.label("No photo yet").classes("text-sm opacity-70").mark("no-photo")

    async def upload(e: UploadEventArguments) -> None:
        problem.text = ""
        data = await e.file.read()
        try:
            state["hash"] = await in_thread(_store, product.id, data)
        except BakeryError as error:
            problem.text = error.detail
            return
        finally:
            e.sender.reset()
        current.refresh()
        ui.notify(f"Photo saved for {product.name}", type="positive")

    async def remove() -> None:
        await in_thread(_remove, product.id)
        state["hash"] = None
        current.refresh()

    def rejected() -> None:
        # The browser refuses a file over max_file_size before sending it: without this it would say nothing.
        problem.text = f"A photo may be at most {photos.MAX_PHOTO_BYTES // (1024 * 1024)} MB"

    with ui.column().classes("w-full gap-1").mark("photo-box"):
        ui.label("Photo (JPEG, PNG or WebP, up to 10 MB)").classes("text-sm")
        current()
        ui.upload(on_upload=upload, on_rejected=rejected, auto_upload=True, max_file_size=photos.MAX_PHOTO_BYTES).props(
            'accept="image/jpeg,image/png,image/webp" flat bordered'
        ).classes("w-full").mark("photo-upload")
        problem = ui.label("").classes("text-red-700 text-sm").mark("photo-error")


def _store(product_id: int, data: bytes) -> str:
    with session_scope() as session:
        return photos.set_photo(session, product_id, data)


def _remove(product_id: int) -> None:
    with session_scope() as session:
        photos.remove_photo(session, product_id)
