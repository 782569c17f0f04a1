import HTMLText

/// Turns one JSON Lines record into an article, finding the text, id, URL, title and date
/// under the names the common crawler exports use when no `--*-key` says otherwise.
enum JSONLinesArticle {
    /// The field names looked for, in order of preference, for each part of an article.
    struct Keys {
        var id: [String]
        var text: [String]
        var url: [String]
        var title: [String]
        var date: [String]

        init(_ options: InputOptions) {
            id = options.idKey.map { [$0] } ?? InputOptions.idKeys
            text = options.textKey.map { [$0] } ?? InputOptions.textKeys
            url = options.urlKey.map { [$0] } ?? InputOptions.urlKeys
            title = options.titleKey.map { [$0] } ?? ["title"]
            date = options.dateKey.map { [$0] } ?? InputOptions.dateKeys
        }

        /// Every name once, as the scanner wants them.
        var all: [String] {
            var seen = Set<String>()
            return (id + text + url + title + date).filter { seen.insert($0).inserted }
        }
    }

    static func parse(_ line: ArraySlice<UInt8>, provenance: Provenance, options: InputOptions, fallbackID: String) -> ReadItem {
        let keys = Keys(options)
        let names = keys.all
        let found: [JSONFieldScanner.Value?]
        do {
            // SAFETY: the slice's storage is borrowed for the call; the scanner copies out
            // every value it returns and keeps no pointer.
            found = try line.withUnsafeBufferPointer { buf throws(JSONFieldScanner.Failure) in
                try JSONFieldScanner.fields(of: buf, keys: names.map { Array($0.utf8) })
            }
        } catch .invalidUTF8 {
            return .failure(ArticleError(code: "input.invalid-utf8", message: "the line is not valid UTF-8 (JSON Lines must be UTF-8)",
                                         provenance: provenance))
        } catch .invalidJSON(let offset) {
            return .failure(ArticleError(code: "input.invalid-json",
                                         message: "the line is not valid JSON (at byte \(offset + 1)); each line must be one JSON object",
                                         provenance: provenance))
        } catch {
            return .failure(ArticleError(code: "input.not-an-object", message: "the line is JSON but not an object", provenance: provenance))
        }
        func value(_ key: String) -> JSONFieldScanner.Value? { found[names.firstIndex(of: key)!] }
        /// The first of `candidates` that holds a string or a number, as text.
        func string(_ candidates: [String]) -> String? {
            for key in candidates {
                switch value(key) {
                case .string(let bytes)?: return String(decoding: bytes, as: UTF8.self)
                case .number(let literal)?: return numberText(literal)
                default: continue
                }
            }
            return nil
        }
        let id = string(keys.id) ?? fallbackID
        guard let text = keys.text.lazy.compactMap({ value($0) }).first else {
            return .failure(ArticleError(code: "input.missing-text",
                                         message: "no text field (looked for \(keys.text.joined(separator: ", "))); name it with --text-key",
                                         articleID: id, provenance: provenance))
        }
        guard case .string(let bytes) = text else {
            return .failure(ArticleError(code: "input.text-not-string", message: "the text field is not a string", articleID: id,
                                         provenance: provenance))
        }
        var url = string(keys.url)
        if options.urlKey == nil, let u = url, !(u.hasPrefix("http://") || u.hasPrefix("https://")) { url = nil }
        let format: Article.Format = switch options.format {
        case .html: .html
        case .text: .text
        case .auto, .jsonl, .warc: FormatSniffer.format(of: bytes)
        }
        return .success(Article(
            id: id, format: format, body: bytes, provenance: provenance, url: url,
            title: string(keys.title), published: string(keys.date)))
    }

    /// A JSON number as the text of an id or date: an integer as written, any other number
    /// in its shortest decimal form (`1e3` → "1000", `2.50` → "2.5").
    static func numberText(_ literal: String) -> String {
        if literal.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }) {
            return literal
        }
        guard let d = Double(literal), d.isFinite else { return literal }
        if d == d.rounded(), abs(d) < 9.007_199_254_740_992e15 { return String(Int64(d)) }
        return String(d)
    }
}
