"""Draws the EcoDesk icon (a shield with a check mark) into resources/icons/ as PNG and ICO.

    .venv/bin/python packaging/make_icon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "resources" / "icons"


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    s = size / 512
    shield = [(256, 40), (440, 104), (424, 300), (256, 472), (88, 300), (72, 104)]
    d.polygon([(x * s, y * s) for x, y in shield], fill=(23, 78, 125, 255))
    inner = [(256, 78), (404, 130), (391, 292), (256, 430), (121, 292), (108, 130)]
    d.polygon([(x * s, y * s) for x, y in inner], fill=(42, 122, 178, 255))
    d.line([(176 * s, 262 * s), (236 * s, 322 * s), (344 * s, 198 * s)], fill=(255, 255, 255, 255),
           width=int(40 * s), joint="curve")
    return image


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.LANCZOS).save(OUT / "ecodesk.png")
    icon.save(OUT / "ecodesk.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
