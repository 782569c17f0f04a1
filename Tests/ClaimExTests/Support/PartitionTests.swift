import Testing
@testable import ClaimEx

@Suite struct PartitionTests {
    @Test func findsTheFirstElementPastTheTest() {
        let xs = [1, 3, 3, 5, 8]
        #expect(xs.firstIndex(after: { $0 < 3 }) == 1)
        #expect(xs.firstIndex(after: { $0 <= 3 }) == 3)
        #expect(xs.firstIndex(after: { $0 < 0 }) == 0)
        #expect(xs.firstIndex(after: { $0 < 100 }) == 5)
        #expect([Int]().firstIndex(after: { $0 < 1 }) == 0)
        #expect(xs[2...].firstIndex(after: { $0 < 5 }) == 3)   // a slice keeps its own indices
    }
}
