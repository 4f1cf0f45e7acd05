import Foundation
import Logging
import PortalKernel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The secret-box key file of a single-machine (SQLite) installation: created with a fresh key,
/// readable only by its owner, on first start when no keys are configured.
///
/// The file is created exclusively (`O_CREAT | O_EXCL`), so when two processes start together
/// (the server and `portal-cli jobs work`) exactly one key is written and both use it.
enum LocalKeyFile {
    static func loadOrCreate(at path: String, logger: Logger) throws -> SecretKeyring {
        if let existing = try read(path) { return existing }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw PortalError.unavailable("Cannot create the folder of the key file '\(path)'.", debugDetail: "\(error)")
            }
        }
        let keyring = try SecretKeyring.generate(id: "k1")
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST, let existing = try read(path) { return existing }  // another process won the race
            throw PortalError.unavailable("Cannot create the key file '\(path)'.", debugDetail: String(cString: strerror(errno)))
        }
        let bytes = Array((keyring.exportedText + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else {
            unlink(path)
            throw PortalError.unavailable("Cannot write the key file '\(path)'.")
        }
        logger.notice("Created a new secret-box key file; back it up with the database", metadata: ["path": .string(path)])
        return keyring
    }

    /// The keyring in `path`, or `nil` when there is no file. A file still being written by
    /// another process (empty) is waited for briefly.
    private static func read(_ path: String) throws -> SecretKeyring? {
        for _ in 0..<50 {
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            if !data.isEmpty {
                return try SecretKeyring(parsing: String(decoding: data, as: UTF8.self), field: "secrets.local_key_file")
            }
            usleep(20_000)
        }
        throw PortalError.invalid("The key file is empty.", field: "secrets.local_key_file")
    }
}
