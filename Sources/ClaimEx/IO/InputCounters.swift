/// What the readers have got through so far, shared with the progress line and the
/// end-of-run summary (a class so that the job can watch a source the runner is driving).
public final class InputCounters {
    /// Bytes read from input files (compressed bytes for gzip input).
    public internal(set) var bytesRead = 0
    /// Total size of the input files when all are regular files, for the ETA; nil for
    /// standard input and directories.
    public internal(set) var totalBytes: Int?
    /// What was passed over as not an article, by kind: WARC records (requests, metadata,
    /// images, redirects: "request", "http 301", "image/png") and, inside directories, asset
    /// files of saved pages ("file png", "file css").
    public internal(set) var skipped: [String: Int] = [:]
    /// Input files opened.
    public internal(set) var files = 0

    public init() {}

    public var skippedTotal: Int { skipped.values.reduce(0, +) }
}
