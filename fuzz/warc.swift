// libFuzzer harness: the archive readers, through InputSource on a scratch file. The first
// input byte picks the file name (.warc.gz, .warc, .gz), so one corpus reaches each reader.
// On a branch without the WARC/gzip reader this still exercises InputSource's file path.
import Foundation
@testable import ClaimEx

private let names = ["input.warc.gz", "input.warc", "input.gz"]

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var bytes = FuzzSupport.bytes(data, size)
    let pick = bytes.isEmpty ? 0 : Int(bytes.removeFirst()) % names.count
    let path = FuzzSupport.scratchDirectory + "/" + names[pick]
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    var options = InputOptions()
    options.maxBytes = 1 << 20
    var source = InputSource(paths: [path], options: options)
    var items = 0
    while let item = source.next() {
        items += 1
        if case .success(let article) = item { _ = article.body.count }
        if items > 100_000 { break }
    }
    try? FileManager.default.removeItem(atPath: path)
    return 0
}
