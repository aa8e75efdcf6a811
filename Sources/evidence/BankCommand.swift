import ArgumentParser
import EvidenceKit

struct BankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bank",
        abstract: "List bank and card records, each with its source, and the ledger payment that credits it.",
        discussion: """
            A record is a payment to a provider account when it is money out and its description names the account id \
            or the provider; it is credited by a ledger payment of the same amount dated within paymentMatchDays of it \
            (as the rule payment.not-credited decides).
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var options: RecordListOptions

    @Flag(help: "Only payments to a provider account and refunds from it.")
    var payments = false

    func run() throws {
        let store = try storeOptions.open()
        let records = try exitingOnFailure {
            try BankRecord.load(store: store, account: options.account, from: options.from, to: options.to)
        }.filter { !payments || $0.role != .other }
        options.printRecords(
            records, noun: "bank records", json: \.json,
            columns: ["id", "date", "bank account", "type", "description", "amount", "is", "credited by", "source"],
            rightAligned: [0, 5],
            row: { record in
                let draft = record.transaction.draft
                return [
                    String(record.transaction.id), draft.date.description, draft.bankAccount ?? "", draft.transactionType ?? "",
                    cell(draft.description), draft.amount.formatted, record.roleText, record.creditText,
                    draft.provenance.citation,
                ]
            })
    }
}
