/// The HTTP response inside a WARC `response` record: status, headers, and the body with
/// its transfer coding (chunked) and content coding (gzip, deflate) undone.
struct HTTPMessage {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// Why a response cannot become an article.
    struct Failure: Error {
        var code: String
        var message: String
    }

    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.last { $0.name.lowercased() == lower }?.value
    }

    /// Splits `block` into status line, headers and body; nil when it is not an HTTP
    /// response (a WARC writer may store a bare body in a `response` record).
    static func parse(_ block: [UInt8]) -> HTTPMessage? {
        guard block.starts(with: Array("HTTP/".utf8)),
              let (textEnd, bodyStart) = WARCReader.findHeaderEnd(block[...]) else { return nil }
        let text = String(decoding: block[0..<textEnd], as: UTF8.self)
        var lines = text.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        let status = parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]).trimmingHeaderSpace(), String(line[line.index(after: colon)...]).trimmingHeaderSpace()))
        }
        return HTTPMessage(status: status, headers: headers, body: Array(block[bodyStart...]))
    }

    /// The body as the server meant it: chunks joined, gzip or deflate undone. A body that
    /// says chunked but is not (crawlers such as Common Crawl store it de-chunked while
    /// keeping the header) is taken as it is.
    func decodedBody(maxBytes: Int) throws(Failure) -> [UInt8] {
        var body = body
        if let te = header("Transfer-Encoding")?.lowercased(), te.contains("chunked"), let joined = HTTPMessage.dechunk(body) {
            body = joined
        }
        let ce = (header("Content-Encoding") ?? "").lowercased().trimmingHeaderSpace()
        switch ce {
        case "", "identity", "none", "utf-8", "utf8":
            return body
        case "gzip", "x-gzip", "deflate":
            if body.isEmpty { return body }
            // Already decoded by the crawler (the header kept): plain markup starts with '<' or text.
            if !(body[0] == 0x1F || ce == "deflate") { return body }
            do {
                return try GzipInflater.inflateAll(body, maxOutput: maxBytes)
            } catch {
                throw Failure(code: "input.bad-content-encoding", message: "Content-Encoding \(ce): \(error.message)")
            }
        default:
            throw Failure(code: "input.unsupported-content-encoding", message: "Content-Encoding \(ce) is not supported (gzip and deflate are)")
        }
    }

    /// Joins the chunks of a chunked body; nil when the body is not chunked after all.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        while true {
            guard let nl = body[i...].firstIndex(of: 0x0A) else { return nil }
            var sizeText = body[i..<nl]
            if let semi = sizeText.firstIndex(of: UInt8(ascii: ";")) { sizeText = sizeText[..<semi] }
            let hex = String(decoding: sizeText, as: UTF8.self).trimmingHeaderSpace()
            guard !hex.isEmpty, hex.count <= 16, let size = Int(hex, radix: 16), size >= 0 else { return nil }
            i = nl + 1
            if size == 0 { return out }
            guard i + size <= body.count else { return nil }
            out.append(contentsOf: body[i..<(i + size)])
            i += size
            if i < body.count, body[i] == 0x0D { i += 1 }
            if i < body.count, body[i] == 0x0A { i += 1 }
            if i >= body.count { return out }
        }
    }

    /// The `charset` parameter of a Content-Type value, lower-cased.
    static func charset(ofContentType value: String?) -> String? {
        guard let value else { return nil }
        for param in value.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingHeaderSpace().lowercased() == "charset" else { continue }
            var v = kv[1].trimmingHeaderSpace()
            if v.hasPrefix("\"") { v.removeFirst() }
            if v.hasSuffix("\"") { v.removeLast() }
            return v.isEmpty ? nil : v.lowercased()
        }
        return nil
    }

    /// The media type of a Content-Type value, lower-cased, without parameters.
    static func mediaType(ofContentType value: String?) -> String? {
        guard let value, let t = value.split(separator: ";").first else { return nil }
        let s = t.trimmingHeaderSpace().lowercased()
        return s.isEmpty ? nil : s
    }
}
