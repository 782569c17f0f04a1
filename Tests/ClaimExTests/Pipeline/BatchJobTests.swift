import Foundation
import Testing
@testable import ClaimEx

/// The whole job over real inputs: WARC, gzip JSON Lines, bad lines.
@Suite struct BatchJobTests {
    static let inputs: [String] = {
        let dir = TempFiles.path("-batch")
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var lines = ""
        for i in 0..<150 {
            lines += i % 11 == 5 ? "{not json\n" : #"{"id":"n\#(i)","text":"\"Line \#(i) counts,\" Maria Lopez said. Prices rose \#(i) percent.","url":"https://x.test/\#(i)"}"# + "\n"
        }
        try! Data(try! TempFiles.gzip(Array(lines.utf8), members: 4)).write(to: URL(fileURLWithPath: dir + "/a.jsonl.gz"))
        return [dir + "/a.jsonl.gz", TempFiles.warcDirectory + "/news.warc.gz", TempFiles.warcDirectory + "/truncated.warc.gz"]
    }()

    final class Collect: @unchecked Sendable {
        var lines: [String] = []
    }

    func run(jobs: Int, configure: (inout BatchJob) -> Void = { _ in }) throws -> (out: [UInt8], summary: RunSummary, diagnostics: [String]) {
        var job = BatchJob(mode: .extract, rules: Fixtures.rules)
        job.jobs = jobs
        job.errorRecords = true
        configure(&job)
        let path = TempFiles.path(".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sink = try OutputSink(path: path, force: false)
        let diagnostics = Collect()
        let summary = try job.run(paths: BatchJobTests.inputs, output: sink, diagnostics: { diagnostics.lines.append($0) })
        try sink.finish()
        return (Array(FileManager.default.contents(atPath: path)!), summary, diagnostics.lines)
    }

    @Test func outputIsByteIdenticalForEveryJobCountAndEveryArticleIsCounted() throws {
        let one = try run(jobs: 1)
        #expect(one.summary.read == one.summary.ok + one.summary.failed)
        // 150 lines (14 bad), 5 WARC articles (1 bad) twice, plus the truncated member.
        #expect(one.summary.read == 150 + 5 + 5 + 1)
        #expect(one.summary.failed == 14 + 1 + 2)
        #expect(one.summary.skipped == 5 + 4)
        let errors = String(decoding: one.out, as: UTF8.self).split(separator: "\n").filter { $0.contains(#""type":"error""#) }
        #expect(errors.count == one.summary.failed)
        for jobs in [2, 3] {
            let many = try run(jobs: jobs)
            #expect(many.out == one.out, "jobs \(jobs)")
            #expect(many.summary == one.summary)
        }
    }

    @Test func failFastStopsAtTheFirstFailure() throws {
        let r = try run(jobs: 2) { $0.failFast = true }
        #expect(r.summary.stoppedEarly)
        #expect(r.summary.failed == 1)
        #expect(r.summary.read == 6)  // line 6 is the first bad one
        #expect(r.summary.read == r.summary.ok + r.summary.failed)
    }

    @Test func groupByArticleWritesOneLineAnArticle() throws {
        let r = try run(jobs: 2) { $0.groupByArticle = true }
        let lines = String(decoding: r.out, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == r.summary.read)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["type"] as? String == "article")
        #expect((first["quotes"] as? [[String: Any]])?.first?["speaker"] != nil)
        #expect((first["quotes"] as? [[String: Any]])?.first?["input"] == nil, "provenance once, on the article")
        #expect(first["input"] as? String == BatchJobTests.inputs[0])
    }
    @Test func aHugeArticleIsWrittenSegmentBySegmentTheSameForEveryJobCount() throws {
        let dir = TempFiles.path("-segments")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(PipelineTests.text.utf8).write(to: URL(fileURLWithPath: dir + "/a-long.txt"))
        try Data("“Short and whole,” Ana Ruiz said.\n".utf8).write(to: URL(fileURLWithPath: dir + "/b-short.txt"))
        func run(jobs: Int, segmentBytes: Int) throws -> (out: [UInt8], summary: RunSummary) {
            var job = BatchJob(mode: .extract, rules: Fixtures.rules)
            job.jobs = jobs
            job.segmentBytes = segmentBytes
            let path = TempFiles.path(".jsonl")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let sink = try OutputSink(path: path, force: false)
            let summary = try job.run(paths: [dir], output: sink, diagnostics: { _ in })
            try sink.finish()
            return (Array(FileManager.default.contents(atPath: path)!), summary)
        }
        let whole = try run(jobs: 1, segmentBytes: Pipeline.segmentBytes)
        let cut = try run(jobs: 1, segmentBytes: 300)
        #expect(cut.summary == whole.summary)
        #expect(cut.summary.read == 2 && cut.summary.quotes > 10)
        let lines = { (out: [UInt8]) in String(decoding: out, as: UTF8.self).split(separator: "\n").sorted() }
        #expect(lines(cut.out) == lines(whole.out))
        // In input order: every record of the long article, then the short one's.
        let ids = String(decoding: cut.out, as: UTF8.self).split(separator: "\n").map { $0.contains(#""article_id":"b-short""#) }
        #expect(ids.last == true && ids.filter { $0 }.count == 1)
        for jobs in [2, 3] {
            let many = try run(jobs: jobs, segmentBytes: 300)
            #expect(many.out == cut.out, "jobs \(jobs)")
            #expect(many.summary == cut.summary)
        }
    }
}
