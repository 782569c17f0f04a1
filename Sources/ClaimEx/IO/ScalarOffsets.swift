/// Converts UTF-8 byte offsets of the document text into Unicode scalar (code point)
/// offsets, the unit of every span in the output (Python's `text[start:end]`).
///
/// Counts once, keeping a checkpoint every 256 bytes, so each conversion costs at most
/// 256 byte steps whatever the document's length, and none in a block whose every byte starts
/// a scalar (all ASCII, as most news text is). `base` is added to every result: the scalars
/// before the text when it is one segment of a larger document (`SegmentOrigin`).
struct ScalarOffsets {
    // SAFETY: a borrowed view of the document text; a ScalarOffsets is only ever made and used
    // inside `Document.withUTF8`'s closure, so it never outlives the buffer.
    private let buf: UnsafeBufferPointer<UInt8>
    /// Scalars before each block; one more entry than there are whole blocks.
    private var checkpoints: [Int] = []
    private let base: Int
    private static let stride = 256

    init(_ buf: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.buf = buf
        self.base = base
        checkpoints.reserveCapacity(buf.count / ScalarOffsets.stride + 2)
        var scalars = 0
        var start = 0
        while start < buf.count {
            checkpoints.append(scalars)
            let end = min(start + ScalarOffsets.stride, buf.count)
            scalars += ScalarOffsets.count(in: buf, start..<end)
            start = end
        }
        checkpoints.append(scalars)
    }

    func scalar(_ byte: Int) -> Int {
        let block = byte / ScalarOffsets.stride
        let blockStart = block * ScalarOffsets.stride
        var n = checkpoints[block]
        // A whole block of as many scalars as bytes: every byte in it starts one.
        if block + 1 < checkpoints.count, blockStart + ScalarOffsets.stride <= buf.count,
           checkpoints[block + 1] - n == ScalarOffsets.stride {
            return base + n + (byte - blockStart)
        }
        var i = blockStart
        while i < byte {
            if buf[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return base + n
    }

    func span(_ r: Range<Int>) -> (Int, Int) { (scalar(r.lowerBound), scalar(r.upperBound)) }

    /// Unicode scalars in `range` of valid UTF-8: each has exactly one byte that is not a
    /// continuation byte (10xxxxxx).
    static func count(in buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var n = 0
        for i in range where buf[i] & 0xC0 != 0x80 { n += 1 }
        return n
    }
}
