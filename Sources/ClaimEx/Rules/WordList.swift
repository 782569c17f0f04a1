import Foundation

/// A word list as a linguist writes it: one entry a line, tab-separated columns,
/// `#` starts a comment line, blank lines ignored. Line numbers are kept for errors and lint.
public struct WordList: Sendable {
    public struct Entry: Sendable {
        public var columns: [String]
        public var line: Int
    }

    public var path: String
    public var entries: [Entry]

    public init(path: String, contents: String) {
        self.path = path
        var entries: [Entry] = []
        var number = 0
        for raw in contents.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = WordList.trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { String(WordList.trimmed($0)) }
            entries.append(Entry(columns: columns, line: number))
        }
        self.entries = entries
    }

    /// Without the spaces and tabs at either end (what Foundation's `.whitespaces` holds: tab
    /// and the space separators), in Swift: Foundation's trimming goes through UTF-16 and was
    /// most of the start-up's lexicon reading.
    static func trimmed(_ s: Substring) -> Substring {
        // Nearly every line and column starts and ends with a visible ASCII character.
        if let a = s.utf8.first, let z = s.utf8.last, a > 0x20, a < 0x80, z > 0x20, z < 0x80 { return s }
        func space(_ u: Unicode.Scalar) -> Bool { u == "\t" || u.properties.generalCategory == .spaceSeparator }
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !space($0) }) else { return s[s.endIndex...] }
        let last = scalars.lastIndex(where: { !space($0) })!
        return Substring(scalars[first...last])
    }

    public static func load(_ path: String) throws(RuleError) -> WordList {
        WordList(path: path, contents: try readRuleFile(path))
    }
}

/// Reads a rule or lexicon file as UTF-8, turning I/O failures into a `RuleError`.
func readRuleFile(_ path: String) throws(RuleError) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw RuleError(.unreadable, file: path, message: "cannot read the file; check the path given with --rules")
    }
    return String(decoding: data, as: UTF8.self)
}
