// libFuzzer harness: the sentence splitter. The input is split into paragraphs at newlines
// (as the cleaners hand them over) and the splitter's invariants are checked.
@testable import ClaimEx

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    // Valid UTF-8, as the cleaners guarantee.
    let text = Array(String(decoding: FuzzSupport.bytes(data, size), as: UTF8.self).utf8)
    var paragraphs: [Range<Int>] = []
    var start = 0
    for (i, b) in text.enumerated() where b == 0x0A {
        if i > start { paragraphs.append(start..<i) }
        start = i + 1
    }
    if start < text.count { paragraphs.append(start..<text.count) }
    let splitter = SentenceSplitter(lexicon: FuzzSupport.rules.sentences)
    let sentences = text.withUnsafeBufferPointer { splitter.split($0, paragraphs: paragraphs) }
    var last = 0
    for s in sentences {
        precondition(s.range.lowerBound >= last && s.range.upperBound <= text.count && !s.range.isEmpty,
                     "sentence \(s.range) out of order or bounds")
        last = s.range.upperBound
    }
    return 0
}
