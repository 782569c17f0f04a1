/// The one-word weights of the boundary models' cue-independent part (`BoundaryScorer.bases`),
/// gathered by word when a model file is loaded: eighteen weights a word (its own, and as the
/// word before or after another, in each of the four models), one row.
///
/// `bases` is asked for every token of every sentence the model decodes, and summed fourteen
/// weights a token, each a hashed lookup that most often finds nothing. With the rows, a token
/// costs one lookup (its row) and each weight is a read from its own row or a neighbour's.
/// The sums are the same floats, added in the same order: the rows only move where a weight
/// is read from.
struct BaseWordRows: Sendable {
    /// The slots of a row, in order: content start and end (`s:`, `e:`) w, wp, wn, wn2, then
    /// source start and end (`a:`, `b:`) w, wp, wn, shp, shn (a punctuation neighbour's own mark).
    static let width = 18
    static let csW = 0, csWp = 1, csWn = 2, csWn2 = 3
    static let ceW = 4, ceWp = 5, ceWn = 6, ceWn2 = 7
    static let ssW = 8, ssWp = 9, ssWn = 10, ssShp = 11, ssShn = 12
    static let seW = 13, seWp = 14, seWn = 15, seShp = 16, seShn = 17

    /// The template key of each slot.
    static let templates: [UInt64] = {
        let s = AttributionFeatures.contentStart, e = AttributionFeatures.contentEnd
        let a = AttributionFeatures.sourceStart, b = AttributionFeatures.sourceEnd
        return [s.w, s.wp, s.wn, s.wn2, e.w, e.wp, e.wn, e.wn2, a.w, a.wp, a.wn, a.shp, a.shn, b.w, b.wp, b.wn, b.shp, b.shn]
    }()

    static let slotOfTemplate: [UInt64: Int] = Dictionary(uniqueKeysWithValues: templates.enumerated().map { ($1, $0) })

    /// Word key (`WordToken.norm`, or `AttributionFeatures.start` / `end`) → the offset of its row
    /// in `weights`; 0, a row of zeros, for a word no slot names.
    let offsets: KeyTable<Int32>
    /// The rows back to back, `width` floats each; row 0 is all zeros.
    let weights: [Float]
    /// The rows of the sentence's edges, as `BoundaryScorer.word` names them.
    let startRow: Int, endRow: Int

    /// `entries`: the model's one-value weights whose template is a slot's (others are ignored).
    init(_ entries: [(template: UInt64, value: UInt64, weight: Float)]) {
        var rowOf: [UInt64: Int32] = [:]
        var weights = [Float](repeating: 0, count: BaseWordRows.width)
        for e in entries {
            guard let slot = BaseWordRows.slotOfTemplate[e.template] else { continue }
            let offset: Int32
            if let known = rowOf[e.value] {
                offset = known
            } else {
                offset = Int32(weights.count)
                rowOf[e.value] = offset
                weights.append(contentsOf: repeatElement(0, count: BaseWordRows.width))
            }
            weights[Int(offset) + slot] = e.weight
        }
        offsets = KeyTable(rowOf.map { (key: $0.key, value: $0.value) }, missing: 0)
        self.weights = weights
        startRow = Int(offsets[AttributionFeatures.start])
        endRow = Int(offsets[AttributionFeatures.end])
    }

    /// The row offset of a word.
    @inline(__always) func row(_ word: UInt64) -> Int { Int(offsets[word]) }
}
