/// One WARC 1.0/1.1 record: its named header fields and its content block.
struct WARCRecord {
    /// `WARC-Type`: response, resource, conversion, request, metadata, warcinfo, revisit...
    var type: String
    /// Header fields in file order, names as written (looked up case-insensitively).
    var headers: [(name: String, value: String)]
    /// The content block: for a `response`, an HTTP message with its headers.
    var block: [UInt8]
    /// Byte offset of the record in the file: of its gzip member in a `.warc.gz` (what
    /// Common Crawl's index calls `offset`), else of its `WARC/` line.
    var offset: Int

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// `WARC-Record-ID` without its angle brackets, e.g. `urn:uuid:…`.
    var recordID: String? {
        header("WARC-Record-ID").map { v in
            var s = Substring(v)
            if s.hasPrefix("<") { s = s.dropFirst() }
            if s.hasSuffix(">") { s = s.dropLast() }
            return String(s)
        }
    }

    /// `WARC-Target-URI`, without the angle brackets WARC 1.0 writers sometimes add.
    var targetURI: String? {
        header("WARC-Target-URI").map { v in
            v.hasPrefix("<") && v.hasSuffix(">") ? String(v.dropFirst().dropLast()) : v
        }
    }
}
