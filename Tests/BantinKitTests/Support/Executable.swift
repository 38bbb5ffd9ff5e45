import Foundation
import Testing

@testable import BantinKit

/// The `bantin` executable built beside the test bundle, run as editors and CI run it.
enum Bantin {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("bantin")
    }

    /// True when the tests run as root, who reads and writes whatever the permissions say.
    static var isRoot: Bool { geteuid() == 0 }

    /// A process running `bantin arguments` in `folder`; as the user `nobody` when `asNobody` and
    /// running as root (so that permissions apply to it), through `setpriv`.
    static func process(_ arguments: [String], in folder: URL, asNobody: Bool = false) -> Process {
        let process = Process()
        if asNobody && isRoot {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        return process
    }

    /// Runs `bantin arguments` in `folder` to the end under `strace`, whose `faults` make system
    /// calls fail as a failing disk makes them (`-P path -e inject=getdents64:error=EIO`: each
    /// listing of that folder fails with an I/O error).
    static func run(_ arguments: [String], in folder: URL, faults: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        process.arguments = ["-f", "-qq", "-o", "/dev/null"] + faults + [executable.path] + arguments
        process.currentDirectoryURL = folder
        return try finish(process)
    }

    /// Runs `bantin arguments` in `folder` to the end.
    static func run(_ arguments: [String], in folder: URL, asNobody: Bool = false) throws -> Run {
        let process = process(arguments, in: folder, asNobody: asNobody)
        return try finish(process)
    }

    /// Starts `process` with its output captured, and waits for it.
    static func finish(_ process: Process) throws -> Run {
        try start(process).finish()
    }

    /// Starts `process` with its output captured; `finish()` waits for it.
    static func start(_ process: Process) throws -> Started {
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Started(process: process, out: out, err: err)
    }

    /// A process started with its output captured.
    struct Started {
        let process: Process
        let out: Pipe
        let err: Pipe

        /// Waits for the process to end, draining both pipes at once so that a process filling
        /// one never blocks on it.
        func finish() -> Run {
            let stderr = Background { err.fileHandleForReading.readDataToEndOfFile() }
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr.value, as: UTF8.self))
        }
    }
}

extension TestSite {
    /// Adds `count` articles (dated a day apart, citing a few directives and themes, with bodies
    /// of a few paragraphs) under `content/articles/sinh/`: a site large enough for a build to take a while.
    func addArticles(_ count: Int, from first: Int = 0, tag: String = "") throws {
        let codes = ["01-KL/TW", "05-CT/TW", "21-KL/TW", "35-NQ/TW"]
        for n in first..<(first + count) {
            let day = 86_400 * n
            let date = Date(timeIntervalSince1970: 1_672_531_200 + TimeInterval(day))
            let stamp = ISO8601DateFormatter().string(from: date)
            let extra = "summary: \"Tóm tắt bài \(n)\(tag)\"\ndirectives: [\"\(codes[n % 4])\"]\nthemes: [\(n % 3 == 0 ? "" : "2023")]\ncategory: \"Mục \(n % 5)\"\n"
            let body = (0..<4).map { "Đoạn \($0) của bài \(n): chi bộ học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh." }.joined(separator: "\n\n")
            try write("content/articles/sinh/bai-\(n).md", article(title: "Bài số \(n)\(tag)", date: stamp, extra: extra, body: body))
        }
    }

    /// Makes the whole site folder writable by everyone (for a build run as `nobody`).
    func openToEveryone() throws {
        for url in [root] + (FileManager.default.subpaths(atPath: root.path) ?? []).map({ root.appendingPathComponent($0) }) {
            chmod(url.path, Directory.linkStatus(url.path).map { Directory.isDirectory($0) } == true ? 0o777 : 0o666)
        }
    }

    /// True when no symbolic link is in the output, and no file there is linked to anything outside it.
    func outputHoldsOnlyFilesAndFolders() -> Bool {
        let output = self.output.path
        for relative in FileManager.default.subpaths(atPath: output) ?? [] {
            guard let info = Directory.linkStatus(output + "/" + relative) else { return false }
            let kind = info.st_mode & S_IFMT
            if kind != S_IFREG && kind != S_IFDIR { return false }
        }
        return true
    }
}
