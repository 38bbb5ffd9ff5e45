// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "bantin",
    // No `platforms:` line: bantin builds and runs on Linux only. BantinKit calls Glibc by name
    // (`Glibc.link`, `Glibc.open`), reads `stat.st_mtim`/`st_ctim` and `/proc/self/exe`.
    products: [
        .executable(name: "bantin", targets: ["bantin"]),
        .library(name: "BantinKit", targets: ["BantinKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        .target(
            name: "BantinKit",
            dependencies: [
                "CCmarkGFM",
                "CVips",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "bantin",
            dependencies: [
                "BantinKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BantinKitTests",
            dependencies: ["BantinKit"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
