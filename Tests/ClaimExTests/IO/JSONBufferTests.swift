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
}
