import ArgumentParser
import BantinKit
import Foundation

@main
struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Build a Vietnamese party-building bulletin (bản tin) from Markdown into a static website.",
        subcommands: [Build.self, Check.self, New.self, Watch.self],
        defaultSubcommand: Build.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
