#!/usr/bin/env python3
"""Writes the iPhone and Mac database fixtures of this folder (run with any python3).

Each file is named for its case; the schemas are those of SampleData/generators/make-iphone-databases.py.
"""
import os
import shutil
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "SampleData", "generators"))
import importlib.util  # noqa: E402

spec = importlib.util.spec_from_file_location("iphone", os.path.join(sys.path[0], "make-iphone-databases.py"))
iphone = importlib.util.module_from_spec(spec)
spec.loader.exec_module(iphone)

NIMBUS = "646287"
MS_2026_08_10 = 1786372200000  # 2026-08-10T14:30:00Z


def fresh(name):
    path = os.path.join(HERE, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def messages(name):
    db = sqlite3.connect(fresh(name))
    iphone.messages_schema(db)
    return db, iphone.Messages(db)


# Each date unit: nanoseconds and seconds since 2001, seconds since 1970.
db, book = messages("messages-date-units.db")
seconds_2001 = MS_2026_08_10 // 1000 - iphone.APPLE_EPOCH
book.add([NIMBUS], 0, False, "nanoseconds since 2001", date=seconds_2001 * 1_000_000_000)
book.add([NIMBUS], 0, False, "seconds since 2001", date=seconds_2001)
book.add([NIMBUS], 0, False, "seconds since 1970", date=MS_2026_08_10 // 1000)
db.commit()
db.close()

db, book = messages("messages-date-fits-no-unit.db")
book.add([NIMBUS], 0, False, "milliseconds are no unit Messages uses", date=MS_2026_08_10)
db.commit()
db.close()

# Text only in attributedBody: plain, emoji, non-Latin, long enough for the two-byte length; a group chat.
db, book = messages("messages-attributed-body.db")
book.add([NIMBUS], MS_2026_08_10, False, "Nimbus Mobile: We received your request to cancel, ref CR-88231.", archived_only=True)
book.add([NIMBUS], MS_2026_08_10 + 1000, False, "Thanks 👍😀 done", archived_only=True)
book.add([NIMBUS], MS_2026_08_10 + 2000, False, "您的取消申请已收到，参考编号 CR-88231。", archived_only=True)
book.add([NIMBUS], MS_2026_08_10 + 3000, False, "Long: " + "x" * 300 + " ref CR-99999", archived_only=True)
book.add(["+13125550142", "+17735550163"], MS_2026_08_10 + 4000, False, "group hello")
book.add(["+13125550142", "+17735550163"], MS_2026_08_10 + 5000, True, "group reply")
book.add([NIMBUS], MS_2026_08_10 + 6000, True, "Loved “ref CR-88231”", reaction=2000)
db.commit()
db.close()

db, book = messages("messages-attributed-body-unreadable.db")
row = book.add([NIMBUS], MS_2026_08_10, False, "will be garbled", archived_only=True)
db.execute("UPDATE message SET attributedBody = ? WHERE ROWID = ?", (b"\x04\x0bstreamtyped\x81\xe8\x03NSString\x01+\x82\xff\xff\xff\x7f", row))
db.commit()
db.close()

# The newest rows only in the -wal (the file copied while the phone's Messages still had it open).
path = fresh("messages-wal-only.db")
db = sqlite3.connect(path)
db.execute("PRAGMA journal_mode = WAL")
iphone.messages_schema(db)
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
book = iphone.Messages(db)
book.add([NIMBUS], MS_2026_08_10, False, "only in the log: ref CR-77777")
db.commit()
work = path + ".tmp"
shutil.copyfile(path, work)
shutil.copyfile(path + "-wal", work + "-wal")
db.close()
os.replace(work, path)
os.replace(work + "-wal", path + "-wal")

# Hostile: a view named like the table, a trigger, wrong column types, a truncated file, an unrelated database.
db = sqlite3.connect(fresh("hostile-view-named-message.db"))
db.executescript("CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT); CREATE TABLE real (x);"
                 "CREATE VIEW message AS SELECT 1 AS ROWID, 'x' AS text, 0 AS handle_id, 0 AS date, 0 AS is_from_me FROM real;")
db.commit()
db.close()

db, book = messages("hostile-trigger.db")
book.add([NIMBUS], MS_2026_08_10, False, "a trigger waits on this table")
db.executescript("CREATE TABLE log (x); CREATE TRIGGER spy AFTER UPDATE ON message BEGIN INSERT INTO log VALUES (1); END;")
db.commit()
db.close()

db, book = messages("hostile-wrong-column-types.db")
row = book.add([NIMBUS], MS_2026_08_10, False, "x")
db.execute("UPDATE message SET text = ?, date = 'yesterday' WHERE ROWID = ?", (b"\xff\xfe", row))
db.commit()
db.close()

src = os.path.join(HERE, "messages-attributed-body.db")
with open(src, "rb") as f:
    data = f.read()
with open(fresh("truncated.db"), "wb") as f:
    f.write(data[: len(data) // 2])

db = sqlite3.connect(fresh("not-a-phone-database.db"))
db.execute("CREATE TABLE recipes (name TEXT)")
db.commit()
db.close()

# Calls: FaceTime and app calls beside carrier calls, an address stored as a blob; the old call_history.db.
db = sqlite3.connect(fresh("calls-carrier-facetime-app.storedata"))
iphone.calls_schema(db)
iphone.add_call(db, MS_2026_08_10, "+18005550199", 754, True, True)
iphone.add_call(db, MS_2026_08_10 + 3600_000, "+18005550199", 0, False, False)
iphone.add_call(db, MS_2026_08_10 + 7200_000, "+13125550142", 95, False, True, address_as_blob=True)
iphone.add_call(db, MS_2026_08_10 + 9000_000, "mom@example.com", 600, True, True, provider="com.apple.FaceTime", call_type=16)
iphone.add_call(db, MS_2026_08_10 + 9900_000, "+447700900123", 300, True, True, provider="net.whatsapp.WhatsApp")
db.commit()
db.close()

db = sqlite3.connect(fresh("call-history-old.db"))
db.executescript("CREATE TABLE call (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, address TEXT, date INTEGER, duration INTEGER, flags INTEGER, id INTEGER);")
db.execute("INSERT INTO call (address, date, duration, flags, id) VALUES ('+18005550199', ?, 120, 5, -1)", (MS_2026_08_10 // 1000,))
db.execute("INSERT INTO call (address, date, duration, flags, id) VALUES ('+13125550142', ?, 0, 4, -1)", (MS_2026_08_10 // 1000 + 60,))
db.execute("INSERT INTO call (address, date, duration, flags, id) VALUES ('mom@example.com', ?, 30, 21, -1)", (MS_2026_08_10 // 1000 + 120,))
db.commit()
db.close()

# Backup folders laid out like Finder's, one unencrypted and one encrypted.
iphone.write_backup(os.path.join(HERE, "backup-unencrypted"), os.path.join(HERE, "messages-attributed-body.db"),
                    os.path.join(HERE, "calls-carrier-facetime-app.storedata"))
iphone.write_backup(os.path.join(HERE, "backup-encrypted"), None, None, encrypted=True)
