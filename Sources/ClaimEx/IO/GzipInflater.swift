import CZlib

/// One zlib inflate stream, for gzip files, gzip members of a `.warc.gz`, and HTTP bodies
/// sent with `Content-Encoding: gzip` or `deflate`.
///
/// A class because the `z_stream` must not move while zlib holds pointers into it: it lives
/// in memory allocated here and freed in `deinit`, and never leaves this type.
final class GzipInflater: @unchecked Sendable {
    // SAFETY: the z_stream is only touched through the methods of this class, and one
    // inflater is used by one reader on one thread at a time; @unchecked Sendable only lets
    // a reader that owns it be handed to another thread between uses.
    private let stream: UnsafeMutablePointer<z_stream>

    /// What one call to `inflate` did.
    struct Step {
        /// Input bytes consumed.
        var consumed: Int
        /// Output bytes appended.
        var produced: Int
        /// True when a gzip member (or zlib stream) ended inside this step; the stream has
        /// been reset and is ready for the next member.
        var memberEnded: Bool
    }

    /// Why inflating failed: the data is not gzip, or it is corrupt.
    struct Failure: Error {
        var message: String
    }

    /// `windowBits` 15 + 32 reads gzip or zlib headers (automatic); -15 reads raw deflate.
    init(windowBits: Int32 = 15 + 32) throws(Failure) {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        // SAFETY: zeroing the freshly allocated struct is what zlib asks for before init
        // (zalloc/zfree/opaque = Z_NULL select its default allocator).
        stream.initialize(to: z_stream())
        let rc = cx_inflate_init2(stream, windowBits)
        if rc != Z_OK {
            stream.deallocate()
            throw Failure(message: "zlib inflateInit2 failed (\(rc))")
        }
    }

    deinit {
        // SAFETY: the stream was initialised in init; inflateEnd frees zlib's own state,
        // then we free the struct we allocated.
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Starts over, for a new, unrelated stream (another file or HTTP body).
    func reset() {
        // SAFETY: the stream is initialised; inflateReset keeps its allocations.
        inflateReset(stream)
    }

    /// Inflates from `input` and appends to `output` until the input is used up, the output
    /// grew by `maxOutput` bytes, or a member ended (so that the caller can note where the
    /// next member starts: the byte offset Common Crawl's index points at).
    func inflate(_ input: UnsafeRawBufferPointer, into output: inout [UInt8], maxOutput: Int = 1 << 18) throws(Failure) -> Step {
        let before = output.count
        output.reserveCapacity(before + maxOutput)
        var step = Step(consumed: 0, produced: 0, memberEnded: false)
        guard input.count > 0 else { return step }
        let chunk = min(maxOutput, 1 << 16)
        var rc: Int32 = Z_OK
        while step.produced < maxOutput && step.consumed < input.count {
            let start = output.count
            output.append(contentsOf: repeatElement(0, count: chunk))
            // SAFETY: next_in points into `input`, valid for this call; avail_in and
            // avail_out are byte counts within the two buffers. zlib keeps no pointer past
            // the call that matters: both are set again before every call.
            let (used, made, code) = output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self) + step.consumed)
                stream.pointee.avail_in = UInt32(input.count - step.consumed)
                stream.pointee.next_out = out.baseAddress! + start
                stream.pointee.avail_out = UInt32(chunk)
                let code = CZlib.inflate(stream, Z_NO_FLUSH)
                let used = (input.count - step.consumed) - Int(stream.pointee.avail_in)
                let made = chunk - Int(stream.pointee.avail_out)
                stream.pointee.next_in = nil
                stream.pointee.next_out = nil
                return (used, made, code)
            }
            output.removeLast(chunk - made)
            step.consumed += used
            step.produced += made
            rc = code
            if rc == Z_STREAM_END {
                step.memberEnded = true
                reset()
                return step
            }
            if rc == Z_BUF_ERROR && used == 0 && made == 0 { break }
            if rc != Z_OK { throw Failure(message: message(rc)) }
        }
        return step
    }

    private func message(_ rc: Int32) -> String {
        // SAFETY: msg, when set, points at a static string inside zlib.
        if let msg = stream.pointee.msg { return "gzip data is corrupt: " + String(cString: msg) }
        return "gzip data is corrupt (zlib error \(rc))"
    }

    /// Inflates a whole in-memory body (an HTTP body with Content-Encoding gzip or deflate;
    /// several concatenated gzip members are read in turn).
    static func inflateAll(_ data: [UInt8], maxOutput: Int) throws(Failure) -> [UInt8] {
        let deflateRaw = !(data.count >= 2 && data[0] == 0x1F && data[1] == 0x8B) && !(data.count >= 2 && data[0] & 0x0F == 8 && (UInt16(data[0]) << 8 | UInt16(data[1])) % 31 == 0)
        let inflater = try GzipInflater(windowBits: deflateRaw ? -15 : 15 + 32)
        var out: [UInt8] = []
        var offset = 0
        var ended = false
        while offset < data.count {
            let from = offset
            // SAFETY: `data` is only read, during this call; see `inflate` for next_in.
            let step = try data.withUnsafeBytes { raw in
                Result { () throws(Failure) in try inflater.inflate(UnsafeRawBufferPointer(rebasing: raw[from...]), into: &out) }
            }.get()
            offset += step.consumed
            if out.count > maxOutput { throw Failure(message: "the decompressed body is over \(maxOutput) bytes") }
            if step.memberEnded {
                ended = true
                // Trailing zero padding after the last member is allowed.
                if data[offset...].allSatisfy({ $0 == 0 }) { break }
            } else {
                ended = false
                if step.consumed == 0 && step.produced == 0 { break }
            }
        }
        if !ended { throw Failure(message: "the gzip data is truncated") }
        return out
    }
}
