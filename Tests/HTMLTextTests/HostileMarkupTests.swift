import Foundation
import Testing

@testable import HTMLText

#if canImport(Glibc)
import Glibc
#endif

/// libxml2 is told NONET and NODEFDTD, and claimex never calls its DTD loader, XInclude or
/// XSLT: a page can name files and URLs, but nothing is ever read or fetched because of it.
/// These tests check that for real: a secret file and a listening socket are referenced in
/// every way XML allows, and neither the file's content nor a connection ever shows up.
@Suite("HTMLText: no reach outside")
struct HostileMarkupTests {
    /// A file with a marker the page tries to pull in.
    static func secretFile() -> (path: String, marker: String) {
        let marker = "SECRET-\(UUID().uuidString)"
        let path = NSTemporaryDirectory() + "claimex-secret-\(UUID().uuidString).txt"
        _ = FileManager.default.createFile(atPath: path, contents: Data("\(marker)\n".utf8))
        return (path, marker)
    }

    /// Everything the page yields as text: blocks, title, meta values, JSON-LD.
    static func allText(_ page: HTMLPage) -> String {
        (page.blockTexts + [page.metadata.title ?? ""] + page.metadata.meta.values + page.metadata.jsonLD)
            .joined(separator: "\n")
    }

    static func pages(file: String, url: String) -> [String] {
        [
            // XXE: external entities in an internal subset, with and without an XML declaration.
            """
            <?xml version="1.0"?>
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "file://\(file)"><!ENTITY net SYSTEM "\(url)/entity">]>
            <html><body><p>Leak: &xxe; and &net; end.</p></body></html>
            """,
            """
            <!DOCTYPE html [<!ENTITY xxe SYSTEM "\(file)">]><html><body><p>&xxe;</p></body></html>
            """,
            // Parameter entities and an external DTD subset.
            """
            <!DOCTYPE html [<!ENTITY % dtd SYSTEM "\(url)/dtd"> %dtd; <!ENTITY % file SYSTEM "file://\(file)">]>
            <html><body><p>%file;</p></body></html>
            """,
            """
            <!DOCTYPE html SYSTEM "file://\(file)"><html><body><p>External DTD.</p></body></html>
            """,
            """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "\(url)/xhtml1-strict.dtd">
            <html><body><p>Public DTD.</p></body></html>
            """,
            // XInclude, an XSLT stylesheet, and the usual fetchable references of HTML.
            """
            <html xmlns:xi="http://www.w3.org/2001/XInclude"><body>
            <xi:include href="file://\(file)" parse="text"/><xi:include href="\(url)/xinclude" parse="xml"/>
            <p>XInclude.</p></body></html>
            """,
            """
            <?xml-stylesheet type="text/xsl" href="\(url)/style.xsl"?>
            <html><head><base href="\(url)/"><link rel="stylesheet" href="\(url)/a.css">
            <meta http-equiv="refresh" content="0; url=\(url)/refresh"><script src="\(url)/a.js"></script></head>
            <body><img src="file://\(file)"><iframe src="\(url)/frame"></iframe><object data="file://\(file)"></object>
            <p>References.</p></body></html>
            """,
        ]
    }

    @Test func externalEntitiesDTDsAndXIncludeReadNothing() throws {
        let (path, marker) = HostileMarkupTests.secretFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let listener = try Listener()
        defer { listener.close() }
        for html in HostileMarkupTests.pages(file: path, url: "http://127.0.0.1:\(listener.port)") {
            let page = HTMLPage.parse(Array(html.utf8))
            let text = HostileMarkupTests.allText(page)
            #expect(!text.contains(marker), "the file leaked from: \(html)")
        }
        #expect(listener.connections() == 0, "a page made libxml2 open a connection")
    }

    /// The listener does see a connection (so that zero above means something).
    @Test func theListenerCountsConnections() throws {
        let listener = try Listener()
        defer { listener.close() }
        let c = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { Glibc.close(c) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = listener.port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(c, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(rc == 0)
        usleep(50_000)
        #expect(listener.connections() == 1)
    }

    /// Billion laughs: ten levels of ten references. The HTML parser does not expand internal
    /// entities at all, so the page stays as small as its source.
    @Test func entityExpansionDoesNotBlowUp() {
        var decls = "<!ENTITY lol0 \"lol\">"
        for i in 1...9 {
            decls += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">"
        }
        let html = "<?xml version=\"1.0\"?><!DOCTYPE lolz [\(decls)]><html><body><p>&lol9;</p></body></html>"
        let start = Date()
        let page = HTMLPage.parse(Array(html.utf8))
        #expect(Date().timeIntervalSince(start) < 5)
        let size = page.text.count
        #expect(size < html.utf8.count, "entities were expanded: \(size) bytes of text")
        #expect(!HostileMarkupTests.allText(page).contains("lollollol"))

        // Quadratic blow-up: one big entity referenced many times.
        let big = "<!DOCTYPE x [<!ENTITY a \"" + String(repeating: "a", count: 50_000) + "\">]><html><body><p>"
            + String(repeating: "&a;", count: 50_000) + "</p></body></html>"
        let quad = HTMLPage.parse(Array(big.utf8))
        #expect(quad.text.count < big.utf8.count)
    }

    @Test func depthLimitIsReported() {
        let html = "<html><body>" + String(repeating: "<div>", count: 1_000) + "<p>deep</p></body></html>"
        let shallow = HTMLPage.parse(Array(html.utf8), options: ParseOptions(maxDepth: 100))
        #expect(shallow.depthLimitReached)
        #expect(!shallow.blockTexts.contains("deep"))
        let deep = HTMLPage.parse(Array(html.utf8), options: ParseOptions(maxDepth: 2_000))
        #expect(!deep.depthLimitReached)
        #expect(deep.blockTexts.contains("deep"))
        // A million nested elements: bounded by the default limit, no stack overflow.
        let huge = String(repeating: "<b>", count: 1_000_000)
        #expect(HTMLPage.parse(Array(huge.utf8)).depthLimitReached)
    }
}

/// A TCP socket listening on 127.0.0.1 that counts the connections made to it.
final class Listener {
    let fd: Int32
    let port: UInt16

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EBADF) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        self.fd = fd
        self.port = UInt16(bigEndian: addr.sin_port)
    }

    /// Connections waiting to be accepted (each is accepted and closed).
    func connections() -> Int {
        var n = 0
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { return n }
            n += 1
            Glibc.close(c)
        }
    }

    func close() { Glibc.close(fd) }
}
