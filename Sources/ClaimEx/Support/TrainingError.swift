/// Why `train-attribution` or `train-claims` could not train: the file, the line and what to
/// fix, with a stable id as every claimex error has.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)
    case badLine(file: String, line: Int, message: String)
    /// Nothing to learn from; `what` names the examples the trainer looked for.
    case noExamples(String)

    public var id: String {
        switch self {
        case .unreadable: "train.unreadable"
        case .badLine: "train.bad-line"
        case .noExamples: "train.no-examples"
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path): "\(path): error[\(id)]: cannot read the training file; check the path"
        case .badLine(let file, let line, let message): "\(file):\(line): error[\(id)]: \(message)"
        case .noExamples(let what): "error[\(id)]: no \(what) to train on; is this the right file?"
        }
    }
}
