/// A minimal protobuf writer for building test inputs: tags, varints, fixed values and
/// length-delimited fields, byte for byte as protobuf.dev's "Encoding" page lays them out.
public struct ProtobufEncoder {
  /// The bytes written so far.
  public var bytes: [UInt8] = []

  /// An empty message.
  public init() {}

  /// Appends a base-128 varint.
  public mutating func varint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(rest & 0x7F) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// Appends the tag of field `field` with wire type `wireType`.
  public mutating func tag(_ field: Int, _ wireType: UInt8) { varint(UInt64(field) << 3 | UInt64(wireType)) }

  /// Appends a varint field holding `value` (two's complement, sign-extended).
  public mutating func int(_ field: Int, _ value: Int64) {
    tag(field, 0)
    varint(UInt64(bitPattern: value))
  }

  /// Appends a 32-bit field.
  public mutating func fixed32(_ field: Int, _ value: UInt32) {
    tag(field, 5)
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
  }

  /// Appends a 64-bit field.
  public mutating func fixed64(_ field: Int, _ value: UInt64) {
    tag(field, 1)
    for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
  }

  /// Appends a length-delimited field.
  public mutating func bytes(_ field: Int, _ payload: [UInt8]) {
    tag(field, 2)
    varint(UInt64(payload.count))
    bytes += payload
  }

  /// Appends a UTF-8 string field.
  public mutating func string(_ field: Int, _ text: String) { bytes(field, Array(text.utf8)) }

  /// Appends an embedded message built by `build`.
  public mutating func message(_ field: Int, _ build: (inout ProtobufEncoder) -> Void) {
    var inner = ProtobufEncoder()
    build(&inner)
    bytes(field, inner.bytes)
  }

  /// The bytes `build` writes.
  public static func encoded(_ build: (inout ProtobufEncoder) -> Void) -> [UInt8] {
    var encoder = ProtobufEncoder()
    build(&encoder)
    return encoder.bytes
  }
}
