#!/usr/bin/env python3
"""Writes Jordan's iPhone side of the story into SampleData/iphone, from the Android backups.

Jordan moved the SIM to an iPhone in November and copied the history over, so the iPhone holds
the same calls and texts as the Android backups in SampleData/phone, in Apple's own databases:

- sms.db: Messages (tables message, handle, chat, chat_message_join, chat_handle_join,
  attachment, message_attachment_join; date in nanoseconds since 2001-01-01). Nimbus's text of
  2026-10-25 has its words only in attributedBody (a typedstream NSAttributedString), as newer
  iOS stores them. Added: a tapback (left out on import), a group chat and a photo.
- CallHistory.storedata: the call history (Core Data table ZCALLRECORD, ZDATE in seconds since
  2001), the same 15 incoming, outgoing and missed calls, plus a FaceTime call and a WhatsApp call the provider never carried.

Usage: python3 SampleData/generators/make-iphone-databases.py [OUT-FOLDER]
(OUT-FOLDER defaults to SampleData/iphone; the tests' fixtures use this script's functions too.)
"""
import hashlib
import os
import plistlib
import shutil
import sqlite3
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
PHONE = os.path.join(HERE, "..", "phone")
APPLE_EPOCH = 978307200


def typedstream(text):
    """An NSAttributedString archived as typedstream, holding `text` (the layout Messages writes)."""
    data = text.encode("utf-8")
    if len(data) < 0x80:
        length = bytes([len(data)])
    elif len(data) < 0x10000:
        length = b"\x81" + len(data).to_bytes(2, "little")
    else:
        length = b"\x82" + len(data).to_bytes(4, "little")
    return (b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84\x84\x84\x12NSAttributedString\x00\x84\x84\x08NSObject\x00"
            b"\x85\x92\x84\x84\x84\x08NSString\x01\x94\x84\x01+" + length + data +
            b"\x86\x84\x02iI\x01\x05\x92\x84\x84\x84\x0cNSDictionary\x00\x94\x84\x01i\x01\x92\x84\x96\x96\x1d__kIMMessagePartAttributeName\x86")


def messages_schema(db):
    db.executescript("""
        CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT);
        CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0,
            service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0,
            type INTEGER DEFAULT 0, service TEXT, account TEXT, date INTEGER, date_read INTEGER, date_delivered INTEGER,
            is_from_me INTEGER DEFAULT 0, item_type INTEGER DEFAULT 0, associated_message_guid TEXT,
            associated_message_type INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, date_edited INTEGER DEFAULT 0,
            date_retracted INTEGER DEFAULT 0);
        CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, chat_identifier TEXT, service_name TEXT, display_name TEXT);
        CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
        CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id));
        CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_name TEXT, total_bytes INTEGER DEFAULT 0);
        CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
    """)


class Messages:
    """Adds handles, chats and messages to a Messages database."""

    def __init__(self, db):
        self.db, self.handles, self.chats, self.count = db, {}, {}, 0

    def handle(self, address, service="SMS"):
        if address not in self.handles:
            cur = self.db.execute("INSERT INTO handle (id, service) VALUES (?, ?)", (address, service))
            self.handles[address] = cur.lastrowid
        return self.handles[address]

    def chat(self, members, service="SMS"):
        key = tuple(sorted(members))
        if key not in self.chats:
            cur = self.db.execute("INSERT INTO chat (guid, style, chat_identifier, service_name) VALUES (?, ?, ?, ?)",
                                  ("%s;-;%s" % (service, ",".join(key)), 43 if len(key) > 1 else 45, ",".join(key), service))
            self.chats[key] = cur.lastrowid
            for member in key:
                self.db.execute("INSERT INTO chat_handle_join VALUES (?, ?)", (cur.lastrowid, self.handle(member, service)))
        return self.chats[key]

    def add(self, members, unix_ms, from_me, text, service="SMS", archived_only=False, reaction=0, attachment=None,
            date=None):
        self.count += 1
        chat = self.chat(members, service)
        handle = 0 if from_me and len(members) > 1 else self.handle(members[0], service)
        nanos = (unix_ms - APPLE_EPOCH * 1000) * 1_000_000 if date is None else date
        cur = self.db.execute(
            "INSERT INTO message (guid, text, handle_id, attributedBody, service, date, is_from_me, associated_message_type, cache_has_attachments)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("G-%04d" % self.count, None if archived_only else text, handle, typedstream(text) if text else None, service,
             nanos, 1 if from_me else 0, reaction, 1 if attachment else 0))
        self.db.execute("INSERT INTO chat_message_join VALUES (?, ?, ?)", (chat, cur.lastrowid, nanos))
        if attachment:
            name, mime = attachment
            att = self.db.execute("INSERT INTO attachment (guid, filename, mime_type, transfer_name) VALUES (?, ?, ?, ?)",
                                  ("A-%04d" % self.count, "~/Library/SMS/Attachments/" + name, mime, name))
            self.db.execute("INSERT INTO message_attachment_join VALUES (?, ?)", (cur.lastrowid, att.lastrowid))
        return cur.lastrowid


