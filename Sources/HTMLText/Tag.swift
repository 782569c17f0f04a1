/// The HTML elements the text walker distinguishes. Everything else is `.other`.
public enum HTMLTag: UInt8, Sendable, Hashable {
    case other
    case a, abbr, address, article, aside, audio, b, blockquote, body, br, button, canvas, caption
    case center, code, dd, del, details, dialog, div, dl, dt, em, embed, fieldset, figcaption
    case figure, font, footer, form, h1, h2, h3, h4, h5, h6, head, header, hr, html, i, iframe
    case img, input, ins, label, legend, li, link, main, map, math, menu, meta, nav, noscript
    case object, ol, option, p, picture, pre, q, s, script, section, select, small, source, span
    case strong, style, sub, summary, sup, svg, table, tbody, td, template, textarea, tfoot, th
    case thead, time, title, tr, u, ul, video, base, frameset, frame, noembed

    /// Heading level 1...6, or 0 for anything that is not h1...h6.
    public var headingLevel: Int {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: 0
        }
    }

    /// Elements that start and end a block of text (everything else is inline).
    public var isBlock: Bool {
        switch self {
        case .address, .article, .aside, .blockquote, .body, .caption, .center, .dd, .details,
            .dialog, .div, .dl, .dt, .fieldset, .figcaption, .figure, .footer, .form, .h1, .h2,
            .h3, .h4, .h5, .h6, .head, .header, .hr, .html, .legend, .li, .main, .menu, .nav, .ol,
            .p, .pre, .section, .summary, .table, .tbody, .td, .tfoot, .th, .thead, .tr, .ul,
            .frameset, .frame:
            true
        default:
            false
        }
    }

    /// Elements whose content is never article text (their subtree is not walked).
    public var isSkipped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .iframe, .object, .embed, .canvas,
            .button, .select, .textarea, .input, .option, .audio, .video, .map, .noembed, .math:
            true
        default:
            false
        }
    }

    /// Maps an element name (NUL-terminated, lower case as libxml2's HTML parser reports it)
    /// to a tag, comparing the name as one packed integer.
    static func of(_ name: UnsafePointer<UInt8>?) -> HTMLTag {
        guard let name else { return .other }
        var key: UInt64 = 0
        var len = 0
        // SAFETY: `name` is a NUL-terminated string owned by the live libxml2 document; we read
        // at most 11 bytes and stop at the terminator, so no read passes its end.
        while len < 11 {
            let c = name[len]
            if c == 0 { break }
            if len < 8 { key |= UInt64(c) << (8 * UInt64(len)) }
            len += 1
        }
        if len == 9 || len > 10 { return .other }
        var t: HTMLTag
        switch key {
        case 0x61: t = .a
        case 0x72626261: t = .abbr
        case 0x73736572646461: t = .address
        case 0x656C6369747261: t = .article
        case 0x6564697361: t = .aside
        case 0x6F69647561: t = .audio
        case 0x62: t = .b
        case 0x6F75716B636F6C62: t = .blockquote
        case 0x79646F62: t = .body
        case 0x7262: t = .br
        case 0x6E6F74747562: t = .button
        case 0x7361766E6163: t = .canvas
        case 0x6E6F6974706163: t = .caption
        case 0x7265746E6563: t = .center
        case 0x65646F63: t = .code
        case 0x6464: t = .dd
        case 0x6C6564: t = .del
        case 0x736C6961746564: t = .details
        case 0x676F6C616964: t = .dialog
        case 0x766964: t = .div
        case 0x6C64: t = .dl
        case 0x7464: t = .dt
        case 0x6D65: t = .em
        case 0x6465626D65: t = .embed
        case 0x746573646C656966: t = .fieldset
        case 0x6974706163676966: t = .figcaption
        case 0x657275676966: t = .figure
        case 0x746E6F66: t = .font
        case 0x7265746F6F66: t = .footer
        case 0x6D726F66: t = .form
        case 0x3168: t = .h1
        case 0x3268: t = .h2
        case 0x3368: t = .h3
        case 0x3468: t = .h4
        case 0x3568: t = .h5
        case 0x3668: t = .h6
        case 0x64616568: t = .head
        case 0x726564616568: t = .header
        case 0x7268: t = .hr
        case 0x6C6D7468: t = .html
        case 0x69: t = .i
        case 0x656D61726669: t = .iframe
        case 0x676D69: t = .img
        case 0x7475706E69: t = .input
        case 0x736E69: t = .ins
        case 0x6C6562616C: t = .label
        case 0x646E6567656C: t = .legend
        case 0x696C: t = .li
        case 0x6B6E696C: t = .link
        case 0x6E69616D: t = .main
        case 0x70616D: t = .map
        case 0x6874616D: t = .math
        case 0x756E656D: t = .menu
        case 0x6174656D: t = .meta
        case 0x76616E: t = .nav
        case 0x7470697263736F6E: t = .noscript
        case 0x7463656A626F: t = .object
        case 0x6C6F: t = .ol
        case 0x6E6F6974706F: t = .option
        case 0x70: t = .p
        case 0x65727574636970: t = .picture
        case 0x657270: t = .pre
        case 0x71: t = .q
        case 0x73: t = .s
        case 0x747069726373: t = .script
        case 0x6E6F6974636573: t = .section
        case 0x7463656C6573: t = .select
        case 0x6C6C616D73: t = .small
        case 0x656372756F73: t = .source
        case 0x6E617073: t = .span
        case 0x676E6F727473: t = .strong
        case 0x656C797473: t = .style
        case 0x627573: t = .sub
        case 0x7972616D6D7573: t = .summary
        case 0x707573: t = .sup
        case 0x677673: t = .svg
        case 0x656C626174: t = .table
        case 0x79646F6274: t = .tbody
        case 0x6474: t = .td
        case 0x6574616C706D6574: t = .template
        case 0x6165726174786574: t = .textarea
        case 0x746F6F6674: t = .tfoot
        case 0x6874: t = .th
        case 0x6461656874: t = .thead
        case 0x656D6974: t = .time
        case 0x656C746974: t = .title
        case 0x7274: t = .tr
        case 0x75: t = .u
        case 0x6C75: t = .ul
        case 0x6F65646976: t = .video
        case 0x65736162: t = .base
        case 0x746573656D617266: t = .frameset
        case 0x656D617266: t = .frame
        case 0x6465626D656F6E: t = .noembed
        default: t = .other
        }
        if len == 10 {
            if t != .blockquote && t != .figcaption { t = .other }
        } else if t == .blockquote || t == .figcaption {
            t = .other
        }
        return t
    }
}
