import Foundation
import Testing
@testable import ClaimEx

@Suite struct DecimalNumberTests {
    static func parse(_ s: String) -> Float? {
        var s = s
        return s.withUTF8 { DecimalNumber.parse($0) }
    }

    @Test func formsTheFilesWrite() {
        #expect(DecimalNumberTests.parse("-0.1234") == Float("-0.1234"))
        #expect(DecimalNumberTests.parse("2") == 2)
        #expect(DecimalNumberTests.parse("+0.5") == 0.5)
        #expect(DecimalNumberTests.parse("1e-05") == Float("1e-05"))
        #expect(DecimalNumberTests.parse("0.") == 0)
        for bad in ["", "-", ".", "1.2.3", "abc", "1e", "0x10", " 1"] { #expect(DecimalNumberTests.parse(bad) == nil, "\(bad)") }
    }

    /// Every weight of the bundled model files reads as Swift's own `Float(_:)` reads it, so the
    /// byte parser changes no score.
    @Test(arguments: ["claims/model.tsv", "attribution/model.tsv"])
    func everyBundledWeightAsFloatReadsIt(_ file: String) throws {
        let text = try String(contentsOfFile: Fixtures.rulesDirectory + "/" + file, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            for column in line.split(separator: "\t").dropFirst() {
                guard let expected = Float(column) else { continue }
                #expect(DecimalNumberTests.parse(String(column)) == expected, "\(line)")
                checked += 1
            }
        }
        #expect(checked > 1000)
    }
}
