import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern.
///
/// Compilation happens once at start-up; matching is then shared by every worker, each
/// bringing its own `MatchScratch` so that no match allocates.
public final class Pattern: @unchecked Sendable {
    // SAFETY: `code` is written once in `init` and never mutated afterwards; PCRE2 documents
    // compiled (and JIT-compiled) code as safe to use for matching from several threads at
    // once, provided each thread has its own match data and JIT stack (MatchScratch).
    let code: OpaquePointer
    /// The source as written, for error messages and `explain`.
    public let source: String
    /// Number of capture groups, not counting group 0.
    public let captureCount: Int
    /// Named groups and their numbers, sorted by number.
    public let groupNames: [(name: String, index: Int)]
    /// Whether the JIT compiler accepted the pattern (it may be unavailable on some CPUs).
    public let isJITCompiled: Bool
    /// Whether `forEachMatch` may be told the latest offset a match can start at.
    public let acceptsLatestStart: Bool

    /// `acceptsLatestStart`: compile the pattern so that a search can be told where matches
    /// stop starting (PCRE2's offset limit, which needs its own JIT code).
    public init(_ source: String, options: PatternOptions = [], acceptsLatestStart: Bool = false) throws(PatternError) {
        var errorCode: Int32 = 0
        var errorOffset = 0
        let flags = options.rawValue | PCRE2_UTF | PCRE2_UCP | (acceptsLatestStart ? PCRE2_USE_OFFSET_LIMIT : 0)
        let compiled: OpaquePointer? = source.utf8.withContiguousStorageIfAvailable { buf in
            pcre2_compile_8(buf.baseAddress, buf.count, flags, &errorCode, &errorOffset, nil)
        } ?? {
            let bytes = Array(source.utf8)
            return bytes.withUnsafeBufferPointer { buf in
                pcre2_compile_8(buf.baseAddress, buf.count, flags, &errorCode, &errorOffset, nil)
            }
        }()
        guard let compiled else {
            if errorCode == PCRE2_ERROR_PATTERN_TOO_LARGE { throw .tooLarge(message: Pattern.message(for: errorCode)) }
            throw .compile(message: Pattern.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        self.source = source
        self.acceptsLatestStart = acceptsLatestStart
        isJITCompiled = pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        groupNames = Pattern.readNameTable(compiled)
    }

    deinit {
        pcre2_code_free_8(code)
    }

    /// The number of a named group, or nil. Look names up once, outside any loop.
    public func groupIndex(_ name: String) -> Int? {
        groupNames.first { $0.name == name }?.index
    }

    /// Calls `body` for each non-overlapping match in `range` of `subject` (UTF-8 bytes,
    /// valid UTF-8 — Swift strings always are). `body` returns false to stop early.
    ///
    /// Lookbehind may see bytes before `range.lowerBound`; matches never extend past
    /// `range.upperBound`. The `Match` passed to `body` is only valid inside it.
    ///
    /// `latestStart` (only for a pattern that `acceptsLatestStart`): no match starts after this
    /// offset, so PCRE2 stops trying there instead of at the end of `range`. A caller that
    /// knows every match holds some word passes where the last such word starts; the matches
    /// are then the same, found with fewer attempts.
    public func forEachMatch(
        in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, latestStart: Int? = nil, scratch: MatchScratch,
        _ body: (borrowing Match) throws -> Bool
    ) throws -> Void {
        let range = range ?? 0..<subject.count
        precondition(range.lowerBound >= 0 && range.upperBound <= subject.count, "range outside subject")
        precondition(latestStart == nil || acceptsLatestStart, "latestStart needs a pattern compiled to accept it")
        scratch.prepare(for: self)
        // A shorter subject length bounds the match: PCRE2 never reads at or past `length`.
        let length = range.upperBound
        var start = range.lowerBound
        var options: UInt32 = PCRE2_NO_UTF_CHECK
        let limit = latestStart.map { min($0, length) }
        if let limit, limit < start { return }
        scratch.setLatestStart(limit)
        defer { if limit != nil { scratch.setLatestStart(nil) } }
        while start <= length {
            let rc = try scratch.run(self, subject: subject, length: length, start: start, options: options)
            guard rc else { return }
            let found = Match(ovector: scratch.ovector, groups: captureCount + 1)
            let whole = found.range
            guard try body(found) else { return }
            if whole.isEmpty {
                // Step over one whole character so an empty match cannot repeat forever.
                if whole.upperBound >= length { return }
                var next = whole.upperBound + 1
                while next < length, subject[next] & 0xC0 == 0x80 { next += 1 }
                start = next
            } else {
                start = whole.upperBound
            }
            options = PCRE2_NO_UTF_CHECK
        }
    }

    /// The first match in `range`, copied out so that it outlives the scratch.
    public func firstMatch(
        in subject: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, scratch: MatchScratch
    ) throws -> MatchResult? {
        var result: MatchResult?
        try forEachMatch(in: subject, range: range, scratch: scratch) { match in
            result = match.result()
            return false
        }
        return result
    }

    /// Convenience for tests and tools: every match in a Swift string.
    public func matches(in text: String, scratch: MatchScratch) throws -> [MatchResult] {
        var results: [MatchResult] = []
        var text = text
        try text.withUTF8 { buf in
            try forEachMatch(in: buf, scratch: scratch) { match in
                results.append(match.result())
                return true
            }
        }
        return results
    }

    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { buf in
            pcre2_get_error_message_8(code, buf.baseAddress, buf.count)
        }
        return n > 0 ? String(decoding: buffer[..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }

    private static func readNameTable(_ code: OpaquePointer) -> [(name: String, index: Int)] {
        var count: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>?
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &count)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard count > 0, let table else { return [] }
        // SAFETY: PCRE2 documents the name table as `count` entries of `entrySize` bytes,
        // each a 2-byte big-endian group number then a NUL-terminated name; it lives as long
        // as `code`, and we copy the names out before returning.
        var names: [(name: String, index: Int)] = []
        for i in 0..<Int(count) {
            let entry = table + i * Int(entrySize)
            let index = Int(entry[0]) << 8 | Int(entry[1])
            var end = 2
            while end < Int(entrySize), entry[end] != 0 { end += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: entry + 2, count: end - 2), as: UTF8.self)
            names.append((name, index))
        }
        return names.sorted { $0.index < $1.index }
    }
}
