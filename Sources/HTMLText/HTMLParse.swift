// `internal`: no libxml2 type appears in this module's interface, so clients never load the
// C module (and its ICU headers) at all.
internal import CLibXML2

/// libxml2 must be initialised once, before any thread parses. A global `let` is initialised
/// lazily and exactly once (swift_once), so touching it from several threads is safe.
private let libxml2Ready: Bool = {
    xmlInitParser()
    return true
}()

extension HTMLPage {
    /// Parses HTML bytes and walks the tree into blocks and metadata. Never crashes, whatever
    /// the bytes; returns an empty page when libxml2 produces no document.
    public static func parse(_ html: [UInt8], options: ParseOptions = ParseOptions()) -> HTMLPage {
        precondition(libxml2Ready)
        guard !html.isEmpty else { return HTMLPage() }
        let prepared = Charset.prepare(html)
        var page = parseBytes(prepared.converted ?? html, prepared, options)
        page.metadata.charset = prepared.detected
        return page
    }

    private static func parseBytes(_ bytes: [UInt8], _ prepared: Charset.Prepared, _ options: ParseOptions) -> HTMLPage {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return HTMLPage() }
        var flags =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
        if prepared.ignoreDeclared { flags |= HTML_PARSE_IGNORE_ENC.rawValue }
        // XML_PARSE_HUGE lifts libxml2's nesting limit (256), past which it abandons the rest of
        // the page; the walk below is iterative, so depth costs us nothing.
        flags |= XML_PARSE_HUGE.rawValue
        let opts = Int32(bitPattern: flags)
        let size = Int32(bytes.count)
        // SAFETY: the buffer pointer is only used during htmlReadMemory, which copies what it
        // needs and keeps no reference; `size` is the buffer's byte length (checked to fit in
        // Int32 above); the encoding C string lives for the duration of the call.
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            let raw = UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self)
            if let encoding = prepared.encoding {
                return encoding.withCString { htmlReadMemory(raw, size, nil, $0, opts) }
            }
            return htmlReadMemory(raw, size, nil, nil, opts)
        }
        guard let doc else { return HTMLPage() }
        // SAFETY: `doc` was made by htmlReadMemory above and is freed exactly once, here; the
        // walker converts everything it keeps into Swift values before this returns.
        defer { xmlFreeDoc(doc) }
        var walker = Walker(skipWords: options.skipClassWords.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty },
                            maxDepth: max(1, options.maxDepth))
        walker.walk(doc)
        return walker.page
    }
}

/// One open element on the walker's stack.
private struct Frame {
    var isBlock: Bool
    var isLink: Bool
    var savedOwner: Int32
    var savedOwnerTag: HTMLTag
    var savedOwnerRoles: Roles
    var savedRoles: Roles
    /// Offset in the text buffer where an `<a rel=author>` began, or -1.
    var authorStart: Int
    var authorBlocks: Int
}

/// Walks a libxml2 tree without recursion (the stack of open elements is an array), building
/// block text into one reusable byte buffer.
private struct Walker {
    var page = HTMLPage()
    var buf: [UInt8] = []
    var pendingSpace = false
    /// The pending space arose inside a link (it separates two words of link text).
    var pendingSpaceInLink = false
    var linkDepth = 0
    var linkBytes = 0
    var brRun = 0
    var frames: [Frame] = []
    var owner: Int32 = -1
    var ownerTag: HTMLTag = .other
    var ownerRoles: Roles = []
    var roles: Roles = []
    var depth: Int32 = 0
    var scratch: [UInt8] = []
    /// Lower-cased class/id fragments whose elements are skipped with their subtree.
    let skipWords: [[UInt8]]
    /// Frames (open elements) never exceed this; deeper elements are skipped and flagged.
    let maxDepth: Int

    init(skipWords: [[UInt8]], maxDepth: Int) {
        self.skipWords = skipWords
        self.maxDepth = maxDepth
        buf.reserveCapacity(1 << 14)
        scratch.reserveCapacity(256)
        frames.reserveCapacity(64)
        page.blocks.reserveCapacity(256)
        page.elements.reserveCapacity(1024)
    }

    // MARK: traversal

