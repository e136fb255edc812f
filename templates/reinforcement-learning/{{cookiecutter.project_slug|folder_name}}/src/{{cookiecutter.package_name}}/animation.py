"""Animations: an episode's frames as a small looping GIF (Pillow), for the report and the demo."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

MAX_WIDTH = 300  # pixels: half of CartPole's 600, sharp enough on a phone and a few KB a frame
MAX_FPS = 25  # frames a second; the environments draw 15 to 50, and a GIF shows more no better
PALETTE_COLOURS = 32


def shrink(frame: np.ndarray, max_width: int = MAX_WIDTH) -> Image.Image:
    """An RGB frame (H, W, 3) reduced by the smallest whole factor that fits `max_width`: a box
    filter, four times faster than resampling, and crisp for the flat shapes these scenes have."""
    image = Image.fromarray(frame)
    factor = -(-image.width // max_width)  # ceiling division
    return image.reduce(factor) if factor > 1 else image


def frame_rate(render_fps: float) -> tuple[int, float]:
    """(k, fps): keep every k-th step and play the frames at fps, so that an environment drawn at
    `render_fps` plays in real time at no more than MAX_FPS."""
    every = max(1, round(render_fps / MAX_FPS))
    return every, render_fps / every


def side_by_side(panels: dict[str, list[Image.Image]], caption_height: int = 16) -> list[Image.Image]:
    """Episodes played from the same start, frame by frame in one picture, each under its caption
    ("trained agent", "random policy"); a shorter episode holds its last frame while the other plays on."""
    if not panels or not all(panels.values()):
        raise ValueError("side_by_side needs at least one episode, each with frames")
    width, height = next(iter(panels.values()))[0].size
    length = max(len(frames) for frames in panels.values())
    sheets = []
    for i in range(length):
        sheet = Image.new("RGB", (width * len(panels), height + caption_height), "white")
        draw = ImageDraw.Draw(sheet)
        for column, (caption, frames) in enumerate(panels.items()):
            sheet.paste(frames[min(i, len(frames) - 1)].convert("RGB"), (column * width, caption_height))
            draw.text((column * width + 4, 2), caption, fill=(40, 40, 40))
        sheets.append(sheet)
    return sheets


def gif_bytes(frames: list[Image.Image], fps: float) -> bytes:
    """The frames as a looping GIF played at `fps`.

    One palette for every frame, taken from the first: a classic-control scene is a few flat
    colours that all show from the start, so it fits them all, and mapping onto a fixed palette is
    about twenty times faster than a palette per frame and gives half the bytes.
    """
    if not frames:
        raise ValueError("no frames to animate: play the episode with frame_every > 0")
    palette = frames[0].quantize(colors=PALETTE_COLOURS)
    indexed = [frame.quantize(palette=palette, dither=Image.Dither.NONE) for frame in frames]
    buffer = io.BytesIO()
    indexed[0].save(buffer, format="GIF", save_all=True, append_images=indexed[1:],
                    duration=round(1000 / fps), loop=0)
    return buffer.getvalue()


def save_gif(frames: list[Image.Image], fps: float, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gif_bytes(frames, fps))
    return path
