import Foundation
import Testing
@testable import ClaimEx

@Suite struct JSONBufferTests {
    @Test func keysKeepTheirOrderAndStringsAreEscaped() throws {
        var json = JSONBuffer()
        json.beginObject()
        json.key("z"); json.string("a \"quote\"\\ \n\t\u{01} é “”")
        json.key("a"); json.int(-3)
        json.key("m"); json.beginArray(); json.number(0.5); json.number(1); json.number(0.1234); json.null(); json.bool(true); json.endArray()
        json.endObject()
        json.newline()
        let line = String(decoding: json.bytes, as: UTF8.self)
        #expect(line == #"{"z":"a \"quote\"\\ \n\t\u0001 é “”","a":-3,"m":[0.5,1,0.123,null,true]}"# + "\n")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any]
        #expect(parsed?["z"] as? String == "a \"quote\"\\ \n\t\u{01} é “”")
    }
}

@Suite struct JSONBufferNumberTests {
    /// The formatting the writer had when it built strings: three decimals at most, trailing
    /// zeros dropped, "-0" for small negatives.
    static func reference(_ x: Double) -> String {
        let thousandths = Int((x * 1000).rounded())
        var text = String(thousandths / 1000)
        let frac = abs(thousandths % 1000)
        if thousandths < 0 && thousandths > -1000 { text = "-0" }
        if frac != 0 {
            var digits = String(frac)
            while digits.count < 3 { digits = "0" + digits }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    @Test func numbersAreWrittenAsBefore() {
        var rng = SplitMix64(seed: 9)
        var values: [Double] = [0, -0.0004, -0.0005, -0.5, -1.25, 2.05, 0.125, 3, 999.9995, -1000.001]
        for _ in 0..<5_000 { values.append(Double(Int64(bitPattern: rng.next()) % 4_000_000) / 997) }
        for x in values {
            var json = JSONBuffer()
            json.number(x)
            #expect(String(decoding: json.bytes, as: UTF8.self) == Self.reference(x), "\(x)")
        }
    }

    @Test func intsIdsAndPartsAreWrittenDirectly() throws {
        var json = JSONBuffer()
        json.beginArray()
        for n in [0, 7, -7, 10, 1234567890, Int.min] { json.int(n) }
        json.recordID("a\"b", "q", 0, 1205)
        let text = "He said, “Yes.” Then: no"
        var copy = text
        copy.withUTF8 { buf in
            json.string(utf8Parts: [UnsafeBufferPointer(rebasing: buf[0..<7]), UnsafeBufferPointer(rebasing: buf[9..<19])])
        }
        json.endArray()
        let line = String(decoding: json.bytes, as: UTF8.self)
        #expect(line == #"[0,7,-7,10,1234567890,-9223372036854775808,"a\"b:q0-1205","He said “Yes.”"]"#)
        _ = try JSONSerialization.jsonObject(with: Data(json.bytes))
    }
}

@Suite struct JSONBufferMembersTests {
    /// Members encoded once go into any object as if written there: after other members, as
    /// the first, and never as an empty member.
    @Test func encodedMembersJoinAnObject() throws {
        var shared = JSONBuffer()
        shared.key("url"); shared.string("https://example.org/a?b=\"c\"")
        shared.key("line"); shared.int(7)
        for first in [false, true] {
            var json = JSONBuffer()
            json.beginObject()
            if !first { json.key("type"); json.string("quote") }
            json.members(shared.bytes)
            json.members([])
            json.key("end"); json.bool(true)
            json.endObject()
            let line = String(decoding: json.bytes, as: UTF8.self)
            #expect(line == (first ? "{" : #"{"type":"quote","#) + #""url":"https://example.org/a?b=\"c\"","line":7,"end":true}"#)
            _ = try JSONSerialization.jsonObject(with: Data(json.bytes))
        }
    }
}

@Suite struct ScalarOffsetsTests {
    @Test(arguments: [0, 1, 255, 256, 257, 1000])
    func bytesBecomeCodePoints(prefix: Int) {
        // Multi-byte characters straddling the 256-byte checkpoints.
        let text = String(repeating: "é", count: prefix) + "a😀b"
        var copy = text
        copy.withUTF8 { buf in
            let offsets = ScalarOffsets(buf)
            let a = text.utf8.count - 6
            #expect(offsets.scalar(a) == prefix)
            #expect(offsets.scalar(a + 1) == prefix + 1)
            #expect(offsets.scalar(buf.count) == prefix + 3)
        }
    }

    /// Every byte offset of a text of ASCII blocks (read without a walk), mixed blocks and
    /// lengths around a block's end, against a count from the start; and `base` is added.
    @Test(arguments: [0, 1, 255, 256, 257, 511, 512, 513, 2000])
    func everyOffsetAgainstACountFromTheStart(length: Int) {
        var rng = SplitMix64(seed: UInt64(length))
        let pieces = ["a", "b", " ", "é", "😀", "ж", "."]
        var text = String(repeating: "x", count: 300)
        while text.utf8.count < length + 300 { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
        text += String(repeating: "y", count: length)
        text.withUTF8 { buf in
            let offsets = ScalarOffsets(buf, base: 5)
            var scalars = 0
            for i in 0...buf.count {
                if i > 0, buf[i - 1] & 0xC0 != 0x80 { scalars += 1 }
                guard i == buf.count || buf[i] & 0xC0 != 0x80 else { continue }
                #expect(offsets.scalar(i) == 5 + scalars, "offset \(i)")
            }
        }
    }
}
