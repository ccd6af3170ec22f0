// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "kado",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kado", targets: ["kado"]),
        .library(name: "KadoEngine", targets: ["KadoEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries named by the design card.
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),

        // Thin, safe Swift over the C libraries; nothing campaign-specific in them.
        .target(name: "KadoYAML", dependencies: ["CYAML"]),
        .target(name: "KadoPostgres", dependencies: ["CLibPQ"]),
        .target(name: "KadoCurl", dependencies: ["CCurl"]),

        // The engine: config, triggers, channels, templates, evaluator, dispatcher, scheduler.
        .target(
            name: "KadoEngine",
            dependencies: [
                "KadoYAML", "KadoPostgres", "KadoCurl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]),

        .executableTarget(
            name: "kado",
            dependencies: [
                "KadoEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Shared by the test targets: launcher for the fakes in scripts/fakes/ and helpers.
        .target(name: "KadoTestSupport", path: "Tests/KadoTestSupport"),

        .testTarget(name: "KadoYAMLTests", dependencies: ["KadoYAML"]),
        .testTarget(name: "KadoPostgresTests", dependencies: ["KadoPostgres"]),
        .testTarget(name: "KadoCurlTests", dependencies: ["KadoCurl", "KadoTestSupport"]),
        .testTarget(name: "KadoEngineTests", dependencies: ["KadoEngine", "KadoTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
