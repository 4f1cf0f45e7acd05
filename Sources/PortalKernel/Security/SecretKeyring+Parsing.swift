extension SecretKeyring {
    /// Reads a keyring from the text a key file or an environment variable holds.
    ///
    /// Entries are `id:base64key` (standard or url-safe base64 of exactly 32 bytes), separated by
    /// newlines or commas; surrounding spaces, blank lines and lines starting with `#` are
    /// ignored. The **first** entry is the active key.
    ///
    /// ```text
    /// # newest first; each value is the base64 of 32 random bytes
    /// k2:<base64 key>
    /// k1:<base64 key>
    /// ```
    /// or, in one variable, `PORTAL_SECRETS_KEYS=k2:<base64 key>,k1:<base64 key>`.
    /// ``SecretKeyring/generate(id:)`` followed by ``SecretKeyring/exportedText`` writes a valid file.
    ///
    /// - Parameter field: the name errors report, with the entry's index appended
    ///   (`"PORTAL_SECRETS_KEYS[1]"`), so an operator can find the bad entry.
    /// - Throws: ``PortalError`` `invalid` for no entries, an entry without `:`, a malformed id,
    ///   bad base64, a key that is not 32 bytes, or a repeated id. Messages name the entry and
    ///   the key id, never the key material.
    public init(parsing text: String, field: String = "secret_keys") throws {
        let entries = text.split(whereSeparator: \.isNewline)
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .flatMap { $0.split(separator: ",") }
            .map { String($0).trimmingSpaces }
            .filter { !$0.isEmpty }
        guard !entries.isEmpty else {
            throw PortalError.invalid("No keys found; expected lines of the form id:base64key.", field: field)
        }
        var keys: [SecretKey] = []
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            let entryField = "\(field)[\(index)]"
            guard let colon = entry.firstIndex(of: ":") else {
                throw PortalError.invalid("Entry \(index + 1) is not of the form id:base64key.", field: entryField)
            }
            let id = String(entry[..<colon]).trimmingSpaces
            let encoded = String(entry[entry.index(after: colon)...]).trimmingSpaces
            try SecretKey.validate(id: id, field: entryField)
            guard seen.insert(id).inserted else {
                throw PortalError.invalid("Key id '\(id)' appears more than once.", field: entryField)
            }
            guard let bytes = ByteEncoding.bytes(fromBase64: encoded) else {
                throw PortalError.invalid("Key '\(id)' is not valid base64.", field: entryField)
            }
            keys.append(try SecretKey(id: id, bytes: bytes, field: entryField))
        }
        try self.init(active: keys[0], others: Array(keys.dropFirst()))
    }
}
