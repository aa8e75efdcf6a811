// swift-tools-version:6.1
import PackageDescription

/// Swift 6 language mode and strict settings for every target of ours, in one place.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "evidence",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "evidence", targets: ["evidence"]),
        .library(name: "EvidenceKit", targets: ["EvidenceKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // PDF text with each character's place on the page (PDFDocument is its one wrapper).
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // zlib's inflate, for `verify` to read a zip's entries within the bounds the zip records.
        .systemLibrary(
            name: "CZlibInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // The guards a phone's SQLite database is opened with (UntrustedDatabase is its one user).
        .systemLibrary(
            name: "CSQLiteGuard",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Tesseract's C API and Leptonica's image reading (OCREngine is their one wrapper).
        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev"])]
        ),
        .target(
            name: "EvidenceKit",
            dependencies: [
                "CLibXML2",
                "CSQLiteGuard",
                "CZlibInflate",
                "CPoppler",
                "CTesseract",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "evidence",
            dependencies: [
                "EvidenceKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings,
            plugins: ["BuildInfoPlugin"]
        ),
        // Writes the git commit of the build for `evidence --version`.
        .plugin(name: "BuildInfoPlugin", capability: .buildTool(), path: "Sources/BuildInfoPlugin"),
        // The fuzz targets' harness (docs/fuzzing.md): `make fuzz` links it to libFuzzer, and the
        // "fuzz findings replay" test runs saved findings through it.
        .target(
            name: "EvidenceFuzz",
            dependencies: ["EvidenceKit"],
            path: "Tests/Fuzz",
            exclude: ["Entry"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EvidenceKitTests",
            dependencies: ["EvidenceKit", "EvidenceFuzz"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EvidenceCLITests",
            dependencies: ["evidence", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