    mutating func walk(_ doc: htmlDocPtr) {
        // SAFETY: every pointer followed below (children, next, parent, name, content,
        // properties) belongs to `doc`, which stays alive until our caller's defer frees it;
        // libxml2 keeps these links consistent, and we never write through them.
        var cur: xmlNodePtr? = doc.pointee.children
        outer: while let node = cur {
            let descend = enter(node)
            if descend {
                if let child = node.pointee.children {
                    cur = child
                    continue
                }
                leave()
            }
            var n = node
            while true {
                if let next = n.pointee.next {
                    cur = next
                    continue outer
                }
                guard let parent = n.pointee.parent, isElement(parent) else { break outer }
                leave()
                n = parent
            }
        }
        // Unbalanced tail (cannot happen with a well-formed libxml2 tree, but be safe).
        while !frames.isEmpty { leave() }
        flush()
    }

    private func isElement(_ node: xmlNodePtr) -> Bool {
        // SAFETY: `node` is a live node of the walked document (a parent link from walk()).
        node.pointee.type == XML_ELEMENT_NODE
    }

    /// Handles a node on the way down; returns true when a frame was pushed and its children
    /// should be walked.
    private mutating func enter(_ node: xmlNodePtr) -> Bool {
        // SAFETY: `node` comes from walk(), so it is a live node of the document being walked;
        // `content` of a text/CDATA node is NUL-terminated (or nil) and owned by the document.
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content, !roles.contains(.head) {
                appendText(UnsafePointer(content))
            }
            return false
        case XML_ELEMENT_NODE:
            return enterElement(node)
        default:
            return false
        }
    }

    private mutating func enterElement(_ node: xmlNodePtr) -> Bool {
        // SAFETY: `node` is a live element of the walked document. Its attribute list
        // (`properties`, each attribute's `name`, `next` and first text child's `content`) is
        // owned by the document and only read here; every string is NUL-terminated. Values are
        // copied into Swift storage (`scratch`, String) before this function returns.
        let tag = HTMLTag.of(node.pointee.name)
        switch tag {
        case .script:
            collectJSONLD(node)
            return false
        case .title:
            if page.metadata.title == nil, roles.contains(.head) || !roles.contains(.article) {
                let t = textOfChildren(node)
                if !t.isEmpty { page.metadata.title = t }
            }
            return false
        case .meta:
            collectMeta(node)
            return false
        case .link:
            collectLink(node)
            return false
        case .br:
            if brRun >= 1 {
                flush()
            } else if !buf.isEmpty {
                pendingSpace = true
            }
            brRun += 1
            return false
        case .hr:
            flush()
            return false
        case .img, .base, .source, .frame:
            return false
        default:
            if tag.isSkipped { return false }
        }

        if frames.count >= maxDepth {
            page.depthLimitReached = true
            return false
        }

        // One pass over the attributes.
        var newRoles = roles
        var hasHints = false
        var href = false
        var relAuthor = false
        var hidden = false
        scratch.removeAll(keepingCapacity: true)
        var attr = node.pointee.properties
        while let a = attr {
            attr = a.pointee.next
            guard let name = a.pointee.name else { continue }
            let value = a.pointee.children?.pointee.content.map { UnsafePointer($0) }
            switch attributeName(name) {
            case .classOrID, .itemprop:
                if let value {
                    if !scratch.isEmpty { scratch.append(0x20) }
                    appendLowered(value, to: &scratch, limit: 400)
                    hasHints = true
                }
            case .role:
                if let value {
                    newRoles.formUnion(rolesForARIA(value))
                    if !scratch.isEmpty { scratch.append(0x20) }
                    appendLowered(value, to: &scratch, limit: 100)
                    hasHints = true
                }
            case .style:
                if let value, styleHides(value) { hidden = true }
            case .hidden:
                hidden = true
            case .ariaHidden:
                if let value, equalsLowered(value, "true") { newRoles.insert(.ariaHidden) }
            case .href:
                href = true
            case .rel:
                if let value, containsLowered(value, "author") { relAuthor = true }
            case .datetime:
                if tag == .time, let value, page.metadata.times.count < 32 {
                    page.metadata.times.append(string(value))
                }
            case .lang:
                if tag == .html, page.metadata.lang == nil, let value {
                    let s = collapse(value)
                    if !s.isEmpty { page.metadata.lang = s }
                }
            case .other:
                break
            }
        }
        if hasHints, !skipWords.isEmpty, tag != .body, tag != .html,
            skipWords.contains(where: { containsBytes(scratch, $0) })
        {
            return false
        }
        if hidden {
            if !tag.isBlock { return false }
            newRoles.insert(.hidden)
        }
        switch tag {
        case .article: newRoles.insert(.article)
        case .main: newRoles.insert(.main)
        case .aside: newRoles.insert(.aside)
        case .nav: newRoles.insert(.nav)
        case .header: newRoles.insert(.header)
        case .footer: newRoles.insert(.footer)
        case .figure: newRoles.insert(.figure)
        case .figcaption, .caption: newRoles.insert(.caption)
        case .form, .fieldset: newRoles.insert(.form)
        case .blockquote:
            newRoles.insert(.blockquote)
            if hasHints, contains(scratch, "twitter-tweet") || contains(scratch, "instagram-media")
                || contains(scratch, "tiktok-embed") || contains(scratch, "twitter-video")
            {
                newRoles.insert(.embed)
            }
        case .ul, .ol, .dl, .menu: newRoles.insert(.list)
        case .table: newRoles.insert(.table)
        case .address: newRoles.insert(.address)
        case .dialog, .details: newRoles.insert(.dialog)
        case .head: newRoles.insert(.head)
        default: break
        }
        if hasHints, contains(scratch, "articlebody") { newRoles.insert(.articleBody) }

        var frame = Frame(
            isBlock: tag.isBlock, isLink: false, savedOwner: owner, savedOwnerTag: ownerTag,
            savedOwnerRoles: ownerRoles, savedRoles: roles, authorStart: -1, authorBlocks: 0)
        if tag.isBlock {
            flush()
            let hints = hasHints ? String(decoding: scratch, as: UTF8.self) : ""
            page.elements.append(Element(tag: tag, parent: owner, depth: depth, roles: newRoles, hints: hints))
            owner = Int32(page.elements.count - 1)
            ownerTag = tag
            ownerRoles = newRoles
            depth += 1
        }
        if tag == .a && href {
            frame.isLink = true
            linkDepth += 1
        }
        if relAuthor && tag == .a {
            frame.authorStart = buf.count
            frame.authorBlocks = page.blocks.count
        }
        roles = newRoles
        frames.append(frame)
        return true
    }

    private mutating func leave() {
        guard let frame = frames.popLast() else { return }
        if frame.authorStart >= 0, frame.authorBlocks == page.blocks.count, frame.authorStart <= buf.count,
            page.metadata.relAuthors.count < 16
        {
            var s = frame.authorStart
            while s < buf.count, buf[s] == 0x20 { s += 1 }
            if s < buf.count {
                page.metadata.relAuthors.append(String(decoding: buf[s...], as: UTF8.self))
            }
        }
        if frame.isBlock {
            flush()
            owner = frame.savedOwner
            ownerTag = frame.savedOwnerTag
            ownerRoles = frame.savedOwnerRoles
            depth -= 1
        }
        if frame.isLink { linkDepth -= 1 }
        roles = frame.savedRoles
    }

    // MARK: text

    /// Appends a text node's bytes, collapsing whitespace runs (ASCII white space and U+00A0)
    /// to one space; leading space of a block is dropped, trailing space is never written.
    private mutating func appendText(_ p: UnsafePointer<UInt8>) {
        var i = 0
        var written = 0
        // SAFETY: `p` is a NUL-terminated text node content owned by the live document; the
        // loop stops at the terminator, and the look-ahead after 0xC2 reads p[i + 1], which
        // exists because p[i] is not the terminator.
        while true {
            let c = p[i]
            if c == 0 { break }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                if !buf.isEmpty {
                    pendingSpace = true
                    pendingSpaceInLink = linkDepth > 0
                }
                i += 1
                continue
            }
            if c == 0xC2 && p[i + 1] == 0xA0 {
                if !buf.isEmpty {
                    pendingSpace = true
                    pendingSpaceInLink = linkDepth > 0
                }
                i += 2
                continue
            }
            if pendingSpace {
                buf.append(0x20)
                pendingSpace = false
                if pendingSpaceInLink && linkDepth > 0 { written += 1 }
            }
            buf.append(c)
            written += 1
            i += 1
        }
        if written > 0 {
            brRun = 0
            if linkDepth > 0 { linkBytes += written }
        }
    }

    /// Ends the current block, if it has text.
    private mutating func flush() {
        pendingSpace = false
        brRun = 0
        guard !buf.isEmpty else {
            linkBytes = 0
            return
        }
        defer {
            buf.removeAll(keepingCapacity: true)
            linkBytes = 0
        }
        if ownerRoles.contains(.head) { return }
        let text = String(decoding: buf, as: UTF8.self)
        let level = ownerTag.headingLevel
        if level == 1, page.metadata.firstH1 == nil { page.metadata.firstH1 = text }
        let kind: BlockKind
        switch ownerTag {
        case .p: kind = .paragraph
        case .h1, .h2, .h3, .h4, .h5, .h6: kind = .heading
        case .li, .dd, .dt: kind = .listItem
        case .blockquote: kind = .blockquote
        case .td, .th: kind = .tableCell
        case .pre: kind = .preformatted
        case .figcaption, .caption: kind = .caption
        default: kind = .text
        }
        page.blocks.append(
            Block(
                kind: kind, tag: ownerTag, element: owner, headingLevel: level, text: text,
                linkBytes: min(linkBytes, buf.count), textBytes: buf.count, roles: ownerRoles))
    }

    // MARK: metadata

    private mutating func collectJSONLD(_ node: xmlNodePtr) {
        // SAFETY: reads the script element's children (text/CDATA nodes of the live document,
        // NUL-terminated content) and copies their bytes into a Swift array.
        guard let type = attribute(node, "type"), containsLowered(type, "ld+json") else { return }
        guard page.metadata.jsonLD.count < 16 else { return }
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            if let content = c.pointee.content {
                appendRaw(UnsafePointer(content), to: &bytes)
            }
            child = c.pointee.next
        }
        if !bytes.isEmpty { page.metadata.jsonLD.append(String(decoding: bytes, as: UTF8.self)) }
    }

    private mutating func collectMeta(_ node: xmlNodePtr) {
        // SAFETY: attribute values of a live element, NUL-terminated, copied into Swift
        // strings before returning.
        guard let content = attribute(node, "content") else { return }
        for key: StaticString in ["property", "name", "itemprop"] {
            guard let k = attribute(node, key) else { continue }
            scratch.removeAll(keepingCapacity: true)
            appendLowered(k, to: &scratch, limit: 100)
            let name = String(decoding: scratch, as: UTF8.self)
            if !name.isEmpty, page.metadata.meta[name] == nil {
                page.metadata.meta[name] = collapse(content)
            }
            return
        }
    }

    private mutating func collectLink(_ node: xmlNodePtr) {
        // SAFETY: as collectMeta: live, NUL-terminated attribute values, copied.
        guard let rel = attribute(node, "rel"), let href = attribute(node, "href") else { return }
        if page.metadata.canonical == nil, containsLowered(rel, "canonical") {
            let s = collapse(href)
            if !s.isEmpty { page.metadata.canonical = s }
        }
    }

    /// Whitespace-collapsed text of a node's direct text children (for `<title>`).
    private func textOfChildren(_ node: xmlNodePtr) -> String {
        // SAFETY: walks the direct children of a live element and copies their text.
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                appendRaw(UnsafePointer(content), to: &bytes)
            }
            child = c.pointee.next
        }
        return collapseBytes(bytes)
    }
}

