import Testing
@testable import ClaimEx

@Suite struct ClaimCuesTests {
    /// The `f:` cue names a text gives (word n-grams and the length bucket left out).
    static func cues(_ sentence: String) -> Set<String> {
        var text = sentence
        return text.withUTF8 { buf in
            var features = ClaimFeatures(namesWanted: true)
            features.addWords(buf, ranges: [0..<buf.count])
            return Set(features.names.filter { $0.hasPrefix("f:") && !$0.hasPrefix("f:len") && !$0.hasPrefix("f:cap") })
        }
    }

    @Test(arguments: [
        ("I will cut taxes for working families.", ["f:first", "f:starts-i", "f:promise", "f:modal", "f:ing1"],
         ["f:we", "f:ed1", "f:noend", "f:ent1"]),
        // "going" is too short to count as an -ing word.
        ("We are going to win, and we need to.", ["f:we", "f:we2", "f:promise", "f:modal"],
         ["f:first", "f:starts-i", "f:ing1"]),
        ("Unemployment doubled and prices jumped in Ohio.", ["f:ed2", "f:ent1"],
         ["f:first", "f:promise", "f:modal", "f:neg"]),
        ("Don't you think so?", ["f:neg", "f:you", "f:hedge", "f:noend"], ["f:starts-you", "f:promise"]),
        ("You didn't, and you never will.", ["f:you", "f:you2", "f:starts-you", "f:neg", "f:neg2", "f:modal"],
         ["f:promise"]),
        ("Let's move on!", ["f:lets", "f:excl", "f:noend"], ["f:promise"]),
        ("Let me be clear: two million jobs.", ["f:lets", "f:first", "f:numw", "f:numw2"], ["f:starts-i"]),
        ("Let them pay half.", ["f:numw"], ["f:numw2", "f:lets"]),
        ("He said “no,” and left, then came back, then left again.", ["f:quote", "f:commas", "f:neg"], ["f:excl"]),
        ("Red king, only.", [], ["f:ed1", "f:ing1", "f:ly", "f:commas", "f:ent1"]),
        ("Yesterday I met Barack Obama and Joe Biden.", ["f:ent2", "f:first"], ["f:starts-i", "f:ent1", "f:ent3"]),
        ("Crime fell sharply, quickly and steadily in 2019.", ["f:ly"], ["f:ed1", "f:noend"]),
    ])
    func sentencesGiveTheirCues(_ sentence: String, _ present: [String], _ absent: [String]) {
        let found = ClaimCuesTests.cues(sentence)
        for cue in present { #expect(found.contains(cue), "\(cue) missing from \(found.sorted())") }
        for cue in absent { #expect(!found.contains(cue), "\(cue) unexpected in \(found.sorted())") }
    }

    /// The word classes are looked up by hash: every listed word is found, a word not
    /// listed is not.
    @Test func wordClassesAreFoundByHash() {
        for (wordClass, words) in ClaimCues.WordClass.lists {
            for word in words {
                #expect(ClaimCues.WordClass.of(ClaimFeatures.tokenHash(word.utf8)).contains(wordClass), "\(word)")
            }
        }
        #expect(ClaimCues.WordClass.of(ClaimFeatures.tokenHash("troops".utf8)).isEmpty)
    }
}
