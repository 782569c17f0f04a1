import Patterns

/// The mutable memory of one worker: reused for every article it processes so that the hot
/// path does not allocate per match.
///
/// One workspace per thread; it is never shared between threads at the same time.
public final class Workspace {
    public let scratch: MatchScratch
    /// Token buffers of the learned attribution model.
    let learned = LearnedAttribution.Scratch()

    public init(limits: MatchLimits = .standard) {
        scratch = MatchScratch(limits: limits)
    }
}
