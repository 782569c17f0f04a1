extension RandomAccessCollection where Index == Int {
    /// The first index whose element is not `before` (the elements for which `before` holds
    /// come first, as in any list sorted by the key it tests): a binary search. Spans,
    /// sentences and quote parts are kept sorted by offset, so every "which one holds this
    /// offset" question is one of these rather than a scan of a long document.
    func firstIndex(after before: (Element) -> Bool) -> Int {
        var lo = startIndex
        var hi = endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if before(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
