import Foundation

/// Where records go: standard output, or a file written atomically (a temporary file renamed
/// into place at the end) so that a failed run never leaves half a file behind.
public final class OutputSink {
    private let handle: FileHandle
    private let temporary: String?
    private let destination: String?
    /// This output's slot in `TemporaryFileCleanup` (nil: standard output, or no slot free).
    private let cleanupSlot: Int?
    private var pending: [UInt8] = []

    /// Standard output.
    public init() {
        handle = FileHandle.standardOutput
        temporary = nil
        destination = nil
        cleanupSlot = nil
    }

    /// A file; refuses to replace an existing one unless `force`.
    public init(path: String, force: Bool) throws(ArticleError) {
        if FileManager.default.fileExists(atPath: path) && !force {
            throw ArticleError(code: "output.exists", message: "\(path) exists; pass --force to overwrite it")
        }
        let temp = path + ".claimex-tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temp, contents: nil), let h = FileHandle(forWritingAtPath: temp) else {
            throw ArticleError(code: "output.unwritable", message: "cannot create \(temp); check the directory exists and is writable")
        }
        handle = h
        temporary = temp
        destination = path
        cleanupSlot = TemporaryFileCleanup.register(temp)
    }

    public func write(_ bytes: [UInt8]) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { flush() }
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        handle.write(Data(pending))
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, moves it into place.
    public func finish() throws(ArticleError) {
        flush()
        guard let temporary, let destination else { return }
        try? handle.close()
        defer { TemporaryFileCleanup.unregister(cleanupSlot) }
        // rename(2) replaces an existing destination atomically: readers see the old file
        // or the new one, never none.
        if rename(temporary, destination) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ArticleError(code: "output.rename", message: "cannot move \(temporary) to \(destination): \(why)")
        }
    }

    /// Removes the temporary file of an abandoned run.
    public func abandon() {
        if let temporary {
            try? FileManager.default.removeItem(atPath: temporary)
            TemporaryFileCleanup.unregister(cleanupSlot)
        }
    }
}
