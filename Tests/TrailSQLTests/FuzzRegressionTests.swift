import Testing
import TrailBase

@testable import TrailSQL

/// Inputs the fuzzer (Fuzz/SQL) found to break an invariant, each kept as a regression test: they parse, print, and
/// the print parses back to the same statement.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let roundTripCases: [ParseCase] = [
        // An aliased relation aliased again needs its parentheses back.
        ParseCase(
            "SELECT * FROM ((SELEC T2) AS a JOIN (SELECT 2) AS b ON true)",
            "SELECT * FROM (SELEC AS T2) AS a JOIN (SELECT 2) AS b ON TRUE"),
        // A lambda parameter that must be quoted when printed (a digit identifier) is still a lambda parameter.
        ParseCase(
            "SELECT transform(a, x -> x + (a, x -1> x + 1),0ou -> x IS NOT NULL)",
            #"SELECT transform(a, x -> x + ROW(a, x - 1 > x + 1), "0ou" -> x IS NOT NULL)"#),
    ]

    /// A slow unit: runs of `(` before each of three SELECTs made the parser try every way of reading the parentheses
    /// (exponential time) until each query parse was memoised by its offset.
    static let slowUnit = "KCgoKCgoKCgoKCgoICgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKFNFTEVDVCgoKCgoKCAoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKChTRUxFQ1QoKCgoKCgoKCAoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoICgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKFNFTEVDVCBhIEZBRVJFIHggPSAxIAAAACBhIEZBRVJFIHggPSAwIAAAAAAAAAAuIE9GRlM/RVQgNQ=="

    @Test("nested parentheses before SELECT no longer take exponential time", .timeLimit(.minutes(1)))
    func slowUnitIsFast() throws {
        let bytes = try #require(base64Decoded(Self.slowUnit))
        let text = String(decoding: bytes, as: UTF8.self)
        let elapsed = ContinuousClock().measure { _ = try? SQLParser.parse(text) }
        #expect(elapsed < .seconds(2))
        #expect(parseError(text) != nil)
    }

    /// `lag(x) IGNORE NULLS OVER` with no window after OVER read OVER as a column alias, and printed as
    /// `… IGNORE NULLS AS OVER`, which does not parse.
    static let nullTreatmentWithoutWindow = "U0VMRUNUIGxhZyh4KSBJR05PUkUgTlVMTFMgT1ZFUi0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tLS0tIChPUkRFUiBCWTogdCksIHJvd19udUZsb2F0KSBPVkVSICgp"

    @Test("IGNORE NULLS OVER needs a window: OVER is not read as an alias")
    func nullTreatmentNeedsWindow() throws {
        let bytes = try #require(base64Decoded(Self.nullTreatmentWithoutWindow))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(parseError(text) != nil)
        #expect(parseError("SELECT lag(x) IGNORE NULLS OVER") != nil)
        #expect(parseError("SELECT lag(x) IGNORE NULLS OVER FROM t") != nil)
        #expect(try roundTrip("SELECT lag(x) IGNORE NULLS OVER (ORDER BY y) FROM t")
            == "SELECT lag(x) IGNORE NULLS OVER (ORDER BY y) FROM t")
    }

    @Test("fuzz finds round-trip", arguments: roundTripCases)
    func roundTripCase(_ c: ParseCase) throws {
        #expect(try roundTrip(c.sql) == c.canonical)
    }
}

/// Decodes standard Base64 (the form libFuzzer prints for a crash input).
func base64Decoded(_ text: String) -> [UInt8]? {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
        table[Int(byte)] = UInt8(index)
    }
    var output: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for byte in text.utf8 where byte != UInt8(ascii: "=") {
        let value = table[Int(byte)]
        guard value != 0xFF else { return nil }
        buffer = buffer << 6 | UInt32(value)
        bits += 6
        if bits >= 8 {
            bits -= 8
            output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
        }
    }
    return output
}
