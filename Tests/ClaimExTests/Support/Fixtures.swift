import Foundation
@testable import ClaimEx

/// Shared test fixtures: the bundled rules, loaded once.
enum Fixtures {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("package root not found above \(#filePath)")
    }()

    static let rulesDirectory = root + "/rules"

    static let rules: RuleSet = {
        do {
            return try RuleSet.load(directory: rulesDirectory)
        } catch {
            fatalError("bundled rules do not load: \(error)")
        }
    }()

    /// The bundled rules for `extract --fast`.
    static let fastRules: RuleSet = {
        do {
            return try RuleSet.load(directory: rulesDirectory, attribution: .fast)
        } catch {
            fatalError("bundled rules do not load for the fast attribution: \(error)")
        }
    }()

    /// Runs the pipeline on a plain-text article.
    static func document(_ text: String, depth: Pipeline.Depth = .full, id: String = "test", minQuoteConfidence: Double = 0,
                         attribution: AttributionMode = .full) throws -> Document {
        let article = Article(id: id, format: .text, body: Array(text.utf8), provenance: Provenance(input: "test"))
        return try Pipeline(rules: attribution == .fast ? fastRules : rules, depth: depth, minQuoteConfidence: minQuoteConfidence)
            .run(article, in: Workspace())
    }
}
