#!/usr/bin/python3
"""OCR bench inputs (Debian's /usr/bin/python3 with PIL): Benchmarks/make_ocr_bench.py OUT_FOLDER
writes screenshot-1080x2340.png (a phone's balance page) and scanned-bill-10-pages.pdf (ten
image-only Letter pages at 300 dpi, 40 bill lines each)."""
import os, sys
from PIL import Image, ImageDraw, ImageFont

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
sans = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 44)
small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 34)

shot = Image.new("RGB", (1080, 2340), (246, 247, 250))
draw = ImageDraw.Draw(shot)
y = 80
for i in range(24):
    draw.text((60, y), f"Charge {i + 1:02d}  Data boost 10 GB  November {i + 1}, 2026  ${15 + i}.0{i % 10}", font=small, fill=(20, 20, 20))
    y += 92
draw.text((60, y), "Balance due $288.04   Reference: CR-88231", font=sans, fill=(0, 0, 0))
shot.save(os.path.join(out, "screenshot-1080x2340.png"))

pages = []
for p in range(10):
    page = Image.new("L", (2550, 3300), 255)
    draw = ImageDraw.Draw(page)
    draw.text((150, 150), f"Nimbus Mobile statement  page {p + 1} of 10", font=sans, fill=0)
    for i in range(40):
        draw.text((150, 300 + i * 72), f"2026-11-{(i % 28) + 1:02d}  Call to +1 312 555 {1000 + i}  {i + 1} min  ${i % 9}.{i * 7 % 100:02d}", font=small, fill=0)
    pages.append(page)
pages[0].save(os.path.join(out, "scanned-bill-10-pages.pdf"), "PDF", resolution=300, save_all=True, append_images=pages[1:])
