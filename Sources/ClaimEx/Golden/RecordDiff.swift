import Foundation

/// Record-level difference between two claimex outputs, keyed by the stable record id.
///
/// Line diffs of JSON Lines are unreadable and break on any reordering; comparing records by
/// id says what a rule change did: which quotes and claims appeared, which disappeared, and
/// which fields of the others changed.
public enum RecordDiff {
    /// One record's fate between the old and the new output.
    public enum Change: Sendable, Equatable {
        case added(id: String, rule: String, type: String, line: String)
        case removed(id: String, rule: String, type: String, line: String)
        case changed(id: String, rule: String, type: String, fields: [FieldChange])

        public var id: String {
            switch self {
            case .added(let id, _, _, _), .removed(let id, _, _, _), .changed(let id, _, _, _): id
            }
        }

        /// The rule and record type the change is grouped under (the new rule for changes).
        public var group: (rule: String, type: String) {
            switch self {
            case .added(_, let rule, let type, _), .removed(_, let rule, let type, _), .changed(_, let rule, let type, _): (rule, type)
            }
        }
    }

    /// A top-level field that differs, with both values as canonical JSON (nil: absent).
    public struct FieldChange: Sendable, Equatable {
        public var name: String
        public var old: String?
        public var new: String?
    }

    /// Compares two JSON Lines outputs. Lines that are not JSON objects are keyed by their
    /// line number; records without an id (document, sentences) by type and article.
    public static func compare(old: [UInt8], new: [UInt8]) -> [Change] {
        let before = records(old)
        let after = records(new)
        let afterByID = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let beforeIDs = Set(before.map(\.id))
        var changes: [Change] = []
        for r in before {
            guard let n = afterByID[r.id] else {
                changes.append(.removed(id: r.id, rule: r.rule, type: r.type, line: r.line))
                continue
            }
            let keys = Set(r.fields.keys).union(n.fields.keys).sorted()
            let differing = keys.filter { r.fields[$0] != n.fields[$0] }
                .map { FieldChange(name: $0, old: r.fields[$0], new: n.fields[$0]) }
            if !differing.isEmpty { changes.append(.changed(id: r.id, rule: n.rule, type: n.type, fields: differing)) }
        }
        for n in after where !beforeIDs.contains(n.id) {
            changes.append(.added(id: n.id, rule: n.rule, type: n.type, line: n.line))
        }
        return changes
    }

    /// Counts by rule and record type: (added, removed, changed).
    public static func summary(_ changes: [Change]) -> [(rule: String, type: String, added: Int, removed: Int, changed: Int)] {
        var table: [String: (rule: String, type: String, added: Int, removed: Int, changed: Int)] = [:]
        for c in changes {
            let (rule, type) = c.group
            var row = table["\(type) \(rule)"] ?? (rule, type, 0, 0, 0)
            switch c {
            case .added: row.added += 1
            case .removed: row.removed += 1
            case .changed: row.changed += 1
            }
            table["\(type) \(rule)"] = row
        }
        return table.keys.sorted().map { table[$0]! }
    }

    /// Human-readable report, grouped by record type and rule.
    public static func render(_ changes: [Change]) -> String {
        var out = ""
        let groups = Dictionary(grouping: changes) { "\($0.group.type) \($0.group.rule)" }
        for key in groups.keys.sorted() {
            out += "  \(key)\n"
            for change in groups[key]! {
                switch change {
                case .added(let id, _, _, let line): out += "    + \(id)\n      \(line)\n"
                case .removed(let id, _, _, let line): out += "    - \(id)\n      \(line)\n"
                case .changed(let id, _, _, let fields):
                    out += "    ~ \(id)\n"
                    for f in fields { out += "      \(f.name): \(f.old ?? "(absent)") → \(f.new ?? "(absent)")\n" }
                }
            }
        }
        return out
    }

    /// Machine-readable report: one JSON object with the summary table and every change.
    public static func json(_ changes: [Change]) -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("equal"); json.bool(changes.isEmpty)
        json.key("summary")
        json.beginArray()
        for row in summary(changes) {
            json.beginObject()
            json.key("type"); json.string(row.type)
            json.key("rule"); json.string(row.rule)
            json.key("added"); json.int(row.added)
            json.key("removed"); json.int(row.removed)
            json.key("changed"); json.int(row.changed)
            json.endObject()
        }
        json.endArray()
        json.key("changes")
        json.beginArray()
        for c in changes {
            json.beginObject()
            switch c {
            case .added(let id, let rule, let type, _), .removed(let id, let rule, let type, _):
                if case .added = c { json.key("change"); json.string("added") } else { json.key("change"); json.string("removed") }
                json.key("id"); json.string(id)
                json.key("type"); json.string(type)
                json.key("rule"); json.string(rule)
            case .changed(let id, let rule, let type, let fields):
                json.key("change"); json.string("changed")
                json.key("id"); json.string(id)
                json.key("type"); json.string(type)
                json.key("rule"); json.string(rule)
                json.key("fields")
                json.beginArray()
                for f in fields { json.string(f.name) }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.newline()
        return json.bytes
    }

    struct Record {
        var id: String
        var type: String
        var rule: String
        var line: String
        /// Each top-level field as canonical JSON, for comparison.
        var fields: [String: String]
    }

    static func records(_ bytes: [UInt8]) -> [Record] {
        var out: [Record] = []
        for (n, line) in bytes.split(separator: 0x0A).enumerated() {
            let text = String(decoding: line, as: UTF8.self)
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                out.append(Record(id: "line-\(n + 1)", type: "?", rule: "-", line: text, fields: ["line": text]))
                continue
            }
            var fields: [String: String] = [:]
            for (k, v) in object {
                let data = (try? JSONSerialization.data(withJSONObject: [v], options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
                // Strip the wrapping array: `[value]` → `value`.
                fields[k] = String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
            }
            let type = object["type"] as? String ?? "?"
            let id = object["id"] as? String
                ?? "\(type):\(object["article_id"] as? String ?? "line-\(n + 1)")"
            out.append(Record(id: id, type: type, rule: object["rule"] as? String ?? "-", line: text, fields: fields))
        }
        return out
    }
}
