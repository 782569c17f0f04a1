/// Reads WARC records one at a time from a `ByteStream` (`.warc` or `.warc.gz`; a
/// `.warc.gz` is a series of gzip members, one a record, read as one stream).
///
/// Only the current record is in memory. A record whose content is larger than
/// `maxBytes` is skipped over in chunks, not buffered.
struct WARCReader {
    /// What the reader found next.
    enum Item {
        case record(WARCRecord)
        /// A record that cannot be used; reading goes on after it when `resumable`.
        case failure(code: String, message: String, offset: Int, recordID: String?)
    }

    private let stream: ByteStream
    private let maxBytes: Int
    private var done = false
    /// Offset of the record being read, for the error of a file that ends inside it.
    private var recordStart = 0
    /// Longest header block accepted; real ones are well under 4 KB.
    private static let maxHeader = 1 << 16

    init(stream: ByteStream, maxBytes: Int) {
        self.stream = stream
        self.maxBytes = maxBytes
        stream.tracksMembers = true
    }

    mutating func next() -> Item? {
        guard !done else { return nil }
        do {
            return try read()
        } catch {
            done = true
            let offset = recordStart
            switch error {
            case .truncatedGzip:
                return .failure(code: "input.truncated-gzip", message: "the gzip data ends in the middle of a member", offset: offset, recordID: nil)
            case .corruptGzip(let m):
                return .failure(code: "input.corrupt-gzip", message: m, offset: offset, recordID: nil)
            case .unreadable(let m):
                return .failure(code: "input.unreadable", message: m, offset: offset, recordID: nil)
            }
        }
    }

    private mutating func read() throws(ByteStream.Failure) -> Item? {
        // Blank lines between records are tolerated.
        while true {
            if stream.window.isEmpty, try !stream.fill() { done = true; return nil }
            let w = stream.window
            let blank = w.prefix { $0 == 0x0D || $0 == 0x0A }.count
            stream.consume(blank)
            if blank < w.count { break }
        }
        let offset = stream.recordOffset()
        recordStart = offset
        // The header block ends at the first empty line.
        var headerEnd: (Int, Int)?
        while headerEnd == nil {
            headerEnd = WARCReader.findHeaderEnd(stream.window)
            if headerEnd != nil { break }
            if stream.window.count > WARCReader.maxHeader {
                done = true
                return .failure(code: "input.invalid-warc", message: "no end of a WARC header within \(WARCReader.maxHeader) bytes", offset: offset, recordID: nil)
            }
            if try !stream.fill() {
                done = true
                return .failure(code: "input.truncated-warc", message: "the file ends inside a WARC header", offset: offset, recordID: nil)
            }
        }
        let (textEnd, blockStart) = headerEnd!
        let w = stream.window
        let headerText = String(decoding: w[w.startIndex..<(w.startIndex + textEnd)], as: UTF8.self)
        stream.consume(blockStart)
        var lines = headerText.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard let version = lines.first, version.hasPrefix("WARC/") else {
            done = true
            return .failure(code: "input.invalid-warc", message: "a record does not start with a WARC/1.x line; is this a WARC file?", offset: offset, recordID: nil)
        }
        lines.removeFirst()
        var headers: [(name: String, value: String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingHeaderSpace()
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]).trimmingHeaderSpace(), String(line[line.index(after: colon)...]).trimmingHeaderSpace()))
        }
        var record = WARCRecord(type: "", headers: headers, block: [], offset: offset)
        record.type = record.header("WARC-Type") ?? ""
        guard let lengthText = record.header("Content-Length"), let length = Int(lengthText), length >= 0 else {
            done = true
            return .failure(code: "input.invalid-warc", message: "a WARC record without a valid Content-Length", offset: offset, recordID: record.recordID)
        }
        let wanted = ["response", "resource", "conversion"].contains(record.type)
        if !wanted || length > maxBytes {
            try skip(length)
            if stream.window.count < length && stream.eof {
                done = true
                return .failure(code: "input.truncated-warc", message: "the file ends inside a record's content (\(length) bytes announced)",
                                offset: offset, recordID: record.recordID)
            }
            try skipTrailer()
            if !wanted { return .record(record) }
            return .failure(code: "input.too-large", message: "the record has \(length) bytes, over --max-bytes \(maxBytes)", offset: offset,
                            recordID: record.recordID)
        }
        while stream.window.count < length {
            if try !stream.fill() {
                done = true
                return .failure(code: "input.truncated-warc", message: "the file ends inside a record's content (\(length) bytes announced, \(stream.window.count) there)",
                                offset: offset, recordID: record.recordID)
            }
        }
        let b = stream.window
        record.block = Array(b[b.startIndex..<(b.startIndex + length)])
        stream.consume(length)
        try skipTrailer()
        return .record(record)
    }

    /// Consumes `count` bytes without keeping them (or all that is left, at the end).
    private func skip(_ count: Int) throws(ByteStream.Failure) {
        var left = count
        while left > 0 {
            if stream.window.isEmpty, try !stream.fill() { return }
            let n = min(left, stream.window.count)
            stream.consume(n)
            left -= n
        }
    }

    /// The CRLF CRLF after a record's content; missing ones are tolerated.
    private func skipTrailer() throws(ByteStream.Failure) {
        var seen = 0
        while seen < 4 {
            if stream.window.isEmpty, try !stream.fill() { return }
            guard let b = stream.window.first, b == 0x0D || b == 0x0A else { return }
            stream.consume(1)
            seen += 1
        }
    }

    /// (end of the header text, start of the block) relative to the window, when the blank
    /// line that ends the header is in it.
    static func findHeaderEnd(_ w: ArraySlice<UInt8>) -> (Int, Int)? {
        var i = w.startIndex
        let end = w.endIndex
        while i < end {
            guard let nl = w[i..<end].firstIndex(of: 0x0A) else { return nil }
            var j = nl + 1
            if j < end, w[j] == 0x0A { return (nl - w.startIndex, j + 1 - w.startIndex) }
            if j + 1 < end, w[j] == 0x0D, w[j + 1] == 0x0A { return (nl - w.startIndex, j + 2 - w.startIndex) }
            if j >= end || (j + 1 >= end && w[j] == 0x0D) { return nil }
            j = nl + 1
            i = j
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingHeaderSpace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
