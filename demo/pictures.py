"""Flat illustrations for the demo content, drawn with Pillow: a few scenes (a hospital, a
ward, a meeting, a phone...) and drawn portraits, each varied by a seed.

Scenes are drawn on a 160 x 100 grid of units (a unit is 7.5 pixels at 1200 x 750), so
the drawing code reads in proportions, not pixels. Each picture's alt text in
demo/content.py describes what its scene draws.
"""

import io
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

SKIN = ["#f3cfb3", "#e5b48f", "#c98e5f", "#a5693f", "#7a4a2a", "#57331d"]
HAIR = ["#2b1b12", "#4a2f1b", "#8c4a2f", "#d9b26a", "#a3a3a3", "#151515", "#6b4226", "#e8e2d6"]
CLOTHES = ["#005eb8", "#003087", "#00a499", "#ae2573", "#ed8b00", "#330072", "#425563", "#78be20"]
SCRUBS = ["#3a7ca5", "#2e8b77", "#4f6d9a"]
NURSE_TUNIC = ["#005eb8", "#003087", "#7c2855", "#41b6e6"]
HAIR_STYLES = ["short", "long", "bun", "curly", "bald", "bob"]


@dataclass(frozen=True)
class Mood:
    """A scene's colours: sky (or a wall seen through a window), ground, and two accents."""

    sky: str
    ground: str
    accent: str
    accent2: str


MOODS = [
    Mood("#d7ecf7", "#8fbf6a", "#005eb8", "#ffb81c"),
    Mood("#e8f1f8", "#b7c9a8", "#00a499", "#ae2573"),
    Mood("#fdeedc", "#9fc58b", "#003087", "#ed8b00"),
    Mood("#e4e9f7", "#a6c48a", "#330072", "#41b6e6"),
    Mood("#dff3ef", "#8cbf8f", "#005eb8", "#da291c"),
    Mood("#f2ece4", "#b3c79a", "#425563", "#00a499"),
]
WHITE, INK = "#ffffff", "#22313f"


class Canvas:
    """A Pillow drawing addressed in units, with the helpers the scenes share."""

    def __init__(self, width, height, unit, background):
        self.unit = unit
        self.image = PILImage.new("RGB", (width, height), background)
        self.draw = ImageDraw.Draw(self.image)

    def box(self, x0, y0, x1, y1):
        u = self.unit
        return [round(x0 * u), round(y0 * u), round(x1 * u), round(y1 * u)]

    def rect(self, x0, y0, x1, y1, fill, radius=0, outline=None, width=0):
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=round(radius * self.unit),
            fill=fill,
            outline=outline,
            width=round(width * self.unit),
        )

    def oval(self, x0, y0, x1, y1, fill=None, outline=None, width=0):
        self.draw.ellipse(
            self.box(x0, y0, x1, y1), fill=fill, outline=outline, width=round(width * self.unit)
        )

    def circle(self, cx, cy, r, fill=None, outline=None, width=0):
        self.oval(cx - r, cy - r, cx + r, cy + r, fill, outline, width)

    def poly(self, points, fill):
        self.draw.polygon([(round(x * self.unit), round(y * self.unit)) for x, y in points], fill)

    def line(self, points, fill, width):
        pixels = [(round(x * self.unit), round(y * self.unit)) for x, y in points]
        self.draw.line(pixels, fill=fill, width=max(1, round(width * self.unit)), joint="curve")

    def arc(self, x0, y0, x1, y1, start, end, fill, width):
        self.draw.arc(
            self.box(x0, y0, x1, y1), start, end, fill=fill, width=round(width * self.unit)
        )

    def chord(self, x0, y0, x1, y1, start, end, fill):
        self.draw.chord(self.box(x0, y0, x1, y1), start, end, fill=fill)

    def text(self, x, y, words, size, fill):
        font = ImageFont.load_default(size=round(size * self.unit))
        self.draw.text((round(x * self.unit), round(y * self.unit)), words, fill=fill, font=font)

    def encode(self) -> bytes:
        buffer = io.BytesIO()
        self.image.save(buffer, format="PNG", compress_level=3)
        return buffer.getvalue()


class Look:
    """One person's colours and hair, chosen from a seed."""

    def __init__(self, rng, top=None):
        self.skin = rng.choice(SKIN)
        self.hair = rng.choice(HAIR)
        self.style = rng.choice(HAIR_STYLES)
        self.top = top or rng.choice(CLOTHES)
        self.legs = rng.choice(["#2f3b4c", "#3d3d3d", "#4b5d73", "#1f2a44"])


