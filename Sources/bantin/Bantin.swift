import ArgumentParser
import BantinKit
import Foundation

@main
struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Build a Vietnamese party-building bulletin (bản tin) from Markdown into a static website.",
        version: "bantin 0.2.0",
        subcommands: [Build.self, Check.self, New.self, Watch.self],
        defaultSubcommand: Build.self)

    static func main() {
        do {
            if let title = New.titleReadAsOptions(Array(CommandLine.arguments.dropFirst())) {
                // Read as short options, `-thời sự` holds `h` and would print the help, with success.
                Console.error("Error: the title `\(title)` starts with `-`, so it would be read as options; put it after `--`: bantin new -- \"\(title)\"\nUsage: \(usageString(for: New.self))")
                throw ExitCode.validationFailure
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
