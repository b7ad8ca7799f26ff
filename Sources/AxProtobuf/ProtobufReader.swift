/// Reads the fields of one protobuf message from bytes, with no schema and no dependency:
/// the wire format of protobuf.dev's "Encoding" page, checked at every byte.
///
/// ```
///   message  := field*
///   field    := tag value            tag = varint (field number << 3 | wire type)
///   value    := varint               wire type 0: 1–10 bytes, 7 bits each, low group first
///             | 8 bytes              wire type 1 (little-endian)
///             | varint n, n bytes    wire type 2 (string, bytes, message, packed scalars)
///             | 4 bytes              wire type 5 (little-endian)
/// ```
///
/// Every length is checked against the bytes its message has left before anything is read
/// or allocated, varints longer than 64 bits and nesting deeper than `maximumDepth` are
/// refused, and each problem is a `ProtobufError` naming the byte offset and what was
/// expected. The reader never traps on any input. A nested message is a reader over a
/// sub-range of the same buffer (no copy).
public struct ProtobufReader: Sendable {
  /// The deepest nesting of embedded messages a reader accepts (the top-level message is
  /// depth 0).
  ///
  /// Deeper input is refused instead of recursing without bound.
  public static let maximumDepth = 64

  /// The whole input.
  public let bytes: [UInt8]
  /// The first byte of this message in `bytes`.
  public let start: Int
  /// One past the last byte of this message.
  public let end: Int
  /// How many messages enclose this one.
  public let depth: Int
  /// The next byte to read.
  public private(set) var position: Int

  /// A reader of the top-level message occupying all of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    start = 0
    end = bytes.count
    depth = 0
    position = 0
  }

  init(bytes: [UInt8], range: Range<Int>, depth: Int) {
    self.bytes = bytes
    start = range.lowerBound
    end = range.upperBound
    self.depth = depth
    position = range.lowerBound
  }

  /// Whether every field of the message has been read.
  public var isAtEnd: Bool { position >= end }

  /// The next field, or nil at the end of the message.
  /// - Throws: `ProtobufError` for a truncated or malformed tag or value.
  public mutating func nextField() throws(ProtobufError) -> ProtobufField? {
    guard position < end else { return nil }
    let offset = position
    let tag = try readVarint(what: "a field tag")
    guard tag <= UInt64(UInt32.max) else {
      throw ProtobufError(
        .invalidFieldNumber, at: offset, "field tag \(tag) is wider than 32 bits; expected a field number below 2^29")
    }
    let number = Int(tag >> 3)
    guard number >= 1 else {
      throw ProtobufError(.invalidFieldNumber, at: offset, "field number 0 is reserved; expected a field number from 1")
    }
    guard let wireType = WireType(rawValue: UInt8(tag & 7)) else {
      throw ProtobufError(
        .invalidWireType, at: offset, "field \(number) has wire type \(tag & 7), which does not exist; expected 0, 1, 2 or 5")
    }
    switch wireType {
    case .varint:
      return ProtobufField(number: number, offset: offset, value: .varint(try readVarint(what: "the varint of field \(number)")))
    case .fixed64:
      return ProtobufField(number: number, offset: offset, value: .fixed64(try readFixed(8, field: number)))
    case .fixed32:
      return ProtobufField(number: number, offset: offset, value: .fixed32(UInt32(try readFixed(4, field: number))))
    case .lengthDelimited:
      let lengthOffset = position
      let length = try readVarint(what: "the length of field \(number)")
      let remaining = end - position
      guard length <= UInt64(remaining) else {
        throw ProtobufError(
          .lengthOverrun, at: lengthOffset,
          "field \(number) declares \(length) bytes but its message has \(remaining) left (it ends at byte \(end)); expected a length of at most \(remaining)"
        )
      }
      let payload = position..<(position + Int(length))
      position = payload.upperBound
      return ProtobufField(number: number, offset: offset, value: .lengthDelimited(payload))
    case .startGroup, .endGroup:
      throw ProtobufError(
        .invalidWireType, at: offset,
        "field \(number) has wire type \(wireType.rawValue) (a proto2 group), which this decoder does not read; expected 0, 1, 2 or 5"
      )
    }
  }

  /// The embedded message `field` holds, as a reader one level deeper.
  /// - Throws: `ProtobufError` when the field is not length-delimited or nests too deep.
  public func message(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> ProtobufReader {
    let range = try payload(field, what)
    guard depth < ProtobufReader.maximumDepth else {
      throw ProtobufError(
        .tooDeep, at: field.offset, "\(what) nests \(depth + 1) messages deep; expected at most \(ProtobufReader.maximumDepth)")
    }
    return ProtobufReader(bytes: bytes, range: range, depth: depth + 1)
  }

  /// The byte range of a length-delimited field.
  /// - Throws: `ProtobufError` when the field has another wire type.
  public func payload(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> Range<Int> {
    guard case .lengthDelimited(let range) = field.value else { throw ProtobufReader.wrongType(field, .lengthDelimited, what) }
    return range
  }

  /// The error for `field` arriving with the wrong wire type.
  public static func wrongType(_ field: ProtobufField, _ expected: WireType, _ what: String) -> ProtobufError {
    ProtobufError(
      .wrongWireType, at: field.offset,
      "field \(field.number) (\(what)) has wire type \(field.wireType.rawValue) (\(field.wireType)); expected \(expected.rawValue) (\(expected))"
    )
  }

  // MARK: Primitive reads

  /// Reads a base-128 varint: at most 10 bytes, and the tenth may only carry the 64th bit.
  mutating func readVarint(what: String) throws(ProtobufError) -> UInt64 {
    let first = position
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end else {
        throw ProtobufError(
          .truncated, at: position, "the input ends inside \(what) (started at byte \(first)); expected another varint byte")
      }
      let byte = bytes[position]
      position += 1
      if shift == 63, byte > 1 {
        throw ProtobufError(.overlongVarint, at: first, "\(what) runs past 64 bits; expected a varint of at most 10 bytes")
      }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// Reads `count` (4 or 8) little-endian bytes.
  mutating func readFixed(_ count: Int, field: Int) throws(ProtobufError) -> UInt64 {
    guard end - position >= count else {
      throw ProtobufError(
        .truncated, at: position,
        "field \(field) needs \(count) bytes but its message has \(end - position) left; expected a complete \(count * 8)-bit value"
      )
    }
    var value: UInt64 = 0
    for index in 0..<count { value |= UInt64(bytes[position + index]) << UInt64(8 * index) }
    position += count
    return value
  }
}
