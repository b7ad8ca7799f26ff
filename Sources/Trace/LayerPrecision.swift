/// Operand precision of a layer, in bits, for the whole layer or for each output neuron.
///
/// On QCNPE neurons are array columns, so a per-neuron precision lands in the precision-control
/// registers of that neuron's column (AxNN §5).
public struct LayerPrecision: Equatable, Hashable, Sendable {
  /// Input (activation) bits: one value for the layer, or one per output neuron.
  public var inputBits: [Int]
  /// Weight bits: one value for the layer, or one per output neuron.
  public var weightBits: [Int]

  /// A precision shared by every neuron of the layer.
  public init(inputBits: Int, weightBits: Int) {
    self.inputBits = [inputBits]
    self.weightBits = [weightBits]
  }

  /// A precision per neuron; both arrays have one entry per output neuron (or exactly one).
  public init(inputBits: [Int], weightBits: [Int]) {
    self.inputBits = inputBits
    self.weightBits = weightBits
  }

  /// The 16-bit fixed-point precision of the QCNPE datapath (AxNN Fig. 4), the default for
  /// a trace that says nothing.
  public static let full16 = LayerPrecision(inputBits: 16, weightBits: 16)

  /// Whether any neuron has its own precision.
  public var isPerNeuron: Bool { inputBits.count > 1 || weightBits.count > 1 }

  /// Input bits of neuron `neuron`.
  @inlinable public func inputBits(ofNeuron neuron: Int) -> Int {
    inputBits.count == 1 ? inputBits[0] : inputBits[neuron]
  }

  /// Weight bits of neuron `neuron`.
  @inlinable public func weightBits(ofNeuron neuron: Int) -> Int {
    weightBits.count == 1 ? weightBits[0] : weightBits[neuron]
  }

  /// The widest operand any neuron uses.
  public var maximumBits: Int { max(inputBits.max() ?? 0, weightBits.max() ?? 0) }

  /// The narrowest operand any neuron uses.
  public var minimumBits: Int { min(inputBits.min() ?? 0, weightBits.min() ?? 0) }
}
