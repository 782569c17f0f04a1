// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "claimex",
    products: [
        .library(name: "ClaimEx", targets: ["ClaimEx"]),
        .executable(name: "claimex", targets: ["claimex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Patterns", dependencies: ["CPCRE2"]),
        .target(name: "HTMLText", dependencies: ["CLibXML2"]),
        .target(name: "ClaimEx", dependencies: ["Patterns", "HTMLText", "CZlib", "Yams"]),
        .executableTarget(
            name: "claimex",
            dependencies: ["ClaimEx", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The bench's allocation counter: an interposed malloc (C), kept out of the library.
        .target(name: "CAllocCounter"),
        .executableTarget(name: "claimex-bench", dependencies: ["ClaimEx", "HTMLText", "CAllocCounter"], path: "Sources/ClaimExBench"),
        .testTarget(name: "PatternsTests", dependencies: ["Patterns"]),
        .testTarget(name: "HTMLTextTests", dependencies: ["HTMLText"]),
        .testTarget(name: "ClaimExTests", dependencies: ["ClaimEx"], resources: [.copy("Fixtures")]),
        .testTarget(name: "claimexTests", dependencies: ["claimex"]),
    ],
    swiftLanguageModes: [.v6]
)
