#ifndef EVIDENCE_SQLITE_GUARD_H
#define EVIDENCE_SQLITE_GUARD_H

#include <sqlite3.h>

/* sqlite3_db_config is variadic, which Swift cannot call: these set the options a database that
   comes from outside is opened with (PITFALLS.md "Untrusted SQLite files"). Each returns
   SQLITE_OK or the first error. */
static inline int evidence_sqlite_guard(sqlite3 *db) {
    int rc = sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)0);
    if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)0);
    if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, (int *)0);
    if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)0);
    if (rc == SQLITE_OK) rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, (int *)0);
    return rc;
}

#endif
