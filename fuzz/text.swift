// libFuzzer harness: the plain-text cleaner (header, byline, dateline, trailer rules).
@testable import ClaimEx

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: FuzzSupport.bytes(data, size), as: UTF8.self)
    let cleaner = PlainTextCleaner(rules: FuzzSupport.rules.plainText)
    _ = cleaner.clean(text, scratch: FuzzSupport.workspace.scratch)
    return 0
}
