import Foundation
import PortalKernel

extension ManualPaymentsGateway {
    /// Reads bank details written as a JSON array of `{"label": …, "value": …}` objects, in
    /// display order:
    ///
    /// ```json
    /// [{"label": "Bank", "value": "First National Bank"},
    ///  {"label": "Account holder", "value": "Acme (Pty) Ltd"},
    ///  {"label": "Account number", "value": "62845190731"},
    ///  {"label": "Branch code", "value": "250655"},
    ///  {"label": "SWIFT", "value": "FIRNZAJJ"}]
    /// ```
    ///
    /// Values are text (quote numbers, so leading zeros stay); labels and values are trimmed and
    /// must not be empty. Other keys are ignored.
    ///
    /// - Parameter field: the field named in errors (`details` for an account,
    ///   `plugins.manual.details` for the plugin's setting).
    /// - Throws: ``PortalError`` `invalid` naming `field`. The message never repeats the text,
    ///   which holds an account number.
    public static func details(fromJSON text: String, field: String = "details") throws -> [PaymentGatewayLabeledValue] {
        struct Entry: Decodable {
            var label: String
            var value: String
        }
        let entries: [Entry]
        do {
            entries = try JSONDecoder().decode([Entry].self, from: Data(text.utf8))
        } catch {
            throw PortalError.invalid(
                #"Bank details must be a JSON array of {"label": "…", "value": "…"} objects with text values."#, field: field)
        }
        return try entries.enumerated().map { index, entry in
            guard let label = nonBlank(entry.label), let value = nonBlank(entry.value) else {
                throw PortalError.invalid("Bank detail \(index + 1) needs a label and a value.", field: field)
            }
            return PaymentGatewayLabeledValue(label, value)
        }
    }
}
