#!/usr/bin/env python3
"""Writes the seed inputs of each fuzz target under OUT/<target>/, from Tests/Fixtures.

Most targets take fixture files as they are. mapped-csv takes a mapping, a NUL byte and a CSV;
amount and dates take the values the fixtures spell (plus the forms the parsers document);
bag-verify takes small bag zips made here, since the fixtures hold no zip. Saved findings that are
fixed (Tests/Fixtures/fuzz/<target>/, not .open) seed their own target too.

Usage: make-seeds.py FIXTURES OUT
"""
import csv
import glob
import hashlib
import io
import os
import re
import sys
import zipfile

fixtures, out = sys.argv[1], sys.argv[2]


def files(*patterns):
    found = []
    for pattern in patterns:
        found += sorted(glob.glob(os.path.join(fixtures, pattern)))
    return [path for path in found if os.path.isfile(path)]


def write(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as file:
        file.write(data if isinstance(data, bytes) else data.encode())


def copy(target, paths):
    for path in paths:
        write(target, os.path.basename(path), open(path, "rb").read())


copy("csv-reader", files("bill-csv/*.csv", "mapped-csv/*.csv"))
copy("bill-csv", files("bill-csv/*.csv"))
copy("bill-xml", files("bill-xml/*.xml"))
copy("ubl", files("ubl/*.xml"))
copy("android-calls", files("android/calls-*.xml"))
copy("android-sms", files("android/sms-*.xml"))
copy("email", files("email/*.eml", "email/*.mbox", "email/*.txt"))
copy("pdf", files("pdf/*.pdf"))
copy("camt053", files("camt053/*.xml"))
copy("ios-messages", [p for p in files("apple/messages-*.db", "apple/hostile-*.db") if os.path.getsize(p) <= 65536])
copy("xlsx", files("xlsx/*.xlsx"))
copy("ios-calls", files("apple/calls-*.storedata", "apple/call-history-*.db"))

# typedstream: the attributedBody blobs of the Messages fixtures.
import sqlite3  # noqa: E402
for path in files("apple/messages-*.db"):
    db = sqlite3.connect("file:%s?mode=ro&immutable=1" % path, uri=True)
    for rowid, blob in db.execute("SELECT ROWID, attributedBody FROM message WHERE attributedBody IS NOT NULL"):
        write("typedstream", "%s-%d" % (os.path.basename(path), rowid), bytes(blob))
    db.close()
copy("ofx", files("ofx/*.qfx", "ofx/*.ofx", "../../SampleData/bank/*.qfx", "../../SampleData/bank/*.ofx"))

# pdf-bill: each template with each PDF of the fixtures (most are not its bills: the rejections count too).
for template in files("pdf/*.yaml"):
    for pdf in files("pdf/*.pdf"):
        if os.path.getsize(pdf) <= 65536:
            write("pdf-bill", os.path.basename(template)[:-5] + "-" + os.path.basename(pdf),
                  open(template, "rb").read() + b"\0" + open(pdf, "rb").read())

# mapped-csv: each mapping with each CSV whose name starts like the mapping's.
for mapping in files("mapped-csv/*.yaml"):
    stem = os.path.basename(mapping)[: -len(".yaml")]
    for table in files("mapped-csv/" + stem + "*.csv"):
        write("mapped-csv", os.path.basename(table), open(mapping, "rb").read() + b"\0" + open(table, "rb").read())

# amount: the amount columns of the bill CSVs, and the documented forms.
amounts = {"12.34", "-12.34", "+12.34", "$1,234.56", "(12.34)", "12.34-", "12.34 CR", "12.34 DR", "1.234,56", "1 234,56 €"}
for path in files("bill-csv/*.csv"):
    for row in csv.DictReader(io.StringIO(open(path, encoding="utf-8", errors="replace").read())):
        for key, value in row.items():
            if key and "amount" in key.lower() and value:
                amounts.add(value)
for index, amount in enumerate(sorted(amounts)):
    write("amount", "amount-%02d" % index, amount)

# dates: ISO dates, each mapping's dateFormat with a date of its CSV, and the emails' Date headers.
dates = {"2026-08-10", "MM/dd/yyyy\n08/10/2026", "d.M.yy\n10.8.26", "dd MMM yyyy\n10 August 2026"}
for path in files("email/*"):
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.lower().startswith("date:"):
            dates.add(line[5:].strip())
for path in files("mapped-csv/*.yaml"):
    match = re.search(r"dateFormat:\s*\"?([^\"\n]+)", open(path, encoding="utf-8").read())
    if match:
        dates.add(match.group(1).strip())
for index, date in enumerate(sorted(dates)):
    write("dates", "date-%02d" % index, date)


# bag-verify: an intact bag, one in a top folder, and one with an altered file and a path leaving it.
def bag(entries, prefix=""):
    payload = {"data/letter.txt": b"Cancel account NIM-4471 effective 2026-08-31.\n"}
    payload.update(entries)
    manifest = "".join("%s  %s\n" % (hashlib.sha256(data).hexdigest(), path) for path, data in payload.items())
    tags = {
        "bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "bag-info.txt": ("Payload-Oxum: %d.%d\n" % (sum(map(len, payload.values())), len(payload))).encode(),
        "manifest-sha256.txt": manifest.encode(),
    }
    tagmanifest = "".join("%s  %s\n" % (hashlib.sha256(data).hexdigest(), path) for path, data in tags.items())
    tags["tagmanifest-sha256.txt"] = tagmanifest.encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in list(tags.items()) + list(payload.items()):
            archive.writestr(prefix + path, data)
    return buffer.getvalue()


write("bag-verify", "intact.zip", bag({"data/ledger.csv": b"date,amount\n2026-08-01,65.00\n"}))
write("bag-verify", "top-folder.zip", bag({}, prefix="NIM-4471-evidence/"))
tampered = bag({"data/notes.txt": b"original\n"}).replace(b"original", b"ORIGINAL")
write("bag-verify", "stored-altered.zip", tampered)
write("bag-verify", "leaves-folder.zip", bag({"../outside.txt": b"x\n"}))

# Fixed findings only: an open one (.open) would hang or crash the run over and over.
for folder in glob.glob(os.path.join(fixtures, "fuzz", "*")):
    fixed = [path for path in files(os.path.join("fuzz", os.path.basename(folder), "*")) if not path.endswith(".open")]
    copy(os.path.basename(folder), fixed)
