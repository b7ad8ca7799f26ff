import AxJSON
import Testing

@Suite struct JSONNodeTests {
  func root(_ text: String) throws -> JSONNode { JSONNode(root: try JSONParser.parse(text), file: "cfg.json") }

  @Test func unknownKeyNamesTheKeyAndTheKnownOnes() throws {
    var reader = try root(#"{"rows": 4, "fifoDepht": 8}"#).object()
    _ = try reader.required("rows").int(in: 1...16)
    _ = reader.optional("fifoDepth")
    do {
      try reader.rejectUnknownKeys()
      Issue.record("accepted a misspelt key")
    } catch {
      #expect(error.path == "fifoDepht")
      #expect(error.description == "cfg.json: key fifoDepht: unknown key (did you mean fifoDepth?) (expected one of: fifoDepth, rows)")
    }
  }

  @Test func rangeErrorsSayWhatWasExpectedAndFound() throws {
    var reader = try root(#"{"qcnpe": {"rows": -3}}"#).object()
    var inner = try reader.required("qcnpe").object()
    do {
      _ = try inner.required("rows").int(in: 1...2048)
      Issue.record("accepted -3")
    } catch {
      #expect(error.description == "cfg.json: key qcnpe.rows: expected an integer in 1...2048, found -3")
    }
  }

  @Test func missingKeysAndWrongTypesAreErrors() throws {
    var reader = try root(#"{"layers": [{"name": 5}]}"#).object()
    #expect(throws: JSONDecodeError.self) { _ = try reader.required("model") }
    let layers = try reader.required("layers").array()
    var layer = try layers[0].object()
    do {
      _ = try layer.required("name").string()
    } catch {
      #expect(error.path == "layers[0].name")
      #expect(error.message == "expected a string, found 5")
    }
  }

  @Test func fractionalNumbersAreNotIntegers() throws {
    var reader = try root(#"{"rows": 4.5, "cols": 4.0}"#).object()
    #expect(throws: JSONDecodeError.self) { _ = try reader.required("rows").int(in: 1...16) }
    #expect(try reader.required("cols").int(in: 1...16) == 4)
  }
}
