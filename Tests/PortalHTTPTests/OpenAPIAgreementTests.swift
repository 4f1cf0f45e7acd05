import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import PortalAssembly
@testable import PortalHTTP
import Testing

/// The OpenAPI document is a promise about the API: these tests keep it well-formed,
/// self-consistent, served as shipped, and describing exactly the routes the server has.
@Suite("The OpenAPI document agrees with the API")
struct OpenAPIAgreementTests {
    /// The methods an OpenAPI path item may hold operations under.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    static func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(try OpenAPIRoute.document()))
        return try #require(object as? [String: Any], "the document is not a JSON object")
    }

    /// Every operation as `METHOD /path` (paths relative to the server URL `/api/v1`), with its object.
    static func operations(in document: [String: Any]) throws -> [String: [String: Any]] {
        let paths = try #require(document["paths"] as? [String: Any], "the document has no paths")
        var operations: [String: [String: Any]] = [:]
        for (path, item) in paths {
            let item = try #require(item as? [String: Any], "path item \(path) is not an object")
            for method in methods {
                guard let operation = item[method] else { continue }
                operations["\(method.uppercased()) \(path)"] = try #require(
                    operation as? [String: Any], "\(method.uppercased()) \(path) is not an object")
            }
        }
        return operations
    }

    @Test("it is OpenAPI 3.1 JSON, and every operation has a unique operationId and a response")
    func wellFormed() throws {
        let document = try Self.document()
        let version = try #require(document["openapi"] as? String)
        #expect(version.hasPrefix("3.1"))
        let operations = try Self.operations(in: document)
        #expect(!operations.isEmpty)
        var seenIDs: [String: String] = [:]
        for (name, operation) in operations.sorted(by: { $0.key < $1.key }) {
            let id = operation["operationId"] as? String ?? ""
            #expect(!id.isEmpty, "\(name) has no operationId")
            if let other = seenIDs[id] { Issue.record("\(name) and \(other) share the operationId \(id)") }
            seenIDs[id] = name
            let responses = operation["responses"] as? [String: Any] ?? [:]
            #expect(!responses.isEmpty, "\(name) has no responses")
        }
    }

    @Test("it lists exactly the operations the server registers, public exactly where the server asks for no principal")
    func agreesWithRoutes() throws {
        let document = try Self.document()
        let operations = try Self.operations(in: document)
        var registered: [String: APIRouteDescriptor] = [:]
        for route in PortalHTTPServer.apiRouteList() {
            registered["\(route.method) \(Self.relativePath(route.path))"] = route
        }
        let documented = Set(operations.keys)
        let served = Set(registered.keys)
        let undocumented = served.subtracting(documented).sorted()
        let unserved = documented.subtracting(served).sorted()
        #expect(
            undocumented.isEmpty && unserved.isEmpty,
            """
            The OpenAPI document and the router disagree.
            Served but not documented (\(undocumented.count)): \(undocumented.joined(separator: ", "))
            Documented but not served (\(unserved.count)): \(unserved.joined(separator: ", "))
            """)
        #expect(PortalHTTPServer.apiRouteList().count == registered.count, "the route list names an operation twice")

        let globalSecurity = document["security"] as? [Any]
        for (name, route) in registered.sorted(by: { $0.key < $1.key }) {
            guard let operation = operations[name] else { continue }
            let security = (operation["security"] as? [Any]) ?? globalSecurity ?? []
            #expect(
                security.isEmpty == !route.requiresPrincipal,
                "\(name): the server \(route.requiresPrincipal ? "requires" : "does not require") a principal, the document says \(security.isEmpty ? "public" : "authenticated")")
            let declared = Set(
                ((operation["parameters"] as? [Any]) ?? []).compactMap { parameter -> String? in
                    let object = parameter as? [String: Any] ?? [:]
                    let resolved = (object["$ref"] as? String).flatMap { Self.resolve($0, in: document) as? [String: Any] } ?? object
                    return resolved["in"] as? String == "path" ? resolved["name"] as? String : nil
                })
            #expect(declared == Set(route.pathParameters), "\(name): path parameters \(declared.sorted()) ≠ \(route.pathParameters)")
        }
    }

    /// `/api/v1/companies/{id}` as the document's `paths` key (`/companies/{id}`); the API root is `/`.
    static func relativePath(_ path: String) -> String {
        let prefix = "/api/v1"
        guard path.hasPrefix(prefix) else { return path }
        let rest = String(path.dropFirst(prefix.count))
        return rest.isEmpty ? "/" : rest
    }

    @Test("every $ref points at something in the document")
    func referencesResolve() throws {
        let document = try Self.document()
        var unresolved: [String] = []
        var count = 0
        func visit(_ value: Any, at location: String) {
            if let object = value as? [String: Any] {
                if let target = object["$ref"] as? String {
                    count += 1
                    if Self.resolve(target, in: document) == nil { unresolved.append("\(target) (at \(location))") }
                }
                for (key, child) in object { visit(child, at: "\(location)/\(key)") }
            } else if let array = value as? [Any] {
                for (index, child) in array.enumerated() { visit(child, at: "\(location)/\(index)") }
            }
        }
        visit(document, at: "#")
        #expect(count > 0)
        #expect(unresolved.isEmpty, "unresolved references:\n\(unresolved.sorted().joined(separator: "\n"))")
    }

    @Test("GET /api/v1/openapi.json serves the document as shipped")
    func served() async throws {
        let installation = try await TestInstallation.make()
        let router = PortalHTTPServer.makeRouter(assembled: installation.assembled, metrics: nil)
        let app = Application(router: router, logger: Logger(label: "test"))
        let shipped = try OpenAPIRoute.document()
        do {
            try await app.test(.router) { client in
                try await client.execute(uri: "/api/v1/openapi.json", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    let body = Array(response.body.readableBytesView)
                    #expect(body == shipped)
                    let parsed = try JSONSerialization.jsonObject(with: Data(body))
                    #expect(parsed is [String: Any])
                }
            }
        } catch {
            await installation.tearDown()
            throw error
        }
        await installation.tearDown()
        // The bundle's copy is the source file, not a stale one.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/portal-http/Server/Resources/openapi.json")
        if let file = FileManager.default.contents(atPath: source.path) {
            #expect(Array(file) == shipped)
        }
    }

    /// Follows a local JSON pointer (`#/components/schemas/User`); `nil` when it leads nowhere.
    static func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#") else { return nil }
        var current: Any = document
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any], let next = object[key] {
                current = next
            } else if let array = current as? [Any], let index = Int(key), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}
