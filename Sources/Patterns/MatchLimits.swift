/// Resource limits applied to every match, so that a pathological pattern or input
/// fails one match quickly instead of stalling a worker.
public struct MatchLimits: Sendable, Equatable {
    /// PCRE2's match limit: the number of times its internal match function may be called
    /// (counted differently, but also enforced, under JIT).
    public var match: UInt32
    /// Backtracking depth limit (interpreter only; JIT uses its own stack, bounded by `jitStack`).
    public var depth: UInt32
    /// Heap memory for backtracking, in KiB (interpreter only).
    public var heapKiB: UInt32
    /// The most memory a worker's JIT stack may grow to, in bytes.
    public var jitStack: Int

    public init(match: UInt32 = 1_000_000, depth: UInt32 = 10_000, heapKiB: UInt32 = 20_000, jitStack: Int = 4 << 20) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
        self.jitStack = jitStack
    }

    /// Limits that keep the worst case of one match within a few milliseconds.
    public static let standard = MatchLimits()
}
