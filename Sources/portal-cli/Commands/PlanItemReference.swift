import Foundation
import PortalKernel

/// Names one item of a proposal's plan by its id or by its `#` in `proposal show` (1-based).
enum PlanItemReference {
    /// The item of `items` that `text` names; `not_found` on `field` when none does.
    static func resolve<Item, ID: Equatable>(
        _ text: String, in items: [Item], id: (Item) -> ID, parse: (String) -> ID?, what: String, field: String
    ) throws -> Item {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let position = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        if let number = Int(position), number >= 1, number <= items.count { return items[number - 1] }
        if let wanted = parse(trimmed), let item = items.first(where: { id($0) == wanted }) { return item }
        throw PortalError.notFound("The proposal has no \(what) '\(trimmed.prefix(64))'.", field: field)
    }
}
