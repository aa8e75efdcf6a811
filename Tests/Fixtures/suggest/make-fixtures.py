#!/usr/bin/env python3
"""Writes the exports `mapping suggest` is tested on, each named for its shape, and beside each
NAME.expected: what importing it must give (date, amount, description), one line a row."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, text, expected, encoding="utf-8", bom=False):
    with open(os.path.join(HERE, name), "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(text.encode(encoding))
    with open(os.path.join(HERE, name.rsplit(".", 1)[0] + ".expected"), "w") as f:
        f.write("".join(line + "\n" for line in expected))


write("german-sparkasse-semicolon.csv",
      "Umsätze Girokonto;;;;;\nKontonummer: DE89 3704 0044 0532 0130 00;;;;;\n\n"
      "Buchungstag;Valutadatum;Buchungstext;Verwendungszweck;Betrag;Währung\n"
      "02.10.26;02.10.26;Lastschrift;Telekom Deutschland GmbH Rechnung 10/2026;-39,99;EUR\n"
      "15.10.26;15.10.26;Gutschrift;Gehalt Oktober;2.850,00;EUR\n"
      "28.10.26;28.10.26;Lastschrift;Stadtwerke Abschlag;-64,13;EUR\n",
      ["2026-10-02 -39.99 EUR Telekom Deutschland GmbH Rechnung 10/2026", "2026-10-15 2850.00 EUR Gehalt Oktober",
       "2026-10-28 -64.13 EUR Stadtwerke Abschlag"], encoding="cp1252")
write("swiss-apostrophe-thousands.csv",
      "Date,Description,Amount (CHF)\n2026-11-01,Lohn Oktober,11'373.94\n2026-11-03,Swisscom Rechnung,-89.00\n2026-11-20,Miete,-1'250.00\n",
      ["2026-11-01 11373.94 CHF Lohn Oktober", "2026-11-03 -89.00 CHF Swisscom Rechnung", "2026-11-20 -1250.00 CHF Miete"])
write("euro-suffix-quoted.csv",
      "Datum;Beschreibung;Betrag\n\"01.10.2026\";\"Vodafone GmbH\";\"-123,45 €\"\n\"14.10.2026\";\"Erstattung\";\"12,00 €\"\n",
      ["2026-10-01 -123.45 EUR Vodafone GmbH", "2026-10-14 12.00 EUR Erstattung"])
write("us-card-debit-credit.csv",
      "Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n"
      "11/03/2026,11/04/2026,2291,PAYMENT THANK YOU,Payment/Credit,,$412.55\n"
      "11/28/2026,11/29/2026,2291,NIMBUS MOBILE NIM-4471,Phone/Cable,$288.04,\n",
      ["2026-11-03 412.55 USD PAYMENT THANK YOU", "2026-11-28 -288.04 USD NIMBUS MOBILE NIM-4471"])
write("french-libelle-montant.csv",
      "Date;Libellé;Montant (EUR)\n25/10/2026;PRLV SEPA ORANGE SA;-45,10\n28/10/2026;VIR SALAIRE;2 100,00\n",
      ["2026-10-25 -45.10 EUR PRLV SEPA ORANGE SA", "2026-10-28 2100.00 EUR VIR SALAIRE"])
write("spanish-concepto-importe.csv",
      "Fecha,Concepto,Importe,Saldo\n21/10/2026,Recibo Movistar,-30.50 €,1200.00 €\n23/10/2026,Nómina,1500.00 €,2700.00 €\n",
      ["2026-10-21 -30.50 EUR Recibo Movistar", "2026-10-23 1500.00 EUR Nómina"])
write("italian-descrizione-importo.csv",
      "Data;Descrizione;Importo;Divisa\n13/10/2026;Addebito TIM;-29,90;EUR\n27/10/2026;Stipendio;1.800,00;EUR\n",
      ["2026-10-13 -29.90 EUR Addebito TIM", "2026-10-27 1800.00 EUR Stipendio"])
write("dutch-af-bij.csv",
      "\"Datum\",\"Naam / Omschrijving\",\"Af Bij\",\"Bedrag (EUR)\"\n\"20261002\",\"KPN B.V.\",\"Af\",\"35,00\"\n\"20261025\",\"Salaris\",\"Bij\",\"2400,00\"\n",
      ["2026-10-02 -35.00 EUR KPN B.V.", "2026-10-25 2400.00 EUR Salaris"])
write("us-bank-preamble-then-header.csv",
      "Account Name: Everyday Checking\nAccount Number: ****3388\nDate Range: 10/01/2026 - 10/31/2026\n\n"
      "Posting Date,Description,Amount,Type,Balance\n10/19/2026,NIMBUS MOBILE BILLPAY NIM-4471,-$102.68,DEBIT,$5905.57\n"
      "10/21/2026,PAYROLL ACME,$2850.00,CREDIT,$8755.57\n",
      ["2026-10-19 -102.68 USD NIMBUS MOBILE BILLPAY NIM-4471", "2026-10-21 2850.00 USD PAYROLL ACME"])
write("uk-dr-cr-column.csv",
      "Date,Narrative,Amount,Dr/Cr,Currency\n14/10/2026,EE LIMITED,25.00,DR,GBP\n30/10/2026,SALARY,1900.00,CR,GBP\n",
      ["2026-10-14 -25.00 GBP EE LIMITED", "2026-10-30 1900.00 GBP SALARY"])
write("alipay-web-gb18030.csv", open(os.path.join(HERE, "..", "mapped-csv", "alipay-web-gb18030.csv"), "rb").read().decode("gb18030"),
      ["2026-10-03 -100.00 CNY 中国移动通信", "2026-10-20 50.00 CNY 中国移动通信"], encoding="gb18030")
with open(os.path.join(HERE, "..", "mapped-csv", "wechat-pay-bill.csv"), "rb") as f:
    wechat = f.read()[3:].decode("utf-8")
write("wechat-pay-bill-bom-preamble.csv", wechat, ["2026-10-03 -100.00 CNY 中国移动", "2026-10-20 50.00 CNY 中国移动"], bom=True)
