import Foundation

/// Turns one JSON Lines record into an article, finding the text, id, URL, title and date
/// under the names the common crawler exports use when no `--*-key` says otherwise.
enum JSONLinesArticle {
    static func parse(_ line: ArraySlice<UInt8>, provenance: Provenance, options: InputOptions, fallbackID: String) -> ReadItem {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            if String(validating: line, as: UTF8.self) == nil {
                return .failure(ArticleError(code: "input.invalid-utf8", message: "the line is not valid UTF-8 (JSON Lines must be UTF-8)",
                                             provenance: provenance))
            }
            return .failure(ArticleError(code: "input.invalid-json", message: "the line is not valid JSON; each line must be one JSON object",
                                         provenance: provenance))
        }
        guard let record = object as? [String: Any] else {
            return .failure(ArticleError(code: "input.not-an-object", message: "the line is JSON but not an object", provenance: provenance))
        }
        func string(_ keys: [String]) -> String? {
            for key in keys {
                if let s = record[key] as? String { return s }
                if let n = record[key] as? NSNumber { return n.stringValue }
            }
            return nil
        }
        let id = string(options.idKey.map { [$0] } ?? InputOptions.idKeys) ?? fallbackID
        let textKeys = options.textKey.map { [$0] } ?? InputOptions.textKeys
        guard let text = textKeys.lazy.compactMap({ record[$0] }).first else {
            return .failure(ArticleError(code: "input.missing-text",
                                         message: "no text field (looked for \(textKeys.joined(separator: ", "))); name it with --text-key",
                                         articleID: id, provenance: provenance))
        }
        guard let body = text as? String else {
            return .failure(ArticleError(code: "input.text-not-string", message: "the text field is not a string", articleID: id,
                                         provenance: provenance))
        }
        var url = string(options.urlKey.map { [$0] } ?? InputOptions.urlKeys)
        if options.urlKey == nil, let u = url, !(u.hasPrefix("http://") || u.hasPrefix("https://")) { url = nil }
        let bytes = Array(body.utf8)
        let format: Article.Format = switch options.format {
        case .html: .html
        case .text: .text
        case .auto, .jsonl, .warc: FormatSniffer.format(of: bytes)
        }
        return .success(Article(
            id: id, format: format, body: bytes, provenance: provenance, url: url,
            title: string(options.titleKey.map { [$0] } ?? ["title"]),
            published: string(options.dateKey.map { [$0] } ?? InputOptions.dateKeys)))
    }
}
