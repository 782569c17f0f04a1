import Foundation
import Testing
@testable import ClaimEx

/// A document over the segment size is analysed a segment at a time: tested with a small
/// injected segment size rather than a huge input.
@Suite struct PipelineTests {
    /// One paragraph a line (plain text); quotes and claims in every paragraph, none of them
    /// leaning on another paragraph, and non-ASCII text so that code-point spans and byte
    /// offsets differ.
    static let text: String = (0..<24).map { i in
        i % 3 == 1
            ? "Prices in Zürich rose \(i) percent last year — the most since 2008, the bank’s report shows."
            : "“The plan number \(i) will work,” María López said on Tuesday."
    }.joined(separator: "\n")

    static let article = Article(id: "seg", format: .text, body: Array(text.utf8), provenance: Provenance(input: "test"))
    static let pipeline = Pipeline(rules: Fixtures.rules)

    /// The segments `run(_:in:segmentBytes:each:)` hands on.
    func segments(_ bytes: Int) throws -> [(document: Document, origin: SegmentOrigin, isLast: Bool)] {
        var out: [(Document, SegmentOrigin, Bool)] = []
        try PipelineTests.pipeline.run(PipelineTests.article, in: Workspace(), segmentBytes: bytes) { out.append(($0, $1, $2)) }
        return out
    }

    func extract(segmentBytes: Int) -> [String] {
        var job = BatchJob(mode: .extract, rules: Fixtures.rules)
        job.segmentBytes = segmentBytes
        let outcome = job.processor()(PipelineTests.article, Workspace())
        return String(decoding: outcome.output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aDocumentWithinTheSegmentSizeIsOneSegmentTheSameAsTheWholeRun() throws {
        let whole = try PipelineTests.pipeline.run(PipelineTests.article, in: Workspace())
        let parts = try segments(whole.text.utf8.count)
        #expect(parts.count == 1)
        let only = try #require(parts.first)
        #expect(only.origin == .start && only.isLast)
        #expect(only.document.text == whole.text)
        #expect(only.document.quotes == whole.quotes)
        #expect(only.document.claims == whole.claims)
        #expect(only.document.sentences == whole.sentences)
        #expect(extract(segmentBytes: whole.text.utf8.count) == extract(segmentBytes: Pipeline.segmentBytes))
    }

    @Test func segmentsAreWholeParagraphsPlacedWhereTheyLieInTheWholeText() throws {
        let whole = try PipelineTests.pipeline.run(PipelineTests.article, in: Workspace())
        let parts = try segments(300)
        #expect(parts.count > 3)
        #expect(parts.map(\.isLast) == Array(repeating: false, count: parts.count - 1) + [true])
        #expect(parts.map(\.document.text).joined(separator: "\n\n") == whole.text)
        let bytes = Array(whole.text.utf8)
        var sentences = 0
        var paragraphs = 0
        for (document, origin, _) in parts {
            #expect(document.text.utf8.count <= 300)
            #expect(Array(bytes[origin.bytes..<origin.bytes + document.text.utf8.count]) == Array(document.text.utf8))
            #expect(origin.scalars == String(decoding: bytes[..<origin.bytes], as: UTF8.self).unicodeScalars.count)
            #expect(origin.sentences == sentences && origin.paragraphs == paragraphs)
            sentences += document.sentences.count
            paragraphs += document.paragraphs.count
        }
        #expect(sentences == whole.sentences.count && paragraphs == whole.paragraphs.count)
    }

    @Test func segmentedRecordsAreTheWholeDocumentsSegmentBySegment() throws {
        let whole = extract(segmentBytes: Pipeline.segmentBytes)
        let cut = extract(segmentBytes: 300)
        #expect(whole.count > 20)
        // Nothing here leans on another paragraph, so the records are the same ones, with
        // the same ids and spans into the whole text; only their order is a segment's quotes
        // then its claims instead of all quotes, then all claims.
        #expect(cut.sorted() == whole.sorted())
        #expect(cut != whole)

        let parts = try segments(300)
        let text = Array(try PipelineTests.pipeline.run(PipelineTests.article, in: Workspace()).text.unicodeScalars)
        let sentences = try Fixtures.document(PipelineTests.text, depth: .sentences).sentences
        var expected: [String] = []
        for (document, origin, _) in parts {
            var json = JSONBuffer()
            RecordEncoder.extract(document, origin: origin, into: &json)
            expected += String(decoding: json.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(cut == expected)
        let scalarsStarts = parts.map(\.origin.scalars)
        var lastSegment = 0
        for line in cut {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let span = try #require(record["span"] as? [Int])
            // The span is the record's text in the whole document.
            if record["type"] as? String == "claim" {
                #expect(String(String.UnicodeScalarView(text[span[0]..<span[1]])) == record["text"] as? String)
            }
            #expect((record["id"] as? String) == "seg:\(record["type"] as? String == "quote" ? "q" : "c")\(span[0])-\(span[1])")
            // Its sentence is a sentence of the whole document that holds it.
            let ids = try #require(record["sentence_ids"] as? [Int])
            let first = try #require(ids.first)
            let sentence = sentences[first].range
            let startByte = String(String.UnicodeScalarView(text[..<span[0]])).utf8.count
            #expect(sentence.lowerBound <= startByte && startByte < sentence.upperBound)
            // Records come segment by segment.
            let segment = scalarsStarts.lastIndex { $0 <= span[0] }!
            #expect(segment >= lastSegment)
            lastSegment = segment
        }
    }
}
