"""Draws the label's wordmark once, as logo.svg and logo.png beside this file.

There is no official logo file; this is the platform's own plain wordmark in the site's
colours: a round mark with "SSW" and the words "Kwaliteitslabel / Sterk Sociaal Werk". The
SVG holds the letters as outlines (from DejaVu Sans), so it looks the same without the font.

Run again only when the design changes: `.venv/bin/python kwaliteitslabel/certificates/assets/make_logo.py`
"""

from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"
BRAND, ACCENT, WHITE = "#00436e", "#e1006a", "#ffffff"

# The drawing in SVG units: 160 high, as wide as the words with a margin; the PNG is drawn
# at 4x and scaled to 2x.
HEIGHT, MARGIN = 160, 14
CIRCLE = (80, 80, 70)  # centre x, centre y, radius
MARK = ("SSW", BOLD, 40, WHITE)  # text, font, size, colour; centred in the circle
LINES = [  # text, font, size, colour, baseline y, left x
    ("Kwaliteitslabel", REGULAR, 38, BRAND, 70, 172),
    ("Sterk Sociaal Werk", BOLD, 44, BRAND, 124, 172),
]
TITLE = "Kwaliteitslabel Sterk Sociaal Werk"


def _advance(font: TTFont, text: str, size: float) -> float:
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return sum(hmtx[cmap[ord(c)]][0] for c in text) * size / font["head"].unitsPerEm


def _width() -> int:
    fonts = {REGULAR: TTFont(REGULAR), BOLD: TTFont(BOLD)}
    return round(max(x + _advance(fonts[f], t, size) for t, f, size, _, _, x in LINES) + MARGIN)


def _path(font: TTFont, text: str, size: float, x: float, baseline: float) -> str:
    """The text's outlines as one SVG path, left edge at x, on the baseline."""
    cmap, hmtx, glyphs = font.getBestCmap(), font["hmtx"], font.getGlyphSet()
    scale = size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.2f}".rstrip("0").rstrip("."))
    for char in text:
        name = cmap[ord(char)]
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, baseline)))
        x += hmtx[name][0] * scale
    return pen.getCommands()


def svg() -> str:
    fonts = {REGULAR: TTFont(REGULAR), BOLD: TTFont(BOLD)}
    cx, cy, r = CIRCLE
    text, font, size, colour = MARK
    mark_x = cx - _advance(fonts[font], text, size) / 2
    parts = [
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{ACCENT}"/>',
        f'<path fill="{colour}" d="{_path(fonts[font], text, size, mark_x, cy + size * 0.36)}"/>',
    ]
    for text, font, size, colour, baseline, x in LINES:
        parts.append(f'<path fill="{colour}" d="{_path(fonts[font], text, size, x, baseline)}"/>')
    body = "\n  ".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{TITLE}">\n'
        f"  <title>{TITLE}</title>\n  {body}\n</svg>\n"
    )


def png(scale: int = 2, oversample: int = 4) -> Image.Image:
    """Drawn large and scaled down, so the circle's edge is smooth; transparent background."""
    k = scale * oversample
    image = Image.new("RGBA", (WIDTH * k, HEIGHT * k), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    cx, cy, r = CIRCLE
    draw.ellipse(((cx - r) * k, (cy - r) * k, (cx + r) * k, (cy + r) * k), fill=ACCENT)
    text, font, size, colour = MARK
    draw.text(
        (cx * k, (cy + size * 0.36) * k),
        text,
        font=ImageFont.truetype(str(font), size * k),
        fill=colour,
        anchor="ms",
    )
    for text, font, size, colour, baseline, x in LINES:
        face = ImageFont.truetype(str(font), size * k)
        draw.text((x * k, baseline * k), text, font=face, fill=colour, anchor="ls")
    return image.resize((WIDTH * scale, HEIGHT * scale), Image.LANCZOS)


WIDTH = _width()

if __name__ == "__main__":
    (HERE / "logo.svg").write_text(svg(), encoding="utf-8")
    png().save(HERE / "logo.png", optimize=True)
    print("logo.svg and logo.png written in", HERE)
