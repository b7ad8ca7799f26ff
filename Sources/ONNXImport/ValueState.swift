/// What the importer knows about one value (tensor) of the graph while it walks the nodes.
struct ValueState: Equatable, Sendable {
  /// The value's dimensions at the shapes the model is walked at.
  var shape: [Int]
  /// The axis whose size carries the batch (a multiple of it), if any: `--batch` rescales it.
  var batchAxis: Int?
  /// The values, when known and small (initializers, Constant nodes, folded shape arithmetic).
  var constant: ONNXTensor.Values?
  /// Whether the value depends on no graph input (weights, constants and what they compute).
  var isConstant: Bool
  /// The layer whose output reaches this value through single-input, shape-only operators
  /// (`graphInput` for the graph's inputs; nil once two activations have merged): how the
  /// importer tells a chain from a graph with branches.
  var source: Int?
  /// The layer whose activation an activation operator applied to this value would become
  /// (the last MAC layer before it, through folded operators); nil when none can take it.
  var fusable: Int?
  /// How many elements of the batch axis lie inside the batch factor: the axis's size is
  /// outer × batch × `batchInner` (row-major), which tells where a reshape moves the batch.
  var batchInner: Int = 1

  /// The `source` of a graph input.
  static let graphInput = -1

  /// A value computed from constants only.
  static func constant(shape: [Int], values: ONNXTensor.Values?) -> ValueState {
    ValueState(shape: shape, batchAxis: nil, constant: values, isConstant: true, source: nil, fusable: nil)
  }

  /// The integer values, when known.
  var integers: [Int64]? {
    switch constant {
    case .integers(let values)?: return values
    case .reals(let values)?: return values.allSatisfy { $0 == $0.rounded() && abs($0) < 9e15 } ? values.map { Int64($0) } : nil
    case nil: return nil
    }
  }

  /// The values as reals, when known.
  var reals: [Double]? {
    switch constant {
    case .integers(let values)?: return values.map(Double.init)
    case .reals(let values)?: return values
    case nil: return nil
    }
  }
}
