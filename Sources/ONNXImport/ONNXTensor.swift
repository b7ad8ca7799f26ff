/// A TensorProto: its name, element type and dimensions, and, for small tensors only, its
/// values (what shape computations need: Reshape targets, Slice bounds, Clip limits).
public struct ONNXTensor: Equatable, Sendable {
  /// Values of a small tensor, decoded.
  public enum Values: Equatable, Sendable {
    /// Integer or boolean elements.
    case integers([Int64])
    /// Floating-point elements.
    case reals([Double])
  }

  /// TensorProto.DataType values AxSim names in messages and decodes.
  public enum DataType {
    /// 32-bit IEEE float.
    public static let float: Int32 = 1
    /// Unsigned and signed 8-bit integers.
    public static let uint8: Int32 = 2
    /// Signed 8-bit integer.
    public static let int8: Int32 = 3
    /// 32-bit integer.
    public static let int32: Int32 = 6
    /// 64-bit integer.
    public static let int64: Int32 = 7
    /// Boolean.
    public static let bool: Int32 = 9
    /// 64-bit IEEE float.
    public static let double: Int32 = 11
  }

  /// `name` (field 8).
  public var name: String = ""
  /// `dims` (field 1).
  public var dims: [Int64] = []
  /// `data_type` (field 2).
  public var dataType: Int32 = 0
  /// The decoded values, when the tensor has at most `ONNXLimits.maximumFoldedElements`
  /// elements of a numeric type and carries them in the file.
  public var values: Values?
  /// Whether the values live in an external file (`data_location` = EXTERNAL, field 14).
  public var isExternal: Bool = false

  /// A tensor.
  public init(name: String = "", dims: [Int64] = [], dataType: Int32 = 0, values: Values? = nil) {
    self.name = name
    self.dims = dims
    self.dataType = dataType
    self.values = values
  }
}

/// An AttributeProto: a named operator parameter.
public struct ONNXAttribute: Equatable, Sendable {
  /// The attribute's value, by AttributeProto.AttributeType.
  public enum Value: Equatable, Sendable {
    /// FLOAT (`f`, field 2).
    case float(Float)
    /// INT (`i`, field 3).
    case int(Int64)
    /// STRING (`s`, field 4).
    case string(String)
    /// TENSOR (`t`, field 5).
    case tensor(ONNXTensor)
    /// FLOATS (`floats`, field 7).
    case floats([Float])
    /// INTS (`ints`, field 8).
    case ints([Int64])
    /// STRINGS (`strings`, field 9).
    case strings([String])
    /// A kind AxSim does not read (a graph, sparse tensor, type), with its AttributeType.
    case unsupported(Int64)
  }

  /// `name` (field 1).
  public var name: String
  /// The value.
  public var value: Value

  /// An attribute.
  public init(name: String, value: Value) {
    self.name = name
    self.value = value
  }
}
