import Foundation

/// The progress line on standard error: articles, MB read, rate, and an ETA when the input
/// size is known. Redrawn in place (carriage return) at most twice a second, and only when
/// asked for: `--progress auto` shows it when stderr is a terminal, so logs and pipes stay
/// clean.
public final class ProgressLine {
    public enum Mode: String, Sendable, CaseIterable {
        case auto, always, never
    }

    private let counters: InputCounters
    private let write: (String) -> Void
    private let start = ContinuousClock.now
    /// When the line was last drawn; in the past at first, so the first article shows it.
    private var last = ContinuousClock.now - .seconds(1)
    private var shown = false
    public let enabled: Bool

    public init(mode: Mode, counters: InputCounters, write: @escaping (String) -> Void) {
        self.counters = counters
        self.write = write
        enabled = switch mode {
        case .always: true
        case .never: false
        case .auto: isatty(2) != 0
        }
    }

    /// Called after each article is written; redraws when half a second has passed.
    public func tick(articles: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        guard now - last >= .milliseconds(500) else { return }
        last = now
        write("\r\u{1B}[K" + line(articles: articles, now: now))
        shown = true
    }

    /// Clears the line before the summary is printed.
    public func finish() {
        if shown { write("\r\u{1B}[K") }
    }

    func line(articles: Int, now: ContinuousClock.Instant) -> String {
        let seconds = ProgressLine.seconds(now - start)
        let mb = Double(counters.bytesRead) / 1e6
        let rate = seconds > 0 ? mb / seconds : 0
        var s = String(format: "claimex: %d articles, %.1f MB, %.1f MB/s, %.0f articles/s", articles, mb, rate,
                       seconds > 0 ? Double(articles) / seconds : 0)
        if let total = counters.totalBytes, total > 0, rate > 0 {
            let left = max(0, Double(total - counters.bytesRead) / 1e6 / rate)
            s += String(format: ", %.0f%%, ETA %d:%02d", 100 * Double(counters.bytesRead) / Double(total), Int(left) / 60, Int(left) % 60)
        }
        return s
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
