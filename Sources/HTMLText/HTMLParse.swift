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
    ///
    /// The bytes are taken (`consuming`) so that a caller that hands over its last copy has
    /// them freed here, once parsed, and a huge page is not held through what comes after
    /// (the body selection and the join, which need only the page's text); a page converted
    /// to UTF-8 first lets the original go before it is parsed.
    public static func parse(_ html: consuming [UInt8], options: ParseOptions = ParseOptions()) -> HTMLPage {
        precondition(libxml2Ready)
        guard !html.isEmpty else { return HTMLPage() }
        var prepared = Charset.prepare(html)
        var bytes = consume html
        if let converted = prepared.converted {
            prepared.converted = nil
            bytes = converted
        }
        var page = parseBytes(bytes, prepared, options)
        _ = consume bytes
        page.metadata.charset = prepared.detected
        return page
    }

    /// Streams the bytes through libxml2's HTML parser with our own SAX callbacks, so the
    /// walker sees every element and text run as the parser makes it, and no tree is built.
    ///
    /// Why not `htmlReadMemory` and a walk over its tree: building the tree (a node, a copied
    /// name and a copied text for every element, attribute and text run) and freeing it again
    /// cost about a fifth of libxml2's time, and the walk afterwards read that tree back from
    /// cold memory. The events are the ones the tree would have been built from, in the same
    /// order: the context is set up as `htmlReadMemory` sets it up (libxml2 2.9's
    /// `htmlDoRead`), and with blanks kept (no HTML_PARSE_NOBLANKS) the parser's only look at
    /// its own tree (`areBlanks`) cannot change which events it sends.
    ///
    /// The page reaches the parser through a read callback (`PageReader`), as a file does,
    /// rather than as a memory buffer: `xmlCreateMemoryParserCtxt` copies the whole page into
    /// the parser's input buffer, which on a huge page is as large again as the page, while
    /// the parser reading its input about 4 KB at a time keeps only what it has not consumed.
    /// It is the same pull parser (`htmlParseDocument`) either way; libxml2's push parser is
    /// not, and sends other events (it drops what follows `</html>`, cuts scripts and text
    /// runs elsewhere). Nor is a static buffer over our bytes an option: libxml2 2.9 moves
    /// the read position back when it shrinks an immutable buffer and re-reads old input.
    private static func parseBytes(_ bytes: [UInt8], _ prepared: Charset.Prepared, _ options: ParseOptions) -> HTMLPage {
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return HTMLPage() }
        var flags =
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue
        if prepared.ignoreDeclared { flags |= HTML_PARSE_IGNORE_ENC.rawValue }
        // XML_PARSE_HUGE lifts libxml2's nesting limit (256), past which it abandons the rest of
        // the page; the walker keeps its own stack, so depth costs us nothing.
        flags |= XML_PARSE_HUGE.rawValue
        let opts = Int32(bitPattern: flags)
        var walker = Walker(skipWords: options.skipClassWords.map { Array($0.lowercased().utf8) }.filter { !$0.isEmpty },
                            maxDepth: max(1, options.maxDepth), pageBytes: bytes.count)
        let order: PageReader.Order =
            switch prepared.encoding {
            case "UTF-16LE": .utf16LittleEndian
            case "UTF-16BE": .utf16BigEndian
            default: .bytes
            }
        // SAFETY: `buf` (the page's bytes) and `reader` (which points into them) stay alive and
        // in place for the whole of the closures below, and libxml2 reads the page only through
        // `PageReader.callback`, only while htmlParseDocument (or the first read before it) runs
        // inside them; the context never outlives them (freed exactly once, by the defer), and
        // with no close callback libxml2 keeps no use of the reader's address after the free.
        // The walker's address is handed to libxml2 as `userData` only inside
        // withUnsafeMutablePointer, for the duration of htmlParseDocument, and cleared before
        // that closure returns; the callbacks copy whatever they keep into Swift storage.
        let parsed: Bool = bytes.withUnsafeBufferPointer { buf in
            var reader = PageReader(bytes: buf, order: order, limit: options.readLimit)
            return withUnsafeMutablePointer(to: &reader) { r in
                guard let ctxt = xmlCreateIOParserCtxt(nil, nil, PageReader.callback, nil, UnsafeMutableRawPointer(r), XML_CHAR_ENCODING_NONE)
                else { return false }
                defer { xmlFreeParserCtxt(ctxt) }
                guard let sax = ctxt.pointee.sax, let input = ctxt.pointee.input else { return false }
                sax.pointee = Walker.saxHandler()
                _ = htmlCtxtUseOptions(ctxt, opts)
                ctxt.pointee.html = 1
                // The first read, before the encoding is switched: the switch looks at the page's
                // first bytes (a byte-order mark is skipped there) and converts what is in the
                // buffer, as it did when the whole page was.
                _ = xmlParserInputGrow(input, INPUT_CHUNK)
                // UTF-8 (what Charset.prepare makes of nearly every page) is what the parser reads
                // natively (a new context's charset): switching to libxml2's UTF-8 handler would
                // only convert the input, UTF-8 to UTF-8, into a second buffer. The input's
                // encoding name is set either way, as htmlReadMemory does.
                if let encoding = prepared.encoding, let handler = xmlFindCharEncodingHandler(encoding) {
                    if encoding != "UTF-8" || ctxt.pointee.charset != XML_CHAR_ENCODING_UTF8.rawValue {
                        _ = xmlSwitchToEncoding(ctxt, handler)
                    } else {
                        _ = xmlCharEncCloseFunc(handler)
                    }
                    if let input = ctxt.pointee.input {
                        if let old = input.pointee.encoding { cx_xml_free(UnsafeMutableRawPointer(mutating: old)) }
                        input.pointee.encoding = UnsafePointer(xmlCharStrdup(encoding))
                    }
                }
                withUnsafeMutablePointer(to: &walker) { w in
                    ctxt.pointee.userData = UnsafeMutableRawPointer(w)
                    _ = htmlParseDocument(ctxt)
                    ctxt.pointee.userData = nil
                }
                // No startDocument callback, so no document; free one should a libxml2 make one.
                if let doc = ctxt.pointee.myDoc {
                    xmlFreeDoc(doc)
                    ctxt.pointee.myDoc = nil
                }
                return true
            }
        }
        guard parsed else { return HTMLPage() }
        walker.finish()
        return walker.page
    }
}

