internal import CLibXML2

extension HTMLPage {
    /// libxml2's own parse of the bytes with the options `parse` uses, then the document freed —
    /// nothing else. Benchmarks report cleanup speed as a ratio to this floor, which stays
    /// meaningful on a noisy shared machine. Returns whether libxml2 produced a document.
    public static func bareParse(_ html: [UInt8]) -> Bool {
        guard !html.isEmpty, html.count <= Int(Int32.max) else { return false }
        _ = HTMLPage.parse([])  // initialises libxml2 once, as `parse` does
        let flags = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue
        // SAFETY: the pointer is only used during htmlReadMemory, which copies what it needs; the
        // length passed is the buffer's byte count (checked to fit in Int32 above).
        let doc: htmlDocPtr? = html.withUnsafeBufferPointer { buf in
            htmlReadMemory(UnsafeRawPointer(buf.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buf.count), nil, nil,
                           Int32(bitPattern: flags))
        }
        guard let doc else { return false }
        // SAFETY: made above by htmlReadMemory, freed exactly once here.
        xmlFreeDoc(doc)
        return true
    }
}
