/// One field of a protobuf message as it sits on the wire: its number, its wire type, where its
/// tag starts, and its raw value.
public struct ProtobufField: Equatable, Sendable {
  /// A field's raw value, before any interpretation as a schema type.
  public enum Value: Equatable, Sendable {
    /// A varint's 64 bits (an int64 is their two's-complement reading).
    case varint(UInt64)
    /// Eight bytes, little-endian.
    case fixed64(UInt64)
    /// Four bytes, little-endian.
    case fixed32(UInt32)
    /// The byte range of a length-delimited payload, in the reader's buffer.
    case lengthDelimited(Range<Int>)
  }

  /// The field number, from 1 to 2^29 − 1.
  public var number: Int
  /// The byte offset of the field's tag in the input.
  public var offset: Int
  /// The value.
  public var value: Value

  /// A field.
  public init(number: Int, offset: Int, value: Value) {
    self.number = number
    self.offset = offset
    self.value = value
  }

  /// The wire type the value was encoded with.
  public var wireType: WireType {
    switch value {
    case .varint: return .varint
    case .fixed64: return .fixed64
    case .fixed32: return .fixed32
    case .lengthDelimited: return .lengthDelimited
    }
  }
}
