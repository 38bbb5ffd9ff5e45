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
            if let refusal = unknownCommand(Array(CommandLine.arguments.dropFirst())) {
                Console.error(refusal)
                throw ExitCode.validationFailure
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// `bantin chek public`: a first word that is no option and names no command would be read as
    /// build's (which takes no word) and refused with build's usage: it is told as a command
    /// bantin does not have, with the nearest one; so is `bantin help chek` (which printed the
    /// help of bantin, with success).
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard var word = arguments.first else { return nil }
        if word == "help" {
            guard arguments.count > 1 else { return nil }
            word = arguments[1]
        }
        let commands = configuration.subcommands.map { $0._commandName }
        guard !word.hasPrefix("-"), !(commands + ["help"]).contains(word) else { return nil }
        let nearest = Suggestion.nearest(to: word, among: commands).map { "; did you mean `\($0)`?" } ?? ""
        return "Error: bantin has no command `\(word)`\(nearest) (its commands: \(commands.joined(separator: ", ")); `bantin help` tells more)"
    }
}
