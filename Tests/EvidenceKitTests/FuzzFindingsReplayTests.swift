import EvidenceFuzz
import Foundation
import Testing

/// Every input a fuzzer found (Tests/Fixtures/fuzz/<target>/<name>) goes back through the same
/// entry point the fuzz target calls: rejected or read, it must come back, not crash.
///
/// A finding not fixed yet is saved as `<name>.open` and only listed here as a known issue (it
/// would crash or hang the test run); whoever fixes it drops the `.open`, and it is replayed.
@Suite("fuzz findings replay")
struct FuzzFindingsReplayTests {
    @Test("fuzz findings replay", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let folder = fixture("fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            if name.hasSuffix(".open") {
                withKnownIssue {
                    Issue.record("open fuzz finding \(target.rawValue)/\(name): not replayed until fixed (docs/fuzzing.md)")
                }
                continue
            }
            let input = try Data(contentsOf: folder.appendingPathComponent(name))
            let elapsed = ContinuousClock().measure { target.run(Array(input)) }
            #expect(elapsed < .seconds(10), "\(target.rawValue)/\(name) took \(elapsed)")
        }
        // A target with no saved finding still runs its entry point once, on nothing.
        if names.isEmpty { target.run([]) }
    }
}
