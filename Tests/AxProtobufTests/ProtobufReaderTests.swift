import AxProtobuf
import TestSupport
import Testing

/// The wire format, field by field: values that round-trip through the test encoder, and
/// every malformed input refused with its kind and byte offset.
@Suite struct ProtobufReaderTests {
  /// Every field of `bytes`, or the error.
  func fields(_ bytes: [UInt8]) throws(ProtobufError) -> [ProtobufField] {
    var reader = ProtobufReader(bytes)
    var result: [ProtobufField] = []
    while let field = try reader.nextField() { result.append(field) }
    return result
  }

  func error(_ bytes: [UInt8]) -> ProtobufError? {
    do {
      _ = try fields(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func varintsDecodeLowGroupFirst() throws {
    // 150 is the protobuf documentation's example: 0x96 0x01.
    #expect(try fields([0x08, 0x96, 0x01]) == [ProtobufField(number: 1, offset: 0, value: .varint(150))])
  }

  @Test(arguments: [0, 1, 127, 128, 300, 16_383, 16_384, Int64.max, -1, -150, Int64.min])
  func int64sRoundTripIncludingNegatives(value: Int64) throws {
    let bytes = ProtobufEncoder.encoded { $0.int(3, value) }
    var reader = ProtobufReader(bytes)
    let field = try #require(try reader.nextField())
    #expect(try reader.int64(field, "x") == value)
    // Negative numbers take ten bytes: sign-extended to 64 bits, 7 bits a byte.
    if value < 0 { #expect(bytes.count == 11) }
  }

  @Test func int32RefusesValuesBeyond32Bits() throws {
    var reader = ProtobufReader(ProtobufEncoder.encoded { $0.int(2, 1 << 40) })
    let field = try #require(try reader.nextField())
    #expect(throws: ProtobufError.self) { try reader.int32(field, "data_type") }
    var negative = ProtobufReader(ProtobufEncoder.encoded { $0.int(2, -7) })
    let negativeField = try #require(try negative.nextField())
    #expect(try negative.int32(negativeField, "x") == -7)
  }

  @Test func fixedWidthValuesAreLittleEndian() throws {
    let bytes = ProtobufEncoder.encoded {
      $0.fixed32(1, Float(1.5).bitPattern)
      $0.fixed64(2, 0x0102_0304_0506_0708)
    }
    var reader = ProtobufReader(bytes)
    let float = try #require(try reader.nextField())
    #expect(try reader.float(float, "f") == 1.5)
    let double = try #require(try reader.nextField())
    #expect(double.value == .fixed64(0x0102_0304_0506_0708))
    #expect(bytes[6...] == [0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01])
  }

  @Test func nestedMessagesAreReadInPlace() throws {
    let bytes = ProtobufEncoder.encoded { outer in
      outer.string(1, "name")
      outer.message(7) { $0.int(1, 42) }
    }
    var reader = ProtobufReader(bytes)
    let name = try #require(try reader.nextField())
    #expect(try reader.string(name, "name") == "name")
    let nested = try #require(try reader.nextField())
    var inner = try reader.message(nested, "graph")
    #expect(inner.depth == 1)
    let value = try #require(try inner.nextField())
    #expect(try inner.int64(value, "x") == 42)
    #expect(try inner.nextField() == nil)
    #expect(reader.isAtEnd)
  }

  @Test func repeatedScalarsArePackedOrUnpacked() throws {
    var packed = ProtobufEncoder()
    var payload = ProtobufEncoder()
    for value: UInt64 in [3, 270, 86_942] { payload.varint(value) }
    packed.bytes(1, payload.bytes)
    packed.int(1, -1)
    var reader = ProtobufReader(packed.bytes)
    var values: [Int64] = []
    while let field = try reader.nextField() { try reader.appendInt64s(field, to: &values, limit: 10, "dims") }
    #expect(values == [3, 270, 86_942, -1])

    let floats = ProtobufEncoder.encoded {
      $0.bytes(4, [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])
      $0.fixed32(4, Float(3).bitPattern)
    }
    var floatReader = ProtobufReader(floats)
    var words: [UInt32] = []
    while let field = try floatReader.nextField() { try floatReader.appendFixed32s(field, to: &words, limit: 10, "float_data") }
    #expect(words.map(Float.init(bitPattern:)) == [1, 2, 3])
  }

  @Test func unknownFieldsOfEveryWireTypeAreSkipped() throws {
    let bytes = ProtobufEncoder.encoded {
      $0.int(100, 5)
      $0.fixed64(101, 9)
      $0.bytes(102, [1, 2, 3])
      $0.fixed32(103, 7)
      $0.int(1, 1)
    }
    #expect(try fields(bytes).map(\.number) == [100, 101, 102, 103, 1])
  }

  // MARK: Malformed input

  @Test func truncatedVarintNamesItsStart() {
    let failure = error([0x08, 0x96])
    #expect(failure?.kind == .truncated)
    #expect(failure?.offset == 2)
    #expect(failure?.message.contains("started at byte 1") == true)
  }

  @Test func truncatedTagIsRefused() {
    #expect(error([0x80])?.kind == .truncated)
  }

  @Test func overlongVarintsAreRefused() {
    // Eleven bytes, and ten bytes whose last carries more than the 64th bit.
    #expect(error([0x08] + Array(repeating: 0xFF, count: 10) + [0x01])?.kind == .overlongVarint)
    #expect(error([0x08] + Array(repeating: 0xFF, count: 9) + [0x02])?.kind == .overlongVarint)
    #expect(error([0x08] + Array(repeating: 0xFF, count: 9) + [0x01]) == nil)
  }

  @Test func lengthPastTheEndIsRefusedBeforeAnyRead() {
    let failure = error([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00])
    #expect(failure?.kind == .lengthOverrun)
    #expect(failure?.offset == 1)
    #expect(failure?.message.contains("declares 4294967295 bytes") == true)
  }

  @Test func lengthPastTheEnclosingMessageIsRefused() throws {
    // The outer message holds 3 bytes; the inner field claims 5.
    let bytes: [UInt8] = [0x0A, 0x03, 0x12, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00]
    var reader = ProtobufReader(bytes)
    let outer = try #require(try reader.nextField())
    var inner = try reader.message(outer, "outer")
    #expect(throws: ProtobufError.self) { _ = try inner.nextField() }
  }

  @Test func truncatedFixedValuesAreRefused() {
    #expect(error([0x0D, 0x00, 0x00])?.kind == .truncated)
    #expect(error([0x09, 0x00, 0x00, 0x00, 0x00])?.kind == .truncated)
  }

  @Test(arguments: [UInt8(3), 4, 6, 7])
  func groupAndUndefinedWireTypesAreRefused(wireType: UInt8) {
    let failure = error([0x08 | wireType, 0x00])
    #expect(failure?.kind == .invalidWireType)
    #expect(failure?.offset == 0)
  }

  @Test func fieldNumberZeroAndTagsWiderThan32BitsAreRefused() {
    #expect(error([0x00, 0x00])?.kind == .invalidFieldNumber)
    #expect(error([0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00])?.kind == .invalidFieldNumber)
  }

  @Test func wrongWireTypeForASchemaFieldIsRefused() throws {
    var reader = ProtobufReader([0x0A, 0x00])
    let field = try #require(try reader.nextField())
    #expect(throws: ProtobufError.self) { try reader.int64(field, "ir_version") }
    #expect(throws: ProtobufError.self) { try reader.float(field, "f") }
  }

  @Test func invalidUTF8IsRefused() throws {
    var reader = ProtobufReader([0x0A, 0x02, 0xC3, 0x28])
    let field = try #require(try reader.nextField())
    #expect((try? reader.string(field, "name")) == nil)
  }

  @Test func misalignedPackedFixedValuesAreRefused() throws {
    var reader = ProtobufReader([0x22, 0x03, 0x00, 0x00, 0x00])
    let field = try #require(try reader.nextField())
    var words: [UInt32] = []
    #expect(throws: ProtobufError.self) { try reader.appendFixed32s(field, to: &words, limit: 100, "float_data") }
  }

  @Test func packedValuesPastTheLimitAreRefusedWithoutGrowing() throws {
    let bytes = ProtobufEncoder.encoded { $0.bytes(1, Array(repeating: 0x01, count: 1000)) }
    var reader = ProtobufReader(bytes)
    let field = try #require(try reader.nextField())
    var values: [Int64] = []
    #expect(throws: ProtobufError.self) { try reader.appendInt64s(field, to: &values, limit: 64, "dims") }
    #expect(values.count == 64)
    var words: [UInt32] = []
    let floats = ProtobufEncoder.encoded { $0.bytes(4, Array(repeating: 0, count: 4000)) }
    var floatReader = ProtobufReader(floats)
    let floatField = try #require(try floatReader.nextField())
    #expect(throws: ProtobufError.self) { try floatReader.appendFixed32s(floatField, to: &words, limit: 64, "float_data") }
    #expect(words.isEmpty)
  }

  @Test func nestingDeeperThanTheLimitIsRefused() throws {
    var bytes: [UInt8] = []
    for _ in 0..<(ProtobufReader.maximumDepth + 2) { bytes = ProtobufEncoder.encoded { $0.bytes(1, bytes) } }
    var reader = ProtobufReader(bytes)
    var depth = 0
    var caught: ProtobufError?
    do {
      while let field = try reader.nextField() {
        reader = try reader.message(field, "level \(depth)")
        depth += 1
      }
    } catch {
      caught = error
    }
    #expect(caught?.kind == .tooDeep)
    #expect(depth == ProtobufReader.maximumDepth)
  }

  /// Every prefix and every one-byte corruption of a valid message either decodes or throws:
  /// the reader never traps.
  @Test func everyTruncationAndCorruptionOfAMessageEndsCleanly() {
    let valid = ProtobufEncoder.encoded { outer in
      outer.int(1, 7)
      outer.string(2, "pytorch")
      outer.message(7) { graph in
        graph.message(1) { node in
          node.string(1, "x")
          node.string(4, "Conv")
          node.message(5) { $0.bytes(8, [1, 2, 3, 4]) }
        }
      }
    }
    func walk(_ bytes: [UInt8]) {
      var stack = [ProtobufReader(bytes)]
      var budget = 10_000
      while var reader = stack.popLast(), budget > 0 {
        budget -= 1
        while let field = try? reader.nextField() {
          if case .lengthDelimited = field.value, let nested = try? reader.message(field, "x") { stack.append(nested) }
          var values: [Int64] = []
          try? reader.appendInt64s(field, to: &values, limit: 100, "x")
        }
      }
    }
    for length in 0...valid.count { walk(Array(valid.prefix(length))) }
    var random = CaseRandom(seed: 11)
    for position in valid.indices {
      for _ in 0..<8 {
        var corrupted = valid
        corrupted[position] = UInt8(truncatingIfNeeded: random.next())
        walk(corrupted)
      }
    }
  }
}
