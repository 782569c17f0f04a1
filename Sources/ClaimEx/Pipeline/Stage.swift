/// One processing step with a typed input and output.
///
/// Stages are values holding only immutable, compiled configuration (rules, lexicons), so
/// one instance serves every worker; whatever a stage needs to mutate while it works lives
/// in the worker's `Workspace`. Typed input and output make the order of stages a
/// compile-time fact rather than a convention (swift-nio's typed channel handlers).
public protocol Stage<Input, Output>: Sendable {
    associatedtype Input
    associatedtype Output

    /// A short, stable name used in error records and `explain`.
    var name: String { get }

    func process(_ input: consuming Input, in workspace: Workspace) throws(ArticleError) -> Output
}

/// Two stages run one after the other.
public struct Chain<First: Stage, Second: Stage>: Stage where First.Output == Second.Input {
    public let first: First
    public let second: Second

    public var name: String { "\(first.name) → \(second.name)" }

    public func process(_ input: consuming First.Input, in workspace: Workspace) throws(ArticleError) -> Second.Output {
        try second.process(first.process(input, in: workspace), in: workspace)
    }
}

extension Stage {
    /// Feeds this stage's output into `next`.
    public func then<Next: Stage>(_ next: Next) -> Chain<Self, Next> where Next.Input == Output {
        Chain(first: self, second: next)
    }
}