// MARK: attribute helpers

private enum AttributeName {
    case classOrID, itemprop, role, style, hidden, ariaHidden, href, rel, datetime, lang, other
}

/// Classifies an attribute name by its bytes.
private func attributeName(_ p: UnsafePointer<UInt8>) -> AttributeName {
    // SAFETY: `p` is a NUL-terminated attribute name from the live document; `equals` stops at
    // the first differing byte, which is at the latest the terminator.
    switch p[0] {
    case UInt8(ascii: "c"): return equals(p, "class") ? .classOrID : .other
    case UInt8(ascii: "i"):
        if equals(p, "id") { return .classOrID }
        return equals(p, "itemprop") ? .itemprop : .other
    case UInt8(ascii: "r"):
        if equals(p, "role") { return .role }
        return equals(p, "rel") ? .rel : .other
    case UInt8(ascii: "s"): return equals(p, "style") ? .style : .other
    case UInt8(ascii: "h"):
        if equals(p, "href") { return .href }
        return equals(p, "hidden") ? .hidden : .other
    case UInt8(ascii: "a"): return equals(p, "aria-hidden") ? .ariaHidden : .other
    case UInt8(ascii: "d"): return equals(p, "datetime") ? .datetime : .other
    case UInt8(ascii: "l"): return equals(p, "lang") ? .lang : .other
    default: return .other
    }
}

