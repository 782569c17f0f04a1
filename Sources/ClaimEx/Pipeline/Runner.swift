import Dispatch
import Patterns
import Synchronization

/// What one input item became: its encoded output records and what to count.
public struct Outcome: Sendable {
    public var output: [UInt8]
    public var quotes: Int
    public var claims: Int
    /// Set when the article failed: it then has no records but this error.
    public var error: ArticleError?
    /// Problems that did not stop the article.
    public var warnings: [ArticleError]

    public init(output: [UInt8] = [], quotes: Int = 0, claims: Int = 0, error: ArticleError? = nil, warnings: [ArticleError] = []) {
        self.output = output
        self.quotes = quotes
        self.claims = claims
        self.error = error
        self.warnings = warnings
    }
}

/// End-of-run accounting. Invariant: `read == ok + failed`.
public struct RunSummary: Sendable, Equatable {
    public var read = 0
    public var ok = 0
    public var failed = 0
    public var quotes = 0
    public var claims = 0
    /// Article bytes handed to the pipeline.
    public var bytes = 0
    /// Input file bytes read (compressed bytes for gzip), for MB/s.
    public var inputBytes = 0
    /// Items passed over as not articles: WARC requests, metadata, images, redirects, and
    /// the asset files (images, scripts, styles) of saved pages inside directories.
    public var skipped = 0
    /// True when `--fail-fast` stopped the run early.
    public var stoppedEarly = false

    public init() {}
}

/// Thrown by a runner's sink to end the run after the outcome it was given (`--fail-fast`).
public struct StopRun: Error {
    public init() {}
}

/// Maps input items over `jobs` workers and hands their outcomes to `sink` in input order.
///
/// Items are taken in batches: a batch is processed in parallel, then written in order,
/// which keeps memory bounded by the batch and makes the output byte-identical for any
/// number of jobs.
public struct Runner: Sendable {
    public var jobs: Int
    public var batchSize: Int
    /// A batch also ends once its articles hold this many bytes, so that memory stays
    /// bounded when articles are large (WARC pages of a few MB), not only when they are many.
    public var batchBytes: Int
    public var limits: MatchLimits

    public init(jobs: Int, batchSize: Int? = nil, batchBytes: Int = 16 << 20, limits: MatchLimits = .standard) {
        self.jobs = max(1, jobs)
        self.batchSize = batchSize ?? 64 * max(1, jobs)
        self.batchBytes = max(1, batchBytes)
        self.limits = limits
    }

    public func run(
        _ source: inout some ArticleSource,
        process: @Sendable (Article, Workspace) -> Outcome,
        sink: (Outcome) throws -> Void
    ) throws -> RunSummary {
        var summary = RunSummary()
        let workspaces = (0..<jobs).map { _ in Workspace(limits: limits) }
        var batch: [ReadItem] = []
        batch.reserveCapacity(batchSize)
        var exhausted = false
        while !exhausted {
            batch.removeAll(keepingCapacity: true)
            var bytes = 0
            while batch.count < batchSize && bytes < batchBytes {
                guard let item = source.next() else { exhausted = true; break }
                if case .success(let article) = item { bytes += article.body.count }
                batch.append(item)
            }
            if batch.isEmpty { break }
            let outcomes = map(batch, workspaces: workspaces, process: process)
            for (item, outcome) in zip(batch, outcomes) {
                summary.read += 1
                if case .success(let article) = item { summary.bytes += article.body.count }
                if outcome.error == nil { summary.ok += 1 } else { summary.failed += 1 }
                summary.quotes += outcome.quotes
                summary.claims += outcome.claims
                do {
                    try sink(outcome)
                } catch is StopRun {
                    summary.stoppedEarly = true
                    return summary
                }
            }
        }
        return summary
    }

    private func map(_ batch: [ReadItem], workspaces: [Workspace], process: @Sendable (Article, Workspace) -> Outcome) -> [Outcome] {
        @Sendable func one(_ item: ReadItem, _ workspace: Workspace) -> Outcome {
            switch item {
            case .success(let article): process(article, workspace)
            case .failure(let error): Outcome(error: error)
            }
        }
        if jobs == 1 || batch.count == 1 {
            return batch.map { one($0, workspaces[0]) }
        }
        var outcomes = [Outcome](repeating: Outcome(), count: batch.count)
        let next = Atomic<Int>(0)
        outcomes.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedSlots(buffer: buffer, workspaces: workspaces)
            DispatchQueue.concurrentPerform(iterations: min(jobs, batch.count)) { worker in
                while true {
                    let i = next.add(1, ordering: .relaxed).oldValue
                    guard i < batch.count else { return }
                    shared.buffer[i] = one(batch[i], shared.workspaces[worker])
                }
            }
        }
        return outcomes
    }
}

/// The output slots and workspaces of one parallel batch.
private struct SharedSlots: @unchecked Sendable {
    // SAFETY: each slot index is handed out exactly once by the atomic counter, so no two
    // workers write the same slot, and nobody reads the buffer until concurrentPerform has
    // returned. Worker `w` is the only user of `workspaces[w]` during the batch.
    let buffer: UnsafeMutableBufferPointer<Outcome>
    let workspaces: [Workspace]
}
