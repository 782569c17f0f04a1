import Foundation
import Testing
@testable import ClaimEx

/// A fixed list of input items, some of them failures.
struct ListSource: ArticleSource {
    var items: [ReadItem]
    mutating func next() -> ReadItem? { items.isEmpty ? nil : items.removeFirst() }
}

@Suite struct RunnerTests {
    static func items(_ n: Int) -> [ReadItem] {
        (0..<n).map { i in
            if i % 7 == 3 {
                return .failure(ArticleError(code: "input.invalid-json", message: "bad", provenance: Provenance(input: "t", line: i + 1)))
            }
            let text = "\"Item \(i) is fine,\" Maria Lopez said. It cost \(i * 3) dollars."
            return .success(Article(id: "a\(i)", format: .text, body: Array(text.utf8), provenance: Provenance(input: "t", line: i + 1)))
        }
    }

    func run(jobs: Int, batch: Int, batchBytes: Int = 16 << 20) throws -> ([UInt8], RunSummary) {
        var source = ListSource(items: RunnerTests.items(100))
        let process = BatchJob(mode: .extract, rules: Fixtures.rules).processor()
        var out: [UInt8] = []
        let summary = try Runner(jobs: jobs, batchSize: batch, batchBytes: batchBytes).run(&source, process: process) { outcome in
            out += outcome.output
            if let e = outcome.error { out += Array("error \(e.provenance?.line ?? 0)\n".utf8) }
        }
        return (out, summary)
    }

    @Test func outputIsIdenticalForAnyNumberOfJobs() throws {
        let (one, s1) = try run(jobs: 1, batch: 10)
        for (jobs, batch) in [(2, 7), (4, 64), (3, 1)] {
            let (many, s) = try run(jobs: jobs, batch: batch)
            #expect(many == one, "jobs \(jobs), batch \(batch)")
            #expect(s == s1)
        }
        #expect(!one.isEmpty)
    }

    @Test func everyItemIsAccountedFor() throws {
        let (_, summary) = try run(jobs: 2, batch: 16)
        #expect(summary.read == 100)
        #expect(summary.read == summary.ok + summary.failed)
        #expect(summary.failed == (0..<100).filter { $0 % 7 == 3 }.count)
        #expect(summary.quotes == summary.ok)
    }

    @Test func batchesBoundedByBytesGiveTheSameOutput() throws {
        let (one, s1) = try run(jobs: 1, batch: 10)
        for bytes in [1, 100, 1000] {
            let (many, s) = try run(jobs: 2, batch: 64, batchBytes: bytes)
            #expect(many == one, "batchBytes \(bytes)")
            #expect(s == s1)
        }
    }

    final class Counter: @unchecked Sendable {
        var read = 0
    }

    struct CountingSource: ArticleSource {
        var inner: ListSource
        let counter: Counter
        mutating func next() -> ReadItem? {
            let item = inner.next()
            if item != nil { counter.read += 1 }
            return item
        }
    }

    @Test func readingStaysWithinTheWindowAndStopsWhenTheSinkSaysSo() throws {
        let counter = Counter()
        var source = CountingSource(inner: ListSource(items: RunnerTests.items(100)), counter: counter)
        let process = BatchJob(mode: .extract, rules: Fixtures.rules).processor()
        var written = 0
        var worstLead = 0
        let summary = try Runner(jobs: 2, batchSize: 5).run(&source, process: process) { _ in
            worstLead = max(worstLead, counter.read - written)
            written += 1
            if written == 40 { throw StopRun() }
        }
        #expect(worstLead <= 5)
        #expect(summary.read == 40 && summary.stoppedEarly)
        #expect(counter.read <= 40 + 5)
    }
    /// Hands on `n % 4` early parts of item `an`, then its last outcome.
    static func inParts(_ article: Article, _ workspace: Workspace, _ emit: (Outcome) -> Void) -> Outcome {
        let n = Int(article.id.dropFirst())!
        for p in 0..<n % 4 { emit(Outcome(output: Array("\(article.id) part \(p)\n".utf8), quotes: 1, continues: true)) }
        return Outcome(output: Array("\(article.id) last\n".utf8), quotes: 1)
    }

    @Test func earlyPartsAreWrittenInInputOrderForAnyNumberOfJobs() throws {
        func run(jobs: Int, partBytes: Int) throws -> ([UInt8], RunSummary, Int) {
            var source = ListSource(items: RunnerTests.items(60))
            var out: [UInt8] = []
            var calls = 0
            let summary = try Runner(jobs: jobs, batchSize: 8, partBytes: partBytes).run(&source, process: RunnerTests.inParts) { outcome in
                calls += 1
                out += outcome.output
                if let e = outcome.error { out += Array("error \(e.provenance?.line ?? 0)\n".utf8) }
            }
            return (out, summary, calls)
        }
        let (one, s1, calls) = try run(jobs: 1, partBytes: 1 << 20)
        let ok = (0..<60).filter { $0 % 7 != 3 }
        #expect(s1.read == 60 && s1.ok == ok.count && s1.read == s1.ok + s1.failed)
        #expect(s1.quotes == ok.reduce(0) { $0 + $1 % 4 + 1 })
        #expect(calls == 60 + ok.reduce(0) { $0 + $1 % 4 })
        #expect(String(decoding: one, as: UTF8.self).hasPrefix("a0 last\na1 part 0\na1 last\na2 part 0\na2 part 1\na2 last\n"))
        // partBytes 1: a worker holding a later item waits for its turn after its first part.
        for (jobs, partBytes) in [(2, 1), (3, 1), (4, 1 << 20)] {
            let (many, s, _) = try run(jobs: jobs, partBytes: partBytes)
            #expect(many == one, "jobs \(jobs), partBytes \(partBytes)")
            #expect(s == s1)
        }
    }

    /// Items whose `url` is the address of their body's buffer, as the reader made it.
    static func addressedItems(_ n: Int) -> [ReadItem] {
        (0..<n).map { i in
            let body = [UInt8](repeating: UInt8(ascii: "x"), count: 1000 + i)
            let address = body.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
            return .success(Article(id: "a\(i)", format: .text, body: body, provenance: Provenance(input: "t"), url: "\(address)"))
        }
    }

    /// The processor is handed the only copy of an article, so that what it frees (cleanup
    /// takes the body) is freed: writing to a body that someone else still holds would copy
    /// it to a new buffer, and the address would change.
    @Test func theProcessorHoldsTheOnlyCopyOfItsArticle() throws {
        let process: @Sendable (consuming Article, Workspace) -> Outcome = { given, _ in
            var article = consume given
            let address = article.body.withUnsafeMutableBufferPointer { Int(bitPattern: $0.baseAddress) }
            let verdict = "\(address)" == article.url ? "only" : "shared"
            return Outcome(output: Array("\(article.id) \(verdict)\n".utf8))
        }
        for jobs in [1, 2, 3] {
            var source = ListSource(items: RunnerTests.addressedItems(50))
            var out = ""
            _ = try Runner(jobs: jobs, batchSize: 8).run(&source, process: process) { out += String(decoding: $0.output, as: UTF8.self) }
            #expect(out == (0..<50).map { "a\($0) only\n" }.joined(), "jobs \(jobs)")
        }
    }
}
