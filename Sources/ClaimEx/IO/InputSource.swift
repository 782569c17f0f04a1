import Foundation

/// Reads articles from the paths on the command line: files, directories (recursively, in
/// name order) and `-` for standard input, each maybe gzip-compressed (detected by its
/// magic bytes). A text or HTML file is one article named after the file; a JSON Lines
/// file is one article a line; a WARC file is one article a `response`, `resource` or
/// `conversion` record.
public struct InputSource: ArticleSource {
    private var pending: [String]
    /// Paths found inside a directory walk (not named by the user): only regular files among
    /// them are read, so a FIFO or a device in a dump cannot block or flood the run.
    private var discovered: Set<String> = []
    /// Directories already walked, by their real path: a symlink loop is walked once.
    private var walked: Set<String> = []
    private let options: InputOptions
    /// The input being streamed, with the reader that walks it.
    private enum Current {
        case lines(LineReader, ByteStream, path: String)
        case warc(WARCReader, ByteStream, path: String)
    }
    private var current: Current?
    private var currentStream: ByteStream? {
        switch current {
        case .lines(_, let s, _), .warc(_, let s, _): s
        case nil: nil
        }
    }
    /// Bytes of the inputs finished so far.
    private var finishedBytes = 0
    public let counters = InputCounters()

    public init(paths: [String], options: InputOptions) {
        pending = (paths.isEmpty ? ["-"] : paths).reversed()
        self.options = options
        counters.totalBytes = InputSource.totalSize(of: pending)
    }

    public mutating func next() -> ReadItem? {
        defer { counters.bytesRead = finishedBytes + (currentStream?.bytesRead ?? 0) }
        while true {
            if let item = nextFromCurrent() { return item }
            guard let path = pending.popLast() else { return nil }
            if let item = open(path) { return checkSize(item) }
        }
    }

    /// The next item of the file being streamed; nil when it is done (or none is open).
    private mutating func nextFromCurrent() -> ReadItem? {
        switch current {
        case nil:
            return nil
        case .lines(let reader, let stream, let path):
            while true {
                let line: [UInt8]
                do {
                    guard let l = try reader.next() else { break }
                    switch l {
                    case .line(let bytes): line = bytes
                    case .tooLong(let bytes):
                        return .failure(ArticleError(code: "input.too-large",
                                                     message: "the line has \(bytes) bytes, over --max-bytes \(options.maxBytes); skipped without reading it into memory",
                                                     provenance: Provenance(input: path, line: reader.lineNumber)))
                    }
                } catch {
                    let provenance = Provenance(input: path, line: reader.lineNumber + 1)
                    close(stream)
                    return .failure(InputSource.error(error, provenance: provenance))
                }
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                let provenance = Provenance(input: path, line: reader.lineNumber)
                let fallback = "\(InputSource.stem(path))-\(reader.lineNumber)"
                return checkSize(JSONLinesArticle.parse(line[...], provenance: provenance, options: options, fallbackID: fallback))
            }
            close(stream)
            return nil
        case .warc(var reader, let stream, let path):
            while let item = reader.next() {
                current = .warc(reader, stream, path: path)
                switch item {
                case .failure(let code, let message, let offset, let recordID):
                    let provenance = Provenance(input: path, warcRecordID: recordID, warcOffset: offset)
                    return .failure(ArticleError(code: code, message: message, provenance: provenance))
                case .record(let record):
                    switch WARCArticle.make(record, input: path, maxBytes: options.maxBytes) {
                    case .article(var article):
                        if options.format == .html { article.format = .html }
                        if options.format == .text { article.format = .text }
                        return .success(article)
                    case .failure(let error): return .failure(error)
                    case .skipped(let why): counters.skipped[why, default: 0] += 1
                    }
                }
            }
            close(stream)
            return nil
        }
    }

    private mutating func close(_ stream: ByteStream) {
        finishedBytes += stream.bytesRead
        counters.bytesRead = finishedBytes
        current = nil
    }

