import AxProtobuf

extension ONNXDecoder {
  /// Decodes a TensorProto: name, dims and type always; values only for a small numeric
  /// tensor (weights keep their dims and are skipped, whatever their size).
  static func tensor(_ reader: inout ProtobufReader, path: String) throws(ProtobufError) -> ONNXTensor {
    var tensor = ONNXTensor()
    let keep = ONNXLimits.maximumFoldedElements
    var raw: Range<Int>?
    var packed: [(number: Int, field: ProtobufField)] = []
    var integers: [Int64] = []
    var words: [UInt32] = []
    var doubles: [UInt64] = []
    var unpackedOverflow = false
    var firstOffset = reader.position
    while let field = try next(&reader, path) {
      firstOffset = min(firstOffset, field.offset)
      switch field.number {
      case 1: try reader.appendInt64s(field, to: &tensor.dims, limit: ONNXLimits.maximumRank, "\(path).dims")
      case 2: tensor.dataType = try reader.int32(field, "\(path).data_type")
      case 8: tensor.name = try reader.string(field, "\(path).name")
      case 9: raw = try reader.payload(field, "\(path).raw_data")
      case 14: tensor.isExternal = try reader.int64(field, "\(path).data_location") == 1
      case 4, 5, 7, 10, 11:
        // Packed runs are decoded once the dims say the tensor is small; unpacked values are
        // kept up to the folding limit and otherwise only skipped.
        if case .lengthDelimited = field.value {
          packed.append((field.number, field))
          continue
        }
        switch field.number {
        case 4:
          if words.count < keep {
            try reader.appendFixed32s(field, to: &words, limit: keep, "\(path).float_data")
          } else {
            unpackedOverflow = true
          }
        case 10:
          if doubles.count < keep {
            try reader.appendFixed64s(field, to: &doubles, limit: keep, "\(path).double_data")
          } else {
            unpackedOverflow = true
          }
        case 11:
          guard case .varint = field.value else { throw ProtobufReader.wrongType(field, .varint, "\(path).uint64_data") }
          if integers.count < keep {
            try reader.appendInt64s(field, to: &integers, limit: keep, "\(path).uint64_data")
          } else {
            unpackedOverflow = true
          }
        default:
          if integers.count < keep {
            try reader.appendInt64s(field, to: &integers, limit: keep, "\(path).int_data")
          } else {
            unpackedOverflow = true
          }
        }
      default: break
      }
    }
    for dimension in tensor.dims where dimension < 0 {
      throw ProtobufError(.outOfRange, at: firstOffset, "\(path).dims holds \(dimension); expected sizes ≥ 0")
    }
    var count: Int64 = 1
    for dimension in tensor.dims {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else {
        throw ProtobufError(.outOfRange, at: firstOffset, "\(path).dims \(tensor.dims) hold more than 2^63 elements")
      }
      count = product
    }
    guard count <= Int64(keep), !unpackedOverflow, !tensor.isExternal else { return tensor }
    let elements = Int(count)
    if let raw {
      tensor.values = try rawValues(reader.bytes[raw], type: tensor.dataType, elements: elements, at: firstOffset, path: path)
      return tensor
    }
    for (number, field) in packed {
      switch number {
      case 4: try reader.appendFixed32s(field, to: &words, limit: keep, "\(path).float_data")
      case 10: try reader.appendFixed64s(field, to: &doubles, limit: keep, "\(path).double_data")
      default: try reader.appendInt64s(field, to: &integers, limit: keep, "\(path).int_data")
      }
    }
    let typed: ONNXTensor.Values?
    switch tensor.dataType {
    case ONNXTensor.DataType.float: typed = .reals(words.map { Double(Float(bitPattern: $0)) })
    case ONNXTensor.DataType.double: typed = .reals(doubles.map { Double(bitPattern: $0) })
    case ONNXTensor.DataType.int64, ONNXTensor.DataType.int32, ONNXTensor.DataType.bool, ONNXTensor.DataType.uint8,
      ONNXTensor.DataType.int8:
      typed = .integers(integers)
    default: typed = nil
    }
    guard let typed else { return tensor }
    let found: Int
    switch typed {
    case .integers(let values): found = values.count
    case .reals(let values): found = values.count
    }
    // A tensor whose data is absent (a stripped weight) simply has no values.
    if found == 0 { return tensor }
    guard found == elements else {
      throw ProtobufError(
        .outOfRange, at: firstOffset, "\(path) holds \(found) values; expected \(elements) for dims \(tensor.dims)")
    }
    tensor.values = typed
    return tensor
  }

  /// The elements of `raw_data`: fixed-width little-endian values of the tensor's type.
  static func rawValues(_ bytes: ArraySlice<UInt8>, type: Int32, elements: Int, at offset: Int, path: String)
    throws(ProtobufError) -> ONNXTensor.Values?
  {
    let width: Int
    switch type {
    case ONNXTensor.DataType.int64, ONNXTensor.DataType.double: width = 8
    case ONNXTensor.DataType.int32, ONNXTensor.DataType.float: width = 4
    case ONNXTensor.DataType.bool, ONNXTensor.DataType.uint8, ONNXTensor.DataType.int8: width = 1
    default: return nil
    }
    if bytes.isEmpty { return nil }
    guard bytes.count == elements * width else {
      throw ProtobufError(
        .outOfRange, at: offset,
        "\(path).raw_data has \(bytes.count) bytes; expected \(elements * width) (\(elements) elements of \(width) bytes)")
    }
    var words: [UInt64] = []
    words.reserveCapacity(elements)
    var index = bytes.startIndex
    for _ in 0..<elements {
      var word: UInt64 = 0
      for byte in 0..<width { word |= UInt64(bytes[index + byte]) << UInt64(8 * byte) }
      words.append(word)
      index += width
    }
    switch type {
    case ONNXTensor.DataType.int64: return .integers(words.map { Int64(bitPattern: $0) })
    case ONNXTensor.DataType.int32: return .integers(words.map { Int64(Int32(bitPattern: UInt32($0))) })
    case ONNXTensor.DataType.int8: return .integers(words.map { Int64(Int8(bitPattern: UInt8($0))) })
    case ONNXTensor.DataType.bool, ONNXTensor.DataType.uint8: return .integers(words.map { Int64($0) })
    case ONNXTensor.DataType.float: return .reals(words.map { Double(Float(bitPattern: UInt32($0))) })
    default: return .reals(words.map { Double(bitPattern: $0) })
    }
  }
}
