import TestSupport

/// Builds small ONNX ModelProtos in code (field numbers of onnx/onnx.proto) for tests.
struct ONNXBuilder {
  enum Attribute {
    case int(Int64)
    case ints([Int64])
    case float(Float)
    case string(String)
    case tensor(dims: [Int64], int64s: [Int64])
  }

  var nodes: [[UInt8]] = []
  var initializers: [[UInt8]] = []
  var inputs: [[UInt8]] = []
  var opset: Int64 = 17

  /// A graph input with fixed dims (a String dim is symbolic).
  mutating func input(_ name: String, _ dims: [Any]) {
    inputs.append(
      ProtobufEncoder.encoded { info in
        info.string(1, name)
        info.message(2) { type in
          type.message(1) { tensor in
            tensor.int(1, 1)
            tensor.message(2) { shape in
              for dim in dims {
                shape.message(1) { dimension in
                  if let value = dim as? Int { dimension.int(1, Int64(value)) } else { dimension.string(2, "\(dim)") }
                }
              }
            }
          }
        }
      })
  }

  /// An initializer with dims only (a float weight with its data stripped), or int64 values.
  mutating func initializer(_ name: String, _ dims: [Int64], int64s: [Int64]? = nil, float: Float? = nil) {
    initializers.append(ONNXBuilder.tensor(name: name, dims: dims, int64s: int64s, float: float))
  }

  static func tensor(name: String, dims: [Int64], int64s: [Int64]?, float: Float? = nil) -> [UInt8] {
    ProtobufEncoder.encoded { tensor in
      for dim in dims { tensor.int(1, dim) }
      tensor.int(2, int64s == nil ? 1 : 7)
      tensor.string(8, name)
      if let int64s {
        var packed = ProtobufEncoder()
        for value in int64s { packed.varint(UInt64(bitPattern: value)) }
        tensor.bytes(7, packed.bytes)
      }
      if let float { tensor.fixed32(4, float.bitPattern) }
    }
  }

  mutating func node(
    _ op: String, _ inputs: [String], _ outputs: [String], name: String = "", _ attributes: [(String, Attribute)] = []
  ) {
    nodes.append(
      ProtobufEncoder.encoded { node in
        for input in inputs { node.string(1, input) }
        for output in outputs { node.string(2, output) }
        if !name.isEmpty { node.string(3, name) }
        node.string(4, op)
        for (attributeName, value) in attributes {
          node.message(5) { attribute in
            attribute.string(1, attributeName)
            switch value {
            case .int(let value):
              attribute.int(20, 2)
              attribute.int(3, value)
            case .ints(let values):
              attribute.int(20, 7)
              for value in values { attribute.int(8, value) }
            case .float(let value):
              attribute.int(20, 1)
              attribute.fixed32(2, value.bitPattern)
            case .string(let value):
              attribute.int(20, 3)
              attribute.string(4, value)
            case .tensor(let dims, let values):
              attribute.int(20, 4)
              attribute.bytes(5, ONNXBuilder.tensor(name: "", dims: dims, int64s: values))
            }
          }
        }
      })
  }

  var bytes: [UInt8] {
    ProtobufEncoder.encoded { model in
      model.int(1, 8)
      model.string(2, "test")
      model.message(8) { opset in
        opset.string(1, "")
        opset.int(2, self.opset)
      }
      model.message(7) { graph in
        graph.string(2, "g")
        for node in nodes { graph.bytes(1, node) }
        for initializer in initializers { graph.bytes(5, initializer) }
        for input in inputs { graph.bytes(11, input) }
      }
    }
  }
}
