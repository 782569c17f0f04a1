// libFuzzer harness: the whole pipeline up to attribution and claim typing, on the input
// as a plain-text article (the first byte 'H'/'<' makes it an HTML article instead).
@testable import ClaimEx

private let pipeline = Pipeline(rules: FuzzSupport.rules, depth: .full)

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let body = FuzzSupport.bytes(data, size)
    let format: Article.Format = body.first == UInt8(ascii: "<") ? .html : .text
    let article = Article(id: "fuzz", format: format, body: body, provenance: Provenance(input: "fuzz"))
    guard let document = try? pipeline.run(article, in: FuzzSupport.workspace) else { return 0 }
    let count = document.text.utf8.count
    for q in document.quotes {
        precondition(q.content.lowerBound >= 0 && q.content.upperBound <= count, "quote content out of the text")
    }
    var json = JSONBuffer()
    RecordEncoder.extract(document, into: &json)
    return 0
}
