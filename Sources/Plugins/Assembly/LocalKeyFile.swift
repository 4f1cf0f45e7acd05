import Foundation
import Logging
import PortalKernel

/// The secret-box key file of a single-machine (SQLite) installation: created with a fresh key,
/// readable only by its owner, on first start when no keys are configured.
enum LocalKeyFile {
    static func loadOrCreate(at path: String, logger: Logger) throws -> SecretKeyring {
        let manager = FileManager.default
        if let data = manager.contents(atPath: path) {
            return try SecretKeyring(parsing: String(decoding: data, as: UTF8.self), field: "secrets.local_key_file")
        }
        let keyring = try SecretKeyring.generate(id: "k1")
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        guard manager.createFile(atPath: path, contents: Data((keyring.exportedText + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PortalError.unavailable("Cannot create the key file '\(path)'.")
        }
        logger.notice("Created a new secret-box key file; back it up with the database", metadata: ["path": .string(path)])
        return keyring
    }
}
