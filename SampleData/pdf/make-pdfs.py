#!/usr/bin/python3
"""Writes the Nimbus Mobile PDFs of SampleData/pdf (see SampleData/README.md).

Needs ReportLab (Debian: python3-reportlab). The PDFs are committed, so nothing else needs it:
run this only to change them. Output is reproducible (fixed dates, invariant mode).

    /usr/bin/python3 SampleData/pdf/make-pdfs.py
"""
import datetime
import os
import sys

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from reportlab import rl_config

rl_config.invariant = 1  # no random document id, a fixed creation date unless given
HERE = os.path.dirname(os.path.abspath(__file__))
WIDTH, HEIGHT = letter


def new_canvas(name, created, title):
    pdf = canvas.Canvas(os.path.join(HERE, name), pagesize=letter, invariant=1, pageCompression=0)
    pdf.setProducer("Nimbus Billing Composer 4.2 (ReportLab)")
    pdf.setCreator("Nimbus Billing")
    pdf.setTitle(title)
    pdf.setAuthor("Nimbus Mobile")
    # ReportLab's invariant mode writes a fixed date (2000-01-01); the billing run's is set instead.
    stamp = pdf._doc._timeStamp
    stamp.YMDhms = created.timetuple()[:6]
    stamp.dhh = stamp.dmm = 0
    return pdf


def header(pdf, statement):
    """The provider's letterhead on the left and the statement facts on the right: two columns."""
    top = HEIGHT - 60
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(54, top, "Nimbus Mobile")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(54, top - 14, "nimbusmobile.example  |  Customer care 1-800-555-0142")
    pdf.setFont("Helvetica", 10)
    left = ["Jordan Reyes", "1450 W Addison St Apt 3", "Chicago, IL 60613"]
    right = [
        ("Account number:", "NIM-4471"),
        ("Statement number:", statement["id"]),
        ("Statement date:", statement["date"]),
        ("Payment due date:", statement["due"]),
        ("Service period:", statement["period"]),
        ("Your line:", "(312) 555-0187"),
    ]
    y = top - 44
    for index, (label, value) in enumerate(right):
        if index < len(left):
            pdf.drawString(54, y, left[index])
        pdf.drawString(330, y, label)
        pdf.drawRightString(558, y, value)
        y -= 14
    return y - 10


def summary(pdf, y, statement):
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(54, y, "Account summary")
    y -= 16
    pdf.setFont("Helvetica", 10)
    for label, value in statement["summary"]:
        pdf.drawString(54, y, label)
        pdf.drawRightString(558, y, value)
        y -= 14
    return y - 12


def charges(pdf, y, statement):
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(54, y, "Charges and credits")
    y -= 16
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawString(54, y, "Date")
    pdf.drawString(110, y, "Description")
    pdf.drawRightString(558, y, "Amount")
    y -= 14
    pdf.setFont("Helvetica", 10)
    for date, description, amount in statement["lines"]:
        # A long description wraps onto the next line, as the provider's composer does.
        first, _, rest = description.partition("|")
        pdf.drawString(54, y, date)
        pdf.drawString(110, y, first)
        pdf.drawRightString(558, y, amount)
        y -= 14
        if rest:
            pdf.drawString(110, y, rest)
            y -= 14
    pdf.setFont("Helvetica-Bold", 10)
    pdf.drawString(110, y, "Total new charges")
    pdf.drawRightString(558, y, statement["new"])
    y -= 24
    pdf.setFont("Helvetica", 8)
    pdf.drawString(54, y, "Questions about your bill? Call 1-800-555-0142 or visit nimbusmobile.example/help.")
    return y


STATEMENTS = [
    {
        "file": "nimbus-2026-11-statement.pdf",
        "created": datetime.datetime(2026, 11, 1, 6, 12, 0),
        "id": "NM-4471-2026-11",
        "date": "November 1, 2026",
        "due": "November 22, 2026",
        "period": "11/01/2026 - 11/30/2026",
        "summary": [
            ("Previous balance", "$198.36"),
            ("Payments received", "$0.00"),
            ("New charges", "$92.68"),
            ("Total amount due", "$291.04"),
        ],
        "new": "$92.68",
        "lines": [
            ("11/01", "Unlimited Everything 5G", "$65.00"),
            ("11/01", "Device protection", "$11.00"),
            ("11/01", "Premium SMS - StarQuiz|Club", "$9.99"),
            ("11/01", "Regulatory Cost Recovery Fee", "$1.49"),
            ("11/01", "State and local sales tax", "$5.20"),
        ],
    },
    {
        "file": "nimbus-2026-12-statement.pdf",
        "created": datetime.datetime(2026, 12, 1, 6, 9, 0),
        "id": "NM-4471-2026-12",
        "date": "December 1, 2026",
        "due": "December 22, 2026",
        "period": "12/01/2026 - 12/31/2026",
        "summary": [
            ("Previous balance", "$291.04"),
            ("Payments received", "$0.00"),
            ("New charges", "$102.68"),
            ("Total amount due", "$393.72"),
        ],
        "new": "$102.68",
        "lines": [
            ("12/01", "Unlimited Everything 5G", "$65.00"),
            ("12/01", "Device protection", "$11.00"),
            ("12/01", "Premium SMS - StarQuiz|Club", "$9.99"),
            ("12/01", "Regulatory Cost Recovery Fee", "$1.49"),
            ("12/01", "Late payment fee", "$10.00"),
            ("12/01", "State and local sales tax", "$5.20"),
        ],
    },
]


def statement_pdf(statement):
    pdf = new_canvas(statement["file"], statement["created"], "Nimbus Mobile statement " + statement["id"])
    y = header(pdf, statement)
    y = summary(pdf, y, statement)
    charges(pdf, y, statement)
    pdf.showPage()
    pdf.save()


def collection_letter():
    pdf = new_canvas("nimbus-collection-notice-2026-11-18.pdf", datetime.datetime(2026, 11, 18, 9, 0, 0),
                     "Collection notice")
    top = HEIGHT - 60
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(54, top, "Nimbus Mobile")
    pdf.setFont("Helvetica", 9)
    pdf.drawString(54, top - 14, "Collections Department  |  PO Box 4471, Overland Park, KS 66207")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(54, top - 50, "Jordan Reyes")
    pdf.drawString(54, top - 64, "1450 W Addison St Apt 3")
    pdf.drawString(54, top - 78, "Chicago, IL 60613")
    pdf.drawRightString(558, top - 50, "November 18, 2026")
    pdf.drawRightString(558, top - 64, "Reference number: COL-2026-55871")
    pdf.drawRightString(558, top - 78, "Account: NIM-4471")
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(54, top - 120, "COLLECTION NOTICE: FINAL DEMAND BEFORE REFERRAL")
    pdf.setFont("Helvetica", 10)
    body = [
        "Dear Jordan Reyes,",
        "",
        "Our records show a past-due balance of $291.04 on your account NIM-4471. Your request to close",
        "the account cannot be completed while this balance remains unpaid.",
        "",
        "Unless we receive payment in full by December 9, 2026, your account may be referred to an",
        "outside collection agency. Please quote reference number COL-2026-55871 in any reply.",
        "",
        "If you believe this balance is wrong, write to us at the address above within 30 days.",
        "",
        "Nimbus Mobile Collections",
    ]
    y = top - 150
    for line in body:
        pdf.drawString(54, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()


if __name__ == "__main__":
    for statement in STATEMENTS:
        statement_pdf(statement)
    collection_letter()
    print("wrote", ", ".join(s["file"] for s in STATEMENTS), "and nimbus-collection-notice-2026-11-18.pdf")
