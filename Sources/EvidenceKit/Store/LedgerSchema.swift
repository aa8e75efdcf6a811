import GRDB

/// The ledger's tables. A migration, once shipped, is never edited: add a new one.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sources, accounts, statements, entries, bank transactions") { db in
            try db.execute(
                sql: """
                    CREATE TABLE source (
                        sha256 TEXT PRIMARY KEY NOT NULL,
                        fileName TEXT NOT NULL,
                        format TEXT NOT NULL,
                        byteCount INTEGER NOT NULL,
                        importedAt TEXT NOT NULL,
                        documentDate TEXT,
                        note TEXT
                    );
                    CREATE TABLE account (
                        id TEXT PRIMARY KEY NOT NULL,
                        provider TEXT,
                        planName TEXT,
                        unlimitedData INTEGER NOT NULL DEFAULT 0,
                        monthlyPrice INTEGER,
                        monthlyPriceCurrency TEXT,
                        phoneNumbers TEXT NOT NULL DEFAULT '',
                        timeZone TEXT
                    );
                    CREATE TABLE statement (
                        account TEXT NOT NULL REFERENCES account(id),
                        statementId TEXT NOT NULL,
                        statementDate TEXT NOT NULL,
                        dueDate TEXT,
                        periodStart TEXT,
                        periodEnd TEXT,
                        currency TEXT NOT NULL,
                        previousBalance INTEGER,
                        totalDue INTEGER,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        locator TEXT NOT NULL,
                        PRIMARY KEY (account, statementId)
                    );
                    -- statementId is '' for an entry outside any statement, so that the identity
                    -- constraint compares it (SQLite treats NULLs as distinct in UNIQUE).
                    CREATE TABLE entry (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES account(id),
                        statementId TEXT NOT NULL,
                        date TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        description TEXT NOT NULL,
                        category TEXT,
                        quantity TEXT,
                        unit TEXT,
                        amount INTEGER NOT NULL,
                        currency TEXT NOT NULL,
                        occurrence INTEGER NOT NULL,
                        time TEXT,
                        number TEXT,
                        line TEXT,
                        extra TEXT,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        UNIQUE (account, statementId, date, description, amount, currency, occurrence)
                    );
                    CREATE INDEX entryByAccountDate ON entry(account, date);
                    -- Further sources that carried the same entry (overlapping exports).
                    CREATE TABLE entryProvenance (
                        entryId INTEGER NOT NULL REFERENCES entry(id),
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        PRIMARY KEY (entryId, sourceSha256, locator)
                    ) WITHOUT ROWID;
                    CREATE TABLE bankTransaction (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL,
                        date TEXT NOT NULL,
                        description TEXT NOT NULL,
                        amount INTEGER NOT NULL,
                        currency TEXT NOT NULL,
                        occurrence INTEGER NOT NULL,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        UNIQUE (account, date, description, amount, currency, occurrence)
                    );
                    """)
        }
        migrator.registerMigration("v2: calls, messages, documents, case events") { db in
            try db.execute(
                sql: """
                    -- number is '' for a withheld number, so that the identity constraint compares it.
                    -- A call or message is identified by what the phone recorded, whichever backup
                    -- carried it: backups overlap, and each holds the whole log.
                    CREATE TABLE call (
                        id INTEGER PRIMARY KEY,
                        account TEXT REFERENCES account(id),
                        startedAt INTEGER NOT NULL,
                        direction TEXT NOT NULL,
                        number TEXT NOT NULL,
                        durationSeconds INTEGER NOT NULL,
                        contactName TEXT,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        UNIQUE (startedAt, number, direction, durationSeconds)
                    );
                    CREATE TABLE message (
                        id INTEGER PRIMARY KEY,
                        account TEXT REFERENCES account(id),
                        sentAt INTEGER NOT NULL,
                        direction TEXT NOT NULL,
                        address TEXT NOT NULL,
                        body TEXT NOT NULL,
                        subject TEXT,
                        isMultimedia INTEGER NOT NULL,
                        refs TEXT NOT NULL,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        UNIQUE (sentAt, address, direction, body)
                    );
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        account TEXT REFERENCES account(id),
                        kind TEXT NOT NULL,
                        date TEXT,
                        sentAt INTEGER,
                        sender TEXT,
                        recipient TEXT,
                        subject TEXT,
                        messageId TEXT,
                        text TEXT NOT NULL,
                        refs TEXT NOT NULL,
                        attachments TEXT NOT NULL,
                        note TEXT,
                        sourceSha256 TEXT NOT NULL REFERENCES source(sha256),
                        fileName TEXT NOT NULL,
                        locator TEXT NOT NULL,
                        UNIQUE (sourceSha256, locator)
                    );
                    -- One email saved twice (an .eml and the same message in an mbox) is one document.
                    CREATE UNIQUE INDEX documentByMessageId ON document(messageId) WHERE messageId IS NOT NULL;
                    CREATE TABLE caseEvent (
                        id INTEGER PRIMARY KEY,
                        account TEXT NOT NULL REFERENCES account(id),
                        event TEXT NOT NULL,
                        date TEXT NOT NULL,
                        time TEXT,
                        channel TEXT,
                        ref TEXT,
                        rep TEXT,
                        effectiveDate TEXT,
                        amount INTEGER,
                        currency TEXT,
                        note TEXT,
                        recordedAt TEXT NOT NULL
                    );
                    -- What a case event points at: kind is 'entry', 'finding' or 'document'.
                    CREATE TABLE caseEventLink (
                        caseEventId INTEGER NOT NULL REFERENCES caseEvent(id),
                        kind TEXT NOT NULL,
                        target TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (caseEventId, kind, target)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3: finding dismissals") { db in
            try db.execute(
                sql: """
                    -- A finding the person dismissed, by its stable id, and why.
                    CREATE TABLE findingDismissal (
                        findingId TEXT PRIMARY KEY NOT NULL,
                        reason TEXT NOT NULL,
                        dismissedAt TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v4: account holder") { db in
            try db.execute(sql: "ALTER TABLE account ADD COLUMN holder TEXT")
        }
        return migrator
    }
}
