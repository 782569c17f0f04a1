// libFuzzer harness: the JSON Lines reader (LineReader + record parsing) through InputSource,
// reading the input from a scratch .jsonl file, and every article through the pipeline.
import Foundation
@testable import ClaimEx

private let path = FuzzSupport.scratchDirectory + "/input.jsonl"

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: path, contents: Data(FuzzSupport.bytes(data, size)))
    var options = InputOptions()
    options.maxBytes = 1 << 16
    var source = InputSource(paths: [path], options: options)
    var lines = 0
    while let item = source.next() {
        lines += 1
        if case .success(let article) = item {
            precondition(article.body.count <= options.maxBytes)
        }
        precondition(lines <= size + 1, "more items than lines")
    }
    return 0
}