    /// Opens one path: queues a directory's entries, starts a JSON Lines or WARC stream, or
    /// reads a whole file as one article.
    private mutating func open(_ path: String) -> ReadItem? {
        let provenance = Provenance(input: path)
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if path != "-" {
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                return .failure(ArticleError(code: "input.not-found", message: "no such file or directory", provenance: provenance))
            }
            if isDir.boolValue {
                let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard walked.insert(real).inserted else {
                    counters.skipped["directory already read (symlink loop)", default: 0] += 1
                    return nil
                }
                let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
                var children: [String] = []
                for name in entries.sorted() where !name.hasPrefix(".") {
                    if let kind = InputSource.assetKind(name) {
                        counters.skipped["file \(kind)", default: 0] += 1
                        continue
                    }
                    children.append((path.hasSuffix("/") ? path : path + "/") + name)
                }
                pending.append(contentsOf: children.reversed())
                discovered.formUnion(children)
                return nil
            }
            if discovered.contains(path),
               let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
                return .failure(ArticleError(code: "input.not-a-file",
                                             message: "not a regular file (\(type.rawValue)); name it on the command line to read it anyway",
                                             provenance: provenance))
            }
        }
        let stream: ByteStream
        do {
            stream = try ByteStream(path: path)
            try stream.fill()
        } catch {
            return .failure(InputSource.error(error, provenance: provenance))
        }
        counters.files += 1
        let name = InputSource.uncompressedName(path)
        let kind = options.format == .auto ? InputSource.sniff(name: name, head: stream.window) : options.format
        switch kind {
        case .jsonl:
            // A line may hold the article's JSON escapes and other fields: twice --max-bytes
            // before it is skipped unread; the text itself is checked against --max-bytes.
            current = .lines(LineReader(stream: stream, maxLine: options.maxBytes.multipliedReportingOverflow(by: 2).overflow ? Int.max : options.maxBytes * 2), stream, path: path)
            return nil
        case .warc:
            current = .warc(WARCReader(stream: stream, maxBytes: options.maxBytes), stream, path: path)
            return nil
        case .auto, .text, .html:
            do {
                while try stream.fill() {
                    if stream.window.count > options.maxBytes { break }
                }
            } catch {
                close(stream)
                return .failure(InputSource.error(error, provenance: provenance))
            }
            let body = Array(stream.window)
            close(stream)
            let format: Article.Format = switch kind {
            case .html: .html
            case .text: .text
            default: [".html", ".htm", ".xhtml"].contains { name.lowercased().hasSuffix($0) } ? .html : FormatSniffer.format(of: body)
            }
            return .success(Article(id: InputSource.stem(name), format: format, body: body, provenance: provenance))
        }
    }

    /// The reader for a file in `--format auto`: by extension, then by its first bytes
    /// (`WARC/1.` is a WARC file; standard input starting with `{` is JSON Lines).
    static func sniff(name: String, head: ArraySlice<UInt8>) -> InputOptions.Format {
        let lower = name.lowercased()
        if [".jsonl", ".ndjson", ".jsonlines"].contains(where: { lower.hasSuffix($0) }) { return .jsonl }
        if lower.hasSuffix(".warc") || head.starts(with: Array("WARC/1.".utf8)) { return .warc }
        if name == "-", head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{") { return .jsonl }
        return .auto
    }

    private func checkSize(_ item: ReadItem) -> ReadItem {
        guard case .success(let article) = item, article.body.count > options.maxBytes else { return item }
        return .failure(ArticleError(code: "input.too-large",
                                     message: "the article has \(article.body.count) bytes or more, over --max-bytes \(options.maxBytes)",
                                     articleID: article.id, provenance: article.provenance))
    }

    static func error(_ failure: ByteStream.Failure, provenance: Provenance) -> ArticleError {
        switch failure {
        case .unreadable(let why):
            ArticleError(code: "input.unreadable", message: "the file cannot be read: \(why)", provenance: provenance)
        case .corruptGzip(let why):
            ArticleError(code: "input.corrupt-gzip", message: why, provenance: provenance)
        case .truncatedGzip:
            ArticleError(code: "input.truncated-gzip", message: "the gzip data ends in the middle of a member (truncated download?)", provenance: provenance)
        }
    }

    /// Extensions of files that are never articles: the assets of a saved page (`wget -p`,
    /// "Save page as"), skipped inside directories (a file named on the command line is
    /// always read).
    static let assetExtensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "avif", "tif", "tiff",
        "css", "js", "mjs", "map", "wasm", "woff", "woff2", "ttf", "otf", "eot",
        "pdf", "zip", "mp3", "mp4", "webm", "ogg", "wav", "mov", "avi", "swf", "exe", "dmg", "iso",
        "cdx", "idx", "py", "sh", "md5", "sha1", "sha256",
    ]

    /// The extension when `name` is an asset, e.g. `png` for `logo.png` or `app.js.gz`.
    static func assetKind(_ name: String) -> String? {
        let base = uncompressedName(name).lowercased()
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return nil }
        let ext = String(base[base.index(after: dot)...])
        return assetExtensions.contains(ext) ? ext : nil
    }

    /// The path without a trailing `.gz` (`a.jsonl.gz` reads as `a.jsonl`).
    static func uncompressedName(_ path: String) -> String {
        path.lowercased().hasSuffix(".gz") ? String(path.dropLast(3)) : path
    }

    /// Sum of the sizes of the paths when every one is a regular file.
    static func totalSize(of paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let size = attributes[.size] as? Int else { return nil }
            total += size
        }
        return total
    }

    /// The file name without directory and extension: the article id of a file input.
    static func stem(_ path: String) -> String {
        if path == "-" { return "stdin" }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}
