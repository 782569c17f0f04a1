import Foundation
import Testing
@testable import ClaimEx

/// Runs hostile inputs through the real batch job (readers, pipeline, writer with error
/// records) and checks the accounting every run must keep, whatever the bytes.
enum Hostile {
    static let directory = Fixtures.root + "/Tests/Fixtures/hostile"

    /// The committed small files of the corpus (made by `Tests/Fixtures/hostile/generate.sh`).
    static let committed: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".sh") && !$0.hasSuffix(".md") }.sorted()
    }()

    /// A fresh directory for generated inputs; removed by the caller.
    static func temporaryDirectory() -> String {
        let dir = NSTemporaryDirectory() + "claimex-hostile-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ bytes: [UInt8], to path: String) {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
    }

    struct Run {
        var output: [UInt8]
        var records: [[String: Any]]
        var summary: RunSummary
        var warnings: [String]
        var seconds: Double

        func records(ofType type: String) -> [[String: Any]] { records.filter { $0["type"] as? String == type } }
        var errorCodes: [String] { records(ofType: "error").compactMap { $0["code"] as? String } }
    }

    /// Runs `claimex extract --error-records --jobs N` over `paths` and checks that every
    /// article read is accounted for (read = ok + failed, one error record a failure) and
    /// that every output line is a JSON object with a type.
    static func run(
        _ paths: [String], mode: BatchJob.Mode = .extract, jobs: Int = 1, input: InputOptions = InputOptions(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        var job = BatchJob(mode: mode, rules: Fixtures.rules)
        job.jobs = jobs
        job.errorRecords = true
        job.input = input
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outPath = dir + "/out.jsonl"
        let sink = try OutputSink(path: outPath, force: true)
        var warnings: [String] = []
        let start = Date()
        let summary = try job.run(paths: paths, output: sink) { warnings.append($0) }
        try sink.finish()
        let seconds = Date().timeIntervalSince(start)
        let output = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
        var records: [[String: Any]] = []
        for line in output.split(separator: 0x0A) {
            let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
            #expect(object?["type"] is String, "not a JSON record: \(String(decoding: line.prefix(200), as: UTF8.self))",
                    sourceLocation: sourceLocation)
            if let object { records.append(object) }
        }
        let run = Run(output: output, records: records, summary: summary, warnings: warnings, seconds: seconds)
        #expect(summary.read == summary.ok + summary.failed, sourceLocation: sourceLocation)
        #expect(run.records(ofType: "error").count == summary.failed, sourceLocation: sourceLocation)
        return run
    }
}
