#!/usr/bin/python3
"""Makes the OCR test images (run with Debian's /usr/bin/python3, which has PIL):

  balance.png      a carrier app's balance card: a date, a reference and an amount with its label
  chat.png         a chat with a representative giving a reference number
  blank.png        white, no text
  tiny.png         1 x 1 pixel
  truncated.png    balance.png cut in the middle of its image data
  bomb.png         a PNG whose header claims 100,000 x 100,000 pixels (a few hundred bytes)
  lying.jpg        a JPEG whose frame header claims 30,000 x 30,000 pixels over a tiny image
  heic.heic        the first bytes of a HEIC photo
  chinese-balance.png  a Chinese carrier app's balance card (drawn with WenQuanYi Micro Hei, Debian's
                   fonts-wqy-microhei, needed only to make it)
"""
import io, os, struct, zlib
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def text_image(lines, size=(640, 260), font_size=26):
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_size)
    y = 20
    for line in lines:
        draw.text((24, y), line, font=font, fill=0)
        y += int(font_size * 1.6)
    return image


def save(image, name, **options):
    image.save(os.path.join(HERE, name), optimize=True, **options)


balance = text_image(["Nimbus Mobile", "Statement date 2026-11-02", "Balance due $288.04", "Reference: CR-88231"])
save(balance, "balance.png")
save(text_image(["Chat with agent Maria", "Your ticket #44718 is open", "Sent 2026-11-04"], size=(560, 200)), "chat.png")
save(Image.new("L", (200, 80), 255), "blank.png")
save(Image.new("L", (1, 1), 255), "tiny.png")

data = open(os.path.join(HERE, "balance.png"), "rb").read()
open(os.path.join(HERE, "truncated.png"), "wb").write(data[: len(data) // 2])


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


ihdr = struct.pack(">IIBBBBB", 100000, 100000, 1, 0, 0, 0, 0)
idat = zlib.compress(b"\x00" * 4096, 9)
bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
open(os.path.join(HERE, "bomb.png"), "wb").write(bomb)

buffer = io.BytesIO()
Image.new("L", (16, 16), 255).save(buffer, "JPEG")
jpeg = bytearray(buffer.getvalue())
sof = jpeg.find(b"\xff\xc0")
struct.pack_into(">HH", jpeg, sof + 5, 30000, 30000)
open(os.path.join(HERE, "lying.jpg"), "wb").write(bytes(jpeg))

open(os.path.join(HERE, "heic.heic"), "wb").write(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)

# scanned-letter.pdf: one page with no text layer, only the picture of a letter (as a scanner
# makes it), at 150 dpi to stay small; blank-scan.pdf: a white picture.
letter = text_image(
    ["Nimbus Mobile", "November 18, 2026", "Your dispute reference is DR-50912.", "Amount in dispute: $42.17"],
    size=(1240, 1754), font_size=30)
letter.save(os.path.join(HERE, "scanned-letter.pdf"), "PDF", resolution=150)
Image.new("L", (620, 877), 255).save(os.path.join(HERE, "blank-scan.pdf"), "PDF", resolution=75)

# scanned-bill.pdf: a bill as a scanner gives it (no text layer, 200 dpi), read through
# scanned-bill.yaml: 65.00 + 10.00 + 4.37 = 79.37, the printed total.
bill = Image.new("L", (1700, 1400), 255)
draw = ImageDraw.Draw(bill)
face = ImageFont.truetype(FONT, 34)
rows = [
    ("Harbor Wireless", None), ("Account number: HW-2209", None), ("Statement date: 11/05/2026", None),
    ("Previous balance", "$0.00"), ("Charges", None), ("Unlimited plan", "$65.00"),
    ("Late payment fee", "$10.00"), ("State tax", "$4.37"), ("Total due", "$79.37"),
]
for index, (label, amount) in enumerate(rows):
    y = 100 + index * 120
    draw.text((120, y), label, font=face, fill=0)
    if amount:
        draw.text((1300, y), amount, font=face, fill=0)
bill.save(os.path.join(HERE, "scanned-bill.pdf"), "PDF", resolution=200)

# photo-exif.jpg: a phone photo with no date in its text, taken 2026-11-19 (EXIF DateTimeOriginal).
photo = text_image(["Nimbus Mobile store", "Ticket #55120"], size=(520, 140))
exif = Image.Exif()
exif[0x8769] = {0x9003: "2026:11:19 14:02:11"}
photo.save(os.path.join(HERE, "photo-exif.jpg"), "JPEG", quality=90, exif=exif.tobytes())


# A Chinese carrier app's balance card, read with eng+chi_sim.
CJK = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
if os.path.exists(CJK):
    image = Image.new("L", (720, 300), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(CJK, 34)
    for row, line in enumerate(["中国移动 账单", "2026年11月20日", "应缴金额 ¥288.04", "参考编号 CR-88231"]):
        draw.text((30, 24 + row * 64), line, font=font, fill=0)
    image.save(os.path.join(HERE, "chinese-balance.png"))
