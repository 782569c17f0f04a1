import Foundation

/// Temporary files and directories for reader tests, removed by the caller's `defer`.
enum TempFiles {
    static func path(_ suffix: String) -> String {
        NSTemporaryDirectory() + "claimex-test-\(UUID().uuidString)\(suffix)"
    }

    static func write(_ bytes: [UInt8], suffix: String) throws -> String {
        let p = path(suffix)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// gzip of `bytes` by the system's gzip(1), so that our reader is checked against
    /// another implementation; `members` > 1 concatenates separately compressed parts.
    static func gzip(_ bytes: [UInt8], members: Int = 1) throws -> [UInt8] {
        var out: [UInt8] = []
        let size = max(1, (bytes.count + members - 1) / members)
        var start = 0
        repeat {
            let part = Array(bytes[start..<min(bytes.count, start + size)])
            let input = try write(part, suffix: ".bin")
            defer { try? FileManager.default.removeItem(atPath: input) }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "gzip -c -n '\(input)'"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            out += pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            start += size
        } while start < bytes.count
        return out
    }

    static let warcDirectory = Fixtures.root + "/Tests/ClaimExTests/Fixtures/warc"
}
