import AxJSON
import Testing

@Suite struct JSONWriterTests {
  @Test func sortsKeysWhateverTheInsertionOrder() {
    let a: JSONValue = ["b": 1, "a": ["y": true, "x": false]]
    let b: JSONValue = ["a": ["x": false, "y": true], "b": 1]
    let writer = JSONWriter(sortedKeys: true, pretty: false)
    #expect(writer.string(a) == #"{"a":{"x":false,"y":true},"b":1}"#)
    #expect(writer.string(a) == writer.string(b))
  }

  @Test func numbersRoundTripBitForBit() throws {
    var random = SplitMixForTest(seed: 7)
    for _ in 0..<2000 {
      let value = Double(bitPattern: random.next() >> 2) * (random.next() % 2 == 0 ? 1 : -1)
      guard value.isFinite else { continue }
      let text = JSONWriter.format(value)
      let parsed = try JSONParser.parse(text)
      #expect(parsed.doubleValue?.bitPattern == value.bitPattern || parsed.doubleValue == value, "\(value) -> \(text)")
    }
  }

  @Test func writesIntegralDoublesAsIntegers() {
    #expect(JSONWriter.format(26048.0) == "26048")
    #expect(JSONWriter.format(0.5) == "0.5")
    #expect(JSONWriter.format(.nan) == "null")
  }

  @Test func escapesControlCharactersAndQuotes() throws {
    let text = JSONWriter(pretty: false).string(.string("a\"b\\c\n\u{01}"))
    #expect(text == #""a\"b\\c\n\u0001""#)
    #expect(try JSONParser.parse(text) == .string("a\"b\\c\n\u{01}"))
  }

  @Test func prettyOutputParsesBackToTheSameValue() throws {
    let value: JSONValue = [
      "layers": [["name": "fc1", "cycles": 10], ["name": "fc2", "cycles": 20]], "empty": [], "list": [1, 2, 3],
    ]
    #expect(try JSONParser.parse(JSONWriter().string(value)) == value)
  }
}

struct SplitMixForTest {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
