import Foundation

/// Finds the bundled `rules/` directory when the user gives no `--rules`.
///
/// Looked for, in order: `$CLAIMEX_RULES`; `share/claimex/rules` beside an installed binary
/// (`make install`); a `rules/` directory in an ancestor of the executable (a build inside
/// the source tree); `./rules`.
public enum RuleLocator {
    public static func bundledDirectory() -> String? {
        let fm = FileManager.default
        func isRules(_ path: String) -> Bool {
            var dir: ObjCBool = false
            return fm.fileExists(atPath: path + "/attribution", isDirectory: &dir) && dir.boolValue
        }
        if let env = ProcessInfo.processInfo.environment["CLAIMEX_RULES"], !env.isEmpty { return env }
        let exe = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        let installed = dir.deletingLastPathComponent().appendingPathComponent("share/claimex/rules").path
        if isRules(installed) { return installed }
        for _ in 0..<6 {
            let candidate = dir.appendingPathComponent("rules").path
            if isRules(candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let cwd = fm.currentDirectoryPath + "/rules"
        return isRules(cwd) ? cwd : nil
    }
}
