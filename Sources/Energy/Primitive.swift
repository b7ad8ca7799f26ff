import Foundation

/// One entry of the primitive library (configs/energy/primitives): a circuit's energy per
/// action (pJ), leakage power (mW) or a dimensionless parameter, as a law of one variable
/// (operand bits, kilobytes, millimetres) anchored at published points, at the technology
/// the source measured it in. Format: docs/energy-tables.md, "Primitive library".
public struct Primitive: Equatable, Sendable {
  /// What the primitive's value is.
  public enum Quantity: String, Sendable, CaseIterable {
    /// Dynamic energy of one action, in pJ.
    case energy = "energy_pj"
    /// Static power of one instance, in mW.
    case power = "power_mw"
    /// A dimensionless parameter (a share, an activity factor).
    case value
  }

  /// How a primitive's value follows a change of node and supply.
  public enum Scaling: String, Sendable, CaseIterable {
    /// Node and voltage (`TechnologyScaling`): on-chip logic and memories.
    case technology
    /// Voltage only, V²: wires, whose capacitance per millimetre barely changes with the node.
    case voltage
    /// Not at all: off-chip DRAM, a board's power, dimensionless parameters.
    case none
  }

  /// How the value depends on the primitive's variable x.
  public enum Law: Equatable, Sendable {
    /// The anchor's value, whatever x.
    case constant
    /// y = y₁ · x / x₁: per bit, per kilobyte, per millimetre.
    case linear
    /// y = y₁ · (x / x₁)^k, with k through two anchors or given (`exponent`).
    case power(exponent: Double)
    /// y = o + c · x², through two anchors: a multiplier with a part that does not scale
    /// with the significand (exponent path, normalisation, pipeline registers).
    case offsetSquare(offset: Double, coefficient: Double)
    /// Log-log interpolation between anchors (CACTI runs by size); below the first anchor
    /// y ∝ x^`belowExponent`, above the last the last segment's slope continues.
    case interpolated(belowExponent: Double)
  }

  /// The primitive's name, unique in its library (`int_multiplier`).
  public var name: String
  /// The circuit class, for the reader (`multiplier`, `sram`, `register`, `clock`, `wire`).
  public var circuitClass: String
  /// What the value is.
  public var quantity: Quantity
  /// The variable's name and unit (`bits`, `significand_bits`, `kilobytes`, `mm`).
  public var variable: String
  /// The law in x.
  public var law: Law
  /// The published points (x, value) the law passes through.
  public var anchors: [(x: Double, y: Double)]
  /// For memories: the word width the anchors were measured at, in bits.
  public var referenceWidthBits: Double?
  /// For memories: the value at other word widths (bits, value), measured at one size;
  /// interpolated log-log and applied as a ratio to the reference width.
  public var widthAnchors: [(x: Double, y: Double)]
  /// The x range the law is valid for.
  public var valid: ClosedRange<Double>
  /// The technology node the anchors were measured in, in nm.
  public var nodeNM: Double
  /// The supply the anchors were measured at, in volts.
  public var supplyVolts: Double
  /// How the value follows the target technology.
  public var scaling: Scaling
  /// Where the anchors come from (a docs/sources.md reference and the table or figure).
  public var source: String

  /// A primitive.
  public init(
    name: String, circuitClass: String, quantity: Quantity, variable: String, law: Law,
    anchors: [(x: Double, y: Double)], referenceWidthBits: Double? = nil, widthAnchors: [(x: Double, y: Double)] = [],
    valid: ClosedRange<Double>, nodeNM: Double, supplyVolts: Double, scaling: Scaling, source: String
  ) {
    self.name = name
    self.circuitClass = circuitClass
    self.quantity = quantity
    self.variable = variable
    self.law = law
    self.anchors = anchors
    self.referenceWidthBits = referenceWidthBits
    self.widthAnchors = widthAnchors
    self.valid = valid
    self.nodeNM = nodeNM
    self.supplyVolts = supplyVolts
    self.scaling = scaling
    self.source = source
  }

  public static func == (lhs: Primitive, rhs: Primitive) -> Bool {
    lhs.name == rhs.name && lhs.circuitClass == rhs.circuitClass && lhs.quantity == rhs.quantity
      && lhs.variable == rhs.variable && lhs.law == rhs.law && lhs.anchors.elementsEqual(rhs.anchors, by: ==)
      && lhs.referenceWidthBits == rhs.referenceWidthBits && lhs.widthAnchors.elementsEqual(rhs.widthAnchors, by: ==)
      && lhs.valid == rhs.valid && lhs.nodeNM == rhs.nodeNM && lhs.supplyVolts == rhs.supplyVolts
      && lhs.scaling == rhs.scaling && lhs.source == rhs.source
  }

