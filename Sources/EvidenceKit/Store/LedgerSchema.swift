import GRDB

/// The ledger's tables. A migration, once shipped, is never edited: add a new one.
enum LedgerSchema {
    /// The newest migration's number (the `N` of `ledger.sqlite.before-vN`).
    static let version = 7

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
        migrator.registerMigration("v5: sources and statements by number, one index per entry") { db in
            try db.execute(sql: Self.version5)
        }
        migrator.registerMigration("v6: bank ids and bank statements") { db in
            try db.execute(sql: Self.version6)
        }
        migrator.registerMigration("v7: the service that carried a call or a message") { db in
            // NULL: the provider's network for a call, not recorded for a message (all imported before).
            try db.execute(sql: "ALTER TABLE call ADD COLUMN service TEXT")
            try db.execute(sql: "ALTER TABLE message ADD COLUMN service TEXT")
        }
        return migrator
    }

    /// A bank transaction keeps the bank's own id (OFX `FITID`), the bank account it was booked
    /// on and the bank's kind of transaction. The bank's id is, with the account, its identity
    /// across downloads; the (date, amount) index serves the look-up of the same transaction
    /// from another format. A bank's statement (account, period, stated balance) is kept with its
    /// source.
    static let version6 = """
        ALTER TABLE bankTransaction ADD COLUMN bankId TEXT;
        ALTER TABLE bankTransaction ADD COLUMN bankAccount TEXT;
        ALTER TABLE bankTransaction ADD COLUMN transactionType TEXT;
        CREATE UNIQUE INDEX bankTransactionBankId ON bankTransaction (bankAccount, bankId) WHERE bankId IS NOT NULL;
        CREATE INDEX bankTransactionDay ON bankTransaction (date, amount);
        CREATE TABLE bankStatement (
            id INTEGER PRIMARY KEY,
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            bankAccount TEXT NOT NULL,
            accountType TEXT,
            currency TEXT NOT NULL,
            startDate TEXT,
            endDate TEXT,
            ledgerBalance INTEGER,
            balanceDate TEXT,
            transactions INTEGER NOT NULL
        );
        """

    /// Rows refer to their source by a small number instead of repeating its SHA-256 and file
    /// name, and entries to their statement by number (0 outside statements). An entry's identity
    /// is its one index, ordered (account, date, …) so that the rules read an account in date
    /// order from it. Ids of entries, calls, messages, documents, bank transactions and case
    /// events are kept: case events and dismissals refer to them.
    static let version5 = """
        CREATE TABLE newSource (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            fileName TEXT NOT NULL,
            format TEXT NOT NULL,
            byteCount INTEGER NOT NULL,
            importedAt TEXT NOT NULL,
            documentDate TEXT,
            note TEXT
        );
        INSERT INTO newSource (sha256, fileName, format, byteCount, importedAt, documentDate, note)
        SELECT sha256, fileName, format, byteCount, importedAt, documentDate, note FROM source ORDER BY rowid;

        CREATE TABLE newStatement (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL REFERENCES account(id),
            statementId TEXT NOT NULL,
            statementDate TEXT NOT NULL,
            dueDate TEXT,
            periodStart TEXT,
            periodEnd TEXT,
            currency TEXT NOT NULL,
            previousBalance INTEGER,
            totalDue INTEGER,
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            UNIQUE (account, statementId)
        );
        INSERT INTO newStatement (account, statementId, statementDate, dueDate, periodStart, periodEnd, currency,
            previousBalance, totalDue, source, locator)
        SELECT t.account, t.statementId, t.statementDate, t.dueDate, t.periodStart, t.periodEnd, t.currency,
            t.previousBalance, t.totalDue, s.id, t.locator
        FROM statement t LEFT JOIN newSource s ON s.sha256 = t.sourceSha256 ORDER BY t.rowid;

        -- statement is statement.id, or 0 for an entry outside any statement (so that the identity
        -- compares it: SQLite treats NULLs as distinct in UNIQUE).
        CREATE TABLE newEntry (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL REFERENCES account(id),
            statement INTEGER NOT NULL,
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
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL
        );
        INSERT INTO newEntry (id, account, statement, date, kind, description, category, quantity, unit, amount,
            currency, occurrence, time, number, line, extra, source, locator)
        SELECT e.id, e.account, CASE WHEN e.statementId = '' THEN 0 ELSE t.id END, e.date, e.kind, e.description,
            e.category, e.quantity, e.unit, e.amount, e.currency, e.occurrence, e.time, e.number, e.line, e.extra,
            s.id, e.locator
        FROM entry e
        LEFT JOIN newStatement t ON t.account = e.account AND t.statementId = e.statementId
        LEFT JOIN newSource s ON s.sha256 = e.sourceSha256
        ORDER BY e.id;

        CREATE TABLE newEntryProvenance (
            entryId INTEGER NOT NULL REFERENCES entry(id),
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            PRIMARY KEY (entryId, source, locator)
        ) WITHOUT ROWID;
        INSERT INTO newEntryProvenance (entryId, source, locator)
        SELECT p.entryId, s.id, p.locator FROM entryProvenance p LEFT JOIN newSource s ON s.sha256 = p.sourceSha256;

        CREATE TABLE newBankTransaction (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            date TEXT NOT NULL,
            description TEXT NOT NULL,
            amount INTEGER NOT NULL,
            currency TEXT NOT NULL,
            occurrence INTEGER NOT NULL,
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            UNIQUE (account, date, description, amount, currency, occurrence)
        );
        INSERT INTO newBankTransaction (id, account, date, description, amount, currency, occurrence, source, locator)
        SELECT b.id, b.account, b.date, b.description, b.amount, b.currency, b.occurrence, s.id, b.locator
        FROM bankTransaction b LEFT JOIN newSource s ON s.sha256 = b.sourceSha256 ORDER BY b.id;

        CREATE TABLE newCall (
            id INTEGER PRIMARY KEY,
            account TEXT REFERENCES account(id),
            startedAt INTEGER NOT NULL,
            direction TEXT NOT NULL,
            number TEXT NOT NULL,
            durationSeconds INTEGER NOT NULL,
            contactName TEXT,
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            UNIQUE (startedAt, number, direction, durationSeconds)
        );
        INSERT INTO newCall (id, account, startedAt, direction, number, durationSeconds, contactName, source, locator)
        SELECT c.id, c.account, c.startedAt, c.direction, c.number, c.durationSeconds, c.contactName, s.id, c.locator
        FROM call c LEFT JOIN newSource s ON s.sha256 = c.sourceSha256 ORDER BY c.id;

        CREATE TABLE newMessage (
            id INTEGER PRIMARY KEY,
            account TEXT REFERENCES account(id),
            sentAt INTEGER NOT NULL,
            direction TEXT NOT NULL,
            address TEXT NOT NULL,
            body TEXT NOT NULL,
            subject TEXT,
            isMultimedia INTEGER NOT NULL,
            refs TEXT NOT NULL,
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            UNIQUE (sentAt, address, direction, body)
        );
        INSERT INTO newMessage (id, account, sentAt, direction, address, body, subject, isMultimedia, refs, source,
            locator)
        SELECT m.id, m.account, m.sentAt, m.direction, m.address, m.body, m.subject, m.isMultimedia, m.refs, s.id,
            m.locator
        FROM message m LEFT JOIN newSource s ON s.sha256 = m.sourceSha256 ORDER BY m.id;

        CREATE TABLE newDocument (
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
            source INTEGER NOT NULL REFERENCES source(id),
            locator TEXT NOT NULL,
            UNIQUE (source, locator)
        );
        INSERT INTO newDocument (id, account, kind, date, sentAt, sender, recipient, subject, messageId, text, refs,
            attachments, note, source, locator)
        SELECT d.id, d.account, d.kind, d.date, d.sentAt, d.sender, d.recipient, d.subject, d.messageId, d.text, d.refs,
            d.attachments, d.note, s.id, d.locator
        FROM document d LEFT JOIN newSource s ON s.sha256 = d.sourceSha256 ORDER BY d.id;

        DROP TABLE entryProvenance;
        DROP TABLE entry;
        DROP TABLE statement;
        DROP TABLE bankTransaction;
        DROP TABLE call;
        DROP TABLE message;
        DROP TABLE document;
        DROP TABLE source;
        ALTER TABLE newSource RENAME TO source;
        ALTER TABLE newStatement RENAME TO statement;
        ALTER TABLE newEntry RENAME TO entry;
        ALTER TABLE newEntryProvenance RENAME TO entryProvenance;
        ALTER TABLE newBankTransaction RENAME TO bankTransaction;
        ALTER TABLE newCall RENAME TO call;
        ALTER TABLE newMessage RENAME TO message;
        ALTER TABLE newDocument RENAME TO document;
        CREATE UNIQUE INDEX entryIdentity
            ON entry(account, date, statement, description, amount, currency, occurrence);
        CREATE UNIQUE INDEX documentByMessageId ON document(messageId) WHERE messageId IS NOT NULL;
        """
}
