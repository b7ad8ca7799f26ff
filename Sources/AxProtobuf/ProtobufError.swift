/// Protobuf bytes that cannot be decoded: what went wrong, at which byte of the input, and
/// what was expected there.
public struct ProtobufError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The kinds of problems, for callers and tests that branch on them.
  public enum Kind: String, Equatable, Sendable {
    /// The input ends inside a tag, a varint or a fixed-width value.
    case truncated
    /// A varint runs past 10 bytes or past 64 bits.
    case overlongVarint
    /// A length-delimited field claims more bytes than its message has left.
    case lengthOverrun
    /// A tag carries wire type 3, 4, 6 or 7 (groups, or undefined).
    case invalidWireType
    /// A tag carries field number 0 or one above 2^29 − 1.
    case invalidFieldNumber
    /// A field of the schema arrived with another wire type.
    case wrongWireType
    /// Embedded messages nest deeper than `ProtobufReader.maximumDepth`.
    case tooDeep
    /// A string field is not valid UTF-8.
    case invalidUTF8
    /// A value does not fit the schema's type or a stated limit.
    case outOfRange
    /// A packed repeated fixed-width field's length is not a multiple of the width.
    case misalignedPacked
  }

  /// What went wrong.
  public var kind: Kind
  /// The byte offset in the input where the problem is.
  public var offset: Int
  /// What was found and what was expected.
  public var message: String

  /// An error.
  public init(_ kind: Kind, at offset: Int, _ message: String) {
    self.kind = kind
    self.offset = offset
    self.message = message
  }

  public var description: String { "byte \(offset): \(message)" }
}
