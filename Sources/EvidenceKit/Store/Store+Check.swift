import Foundation
import GRDB

/// One thing `evidence check` found wrong with a store.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// An original whose bytes no longer hash to its name.
        case alteredOriginal
        /// A source whose original is missing or of another size.
        case missingOriginal
        /// An original no source refers to: an import was interrupted after keeping it.
        case orphanObject
        /// A partial copy an interrupted import left.
        case temporaryFile
        /// A file in the object directory that is not an original's name.
        case strayFile
        /// The ledger's own integrity or foreign keys.
        case ledger
        /// The configuration or a saved mapping cannot be read.
        case configuration
    }

    public var kind: Kind
    /// The file concerned, relative to the store folder (`objects/ab/ab12…`, `ledger.sqlite`).
    public var path: String
    public var message: String

    /// Whether `evidence check --repair` removes it: only what no record refers to and that
    /// holds no evidence (a partial copy, an original of an import that never committed).
    public var isRepairable: Bool { kind == .temporaryFile || kind == .orphanObject }

    public var description: String { "\(path): \(message)" }
}

extension Store {
    /// Checks every original against its SHA-256, every source against its original, the object
    /// directory for leftovers, the ledger's integrity and foreign keys, and the configuration.
    ///
    /// Changes nothing. It takes the write lock only to list leftovers, waiting for a command
    /// that is writing to finish, so that an import in progress is never taken for one that was
    /// interrupted.
    public func check() throws(StoreError) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        // Sources first: a committed source's original was in place before its commit and is
        // never removed, so it is in the listing that follows.
        let sources = try read { db in
            // Cast, so that a damaged row reads as a wrong value to report rather than one that cannot be read.
            try Row.fetchAll(
                db,
                sql: "SELECT CAST(sha256 AS TEXT), CAST(fileName AS TEXT), CAST(byteCount AS INTEGER) FROM source ORDER BY 1"
            ).map {
                (sha256: $0[0] as String? ?? "", fileName: $0[1] as String? ?? "?", byteCount: $0[2] as Int64?)
            }
        }
        let (objectNames, strays) = objects.listing()
        for name in strays {
            problems.append(StoreProblem(
                kind: .strayFile, path: "objects/\(name.visible)", message: "not an original's name; left as it is"))
        }
        let kept = Set(objectNames)
        let referenced = Set(sources.map(\.sha256))
        for source in sources {
            let path = relativePath(objects.url(for: source.sha256))
            guard kept.contains(source.sha256) else {
                problems.append(StoreProblem(
                    kind: .missingOriginal, path: path,
                    message: "missing: the original of \(source.fileName.visible) is not in the store"))
                continue
            }
            let size = Self.fileSize(objects.url(for: source.sha256))
            if size != source.byteCount {
                problems.append(StoreProblem(
                    kind: .missingOriginal, path: path,
                    message: "\(size.map(String.init) ?? "?") bytes, but \(source.fileName.visible) was "
                        + "\(source.byteCount.map(String.init) ?? "?") bytes when imported"))
            }
        }
        for name in objectNames {
            let url = objects.url(for: name)
            // An original no source refers to may be removed meanwhile by an import that failed.
            if !referenced.contains(name), !FileManager.default.fileExists(atPath: url.path) { continue }
            if let problem = Self.hashProblem(name, at: url) {
                problems.append(StoreProblem(kind: .alteredOriginal, path: relativePath(url), message: problem))
            }
        }
        problems += try leftovers()
        problems += try ledgerProblems()
        problems += configurationProblems()
        return problems
    }

    /// Removes what ``check()`` reports as repairable, holding the write lock so that no import
    /// in progress loses its file; returns what was removed. An original no source refers to
    /// is kept when its bytes no longer match its name: that is for a person to look at.
    public func repair() throws(StoreError) -> [StoreProblem] {
        do {
            return try database.write { db in
                // An original whose bytes no longer match its name is left for a person to look at.
                let found = try leftovers(db).filter { problem in
                    problem.kind != .orphanObject
                        || Self.hashProblem(
                            String(problem.path.split(separator: "/").last ?? ""), at: url.appendingPathComponent(problem.path)) == nil
                }
                for problem in found {
                    try? FileManager.default.removeItem(at: url.appendingPathComponent(problem.path))
                }
                return found
            }
        } catch {
            throw StoreError(error, "\(url.path): the ledger cannot be read")
        }
    }

    /// Partial copies and originals that no source refers to.
    private func leftovers() throws(StoreError) -> [StoreProblem] {
        do {
            // A write transaction, to wait for an import in progress (not `write`, which would
            // remove the partial copies this is to report).
            return try database.write { db in try leftovers(db) }
        } catch {
            throw StoreError(error, "\(url.path): the ledger cannot be read")
        }
    }

    private func leftovers(_ db: Database) throws -> [StoreProblem] {
        var found = objects.temporaries().map {
            StoreProblem(
                kind: .temporaryFile, path: "objects/\($0)",
                message: "a partial copy left by an interrupted import (--repair removes it)")
        }
        let referenced = Set(try String.fetchAll(db, sql: "SELECT CAST(sha256 AS TEXT) FROM source WHERE sha256 IS NOT NULL"))
        for name in objects.listing().objects where !referenced.contains(name) {
            found.append(StoreProblem(
                kind: .orphanObject, path: relativePath(objects.url(for: name)),
                message: "no imported file refers to it: left by an interrupted import (--repair removes it)"))
        }
        return found
    }

    private func ledgerProblems() throws(StoreError) -> [StoreProblem] {
        try read { db in
            var found: [StoreProblem] = []
            for message in try String.fetchAll(db, sql: "PRAGMA integrity_check") where message != "ok" {
                if try Self.isFalseNotNullReport(message, db) { continue }
                found.append(StoreProblem(kind: .ledger, path: Self.databaseName, message: "integrity: \(message)"))
            }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                found.append(StoreProblem(
                    kind: .ledger, path: Self.databaseName,
                    message: "\(table) row \(rowid.map(String.init) ?? "?") refers to a \(parent) that does not exist"))
            }
            return found
        }
    }

    /// SQLite 3.40 (Debian 12's) reports "NULL value in T.C" for every row of a WITHOUT ROWID
    /// table whose primary key leaves out a column before C, although no value is NULL. Such a
    /// report counts only when the column really holds a NULL.
    private static func isFalseNotNullReport(_ message: String, _ db: Database) throws -> Bool {
        let prefix = "NULL value in "
        guard message.hasPrefix(prefix) else { return false }
        let parts = message.dropFirst(prefix.count).split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, try db.tableExists(parts[0]),
            try db.columns(in: parts[0]).contains(where: { $0.name == parts[1] })
        else { return false }
        let nulls = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM \(parts[0].quotedDatabaseIdentifier) WHERE \(parts[1].quotedDatabaseIdentifier) IS NULL")
        return nulls == 0
    }

    private func configurationProblems() -> [StoreProblem] {
        var found: [StoreProblem] = []
        do {
            _ = try configuration()
        } catch {
            found.append(StoreProblem(kind: .configuration, path: Self.configurationName, message: error.message))
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: mappingsFolder.path)) ?? []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            do {
                _ = try CSVMapping.load(from: mappingsFolder.appendingPathComponent(name))
            } catch {
                found.append(StoreProblem(kind: .configuration, path: "\(Self.mappingsName)/\(name)", message: error.message))
            }
        }
        // The PDF bill templates (templates/), each read as an import would.
        let templates = (try? FileManager.default.contentsOfDirectory(atPath: templatesFolder.path)) ?? []
        for name in templates.sorted() where !name.hasPrefix(".") && (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) {
            do {
                _ = try PDFTemplate.load(from: templatesFolder.appendingPathComponent(name))
            } catch {
                let message = error.message.hasPrefix(name + ": ") ? String(error.message.dropFirst(name.count + 2)) : error.message
                found.append(StoreProblem(kind: .configuration, path: "templates/\(name)", message: message))
            }
        }
        return found
    }

    /// Why the original at `url` does not hash to `name`, or nil when it does.
    private static func hashProblem(_ name: String, at url: URL) -> String? {
        do {
            let digest = try sha256OfFile(url)
            return digest == name ? nil : "altered: its SHA-256 is now \(digest)"
        } catch {
            return error.message
        }
    }

    private func relativePath(_ file: URL) -> String {
        let base = url.standardizedFileURL.path + "/"
        let path = file.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    private static func fileSize(_ url: URL) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
    }
}
