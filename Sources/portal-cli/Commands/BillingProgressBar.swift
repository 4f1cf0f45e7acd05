import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, drawn only when standard error is a terminal, so
/// scripts, pipes and `--json` output never see it. With `lines`, it writes one plain line per
/// billed period instead (`acme 12/36`), for logs and supervisors that are not terminals.
struct BillingProgressBar: Sendable {
    let isEnabled: Bool
    let lines: Bool
    let width = 30

    init(enabled: Bool = isatty(STDERR_FILENO) == 1, lines: Bool = false) {
        self.isEnabled = enabled && !lines
        self.lines = lines
    }

    /// Redraws the bar: `acme [##########--------------------] 12/36`.
    func show(_ label: String, done: Int, total: Int) {
        if lines {
            write("\(label) \(done)/\(total)\n")
            return
        }
        guard isEnabled, total > 0 else { return }
        let filled = min(width, done * width / total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        write("\r\u{1B}[2K\(label) [\(bar)] \(done)/\(total)")
    }

    /// Erases the bar, leaving the line for what comes next.
    func clear() {
        guard isEnabled else { return }
        write("\r\u{1B}[2K")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
