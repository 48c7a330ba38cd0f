// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bedrockctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bedrockctl", targets: ["bedrockctl"]),
        // The core modules, for the fuzzing package in Fuzz/ (and anyone embedding bedrockctl).
        .library(name: "BedrockctlCore", targets: ["YAML", "Manifest", "SigV4", "AWSClient", "BedrockEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "YAML", dependencies: ["CLibYAML"]),
        .target(name: "BedrockConstraints", resources: [.embedInCode("Data/catalog.json")]),
        .target(name: "Manifest", dependencies: ["YAML", "BedrockConstraints"]),
        .target(name: "SigV4", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "AWSClient",
            dependencies: [
                "SigV4", "BedrockConstraints",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Reconciler",
            dependencies: [
                "Manifest", "YAML", "AWSClient", "BedrockConstraints",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "PlanRendering", dependencies: ["Reconciler", "AWSClient", "Manifest", "BedrockConstraints"]),
        .target(
            name: "BedrockEmulator",
            dependencies: [
                "SigV4", "AWSClient", "BedrockConstraints",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Data/price-list.about.json"],
            resources: [.embedInCode("Data/price-list.json")]
        ),
        .target(
            name: "CLI",
            dependencies: [
                "Manifest", "YAML", "AWSClient", "BedrockConstraints", "BedrockEmulator", "Reconciler", "PlanRendering",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "bedrockctl", dependencies: ["CLI"]),
        .executableTarget(name: "BedrockctlBench", dependencies: ["YAML", "Manifest"]),
        .executableTarget(
            name: "ReconcileBench", dependencies: ["Reconciler", "BedrockEmulator", "AWSClient", "Manifest", "YAML"]),
        .target(name: "TestSupport", dependencies: ["AWSClient"], path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "BedrockConstraintsTests", dependencies: ["BedrockConstraints", "TestSupport"]),
        .testTarget(name: "ManifestTests", dependencies: ["Manifest", "YAML", "BedrockConstraints"]),
        .testTarget(name: "SigV4Tests", dependencies: ["SigV4"], exclude: ["Fixtures"]),
        .testTarget(
            name: "AWSClientTests", dependencies: ["AWSClient", "SigV4", "TestSupport"],
            exclude: ["Fixtures", "Interop"]),
        .testTarget(
            name: "BedrockEmulatorTests",
            dependencies: ["BedrockEmulator", "AWSClient", "SigV4", "BedrockConstraints", "TestSupport"],
            exclude: ["Interop"]),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: [
                "Reconciler", "PlanRendering", "BedrockConstraints", "Manifest", "BedrockEmulator", "AWSClient",
                "TestSupport",
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "CLITests", dependencies: ["CLI", "Manifest", "YAML", "AWSClient", "Reconciler", "TestSupport"],
            exclude: ["Golden"]),
    ]
)

// CI builds with BEDROCKCTL_WARNINGS_AS_ERRORS=1: a warning in the project's own code (sources and
// tests, not the dependencies') fails the build.
if Context.environment["BEDROCKCTL_WARNINGS_AS_ERRORS"] == "1" {
    for target in package.targets where target.type != .system {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
    }
}
