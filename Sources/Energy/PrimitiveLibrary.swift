/// The primitive library: every primitive of every file under configs/energy/primitives,
/// looked up by name and moved to a target technology through `TechnologyScaling`.
///
/// Pure: the files are read by AxSimKit; this type only evaluates.
public struct PrimitiveLibrary: Equatable, Sendable {
  /// The primitives, in file order (files sorted by name).
  public private(set) var primitives: [Primitive]
  /// The names of the files (or libraries) the primitives came from, sorted.
  public var libraryNames: [String]

  /// A library; names must be unique.
  public init(primitives: [Primitive], libraryNames: [String]) throws(EnergyDerivationError) {
    var seen: Set<String> = []
    for primitive in primitives where !seen.insert(primitive.name).inserted {
      throw .duplicate(primitive.name)
    }
    self.primitives = primitives
    self.libraryNames = libraryNames
  }

  /// The primitive named `name`.
  public func primitive(_ name: String) throws(EnergyDerivationError) -> Primitive {
    guard let primitive = primitives.first(where: { $0.name == name }) else { throw .noPrimitive(name) }
    return primitive
  }

  /// The dynamic energy of primitive `name` at x (and word width), moved to `target`.
  public func energy(_ name: String, at x: Double, widthBits: Double? = nil, target: OperatingPoint) throws(EnergyDerivationError)
    -> DerivedEnergy
  {
    try scaled(name, at: x, widthBits: widthBits, target: target, quantity: .energy)
  }

  /// The leakage power of primitive `name` at x, moved to `target`, in mW.
  public func leakage(_ name: String, at x: Double, widthBits: Double? = nil, target: OperatingPoint)
    throws(EnergyDerivationError)
    -> DerivedEnergy
  {
    try scaled(name, at: x, widthBits: widthBits, target: target, quantity: .power)
  }

  /// A dimensionless parameter.
  public func parameter(_ name: String) throws(EnergyDerivationError) -> (value: Double, source: String) {
    let primitive = try primitive(name)
    guard primitive.quantity == .value else { throw .wrongQuantity(primitive: name, expected: .value) }
    return (try primitive.value(at: primitive.anchors.first?.x ?? 1).value, primitive.source)
  }

  private func scaled(
    _ name: String, at x: Double, widthBits: Double?, target: OperatingPoint, quantity: Primitive.Quantity
  ) throws(EnergyDerivationError) -> DerivedEnergy {
    let primitive = try primitive(name)
    guard primitive.quantity == quantity else { throw .wrongQuantity(primitive: name, expected: quantity) }
    let (raw, formula) = try primitive.value(at: x, widthBits: widthBits)
    var factor = 1.0
    if primitive.scaling == .voltage, primitive.supplyVolts != target.supplyVolts {
      factor = TechnologyScaling.voltageFactor(
        volts: target.supplyVolts, nominal: primitive.supplyVolts,
        exponent: quantity == .power ? TechnologyScaling.leakageVoltageExponent : TechnologyScaling.dynamicVoltageExponent)
    } else if primitive.scaling == .technology,
      primitive.nodeNM != target.nodeNM || primitive.supplyVolts != target.supplyVolts
    {
      do {
        factor =
          quantity == .power
          ? try TechnologyScaling.leakageFactor(
            fromNode: primitive.nodeNM, fromVolts: primitive.supplyVolts, toNode: target.nodeNM, toVolts: target.supplyVolts)
          : try TechnologyScaling.dynamicFactor(
            fromNode: primitive.nodeNM, fromVolts: primitive.supplyVolts, toNode: target.nodeNM, toVolts: target.supplyVolts)
      } catch {
        throw .technology(error)
      }
    }
    var text = "\(name)[\(formula)"
    if factor != 1 {
      text +=
        " @\(Primitive.format(primitive.nodeNM)) nm/\(Primitive.format(primitive.supplyVolts)) V × \(Primitive.format(factor, digits: 4))"
    }
    text += "]"
    return DerivedEnergy(raw * factor, text)
  }
}

/// A node and supply a derivation targets.
public struct OperatingPoint: Equatable, Sendable {
  /// Feature size in nm.
  public var nodeNM: Double
  /// Supply in volts.
  public var supplyVolts: Double

  /// A point.
  public init(nodeNM: Double, supplyVolts: Double) {
    self.nodeNM = nodeNM
    self.supplyVolts = supplyVolts
  }
}

/// A derived number (pJ or mW) and the arithmetic that produced it, for a table's
/// `derivation` text.
public struct DerivedEnergy: Equatable, Sendable {
  /// The value.
  public var value: Double
  /// How it was computed from primitives.
  public var text: String

  /// A derived value.
  public init(_ value: Double, _ text: String) {
    self.value = value
    self.text = text
  }

  /// Zero, for sums.
  public static let zero = DerivedEnergy(0, "")

  /// The sum of two derived values; texts join with " + ".
  public static func + (lhs: DerivedEnergy, rhs: DerivedEnergy) -> DerivedEnergy {
    if lhs.text.isEmpty { return rhs }
    if rhs.text.isEmpty { return lhs }
    return DerivedEnergy(lhs.value + rhs.value, lhs.text + " + " + rhs.text)
  }

  /// The value times `count`, labelled.
  public static func * (count: Double, rhs: DerivedEnergy) -> DerivedEnergy {
    DerivedEnergy(count * rhs.value, "\(Primitive.format(count)) × (\(rhs.text))")
  }

  /// The same value with a label in front (`multiplier: …`).
  public func labelled(_ label: String) -> DerivedEnergy {
    DerivedEnergy(value, "\(label) \(text)")
  }

  /// The derivation text with its result: `… = 0.972 pJ`.
  public func summary(unit: String = "pJ") -> String {
    "\(text) = \(Primitive.format(value, digits: 5)) \(unit)"
  }
}
