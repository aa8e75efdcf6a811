#!/usr/bin/env python3
"""Writes Jordan's bank and card downloads into SampleData/bank, from the checking CSV there.

- first-lakes-checking-2026.qfx: the same checking account as first-lakes-checking-2026.csv, as
  the bank's Quicken download (OFX 1.02, SGML: values without closing tags, Windows-1252).
- lakeshore-visa-2026-11.ofx: Jordan's Visa card, statement to 2026-11-30 (OFX 2.2, XML), with
  a payment to Nimbus made by card on 2026-11-28, after the story's as-of date.

Run: python3 SampleData/generators/make-bank-downloads.py
"""
import csv
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bank")


def ofx_date(month, day, year, hour=12):
    zone = "[-5:CDT]" if month < 11 else "[-6:CST]"
    return "%04d%02d%02d%02d0000.000%s" % (year, month, day, hour, zone)


def split_name(description):
    """NAME holds 32 characters at most in OFX 1.x; the rest goes to MEMO."""
    words, name = description.split(" "), ""
    while words and len((name + " " + words[0]).strip()) <= 32:
        name = (name + " " + words.pop(0)).strip()
    return name, " ".join(words)


def checking_qfx():
    rows = []
    with open(os.path.join(HERE, "first-lakes-checking-2026.csv"), newline="") as f:
        for row in csv.DictReader(f):
            month, day, year = (int(x) for x in row["Date"].split("/"))
            rows.append((month, day, year, row["Description"], row["Amount"].replace(",", ""), row["Balance"].replace(",", "")))
    out = [
        "OFXHEADER:100", "DATA:OFXSGML", "VERSION:102", "SECURITY:NONE", "ENCODING:USASCII", "CHARSET:1252",
        "COMPRESSION:NONE", "OLDFILEUID:NONE", "NEWFILEUID:NONE", "",
        "<OFX>", "<SIGNONMSGSRSV1>", "<SONRS>", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
        "<DTSERVER>20261124093012.000[-6:CST]", "<LANGUAGE>ENG", "<FI>", "<ORG>First Lakes Bank", "<FID>10898", "</FI>",
        "<INTU.BID>10898", "</SONRS>", "</SIGNONMSGSRSV1>",
        "<BANKMSGSRSV1>", "<STMTTRNRS>", "<TRNUID>1", "<STATUS>", "<CODE>0", "<SEVERITY>INFO", "</STATUS>",
        "<STMTRS>", "<CURDEF>USD",
        "<BANKACCTFROM>", "<BANKID>071904779", "<ACCTID>4417003388", "<ACCTTYPE>CHECKING", "</BANKACCTFROM>",
        "<BANKTRANLIST>", "<DTSTART>20260601", "<DTEND>20261124",
    ]
    for index, (month, day, year, description, amount, _) in enumerate(rows, start=1):
        name, memo = split_name(description)
        kind = "CREDIT" if not amount.startswith("-") else ("PAYMENT" if "PMT" in description else "DEBIT")
        out += ["<STMTTRN>", "<TRNTYPE>" + kind, "<DTPOSTED>" + ofx_date(month, day, year),
                "<TRNAMT>" + amount, "<FITID>%04d%02d%02d%03d" % (year, month, day, index),
                "<NAME>" + name.replace("&", "&amp;")]
        if memo:
            out.append("<MEMO>" + memo)
        out.append("</STMTTRN>")
    last = rows[-1]
    out += ["</BANKTRANLIST>", "<LEDGERBAL>", "<BALAMT>" + last[5], "<DTASOF>20261124", "</LEDGERBAL>",
            "<AVAILBAL>", "<BALAMT>" + last[5], "<DTASOF>20261124", "</AVAILBAL>",
            "</STMTRS>", "</STMTTRNRS>", "</BANKMSGSRSV1>", "</OFX>", ""]
    with open(os.path.join(HERE, "first-lakes-checking-2026.qfx"), "w", newline="") as f:
        f.write("\r\n".join(out))


def visa_ofx():
    lines = [
        (10, 18, "SPOTIFY USA", "-11.99", "DEBIT"),
        (10, 26, "SHELL OIL 57442 CHICAGO IL", "-48.20", "DEBIT"),
        (11, 3, "PAYMENT THANK YOU", "412.55", "PAYMENT"),
        (11, 9, "TARGET 00028514 CHICAGO IL", "-63.18", "DEBIT"),
        (11, 18, "SPOTIFY USA", "-11.99", "DEBIT"),
        (11, 28, "NIMBUS MOBILE NIM-4471", "-288.04", "DEBIT"),
    ]
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
           '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>',
           "<OFX>",
           "  <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>"
           "<DTSERVER>20261201080000.000[-6:CST]</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>",
           "  <CREDITCARDMSGSRSV1>", "    <CCSTMTTRNRS>", "      <TRNUID>0</TRNUID>",
           "      <STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>",
           "      <CCSTMTRS>", "        <CURDEF>USD</CURDEF>",
           "        <CCACCTFROM><ACCTID>4815XXXXXXXX2291</ACCTID></CCACCTFROM>",
           "        <BANKTRANLIST>", "          <DTSTART>20261015</DTSTART>", "          <DTEND>20261130</DTEND>"]
    for index, (month, day, name, amount, kind) in enumerate(lines, start=1):
        memo = "<MEMO><![CDATA[Paid under protest: to close the line (ticket #77812)]]></MEMO>" if "NIMBUS" in name else ""
        out.append("          <STMTTRN><TRNTYPE>%s</TRNTYPE><DTPOSTED>%s</DTPOSTED><TRNAMT>%s</TRNAMT>"
                   "<FITID>LSV2026%02d%02d%02d</FITID><NAME>%s</NAME>%s</STMTTRN>"
                   % (kind, ofx_date(month, day, 2026, 0), amount, month, day, index, name, memo))
    out += ["        </BANKTRANLIST>",
            "        <LEDGERBAL><BALAMT>-423.40</BALAMT><DTASOF>20261130</DTASOF></LEDGERBAL>",
            "      </CCSTMTRS>", "    </CCSTMTTRNRS>", "  </CREDITCARDMSGSRSV1>", "</OFX>", ""]
    with open(os.path.join(HERE, "lakeshore-visa-2026-11.ofx"), "w", newline="") as f:
        f.write("\r\n".join(out))


checking_qfx()
visa_ofx()
