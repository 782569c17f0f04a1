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
    /// True for a part of the item's output handed on before the item is done (a segment
    /// of a huge article, see `Runner`): more of the same item follows, and the item is
    /// counted once, at its last outcome, which has this false.
    public var continues: Bool

    public init(output: [UInt8] = [], quotes: Int = 0, claims: Int = 0, error: ArticleError? = nil, warnings: [ArticleError] = [],
                continues: Bool = false) {
        self.output = output
        self.quotes = quotes
        self.claims = claims
        self.error = error
        self.warnings = warnings
        self.continues = continues
    }

    /// Adds a later part of the same item: its records after these, its counts to these.
    public mutating func append(_ later: Outcome) {
        output += later.output
        quotes += later.quotes
        claims += later.claims
        warnings += later.warnings
        error = later.error
        continues = later.continues
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
///
/// A processor may hand on parts of an item's output before it is done (`emit`, with
/// `Outcome.continues` set), so that a huge article's records need not all be in memory at
/// once. The item being written has its parts written as they come; a worker holding a
/// later item keeps at most `partBytes` of its parts waiting and then waits itself until
/// its item's turn. That cannot deadlock: workers take items in input order, so the item
/// being written is always held by a worker that never waits for its turn.
///
/// The processor is handed an item's article as its only copy (`consuming`): the runner
/// keeps the item's size for its window, not the item, so that a processor that takes the
/// article's body (cleanup does) frees a huge page once it has been read, while the rest of
/// the article's work goes on.
public struct Runner: Sendable {
    public var jobs: Int
    /// Items in flight at most (read, not yet written).
    public var batchSize: Int
    /// Article bytes in flight at most, so that memory stays bounded when articles are
    /// large (WARC pages of a few MB), not only when they are many. One item is always let in.
    public var batchBytes: Int
    /// Bytes of early parts a worker keeps waiting for a later item before it waits too.
    public var partBytes: Int
    public var limits: MatchLimits

    public init(jobs: Int, batchSize: Int? = nil, batchBytes: Int = 16 << 20, partBytes: Int = 4 << 20,
                limits: MatchLimits = .standard) {
        self.jobs = max(1, jobs)
        self.batchSize = max(1, batchSize ?? 64 * max(1, jobs))
        self.batchBytes = max(1, batchBytes)
        self.partBytes = max(1, partBytes)
        self.limits = limits
    }

    /// Runs a processor that hands on each item's output whole.
    public func run(
        _ source: inout some ArticleSource,
        process: @escaping @Sendable (consuming Article, Workspace) -> Outcome,
        sink: (Outcome) throws -> Void
    ) throws -> RunSummary {
        try run(&source, process: { article, workspace, _ in process(consume article, workspace) }, sink: sink)
    }

    /// Runs a processor that may hand on parts of an item's output early through its third
    /// argument (outcomes with `continues` set) and returns the item's last outcome. The
    /// sink gets every part and last outcome in order.
    public func run(
        _ source: inout some ArticleSource,
        process: @escaping @Sendable (consuming Article, Workspace, _ emit: (Outcome) -> Void) -> Outcome,
        sink: (Outcome) throws -> Void
    ) throws -> RunSummary {
        var summary = RunSummary()
        /// Counts one written outcome (the item at its last one); false when the sink asked to stop.
        func write(_ bytes: Int, _ outcome: Outcome) throws -> Bool {
            if !outcome.continues {
                summary.read += 1
                summary.bytes += bytes
                if outcome.error == nil { summary.ok += 1 } else { summary.failed += 1 }
            }
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
                let size = Runner.size(item)
                // Parts go to the sink at once; once it has stopped or failed, later parts
                // and the last outcome are dropped.
                var stopped: Error?
                let last = Runner.one(consume item, workspace, process) { part in
                    guard stopped == nil else { return }
                    do {
                        if try !write(0, part) { stopped = StopRun() }
                    } catch {
                        stopped = error
                    }
                }
                if let stopped {
                    if stopped is StopRun { break }
                    throw stopped
                }
                guard try write(size, last) else { break }
            }
            return summary
        }

        let partBytes = partBytes
        let window = RunWindow()
        let group = DispatchGroup()
        let limits = limits
        for _ in 0..<jobs {
            DispatchQueue.global().async(group: group) {
                window.work(workspace: Workspace(limits: limits), partBytes: partBytes, process: process)
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
            if outcome.continues { return try write(0, outcome) }
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
            window.submit(next, consume item)
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

    static func one(_ item: consuming ReadItem, _ workspace: Workspace,
                    _ process: @escaping (consuming Article, Workspace, (Outcome) -> Void) -> Outcome,
                    emit: (Outcome) -> Void) -> Outcome {
        let article: Article
        switch item {
        case .success(let a): article = a
        case .failure(let error): return Outcome(error: error)
        }
        // The item's own reference goes before the article is handed on, moved, not copied.
        _ = consume item
        return process(consume article, workspace, emit)
    }
}

/// What the reading thread and the workers of a run share: items to process and outcomes
/// not yet written, keyed by their input index.
final class RunWindow: @unchecked Sendable {
    // SAFETY: every stored property below is read and written only with `condition` locked.
    private let condition = NSCondition()
    /// Items to process; a taken item's slot is emptied at once, so that the worker holds the
    /// only copy of it (see `Runner`).
    private var queue: [(index: Int, item: ReadItem?)] = []
    private var head = 0
    private var results: [Int: Outcome] = [:]
    /// Early parts of items not done yet, oldest first.
    private var parts: [Int: [Outcome]] = [:]
    /// The item the writer is writing: its parts never wait.
    private var writing = 0
    private var closed = false

    /// Queues item `index` for the workers.
    func submit(_ index: Int, _ item: consuming ReadItem) {
        condition.lock()
        queue.append((index, consume item))
        condition.broadcast()
        condition.unlock()
    }

    /// The next part or the last outcome of item `index` once it is there (or nil at once,
    /// when `wait` is false). Items are taken in index order: taking `index` makes it the
    /// item being written.
    func take(_ index: Int, wait: Bool) -> Outcome? {
        condition.lock()
        defer { condition.unlock() }
        if writing != index {
            writing = index
            condition.broadcast()
        }
        while true {
            if var waiting = parts[index], !waiting.isEmpty {
                let part = waiting.removeFirst()
                parts[index] = waiting.isEmpty ? nil : waiting
                condition.broadcast()
                return part
            }
            if let outcome = results.removeValue(forKey: index) {
                return outcome
            }
            if !wait { return nil }
            condition.wait()
        }
    }

    /// Stores an early part of item `index`; when the item is not being written and its
    /// waiting parts reach `limit` bytes, waits until they are written or the run ends.
    func emit(_ index: Int, _ part: Outcome, limit: Int) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return }
        parts[index, default: []].append(part)
        condition.broadcast()
        while !closed && writing != index && waitingBytes(index) >= limit { condition.wait() }
    }

    /// Output bytes of item `index`'s parts not yet written (called with the lock held).
    private func waitingBytes(_ index: Int) -> Int {
        parts[index]?.reduce(0) { $0 + $1.output.count } ?? 0
    }

    /// No more items: workers finish what they hold and return; queued items are dropped
    /// (after the last item, nothing is queued; after a stop, nothing more is wanted).
    func close() {
        condition.lock()
        closed = true
        queue.removeAll()
        head = 0
        parts.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// A worker's loop: take the oldest queued item, process it, store its outcome.
    func work(workspace: Workspace, partBytes: Int, process: @escaping (consuming Article, Workspace, (Outcome) -> Void) -> Outcome) {
        condition.lock()
        while true {
            while head == queue.count && !closed { condition.wait() }
            if head == queue.count { break }
            let index = queue[head].index
            let item = queue[head].item!
            queue[head].item = nil
            head += 1
            if head >= 256 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.unlock()
            let outcome = Runner.one(consume item, workspace, process) { self.emit(index, $0, limit: partBytes) }
            condition.lock()
            results[index] = outcome
            condition.broadcast()
        }
        condition.unlock()
    }
}
