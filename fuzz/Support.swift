// Shared by every harness (compiled into each one): the bundled rules, loaded once.
import Foundation
@testable import ClaimEx

enum FuzzSupport {
    /// `CLAIMEX_RULES` (set by `make fuzz`), else `rules/` in the working directory.
    static let rules: RuleSet = {
        let dir = ProcessInfo.processInfo.environment["CLAIMEX_RULES"] ?? "rules"
        do {
            return try RuleSet.load(directory: dir)
        } catch {
            fatalError("fuzz: the rules in \(dir) do not load: \(error)")
        }
    }()

    static let workspace = Workspace()

    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// A private scratch file for harnesses that must go through the file readers.
    static let scratchDirectory: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let dir = base + "/claimex-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()
}
