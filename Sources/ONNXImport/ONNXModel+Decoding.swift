import AxProtobuf

extension ONNXModel {
  /// Decodes a serialized ModelProto.
  ///
  /// Fields AxSim does not use are skipped; every field it
  /// reads is checked for its wire type and range.
  /// - Throws: `ONNXImportError` naming the byte offset, the message path and what was expected.
  public init(bytes: [UInt8]) throws(ONNXImportError) {
    guard !bytes.isEmpty else { throw ONNXImportError("the file is empty; expected an ONNX model (a serialized ModelProto)") }
    var reader = ProtobufReader(bytes)
    do {
      self = try ONNXDecoder.model(&reader)
    } catch {
      throw ONNXImportError("malformed ONNX at \(error.description)")
    }
  }
}

/// Field-by-field decoding of the ONNX messages (field numbers from onnx/onnx.proto).
///
/// Each
/// function reads one message; `path` names where it sits (`graph.node[3].attribute[0]`).
enum ONNXDecoder {
  /// The next field of `reader`, with `path` added to any error.
  static func next(_ reader: inout ProtobufReader, _ path: String) throws(ProtobufError) -> ProtobufField? {
    do {
      return try reader.nextField()
    } catch {
      throw ProtobufError(error.kind, at: error.offset, "in \(path): \(error.message)")
    }
  }

  /// Fails when a repeated message would grow past `limit` entries.
  static func checkCount(_ count: Int, _ limit: Int, _ field: ProtobufField, _ path: String) throws(ProtobufError) {
    guard count < limit else {
      throw ProtobufError(.outOfRange, at: field.offset, "\(path) has more than \(limit) entries; expected at most \(limit)")
    }
  }

  static func model(_ reader: inout ProtobufReader) throws(ProtobufError) -> ONNXModel {
    var model = ONNXModel()
    var graphs: [ProtobufField] = []
    while let field = try next(&reader, "ModelProto") {
      switch field.number {
      case 1: model.irVersion = try reader.int64(field, "ModelProto.ir_version")
      case 2: model.producerName = try reader.string(field, "ModelProto.producer_name")
      case 3: model.producerVersion = try reader.string(field, "ModelProto.producer_version")
      case 7:
        _ = try reader.payload(field, "ModelProto.graph")
        graphs.append(field)
      case 8:
        var opset = try reader.message(field, "ModelProto.opset_import")
        var domain = ""
        var version: Int64 = 0
        while let inner = try next(&opset, "opset_import") {
          switch inner.number {
          case 1: domain = try opset.string(inner, "opset_import.domain")
          case 2: version = try opset.int64(inner, "opset_import.version")
          default: break
          }
        }
        if domain.isEmpty || domain == "ai.onnx" { model.opsetVersion = version }
      default: break
      }
    }
    // A singular message field sent more than once is merged (protobuf's rule): decoding the
    // occurrences one after another into the same graph is exactly that merge.
    var graph = ONNXGraph()
    for field in graphs {
      var graphReader = try reader.message(field, "ModelProto.graph")
      try ONNXDecoder.graph(&graphReader, into: &graph)
    }
    model.graph = graph
    return model
  }

  static func graph(_ reader: inout ProtobufReader, into graph: inout ONNXGraph) throws(ProtobufError) {
    while let field = try next(&reader, "graph") {
      switch field.number {
      case 1:
        try checkCount(graph.nodes.count, ONNXLimits.maximumNodes, field, "graph.node")
        var nodeReader = try reader.message(field, "graph.node[\(graph.nodes.count)]")
        var node = try ONNXDecoder.node(&nodeReader, path: "graph.node[\(graph.nodes.count)]")
        node.offset = field.offset
        graph.nodes.append(node)
      case 2: graph.name = try reader.string(field, "graph.name")
      case 5:
        try checkCount(graph.initializers.count, ONNXLimits.maximumValues, field, "graph.initializer")
        let path = "graph.initializer[\(graph.initializers.count)]"
        var tensorReader = try reader.message(field, path)
        graph.initializers.append(try tensor(&tensorReader, path: path))
      case 11:
        try checkCount(graph.inputs.count, ONNXLimits.maximumValues, field, "graph.input")
        let path = "graph.input[\(graph.inputs.count)]"
        var valueReader = try reader.message(field, path)
        graph.inputs.append(try valueInfo(&valueReader, path: path))
      case 12:
        try checkCount(graph.outputs.count, ONNXLimits.maximumValues, field, "graph.output")
        let path = "graph.output[\(graph.outputs.count)]"
        var valueReader = try reader.message(field, path)
        graph.outputs.append(try valueInfo(&valueReader, path: path))
      case 13:
        try checkCount(graph.valueInfo.count, ONNXLimits.maximumValues, field, "graph.value_info")
        let path = "graph.value_info[\(graph.valueInfo.count)]"
        var valueReader = try reader.message(field, path)
        graph.valueInfo.append(try valueInfo(&valueReader, path: path))
      default: break
      }
    }
  }

