import Foundation
import GRDB

extension Store {
    /// The ids of findings a `dispute-filed` case event dated on or before `asOf` names.
    public func disputedFindingIds(asOf: CalendarDate) throws(StoreError) -> Set<String> {
        try read { db in
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT l.target FROM caseEventLink l JOIN caseEvent c ON c.id = l.caseEventId
                        WHERE c.event = 'dispute-filed' AND l.kind = 'finding' AND c.date <= ?
                        """, arguments: [asOf.description]))
        }
    }

    /// Dismissed findings and why.
    public func dismissals() throws(StoreError) -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT findingId, reason FROM findingDismissal") {
                result[row["findingId"]] = row["reason"]
            }
            return result
        }
    }

    /// Dismisses a finding with a reason (it stays listed with `flags --all`); nil restores it.
    public func dismiss(_ findingId: String, reason: String?) throws(StoreError) {
        do {
            try write { db in
                if let reason {
                    try db.execute(
                        sql: """
                            INSERT INTO findingDismissal (findingId, reason, dismissedAt) VALUES (?, ?, ?)
                            ON CONFLICT (findingId) DO UPDATE SET reason = excluded.reason, dismissedAt = excluded.dismissedAt
                            """, arguments: [findingId, reason, Importer.timestamp(Date())])
                } else {
                    try db.execute(sql: "DELETE FROM findingDismissal WHERE findingId = ?", arguments: [findingId])
                }
            }
        } catch {
            throw StoreError(error, "\(url.path): the finding could not be updated")
        }
    }
}
