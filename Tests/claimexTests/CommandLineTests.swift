import Foundation
import Testing

/// Runs the built `claimex` binary as a user would.
struct CLI {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("package root not found")
    }()

    /// The executable sits beside the test bundle in the build products directory.
    static let binary: String = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("claimex").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return root + "/.build/debug/claimex"
    }()

    static func run(_ args: [String], stdin: String? = nil) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: root)
        var env = ProcessInfo.processInfo.environment
        env["CLAIMEX_RULES"] = root + "/rules"
        p.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

@Suite struct CommandLineTests {
    @Test func extractOnTheSampleGivesQuoteRecords() throws {
        let r = try CLI.run(["extract", "golden/seed-article/seed-article.txt"])
        #expect(r.status == 0)
        let records = r.out.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(records.count == r.out.split(separator: "\n").count, "stdout must be JSON only")
        #expect(records.contains { $0["type"] as? String == "quote" })
        #expect(records.allSatisfy { $0["article_id"] as? String == "seed-article" })
        #expect(r.err.contains("1 read, 1 ok, 0 failed"))
    }

    @Test func stdinIsRead() throws {
        let r = try CLI.run(["extract", "-"], stdin: "\"We are ready,\" Maria Lopez said.\n")
        #expect(r.status == 0)
        #expect(r.out.contains(#""speaker":{"name":"Maria Lopez""#))
    }

    @Test func aFailedArticleExitsOneAndTheRunGoesOn() throws {
        let r = try CLI.run(["clean", "/nonexistent/file.txt", "golden/seed-article/seed-article.txt"])
        #expect(r.status == 1)
        #expect(r.out.contains(#""type":"document""#))
        #expect(r.err.contains("input.not-found"))
        #expect(r.err.contains("2 read, 1 ok, 1 failed"))
    }

    @Test func errorRecordsGoToStdoutWhenAskedFor() throws {
        let r = try CLI.run(["clean", "--error-records", "/nonexistent/file.txt"])
        #expect(r.status == 1)
        #expect(r.out.contains(#""type":"error""#))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["extract", "--jobs", "0"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
        #expect(try CLI.run(["extract", "--rules", "/nonexistent"]).status == 2)
    }

    @Test func helpShowsExamples() throws {
        for sub in ["extract", "clean", "sentences", "classify"] {
            let r = try CLI.run([sub, "--help"])
            #expect(r.status == 0)
            #expect(r.out.contains("claimex \(sub)"), "\(sub) --help has no example")
        }
    }

    @Test func classifyWritesOneVerdictALine() throws {
        let input = #"{"id":"s1","sentence":"Prices rose 4% in May."}"# + "\n" + #"{"id":"s2","sentence":"Hello."}"# + "\n"
        let r = try CLI.run(["classify", "--text-key", "sentence", "-"], stdin: input)
        #expect(r.status == 0)
        let lines = r.out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""id":"s1","claim_types":["quantity","temporal"],"is_claim":true"#) == true)
    }

