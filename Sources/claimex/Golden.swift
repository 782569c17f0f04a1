import ArgumentParser
import ClaimEx
import Foundation

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
            out += "CHANGED  \(name): \(changes.count) record(s)\n" + RecordDiff.render(changes)
        }
        print(out, terminator: "")
        if !report.isClean { throw ExitCode(1) }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two claimex outputs record by record: added, removed and changed records by rule and type.",
        discussion: """
            Records are matched by their stable id. Exit 0 when equal, 1 when different (like diff(1)), 2 on error.
            Examples:
              claimex extract --rules old-rules corpus/ > old.jsonl
              claimex extract corpus/ > new.jsonl
              claimex diff old.jsonl new.jsonl
              claimex diff --json old.jsonl new.jsonl | jq .summary
            """)

    @Argument(help: "The output before the change.")
    var old: String

    @Argument(help: "The output after the change.")
    var new: String

    @Flag(help: "Print one JSON object (summary table and changes) instead of the report.")
    var json = false

    func run() throws {
        guard let a = FileManager.default.contents(atPath: old) else { throw Fatal(description: "claimex: cannot read \(old)") }
        guard let b = FileManager.default.contents(atPath: new) else { throw Fatal(description: "claimex: cannot read \(new)") }
        let changes = RecordDiff.compare(old: [UInt8](a), new: [UInt8](b))
        if json {
            FileHandle.standardOutput.write(Data(RecordDiff.json(changes)))
        } else if changes.isEmpty {
            print("no differences")
        } else {
            print("rule                                      type     added  removed  changed")
            for row in RecordDiff.summary(changes) {
                print(row.rule.padding(toLength: 42, withPad: " ", startingAt: 0) + row.type.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + String(format: "%5d  %7d  %7d", row.added, row.removed, row.changed))
            }
            print("")
            print(RecordDiff.render(changes), terminator: "")
        }
        if !changes.isEmpty { throw ExitCode(1) }
    }
}

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check the rules: compile them all, run their examples.",
        subcommands: [Test.self, Lint.self])

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile every rule and report suspicious ones: unread captures, missing content, duplicate or unused lexicon entries.",
            discussion: "Exit 1 on errors; warnings and notes do not fail.\nExample:\n  claimex rules lint --verbose")

        @Option(help: "Rules directory (default: the bundled rules/).")
        var rules: String?

        @Option(help: "Golden cases whose inputs count as the corpus for unused-entry notes.")
        var golden = "golden"

        @Flag(help: "List every note (lexicon entries that occur nowhere) instead of a count per file.")
        var verbose = false

        func run() throws {
            let set = try loadRules(rules)
            let runner = GoldenRunner(rules: set, directory: golden)
            let corpus = ((try? runner.cases()) ?? []).compactMap { c in
                FileManager.default.contents(atPath: c.input).map { String(decoding: $0, as: UTF8.self) }
            }
            let findings = RuleLinter(rules: set).lint(corpus: corpus)
            var notes: [String: Int] = [:]
            for f in findings {
                if f.severity == .note && !verbose { notes[f.file, default: 0] += 1 } else { print(f) }
            }
            for (file, n) in notes.sorted(by: { $0.key < $1.key }) {
                print("\(file): note: \(n) entries occur in no golden input and no rule example (--verbose lists them)")
            }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            print("\(set.allRules.count) rules compiled; \(errors) errors, \(warnings) warnings")
            if errors > 0 { throw ExitCode(1) }
        }
    }

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
