import Foundation

/// Reads articles from the paths on the command line: files, directories (recursively, in
/// name order) and `-` for standard input. A text or HTML file is one article named after
/// the file; a JSON Lines file is one article a line.
public struct InputSource: ArticleSource {
    private var pending: [String]
    private let options: InputOptions
    private var lines: (reader: LineReader, path: String, handle: FileHandle)?

    public init(paths: [String], options: InputOptions) {
        pending = (paths.isEmpty ? ["-"] : paths).reversed()
        self.options = options
    }

    public mutating func next() -> ReadItem? {
        while true {
            if let current = lines {
                if let line = current.reader.next() {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                    let provenance = Provenance(input: current.path, line: current.reader.lineNumber)
                    let fallback = "\(InputSource.stem(current.path))-\(current.reader.lineNumber)"
                    return checkSize(JSONLinesArticle.parse(line, provenance: provenance, options: options, fallbackID: fallback))
                }
                if current.path != "-" { try? current.handle.close() }
                lines = nil
            }
            guard let path = pending.popLast() else { return nil }
            if let item = open(path) { return checkSize(item) }
        }
    }

    /// Opens one path: queues a directory's entries, starts a JSON Lines stream, or reads a
    /// whole file as one article.
    private mutating func open(_ path: String) -> ReadItem? {
        let provenance = Provenance(input: path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if path != "-" {
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                return .failure(ArticleError(code: "input.not-found", message: "no such file or directory", provenance: provenance))
            }
            if isDir.boolValue {
                let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
                let children = entries.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
                pending.append(contentsOf: children.reversed())
                return nil
            }
        }
        let isJSONLines = options.format == .jsonl
            || (options.format == .auto && [".jsonl", ".ndjson", ".jsonlines"].contains { path.lowercased().hasSuffix($0) })
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                return .failure(ArticleError(code: "input.unreadable", message: "the file cannot be read (permissions?)", provenance: provenance))
            }
            handle = h
        }
        if isJSONLines {
            lines = (LineReader(handle: handle), path, handle)
            return nil
        }
        let data = handle.readDataToEndOfFile()
        if path != "-" { try? handle.close() }
        let body = [UInt8](data)
        let format: Article.Format = switch options.format {
        case .html: .html
        case .text: .text
        case .auto, .jsonl:
            [".html", ".htm", ".xhtml"].contains { path.lowercased().hasSuffix($0) } ? .html : FormatSniffer.format(of: body)
        }
        return .success(Article(id: InputSource.stem(path), format: format, body: body, provenance: provenance))
    }

    private func checkSize(_ item: ReadItem) -> ReadItem {
        guard case .success(let article) = item, article.body.count > options.maxBytes else { return item }
        return .failure(ArticleError(code: "input.too-large",
                                     message: "the article has \(article.body.count) bytes, over --max-bytes \(options.maxBytes)",
                                     articleID: article.id, provenance: article.provenance))
    }

    /// The file name without directory and extension: the article id of a file input.
    static func stem(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
