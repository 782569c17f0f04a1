import Testing
@testable import ClaimEx

@Suite struct HTTPMessageTests {
    @Test func headersAreStrippedAndChunksJoined() throws {
        let block = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"ISO-8859-1\"\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n6\r\n world\r\n0\r\n\r\n".utf8)
        let http = try #require(HTTPMessage.parse(block))
        #expect(http.status == 200)
        #expect(HTTPMessage.charset(ofContentType: http.header("content-type")) == "iso-8859-1")
        #expect(HTTPMessage.mediaType(ofContentType: http.header("Content-Type")) == "text/html")
        #expect(try http.decodedBody(maxBytes: 100) == Array("Hello world".utf8))
    }

    @Test func aChunkedHeaderOnAnAlreadyDechunkedBodyKeepsTheBody() throws {
        // Common Crawl stores bodies de-chunked but keeps the header.
        let block = Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html><p>Hi</p></html>".utf8)
        let http = try #require(HTTPMessage.parse(block))
        #expect(try http.decodedBody(maxBytes: 100) == Array("<html><p>Hi</p></html>".utf8))
    }

    @Test func unsupportedContentEncodingIsAnError() throws {
        let http = try #require(HTTPMessage.parse(Array("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\u{1}\u{2}".utf8)))
        #expect(throws: HTTPMessage.Failure.self) { try http.decodedBody(maxBytes: 100) }
    }

    @Test func notHTTP() {
        #expect(HTTPMessage.parse(Array("<html>".utf8)) == nil)
    }
}
