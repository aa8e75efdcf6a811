#!/usr/bin/python3
"""Writes the PDF fixtures of this folder (see EXPECTED.md beside it).

The well-formed ones with ReportLab (Debian: python3-reportlab); the hostile ones by hand, byte by
byte, and the 100,000-page one through qpdf (Debian: qpdf) to pack its objects. The PDFs are
committed: tests need neither. Run only to change them:

    /usr/bin/python3 Tests/Fixtures/pdf/make-fixtures.py
"""
import os
import subprocess
import zlib

from reportlab import rl_config
from reportlab.lib.pagesizes import letter
from reportlab.lib.colors import black
from reportlab.pdfgen import canvas

rl_config.invariant = 1
HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH, HEIGHT = letter


def new(name, **options):
    pdf = canvas.Canvas(os.path.join(HERE, name), pagesize=letter, invariant=1, pageCompression=0, **options)
    pdf.setProducer("evidence test fixtures (ReportLab)")
    return pdf


def two_columns():
    """Two columns of text side by side, sharing baselines: each physical line holds both."""
    pdf = new("two-columns.pdf")
    pdf.setFont("Helvetica", 10)
    left = ["Service address", "1450 W Addison St", "Chicago, IL 60613"]
    right = ["Account number: ACC-100", "Statement date: 03/01/2026", "Due date: 03/22/2026"]
    y = 700
    for a, b in zip(left, right):
        pdf.drawString(54, y, a)
        pdf.drawString(330, y, b)
        y -= 14
    pdf.showPage()
    pdf.save()


def right_aligned():
    """Descriptions on the left, amounts right-aligned far to the right, drawn column by column."""
    pdf = new("right-aligned-amounts.pdf")
    pdf.setFont("Helvetica", 10)
    rows = [("Late payment fee", "$10.00"), ("Monthly plan", "$65.00"), ("Credit for outage", "-$5.00")]
    y = 700
    for description, _ in rows:  # all descriptions first, then all amounts, as many composers do
        pdf.drawString(54, y, description)
        y -= 14
    y = 700
    for _, amount in rows:
        pdf.drawRightString(558, y, amount)
        y -= 14
    pdf.showPage()
    pdf.save()


def rotated():
    """A landscape page stored portrait with /Rotate 90: the lines read as shown, top to bottom."""
    pdf = new("rotated-page.pdf")
    pdf.setPageRotation(90)
    pdf.setFont("Helvetica", 10)
    # Drawn turned by -90 degrees so that the page reads upright once the viewer turns it by 90.
    pdf.saveState()
    pdf.rotate(90)
    y = -60
    for text in ["Landscape usage summary", "Data used    12.5 GB", "Minutes used    340"]:
        pdf.drawString(54, y, text)
        y -= 14
    pdf.restoreState()
    pdf.showPage()
    pdf.save()


STATEMENT_PAGE_1 = [
    ("Lakeshore Telecom", None),
    ("lakeshore.example  Support 1-800-555-0199", None),
    ("Account number: LT-2200", None),
    ("Invoice number: INV-2026-0301", None),
    ("Statement date: 03/01/2026", None),
    ("Due date: 03/22/2026", None),
    ("Billing period: 02/01/2026 to 02/28/2026", None),
    ("Previous balance", "$40.00"),
    ("Total due", "$82.30"),
    ("Monthly charges", None),
    ("Basic plan", "$45.00"),
    ("International calling pack for", "$15.00"),
    ("  Canada and Mexico", None),
    ("Payment received, thank you", "-$40.00"),
    ("Outage credit", "($2.50)"),
    ("911 service fee", "$0.95"),
]
STATEMENT_PAGE_2 = [
    ("Monthly charges (continued)", None),
    ("Sales tax", "$3.85"),
    ("End of monthly charges", None),
    ("Calls", None),
    ("02/03 09:15 (312) 555-0111 12 min", "$4.80"),
    ("02/09 18:40 (312) 555-0122 30 min", "$12.00"),
    ("02/17 07:05 (312) 555-0133 8 min", "$3.20"),
    ("Page 2 of 2", None),
    ("Total calls", "$20.00"),
    ("Thank you for choosing Lakeshore Telecom", None),
]


def statement_pages(pdf, pages):
    for lines in pages:
        pdf.setFont("Helvetica", 10)
        y = 740
        for text, amount in lines:
            pdf.drawString(54, y, text)
            if amount:
                pdf.drawRightString(558, y, amount)
            y -= 16
        pdf.showPage()


def multi_page_statement():
    """A two-page bill for the template tests: a charges section that goes on to page 2, a wrapped
    description, a payment, a credit in parentheses, and a usage section with date, time, number,
    quantity and unit."""
    pdf = new("multi-page-statement.pdf")
    statement_pages(pdf, [STATEMENT_PAGE_1, STATEMENT_PAGE_2])
    pdf.save()


def total_mismatch_statement():
    """The next month's bill of the same layout, whose printed total is 3.00 more than its previous
    balance plus its lines (82.30 + 42.30 = 124.60, printed 127.60): a finding, not an error."""
    pdf = new("total-mismatch-statement.pdf")
    changes = {
        "Invoice number: INV-2026-0301": "Invoice number: INV-2026-0401",
        "Statement date: 03/01/2026": "Statement date: 04/01/2026",
        "Due date: 03/22/2026": "Due date: 04/22/2026",
        "Billing period: 02/01/2026 to 02/28/2026": "Billing period: 03/01/2026 to 03/31/2026",
    }
    amounts = {"Previous balance": "$82.30", "Total due": "$127.60"}
    page1 = [(changes.get(t, t), amounts.get(t, a)) for t, a in STATEMENT_PAGE_1]
    page2 = [(t.replace("02/", "03/", 1) if t[:3] == "02/" else t, a) for t, a in STATEMENT_PAGE_2]
    statement_pages(pdf, [page1, page2])
    pdf.save()


