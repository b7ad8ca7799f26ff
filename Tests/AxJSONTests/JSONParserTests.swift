import AxJSON
import Testing

@Suite struct JSONParserTests {
  @Test func parsesEveryValueKind() throws {
    let value = try JSONParser.parse(#"{"a": [1, -2.5e3, true, false, null, "x\n\u00e9\ud83d\ude00"], "b": {}}"#)
    #expect(value["a"] == .array([.integer(1), .double(-2500), .bool(true), .bool(false), .null, .string("x\né😀")]))
    #expect(value["b"] == .object(JSONObject()))
  }

  @Test func keepsMemberOrderAsWritten() throws {
    guard case .object(let object) = try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
      Issue.record("expected an object")
      return
    }
    #expect(object.keys == ["z", "a", "m"])
  }

  @Test func integersBeyondInt64BecomeDoubles() throws {
    #expect(try JSONParser.parse("9223372036854775807") == .integer(Int64.max))
    #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
  }

  @Test(arguments: [
    ("", 1, 1, "empty"),
    ("{\"a\": 1,}", 1, 9, "quoted key"),
    ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key"),
    ("[1, 2", 1, 6, "end of file"),
    ("{\n  \"a\": tru\n}", 2, 8, "literal"),
    ("01", 1, 2, "leading zeros"),
    ("1.", 1, 3, "digits after"),
    ("\"abc", 1, 5, "unterminated"),
    ("[1] 2", 1, 5, "after the JSON value"),
    ("NaN", 1, 1, "unexpected character"),
    ("1e999", 1, 6, "out of range"),
  ])
  func reportsTheLineAndColumnOfBadInput(text: String, line: Int, column: Int, fragment: String) {
    do {
      _ = try JSONParser.parse(text)
      Issue.record("parsed invalid JSON: \(text)")
    } catch {
      #expect(error.line == line, "\(text): \(error)")
      #expect(error.column == column, "\(text): \(error)")
      #expect(error.message.contains(fragment), "\(text): \(error)")
    }
  }

  @Test func rejectsNestingDeeperThanTheLimitWithoutCrashing() {
    let deep = String(repeating: "[", count: 100_000)
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
    #expect(throws: Never.self) { try JSONParser.parse(fine) }
  }

  @Test func rejectsInvalidUTF8InStrings() {
    let bytes: [UInt8] = [0x22, 0xC3, 0x28, 0x22]
    #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
  }
}
