import Glibc

/// Removes the temporary file of an `--output` run when the process is interrupted
/// (SIGINT, SIGTERM, SIGHUP), so that a Ctrl-C or a killed cluster task leaves neither a
/// half-written output nor a stray `.claimex-tmp-*` file behind.
///
/// The signal handler may only call async-signal-safe functions, so the path is kept as a
/// C string made here, once, before the handlers are installed.
enum TemporaryFileCleanup {
    // SAFETY: written only by `register`/`unregister` on the main thread; the signal
    // handler only reads it and calls unlink(2), which is async-signal-safe.
    nonisolated(unsafe) private static var path: UnsafeMutablePointer<CChar>?

    static func register(_ temporary: String) {
        unregister()
        path = strdup(temporary)
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { sig in
                if let p = TemporaryFileCleanup.path { unlink(p) }
                // Die of the same signal, so the caller sees why we stopped.
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    /// The run finished (renamed or abandoned): nothing to clean up any more.
    static func unregister() {
        guard let p = path else { return }
        for sig in [SIGINT, SIGTERM, SIGHUP] { signal(sig, SIG_DFL) }
        path = nil
        free(p)
    }
}
