import Foundation
import Testing

@testable import BantinKit

/// Every case of the official Mustache specification (github.com/mustache/spec, in
/// `Fixtures/mustache-spec/`: every module but `~lambdas`), rendered by bantin's engine.
@Suite struct MustacheSpecTests {
    /// The spec files run here, each a JSON object whose `tests` are the cases.
    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance", "~dynamic-names",
    ]

    /// One case of a spec file, as the file writes it.
    struct Case: Sendable {
        let description: String
        let data: TemplateValue
        let template: String
        let partials: [String: String]
        let expected: String
    }

    /// Every case, by file and then by name.
    static let cases: [String: [String: Case]] = {
        var cases: [String: [String: Case]] = [:]
        for file in files {
            for (name, test) in namedTests(in: file) {
                cases[file, default: [:]][name] = Case(
                    description: test["desc"] as! String,
                    data: templateValue(test["data"]!),
                    template: test["template"] as! String,
                    partials: test["partials"] as? [String: String] ?? [:],
                    expected: test["expected"] as! String
                )
            }
        }
        return cases
    }()

    /// (file, case name) for every case, in the order the files list them.
    static let caseNames: [(String, String)] = files.flatMap { file in
        namedTests(in: file).map { (file, $0.name) }
    }

    /// The cases of one file with their names, made unique by a number when a file uses a
    /// name twice (`~inheritance` has two cases named "Text inside parent").
    static func namedTests(in file: String) -> [(name: String, test: [String: Any])] {
        let url = Repo.fixtures.appendingPathComponent("mustache-spec/\(file).json")
        let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var seen: [String: Int] = [:]
        return (json["tests"] as! [[String: Any]]).map { test in
            let name = test["name"] as! String
            seen[name, default: 0] += 1
            return (seen[name]! == 1 ? name : "\(name) (\(seen[name]!))", test)
        }
    }

    /// The name the case's own template is rendered under: no spec partial has it.
    static let templateName = "\u{0}spec"

    @Test(arguments: caseNames)
    func specCase(file: String, name: String) throws {
        let specCase = try #require(Self.cases[file]?[name])
        var templates = try specCase.partials.mapValues { try Template(parsing: $0) }
        templates[Self.templateName] = try Template(parsing: specCase.template)
        let rendered = String(decoding: TemplateLibrary(templates).render(Self.templateName, root: specCase.data), as: UTF8.self)
        #expect(rendered == specCase.expected, "\(file): \(name): \(specCase.description)")
    }

    @Test func everyFileHasCases() {
        #expect(Self.caseNames.count == Self.cases.values.map(\.count).reduce(0, +), "every case has its own name")
        for file in Self.files { #expect(Self.cases[file]?.isEmpty == false, "\(file) has no cases") }
    }
}

// MARK: - JSON data as template values

extension MustacheSpecTests {
    /// A JSON object as a view model: its keys are its names.
    final class Object: TemplateObject {
        let fields: [String: TemplateValue]
        init(fields: [String: TemplateValue]) { self.fields = fields }
        func value(named name: String) -> TemplateValue? { fields[name] }
    }

    /// JSON `null`: Mustache renders it as nothing, counts it as false, and finds it (so it
    /// hides the same name further down the stack). An empty list does exactly that.
    static let null = TemplateValue.list([])

    /// A decoded JSON value as the engine sees it. Numbers become their text as the spec
    /// writes them (`85`, `1.21`); booleans stay booleans.
    static func templateValue(_ json: Any) -> TemplateValue {
        switch json {
        case let object as [String: Any]: .object(Object(fields: object.mapValues(templateValue)))
        case let array as [Any]: .list(array.map(templateValue))
        case let text as String: .text(text)
        case let number as NSNumber: number.isBoolean ? .bool(number.boolValue) : .text(number.specText)
        case is NSNull: null
        default: fatalError("unexpected JSON value \(json)")
        }
    }
}

extension NSNumber {
    /// JSON `true` and `false` (JSONSerialization makes them numbers of C type `char`).
    fileprivate var isBoolean: Bool { String(cString: objCType) == "c" }

    /// `85` for an integer, the shortest text that reads back as the same double otherwise (`1.21`).
    fileprivate var specText: String {
        let double = doubleValue
        if double.rounded() == double, abs(double) < 1e15 { return String(Int64(double)) }
        return String(double)
    }
}
