/// Reads an input (maybe gzipped) line by line from a `ByteStream`, so that a
/// multi-gigabyte JSON Lines file streams in bounded memory.
final class LineReader {
    private let stream: ByteStream
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0
    /// Where the scan for a newline resumes (so a long line is not rescanned at each fill).
    private var scanned = 0

    init(stream: ByteStream) {
        self.stream = stream
    }

    /// The next line without its terminator, or nil at the end. A read error (unreadable
    /// file, corrupt or truncated gzip) is thrown once; the stream ends after it.
    func next() throws(ByteStream.Failure) -> [UInt8]? {
        while true {
            let window = stream.window
            let from = window.startIndex + scanned
            if from < window.endIndex, let nl = window[from...].firstIndex(of: 0x0A) {
                var end = nl
                if end > window.startIndex, window[end - 1] == 0x0D { end -= 1 }
                let line = Array(window[window.startIndex..<end])
                stream.consume(nl + 1 - window.startIndex)
                scanned = 0
                lineNumber += 1
                return line
            }
            scanned = window.count
            if try !stream.fill() {
                scanned = 0
                guard !stream.window.isEmpty else { return nil }
                let line = Array(stream.window)
                stream.consume(line.count)
                lineNumber += 1
                return line
            }
        }
    }
}
