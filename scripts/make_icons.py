#!/usr/bin/env python3
"""Draws Trendline's PNG app icons (the design of assets/favicon.svg) into assets/icons/.

Standard library only: each shape is a signed distance function sampled once per pixel, its
coverage (anti-aliased over one pixel) composited "over" the layers below, and the result
written as an 8-bit RGBA PNG with zlib. Deterministic: the same pixels on every run.

    python3 scripts/make_icons.py          # (re)writes assets/icons/*.png
    python3 scripts/make_icons.py --check  # fails if a committed icon's pixels differ
"""
import math
import struct
import sys
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "assets" / "icons"

BLUE = (0x1D, 0x4E, 0xD8)
WHITE = (0xFF, 0xFF, 0xFF)
PINK = (0xF9, 0xA8, 0xD4)


def rounded_rect(x0, y0, x1, y1, r):
    cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2 - r, (y1 - y0) / 2 - r

    def sdf(x, y):
        qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
        return math.hypot(max(qx, 0.0), max(qy, 0.0)) + min(max(qx, qy), 0.0) - r

    return sdf, (x0, y0, x1, y1)


def capsule(ax, ay, bx, by, r):
    """A segment with round caps (an SVG stroke with stroke-linecap="round")."""
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy

    def sdf(x, y):
        t = 0.0 if ll == 0 else max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / ll))
        return math.hypot(x - ax - t * dx, y - ay - t * dy) - r

    return sdf, (min(ax, bx) - r, min(ay, by) - r, max(ax, bx) + r, max(ay, by) + r)


def circle(cx, cy, r):
    return capsule(cx, cy, cx, cy, r)


def dashed(ax, ay, bx, by, width, on, off):
    """stroke-dasharray="on off" with round caps along a straight segment."""
    length = math.hypot(bx - ax, by - ay)
    ux, uy = (bx - ax) / length, (by - ay) / length
    shapes, s = [], 0.0
    while s < length:
        e = min(s + on, length)
        shapes.append(capsule(ax + ux * s, ay + uy * s, ax + ux * e, ay + uy * e, width / 2))
        s += on + off
    return shapes


def design():
    """favicon.svg's shapes, in its 64 x 64 user units, bottom layer first (background apart)."""
    white_line = [capsule(10, 50, 30, 34, 3), capsule(30, 34, 54, 12, 3)]
    pink = dashed(30, 34, 54, 24, 5, 6, 5)
    dots = [circle(10, 50, 5), circle(30, 34, 5)]
    return [(WHITE, white_line), (PINK, pink), (WHITE, dots)]


def render(size, maskable):
    """RGBA rows. Normal icons: the rounded blue square on transparent. Maskable: blue to the
    edges with the mark scaled into the central safe zone (a circle of 40% of the size)."""
    px = [[0.0, 0.0, 0.0, 0.0] for _ in range(size * size)]  # straight-alpha floats 0..1

    def paint(colour, shapes, scale, offset):
        cr, cg, cb = (c / 255 for c in colour)
        for sdf, (x0, y0, x1, y1) in shapes:
            # Pixel bounding box of the shape (plus one pixel for the anti-aliased edge).
            ix0 = max(0, int(math.floor(x0 * scale + offset)) - 1)
            iy0 = max(0, int(math.floor(y0 * scale + offset)) - 1)
            ix1 = min(size, int(math.ceil(x1 * scale + offset)) + 2)
            iy1 = min(size, int(math.ceil(y1 * scale + offset)) + 2)
            for iy in range(iy0, iy1):
                uy = (iy + 0.5 - offset) / scale
                row = iy * size
                for ix in range(ix0, ix1):
                    d = sdf((ix + 0.5 - offset) / scale, uy) * scale  # distance in pixels
                    a = 0.5 - d
                    if a <= 0:
                        continue
                    if a > 1:
                        a = 1.0
                    p = px[row + ix]
                    da = p[3]
                    oa = a + da * (1 - a)
                    p[0] = (cr * a + p[0] * da * (1 - a)) / oa
                    p[1] = (cg * a + p[1] * da * (1 - a)) / oa
                    p[2] = (cb * a + p[2] * da * (1 - a)) / oa
                    p[3] = oa

    if maskable:
        for p in px:
            p[:] = [c / 255 for c in BLUE] + [1.0]
        scale = size * 0.72 / 64  # the mark's farthest point lies within 0.4 * size of the centre
        offset = (size - 64 * scale) / 2
    else:
        scale, offset = size / 64, 0.0
        paint(BLUE, [rounded_rect(0, 0, 64, 64, 12)], scale, offset)
    for colour, shapes in design():
        paint(colour, shapes, scale, offset)
    return [bytes(round(c * 255) for p in px[y * size:(y + 1) * size] for c in p) for y in range(size)]


def png(rows):
    size = len(rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 (None) on every row
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def png_pixels(data):
    """Decoded rows of a PNG written by png() (filter type 0 only)."""
    pos, idat, size = 8, b"", 0
    while pos < len(data):
        (n,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        if kind == b"IHDR":
            size = struct.unpack(">I", data[pos + 8:pos + 12])[0]
        elif kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = 1 + 4 * size
    return [raw[i * stride + 1:(i + 1) * stride] for i in range(size)]


ICONS = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
}


def main(argv):
    check = "--check" in argv
    OUT.mkdir(parents=True, exist_ok=True)
    bad = []
    for name, (size, maskable) in ICONS.items():
        rows = render(size, maskable)
        path = OUT / name
        if check:
            if not path.exists() or png_pixels(path.read_bytes()) != rows:
                bad.append(name)
        else:
            path.write_bytes(png(rows))
            print(f"wrote {path.relative_to(OUT.parent.parent)} ({path.stat().st_size} bytes)")
    if bad:
        sys.exit(f"make_icons: out of date: {', '.join(bad)} (run python3 scripts/make_icons.py)")


if __name__ == "__main__":
    main(sys.argv[1:])
