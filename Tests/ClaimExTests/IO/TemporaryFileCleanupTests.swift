import Foundation
import Testing
@testable import ClaimEx

/// Several outputs open at once (a library user on several threads) each keep their own
/// protection against a signal; finishing one leaves the others protected.
@Suite struct TemporaryFileCleanupTests {
    @Test func eachOpenOutputIsProtectedUntilItFinishes() throws {
        let a = TempFiles.path(".jsonl")
        let b = TempFiles.path(".jsonl")
        defer { for p in [a, b] { try? FileManager.default.removeItem(atPath: p) } }
        let sinkA = try OutputSink(path: a, force: false)
        let sinkB = try OutputSink(path: b, force: false)
        #expect(TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(a + ".claimex-tmp-") })
        #expect(TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(b + ".claimex-tmp-") })
        sinkA.write(Array("{}\n".utf8))
        try sinkA.finish()
        #expect(!TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(a) })
        #expect(TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(b + ".claimex-tmp-") })
        sinkB.abandon()
        #expect(!TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(b) })
        #expect(FileManager.default.fileExists(atPath: a))
        #expect(!FileManager.default.fileExists(atPath: b))
    }

    @Test func outputsOpenedOnManyThreadsAtOnceKeepTheirSlots() async throws {
        let paths = (0..<16).map { _ in TempFiles.path(".jsonl") }
        defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for p in paths {
                group.addTask {
                    let sink = try OutputSink(path: p, force: false)
                    sink.write(Array("{}\n".utf8))
                    try sink.finish()
                }
            }
            try await group.waitForAll()
        }
        for p in paths {
            #expect(FileManager.default.fileExists(atPath: p))
            #expect(!TemporaryFileCleanup.protectedPaths.contains { $0.hasPrefix(p) })
        }
    }
}
