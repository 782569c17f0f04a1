import ArgumentParser
import ClaimEx
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which rules fired on a text, with their spans, and why candidates were dropped.",
        discussion: """
            Examples:
              claimex explain '"We are ready," Maria Lopez said.'
              claimex explain - < article.txt
            """)

    @Argument(help: "The text, or - to read it from standard input.")
    var text: String

    @Option(help: "Rules directory (default: the bundled rules/).")
    var rules: String?

    @Flag(help: "Explain the fast attribution (`extract --fast`): its rules and its model.")
    var fast = false

    func run() throws {
        let input = text == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : text
        do {
            print(try Explainer(rules: try loadRules(rules, attribution: fast ? .fast : .full)).explain(input), terminator: "")
        } catch let error as ArticleError {
            throw Fatal(description: "claimex: \(error)")
        }
    }
}
