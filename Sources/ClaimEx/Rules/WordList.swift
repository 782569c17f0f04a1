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
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            entries.append(Entry(columns: columns, line: number))
        }
        self.entries = entries
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
