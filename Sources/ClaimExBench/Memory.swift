// Allocation counts and peak RSS of one stage, for claimex-bench.
import CAllocCounter
import Foundation

/// What one pass of a stage cost in memory.
struct MemoryUse {
    /// Allocator calls (malloc, calloc, realloc, memalign family) made by this thread.
    var allocations: UInt64
    /// Bytes those calls asked for.
    var bytes: UInt64
    /// Peak resident set during the pass (VmHWM after a reset), in MB.
    var peakRSS: Double
    /// Resident set when the pass began, in MB: `peakRSS - startRSS` is what the pass added.
    var startRSS: Double
}

/// Whether the interposed allocator of the CAllocCounter target is counting (not under a
/// sanitizer, which interposes malloc itself).
let allocationsCounted = cx_alloc_counting() != 0

/// Reads a "Name:   123 kB" line of /proc/self/status, in MB.
private func statusMB(_ key: String) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return .nan }
    for line in status.split(separator: "\n") where line.hasPrefix(key + ":") {
        let kb = line.dropFirst(key.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first.flatMap { Double($0) } ?? .nan
        return kb / 1024
    }
    return .nan
}

/// Runs `body` once on this thread and measures it.
///
/// Peak RSS: freed heap is first handed back to the system (malloc_trim), then the kernel's
/// high-water mark is reset to the current RSS by writing "5" to /proc/self/clear_refs
/// (Linux ≥ 4.0), so VmHWM afterwards is the peak reached during `body`. It includes what the
/// process already held (the bench keeps all inputs in memory); `startRSS` says how much.
func measureMemory(_ body: () -> Void) -> MemoryUse {
    cx_alloc_trim()
    let reset = FileManager.default.isWritableFile(atPath: "/proc/self/clear_refs")
        && (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil
    let start = statusMB("VmRSS")
    let a0 = cx_alloc_count()
    let b0 = cx_alloc_bytes()
    body()
    let a1 = cx_alloc_count()
    let b1 = cx_alloc_bytes()
    let peak = reset ? statusMB("VmHWM") : .nan
    return MemoryUse(allocations: a1 - a0, bytes: b1 - b0, peakRSS: peak, startRSS: start)
}
