import EvidenceKit
import Foundation
import Testing

@Suite("Balance, past due and aging (DOMAIN.md)")
struct BalanceTests {
    /// Three statements; the March one is unpaid; a credit sits on a statement not yet due.
    let ledger = """
        account_id,statement_id,statement_date,due_date,date,kind,description,amount,currency
        A-1,S-01,2026-01-01,2026-01-22,2026-01-01,charge,Plan,65.00,USD
        A-1,S-02,2026-02-01,2026-02-22,2026-01-20,payment,Payment,-65.00,USD
        A-1,S-02,2026-02-01,2026-02-22,2026-02-01,charge,Plan,65.00,USD
        A-1,S-02,2026-02-01,2026-02-22,2026-02-01,fee,Late fee,10.00,USD
        A-1,S-03,2026-03-01,2026-03-22,2026-02-25,payment,Payment,-40.00,USD
        A-1,S-03,2026-03-01,2026-03-22,2026-03-01,charge,Plan,65.00,USD
        A-1,S-04,2026-04-01,2026-04-22,2026-04-01,charge,Plan,65.00,USD
        A-1,S-04,2026-04-01,2026-04-22,2026-04-01,credit,Goodwill credit,-5.00,USD

        """

    @Test("figures worked by hand from the definitions")
    func handWorked() throws {
        let store = try temporaryStore()
        _ = try Importer(store: store).importFile(try temporaryFile("ledger.csv", ledger), options: ImportOptions())
        let calculator = BalanceCalculator(store: store)

        // As of 2026-04-10: S-01..S-03 are past due (due before the date), S-04 is not.
        // Balance = 65 - 65 + 65 + 10 - 40 + 65 + 65 - 5 = 160.00.
        // Past due = positives of S-01..S-03 (65 + 65 + 10 + 65 = 205) + all decreases (-65 - 40 - 5 = -110) = 95.00.
        // Aging, newest past-due statement first: S-03 (due 03-22, 19 days) takes 65.00,
        // S-02 (due 02-22, 47 days) the remaining 30.00.
        let april = try #require(CalendarDate(iso: "2026-04-10"))
        let balance = try #require(try calculator.balances(asOf: april).first)
        #expect(balance.balance == usd(16_000))
        #expect(balance.pastDue == usd(9500))
        #expect(balance.undisputedPastDue == usd(9500))
        #expect(balance.aging.days1to30 == usd(6500))
        #expect(balance.aging.days31to60 == usd(3000))
        #expect(balance.aging.days61to90 == usd(0) && balance.aging.over90 == usd(0))

        // As of 2026-02-23: only S-01 and S-02 are past due; the 02-25 payment and later lines do not count.
        // Balance = 65 - 65 + 65 + 10 = 75.00; past due = 65 + 65 + 10 - 65 = 75.00, all from S-02 (1 day).
        let february = try #require(CalendarDate(iso: "2026-02-23"))
        let earlier = try #require(try calculator.balances(asOf: february).first)
        #expect(earlier.balance == usd(7500))
        #expect(earlier.pastDue == usd(7500))
        #expect(earlier.aging.days1to30 == usd(7500))

        // As of 2026-01-21 nothing is due yet.
        let january = try #require(CalendarDate(iso: "2026-01-21"))
        #expect(try calculator.balances(asOf: january).first?.pastDue == usd(0))
    }

    @Test("disputed entries leave the undisputed past due and its aging; a dispute filed later does not count before")
    func disputed() throws {
        let store = try temporaryStore()
        _ = try Importer(store: store).importFile(try temporaryFile("ledger.csv", ledger), options: ImportOptions())
        let all = try entries(in: store)
        // Dispute S-02's late fee (10.00) and S-03's plan (65.00) on 2026-04-05.
        let fee = try #require(all.first { $0.draft.description == "Late fee" })
        let march = try #require(all.first { $0.draft.statementId == "S-03" && $0.draft.kind == .charge })
        let filed = try #require(CalendarDate(iso: "2026-04-05"))
        _ = try store.record(
            CaseEventDraft(account: "A-1", kind: .disputeFiled, date: filed, entries: [fee.id, march.id]))
        let calculator = BalanceCalculator(store: store)

        // As of 2026-04-10: past due 95.00 (above); disputed in past-due statements 10 + 65 = 75.00;
        // undisputed past due = 95 - 75 = 20.00. Undisputed owed per statement, newest first:
        // S-03 0.00 (its plan is disputed), S-02 65.00, S-01 65.00; the 20.00 goes to S-02 (47 days).
        let tenth = try #require(CalendarDate(iso: "2026-04-10"))
        let april = try #require(try calculator.balances(asOf: tenth).first)
        #expect(april.disputed == usd(7500))
        #expect(april.undisputedPastDue == usd(2000))
        #expect(april.aging.days31to60 == usd(2000) && april.aging.days1to30 == usd(0))
        #expect(april.pastDueStatements.map(\.statementId) == ["S-02"])
        #expect(try entries(in: store).filter(\.disputed).map(\.id).sorted() == [fee.id, march.id].sorted())

        // As of 2026-04-01 the dispute is not filed yet.
        let first = try #require(CalendarDate(iso: "2026-04-01"))
        let before = try #require(try calculator.balances(asOf: first).first)
        #expect(before.disputed == usd(0) && before.undisputedPastDue == before.pastDue)
    }
}
