import Testing
import TrailFunctions

// Semantics from trino.io/docs/current/functions/comparison.html (LIKE): `%` zero or more characters, `_` exactly
// one, whole-value, case-sensitive match, ESCAPE for literal wildcards.

@Suite("LIKE patterns")
struct LikePatternTests {
    @Test("matches whole values with % and _", arguments: [
        ("Describe%", "DescribeInstances", true),
        ("Describe%", "describeInstances", false),
        ("%Instances", "DescribeInstances", true),
        ("%scribe%", "DescribeInstances", true),
        ("%scribe%", "Describ", false),
        ("Get_bject", "GetObject", true),
        ("Get_bject", "GetObbject", false),
        ("%", "", true),
        ("", "", true),
        ("", "a", false),
        ("_", "é", true),
        ("__", "é", false),
        ("a%b%c", "aXbYc", true),
        ("a%b%c", "aXbYcZ", false),
        ("a%b_c", "abbbXc", true),
        ("%a_", "bananas", true),
        ("%a_", "banana", false),
        ("%%x", "x", true),
        ("arn:aws:iam::%:role/%", "arn:aws:iam::123456789012:role/admin", true),
        ("s3.amazonaws.com", "s3.amazonaws.com", true),
        ("s3.amazonaws.com", "s3xamazonaws.com", false),
    ])
    func like(pattern: String, value: String, expected: Bool) throws {
        #expect(try LikePattern(compiling: pattern).matches(value) == expected)
    }

    @Test("ESCAPE makes wildcards literal", arguments: [
        ("100#%", "#", "100%", true),
        ("100#%", "#", "1000", false),
        ("a#_b", "#", "a_b", true),
        ("a#_b", "#", "axb", false),
        ("a##b", "#", "a#b", true),
        ("%\\_%", "\\", "user_name", true),
        ("%\\_%", "\\", "username", false),
    ])
    func escape(pattern: String, escape: String, value: String, expected: Bool) throws {
        #expect(try LikePattern(compiling: pattern, escape: escape).matches(value) == expected)
    }

    @Test("bad escapes fail with Trino's messages")
    func badEscape() {
        #expect(throws: FunctionError(function: "like", message: "Escape string must be a single character")) {
            _ = try LikePattern(compiling: "a", escape: "##")
        }
        #expect(throws: FunctionError(
            function: "like", message: "Escape character must be followed by '%', '_' or the escape character")
        ) { _ = try LikePattern(compiling: "a#b", escape: "#") }
        #expect(throws: FunctionError(
            function: "like", message: "Escape character must be followed by '%', '_' or the escape character")
        ) { _ = try LikePattern(compiling: "a#", escape: "#") }
    }
}
