import Patterns
import Yams

/// The compiled patterns of `rules/cleanup/plaintext.yaml`.
public struct PlainTextRules: Sendable {
    public var headerLines: Int
    public var dropLines: [Pattern]
    public var published: Pattern?
    public var byline: Pattern?
    public var dateline: Pattern?
    public var credit: Pattern?
    public var trailer: [Pattern]
    public var summaryOverlap: Double

    public static func load(_ path: String) throws(RuleError) -> PlainTextRules {
        let node: Node?
        do {
            node = try Yams.compose(yaml: try readRuleFile(path))
        } catch let error as RuleError {
            throw error
        } catch {
            throw RuleError(.syntax, file: path, message: "not valid YAML: \(error)")
        }
        guard let node else { throw RuleError(.syntax, file: path, message: "the file is empty") }
        func compile(_ value: Node?, caseless: Bool = true) throws(RuleError) -> Pattern? {
            guard let value else { return nil }
            guard let source = value.string else {
                throw RuleError(.syntax, file: path, line: value.mark?.line, message: "expected a pattern string")
            }
            do {
                return try Pattern(source, options: caseless ? [.caseless] : [])
            } catch {
                throw RuleError(.compile, file: path, line: value.mark?.line, message: error.description)
            }
        }
        func compileList(_ value: Node?) throws(RuleError) -> [Pattern] {
            var out: [Pattern] = []
            for item in value?.array() ?? [] { if let p = try compile(item) { out.append(p) } }
            return out
        }
        return PlainTextRules(
            headerLines: node["header_lines"]?.int ?? 12,
            dropLines: try compileList(node["drop_lines"]),
            published: try compile(node["published"]),
            byline: try compile(node["byline"], caseless: false),
            dateline: try compile(node["dateline"], caseless: false),
            credit: try compile(node["credit"]),
            trailer: try compileList(node["trailer"]),
            summaryOverlap: node["summary_overlap"]?.float ?? 0.6)
    }
}