/// Byte equality of a NUL-terminated C string with an ASCII literal.
private func equals(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    let lit = literal.utf8Start
    // SAFETY: we read p[i] only while all earlier bytes matched the literal (so none was the
    // terminator); p[n] is read after n matching non-NUL bytes, so it exists.
    for i in 0..<n where p[i] != lit[i] { return false }
    return p[n] == 0
}

/// The value of an attribute (its first text child), if present.
private func attribute(_ node: xmlNodePtr, _ name: StaticString) -> UnsafePointer<UInt8>? {
    // SAFETY: walks the node's attribute list, owned by the live document.
    var attr = node.pointee.properties
    while let a = attr {
        if let n = a.pointee.name, equals(n, name) {
            return a.pointee.children?.pointee.content.map { UnsafePointer($0) }
        }
        attr = a.pointee.next
    }
    return nil
}

private func appendRaw(_ p: UnsafePointer<UInt8>, to out: inout [UInt8]) {
    var i = 0
    // SAFETY: NUL-terminated string from the live document; stops at the terminator.
    while p[i] != 0 {
        out.append(p[i])
        i += 1
    }
}

private func appendLowered(_ p: UnsafePointer<UInt8>, to out: inout [UInt8], limit: Int) {
    var i = 0
    // SAFETY: NUL-terminated string from the live document; stops at the terminator or limit.
    while i < limit {
        let c = p[i]
        if c == 0 { break }
        out.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : (c == 0x09 || c == 0x0A || c == 0x0D ? 0x20 : c))
        i += 1
    }
}

