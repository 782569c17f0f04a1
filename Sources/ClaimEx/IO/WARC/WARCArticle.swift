/// Turns a WARC record into an article: `response` records (HTTP headers stripped, body
/// decoded), `resource` and `conversion` records (the block is the document).
///
/// Records that are not pages (requests, metadata, warcinfo, revisits, images, PDFs,
/// redirects and error pages) are not articles: they are skipped and only counted.
enum WARCArticle {
    /// What a record became.
    enum Outcome {
        case article(Article)
        case failure(ArticleError)
        /// Not an article; the reason is a short tag for the summary ("request", "image/png", "http 404").
        case skipped(String)
    }

    static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml", "application/xml+xhtml", "application/html", "text/xhtml"]
    static let textTypes: Set<String> = ["text/plain"]

    static func make(_ record: WARCRecord, input: String, maxBytes: Int) -> Outcome {
        let provenance = Provenance(input: input, warcRecordID: record.recordID, warcOffset: record.offset, warcDate: record.header("WARC-Date"))
        let id = articleID(record)
        func fail(_ code: String, _ message: String) -> Outcome {
            .failure(ArticleError(code: code, message: message, articleID: id, provenance: provenance))
        }
        var body: [UInt8]
        var contentType: String?
        switch record.type {
        case "response":
            if let http = HTTPMessage.parse(record.block) {
                guard (200..<300).contains(http.status) else { return .skipped("http \(http.status)") }
                contentType = http.header("Content-Type")
                do {
                    body = try http.decodedBody(maxBytes: maxBytes)
                } catch {
                    return fail(error.code, error.message)
                }
            } else {
                let warcType = HTTPMessage.mediaType(ofContentType: record.header("Content-Type"))
                if warcType?.hasPrefix("application/http") == true {
                    return fail("input.invalid-http", "the response record does not hold an HTTP response with headers")
                }
                body = record.block
                contentType = record.header("Content-Type")
            }
        case "resource", "conversion":
            body = record.block
            contentType = record.header("Content-Type")
        default:
            return .skipped(record.type.isEmpty ? "untyped" : record.type)
        }
        if body.count > maxBytes {
            return fail("input.too-large", "the decoded body has \(body.count) bytes, over --max-bytes \(maxBytes)")
        }
        let media = HTTPMessage.mediaType(ofContentType: contentType)
        let format: Article.Format
        if let media, htmlTypes.contains(media) {
            format = .html
        } else if let media, textTypes.contains(media) {
            format = .text
        } else if media == nil || media == "application/octet-stream" || media == "unknown" {
            format = FormatSniffer.format(of: body)
        } else {
            return .skipped(media!)
        }
        if let charset = HTTPMessage.charset(ofContentType: contentType) {
            do {
                let converted = try TextDecoding.utf8(body, charset: charset)
                if format == .html {
                    // The HTTP header outranks the page's own <meta charset> (as in browsers): a
                    // UTF-8 byte-order mark makes the HTML reader take the bytes as UTF-8.
                    if !body.starts(with: [0xEF, 0xBB, 0xBF]) || converted != nil {
                        body = [0xEF, 0xBB, 0xBF] + (converted ?? body)
                    }
                } else if let converted {
                    body = converted
                }
            } catch {
                return fail("input.undecodable", "charset \(charset) from the Content-Type header: \(error.message)")
            }
        }
        return .article(Article(id: id, format: format, body: body, provenance: provenance, url: record.targetURI))
    }

    /// The record id's UUID (`urn:uuid:` dropped), else the offset.
    static func articleID(_ record: WARCRecord) -> String {
        guard var id = record.recordID else { return "warc-\(record.offset)" }
        if id.hasPrefix("urn:uuid:") { id.removeFirst("urn:uuid:".count) }
        return id
    }
}
