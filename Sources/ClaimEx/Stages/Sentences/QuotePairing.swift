/// The quotation marks and brackets of one paragraph, paired.
///
/// Sentence boundaries depend on quotation structure that only the whole paragraph shows: a
/// quotation closed later in the paragraph is one unit (`"We will win. We always win," he
/// said.` is one sentence, as in pySBD's golden rules), while one that is never closed runs on
/// into the next paragraph and may be split. So the splitter first pairs the marks of a
/// paragraph (one pass, a stack), then scans for boundaries.
///
/// Linear by construction: each mark is pushed and popped at most once, and a closing mark
/// whose family has no open mark is dropped without searching the stack. The arrays are kept
/// between paragraphs to avoid reallocating them. A struct, owned by the scanner, so that the
/// hot loops pay no dynamic exclusivity checks.
struct QuotePairing {
    enum Role: UInt8 { case none = 0, open, close }

    /// Start offsets of every mark, in order, with its role and family.
    private(set) var positions: [Int] = []
    private(set) var roles: [Role] = []
    private(set) var families: [QuoteMark.Family] = []
    /// Paired regions that protect their inside from splitting (the outermost of those not
    /// longer than `protectedLength`): opening and closing mark offsets, sorted.
    private(set) var pairOpen: [Int] = []
    private(set) var pairClose: [Int] = []
    /// Quotations longer than `protectedLength` (outermost only): split inside like any text,
    /// but a sentence that starts in one starts inside a quotation.
    private(set) var longOpen: [Int] = []
    private(set) var longClose: [Int] = []

    /// A quotation or bracket closed within this many bytes is kept whole, as pySBD's golden
    /// rules expect ("'Well!' thought Alice, 'after such a fall as this, I shall …!'"). A
    /// longer one — a paragraph-long statement, or marks mispaired across sentences — is split
    /// like any text, so one stray mark cannot glue a paragraph into one sentence, and the
    /// attribution stage sees its sentences through `startsInsideQuote`.
    static let protectedLength = 400
    /// Offset of the earliest quotation mark left open at the end of the paragraph, or -1.
    private(set) var firstUnclosedQuote = -1
    /// The family of that mark: the quotation the paragraph hands on to the next one.
    private(set) var unclosedFamily: QuoteMark.Family?

    private var stack: [Int] = []
    private var openCount = [Int](repeating: 0, count: 7)
    private var elisions: Set<LexiconKey> = []

    init(elisions: Set<LexiconKey>) {
        self.elisions = elisions
    }

    mutating func analyse(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) {
        positions.removeAll(keepingCapacity: true)
        roles.removeAll(keepingCapacity: true)
        families.removeAll(keepingCapacity: true)
        pairOpen.removeAll(keepingCapacity: true)
        pairClose.removeAll(keepingCapacity: true)
        longOpen.removeAll(keepingCapacity: true)
        longClose.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        for k in 0..<openCount.count { openCount[k] = 0 }
        firstUnclosedQuote = -1
        unclosedFamily = nil

        var i = start
        while i < end {
            i = PlainRun.skipToMark(p, i, end)
            guard i < end else { break }
            switch p[i] {
            case 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x60, 0x7B, 0x7D, 0xC2, 0xE2, 0xE3, 0xEF:
                guard let mark = QuoteMark.at(p, i, end) else {
                    i += 1
                    continue
                }
                let role = classify(mark, p, i, start, end)
                record(i, mark.family, role)
                i += mark.length
            default:
                i += 1
            }
        }
        for index in stack {
            let family = families[index]
            if family.isQuotation {
                firstUnclosedQuote = positions[index]
                unclosedFamily = family
                break
            }
        }
    }

