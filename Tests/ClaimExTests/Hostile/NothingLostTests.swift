import Foundation
import Testing
@testable import ClaimEx

/// Nothing lost: random mixes of good and bad inputs give byte-identical output for one and
/// two jobs, and every article read is either ok or failed (with one error record).
@Suite struct NothingLostTests {
    enum Kind: CaseIterable {
        case goodText, goodHTML, randomBytes, jsonl, missing, tooLarge, empty, invalidUTF8
    }

    /// Writes `count` random inputs; returns their paths and how many articles they hold.
    static func makeInputs(seed: UInt64, count: Int, in dir: String) -> (paths: [String], articles: Int) {
        var rng = SplitMix64(seed: seed)
        var paths: [String] = []
        var articles = 0
        for i in 0..<count {
            let kind = Kind.allCases[Int(rng.next() % UInt64(Kind.allCases.count))]
            let name = String(format: "%03d", i)
            let n = Int(rng.next() % 1000)
            let sentence = "\u{201C}Item \(n) is fine,\u{201D} Maria Lopez said. Prices rose \(n % 50)% last year."
            switch kind {
            case .goodText:
                Hostile.write(Array((sentence + "\n\n" + sentence).utf8), to: "\(dir)/\(name).txt")
                articles += 1
            case .goodHTML:
                Hostile.write(Array("<html><body><article><p>\(sentence)</p><p>\(sentence)</p></article></body></html>".utf8),
                              to: "\(dir)/\(name).html")
                articles += 1
            case .randomBytes:
                Hostile.write((0..<Int(rng.next() % 4096)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, to: "\(dir)/\(name).html")
                articles += 1
            case .jsonl:
                let lines = Int(rng.next() % 6)
                var body = ""
                for j in 0..<lines {
                    switch rng.next() % 4 {
                    case 0: body += "{\"id\":\"\(name)-\(j)\",\"text\":\"Officials said \(j) bridges were closed.\"}\n"
                    case 1: body += "{\"id\":\"\(name)-\(j)\",\"text\":\(j)}\n"
                    case 2: body += "not json \(j)\n"
                    default: body += "{\"id\":\"\(name)-\(j)\"}\n"
                    }
                }
                Hostile.write(Array(body.utf8), to: "\(dir)/\(name).jsonl")
                articles += lines
            case .missing:
                paths.append("\(dir)/\(name)-missing.txt")
                articles += 1
                continue
            case .tooLarge:
                Hostile.write(Array(repeating: UInt8(ascii: "z"), count: 5_000), to: "\(dir)/\(name).txt")
                articles += 1
            case .empty:
                Hostile.write([], to: "\(dir)/\(name).txt")
                articles += 1
            case .invalidUTF8:
                Hostile.write(Array(sentence.utf8) + [0xFF, 0xC0, 0x80, 0xED, 0xA0, 0x80] + Array(sentence.utf8), to: "\(dir)/\(name).txt")
                articles += 1
            }
            paths.append(dir + "/" + (try! FileManager.default.contentsOfDirectory(atPath: dir).first { $0.hasPrefix(name) })!)
        }
        return (paths, articles)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func oneAndTwoJobsAgreeAndEveryArticleIsAccountedFor(_ seed: UInt64) throws {
        let dir = Hostile.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (paths, articles) = NothingLostTests.makeInputs(seed: seed, count: 60, in: dir)
        var options = InputOptions()
        options.maxBytes = 4_096
        let one = try Hostile.run(paths, jobs: 1, input: options)
        let two = try Hostile.run(paths, jobs: 2, input: options)
        #expect(one.output == two.output)
        #expect(one.summary == two.summary)
        #expect(one.summary.read == articles)
        #expect(one.summary.read == one.summary.ok + one.summary.failed)
        #expect(one.summary.failed > 0 && one.summary.ok > 0)
        // Passing the directory instead of the file list reads the same articles.
        let whole = try Hostile.run([dir], jobs: 2, input: options)
        #expect(whole.summary.read == articles - paths.filter { $0.hasSuffix("-missing.txt") }.count)
    }
}