def head(c, x, y, r, look, cap=None, mask=None, headset=False):
    """A head centred on (x, y) with radius r: hair, face, and what is worn on it."""
    style = "short" if cap else look.style  # a theatre cap holds all the hair
    if style in ("long", "bob"):
        drop = 2.4 if style == "long" else 1.3
        c.rect(x - r * 1.15, y - r * 1.1, x + r * 1.15, y + r * 0.2, look.hair, radius=r * 0.6)
        c.rect(x - r * 1.15, y - r * 0.5, x - r * 0.45, y + r * drop, look.hair, radius=r * 0.35)
        c.rect(x + r * 0.45, y - r * 0.5, x + r * 1.15, y + r * drop, look.hair, radius=r * 0.35)
    if style == "curly":
        for dx, dy in ((-0.9, -0.5), (0.9, -0.5), (-0.5, -1.0), (0.5, -1.0), (0, -1.15)):
            c.circle(x + dx * r, y + dy * r, r * 0.55, look.hair)
    if style == "bun":
        c.circle(x, y - r * 1.15, r * 0.5, look.hair)
    c.oval(x - r * 0.95, y - r, x + r * 0.95, y + r * 1.05, look.skin)
    if cap:
        c.chord(x - r * 1.05, y - r * 1.2, x + r * 1.05, y + r * 0.6, 180, 360, cap)
    elif style != "bald":
        c.chord(x - r * 1.02, y - r * 1.12, x + r * 1.02, y + r * 0.45, 180, 360, look.hair)
    else:
        c.chord(x - r * 1.0, y - r * 0.4, x - r * 0.6, y + r * 0.3, 90, 270, look.hair)
        c.chord(x + r * 0.6, y - r * 0.4, x + r * 1.0, y + r * 0.3, 270, 90, look.hair)
    if r >= 4 and not mask:
        for side in (-1, 1):
            c.circle(x + side * r * 0.36, y + r * 0.05, r * 0.09, INK)
        c.arc(x - r * 0.3, y + r * 0.2, x + r * 0.3, y + r * 0.6, 20, 160, "#8a4b3c", r * 0.07)
    if mask:
        c.rect(x - r * 0.8, y + r * 0.15, x + r * 0.8, y + r * 0.85, mask, radius=r * 0.2)
    if headset:
        c.arc(x - r * 1.15, y - r * 1.25, x + r * 1.15, y + r * 1.0, 190, 350, INK, r * 0.18)
        c.rect(x - r * 1.25, y - r * 0.1, x - r * 0.85, y + r * 0.5, INK, radius=r * 0.15)
        c.line([(x - r, y + r * 0.4), (x - r * 0.2, y + r * 0.8)], INK, r * 0.12)


def bust(c, x, shoulder, r, look, **wear):
    """Head and shoulders: for people seen behind a desk or a table."""
    c.rect(x - r * 0.35, shoulder - r * 0.6, x + r * 0.35, shoulder + r * 0.5, look.skin)
    c.rect(x - r * 2.1, shoulder, x + r * 2.1, shoulder + r * 5, look.top, radius=r * 0.9)
    head(c, x, shoulder - r * 1.2, r, look, **wear)


def standing(c, x, floor, height, look, **wear):
    """A standing figure `height` units tall with its feet on `floor`."""
    r = height / 8
    hip = floor - height * 0.45
    c.rect(x - r * 1.3, hip - r, x - r * 0.15, floor, look.legs, radius=r * 0.3)
    c.rect(x + r * 0.15, hip - r, x + r * 1.3, floor, look.legs, radius=r * 0.3)
    shoulder = floor - height + r * 2.3
    c.rect(x - r * 2.3, shoulder + r * 0.2, x - r * 1.4, hip + r * 0.6, look.top, radius=r * 0.45)
    c.rect(x + r * 1.4, shoulder + r * 0.2, x + r * 2.3, hip + r * 0.6, look.top, radius=r * 0.45)
    c.rect(x - r * 1.7, shoulder, x + r * 1.7, hip + r * 0.3, look.top, radius=r * 0.7)
    c.circle(x - r * 1.85, hip + r * 0.8, r * 0.42, look.skin)
    c.circle(x + r * 1.85, hip + r * 0.8, r * 0.42, look.skin)
    c.rect(x - r * 0.35, shoulder - r * 0.6, x + r * 0.35, shoulder + r * 0.3, look.skin)
    head(c, x, shoulder - r * 1.15, r, look, **wear)


def window(c, x0, y0, x1, y1, sky, frame=WHITE, night=False):
    c.rect(x0, y0, x1, y1, frame)
    c.rect(x0 + 1, y0 + 1, x1 - 1, y1 - 1, "#1b2a4a" if night else sky)
    if night:
        c.circle(x1 - 4, y0 + 5, 2.2, "#f5f0c8")
    c.rect((x0 + x1) / 2 - 0.4, y0, (x0 + x1) / 2 + 0.4, y1, frame)


def monitor(c, x, y, w, h, screen, rng, chart=True):
    """A desk monitor whose top-left corner is (x, y), with a few lines or bars on screen."""
    c.rect(x + w / 2 - 1, y + h, x + w / 2 + 1, y + h + 3, "#56616c")
    c.rect(x + w / 2 - 4, y + h + 2.5, x + w / 2 + 4, y + h + 3.5, "#56616c", radius=0.5)
    c.rect(x, y, x + w, y + h, "#2e3a46", radius=0.8)
    c.rect(x + 0.8, y + 0.8, x + w - 0.8, y + h - 0.8, screen)
    if chart:
        points = [
            (x + 1.5 + i * (w - 3) / 5, y + h - 2 - rng.uniform(0.2, 0.8) * (h - 4))
            for i in range(6)
        ]
        c.line(points, "#005eb8", 0.5)
    else:
        for row in range(3):
            c.rect(
                x + 1.8,
                y + 2 + row * 2.2,
                x + w - 1.8 - rng.uniform(0, 5),
                y + 3 + row * 2.2,
                "#b9c6d2",
            )


def floor_and_wall(c, wall, floor, horizon=70):
    c.rect(0, 0, 160, horizon, wall)
    c.rect(0, horizon, 160, 100, floor)
    c.rect(0, horizon - 1, 160, horizon, "#c7cdd2")


# Scenes: each takes a canvas, a random generator and a mood, and draws the whole frame.


