// swift-tools-version:5.4
// libFuzzer targets for bedrockctl's parsers and request handling. Built apart from the main
// package, with every Swift module instrumented; scripts/fuzz.sh builds and runs them:
//
//   swift build -c release --package-path Fuzz --scratch-path .build-fuzz \
//       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//
// Each target is one file defining `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
//
// Tools 5.4 on purpose (as swift-protobuf's FuzzTesting keeps 5.3): from 5.5 on, SwiftPM links
// an executable with `--defsym main=<Target>_main` and renames the entry point to match, and a
// module built with -parse-as-library has no entry point, so the link fails. The targets are
// therefore compiled in the Swift 5 language mode.
import PackageDescription

let core = Target.Dependency.product(name: "BedrockctlCore", package: "bedrockctl")

let package = Package(
    name: "BedrockctlFuzz",
    platforms: [.macOS("14.0")],
    dependencies: [
        .package(name: "bedrockctl", path: "..")
    ],
    targets: [
        .target(name: "FuzzCommon", dependencies: [core]),
        .executableTarget(name: "FuzzManifest", dependencies: ["FuzzCommon", core]),
        .executableTarget(name: "FuzzEventStream", dependencies: ["FuzzCommon", core]),
        .executableTarget(name: "FuzzSigV4Verifier", dependencies: ["FuzzCommon", core]),
        .executableTarget(name: "FuzzEmulatorRequest", dependencies: ["FuzzCommon", core]),
    ]
)
