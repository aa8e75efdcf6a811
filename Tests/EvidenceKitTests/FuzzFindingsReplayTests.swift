import EvidenceFuzz
import Foundation
import Testing

/// Every input a fuzzer found (Tests/Fixtures/fuzz/<target>/<name>) goes back through the same
/// entry point the fuzz target calls: rejected or read, it must come back, not crash.
@Suite("fuzz findings replay")
struct FuzzFindingsReplayTests {
    @Test("fuzz findings replay", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let folder = fixture("fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            let input = try Data(contentsOf: folder.appendingPathComponent(name))
            let clock = ContinuousClock()
            let elapsed = clock.measure { target.run(Array(input)) }
            #expect(elapsed < .seconds(10), "\(target.rawValue)/\(name) took \(elapsed)")
        }
        // A target whose folder is empty still runs its entry point once, on nothing.
        if names.isEmpty { target.run([]) }
    }
}