def calls_schema(db):
    db.executescript("""
        CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZANSWERED INTEGER, ZCALL_CATEGORY INTEGER,
            ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER, ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER,
            ZREAD INTEGER, ZJUNKCONFIDENCE INTEGER, ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS VARCHAR, ZDEVICE_ID VARCHAR,
            ZISO_COUNTRY_CODE VARCHAR, ZLOCATION VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR);
        CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
        CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
    """)


def add_call(db, unix_ms, address, seconds, originated, answered, provider="com.apple.Telephony", call_type=1, name=None,
             address_as_blob=False):
    db.execute(
        "INSERT INTO ZCALLRECORD (Z_ENT, Z_OPT, ZANSWERED, ZCALLTYPE, ZORIGINATED, ZDATE, ZDURATION, ZADDRESS, ZNAME, ZSERVICE_PROVIDER)"
        " VALUES (2, 1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (1 if answered else 0, call_type, 1 if originated else 0, unix_ms / 1000.0 - APPLE_EPOCH, float(seconds),
         address.encode() if address_as_blob else address, name, provider))


def write_sample(out):
    os.makedirs(out, exist_ok=True)
    for name in ("sms.db", "CallHistory.storedata"):
        path = os.path.join(out, name)
        if os.path.exists(path):
            os.remove(path)

    db = sqlite3.connect(os.path.join(out, "sms.db"))
    messages_schema(db)
    book = Messages(db)
    for sms in ET.parse(os.path.join(PHONE, "sms-20261124.xml")).getroot().findall("sms"):
        body, date, address = sms.get("body"), int(sms.get("date")), sms.get("address")
        book.add([address], date, sms.get("type") == "2", body, archived_only="198.36" in body)
    # Not in the Android backup: a reaction, a group chat and a photo.
    book.add(["+13125550142"], 1778597700000, True, "Loved “¡Gracias por llamar! Nos vemos el sábado 😀”", reaction=2000)
    book.add(["+13125550142", "+17735550163"], 1779300000000, False, "Who's bringing the cake Saturday?")
    book.add(["+13125550142", "+17735550163"], 1779300060000, True, "Me! 🎂", service="iMessage",
             attachment=("IMG_0412.HEIC", "image/heic"))
    db.commit()
    db.close()

    db = sqlite3.connect(os.path.join(out, "CallHistory.storedata"))
    calls_schema(db)
    # Incoming, outgoing and missed calls (the iPhone has no voicemail or rejected kind of its own).
    kinds = {"1": (False, True), "2": (True, True), "3": (False, False)}
    for call in ET.parse(os.path.join(PHONE, "calls-20261124.xml")).getroot().findall("call"):
        if call.get("type") not in kinds:
            continue
        originated, answered = kinds[call.get("type")]
        name = call.get("contact_name")
        add_call(db, int(call.get("date")), call.get("number"), int(call.get("duration")), originated, answered,
                 name=None if name == "(Unknown)" else name)
    add_call(db, 1795200000000, "jordan.mom@example.com", 1260, True, True, provider="com.apple.FaceTime", call_type=16)
    add_call(db, 1795300000000, "+447700900123", 600, True, True, provider="net.whatsapp.WhatsApp", call_type=1,
             address_as_blob=True)
    db.commit()
    db.close()


def write_backup(folder, sms, calls, encrypted=False):
    """A Finder/iTunes backup folder holding `sms` and `calls` under their hashed names."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    with open(os.path.join(folder, "Manifest.plist"), "wb") as f:
        plistlib.dump({"IsEncrypted": encrypted, "Version": "10.0", "Date": __import__("datetime").datetime(2026, 11, 24, 9, 30),
                       "Lockdown": {"DeviceName": "Jordan's iPhone", "ProductVersion": "18.1", "ProductType": "iPhone15,2"}},
                      f, fmt=plistlib.FMT_BINARY)
    if encrypted:
        with open(os.path.join(folder, "Manifest.db"), "wb") as f:
            f.write(hashlib.sha256(b"encrypted manifest").digest() * 64)
        return
    db = sqlite3.connect(os.path.join(folder, "Manifest.db"))
    db.execute("CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)")
    db.execute("CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)")
    for domain, path, source in [("HomeDomain", "Library/SMS/sms.db", sms),
                                 ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata", calls),
                                 ("HomeDomain", "Library/Notes/notes.sqlite", None)]:
        file_id = hashlib.sha1(("%s-%s" % (domain, path)).encode()).hexdigest()
        db.execute("INSERT INTO Files VALUES (?, ?, ?, 1, NULL)", (file_id, domain, path))
        if source:
            os.makedirs(os.path.join(folder, file_id[:2]), exist_ok=True)
            shutil.copyfile(source, os.path.join(folder, file_id[:2], file_id))
    db.commit()
    db.close()


if __name__ == "__main__":
    write_sample(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "iphone"))
