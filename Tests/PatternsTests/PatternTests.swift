import Testing
@testable import Patterns

@Suite struct PatternTests {
    let scratch = MatchScratch()

    @Test func namedGroupsReportByteRanges() throws {
        let p = try Pattern(#"(?<speaker>\p{Lu}\w+) (?<cue>said)"#)
        let text = "Então Guler said so."
        let m = try #require(try p.matches(in: text, scratch: scratch).first)
        let bytes = Array(text.utf8)
        let index = try #require(p.groupIndex("speaker"))
        let speaker = try #require(m.range(group: index))
        #expect(String(decoding: bytes[speaker], as: UTF8.self) == "Guler")
        // "Então " is 7 bytes but 6 characters: ranges are bytes.
        #expect(speaker == 7..<12)
        #expect(p.groupNames.map(\.name) == ["speaker", "cue"])
    }

    @Test func unicodePropertiesAreOn() throws {
        let p = try Pattern(#"\b\w+\b"#)
        let words = try p.matches(in: "Gümrükçü İstanbul", scratch: scratch)
        #expect(words.count == 2)
    }

    @Test func compileErrorCarriesMessageAndOffset() {
        #expect {
            _ = try Pattern("abc(def")
        } throws: { error in
            guard case .compile(let message, let offset) = error as? PatternError else { return false }
            return message.contains("missing closing parenthesis") && offset == 7
        }
    }

    /// A valid pattern past PCRE2's size limit is its own error: a caller may write it smaller.
    @Test func aPatternTooLargeIsToldApart() {
        #expect {
            _ = try Pattern("(?:ab|cd){20000}")
        } throws: { error in
            guard case .tooLarge = error as? PatternError else { return false }
            return (error as? PatternError)?.id == "pattern.too-large"
        }
    }

    @Test func everyMatchIsVisitedAndEmptyMatchesAdvance() throws {
        let p = try Pattern("x*")
        let found = try p.matches(in: "axxé", scratch: scratch)
        // Empty at 0, "xx" at 1..<3, empty at 3 (before é) and at the end.
        #expect(found.map(\.range) == [0..<0, 1..<3, 3..<3, 5..<5])
    }

    @Test func rangeBoundsTheMatch() throws {
        let p = try Pattern("said")
        var text = "he said, she said"
        var ranges: [Range<Int>] = []
        try text.withUTF8 { buf in
            try p.forEachMatch(in: buf, range: 0..<10, scratch: scratch) { m in
                ranges.append(m.range)
                return true
            }
        }
        #expect(ranges == [3..<7])
    }

    /// `latestStart` bounds where a match starts, not where it ends; the scratch is free for
    /// other patterns afterwards.
    @Test func latestStartBoundsWhereMatchesStart() throws {
        let p = try Pattern("s?he said|said", acceptsLatestStart: true)
        var text = "said it, he said, she said"
        func starts(_ latest: Int?, range: Range<Int>? = nil) throws -> [Int] {
            var found: [Int] = []
            try text.withUTF8 { buf in
                try p.forEachMatch(in: buf, range: range, latestStart: latest, scratch: scratch) { m in
                    found.append(m.range.lowerBound)
                    return true
                }
            }
            return found
        }
        #expect(try starts(nil) == [0, 9, 18])
        #expect(try starts(9) == [0, 9])
        #expect(try starts(8) == [0])
        #expect(try starts(17) == [0, 9])
        #expect(try starts(3, range: 5..<text.utf8.count).isEmpty)
        #expect(try Pattern("she").matches(in: text, scratch: scratch).count == 1)
    }

    @Test func scratchGrowsForPatternsWithManyGroups() throws {
        let small = MatchScratch(groups: 1)
        let p = try Pattern(String(repeating: "(a)", count: 40))
        let m = try #require(try p.matches(in: String(repeating: "a", count: 40), scratch: small).first)
        #expect(m.range(group: 40) == 39..<40)
    }

    @Test func catastrophicBacktrackingHitsALimit() throws {
        let p = try Pattern("(a+)+$")
        let input = String(repeating: "a", count: 100_000) + "!"
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: PatternError.self) {
            _ = try p.matches(in: input, scratch: scratch)
        }
        // Not a timing test: a hang would never return at all; this only guards the order of magnitude.
        #expect(clock.now - start < .seconds(30))
    }

    @Test func limitErrorsHaveStableIDs() throws {
        let p = try Pattern("(a+)+$")
        do {
            _ = try p.matches(in: String(repeating: "a", count: 5_000) + "!", scratch: scratch)
            Issue.record("expected a limit error")
        } catch let error as PatternError {
            #expect(error.id.hasPrefix("pattern.limit."))
        }
    }
}