private func equalsLowered(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    var bytes: [UInt8] = []
    appendLowered(p, to: &bytes, limit: 64)
    let lit = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
    return bytes.elementsEqual(lit)
}

private func containsLowered(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    var bytes: [UInt8] = []
    appendLowered(p, to: &bytes, limit: 1000)
    return contains(bytes, literal)
}

/// Substring search of an ASCII literal in bytes.
private func contains(_ bytes: [UInt8], _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard n > 0, bytes.count >= n else { return false }
    let lit = literal.utf8Start
    let first = lit[0]
    var i = 0
    while i + n <= bytes.count {
        if bytes[i] == first {
            var k = 1
            while k < n && bytes[i + k] == lit[k] { k += 1 }
            if k == n { return true }
        }
        i += 1
    }
    return false
}

/// Substring search of a byte string in bytes.
private func containsBytes(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    let n = needle.count
    guard n > 0, bytes.count >= n else { return false }
    let first = needle[0]
    var i = 0
    while i + n <= bytes.count {
        if bytes[i] == first {
            var k = 1
            while k < n && bytes[i + k] == needle[k] { k += 1 }
            if k == n { return true }
        }
        i += 1
    }
    return false
}

/// Inline style that hides the element: display:none or visibility:hidden.
private func styleHides(_ p: UnsafePointer<UInt8>) -> Bool {
    var bytes: [UInt8] = []
    var i = 0
    // SAFETY: NUL-terminated string from the live document; stops at the terminator.
    while i < 2000 {
        let c = p[i]
        if c == 0 { break }
        if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D { bytes.append(c >= 0x41 && c <= 0x5A ? c | 0x20 : c) }
        i += 1
    }
    return contains(bytes, "display:none") || contains(bytes, "visibility:hidden")
}

private func rolesForARIA(_ p: UnsafePointer<UInt8>) -> Roles {
    var bytes: [UInt8] = []
    appendLowered(p, to: &bytes, limit: 100)
    var r: Roles = []
    if contains(bytes, "navigation") { r.insert(.nav) }
    if contains(bytes, "complementary") { r.insert(.aside) }
    if contains(bytes, "contentinfo") { r.insert(.footer) }
    if contains(bytes, "banner") { r.insert(.header) }
    if contains(bytes, "dialog") { r.insert(.dialog) }
    if bytes.elementsEqual("main".utf8) { r.insert(.main) }
    if bytes.elementsEqual("article".utf8) { r.insert(.article) }
    return r
}

private func string(_ p: UnsafePointer<UInt8>) -> String {
    var bytes: [UInt8] = []
    appendRaw(p, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// A C string with white space collapsed and trimmed.
private func collapse(_ p: UnsafePointer<UInt8>) -> String {
    var bytes: [UInt8] = []
    appendRaw(p, to: &bytes)
    return collapseBytes(bytes)
}

func collapseBytes(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var space = false
    var i = 0
    while i < bytes.count {
        let c = bytes[i]
        if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
            space = !out.isEmpty
            i += 1
            continue
        }
        if c == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 {
            space = !out.isEmpty
            i += 2
            continue
        }
        if space {
            out.append(0x20)
            space = false
        }
        out.append(c)
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}
