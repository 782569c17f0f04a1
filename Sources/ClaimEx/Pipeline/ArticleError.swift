/// Why one article produced no records. The run goes on; the error is reported and counted.
public struct ArticleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier, e.g. `input.invalid-json` or `pattern.limit.match`.
    public var code: String
    public var message: String
    /// The article, when it is known (a line that is not JSON has no id).
    public var articleID: String?
    public var provenance: Provenance?
    /// The rule involved, for rule failures such as match limits.
    public var rule: String?

    public init(code: String, message: String, articleID: String? = nil, provenance: Provenance? = nil, rule: String? = nil) {
        self.code = code
        self.message = message
        self.articleID = articleID
        self.provenance = provenance
        self.rule = rule
    }

    public var description: String {
        var where_ = provenance?.location ?? "-"
        if let articleID { where_ += " (\(articleID))" }
        var s = "\(where_): error[\(code)]"
        if let rule { s += " rule '\(rule)'" }
        return s + ": \(message)"
    }
}
