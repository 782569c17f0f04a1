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

    /// Writes at least this much at a time; a larger piece is written as it is, not copied
    /// into `pending` (whose capacity would otherwise grow to the largest piece and stay).
    static let chunkBytes = 1 << 20

    public func write(_ bytes: [UInt8]) {
        if bytes.count >= OutputSink.chunkBytes {
            flush()
            writeOut(bytes)
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= OutputSink.chunkBytes { flush() }
    }

    public func flush() {
        guard !pending.isEmpty else { return }
        writeOut(pending)
        pending.removeAll(keepingCapacity: pending.capacity <= 2 * OutputSink.chunkBytes)
    }

    /// Hands the bytes to the file handle without another copy of them.
    private func writeOut(_ bytes: [UInt8]) {
        // SAFETY: the Data borrows the array's storage without owning it (deallocator .none)
        // and lives only inside this closure: FileHandle.write writes it synchronously and
        // keeps no reference, and nothing mutates the bytes through the pointer.
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none))
        }
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
