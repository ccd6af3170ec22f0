// swift-tools-version: 6.0
// The SMTP dialogue tracking benchmark (see README.md): KadoCurl, through symlinks to
// the main package's sources, built once as is and once without the debug callback.
import PackageDescription

let package = Package(
    name: "smtp-dialogue-bench",
    targets: [
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl"),
        .target(name: "KadoCurl", dependencies: ["CCurl"]),
        .executableTarget(name: "smtp-dialogue-bench", dependencies: ["KadoCurl"]),
    ],
    swiftLanguageModes: [.v6]
)
