import Testing
@testable import ClaimEx

@Suite struct GoldenRunnerTests {
    func bytes(_ lines: String...) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    @Test func recordsAreComparedByIdAndField() {
        let old = bytes(
            #"{"type":"quote","id":"a:q0-5","rule":"r1","kind":"direct","text":"x"}"#,
            #"{"type":"quote","id":"a:q9-12","rule":"r2","kind":"direct","text":"y"}"#)
        let new = bytes(
            #"{"type":"quote","id":"a:q0-5","rule":"r1","kind":"mixed","text":"x"}"#,
            #"{"type":"claim","id":"a:c20-30","rule":"r3","text":"z"}"#)
        let changes = GoldenRunner.diff(expected: old, actual: new)
        #expect(changes.count == 3)
        #expect(changes.contains(.changed(id: "a:q0-5", rule: "r1", type: "quote", fields: ["kind"])))
        #expect(changes.contains { if case .removed(let id, "r2", "quote", _) = $0 { id == "a:q9-12" } else { false } })
        #expect(changes.contains { if case .added(let id, "r3", "claim", _) = $0 { id == "a:c20-30" } else { false } })
    }

    @Test func identicalOutputHasNoChanges() {
        let same = bytes(#"{"type":"quote","id":"a:q0-5","rule":"r1","speaker":{"name":"A","title":null}}"#)
        #expect(GoldenRunner.diff(expected: same, actual: same).isEmpty)
    }

    @Test func bundledGoldenCasesPass() throws {
        let report = try GoldenRunner(rules: Fixtures.rules, directory: Fixtures.root + "/golden").run(update: false)
        #expect(!report.cases.isEmpty)
        for (name, changes) in report.cases {
            #expect(changes.isEmpty, "golden case \(name) changed: \(changes)")
        }
    }
}