    /// Role of the mark starting exactly at `offset` (`.none` when there is no mark there).
    func role(at offset: Int) -> Role {
        var lo = 0
        var hi = positions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if positions[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < positions.count && positions[lo] == offset ? roles[lo] : .none
    }

    /// Offset of the closing mark paired with the outermost opening mark at `offset`, or nil.
    func closeOfOutermost(openAt offset: Int) -> Int? {
        var lo = 0
        var hi = pairOpen.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if pairOpen[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < pairOpen.count && pairOpen[lo] == offset ? pairClose[lo] : nil
    }

    /// Whether the paragraph's first visible character, at `offset`, opens a quotation of
    /// `family` — the news convention for "the quotation goes on".
    func reopens(_ family: QuoteMark.Family, at offset: Int) -> Bool {
        guard let first = positions.first, first == offset, roles[0] == .open else { return false }
        let f = families[0]
        return f == family || (f.isQuotation && family.isQuotation && f != .single && family != .single)
    }

    private mutating func record(_ i: Int, _ family: QuoteMark.Family, _ role: Role) {
        let index = positions.count
        positions.append(i)
        families.append(family)
        switch role {
        case .none:
            roles.append(.none)
        case .open:
            roles.append(.open)
            stack.append(index)
            openCount[Int(family.rawValue)] += 1
        case .close:
            guard openCount[Int(family.rawValue)] > 0 else {
                roles.append(.none)
                return
            }
            roles.append(.close)
            while let top = stack.popLast() {
                let f = families[top]
                openCount[Int(f.rawValue)] -= 1
                if f == family {
                    let open = positions[top]
                    if i - open <= QuotePairing.protectedLength {
                        while let last = pairOpen.last, last > open {
                            pairOpen.removeLast()
                            pairClose.removeLast()
                        }
                        pairOpen.append(open)
                        pairClose.append(i)
                    } else if family.isQuotation {
                        while let last = longOpen.last, last > open {
                            longOpen.removeLast()
                            longClose.removeLast()
                        }
                        longOpen.append(open)
                        longClose.append(i)
                    }
                    break
                }
            }
        }
    }

    private func classify(
        _ mark: QuoteMark, _ p: UnsafePointer<UInt8>, _ i: Int, _ start: Int, _ end: Int
    ) -> Role {
        let after = i + mark.length
        switch mark.shape {
        case .opening:
            return .open
        case .closing:
            return .close
        case .straightDouble:
            let left = QuoteContext.opensBefore(p, i, start)
            let right = QuoteContext.closesAfter(p, after, end)
            if left && !right { return .open }
            if right && !left { return .close }
            return openCount[Int(QuoteMark.Family.double.rawValue)] > 0 ? .close : .open
        case .straightSingle:
            let wordBefore = QuoteContext.isWordBefore(p, i, start)
            let wordAfter = after < end && QuoteContext.isWordAt(p, after, end)
            if wordBefore && wordAfter { return .none }
            let left = QuoteContext.opensBefore(p, i, start)
            if left && wordAfter {
                if ByteClass.isDigit(p[after]) || isElision(p, after, end) { return .none }
                return .open
            }
            if !left && QuoteContext.closesAfter(p, after, end) {
                return .close
            }
            return .none
        case .leftSingle:
            if after < end && (ByteClass.isDigit(p[after]) || isElision(p, after, end)) { return .none }
            return .open
        case .rightSingle:
            let wordBefore = QuoteContext.isWordBefore(p, i, start)
            let wordAfter = after < end && QuoteContext.isWordAt(p, after, end)
            if wordBefore && wordAfter { return .none }
            if QuoteContext.opensBefore(p, i, start) { return .none }
            return QuoteContext.closesAfter(p, after, end) ? .close : .none
        case .backtick:
            return after < end && (QuoteContext.isWordAt(p, after, end) || p[after] == 0x60) ? .open : .none
        }
    }

    private func isElision(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        if elisions.isEmpty { return false }
        var j = i
        while j < end, j - i <= LexiconKey.capacity, ByteClass.isASCIILetter(p[j]) { j += 1 }
        guard let key = LexiconKey(p + i, count: j - i) else { return false }
        return elisions.contains(key)
    }
}

/// The neighbourhood tests that decide which way a straight quote faces.
enum QuoteContext {
    /// True when the character before `i` lets a quotation open here: start of paragraph,
    /// whitespace, an opening bracket or quote, a dash or a slash.
    @inline(__always)
    static func opensBefore(_ p: UnsafePointer<UInt8>, _ i: Int, _ start: Int) -> Bool {
        if i <= start { return true }
        if ByteClass.spaceLengthBefore(p, i, start) > 0 { return true }
        let b = p[i - 1]
        switch b {
        case 0x28, 0x5B, 0x7B, 0x2D, 0x2F, 0x22: return true
        default: break
        }
        if i - 3 >= start && p[i - 3] == 0xE2 && p[i - 2] == 0x80 {
            // “ ‘ – —
            return b == 0x9C || b == 0x98 || b == 0x93 || b == 0x94
        }
        if i - 2 >= start && p[i - 2] == 0xC2 && b == 0xAB { return true }
        return false
    }

    /// True when the character at `j` lets a quotation close before it: end of paragraph,
    /// whitespace, or punctuation.
    @inline(__always)
    static func closesAfter(_ p: UnsafePointer<UInt8>, _ j: Int, _ end: Int) -> Bool {
        if j >= end { return true }
        if ByteClass.spaceLength(p, j, end) > 0 { return true }
        let b = p[j]
        if b < 0x80 { return !ByteClass.isAlnum(b) }
        return b == 0xE2 || b == 0xC2 || b == 0xEF || b == 0xE3
    }

    /// True when a letter or digit (of any script) ends just before `i`.
    @inline(__always)
    static func isWordBefore(_ p: UnsafePointer<UInt8>, _ i: Int, _ start: Int) -> Bool {
        guard i > start else { return false }
        let b = p[i - 1]
        if b < 0x80 { return ByteClass.isAlnum(b) }
        if i - 2 >= start {
            let lead = p[i - 2]
            if lead >= 0xC3 && lead <= 0xDF { return true }
        }
        if i - 3 >= start {
            let lead = p[i - 3]
            if lead >= 0xE3 && lead <= 0xEE { return true }
        }
        return false
    }

    /// True when a letter or digit (of any script) starts at `j`.
    @inline(__always)
    static func isWordAt(_ p: UnsafePointer<UInt8>, _ j: Int, _ end: Int) -> Bool {
        let b = p[j]
        if b < 0x80 { return ByteClass.isAlnum(b) }
        return (b >= 0xC3 && b <= 0xDF) || (b >= 0xE3 && b <= 0xEE)
    }
}
