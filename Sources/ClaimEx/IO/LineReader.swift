/// Reads an input (maybe gzipped) line by line from a `ByteStream`, so that a
/// multi-gigabyte JSON Lines file streams in bounded memory.
final class LineReader {
    /// One line, or the fact that a line was too long to keep (it has been skipped).
    enum Line {
        case line([UInt8])
        case tooLong(bytes: Int)
    }

    private let stream: ByteStream
    private let maxLine: Int
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Where the scan for a newline resumes (so a long line is not rescanned at each fill).
    private var scanned = 0

    /// Lines longer than `maxLine` bytes are skipped over, not buffered: one giant line
    /// (a corrupt file, a missing newline) must not take all the memory.
    init(stream: ByteStream, maxLine: Int = Int.max) {
        self.stream = stream
        self.maxLine = maxLine
    }

    /// The next line without its terminator, or nil at the end. A read error (unreadable
    /// file, corrupt or truncated gzip) is thrown once; the stream ends after it.
    func next() throws(ByteStream.Failure) -> Line? {
        while true {
            let window = stream.window
            let from = window.startIndex + scanned
            if from < window.endIndex, let nl = window[from...].firstIndex(of: 0x0A) {
                var end = nl
                if end > window.startIndex, window[end - 1] == 0x0D { end -= 1 }
                stream.consume(nl + 1 - window.startIndex)
                scanned = 0
                lineNumber += 1
                if end - window.startIndex > maxLine { return .tooLong(bytes: nl - window.startIndex) }
                return .line(Array(window[window.startIndex..<end]))
            }
            scanned = window.count
            if scanned > maxLine { return try skipLongLine() }
            if try !stream.fill() {
                scanned = 0
                guard !stream.window.isEmpty else { return nil }
                let line = Array(stream.window)
                stream.consume(line.count)
                lineNumber += 1
                return line.count > maxLine ? .tooLong(bytes: line.count) : .line(line)
            }
        }
    }

    /// Drops the current line up to and including its newline (or the end of the input).
    private func skipLongLine() throws(ByteStream.Failure) -> Line {
        var skipped = 0
        scanned = 0
        lineNumber += 1
        while true {
            let window = stream.window
            if let nl = window.firstIndex(of: 0x0A) {
                skipped += nl - window.startIndex
                stream.consume(nl + 1 - window.startIndex)
                return .tooLong(bytes: skipped)
            }
            skipped += window.count
            stream.consume(window.count)
            if try !stream.fill() { return .tooLong(bytes: skipped) }
        }
    }
}
