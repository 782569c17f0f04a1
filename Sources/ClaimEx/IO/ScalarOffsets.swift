/// Converts UTF-8 byte offsets of the document text into Unicode scalar (code point)
/// offsets, the unit of every span in the output (Python's `text[start:end]`).
///
/// Counts once, keeping a checkpoint every 256 bytes, so each conversion costs at most
/// 256 byte steps whatever the document's length. `base` is added to every result: the
/// scalars before the text when it is one segment of a larger document (`SegmentOrigin`).
struct ScalarOffsets {
    // SAFETY: a borrowed view of the document text; a ScalarOffsets is only ever made and used
    // inside `Document.withUTF8`'s closure, so it never outlives the buffer.
    private let buf: UnsafeBufferPointer<UInt8>
    private var checkpoints: [Int] = []
    private let base: Int
    private static let stride = 256

    init(_ buf: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.buf = buf
        self.base = base
        checkpoints.reserveCapacity(buf.count / ScalarOffsets.stride + 1)
        var scalars = 0
        for i in 0..<buf.count {
            if i % ScalarOffsets.stride == 0 { checkpoints.append(scalars) }
            if buf[i] & 0xC0 != 0x80 { scalars += 1 }
        }
        if buf.count % ScalarOffsets.stride == 0 { checkpoints.append(scalars) }
    }

    func scalar(_ byte: Int) -> Int {
        let block = byte / ScalarOffsets.stride
        var n = checkpoints[block]
        var i = block * ScalarOffsets.stride
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
