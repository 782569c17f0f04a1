import Glibc
import Synchronization

/// Removes the temporary files of `--output` runs when the process is interrupted (SIGINT,
/// SIGTERM, SIGHUP), so that a Ctrl-C or a killed cluster task leaves neither a half-written
/// output nor a stray `.claimex-tmp-*` file behind.
///
/// A library user may have several outputs open at once, on several threads, so each output
/// holds a slot of its own. The signal handler may only call async-signal-safe functions, so
/// the paths are C strings in a fixed array made once: the handler reads the slots and calls
/// unlink(2), nothing else.
enum TemporaryFileCleanup {
    /// How many outputs can be protected at once; past it an output is simply not cleaned up
    /// on a signal (it is still renamed or removed normally).
    static let capacity = 64

    // SAFETY: allocated and set to nil once, never freed. Slots are written only while holding
    // `registrations`, so threads never race on them; the signal handler only loads a slot
    // (one aligned pointer) and passes it to unlink(2). A path a slot ever held is never
    // freed (see `unregister`), so a handler that loaded it just before it was cleared still
    // reads a valid C string.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()

    /// How many slots are in use; the handlers are installed while it is above zero.
    private static let registrations = Mutex(0)

    /// Protects `temporary` until `unregister`; returns its slot, or nil when all are taken.
    static func register(_ temporary: String) -> Int? {
        registrations.withLock { count -> Int? in
            guard let slot = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
            slots[slot] = strdup(temporary)
            count += 1
            if count == 1 {
                // A parent that spawned us from a thread with these signals blocked (as a
                // dispatch worker does) passes the mask on: a SIGTERM would then wait forever
                // and the task would end by SIGKILL, leaving the file. Unblock them here.
                var set = sigset_t()
                sigemptyset(&set)
                for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
                pthread_sigmask(SIG_UNBLOCK, &set, nil)
                for sig in [SIGINT, SIGTERM, SIGHUP] {
                    signal(sig) { sig in
                        for i in 0..<TemporaryFileCleanup.capacity {
                            if let p = TemporaryFileCleanup.slots[i] { unlink(p) }
                        }
                        // Die of the same signal, so the caller sees why we stopped.
                        signal(sig, SIG_DFL)
                        raise(sig)
                    }
                }
            }
            return slot
        }
    }

    /// The output finished (renamed or abandoned): nothing to clean up for it any more.
    /// The path's memory is deliberately kept: a handler on another thread may have loaded
    /// it an instant before (a few dozen bytes an output, for the life of the process).
    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        registrations.withLock { count in
            guard slots[slot] != nil else { return }
            slots[slot] = nil
            count -= 1
            if count == 0 {
                for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
            }
        }
    }

    /// Paths currently protected, for tests.
    static var protectedPaths: [String] {
        registrations.withLock { _ in
            (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
        }
    }
}
