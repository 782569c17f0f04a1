import ArgumentParser
import ClaimEx

struct Golden: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the golden cases and show what changed, grouped by rule.",
        discussion: """
            Exit 1 when any case differs. --update rewrites the expected files (the only way they change).
            Examples:
              claimex golden
              claimex golden --update && git diff golden/
            """)

    @Option(help: "Directory of golden cases.")
    var dir = "golden"

    @Option(help: "Rules directory (default: the bundled rules/).")
    var rules: String?

    @Flag(help: "Rewrite every expected.jsonl from the current rules.")
    var update = false

    func run() throws {
        let runner = GoldenRunner(rules: try loadRules(rules), directory: dir)
        let report: GoldenRunner.Report
        do {
            report = try runner.run(update: update)
        } catch {
            throw Fatal(description: "claimex: \(error)")
        }
        var out = ""
        for (name, changes) in report.cases {
            if update { out += "updated  \(name)\n"; continue }
            if changes.isEmpty { out += "ok       \(name)\n"; continue }
            out += "CHANGED  \(name): \(changes.count) record(s)\n"
            let byRule = Dictionary(grouping: changes) { change -> String in
                switch change {
                case .added(_, let rule, let type, _), .removed(_, let rule, let type, _), .changed(_, let rule, let type, _):
                    "\(type) \(rule)"
                }
            }
            for key in byRule.keys.sorted() {
                out += "  \(key)\n"
                for change in byRule[key]! {
                    switch change {
                    case .added(let id, _, _, let line): out += "    + \(id)\n      \(line)\n"
                    case .removed(let id, _, _, let line): out += "    - \(id)\n      \(line)\n"
                    case .changed(let id, _, _, let fields): out += "    ~ \(id): \(fields.joined(separator: ", "))\n"
                    }
                }
            }
        }
        print(out, terminator: "")
        if !report.isClean { throw ExitCode(1) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check the rules: compile them all, run their examples.",
        subcommands: [Test.self])

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples and counter-examples.",
            discussion: "Example:\n  claimex rules test --rules my-rules/")

        @Option(help: "Rules directory (default: the bundled rules/).")
        var rules: String?

        func run() throws {
            let set = try loadRules(rules)
            let (failures, count) = RuleTester().test(set.allRules)
            for failure in failures { print(failure) }
            print("\(count - failures.count) passed, \(failures.count) failed")
            if !failures.isEmpty { throw ExitCode(1) }
        }
    }
}
