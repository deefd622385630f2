"""Pictures for the demo catalogue, drawn here with Pillow, so a fresh install has photos without downloads."""

import hashlib
import io

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 800, 600
CRUST = {"Breads": (176, 112, 56), "Cakes": (120, 72, 48), "Pastries": (214, 150, 70)}
BACKDROPS = [(244, 236, 222), (233, 226, 214), (238, 230, 240), (226, 236, 230), (246, 232, 216)]


def demo_picture(name: str, category: str) -> bytes:
    """A PNG of a loaf, a cake or a pastry on a board: different for every name, the same on every run."""
    seed = hashlib.sha256(name.encode()).digest()
    picture = Image.new("RGB", (WIDTH, HEIGHT), BACKDROPS[seed[0] % len(BACKDROPS)])
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, HEIGHT * 0.72, WIDTH, HEIGHT), fill=(196, 164, 124))  # the wooden board
    draw.ellipse((120, HEIGHT * 0.62, WIDTH - 120, HEIGHT * 0.86), fill=(150, 120, 90))  # its shadow
    crust = CRUST.get(category, (190, 130, 70))
    shade = tuple(max(0, c - 20 - seed[1] % 30) for c in crust)
    if category == "Cakes":
        _cake(draw, crust, shade, seed)
    elif category == "Pastries":
        _pastry(draw, crust, shade)
    else:
        _loaf(draw, crust, shade, seed)
    picture = picture.filter(ImageFilter.SMOOTH_MORE)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _loaf(draw: ImageDraw.ImageDraw, crust: tuple, shade: tuple, seed: bytes) -> None:
    draw.ellipse((150, 190, 650, 470), fill=shade)
    draw.ellipse((165, 180, 635, 450), fill=crust)
    for i in range(3 + seed[2] % 3):  # the baker's scores across the top
        x = 250 + i * 80
        draw.line((x, 230, x + 50, 330), fill=(236, 208, 160), width=12)


def _cake(draw: ImageDraw.ImageDraw, crust: tuple, shade: tuple, seed: bytes) -> None:
    icing = [(250, 244, 236), (248, 214, 120), (90, 54, 40), (236, 180, 190)][seed[3] % 4]
    draw.rectangle((200, 260, 600, 450), fill=crust)
    draw.ellipse((200, 410, 600, 490), fill=crust)
    draw.rectangle((200, 330, 600, 350), fill=icing)
    draw.ellipse((200, 210, 600, 310), fill=icing)
    for i in range(6):
        draw.ellipse((250 + i * 55, 240, 275 + i * 55, 265), fill=shade)


def _pastry(draw: ImageDraw.ImageDraw, crust: tuple, shade: tuple) -> None:
    # A crescent's top half sitting on the board.
    draw.pieslice((180, 290, 620, 680), 200, 340, fill=shade)
    draw.pieslice((200, 310, 600, 660), 200, 340, fill=crust)
    for i in range(4):
        draw.arc((230 + i * 30, 340 + i * 20, 570 - i * 30, 640 - i * 20), 210, 330, fill=(240, 200, 140), width=6)