  /// The value at x (and, for memories, word width) in the primitive's own technology, with
  /// the arithmetic that gave it.
  public func value(at x: Double, widthBits: Double? = nil) throws(EnergyDerivationError) -> (value: Double, formula: String) {
    guard valid.contains(x) else {
      throw .outsideValidRange(primitive: name, variable: variable, value: x, valid: valid)
    }
    guard let first = anchors.first else { throw .malformed(primitive: name, reason: "has no anchors") }
    var result: Double
    var formula: String
    switch law {
    case .constant:
      result = first.y
      formula = "\(Self.format(first.y))"
    case .linear:
      result = first.y * x / first.x
      formula = "\(Self.format(first.y / first.x)) × \(Self.format(x)) \(variable)"
    case .power(let exponent):
      result = first.y * pow(x / first.x, exponent)
      formula = "\(Self.format(first.y)) × (\(Self.format(x))/\(Self.format(first.x)))^\(Self.format(exponent, digits: 4))"
    case .offsetSquare(let offset, let coefficient):
      result = offset + coefficient * x * x
      formula = "\(Self.format(offset)) + \(Self.format(coefficient, digits: 5)) × \(Self.format(x))²"
    case .interpolated(let belowExponent):
      result = Self.interpolate(anchors, at: x, belowExponent: belowExponent)
      formula = "\(Self.format(result)) (\(variable) \(Self.format(x)), log-log between anchors)"
    }
    if let reference = referenceWidthBits, let width = widthBits, width != reference {
      guard !widthAnchors.isEmpty else {
        throw .malformed(primitive: name, reason: "has no width anchors to scale to \(Int(width)) bits")
      }
      let ratio =
        Self.interpolate(widthAnchors, at: width, belowExponent: 1)
        / Self.interpolate(widthAnchors, at: reference, belowExponent: 1)
      result *= ratio
      formula += " × \(Self.format(ratio, digits: 4)) (\(Self.format(width))-bit word / \(Self.format(reference))-bit)"
    }
    return (result, formula)
  }

  /// Log-log interpolation through sorted anchors; `belowExponent` below the first.
  static func interpolate(_ points: [(x: Double, y: Double)], at x: Double, belowExponent: Double) -> Double {
    guard let first = points.first, let last = points.last else { return 0 }
    if x <= first.x || points.count == 1 { return first.y * pow(x / first.x, belowExponent) }
    var index = 0
    while index + 1 < points.count - 1, x > points[index + 1].x { index += 1 }
    let low = points[index]
    let high = points[index + 1]
    let slope = log(high.y / low.y) / log(high.x / low.x)
    _ = last
    return low.y * pow(x / low.x, slope)
  }

  /// A number as derivation texts write it: up to `digits` significant digits.
  public static func format(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return "\(value)" }
    if value == value.rounded(), abs(value) < 1e9 { return String(Int64(value)) }
    let magnitude = value == 0 ? 0 : Int(floor(log10(abs(value))))
    let decimals = max(0, digits - 1 - magnitude)
    var text = String(format: "%.\(decimals)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }
}

/// A problem deriving an energy from the primitive library.
public enum EnergyDerivationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The library has no primitive of that name.
  case noPrimitive(String)
  /// Two primitives share a name.
  case duplicate(String)
  /// A primitive's law is asked for outside its valid range.
  case outsideValidRange(primitive: String, variable: String, value: Double, valid: ClosedRange<Double>)
  /// A primitive cannot be evaluated as asked.
  case malformed(primitive: String, reason: String)
  /// The primitive has the wrong kind of value for its use.
  case wrongQuantity(primitive: String, expected: Primitive.Quantity)
  /// The target technology lies outside the scaling laws.
  case technology(TechnologyScalingError)

  public var description: String {
    switch self {
    case .noPrimitive(let name): return "the primitive library has no primitive named \"\(name)\""
    case .duplicate(let name): return "primitive \"\(name)\" is defined more than once"
    case .outsideValidRange(let primitive, let variable, let value, let valid):
      return
        "primitive \(primitive): \(variable) = \(Primitive.format(value)) lies outside its valid range \(Primitive.format(valid.lowerBound))...\(Primitive.format(valid.upperBound))"
    case .malformed(let primitive, let reason): return "primitive \(primitive) \(reason)"
    case .wrongQuantity(let primitive, let expected): return "primitive \(primitive) is not a \(expected.rawValue) primitive"
    case .technology(let error): return error.description
    }
  }
}
