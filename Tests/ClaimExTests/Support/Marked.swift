/// Test text with spans marked in place, so expectations never rely on hand-counted offsets:
/// `"⟦content:We won⟧," ⟦speaker:Guler⟧ ⟦cue:said⟧.` gives the plain text and, per name, the
/// byte range and text of the marked span. Marks do not nest.
struct Marked {
    let text: String
    let spans: [String: Range<Int>]

    init(_ marked: String) {
        var out = ""
        var spans: [String: Range<Int>] = [:]
        var rest = Substring(marked)
        while let open = rest.firstIndex(of: "⟦") {
            out += rest[..<open]
            let inner = rest[rest.index(after: open)...]
            guard let colon = inner.firstIndex(of: ":"), let close = inner.firstIndex(of: "⟧") else {
                fatalError("bad mark in test text: \(marked)")
            }
            let name = String(inner[..<colon])
            let start = out.utf8.count
            out += inner[inner.index(after: colon)..<close]
            spans[name] = start..<out.utf8.count
            rest = inner[inner.index(after: close)...]
        }
        out += rest
        text = out
        self.spans = spans
    }

    subscript(name: String) -> String? {
        spans[name].map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
    }
}
