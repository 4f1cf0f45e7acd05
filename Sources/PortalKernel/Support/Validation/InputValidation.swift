/// Checks and normalises input fields, throwing `invalid` with the field's name.
///
/// Text is trimmed of surrounding whitespace; an optional field given as empty text means
/// "no value" (that is how an update clears a field).
public enum InputValidation {
    /// The default longest text field, in characters.
    public static let defaultMaximumLength = 200

    /// A required text: present, not blank, at most `maximumLength` characters, no control characters.
    public static func required(_ value: String?, field: String, maximumLength: Int = defaultMaximumLength) throws -> String {
        guard let text = try optional(value, field: field, maximumLength: maximumLength) else {
            throw PortalError.invalid("\(field) is required.", field: field)
        }
        return text
    }

    /// An optional text: `nil` when absent or blank, else trimmed and checked like ``required(_:field:maximumLength:)``.
    public static func optional(_ value: String?, field: String, maximumLength: Int = defaultMaximumLength) throws -> String? {
        guard let value else { return nil }
        let text = value.trimmingWhitespace()
        if text.isEmpty { return nil }
        guard text.count <= maximumLength else {
            throw PortalError.invalid("\(field) must be at most \(maximumLength) characters.", field: field)
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw PortalError.invalid("\(field) must not contain control characters.", field: field)
        }
        return text
    }

    /// A required email address, trimmed (see ``optionalEmail(_:field:)``).
    public static func email(_ value: String?, field: String = "email") throws -> String {
        guard let email = try optionalEmail(value, field: field) else {
            throw PortalError.invalid("\(field) is required.", field: field)
        }
        return email
    }

    /// An optional email address: one `@`, a non-empty local part, a domain with a dot, no spaces,
    /// at most 254 characters.
    public static func optionalEmail(_ value: String?, field: String = "email") throws -> String? {
        guard let text = try optional(value, field: field, maximumLength: 254) else { return nil }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let valid = parts.count == 2 && !parts[0].isEmpty && parts[0].count <= 64
            && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !parts[1].contains("..")
            && !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == ">" })
        guard valid else { throw PortalError.invalid("\(field) must be a valid email address.", field: field) }
        return text
    }

    /// The form of an email used for uniqueness and look-ups: lowercased.
    public static func emailKey(_ email: String) -> String {
        email.trimmingWhitespace().lowercased()
    }

    /// An optional `http` or `https` URL.
    public static func optionalURL(_ value: String?, field: String) throws -> String? {
        guard let text = try optional(value, field: field, maximumLength: 2048) else { return nil }
        let lowered = text.lowercased()
        guard (lowered.hasPrefix("https://") || lowered.hasPrefix("http://")), text.count > 8,
            !text.contains(where: { $0.isWhitespace })
        else { throw PortalError.invalid("\(field) must be an http or https URL.", field: field) }
        return text
    }

    /// A slug: 2 to 63 lowercase letters, digits and single hyphens, starting with a letter.
    public static func slug(_ value: String?, field: String = "slug") throws -> String {
        let text = try required(value, field: field, maximumLength: 63)
        let allowed = text.allSatisfy { ($0.isASCII && $0.isLowercase && $0.isLetter) || ($0.isASCII && $0.isNumber) || $0 == "-" }
        guard allowed, text.count >= 2, text.first?.isLetter == true, !text.hasSuffix("-"), !text.contains("--") else {
            throw PortalError.invalid(
                "\(field) must be 2 to 63 lowercase letters, digits and single hyphens, starting with a letter.", field: field)
        }
        return text
    }

    /// An optional phone number: digits, spaces and `+ - ( ) .`, with 5 to 20 digits.
    public static func optionalPhone(_ value: String?, field: String = "phone") throws -> String? {
        guard let text = try optional(value, field: field, maximumLength: 40) else { return nil }
        let digits = text.filter(\.isNumber).count
        guard text.allSatisfy({ $0.isNumber || " +-().".contains($0) }), (5...20).contains(digits) else {
            throw PortalError.invalid("\(field) must be a phone number.", field: field)
        }
        return text
    }

    /// A value of a string enumeration, naming the allowed values when it is not one.
    public static func choice<Value: RawRepresentable & CaseIterable>(
        _ value: String?, as type: Value.Type, field: String
    ) throws -> Value? where Value.RawValue == String {
        guard let value else { return nil }
        guard let choice = Value(rawValue: value) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            throw PortalError.invalid("\(field) must be one of: \(allowed).", field: field)
        }
        return choice
    }

    /// A short code (`VAT`, `pro-monthly`): 1 to 32 of `A–Z a–z 0–9 _ -`, kept as given.
    public static func code(_ value: String?, field: String) throws -> String {
        let text = try required(value, field: field, maximumLength: 32)
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
        else { throw PortalError.invalid("\(field) may contain only letters, digits, '_' and '-'.", field: field) }
        return text
    }
}
