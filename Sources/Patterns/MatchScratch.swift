import CPCRE2

/// The memory one worker needs to match: PCRE2 match data, a match context carrying the
/// limits, and a JIT stack. Made once per worker and reused for every match, so that the
/// hot path allocates nothing.
///
/// Not Sendable: a scratch belongs to one thread at a time.
public final class MatchScratch {
    private var matchData: OpaquePointer
    private var capacity: Int
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// Whether the match context holds an offset limit (see `setLatestStart`).
    private var latestStartSet = false
    public let limits: MatchLimits

    public init(limits: MatchLimits = .standard, groups: Int = 32) {
        self.limits = limits
        capacity = max(groups, 1)
        guard let data = pcre2_match_data_create_8(UInt32(capacity), nil),
              let context = pcre2_match_context_create_8(nil)
        else { fatalError("PCRE2 could not allocate match data: out of memory") }
        matchData = data
        self.context = context
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heapKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, max(limits.jitStack, 32 * 1024), nil)
        if let jitStack {
            pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack))
        }
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Grows the match data when a pattern has more groups than any before it.
    func prepare(for pattern: Pattern) {
        let needed = pattern.captureCount + 1
        guard needed > capacity else { return }
        guard let data = pcre2_match_data_create_8(UInt32(needed), nil) else {
            fatalError("PCRE2 could not allocate match data: out of memory")
        }
        pcre2_match_data_free_8(matchData)
        matchData = data
        capacity = needed
    }

    /// Sets (or, with nil, clears) the offset after which no match may start, for the next
    /// matches. Patterns compiled without `acceptsLatestStart` refuse any limit, so
    /// `forEachMatch` clears it again before it returns.
    func setLatestStart(_ offset: Int?) {
        guard offset != nil || latestStartSet else { return }
        pcre2_set_offset_limit_8(context, offset ?? cx_pcre2_unset())
        latestStartSet = offset != nil
    }

    var ovector: UnsafeMutablePointer<Int> {
        // SAFETY: PCRE2_SIZE is size_t; Int has the same size and alignment on every platform
        // Swift supports, and offsets never exceed Int.max. The pointer lives as long as matchData.
        UnsafeMutableRawPointer(pcre2_get_ovector_pointer_8(matchData)!).assumingMemoryBound(to: Int.self)
    }

    /// One match attempt: true on a match, false on no match, throws on limits or errors.
    func run(
        _ pattern: Pattern, subject: UnsafeBufferPointer<UInt8>, length: Int, start: Int, options: UInt32
    ) throws(PatternError) -> Bool {
        // SAFETY: an empty buffer may have a nil base address; PCRE2 rejects a null subject but
        // never reads from a non-null one when `length` is 0 (the only case this fallback is
        // taken), so a dangling non-null pointer is sound. Otherwise `length` and `start` lie
        // within `subject` (checked by the caller) and PCRE2 reads only [0, length).
        let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1)!
        let rc = pcre2_match_8(pattern.code, base, length, start, options, matchData, context)
        if rc >= 0 { return true }
        switch rc {
        case PCRE2_ERROR_NOMATCH, PCRE2_ERROR_PARTIAL:
            return false
        case PCRE2_ERROR_MATCHLIMIT:
            throw .limit(.match, message: Pattern.message(for: rc))
        case PCRE2_ERROR_DEPTHLIMIT:
            throw .limit(.depth, message: Pattern.message(for: rc))
        case PCRE2_ERROR_HEAPLIMIT:
            throw .limit(.heap, message: Pattern.message(for: rc))
        case PCRE2_ERROR_JIT_STACKLIMIT:
            throw .limit(.jitStack, message: Pattern.message(for: rc))
        default:
            throw .match(code: rc, message: Pattern.message(for: rc))
        }
    }
}
