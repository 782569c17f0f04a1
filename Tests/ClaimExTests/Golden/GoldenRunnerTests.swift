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
        let changes = RecordDiff.compare(old: old, new: new)
        #expect(changes.count == 3)
        #expect(changes.contains(.changed(id: "a:q0-5", rule: "r1", type: "quote",
                                          fields: [.init(name: "kind", old: #""direct""#, new: #""mixed""#)])))
        #expect(changes.contains { if case .removed(let id, "r2", "quote", _) = $0 { id == "a:q9-12" } else { false } })
        #expect(changes.contains { if case .added(let id, "r3", "claim", _) = $0 { id == "a:c20-30" } else { false } })
    }

    @Test func identicalOutputHasNoChanges() {
        let same = bytes(#"{"type":"quote","id":"a:q0-5","rule":"r1","speaker":{"name":"A","title":null}}"#)
        #expect(RecordDiff.compare(old: same, new: same).isEmpty)
    }

    @Test func summaryCountsByRuleAndType() {
        let changes = RecordDiff.compare(
            old: bytes(#"{"type":"quote","id":"a","rule":"r1"}"#, #"{"type":"quote","id":"b","rule":"r1"}"#),
            new: bytes(#"{"type":"quote","id":"b","rule":"r1","kind":"x"}"#, #"{"type":"claim","id":"c","rule":"r2"}"#))
        let table = RecordDiff.summary(changes)
        #expect(table.count == 2)
        #expect(table.first { $0.rule == "r1" }.map { [$0.added, $0.removed, $0.changed] } == [0, 1, 1])
        #expect(table.first { $0.rule == "r2" }.map { [$0.added, $0.removed, $0.changed] } == [1, 0, 0])
        let json = String(decoding: RecordDiff.json(changes), as: UTF8.self)
        #expect(json.hasPrefix(#"{"equal":false,"summary":[{"type":"claim","rule":"r2","added":1"#))
    }

    @Test func bundledGoldenCasesPass() throws {
        let report = try GoldenRunner(rules: Fixtures.rules, directory: Fixtures.root + "/golden").run(update: false)
        #expect(!report.cases.isEmpty)
        for (name, changes) in report.cases {
            #expect(changes.isEmpty, "golden case \(name) changed: \(changes)")
        }
    }
}
