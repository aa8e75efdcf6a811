// The libFuzzer entry of `make fuzz`: not part of any SwiftPM target (Package.swift excludes
// this folder), because `swift build` cannot link an executable whose `main` is libFuzzer's.
// The Makefile builds the EvidenceFuzz target with coverage and AddressSanitizer into
// .build-fuzz, then links this file against its objects with `swiftc -sanitize=fuzzer,address`.
// FUZZ_TARGET (an environment variable) names the target: a `FuzzTarget` raw value.
import EvidenceFuzz
import Foundation

let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("FUZZ_TARGET=\(name) is not one of \(known)")
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    target.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
