/// How a protobuf field's value is encoded on the wire: the low three bits of its tag.
///
/// Encoding reference: protobuf.dev, "Encoding" (wire format).
public enum WireType: UInt8, CaseIterable, Equatable, Hashable, Sendable, CustomStringConvertible {
  /// A base-128 varint: int32, int64, uint32, uint64, sint32, sint64, bool, enum.
  case varint = 0
  /// Eight little-endian bytes: fixed64, sfixed64, double.
  case fixed64 = 1
  /// A varint length, then that many bytes: string, bytes, an embedded message, packed
  /// repeated scalars.
  case lengthDelimited = 2
  /// The start of a proto2 group (deprecated; ONNX never uses it).
  case startGroup = 3
  /// The end of a proto2 group.
  case endGroup = 4
  /// Four little-endian bytes: fixed32, sfixed32, float.
  case fixed32 = 5

  public var description: String {
    switch self {
    case .varint: return "varint"
    case .fixed64: return "64-bit"
    case .lengthDelimited: return "length-delimited"
    case .startGroup: return "start-group"
    case .endGroup: return "end-group"
    case .fixed32: return "32-bit"
    }
  }
}
