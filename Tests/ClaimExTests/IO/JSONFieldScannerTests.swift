import Foundation
import Testing
@testable import ClaimEx

@Suite struct JSONFieldScannerTests {
    typealias Value = JSONFieldScanner.Value

    func scan(_ line: String, _ keys: [String]) throws(JSONFieldScanner.Failure) -> [Value?] {
        try scan(Array(line.utf8), keys)
    }

    func scan(_ bytes: [UInt8], _ keys: [String]) throws(JSONFieldScanner.Failure) -> [Value?] {
        try bytes.withUnsafeBufferPointer { buf throws(JSONFieldScanner.Failure) in
            try JSONFieldScanner.fields(of: buf, keys: keys.map { Array($0.utf8) })
        }
    }

    func isString(_ value: Value) -> Bool {
        if case .string = value { true } else { false }
    }

    func failure(_ line: String) -> JSONFieldScanner.Failure? {
        do { _ = try scan(line, ["text"]); return nil } catch { return error }
    }

    @Test func wantedFieldsAreDecodedAndTheRestSkipped() throws {
        let line = #"{"meta":{"a":[1,-2.5e3,true,false,null,{"b":"\""}]},"text":"A \"quoted\" line\nnext \u00e9\u2014 \ud83d\ude00 \/","id":17,"url":null}"#
        let v = try scan(line, ["text", "id", "url", "title"])
        #expect(v[0] == .string(Array("A \"quoted\" line\nnext é— 😀 /".utf8)))
        #expect(v[1] == .number("17"))
        #expect(v[2] == .other)
        #expect(v[3] == nil)
    }

    @Test func anEscapedKeyIsFoundAndTheLastDuplicateWins() throws {
        let v = try scan(#"{"te\u0078t":"first","text":"second"}"#, ["text"])
        #expect(v[0] == .string(Array("second".utf8)))
    }

    @Test func aLoneSurrogateBecomesTheReplacementCharacter() throws {
        let v = try scan(#"{"text":"a\ud800b \udc00c \ud800\u0041"}"#, ["text"])
        #expect(v[0] == .string(Array("a\u{FFFD}b \u{FFFD}c \u{FFFD}A".utf8)))
    }

    @Test(arguments: [
        #"{"text":"x",}"#, #"{"text" "x"}"#, #"{"text":"x""#, #"{"text":"\x41"}"#, "{\"text\":\"tab\there\"}",
        #"{"n":01}"#, #"{"n":1.}"#, #"{"n":-}"#, #"{"n":.5}"#, #"{"n":1e}"#, #"{} x"#, #"{"a":tru}"#, #"{"a":[1,]}"#,
        #"{"a":"\u12"}"#, #"{text:"x"}"#, "", "{", "\u{0}\u{0}",
    ])
    func malformedLinesAreInvalidJSON(_ line: String) {
        guard case .invalidJSON = failure(line) else {
            Issue.record("\(line.debugDescription) was not refused as invalid JSON")
            return
        }
    }

    @Test func nestingIsLimited() {
        let depth = JSONFieldScanner.maxDepth
        let ok = #"{"a":"# + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}"
        #expect(failure(ok) == nil)
        let deep = #"{"a":"# + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + "}"
        #expect(failure(deep) == .invalidJSON(offset: 5 + depth - 1))
    }

    @Test func otherTopLevelValuesAreNotObjects() {
        for line in ["[1,2,3]", #""just a string""#, "42", " null "] {
            #expect(failure(line) == .notAnObject, "\(line)")
        }
    }

    @Test func bytesThatAreNotUTF8AreRefused() throws {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xFF], [0xE2, 0x80]] {
            let line = Array(#"{"text":""#.utf8) + bad + Array(#""}"#.utf8)
            #expect(throws: JSONFieldScanner.Failure.invalidUTF8) { try scan(line, ["text"]) }
        }
    }

    @Test func numbersReadAsTextTheWayFoundationPrintsThem() {
        #expect(JSONLinesArticle.numberText("42") == "42")
        #expect(JSONLinesArticle.numberText("-7") == "-7")
        #expect(JSONLinesArticle.numberText("1e3") == "1000")
        #expect(JSONLinesArticle.numberText("2.50") == "2.5")
        #expect(JSONLinesArticle.numberText("1e999999") == "1e999999")
    }

    /// Differential check: on seeded random records, the scanner and `JSONSerialization`
    /// agree on every wanted string field, and on which lines are JSON objects at all.
    @Test func agreesWithJSONSerializationOnRandomRecords() throws {
        var rng = SplitMix64(seed: 0x5CA9_17E5)
        let pieces = ["a", "é", "“", "😀", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\u00e9", "\\ud83d\\ude00", " ", "said", "\\u0022"]
        func randomString() -> String {
            "\"" + (0..<Int.random(in: 0...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() + "\""
        }
        func randomValue(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 3 ? 4 : 7), using: &rng) {
            case 0: return randomString()
            case 1: return ["0", "-12", "3.25", "6e2", "-0.5E-3"].randomElement(using: &rng)!
            case 2: return ["true", "false", "null"].randomElement(using: &rng)!
            case 3: return " " + randomString() + "\t"
            case 4: return "[" + (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomValue(depth + 1) }.joined(separator: ", ") + "]"
            default:
                return "{" + (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomString() + ":" + randomValue(depth + 1) }
                    .joined(separator: ",") + "}"
            }
        }
        let keys = ["text", "id", "title"]
        var objects = 0
        for round in 0..<2000 {
            var members: [String] = []
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let key = Bool.random(using: &rng) ? "\"\(keys.randomElement(using: &rng)!)\"" : randomString()
                members.append(key + " : " + (Bool.random(using: &rng) ? randomString() : randomValue(1)))
            }
            var line = "{" + members.joined(separator: ",") + "}"
            if round % 7 == 0, !line.isEmpty {  // break some lines
                var bytes = Array(line.utf8)
                bytes.remove(at: Int.random(in: 0..<bytes.count, using: &rng))
                line = String(decoding: bytes, as: UTF8.self)
            }
            let reference = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let ours = try? scan(line, keys)
            // Validity is compared with the surrogate escapes neutralised, since the scanner
            // reads a lone one as U+FFFD where JSONSerialization refuses the line.
            let neutral = line.replacingOccurrences(of: #"\\u[dD][89abAB][0-9a-fA-F]{2}"#, with: #"\\ufffd"#, options: .regularExpression)
                .replacingOccurrences(of: #"\\u[dD][c-fC-F][0-9a-fA-F]{2}"#, with: #"\\ufffd"#, options: .regularExpression)
            let neutralReference = try? JSONSerialization.jsonObject(with: Data(neutral.utf8)) as? [String: Any]
            #expect((neutralReference == nil) == (ours == nil), "\(line)")
            guard let reference, let ours else { continue }
            objects += 1
            for (i, key) in keys.enumerated() {
                if let s = reference[key] as? String {
                    #expect(ours[i] == .string(Array(s.utf8)), "\(key) in \(line)")
                } else if reference[key] == nil {
                    #expect(ours[i] == nil, "\(key) in \(line)")
                } else {
                    #expect(ours[i] != nil && !isString(ours[i]!), "\(key) in \(line)")
                }
            }
        }
        #expect(objects > 1500)
    }
}