  static func node(_ reader: inout ProtobufReader, path: String) throws(ProtobufError) -> ONNXNode {
    var node = ONNXNode()
    while let field = try next(&reader, path) {
      switch field.number {
      case 1:
        try checkCount(node.inputs.count, ONNXLimits.maximumNodeFields, field, "\(path).input")
        node.inputs.append(try reader.string(field, "\(path).input"))
      case 2:
        try checkCount(node.outputs.count, ONNXLimits.maximumNodeFields, field, "\(path).output")
        node.outputs.append(try reader.string(field, "\(path).output"))
      case 3: node.name = try reader.string(field, "\(path).name")
      case 4: node.opType = try reader.string(field, "\(path).op_type")
      case 5:
        try checkCount(node.attributes.count, ONNXLimits.maximumNodeFields, field, "\(path).attribute")
        let attributePath = "\(path).attribute[\(node.attributes.count)]"
        var attributeReader = try reader.message(field, attributePath)
        node.attributes.append(try attribute(&attributeReader, path: attributePath))
      case 7: node.domain = try reader.string(field, "\(path).domain")
      default: break
      }
    }
    return node
  }

  static func attribute(_ reader: inout ProtobufReader, path: String) throws(ProtobufError) -> ONNXAttribute {
    var name = ""
    var declaredType: Int64?
    var float: Float?
    var int: Int64?
    var string: String?
    var tensorValue: ONNXTensor?
    var floats: [UInt32] = []
    var ints: [Int64] = []
    var strings: [String] = []
    var other: Int64?
    let limit = ONNXLimits.maximumListLength
    while let field = try next(&reader, path) {
      switch field.number {
      case 1: name = try reader.string(field, "\(path).name")
      case 20: declaredType = try reader.int64(field, "\(path).type")
      case 2: float = try reader.float(field, "\(path).f")
      case 3: int = try reader.int64(field, "\(path).i")
      // `s` is bytes in the schema; attributes AxSim reads (auto_pad, mode) are ASCII.
      case 4: string = try reader.string(field, "\(path).s")
      case 5:
        var tensorReader = try reader.message(field, "\(path).t")
        tensorValue = try tensor(&tensorReader, path: "\(path).t")
      case 7: try reader.appendFixed32s(field, to: &floats, limit: limit, "\(path).floats")
      case 8: try reader.appendInt64s(field, to: &ints, limit: limit, "\(path).ints")
      case 9:
        try checkCount(strings.count, limit, field, "\(path).strings")
        strings.append(try reader.string(field, "\(path).strings"))
      case 6, 10, 11, 14, 15, 22, 23:
        _ = try reader.payload(field, "\(path) field \(field.number)")
        other = Int64(field.number)
      default: break
      }
    }
    // The `type` field says which value is meant (IR ≥ 2); older files leave it out, so
    // the value present decides.
    let value: ONNXAttribute.Value
    switch declaredType {
    case 1?: value = .float(float ?? 0)
    case 2?: value = .int(int ?? 0)
    case 3?: value = .string(string ?? "")
    case 4?: value = tensorValue.map(ONNXAttribute.Value.tensor) ?? .unsupported(4)
    case 6?: value = .floats(floats.map(Float.init(bitPattern:)))
    case 7?: value = .ints(ints)
    case 8?: value = .strings(strings)
    case let type?: value = .unsupported(type)
    case nil:
      if let float {
        value = .float(float)
      } else if let int {
        value = .int(int)
      } else if let string {
        value = .string(string)
      } else if let tensorValue {
        value = .tensor(tensorValue)
      } else if !floats.isEmpty {
        value = .floats(floats.map(Float.init(bitPattern:)))
      } else if !ints.isEmpty {
        value = .ints(ints)
      } else if !strings.isEmpty {
        value = .strings(strings)
      } else {
        value = .unsupported(other ?? 0)
      }
    }
    return ONNXAttribute(name: name, value: value)
  }

  static func valueInfo(_ reader: inout ProtobufReader, path: String) throws(ProtobufError) -> ONNXValueInfo {
    var info = ONNXValueInfo()
    while let field = try next(&reader, path) {
      switch field.number {
      case 1: info.name = try reader.string(field, "\(path).name")
      case 2:
        var type = try reader.message(field, "\(path).type")
        while let typeField = try next(&type, "\(path).type") {
          guard typeField.number == 1 else { continue }
          var tensorType = try type.message(typeField, "\(path).type.tensor_type")
          while let inner = try next(&tensorType, "\(path).type.tensor_type") {
            switch inner.number {
            case 1: info.elementType = try tensorType.int32(inner, "\(path).type.tensor_type.elem_type")
            case 2:
              var shape = try tensorType.message(inner, "\(path).type.tensor_type.shape")
              var dimensions: [ONNXValueInfo.Dimension] = info.shape ?? []
              while let dimField = try next(&shape, "\(path).shape") {
                guard dimField.number == 1 else { continue }
                guard dimensions.count < ONNXLimits.maximumRank else {
                  throw ProtobufError(
                    .outOfRange, at: dimField.offset, "\(path).shape has more than \(ONNXLimits.maximumRank) dimensions")
                }
                var dimension = try shape.message(dimField, "\(path).shape.dim")
                var value = ONNXValueInfo.Dimension.unknown
                while let dimValue = try next(&dimension, "\(path).shape.dim") {
                  switch dimValue.number {
                  case 1: value = .value(try dimension.int64(dimValue, "\(path).shape.dim.dim_value"))
                  case 2: value = .symbolic(try dimension.string(dimValue, "\(path).shape.dim.dim_param"))
                  default: break
                  }
                }
                dimensions.append(value)
              }
              info.shape = dimensions
            default: break
            }
          }
        }
      default: break
      }
    }
    return info
  }
}