def no_text_layer():
    """A page with only a drawing on it, as a scanned page without OCR text looks to a text reader."""
    pdf = new("no-text-layer.pdf")
    pdf.setFillColor(black)
    pdf.rect(54, 600, 300, 100, fill=1)
    pdf.showPage()
    pdf.save()


def letter_pdf(name, encrypt=None):
    pdf = new(name, encrypt=encrypt)
    pdf.setFont("Helvetica", 10)
    lines = [
        "Lakeshore Telecom",
        "March 9, 2026",
        "Dear customer,",
        "We received your request to cancel. Your confirmation number is 88120-C.",
        "The cancellation takes effect on 03/31/2026.",
    ]
    y = 720
    for text in lines:
        pdf.drawString(54, y, text)
        y -= 16
    pdf.showPage()
    pdf.save()


def encrypted():
    from reportlab.lib.pdfencrypt import StandardEncryption
    letter_pdf("owner-password-only.pdf",
               StandardEncryption("", ownerPassword="owner-secret", canPrint=0, canCopy=0, strength=128))
    letter_pdf("user-password.pdf", StandardEncryption("jordan", ownerPassword="owner-secret", strength=128))


def write_raw(name, objects, trailer_extra=b"", header=b"%PDF-1.4\n"):
    """A PDF from numbered object bodies (1-based), with a correct cross-reference table."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(out)
    return bytes(out)


def stream(data, compress=False):
    if compress:
        data = zlib.compress(data, 9)
        return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def hostile():
    with open(os.path.join(HERE, "starts-like-a-pdf.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\nThis file only starts like a PDF. It has no objects, no pages and no trailer.\n")
    text = b"BT /F1 12 Tf 72 700 Td (Damaged statement) Tj ET"
    good = write_raw("damaged.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(text),
    ])
    with open(os.path.join(HERE, "damaged.pdf"), "wb") as f:  # cut before the page tree: nothing to mend
        f.write(good[:good.index(b"2 0 obj")] + b"2 0 obj\n<< /Type /Pa")
    write_raw("page-tree-loop.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2 >>",
    ])
    # A content stream of 64 MiB of spaces, 64 KiB compressed: text reading must stay bounded.
    bomb = b"BT /F1 12 Tf 72 700 Td (Inflated) Tj ET\n" + b" " * (64 << 20)
    write_raw("inflate-bomb.pdf", [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
        stream(bomb, compress=True),
    ])
    many_pages()


def many_pages(count=100_000):
    """100,000 pages, each a tiny object, packed into compressed object streams by qpdf."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (n + 4) for n in range(count))
    objects.append(b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count)
    objects.append(stream(b"BT /F1 12 Tf 72 700 Td (One of many pages) Tj ET"))
    for _ in range(count):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>")
    plain = os.path.join(HERE, "many-pages-plain.tmp")
    write_raw("many-pages-plain.tmp", objects)
    subprocess.run(["qpdf", "--object-streams=generate", "--compress-streams=y", "--deterministic-id",
                    plain, os.path.join(HERE, "many-pages.pdf")], check=True)
    os.remove(plain)


def bench_statement(path, pages=50, per_page=50):
    """A Lakeshore bill of `pages` pages and about pages x per_page call lines, for timing the
    pdf-bill import against `pdftotext -layout` (read with lakeshore.yaml). Not committed."""
    calls = []
    for n in range(pages * per_page - 20):
        day, minute = 1 + n % 28, n % 60
        cents = 40 * (1 + n % 30)
        calls.append(("02/%02d %02d:%02d (312) 555-%04d %d min" % (day, n % 24, minute, n % 10000, 1 + n % 30),
                      "$%d.%02d" % (cents // 100, cents % 100), cents))
    total = 4000 + 4500 + sum(c for _, _, c in calls)
    head = STATEMENT_PAGE_1[:7] + [("Previous balance", "$40.00"),
                                   ("Total due", "$%d.%02d" % (total // 100, total % 100)),
                                   ("Monthly charges", None), ("Basic plan", "$45.00"),
                                   ("End of monthly charges", None), ("Calls", None)]
    page_lines, current = [], list(head)
    for text, amount, _ in calls:
        if len(current) == per_page:
            current.append(("Page %d of %d" % (len(page_lines) + 1, pages), None))
            page_lines.append(current)
            current = []
        current.append((text, amount))
    current.append(("Total calls", None))
    page_lines.append(current)
    pdf = canvas.Canvas(path, pagesize=letter, invariant=1)
    for lines in page_lines:
        pdf.setFont("Helvetica", 8)
        y = 760
        for text, amount in lines:
            pdf.drawString(54, y, text)
            if amount:
                pdf.drawRightString(558, y, amount)
            y -= 13
        pdf.showPage()
    pdf.save()
    print("wrote", path, "with", len(page_lines), "pages and", len(calls) + 1, "bill lines")


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--bench":
        bench_statement(sys.argv[2])
        sys.exit(0)
    two_columns()
    right_aligned()
    rotated()
    multi_page_statement()
    total_mismatch_statement()
    no_text_layer()
    letter_pdf("letter-with-date-and-reference.pdf")
    encrypted()
    hostile()
    print("wrote the fixtures in", HERE)
