/// Which attribution `extract` runs. The full one (the default) runs every attribution rule
/// and then the learned model over what they leave. The fast one leaves out the rules marked
/// `fast: false` — the general indirect constructions, which PCRE2 tries at many places of
/// each sentence and which cost most of the rules' time — and runs a model trained without
/// them (`model-fast.tsv`), which finds most of their quotes itself: faster, a little less
/// accurate (README, "Fast attribution").
public enum AttributionMode: String, Sendable, CaseIterable {
    case full, fast

    /// The weights file of the mode's model, in `attribution/`.
    public var modelFileName: String {
        switch self {
        case .full: AttributionModel.fileName
        case .fast: AttributionModel.fastFileName
        }
    }
}
