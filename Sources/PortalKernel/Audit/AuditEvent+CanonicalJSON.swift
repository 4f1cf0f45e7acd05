extension AuditEvent {
    /// `changes` as `JSONCoding.encode` writes them, byte for byte (the `changes` column), or
    /// `nil` for a change only `JSONEncoder` may write (a non-finite number, very deep nesting).
    static func canonicalJSON(of changes: [String: AuditChange]) -> [UInt8]? {
        var writer = CanonicalJSONWriter(reservingCapacity: 64 * changes.count + 2)
        do {
            try writer.writeChanges(changes)
            return writer.bytes
        } catch {
            return nil
        }
    }

    /// The event's content as ``AuditTrail/hash(of:)`` hashes it: the event with an empty
    /// `hash`, as `JSONCoding.encode` writes it, byte for byte.
    ///
    /// `changesJSON` is ``canonicalJSON(of:)`` of ``changes`` when the caller has it already.
    /// When the changes cannot be written here, the whole event goes through `JSONCoding.encode`,
    /// so the result, or the error, is Foundation's.
    ///
    /// Every stored property is written, in the order of its snake_case key's UTF-8 bytes, with
    /// `nil` ones left out as the synthesized `Encodable` conformance does. A property added to
    /// ``AuditEvent`` must be added here too; the canonical JSON tests fail until it is.
    func canonicalContentJSON(changesJSON: [UInt8]? = nil) throws -> [UInt8] {
        guard let changesJSON = changesJSON ?? Self.canonicalJSON(of: changes) else {
            var content = self
            content.hash = ""
            return try JSONCoding.encode(content)
        }
        var writer = CanonicalJSONWriter(reservingCapacity: 512 + changesJSON.count)
        writer.writeRaw(#"{"action":"#)
        writer.write(action)
        if let actorId {
            writer.writeRaw(#","actor_id":"#)
            writer.write(actorId)
        }
        writer.writeRaw(#","actor_label":"#)
        writer.write(actorLabel)
        writer.writeRaw(#","actor_type":"#)
        writer.write(actorType)
        writer.writeRaw(#","changes":"#)
        writer.writeRaw(changesJSON)
        if let companyId {
            writer.writeRaw(#","company_id":"#)
            writer.write(companyId.uuidString)
        }
        writer.writeRaw(#","hash":"","id":"#)
        writer.write(id.uuidString)
        if let ipAddress {
            writer.writeRaw(#","ip_address":"#)
            writer.write(ipAddress)
        }
        writer.writeRaw(#","occurred_at":"#)
        writer.write(occurredAt.iso8601)
        writer.writeRaw(#","previous_hash":"#)
        writer.write(previousHash)
        if let requestId {
            writer.writeRaw(#","request_id":"#)
            writer.write(requestId)
        }
        writer.writeRaw(#","resource_id":"#)
        writer.write(resourceId)
        writer.writeRaw(#","resource_type":"#)
        writer.write(resourceType)
        writer.writeRaw(#","sequence":"#)
        writer.write(sequence)
        writer.writeRaw(#","tenant_id":"#)
        writer.write(tenantId.uuidString)
        writer.writeRaw("}")
        return writer.bytes
    }
}

extension CanonicalJSONWriter {
    /// Appends a changes map: each change as `{"after":…,"before":…}`, absent sides left out.
    mutating func writeChanges(_ changes: [String: AuditChange]) throws(Unrepresentable) {
        try writeObject(changes) { (writer, change) throws(Unrepresentable) in
            writer.writeRaw("{")
            if let after = change.after {
                writer.writeRaw(#""after":"#)
                try writer.write(after)
            }
            if let before = change.before {
                writer.writeRaw(change.after == nil ? #""before":"# : #","before":"#)
                try writer.write(before)
            }
            writer.writeRaw("}")
        }
    }
}
