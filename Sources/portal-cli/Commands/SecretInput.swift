import Foundation
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads secrets from standard input, never from arguments (which shell history and process
/// lists keep).
///
/// Piped input (`printf '%s\n' "$PASSWORD" | portal-cli user create … --password-stdin`) is
/// read up to its first line break. At a terminal the operator is prompted on standard error and
/// what they type is not echoed.
enum SecretInput {
    /// The first line of standard input, without its line break; `invalid` on `field` when empty.
    static func readLine(prompt: String, field: String) throws -> String {
        let line: String?
        if isatty(STDIN_FILENO) == 1 {
            line = readWithoutEcho(prompt: prompt)
        } else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            line = String(decoding: data, as: UTF8.self)
                .split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        }
        var text = line ?? ""
        if text.hasSuffix("\r") { text.removeLast() }
        guard !text.isEmpty else {
            throw PortalError.invalid("Standard input held no \(field); pipe it in on one line.", field: field)
        }
        return text
    }

    private static func readWithoutEcho(prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        var original = termios()
        let canHide = tcgetattr(STDIN_FILENO, &original) == 0
        if canHide {
            var silent = original
            silent.c_lflag &= ~tcflag_t(ECHO)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        }
        defer {
            if canHide { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true)
    }
}
