/// The word that a period ends, as the abbreviation tests need it.
///
/// "U.S." and "Ph.D." reach the period as one run of letters and inner periods; "N°" and
/// "Gülen" carry non-ASCII bytes; a quotation mark, bracket or dash in front is not part of
/// the word. The look-back is bounded: a run longer than `limit` is no abbreviation, so a
/// megabyte without spaces costs the same as a short word.
struct WordBefore {
    static let limit = 32

    /// Offset of the first byte of the word (== `end` when the period follows punctuation).
    var start: Int
    /// Offset of the period.
    var end: Int
    /// Number of period-separated segments ("U.S.A" has 3).
    var segments = 1
    /// Longest and shortest segment, in bytes.
    var longestSegment = 0
    var shortestSegment = Int.max
    /// Every segment is made of ASCII letters only.
    var lettersOnly = true
    /// Start of the last segment.
    var lastSegmentStart: Int
    /// The run went on past `limit`: a long token, never an abbreviation.
    var isLong = false

    init(_ p: UnsafePointer<UInt8>, period i: Int, paragraphStart: Int) {
        end = i
        var k = i - 1
        while k >= paragraphStart {
            if i - k > WordBefore.limit {
                isLong = true
                break
            }
            let b = p[k]
            if b < 0x80 {
                if ByteClass.isAlnum(b) || b == UInt8(ascii: ".") {
                    k -= 1
                    continue
                }
                break
            }
            // Find the lead byte of this UTF-8 sequence.
            var lead = k
            while lead > paragraphStart && p[lead] & 0xC0 == 0x80 && k - lead < 3 { lead -= 1 }
            let l = p[lead]
            let second: UInt8 = lead + 1 < i ? p[lead + 1] : 0
            if l == 0xE2 && (second == 0x80 || second == 0x81) { break }  // General Punctuation
            if l == 0xC2 && second != 0xB0 { break }  // Latin-1 punctuation, except °
            if l == 0xE3 && second == 0x80 { break }  // CJK punctuation
            if l == 0xEF && second == 0xBC { break }  // fullwidth forms
            k = lead - 1
        }
        var s = k + 1
        while s < i && p[s] == UInt8(ascii: ".") { s += 1 }
        start = s
        lastSegmentStart = s
        var segmentStart = s
        var j = s
        while j <= i {
            if j == i || p[j] == UInt8(ascii: ".") {
                let length = j - segmentStart
                if length > longestSegment { longestSegment = length }
                if length < shortestSegment { shortestSegment = length }
                if j < i {
                    segments += 1
                    segmentStart = j + 1
                    lastSegmentStart = j + 1
                }
            } else if !ByteClass.isASCIILetter(p[j]) {
                lettersOnly = false
            }
            j += 1
        }
    }

    var isEmpty: Bool { start >= end }
    var length: Int { end - start }

    /// Initialisms written with periods: "U.S", "Ph.D", "a.m", "e.g", "J.C".
    var isInitialism: Bool {
        !isLong && segments >= 2 && lettersOnly && shortestSegment >= 1 && longestSegment <= 3
            && !(shortestSegment >= 3)
    }

    func endsWithDigit(_ p: UnsafePointer<UInt8>) -> Bool {
        !isEmpty && ByteClass.isDigit(p[end - 1])
    }
}
