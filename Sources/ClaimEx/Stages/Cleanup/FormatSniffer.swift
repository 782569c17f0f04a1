/// Decides whether a body is HTML or plain text when the input does not say.
public enum FormatSniffer {
    /// HTML when the first non-blank byte opens a tag and a closing tag or a common block
    /// element appears early on; plain text that merely mentions "<" stays text.
    public static func format(of body: [UInt8]) -> Article.Format {
        var i = 0
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        while i < body.count, body[i] == 0x20 || body[i] == 0x0A || body[i] == 0x0D || body[i] == 0x09 { i += 1 }
        guard i < body.count, body[i] == UInt8(ascii: "<") else { return .text }
        let head = body[i..<min(body.count, i + 4096)]
        let lower = String(decoding: head, as: UTF8.self).lowercased()
        for marker in ["<!doctype html", "<html", "<head", "<body", "</p>", "</div>", "<p>", "<p ", "<br", "<article"]
        where lower.contains(marker) {
            return .html
        }
        return .text
    }
}
