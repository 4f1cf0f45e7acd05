import PortalKernel

/// Checks the invoice numbers of every tenant: each series (a number's text before its final
/// digits, `INV-2026-12-`) must hold exactly the values 1…n, once each.
public enum NumberingCheck {
    public struct Result: Sendable, Codable {
        public var numbered: Int
        public var duplicates: Int
        public var gaps: Int
        public var ok: Bool { duplicates == 0 && gaps == 0 }
    }

    public static func check(tenants: [SeededTenant], database: any Database) async throws -> Result {
        var result = Result(numbered: 0, duplicates: 0, gaps: 0)
        for tenant in tenants {
            let numbers = try await database.read(TransactionOptions(tenantScope: tenant.id.uuidString)) { connection in
                var numbers: [String] = []
                try connection.forEachRow(
                    "SELECT number FROM invoices WHERE tenant_id = \(tenant.id) AND number IS NOT NULL"
                ) { row in numbers.append(try row.get("number")) }
                return numbers
            }
            result.numbered += numbers.count
            let (duplicates, gaps) = audit(numbers)
            result.duplicates += duplicates
            result.gaps += gaps
        }
        return result
    }

    /// Duplicates and missing values among `numbers`, series by series.
    static func audit(_ numbers: [String]) -> (duplicates: Int, gaps: Int) {
        var series: [Substring: [Int]] = [:]
        for number in numbers {
            let digits = number.reversed().prefix { $0.isASCII && $0.isNumber }.count
            let prefix = number.dropLast(digits)
            series[prefix, default: []].append(Int(number.suffix(digits)) ?? 0)
        }
        var duplicates = 0
        var gaps = 0
        for values in series.values {
            let distinct = Set(values)
            duplicates += values.count - distinct.count
            gaps += (distinct.max() ?? 0) - distinct.count + (distinct.contains(0) ? 1 : 0)
        }
        return (duplicates, gaps)
    }
}
