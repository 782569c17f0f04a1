import Foundation

/// Reads a file (or standard input) line by line in large chunks, so that a multi-gigabyte
/// JSON Lines file streams in bounded memory.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private let chunk = 1 << 20
    /// 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its terminator, or nil at the end.
    func next() -> ArraySlice<UInt8>? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = buffer[start...]
                start = buffer.count
                lineNumber += 1
                return line
            }
            // Compact, then read more.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let data = handle.readData(ofLength: chunk)
            if data.isEmpty { eof = true } else { buffer.append(contentsOf: data) }
        }
    }
}
