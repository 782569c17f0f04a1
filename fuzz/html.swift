// libFuzzer harness: HTMLText (libxml2 parse + walk) and the HTML cleaner on arbitrary bytes.
import HTMLText
@testable import ClaimEx

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let page = HTMLPage.parse(bytes, options: ParseOptions(skipClassWords: ["hidden", "sr-only"]))
    for block in page.blocks { precondition(Int(block.element) < page.elements.count) }
    let clean = FuzzSupport.rules.html.clean(bytes)
    _ = clean.paragraphs.count
    return 0
}