/// Hands the page to libxml2 one read at a time (the parser asks for about 4 KB when fewer
/// than 250 bytes it has not consumed are left), ending each read where the parser cannot
/// tell it from the whole page in memory.
///
/// Why reads do not simply end where the parser's request does: the pull parser makes sure of
/// 250 bytes ahead before each construct, but inside a long one it looks ahead without
/// reading more in a few places. A read that ended between `&` and `#`, or after `&#` or
/// `&#x`, inside an attribute value longer than that would turn a character reference into
/// literal text and could end the tag early. So a read ends, when it can, just before a `<`
/// (which the parser treats as it treats the end of its input wherever it looks ahead:
/// text, names and references all stop there, and markup starts only after it is read); else
/// just after an ASCII letter, digit or white space that is not the `x` of `&#x`, which
/// also never cuts a UTF-8 character; else where the parser asked. For UTF-16 the same is
/// done a two-byte unit at a time.
struct PageReader {
    enum Order { case bytes, utf16LittleEndian, utf16BigEndian }

    let bytes: UnsafeBufferPointer<UInt8>
    let order: Order
    /// At most this many bytes a read (tests make it small, to put many read ends in a page).
    let limit: Int
    /// The first byte not yet handed over.
    private(set) var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, order: Order, limit: Int = .max) {
        self.bytes = bytes
        self.order = order
        self.limit = max(1, limit)
    }

    /// libxml2's read callback: `context` is the reader's address.
    static let callback: xmlInputReadCallback = { context, buffer, len in
        // SAFETY: `context` is the address of the PageReader that parseBytes keeps alive and in
        // place for the whole parse (the only time libxml2 calls this); `buffer` has room for
        // `len` bytes (xmlParserInputBufferGrow grows it by len + 1 first), and `read` writes
        // at most `len`.
        guard let context, let buffer, len > 0 else { return 0 }
        let reader = context.assumingMemoryBound(to: PageReader.self)
        return Int32(reader.pointee.read(into: UnsafeMutableRawPointer(buffer), max: Int(len)))
    }

    /// The callback's work: the next read copied to `out`, or 0, which libxml2 takes for the
    /// end of its input, once the page is all handed over.
    mutating func read(into out: UnsafeMutableRawPointer, max: Int) -> Int {
        let n = next(max)
        guard n > 0 else { return 0 }
        // SAFETY: `position ..< position + n` lies inside `bytes` (next never goes past its
        // end), and the caller's `out` has room for `max` >= n bytes.
        out.copyMemory(from: bytes.baseAddress! + position, byteCount: n)
        position += n
        return n
    }

    /// The length of the next read of at most `max` bytes (see the type's comment). A read
    /// that is not the page's last is at least half of `max`, so that after a read the parser
    /// has as much ahead of it as its reads of a file give it, never less than the 250 bytes
    /// it counts on.
    func next(_ max: Int) -> Int {
        let left = bytes.count - position
        let n = Swift.min(max, limit, left)
        guard n > 0, n < left else { return Swift.max(0, n) }
        let unit = order == .bytes ? 1 : 2
        let whole = n - n % unit
        let least = Swift.max(unit, whole / 2 - (whole / 2) % unit)
        guard whole > least else { return n }
        let start = position
        var end = start + whole
        if order == .bytes {
            // Byte-ordered pages (nearly all): the last '<' of the window, read directly
            // (`start + whole` < `bytes.count`, as whole <= n < left).
            if let k = bytes[(start + least)...(start + whole)].lastIndex(of: UInt8(ascii: "<")) { return k - start }
        } else {
            while end >= start + least {
                if ascii(end) == UInt8(ascii: "<") { return end - start }
                end -= unit
            }
        }
        end = start + whole
        while end >= start + least {
            if let c = ascii(end - unit), isAlphanumericOrSpace(c), !(c | 0x20 == UInt8(ascii: "x") && ascii(end - 2 * unit) == UInt8(ascii: "#")) {
                return end - start
            }
            end -= unit
        }
        return whole
    }

    /// The ASCII character whose code unit starts at byte `i`, if it is one.
    private func ascii(_ i: Int) -> UInt8? {
        let unit = order == .bytes ? 1 : 2
        guard i >= 0, i + unit <= bytes.count else { return nil }
        // SAFETY: `i ..< i + unit`, the only bytes read below, lies inside `bytes` (checked just
        // above); `bytes` points into the page, which parseBytes keeps alive while it reads.
        let c: UInt8
        switch order {
        case .bytes: c = bytes[i]
        case .utf16LittleEndian:
            guard bytes[i + 1] == 0 else { return nil }
            c = bytes[i]
        case .utf16BigEndian:
            guard bytes[i] == 0 else { return nil }
            c = bytes[i + 1]
        }
        return c < 0x80 ? c : nil
    }

    private func isAlphanumericOrSpace(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
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

/// Builds blocks from libxml2's parse events (the stack of open elements is an array),
/// collecting block text into one reusable byte buffer.
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
    /// A style attribute with white space removed, lower-cased (reused).
    var styleScratch: [UInt8] = []
    /// Elements libxml2 has open (skipped ones included).
    var open = 0
    /// Depth inside a skipped element (0: walking).
    var skip = 0
    /// What the skipped element being read is collected for, and the bytes so far.
    var collecting = Collecting.none
    var collected: [UInt8] = []

    enum Collecting { case none, title, jsonLD }
    /// Lower-cased class/id fragments whose elements are skipped with their subtree.
    let skipWords: [[UInt8]]
    /// Frames (open elements) never exceed this; deeper elements are skipped and flagged.
    let maxDepth: Int

    /// `pageBytes`: the page's size, which the text buffer is given at once. Its text is rarely
    /// more (only runs repaired into U+FFFD or converted from a legacy charset grow), and
    /// growing it by doubling instead held the old buffer and its copy together, on a huge
    /// page tens of MB at the parse's peak; what the reservation leaves unwritten is address
    /// space, not memory.
    init(skipWords: [[UInt8]], maxDepth: Int, pageBytes: Int) {
        self.skipWords = skipWords
        self.maxDepth = maxDepth
        buf.reserveCapacity(1 << 14)
        scratch.reserveCapacity(256)
        styleScratch.reserveCapacity(256)
        frames.reserveCapacity(64)
        page.blocks.reserveCapacity(256)
        page.text.reserveCapacity(max(1 << 14, pageBytes))
        page.elements.reserveCapacity(1024)
    }

    // MARK: SAX events

    /// The callbacks libxml2 calls while it parses; everything else (comments, DOCTYPE,
    /// processing instructions, document start and end) is left out, as the tree walk ignored
    /// those nodes. `initialized = 1` is what the HTML handler `htmlReadMemory` installs has.
    static func saxHandler() -> htmlSAXHandler {
        var h = htmlSAXHandler()
        h.initialized = 1
        // SAFETY (all four): `ctx` is the userData set in parseBytes, the address of the walker,
        // live for the whole of htmlParseDocument; libxml2 calls back on the parsing thread only.
        h.startElement = { ctx, name, atts in
            ctx?.assumingMemoryBound(to: Walker.self).pointee.startElement(name, atts)
        }
        h.endElement = { ctx, _ in
            ctx?.assumingMemoryBound(to: Walker.self).pointee.endElement()
        }
        h.characters = { ctx, ch, len in
            guard let ch, len > 0 else { return }
            ctx?.assumingMemoryBound(to: Walker.self).pointee.text(UnsafeBufferPointer(start: ch, count: Int(len)), cdata: false)
        }
        h.cdataBlock = { ctx, ch, len in
            guard let ch, len > 0 else { return }
            ctx?.assumingMemoryBound(to: Walker.self).pointee.text(UnsafeBufferPointer(start: ch, count: Int(len)), cdata: true)
        }
        return h
    }

    /// An element opens. Elements the walker does not descend into (scripts, hidden or
    /// furniture subtrees, void elements, too deep) are skipped with everything inside.
    mutating func startElement(_ name: UnsafePointer<UInt8>?, _ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        open += 1
        if skip > 0 {
            skip += 1
            return
        }
        if !enterElement(HTMLTag.of(name), Attributes(atts)) { skip = 1 }
    }

    /// An element closes; libxml2 closes every element it opened (implied ends included).
    mutating func endElement() {
        guard open > 0 else { return }
        open -= 1
        if skip > 0 {
            skip -= 1
            if skip == 0 { endCollecting() }
            return
        }
        leave()
    }

    /// A run of text (or of a script's CDATA). libxml2 hands whole characters, never half a
    /// UTF-8 sequence, and may split one text node into several runs.
    mutating func text(_ run: UnsafeBufferPointer<UInt8>, cdata: Bool) {
        // Text outside any element has no node to go into, so the tree never had it.
        guard open > 0 else { return }
        if skip > 0 {
            // Direct children of a <title> (text only) or of a JSON-LD <script>.
            guard skip == 1, collecting != .none, !(cdata && collecting == .title) else { return }
            collected.append(contentsOf: run)
            return
        }
        if !roles.contains(.head) { appendText(run) }
    }

    /// The end of the document: closes what is still open and ends the last block.
    mutating func finish() {
        while !frames.isEmpty { leave() }
        flush()
    }

    /// Stores what a skipped <title> or JSON-LD <script> held.
    private mutating func endCollecting() {
        switch collecting {
        case .none: return
        case .title:
            let t = collapseBytes(collected)
            if !t.isEmpty { page.metadata.title = t }
        case .jsonLD:
            if !collected.isEmpty { page.metadata.jsonLD.append(String(decoding: collected, as: UTF8.self)) }
        }
        collecting = .none
        collected.removeAll(keepingCapacity: true)
    }

    /// Handles an element on the way down; returns true when a frame was pushed and its
    /// content should be walked.
    private mutating func enterElement(_ tag: HTMLTag, _ atts: Attributes) -> Bool {
        // SAFETY: the attribute names and values are libxml2's, NUL-terminated, alive for this
        // callback only; they are copied into Swift storage (`scratch`, String) before it returns.
        switch tag {
        case .script:
            // JSON-LD: its text is collected while the script is skipped.
            if let type = atts["type"], containsLowered(type, "ld+json", limit: 1000), page.metadata.jsonLD.count < 16 {
                collecting = .jsonLD
            }
            return false
        case .title:
            if page.metadata.title == nil, roles.contains(.head) || !roles.contains(.article) {
                collecting = .title
            }
            return false
        case .meta:
            collectMeta(atts)
            return false
        case .link:
            collectLink(atts)
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
        for (name, value) in atts {
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
                if let value, styleHides(value, scratch: &styleScratch) { hidden = true }
            case .hidden:
                hidden = true
            case .ariaHidden:
                if let value, equalsLowered(value, "true") { newRoles.insert(.ariaHidden) }
            case .href:
                href = true
            case .rel:
                if let value, containsLowered(value, "author", limit: 1000) { relAuthor = true }
            case .datetime:
                if tag == .time, let value, page.metadata.times.count < 32 {
                    page.metadata.times.append(string(value))
                }
            case .lang:
                if tag == .html, page.metadata.lang == nil, let value {
                    let s = collapse(value, scratch: &styleScratch)
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

    /// Appends a run of text, collapsing whitespace runs (ASCII white space and U+00A0) to one
    /// space; leading space of a block is dropped, trailing space is never written. Runs of one
    /// text node are appended one after the other as if they were one.
    private mutating func appendText(_ run: UnsafeBufferPointer<UInt8>) {
        var i = 0
        var written = 0
        let n = run.count
        buf.reserveCapacity(buf.count + n)
        while i < n {
            let c = run[i]
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                if !buf.isEmpty {
                    pendingSpace = true
                    pendingSpaceInLink = linkDepth > 0
                }
                i += 1
                continue
            }
            if c == 0xC2 && i + 1 < n && run[i + 1] == 0xA0 {
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
            // Copy the run of ordinary bytes up to the next white space in one go.
            var j = i + 1
            while j < n {
                let d = run[j]
                if d <= 0x20 || d == 0xC2 { break }
                j += 1
            }
            buf.append(contentsOf: UnsafeBufferPointer(rebasing: run[i..<j]))
            written += j - i
            i = j
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
        let start = page.text.count
        // SAFETY: `buf` is our own array; its buffer pointer is used only inside the closure.
        let valid = buf.withUnsafeBufferPointer(UTF8Validation.isValid)
        if valid {
            page.text.append(contentsOf: buf)
        } else {
            page.text.append(contentsOf: String(decoding: buf, as: UTF8.self).utf8)
        }
        let level = ownerTag.headingLevel
        if level == 1, page.metadata.firstH1 == nil {
            page.metadata.firstH1 = String(decoding: page.text[start...], as: UTF8.self)
        }
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
                kind: kind, tag: ownerTag, element: owner, headingLevel: UInt8(level), textStart: Int32(start),
                textLength: Int32(page.text.count - start), linkBytes: Int32(min(linkBytes, buf.count)),
                textBytes: Int32(buf.count), roles: ownerRoles))
    }

    // MARK: metadata

    private mutating func collectMeta(_ atts: Attributes) {
        // SAFETY: attribute values of the element being opened, NUL-terminated, copied into
        // Swift strings before returning.
        guard let content = atts["content"] else { return }
        for key: StaticString in ["property", "name", "itemprop"] {
            guard let k = atts[key] else { continue }
            scratch.removeAll(keepingCapacity: true)
            appendLowered(k, to: &scratch, limit: 100)
            let name = String(decoding: scratch, as: UTF8.self)
            if !name.isEmpty, page.metadata.meta[name] == nil {
                page.metadata.meta[name] = collapse(content, scratch: &styleScratch)
            }
            return
        }
    }

    private mutating func collectLink(_ atts: Attributes) {
        // SAFETY: as collectMeta: NUL-terminated attribute values, copied.
        guard let rel = atts["rel"], let href = atts["href"] else { return }
        if page.metadata.canonical == nil, containsLowered(rel, "canonical", limit: 1000) {
            let s = collapse(href, scratch: &styleScratch)
            if !s.isEmpty { page.metadata.canonical = s }
        }
    }
}

/// The attributes libxml2 hands to startElement: a NULL-terminated array of name, value
/// pairs (a value is NULL for an attribute written without one). Valid during the callback.
private struct Attributes: Sequence {
    let atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?

    init(_ atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) { self.atts = atts }

    struct Iterator: IteratorProtocol {
        let atts: UnsafeMutablePointer<UnsafePointer<UInt8>?>?
        var i = 0
        mutating func next() -> (name: UnsafePointer<UInt8>, value: UnsafePointer<UInt8>?)? {
            // SAFETY: the array ends with a NULL name; we stop there and never read past it, and
            // every name is followed by its value slot.
            guard let atts, let name = atts[i] else { return nil }
            defer { i += 2 }
            return (name, atts[i + 1])
        }
    }

    func makeIterator() -> Iterator { Iterator(atts: atts) }

    /// The value of the first attribute called `name`, if it has one.
    subscript(_ name: StaticString) -> UnsafePointer<UInt8>? {
        for (n, v) in self where equals(n, name) { return v }
        return nil
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

/// Whether a C string equals an ASCII lower-case literal, ignoring ASCII case.
private func equalsLowered(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    let lit = literal.utf8Start
    // SAFETY: p[i] is read only while the earlier bytes matched non-NUL literal bytes, so the
    // terminator has not been passed; p[n] follows n matching non-NUL bytes.
    for i in 0..<n {
        let c = p[i]
        if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != lit[i] { return false }
    }
    return p[n] == 0
}

/// Whether the first `limit` bytes of a C string contain an ASCII lower-case literal (no
/// spaces in it), ignoring ASCII case; no copy is made.
private func containsLowered(_ p: UnsafePointer<UInt8>, _ literal: StaticString, limit: Int) -> Bool {
    let n = literal.utf8CodeUnitCount
    guard n > 0 else { return true }
    let lit = literal.utf8Start
    var i = 0
    // SAFETY: stops at the terminator or at `limit`; the inner loop reads p[i + k] only after
    // p[i ..< i + k] matched non-NUL literal bytes, so it never passes the terminator.
    while i + n <= limit && p[i] != 0 {
        var k = 0
        while k < n {
            let c = p[i + k]
            if (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) != lit[k] { break }
            k += 1
        }
        if k == n { return true }
        i += 1
    }
    return false
}

/// Substring search of an ASCII literal in bytes.
private func contains(_ bytes: [UInt8], _ literal: StaticString) -> Bool {
    containsBytes(bytes, UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
}

/// Substring search of a byte string in bytes.
private func containsBytes(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
    needle.withUnsafeBufferPointer { containsBytes(bytes, $0) }
}

private func containsBytes(_ bytes: [UInt8], _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
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

/// Inline style that hides the element: display:none or visibility:hidden. `bytes` is
/// reusable scratch.
private func styleHides(_ p: UnsafePointer<UInt8>, scratch bytes: inout [UInt8]) -> Bool {
    bytes.removeAll(keepingCapacity: true)
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

/// A C string with white space collapsed and trimmed, built in `scratch` (reused) rather
/// than in two fresh arrays.
private func collapse(_ p: UnsafePointer<UInt8>, scratch out: inout [UInt8]) -> String {
    // SAFETY: a NUL-terminated string from libxml2: the bytes before the terminator are readable.
    let length = Int(xmlStrlen(p))
    return collapse(UnsafeBufferPointer(start: p, count: length), into: &out)
}

/// Bytes with runs of white space (no-break spaces included) made one space, and both ends
/// trimmed: how attribute values, titles and metadata read.
func collapseBytes(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    return bytes.withUnsafeBufferPointer { collapse($0, into: &out) }
}

private func collapse(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> String {
    out.removeAll(keepingCapacity: true)
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