    /// `train-claims --dump-features` writes one line of feature names a sentence, in input
    /// order, and trains nothing (the bundled model is untouched).
    @Test func trainClaimsDumpsTheFeaturesItWouldTrainOn() throws {
        let dir = NSTemporaryDirectory() + "claimex-dump-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/train.jsonl", dump = dir + "/features.jsonl", model = dir + "/model.tsv"
        try Data((#"{"sentence":"We cut taxes by 4%.","labels":["claim"]}"# + "\n"
                  + #"{"sentence":"Thank you!","labels":["not_a_claim"]}"# + "\n").utf8).write(to: URL(fileURLWithPath: input))
        let r = try CLI.run(["train-claims", input, "--dump-features", dump, "--output", model])
        #expect(r.status == 0, "\(r.err)")
        #expect(!FileManager.default.fileExists(atPath: model))
        let lines = try String(contentsOfFile: dump, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: [String]]
        let names = Set(first?["names"] ?? [])
        #expect(names.isSuperset(of: ["w:taxes", "b:cut taxes", "f:we", "f:digits", "t:quantity"]))
        #expect(lines[1].contains("f:excl"))
    }

    @Test func outputIsWrittenAtomicallyAndNotOverwritten() throws {
        let path = NSTemporaryDirectory() + "claimex-out-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CLI.run(["extract", "-o", path, "golden/seed-article/seed-article.txt"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try CLI.run(["extract", "-o", path, "golden/seed-article/seed-article.txt"]).status == 2)
        #expect(try CLI.run(["extract", "-o", path, "--force", "golden/seed-article/seed-article.txt"]).status == 0)
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let dir = NSTemporaryDirectory() + "claimex-jobs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for i in 0..<40 {
            let text = "\"Article \(i) matters,\" Maria Lopez said.\nThe city has \(i * 1000 + 1234) residents."
            try text.write(toFile: dir + "/a\(String(format: "%03d", i)).txt", atomically: true, encoding: .utf8)
        }
        let one = try CLI.run(["extract", "--jobs", "1", dir])
        let two = try CLI.run(["extract", "--jobs", "2", dir])
        #expect(one.out == two.out)
        #expect(!one.out.isEmpty)
    }

    @Test func diffExitsOneOnDifferencesAndZeroWhenEqual() throws {
        let dir = NSTemporaryDirectory() + "claimex-diff-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = #"{"type":"quote","id":"x:q0-5","rule":"r1","kind":"direct"}"# + "\n"
        let b = #"{"type":"quote","id":"x:q0-5","rule":"r1","kind":"mixed"}"# + "\n"
        try a.write(toFile: dir + "/a.jsonl", atomically: true, encoding: .utf8)
        try b.write(toFile: dir + "/b.jsonl", atomically: true, encoding: .utf8)
        #expect(try CLI.run(["diff", dir + "/a.jsonl", dir + "/a.jsonl"]).status == 0)
        let r = try CLI.run(["diff", dir + "/a.jsonl", dir + "/b.jsonl"])
        #expect(r.status == 1)
        #expect(r.out.contains(#"kind: "direct" → "mixed""#))
        let j = try CLI.run(["diff", "--json", dir + "/a.jsonl", dir + "/b.jsonl"])
        #expect(j.out.hasPrefix(#"{"equal":false"#))
        #expect(try CLI.run(["diff", dir + "/a.jsonl", dir + "/missing.jsonl"]).status == 2)
    }

    @Test func rulesLintAndTestPassOnTheBundledRules() throws {
        let lint = try CLI.run(["rules", "lint"])
        #expect(lint.status == 0, "\(lint.out)")
        #expect(lint.out.contains("0 errors"))
        let test = try CLI.run(["rules", "test"])
        #expect(test.status == 0, "\(test.out)")
    }

    @Test func explainShowsCandidatesAndWhyTheyLost() throws {
        let r = try CLI.run(["explain", #""We are ready," Maria Lopez said."#])
        #expect(r.status == 0)
        #expect(r.out.contains("kept  direct.quote-speaker-cue"))
        #expect(r.out.contains("drop"))
    }

    static let warc = "Tests/ClaimExTests/Fixtures/warc/"

    @Test func warcInputGivesRecordsWithWARCProvenanceAndOneErrorAFailure() throws {
        let r = try CLI.run(["extract", "--error-records", "--progress", "never", CommandLineTests.warc + "news.warc.gz", CommandLineTests.warc + "truncated.warc.gz"])
        #expect(r.status == 1)
        let records = r.out.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == r.out.split(separator: "\n").count, "stdout must be JSON only")
        #expect(records.filter { $0["type"] as? String == "error" }.map { $0["code"] as? String } ==
                ["input.undecodable", "input.undecodable", "input.truncated-gzip"])
        let quote = try #require(records.first { $0["type"] as? String == "quote" })
        #expect(quote["warc_record_id"] as? String == "urn:uuid:00000000-0000-4000-8000-000000000003")
        #expect(quote["warc_offset"] as? Int == 541)
        #expect(quote["url"] as? String == "https://news.example/port")
        #expect(r.err.contains("11 read, 8 ok, 3 failed"))
        #expect(r.err.contains("9 skipped"))
    }

    @Test func warcFromStandardInputIsSniffed() throws {
        // Binary bytes (gzip bodies, windows-1252) go in as they are, through a shell redirect.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "'\(CLI.binary)' inputs --progress never - < '\(CLI.root)/\(CommandLineTests.warc)news.warc.gz'"]
        p.environment = ["CLAIMEX_RULES": CLI.root + "/rules"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 1)
        #expect(text.split(separator: "\n").count == 4)
        #expect(text.contains(#""input":"-","line":null,"warc_record_id":"urn:uuid:00000000-0000-4000-8000-000000000003","warc_offset":541"#))
    }

    @Test func failFastStopsAndToleranceKeepsExitZero() throws {
        let input = #"{"id":"a","text":"\"Yes,\" Maria Lopez said."}"# + "\nnot json\n" + #"{"id":"b","text":"No."}"# + "\n"
        let fast = try CLI.run(["extract", "--fail-fast", "--format", "jsonl", "-"], stdin: input)
        #expect(fast.status == 1)
        #expect(fast.err.contains("2 read, 1 ok, 1 failed"))
        let tolerant = try CLI.run(["extract", "--tolerate-failures", "--error-records", "--format", "jsonl", "-"], stdin: input)
        #expect(tolerant.status == 0)
        #expect(tolerant.out.contains(#""code":"input.invalid-json""#))
        #expect(tolerant.err.contains("3 read, 2 ok, 1 failed"))
    }

    @Test func anInterruptedRunLeavesNoTemporaryFile() throws {
        let out = NSTemporaryDirectory() + "claimex-sigint-\(UUID().uuidString).jsonl"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = ["extract", "--format", "jsonl", "-o", out, "-"]
        p.environment = ["CLAIMEX_RULES": CLI.root + "/rules"]
        let input = Pipe()
        p.standardInput = input
        p.standardError = FileHandle.nullDevice
        try p.run()
        // One article in, the input left open: the run waits for more.
        input.fileHandleForWriting.write(Data(#"{"id":"a","text":"\"Yes,\" Maria Lopez said."}"#.utf8 + [0x0A]))
        let temporary = out + ".claimex-tmp-\(p.processIdentifier)"
        var waited = 0
        while !FileManager.default.fileExists(atPath: temporary), waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(FileManager.default.fileExists(atPath: temporary))
        p.interrupt()
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func minConfidenceDropsTheBroadRules() throws {
        let text = "Christie endorsed Trump on Friday. Maria Lopez said the budget would pass."
        let all = try CLI.run(["extract", "-"], stdin: text)
        #expect(all.out.contains(#""rule":"indirect.action-object""#))
        let speech = try CLI.run(["extract", "--min-confidence", "0.6", "-"], stdin: text)
        #expect(speech.status == 0)
        #expect(!speech.out.contains(#""rule":"indirect.action-object""#))
        #expect(speech.out.contains(#""name":"Maria Lopez""#))
        let bad = try CLI.run(["extract", "--min-confidence", "2", "-"], stdin: text)
        #expect(bad.status == 2)
    }

    @Test func groupArticleWritesOneLineAnArticle() throws {
        let r = try CLI.run(["extract", "--group", "article", "golden/seed-article/seed-article.txt"])
        #expect(r.status == 0)
        #expect(r.out.split(separator: "\n").count == 1)
        #expect(r.out.hasPrefix(#"{"type":"article","article_id":"seed-article","quotes":[{"type":"quote""#))
    }

    @Test func progressGoesToStderrOnlyWhenAskedOrATerminal() throws {
        let never = try CLI.run(["inputs", "--progress", "auto", "golden/seed-article/seed-article.txt"])
        #expect(!never.err.contains("\r"))
        #expect(never.out.hasPrefix(#"{"type":"input""#))
        let always = try CLI.run(["inputs", "--progress", "always", "-"], stdin: String(repeating: #"{"text":"x"}"# + "\n", count: 100))
        #expect(always.err.contains("articles,"), "\(always.err.prefix(300))")
        #expect(always.out.split(separator: "\n").count == 100)
    }

    @Test func aRuleThatHitsItsMatchLimitIsAWarningRecordNamingTheRule() throws {
        let r = try CLI.run(["extract", "--match-limit", "1", "--error-records", "-"],
                            stdin: "\"We are ready,\" Maria Lopez said on Monday.\n")
        #expect(r.status == 0)
        let warnings = r.out.split(separator: "\n").filter { $0.contains(#""type":"warning""#) }
        #expect(!warnings.isEmpty)
        #expect(warnings.allSatisfy { $0.contains(#""article_id":"stdin""#) && $0.contains(#""rule":""#) && $0.contains("pattern.limit") })
    }
}
