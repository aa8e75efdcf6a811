#!/usr/bin/python3
"""Makes the Nimbus story's pictures (Debian's /usr/bin/python3, which has PIL):

  nimbus-app-balance-2026-11-20.png  the carrier app's balance page at phone resolution (1080 x 2340)
  nimbus-chat-2026-11-21.png         a chat with a representative who gives a reference number
  nimbus-letter-scan-2026-11-24.pdf  a scanned page (an image-only PDF, no text layer): the
                                     dispute acknowledgement letter
"""
import os
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def font(path, size):
    return ImageFont.truetype(path, size)


# The app's balance page: a status bar, a header band, the balance card, the charges.
app = Image.new("RGB", (1080, 2340), (246, 247, 250))
draw = ImageDraw.Draw(app)
draw.text((60, 40), "9:41", font=font(BOLD, 40), fill=(20, 20, 20))
draw.rectangle((0, 120, 1080, 320), fill=(40, 70, 160))
draw.text((60, 180), "Nimbus Mobile", font=font(BOLD, 64), fill=(255, 255, 255))
draw.rounded_rectangle((40, 380, 1040, 1000), radius=30, fill=(255, 255, 255))
y = 430
for text, size, face in [
    ("Account NIM-4471", 44, SANS),
    ("Statement date November 20, 2026", 44, SANS),
    ("Balance due $288.04", 60, BOLD),
    ("Due date December 12, 2026", 44, SANS),
    ("Dispute reference: DR-50912", 44, SANS),
]:
    draw.text((90, y), text, font=font(face, size), fill=(20, 20, 20))
    y += int(size * 2.2)
y = 1080
draw.text((60, y), "Charges this month", font=font(BOLD, 48), fill=(20, 20, 20))
for text in ["Unlimited Everything 5G  $65.00", "Late payment fee  $10.00", "Data boost 10 GB  $15.00"]:
    y += 110
    draw.text((60, y), text, font=font(SANS, 44), fill=(40, 40, 40))
app.save(os.path.join(HERE, "nimbus-app-balance-2026-11-20.png"), optimize=True)

# A chat with the carrier's representative.
chat = Image.new("RGB", (1080, 1600), (255, 255, 255))
draw = ImageDraw.Draw(chat)
draw.text((60, 60), "Chat with Nimbus Support", font=font(BOLD, 52), fill=(20, 20, 20))
draw.text((60, 140), "November 21, 2026", font=font(SANS, 40), fill=(90, 90, 90))
bubbles = [
    (False, ["Agent Priya: I see the data boost", "after your cancellation."]),
    (True, ["I never asked for it. Please", "remove it."]),
    (False, ["Agent Priya: Done. Your ticket", "number is TK-77120."]),
]
y = 260
for mine, lines in bubbles:
    x = 420 if mine else 60
    colour = (220, 235, 255) if mine else (238, 238, 238)
    draw.rounded_rectangle((x - 20, y - 20, x + 620, y + 70 * len(lines) + 10), radius=24, fill=colour)
    for line in lines:
        draw.text((x, y), line, font=font(SANS, 42), fill=(20, 20, 20))
        y += 70
    y += 100
chat.save(os.path.join(HERE, "nimbus-chat-2026-11-21.png"), optimize=True)

# A scanned letter: an image-only PDF page at 150 dpi (a scanner's picture, no text layer).
page = Image.new("L", (1275, 1650), 255)
draw = ImageDraw.Draw(page)
y = 120
for text, size in [
    ("Nimbus Mobile - Customer Care", 40),
    ("November 24, 2026", 30),
    ("Account NIM-4471", 30),
    ("We received your dispute of the data boost charge.", 30),
    ("Your dispute reference is DR-50912.", 30),
    ("Amount under review: $15.00", 30),
]:
    draw.text((120, y), text, font=font(SANS, size), fill=0)
    y += size * 2 + 10
page.save(os.path.join(HERE, "nimbus-letter-scan-2026-11-24.pdf"), "PDF", resolution=150)
