/// Interpreting raw field values as the scalar types of a schema: each accessor checks the
/// wire type it expects and the range of the type, and names the field in its error.
extension ProtobufReader {
  /// An int64 (a varint's bits read as two's complement), or a bool or enum widened.
  public func int64(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> Int64 {
    guard case .varint(let bits) = field.value else { throw ProtobufReader.wrongType(field, .varint, what) }
    return Int64(bitPattern: bits)
  }

  /// An int32: protobuf sends negative values sign-extended to 64 bits, so the 64-bit value
  /// must fit 32 bits.
  public func int32(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> Int32 {
    let value = try int64(field, what)
    guard let narrow = Int32(exactly: value) else {
      throw ProtobufError(.outOfRange, at: field.offset, "\(what) is \(value); expected an int32")
    }
    return narrow
  }

  /// A float (a 32-bit field's bits as IEEE 754 binary32).
  public func float(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> Float {
    guard case .fixed32(let bits) = field.value else { throw ProtobufReader.wrongType(field, .fixed32, what) }
    return Float(bitPattern: bits)
  }

  /// A string: a length-delimited field's bytes, which must be UTF-8.
  public func string(_ field: ProtobufField, _ what: String) throws(ProtobufError) -> String {
    let range = try payload(field, what)
    guard let text = String(validating: bytes[range], as: UTF8.self) else {
      throw ProtobufError(.invalidUTF8, at: field.offset, "\(what) is not valid UTF-8; expected a UTF-8 string")
    }
    return text
  }

  /// Appends the int64 values of a repeated field: one varint (unpacked), or a
  /// length-delimited run of varints (packed); a parser must accept both (protobuf.dev,
  /// "Packed Repeated Fields").
  /// - Parameter limit: the most values `values` may hold afterwards.
  public func appendInt64s(_ field: ProtobufField, to values: inout [Int64], limit: Int, _ what: String) throws(ProtobufError) {
    switch field.value {
    case .varint(let bits):
      guard values.count < limit else { throw ProtobufReader.tooMany(field, limit, what) }
      values.append(Int64(bitPattern: bits))
    case .lengthDelimited(let range):
      var packed = ProtobufReader(slice: self, range: range)
      while !packed.isAtEnd {
        guard values.count < limit else { throw ProtobufReader.tooMany(field, limit, what) }
        values.append(Int64(bitPattern: try packed.readVarint(what: "a packed value of \(what)")))
      }
    default:
      throw ProtobufReader.wrongType(field, .varint, what)
    }
  }

  /// Appends the 32-bit values of a repeated fixed32 or float field, unpacked or packed.
  public func appendFixed32s(_ field: ProtobufField, to values: inout [UInt32], limit: Int, _ what: String)
    throws(ProtobufError)
  {
    switch field.value {
    case .fixed32(let bits):
      guard values.count < limit else { throw ProtobufReader.tooMany(field, limit, what) }
      values.append(bits)
    case .lengthDelimited(let range):
      guard range.count % 4 == 0 else {
        throw ProtobufError(
          .misalignedPacked, at: field.offset, "\(what) packs \(range.count) bytes; expected a multiple of 4 (32-bit values)")
      }
      guard values.count + range.count / 4 <= limit else { throw ProtobufReader.tooMany(field, limit, what) }
      var packed = ProtobufReader(slice: self, range: range)
      while !packed.isAtEnd { values.append(UInt32(try packed.readFixed(4, field: field.number))) }
    default:
      throw ProtobufReader.wrongType(field, .fixed32, what)
    }
  }

  /// Appends the 64-bit values of a repeated fixed64 or double field, unpacked or packed.
  public func appendFixed64s(_ field: ProtobufField, to values: inout [UInt64], limit: Int, _ what: String)
    throws(ProtobufError)
  {
    switch field.value {
    case .fixed64(let bits):
      guard values.count < limit else { throw ProtobufReader.tooMany(field, limit, what) }
      values.append(bits)
    case .lengthDelimited(let range):
      guard range.count % 8 == 0 else {
        throw ProtobufError(
          .misalignedPacked, at: field.offset, "\(what) packs \(range.count) bytes; expected a multiple of 8 (64-bit values)")
      }
      guard values.count + range.count / 8 <= limit else { throw ProtobufReader.tooMany(field, limit, what) }
      var packed = ProtobufReader(slice: self, range: range)
      while !packed.isAtEnd { values.append(try packed.readFixed(8, field: field.number)) }
    default:
      throw ProtobufReader.wrongType(field, .fixed64, what)
    }
  }

  /// A reader over `range` of the same buffer at the same depth (a packed payload: scalars,
  /// not a message).
  init(slice reader: ProtobufReader, range: Range<Int>) {
    self.init(bytes: reader.bytes, range: range, depth: reader.depth)
  }

  static func tooMany(_ field: ProtobufField, _ limit: Int, _ what: String) -> ProtobufError {
    ProtobufError(.outOfRange, at: field.offset, "\(what) has more than \(limit) values; expected at most \(limit)")
  }
}