def hospital(c, rng, mood):
    c.rect(0, 0, 160, 100, mood.sky)
    c.circle(rng.uniform(15, 40), 16, 7, "#fff6c9")
    c.rect(0, 74, 160, 100, mood.ground)
    c.rect(0, 84, 160, 100, "#9aa3ab")
    c.rect(0, 83, 160, 84.5, WHITE)
    left, right, top = 28, 132, rng.uniform(20, 28)
    c.rect(left + 8, top - 8, left + 40, 74, "#e9eef2")
    c.rect(left, top, right, 76, "#f4f6f7")
    c.rect(left, top, right, top + 4, mood.accent)
    floors = int((74 - top - 10) // 9)
    for row in range(floors):
        for col in range(11):
            x = left + 4 + col * 9.1
            c.rect(x, top + 7 + row * 9, x + 5.5, top + 12.5 + row * 9, "#7fb2d9")
    c.rect(70, 62, 90, 76, mood.accent)
    c.rect(72, 64, 88, 76, "#a9cde6")
    c.rect(66, 58, 94, 62, mood.accent2)
    c.rect(left + 3, 60, left + 17, 66, WHITE, outline=mood.accent, width=0.6)
    c.rect(left + 9.2, 61, left + 10.8, 65, mood.accent)
    c.rect(left + 8, 62.2, left + 12, 63.8, mood.accent)
    for tx in (12, 146, rng.uniform(138, 142)):
        c.rect(tx - 0.8, 62, tx + 0.8, 76, "#6b4a2f")
        c.circle(tx, 58, 7, "#5f9e4a")
        c.circle(tx + 2.5, 54, 5, "#78b35c")
    ambulance(c, rng.uniform(96, 108), 87)


def ambulance(c, x, base):
    c.rect(x, base - 13, x + 26, base, "#fdfdfd", radius=1.2)
    c.rect(x + 26, base - 9, x + 34, base, "#fdfdfd", radius=1.5)
    c.rect(x + 28, base - 8, x + 33, base - 5, "#8cc4e8", radius=0.6)
    for i in range(8):
        colour = "#ffd400" if i % 2 else "#005eb8"
        c.rect(x + i * 3.25, base - 5, x + (i + 1) * 3.25, base - 2.5, colour)
    c.rect(x + 11, base - 11.5, x + 15, base - 7, "#2a9d3a")
    c.rect(x + 2, base - 15, x + 6, base - 13, "#2f7de1", radius=0.5)
    for wx in (x + 6, x + 28):
        c.circle(wx, base, 2.6, "#2b2b2b")
        c.circle(wx, base, 1.1, "#c8c8c8")


def ward(c, rng, mood, chairs=False, night=False, staff=1):
    floor_and_wall(c, "#1f2d44" if night else "#eef3f6", "#596879" if night else "#cfd8dc")
    window(c, 58, 10, 102, 38, mood.sky, night=night)
    for bay in range(3):
        x = 10 + bay * 50
        c.rect(x - 4, 6, x - 3.4, 58, "#9aa8b4")
        c.poly(
            [(x - 4, 6), (x + 3, 6), (x, 56), (x - 4, 58)], mood.accent2 if bay % 2 else "#8fc1c9"
        )
        if chairs:
            c.rect(x + 12, 48, x + 36, 74, mood.accent, radius=3)
            c.rect(x + 9, 62, x + 39, 80, mood.accent, radius=2)
            c.rect(x + 12, 80, x + 14, 86, "#6b7884")
            c.rect(x + 34, 80, x + 36, 86, "#6b7884")
        else:
            c.rect(x + 6, 62, x + 42, 66, "#8c98a4")
            c.rect(x + 6, 50, x + 9, 86, "#8c98a4")
            c.rect(x + 39, 58, x + 42, 86, "#8c98a4")
            c.rect(x + 8, 57, x + 40, 63, WHITE, radius=1)
            c.rect(x + 10, 53.5, x + 19, 58.5, "#f7f7f7", radius=1.5)
            look = Look(rng)
            head(c, x + 15, 53.5, 3, look)
            c.rect(x + 17, 55.5, x + 40, 62, "#a9c9e8" if bay % 2 else "#f0c9a0", radius=1.5)
            c.circle(x + 10, 88, 1.6, "#444")
            c.circle(x + 40, 88, 1.6, "#444")
    for n in range(staff):
        standing(c, 120 - n * 12, 94, 42, Look(rng, rng.choice(NURSE_TUNIC)))


def rota(c, rng, mood):
    floor_and_wall(c, mood.sky, "#d9cfc1", 78)
    standing(c, 126, 98, 70, Look(rng, rng.choice(NURSE_TUNIC)))
    c.rect(18, 10, 108, 82, "#2e3a46", radius=4)
    c.rect(21, 13, 105, 79, WHITE, radius=1)
    c.rect(21, 13, 105, 21, mood.accent)
    days = 7
    colours = [mood.accent, mood.accent2, "#00a499", "#e8edee"]
    for col in range(days):
        c.rect(34 + col * 10, 23, 42 + col * 10, 27, "#c8d3dc")
    for row in range(7):
        y = 30 + row * 7
        c.circle(27, y + 2.5, 2.2, rng.choice(SKIN))
        for col in range(days):
            colour = rng.choice(colours)
            c.rect(34 + col * 10, y, 42 + col * 10, y + 5, colour, radius=0.8)
    c.rect(108, 38, 118, 46, "#2e3a46", radius=2)


def phone(c, rng, mood, tablet=False):
    c.rect(0, 0, 160, 100, mood.sky)
    for _ in range(5):
        c.circle(rng.uniform(0, 160), rng.uniform(0, 100), rng.uniform(6, 16), "#ffffff")
    if tablet:
        c.rect(0, 72, 160, 100, "#c79a6b")
        c.rect(132, 62, 146, 80, mood.accent2, radius=2)
        c.arc(142, 66, 152, 75, 270, 90, mood.accent2, 1.5)
        x0, y0, x1, y1 = 34, 18, 126, 82
    else:
        x0, y0, x1, y1 = 58, 6, 102, 96
    skin = rng.choice(SKIN)
    c.rect(x0, y0, x1, y1, "#1f2933", radius=5)
    c.rect(x0 + 2.5, y0 + 4, x1 - 2.5, y1 - 4, "#f6f9fb", radius=1)
    c.rect(x0 + 2.5, y0 + 4, x1 - 2.5, y0 + 13, mood.accent)
    c.rect(x0 + 5, y0 + 7, x0 + 17, y0 + 10, WHITE, radius=0.5)
    card_top = y0 + 17
    c.rect(x0 + 5, card_top, x1 - 5, card_top + 22, WHITE, radius=2, outline="#c8d3dc", width=0.4)
    c.rect(x0 + 8, card_top + 3, x0 + 22, card_top + 19, mood.accent2, radius=1.5)
    c.rect(x0 + 8, card_top + 3, x0 + 22, card_top + 7, "#da291c", radius=1.5)
    c.text(x0 + 11, card_top + 7.5, str(rng.randrange(2, 28)), 8, WHITE)
    for row in range(3):
        c.rect(
            x0 + 25,
            card_top + 5 + row * 4.5,
            x1 - 8 - row * 4,
            card_top + 7 + row * 4.5,
            "#9fb1c1",
        )
    button_top = card_top + 27
    c.rect(x0 + 5, button_top, x1 - 5, button_top + 8, "#007f3b", radius=2)
    c.rect(
        x0 + 5,
        button_top + 11,
        x1 - 5,
        button_top + 19,
        WHITE,
        radius=2,
        outline=mood.accent,
        width=0.5,
    )
    if not tablet:
        c.rect(x0 - 8, 62, x0 + 6, 100, skin, radius=6)
        c.rect(x1 - 4, 50, x1 + 6, 70, skin, radius=4)


def office(c, rng, mood, people=3, headsets=False, screens=1, night=False, board=False):
    floor_and_wall(c, "#26344d" if night else "#f1f4f6", "#7b8794" if night else "#c9d1d6", 66)
    if night or not board:
        window(c, 104, 8, 150, 40, mood.sky, night=night)
    if board:
        c.rect(90, 8, 150, 40, WHITE, outline="#9aa8b4", width=0.6)
        for row in range(4):
            for col in range(5):
                if rng.random() < 0.7:
                    colour = rng.choice([mood.accent, mood.accent2, "#78be20", "#ffb81c"])
                    x, y = 93 + col * 11, 12 + row * 7
                    c.rect(x, y, x + 8, y + 5, colour, radius=0.6)
    # Each person sits at the left of their screens, turned towards them.
    spacing = 150 / people
    r = 6 if people == 1 else 4.2
    width = min(26, (spacing - 12) / screens - 1) if people > 1 else min(36, 100 / screens - 2)
    height = min(20, width * 0.62)
    for n in range(people):
        x = spacing * n + 12 if people > 1 else 22
        bust(c, x, 70 if people == 1 else 68, r, Look(rng), headset=headsets)
        for s in range(screens):
            chart = (n + s) % 2 == 0
            left = x + r + 3 + s * (width + 1)
            monitor(c, left, 65 - height, width, height, "#e7f0f7", rng, chart=chart)
    c.rect(0, 75, 160, 80, "#a7835c")
    c.rect(0, 80, 160, 100, "#8c6c4a" if not night else "#5d4a36")


def energy(c, rng, mood, plant_room=False):
    if plant_room:
        floor_and_wall(c, "#dfe3e6", "#8f9aa3", 74)
        for y, colour in ((14, "#8a5a3b"), (22, "#7d7d7d"), (30, "#a05c3a")):
            c.rect(0, y, 70, y + 4, colour)
            c.rect(66, y, 70, 74, colour)
        c.circle(30, 16, 3.5, "#c0392b")
        c.rect(8, 40, 40, 74, "#7e6d5d", radius=3)
        c.rect(12, 44, 36, 48, "#5b4b3d")
        start = 80
    else:
        c.rect(0, 0, 160, 100, mood.sky)
        c.rect(0, 66, 160, 100, mood.ground)
        c.rect(6, 20, 74, 70, "#f4f6f7")
        for row in range(4):
            for col in range(6):
                c.rect(10 + col * 10.5, 26 + row * 10, 15 + col * 10.5, 32 + row * 10, "#7fb2d9")
        for n in range(4):
            x = 10 + n * 16
            c.poly([(x, 20), (x + 14, 20), (x + 12, 12), (x + 2, 12)], "#1d3f6e")
            c.line([(x + 7, 12), (x + 7, 20)], "#5c86b8", 0.4)
        start = 80
    c.rect(start - 2, 74, 158, 78, "#9aa3ab")
    for n in range(3):
        x = start + n * 26
        c.rect(x, 46, x + 23, 74, "#eef1f3", radius=1.5, outline="#b8c1c8", width=0.5)
        c.circle(x + 11.5, 58, 8, "#36454f")
        c.circle(x + 11.5, 58, 6.5, "#56656f")
        for angle in range(3):
            dx, dy = ((0, -5), (4.3, 2.5), (-4.3, 2.5))[angle]
            c.line([(x + 11.5, 58), (x + 11.5 + dx, 58 + dy)], "#cfd8dc", 1.2)
        c.circle(x + 11.5, 58, 1.4, mood.accent)
        c.rect(x + 2, 48, x + 8, 50, mood.accent2)
    c.rect(start, 40, 158, 42, mood.accent)
    c.rect(start + 10, 42, start + 12, 46, mood.accent)


def chart_screen(c, rng, mood):
    floor_and_wall(c, "#e9eef2", "#c9d1d6", 68)
    c.rect(30, 8, 130, 62, "#1f2933", radius=2)
    c.rect(32, 10, 128, 60, WHITE)
    c.line([(38, 54), (122, 54)], "#7c8a96", 0.4)
    c.line([(38, 16), (38, 54)], "#7c8a96", 0.4)
    values = [rng.uniform(0.3, 0.95) for _ in range(8)]
    for n, value in enumerate(values):
        x = 42 + n * 10
        c.rect(x, 54 - value * 34, x + 6, 54, mood.accent if n % 2 else "#41b6e6")
    trend = [(45 + n * 10, 50 - (0.2 + n * 0.08) * 34 + rng.uniform(-3, 3)) for n in range(8)]
    c.line(trend, mood.accent2, 0.9)
    for point in trend:
        c.circle(*point, 1.2, mood.accent2)
    c.rect(0, 78, 160, 100, "#7b5a3c")
    c.rect(0, 76, 160, 80, "#9b7652")
    for x in (22, 58, 102, 138):
        look = Look(rng)
        c.rect(x - 9, 84, x + 9, 100, look.top, radius=4)
        head(c, x, 78, 5, look)


def huddle(c, rng, mood, board=True):
    floor_and_wall(c, "#eaf0f3", "#bfc9cf", 72)
    if board:
        c.rect(40, 10, 120, 50, WHITE, outline="#8c98a4", width=0.8)
        for row in range(4):
            c.rect(45, 16 + row * 7, 45 + rng.uniform(20, 38), 18 + row * 7, "#1f5fa8")
        c.line([(88, 44), (96, 34), (104, 38), (114, 20)], "#da291c", 0.7)
        for x in (88, 100):
            c.rect(x, 14, x + 8, 22, rng.choice(["#ffeb3b", "#ffb81c", "#9be29a"]))
    else:
        for x in (20, 110):
            c.rect(x, 12, x + 22, 72, "#b9cbd6")
            c.rect(x + 16, 40, x + 18, 46, "#6b7884")
        c.rect(60, 16, 96, 26, mood.accent)
        c.text(63, 17.5, "Ward 7", 6, WHITE)
    positions = [24, 52, 80, 108, 136]
    for n, x in enumerate(positions):
        top = rng.choice(NURSE_TUNIC + SCRUBS + CLOTHES)
        standing(c, x, 98, rng.uniform(52, 60) if n % 2 else rng.uniform(58, 64), Look(rng, top))


def corridor(c, rng, mood):
    c.rect(0, 0, 160, 100, "#eef2f4")
    c.poly([(0, 100), (160, 100), (100, 58), (60, 58)], "#b9c4ca")
    c.poly([(0, 0), (160, 0), (100, 28), (60, 28)], "#f9fafb")
    c.rect(60, 28, 100, 58, "#dfe6ea")
    c.rect(72, 34, 88, 58, "#a6c4d8")
    c.poly([(0, 0), (60, 28), (60, 58), (0, 100)], "#e3e9ec")
    c.poly([(160, 0), (100, 28), (100, 58), (160, 100)], "#e3e9ec")
    c.poly([(20, 14), (38, 22), (38, 66), (20, 76)], mood.accent)
    c.poly([(140, 14), (122, 22), (122, 66), (140, 76)], "#7fa9c9")
    c.poly([(0, 90), (60, 56), (60, 57), (0, 92)], mood.accent2)
    c.poly([(160, 90), (100, 56), (100, 57), (160, 92)], mood.accent2)
    c.rect(62, 12, 98, 21, "#005eb8")
    c.text(64.5, 13.5, "Discharge lounge", 4.2, WHITE)
    c.rect(88, 64, 136, 70, "#8c98a4")
    c.rect(86, 60, 138, 65, WHITE, radius=1)
    c.rect(124, 56, 134, 61, "#f2f2f2", radius=1.5)
    c.rect(92, 70, 94, 86, "#8c98a4")
    c.rect(130, 70, 132, 86, "#8c98a4")
    for x in (93, 131):
        c.circle(x, 88, 2, "#333")


def meeting(c, rng, mood, people=6, documents=1):
    floor_and_wall(c, "#eef1f4", "#b8c2c9", 58)
    window(c, 20, 8, 60, 38, mood.sky)
    window(c, 100, 8, 140, 38, mood.sky)
    spacing = 140 / people
    for n in range(people):
        bust(c, 10 + spacing * (n + 0.5), 58, 5, Look(rng))
    c.poly([(4, 66), (156, 66), (146, 92), (14, 92)], "#8a6442")
    c.poly([(4, 66), (156, 66), (156, 69), (4, 69)], "#a57b55")
    for n in range(documents):
        x = 70 + n * 14
        c.poly([(x, 72), (x + 16, 72), (x + 18, 84), (x - 2, 84)], WHITE)
        for row in range(3):
            c.line([(x + 1, 75 + row * 2.8), (x + 14, 75 + row * 2.8)], "#9aa8b4", 0.35)
    c.rect(24, 74, 34, 80, "#f5f5f5", radius=2)
    c.rect(124, 74, 134, 80, "#f5f5f5", radius=2)


def consultation(c, rng, mood):
    floor_and_wall(c, "#e6f0f3", "#c9d3d8", 64)
    window(c, 60, 8, 100, 36, mood.sky)
    c.rect(112, 10, 150, 40, WHITE, outline="#9aa8b4", width=0.5)
    for row in range(4):
        c.line([(116, 16 + row * 6), (146 - row * 5, 16 + row * 6)], "#9aa8b4", 0.5)
    doctor = Look(rng, rng.choice(["#5c8fc9", "#7aa35b", "#8e6c9e"]))
    patient = Look(rng)
    patient.hair = "#c9c9c9"
    bust(c, 36, 60, 6, doctor)
    c.rect(28, 60, 44, 90, WHITE, radius=3)
    bust(c, 124, 62, 6, patient)
    c.rect(0, 74, 160, 100, "#a57b55")
    c.rect(0, 74, 160, 77, "#b98d63")
    c.line([(70, 82), (74, 88), (82, 90), (90, 88), (92, 82)], "#2b2b2b", 0.9)
    c.line([(70, 82), (68, 78)], "#2b2b2b", 0.8)
    c.line([(92, 82), (94, 78)], "#2b2b2b", 0.8)
    c.line([(82, 90), (84, 95), (96, 96)], "#2b2b2b", 0.9)
    c.circle(99, 96, 3, "#b8c1c8", outline="#2b2b2b", width=0.7)
    c.rect(46, 80, 62, 96, WHITE, radius=0.6)
    c.rect(108, 82, 132, 86, mood.accent2, radius=1)


def studio(c, rng, mood):
    c.rect(0, 0, 160, 100, "#1d2b44")
    c.rect(20, 10, 140, 62, mood.accent)
    for n in range(5):
        c.circle(40 + n * 20, 36, 6 + n % 2 * 3, "#ffffff")
    c.rect(0, 74, 160, 100, "#3a4658")
    c.text(58, 14, "NHE TV", 8, WHITE)
    for n, x in enumerate((36, 80, 124)):
        c.rect(x - 14, 56, x + 14, 86, mood.accent2 if n != 1 else "#7c2855", radius=4)
        look = Look(rng)
        bust(c, x, 62, 4.6, look)
        c.rect(x - 16, 72, x + 16, 88, mood.accent2 if n != 1 else "#7c2855", radius=3)
        c.rect(x - 12, 88, x - 10, 94, "#222")
        c.rect(x + 10, 88, x + 12, 94, "#222")
    for x in (8, 152):
        c.line([(x, 100), (x, 20)], "#9aa8b4", 0.8)
        c.poly([(x - 5, 12), (x + 5, 12), (x + 3, 20), (x - 3, 20)], "#d9dde0")


def theatre(c, rng, mood):
    floor_and_wall(c, "#d9ecef", "#9fb7bd", 66)
    c.rect(0, 0, 160, 4, "#b9c7cc")
    for x, r in ((58, 13), (104, 10)):
        c.line([(x, 0), (x, 10), (x + 8, 16)], "#7c8a96", 1)
        c.circle(x + 8, 22, r, "#c2ccd2")
        c.circle(x + 8, 22, r * 0.75, "#fdfbe6")
        for dx in (-0.35, 0, 0.35):
            c.circle(x + 8 + dx * r, 22, r * 0.15, "#fff9c4")
    c.rect(120, 24, 146, 44, "#1f2933", radius=1)
    c.line([(123, 36), (128, 36), (130, 30), (133, 40), (136, 36), (143, 36)], "#4ade80", 0.6)
    c.rect(132, 44, 134, 70, "#7c8a96")
    c.rect(44, 64, 112, 70, "#3a7ca5", radius=1.5)
    c.rect(74, 70, 82, 88, "#7c8a96")
    c.rect(64, 88, 92, 91, "#7c8a96")
    for x in (28, 126, 100):
        standing(
            c, x, 96, 58, Look(rng, rng.choice(SCRUBS)), cap=rng.choice(SCRUBS), mask="#9fd3e6"
        )
    standing(c, 56, 96, 56, Look(rng, rng.choice(SCRUBS)), cap="#7c2855", mask="#9fd3e6")


def classroom(c, rng, mood):
    floor_and_wall(c, "#fbf3e4", "#c8a77e", 66)
    c.rect(18, 10, 92, 44, WHITE, outline="#8c98a4", width=0.8)
    c.text(24, 14, "How are you feeling?", 4.5, "#1f5fa8")
    for n, colour in enumerate(["#78be20", "#ffb81c", "#41b6e6", "#ae2573"]):
        c.circle(30 + n * 15, 33, 4.5, colour)
    window(c, 110, 10, 148, 40, mood.sky)
    standing(c, 130, 92, 62, Look(rng))
    for x in (18, 46, 74, 102):
        bust(c, x, 74, 3.6, Look(rng))
        c.rect(x - 12, 80, x + 12, 84, "#d08c3e")
        c.rect(x - 10, 84, x - 8, 96, "#8d6036")
        c.rect(x + 8, 84, x + 10, 96, "#8d6036")
        c.rect(x - 4, 78, x + 5, 80.5, rng.choice(CLOTHES))


def portrait(c, rng, mood, white_coat=False, grey_hair=False, health_centre=False):
    if health_centre:
        c.rect(0, 0, 160, 100, mood.sky)
        c.rect(0, 78, 160, 100, mood.ground)
        c.rect(10, 22, 150, 82, "#efe6d8")
        for col in range(8):
            c.rect(16 + col * 17, 30, 26 + col * 17, 42, "#8fbfd9")
        c.rect(20, 50, 56, 58, mood.accent)
        c.text(22, 51.5, "Health centre", 4.2, WHITE)
    else:
        c.rect(0, 0, 160, 100, "#e8eef2")
        c.poly([(0, 0), (60, 0), (40, 100), (0, 100)], "#dbe5ec")
        for col in range(6):
            c.rect(96 + col * 11, 6, 102 + col * 11, 60, "#f7fafc")
        c.rect(0, 70, 160, 74, "#c4cfd6")
    look = Look(rng, "#f7f9fa" if white_coat else mood.accent)
    if grey_hair:
        look.hair, look.style = "#bdbdbd", "bob"
    elif look.style == "bald":
        look.style = "short"
    x, shoulder, r = 80, 60, 12
    c.rect(x - r * 0.35, shoulder - r * 0.6, x + r * 0.35, shoulder + r * 0.5, look.skin)
    c.rect(x - r * 3, shoulder, x + r * 3, 110, look.top, radius=r * 1.2)
    if white_coat:
        c.poly([(x - 6, shoulder), (x + 6, shoulder), (x, shoulder + 18)], "#5c8fc9")
        c.line([(x - 7, shoulder + 2), (x, shoulder + 24), (x + 7, shoulder + 2)], "#c9d3d8", 0.8)
        c.line([(x + 20, shoulder + 8), (x + 20, shoulder + 18)], "#2b2b2b", 0.7)
    else:
        c.poly([(x - 6, shoulder), (x + 6, shoulder), (x, shoulder + 8)], look.skin)
    head(c, x, shoulder - r * 1.2, r, look)


def scanner(c, rng, mood):
    floor_and_wall(c, "#eef4f7", "#c3ced4", 70)
    window(c, 8, 10, 40, 36, mood.sky)
    c.rect(62, 14, 126, 78, "#f4f6f7", radius=8, outline="#b8c1c8", width=0.6)
    c.circle(94, 46, 18, "#c9d3d8")
    c.circle(94, 46, 13, "#4a5a68")
    c.rect(70, 18, 118, 22, mood.accent, radius=1)
    c.rect(20, 52, 100, 56, "#dfe6ea", radius=1)
    c.rect(36, 56, 60, 78, "#b8c1c8")
    patient = Look(rng, "#a9c9e8")
    c.rect(24, 48, 86, 53, patient.top, radius=2)
    head(c, 22, 48.5, 3.4, patient)
    standing(c, 138, 94, 58, Look(rng, rng.choice(["#003087", "#005eb8", "#41b6e6"])))


def house(c, rng, mood):
    c.rect(0, 0, 160, 100, mood.sky)
    c.rect(0, 76, 160, 100, mood.ground)
    brick = rng.choice(["#b5654a", "#c98a5a", "#d8c3a5", "#9c5a45"])
    c.rect(30, 30, 130, 82, brick)
    c.poly([(24, 32), (136, 32), (118, 10), (42, 10)], "#4b4f58")
    c.rect(100, 4, 108, 14, "#6b4a3a")
    door = rng.choice(["#003087", "#da291c", "#007f3b", "#330072"])
    c.rect(70, 50, 86, 82, door)
    c.circle(83, 67, 0.9, "#f5d142")
    c.rect(68, 47, 88, 50, WHITE)
    for x0 in (38, 96):
        window(c, x0, 52, x0 + 22, 70, "#bcdcf0")
        window(c, x0, 36, x0 + 22, 48, "#bcdcf0")
    c.poly([(70, 82), (86, 82), (96, 100), (60, 100)], "#d9d4c8")
    carer = Look(rng, rng.choice(["#00a499", "#41b6e6", "#7c2855"]))
    standing(c, 100, 96, 44, carer)
    c.rect(93, 76, 99, 84, "#ffb81c", radius=0.6)
    for x in (14, 146):
        c.circle(x, 70, 9, "#5f9e4a")
        c.circle(x + 3, 64, 6, "#78b35c")


def noticeboard(c, rng, mood):
    c.rect(0, 0, 160, 100, "#dfe5e8")
    c.rect(14, 8, 146, 92, "#8a5a3b", radius=2)
    c.rect(18, 12, 142, 88, "#c99d6b")
    colours = [WHITE, "#fff4b3", "#cfe8ff", "#ffd6e0", "#d9f2d0", mood.accent2]
    for _ in range(16):
        w, h = rng.uniform(16, 28), rng.uniform(18, 30)
        x, y = rng.uniform(18, 142 - w), rng.uniform(12, 88 - h)
        colour = rng.choice(colours)
        c.rect(x + 0.8, y + 0.8, x + w + 0.8, y + h + 0.8, "#8c6a48")
        c.rect(x, y, x + w, y + h, colour)
        c.rect(x + 2, y + 2, x + w - 2, y + 5, rng.choice([mood.accent, "#da291c", "#007f3b"]))
        for row in range(int((h - 8) // 3)):
            line_y = y + 8 + row * 3
            c.line([(x + 2, line_y), (x + w - 2 - rng.uniform(0, 6), line_y)], "#8c98a4", 0.35)
        c.circle(x + w / 2, y + 1.2, 1, rng.choice(["#da291c", "#005eb8", "#ffb81c"]))


def car_park(c, rng, mood):
    c.rect(0, 0, 160, 100, "#101d33")
    for _ in range(24):
        c.circle(rng.uniform(0, 160), rng.uniform(0, 40), 0.3, "#dfe7f2")
    c.circle(136, 14, 5, "#f5f0c8")
    c.rect(8, 22, 96, 66, "#24324a")
    for row in range(4):
        for col in range(8):
            lit = rng.random() < 0.45
            x, y = 12 + col * 10.5, 26 + row * 9
            c.rect(x, y, x + 6, y + 5, "#f6d365" if lit else "#34435c")
    c.rect(0, 66, 160, 100, "#2a2f38")
    c.poly([(116, 20), (126, 20), (150, 96), (92, 96)], "#3a3b35")
    c.line([(121, 96), (121, 18)], "#5c6570", 1)
    c.rect(116, 16, 126, 19, "#f6d365", radius=1)
    for n in range(5):
        c.line([(8 + n * 30, 96), (18 + n * 30, 74)], "#d9d9d9", 0.5)
    for x in (14, 44, 74, 134):
        car(c, x, 88, rng.choice(["#8a1538", "#005eb8", "#4c6272", "#d5d9dc", "#2e7d32"]))


def car(c, x, base, colour):
    c.rect(x, base - 8, x + 24, base - 2, colour, radius=2)
    c.poly(
        [(x + 5, base - 8), (x + 8, base - 13), (x + 17, base - 13), (x + 20, base - 8)], colour
    )
    c.poly(
        [(x + 7, base - 8.5), (x + 9, base - 12), (x + 16, base - 12), (x + 18, base - 8.5)],
        "#596d86",
    )
    for wx in (x + 5, x + 19):
        c.circle(wx, base - 2, 2.3, "#111")


def spreadsheet(c, rng, mood):
    c.rect(0, 0, 160, 100, "#b48a60")
    c.poly([(22, 6), (142, 10), (138, 98), (18, 94)], "#8a6a4a")
    c.poly([(20, 4), (140, 8), (136, 96), (16, 92)], WHITE)
    for row in range(12):
        y = 14 + row * 6.6
        c.line([(21, y), (137, y + 3.6)], "#c8d3dc", 0.3)
        for col in range(6):
            if row:
                c.rect(
                    26 + col * 18,
                    y + 1.5 + col * 0.55,
                    38 + col * 18,
                    y + 3.3 + col * 0.55,
                    "#5a6b7a",
                )
    c.rect(20, 9, 137, 14, "#cfe3f3")
    for _ in range(6):
        x, y = rng.uniform(30, 120), rng.uniform(20, 80)
        c.text(x, y, "?", 13, "#da291c")
    c.circle(rng.uniform(40, 120), rng.uniform(30, 80), 9, outline="#da291c", width=0.7)
    c.rect(120, 70, 158, 76, "#1f5fa8", radius=2)
    c.rect(150, 70, 158, 76, "#c0c0c0", radius=1)


SCENES = {
    "car_park": car_park,
    "chart_screen": chart_screen,
    "classroom": classroom,
    "consultation": consultation,
    "corridor": corridor,
    "energy": energy,
    "hospital": hospital,
    "house": house,
    "huddle": huddle,
    "meeting": meeting,
    "noticeboard": noticeboard,
    "office": office,
    "phone": phone,
    "portrait": portrait,
    "rota": rota,
    "scanner": scanner,
    "spreadsheet": spreadsheet,
    "studio": studio,
    "theatre": theatre,
    "ward": ward,
}


def draw_scene(scene: str, seed: int, options=None, width=1200, height=750) -> ContentFile:
    """One illustration: SCENES[scene] drawn with the seed's colours and people."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)  # nosec B311
    mood = MOODS[seed % len(MOODS)]
    canvas = Canvas(width, height, width / 160, mood.sky)
    SCENES[scene](canvas, rng, mood, **(options or {}))
    return ContentFile(canvas.encode(), name=f"demo-{scene}-{seed}.png")


def draw_headshot(seed: int, hair_style=None, size=600) -> ContentFile:
    """A drawn portrait on a coloured disc: head, hair and shoulders."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311
    backdrop = ["#cfe3f3", "#f6e3c8", "#d8efe4", "#eadcf2", "#f8d9d9"][seed % 5]
    canvas = Canvas(size, size, size / 100, "#ffffff")
    canvas.circle(50, 50, 50, backdrop)
    look = Look(rng)
    look.style = hair_style or look.style
    x, shoulder, r = 50, 86, 23
    canvas.rect(x - r * 0.35, shoulder - r * 0.6, x + r * 0.35, shoulder + r * 0.5, look.skin)
    canvas.rect(x - r * 2.4, shoulder, x + r * 2.4, 140, look.top, radius=r)
    collar = rng.choice(["#ffffff", "#e8edee", look.skin])
    canvas.poly([(x - 7, shoulder), (x + 7, shoulder), (x, shoulder + 10)], collar)
    head(canvas, x, shoulder - r * 1.2, r, look)
    if seed % 3 == 1:
        y = shoulder - r * 1.2
        canvas.circle(x - r * 0.36, y, r * 0.26, outline=INK, width=0.9)
        canvas.circle(x + r * 0.36, y, r * 0.26, outline=INK, width=0.9)
        canvas.line([(x - r * 0.1, y), (x + r * 0.1, y)], INK, 0.9)
    return ContentFile(canvas.encode(), name=f"demo-portrait-{seed}.png")
