import Dispatch
import Foundation
import Patterns

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
/// The calling thread reads items and writes outcomes; `jobs` worker threads process them.
/// At most `batchSize` items (and `batchBytes` bytes of articles) are between being read
/// and being written: that window is the backpressure that keeps memory bounded, and a
/// slow article holds up only the writing, not the other workers, until the window fills.
/// Outcomes are written strictly in input order, so the output is byte-identical for any
/// number of jobs.
public struct Runner: Sendable {
    public var jobs: Int
    /// Items in flight at most (read, not yet written).
    public var batchSize: Int
    /// Article bytes in flight at most, so that memory stays bounded when articles are
    /// large (WARC pages of a few MB), not only when they are many. One item is always let in.
    public var batchBytes: Int
    public var limits: MatchLimits

    public init(jobs: Int, batchSize: Int? = nil, batchBytes: Int = 16 << 20, limits: MatchLimits = .standard) {
        self.jobs = max(1, jobs)
        self.batchSize = max(1, batchSize ?? 64 * max(1, jobs))
        self.batchBytes = max(1, batchBytes)
        self.limits = limits
    }

    public func run(
        _ source: inout some ArticleSource,
        process: @escaping @Sendable (Article, Workspace) -> Outcome,
        sink: (Outcome) throws -> Void
    ) throws -> RunSummary {
        var summary = RunSummary()
        /// Counts one written item; false when the sink asked to stop.
        func write(_ bytes: Int, _ outcome: Outcome) throws -> Bool {
            summary.read += 1
            summary.bytes += bytes
            if outcome.error == nil { summary.ok += 1 } else { summary.failed += 1 }
            summary.quotes += outcome.quotes
            summary.claims += outcome.claims
            do {
                try sink(outcome)
            } catch is StopRun {
                summary.stoppedEarly = true
                return false
            }
            return true
        }
        if jobs == 1 {
            let workspace = Workspace(limits: limits)
            while let item = source.next() {
                let outcome = Runner.one(item, workspace, process)
                guard try write(Runner.size(item), outcome) else { break }
            }
            return summary
        }

        let window = RunWindow()
        let group = DispatchGroup()
        let limits = limits
        for _ in 0..<jobs {
            DispatchQueue.global().async(group: group) {
                window.work(workspace: Workspace(limits: limits), process: process)
            }
        }
        defer {
            window.close()
            group.wait()
        }
        var sizes: [Int: Int] = [:]
        var next = 0
        var written = 0
        var inFlightBytes = 0
        func writeNext(wait: Bool) throws -> Bool? {
            guard let outcome = window.take(written, wait: wait) else { return nil }
            let size = sizes.removeValue(forKey: written)!
            inFlightBytes -= size
            written += 1
            return try write(size, outcome)
        }
        while true {
            while let goOn = try writeNext(wait: false) {
                if !goOn { return summary }
            }
            if next - written >= batchSize || (inFlightBytes >= batchBytes && next > written) {
                if try writeNext(wait: true) == false { return summary }
                continue
            }
            guard let item = source.next() else { break }
            let size = Runner.size(item)
            sizes[next] = size
            inFlightBytes += size
            window.submit(next, item)
            next += 1
        }
        while written < next {
            if try writeNext(wait: true) == false { return summary }
        }
        return summary
    }

    /// The article bytes of an item (0 for a failure to read).
    static func size(_ item: ReadItem) -> Int {
        if case .success(let article) = item { return article.body.count }
        return 0
    }

    static func one(_ item: ReadItem, _ workspace: Workspace, _ process: (Article, Workspace) -> Outcome) -> Outcome {
        switch item {
        case .success(let article): process(article, workspace)
        case .failure(let error): Outcome(error: error)
        }
    }
}

/// What the reading thread and the workers of a run share: items to process and outcomes
/// not yet written, keyed by their input index.
final class RunWindow: @unchecked Sendable {
    // SAFETY: every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var queue: [(Int, ReadItem)] = []
    private var head = 0
    private var results: [Int: Outcome] = [:]
    private var closed = false

    /// Queues item `index` for the workers.
    func submit(_ index: Int, _ item: ReadItem) {
        condition.lock()
        queue.append((index, item))
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of item `index` once it is there (or nil at once, when `wait` is false).
    func take(_ index: Int, wait: Bool) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil {
            if !wait { return nil }
            condition.wait()
        }
        return results.removeValue(forKey: index)
    }

    /// No more items: workers finish what they hold and return; queued items are dropped
    /// (after the last item, nothing is queued; after a stop, nothing more is wanted).
    func close() {
        condition.lock()
        closed = true
        queue.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }

    /// A worker's loop: take the oldest queued item, process it, store its outcome.
    func work(workspace: Workspace, process: (Article, Workspace) -> Outcome) {
        condition.lock()
        while true {
            while head == queue.count && !closed { condition.wait() }
            if head == queue.count { break }
            let (index, item) = queue[head]
            head += 1
            if head >= 256 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            let outcome = Runner.one(item, workspace, process)
            condition.lock()
            results[index] = outcome
            condition.broadcast()
        }
        condition.unlock()
    }
}
