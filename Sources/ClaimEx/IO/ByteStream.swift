import Glibc

/// The bytes of one input (a file or standard input), gunzipped on the fly when they start
/// with the gzip magic, read in large chunks with `read(2)` into one reusable buffer.
///
/// Readers look at `window` (the bytes not yet consumed), `consume` what they used and call
/// `fill` for more, so memory stays at a few chunks whatever the input's size. For gzip
/// input it remembers where each member began (compressed offset), which is what a `.warc.gz`
/// record's provenance and Common Crawl's index offsets are.
final class ByteStream {
    /// Why an input could not be read to its end.
    enum Failure: Error, Equatable {
        case unreadable(String)
        case corruptGzip(String)
        case truncatedGzip
    }

    private let fd: Int32
    private let ownsFD: Bool
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var rawEOF = false
    private var inflater: GzipInflater?
    /// True once we know whether the input is gzip (after the first read).
    private var sniffed = false
    private var memberOpen = false

    /// Decompressed (or plain) bytes; `start` is the first not yet consumed.
    private(set) var buffer: [UInt8] = []
    private(set) var start = 0
    /// Absolute position (in the decompressed stream) of `buffer[0]`.
    private var bufferBase = 0
    private(set) var eof = false
    /// Bytes read from the file so far (compressed bytes for gzip): progress and MB/s.
    private(set) var bytesRead = 0
    /// Start of each gzip member not yet consumed: (decompressed position, compressed offset).
    private var members: [(position: Int, offset: Int)] = []
    private var membersHead = 0
    private let chunk: Int
    /// A regular file's size (0 when unknown): a plain file read whole (an HTML or text
    /// article) then grows its buffer once, to that size, rather than by doubling, which
    /// would leave up to twice the page's size allocated for as long as the article lives.
    private let fileSize: Int
    /// Set by the WARC reader, which asks for member offsets; others leave it off so that
    /// a many-member gzip (bgzip) does not pile up offsets nobody reads.
    var tracksMembers = false

    var isGzip: Bool { inflater != nil }

    /// Opens `path`, or standard input for `-`.
    ///
    /// A regular file smaller than `chunk` is read with a chunk of its own size (plus one
    /// byte, so the first read gets it all): each read zero-fills its chunk first, and a
    /// directory of 200 KB pages would otherwise clear and fault in a fresh megabyte a page.
    init(path: String, chunk: Int = 1 << 20) throws(Failure) {
        if path == "-" {
            fd = 0
            ownsFD = false
        } else {
            let f = open(path, O_RDONLY | O_CLOEXEC)
            guard f >= 0 else { throw .unreadable(String(cString: strerror(errno))) }
            fd = f
            ownsFD = true
        }
        var info = stat()
        let regular = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_size >= 0
        fileSize = regular ? Int(info.st_size) : 0
        if regular, Int(info.st_size) < chunk {
            self.chunk = max(Int(info.st_size) + 1, 4096)
        } else {
            self.chunk = chunk
        }
    }

    deinit {
        if ownsFD { close(fd) }
    }

    /// The unconsumed bytes.
    var window: ArraySlice<UInt8> { buffer[start...] }

    /// The absolute stream position of the first unconsumed byte.
    var position: Int { bufferBase + start }

    func consume(_ n: Int) {
        precondition(n <= buffer.count - start)
        start += n
    }

    /// Where the record starting at the current position begins in the file: the gzip
    /// member holding it for gzip input, else the byte position.
    func recordOffset() -> Int {
        guard isGzip else { return position }
        let p = position
        while membersHead + 1 < members.count, members[membersHead + 1].position <= p { membersHead += 1 }
        if membersHead > 1024 {
            members.removeFirst(membersHead)
            membersHead = 0
        }
        return membersHead < members.count && members[membersHead].position <= p ? members[membersHead].offset : 0
    }

    /// Reads more bytes into the window. Returns false at the end of the input.
    @discardableResult
    func fill() throws(Failure) -> Bool {
        if eof { return false }
        // Drop what was consumed once it is most of the buffer, so appends stay cheap.
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            bufferBase += start
            start = 0
        }
        while true {
            if rawStart >= raw.count {
                if rawEOF { return try finish() }
                try readRaw()
                continue
            }
            if !sniffed {
                if raw.count - rawStart < 2 && !rawEOF { try readRaw(); continue }
                sniffed = true
                if raw.count - rawStart >= 2, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B {
                    do { inflater = try GzipInflater() } catch { throw .corruptGzip(error.message) }
                }
            }
            guard let inflater else {
                let wanted = buffer.count + raw.count - rawStart
                if wanted > buffer.capacity, wanted <= fileSize { buffer.reserveCapacity(fileSize - bufferBase) }
                buffer.append(contentsOf: raw[rawStart...])
                rawStart = raw.count
                return true
            }
            if !memberOpen {
                // Bytes after a member end that are not another member are padding or junk.
                if raw.count - rawStart < 2 && !rawEOF { try readRaw(); continue }
                guard raw.count - rawStart >= 2, raw[rawStart] == 0x1F, raw[rawStart + 1] == 0x8B else {
                    if raw[rawStart...].allSatisfy({ $0 == 0 }) { rawStart = raw.count; continue }
                    throw .corruptGzip("bytes after a gzip member are not another member")
                }
                if tracksMembers { members.append((buffer.count + bufferBase, bytesRead - (raw.count - rawStart))) }
                memberOpen = true
            }
            let before = buffer.count
            let from = rawStart
            // SAFETY: the raw bytes are only read, and only during this call; the inflater
            // keeps no pointer to them past it (it resets next_in before returning).
            let result = raw.withUnsafeBytes { r in
                Result { () throws(GzipInflater.Failure) in
                    try inflater.inflate(UnsafeRawBufferPointer(rebasing: r[from...]), into: &buffer, maxOutput: chunk)
                }
            }
            let step: GzipInflater.Step
            switch result {
            case .success(let s): step = s
            case .failure(let error): throw .corruptGzip(error.message)
            }
            rawStart += step.consumed
            if step.memberEnded { memberOpen = false }
            if buffer.count > before { return true }
        }
    }

    private func finish() throws(Failure) -> Bool {
        eof = true
        if memberOpen { throw .truncatedGzip }
        return false
    }

    private func readRaw() throws(Failure) {
        if rawStart > 0 {
            raw.removeSubrange(0..<rawStart)
            rawStart = 0
        }
        let old = raw.count
        raw.append(contentsOf: repeatElement(0, count: chunk))
        var n = 0
        repeat {
            // SAFETY: reads at most `chunk` bytes into the tail we just appended.
            n = raw.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, chunk) }
        } while n < 0 && errno == EINTR
        if n < 0 {
            raw.removeLast(chunk)
            throw .unreadable(String(cString: strerror(errno)))
        }
        raw.removeLast(chunk - n)
        bytesRead += n
        if n == 0 { rawEOF = true }
    }
}
