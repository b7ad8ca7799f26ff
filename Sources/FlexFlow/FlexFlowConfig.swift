import Trace

/// The micro-architectural parameters of a FlexFlow instance (Lu et al., HPCA 2017, Fig. 6,
/// Tables 5 and 7), as AxTrain (ISLPED 2018 §4) used it.
///
/// Defaults are the evaluated design: a 16×16 PE array, 256 B neuron and kernel local stores
/// per PE, 32 KB neuron and kernel buffers of D banks, 16-bit words, 1 GHz, 65 nm. Parameters
/// the papers leave open are assumptions, stated in docs/flexflow.md and kept configurable.
public struct FlexFlowConfig: Equatable, Hashable, Sendable {
  /// D, the side of the square PE array (PEs per row and per column).
  public var side: Int
  /// Capacity of each PE's neuron local store, in bytes.
  public var neuronLocalStoreBytes: Int
  /// Capacity of each PE's kernel local store, in bytes.
  public var kernelLocalStoreBytes: Int
  /// Capacity of the input neuron buffer (Neuron Buffer 1), in bytes, in D banks.
  public var neuronBufferBytes: Int
  /// Capacity of the kernel buffer, in bytes, in D banks.
  public var kernelBufferBytes: Int
  /// Words per cycle one vertical (column) neuron bus carries into its PE column.
  public var neuronBusWordsPerCycle: Int
  /// Words per cycle one horizontal (row) kernel bus carries into its PE row
  /// [assumption: a 256-bit bus, 16 words, so a dense layer's row receives a fresh weight
  /// per PE per cycle, as the S = K = 1 cycle count of docs/sources.md#flexflow2017 requires].
  public var kernelBusWordsPerCycle: Int
  /// Operand word width in bits (the widest precision a PE multiplier accepts).
  public var wordBits: Int
  /// Width of the PE adders and the row accumulators, in bits.
  public var accumulatorBits: Int
  /// Clock frequency in MHz.
  public var clockMHz: Double
  /// Cycles between a row's last product and its output landing in Neuron Buffer 2: the
  /// right-to-left adder chain, the pooling ALU and the buffer write.
  public var outputLatencyCycles: Int
  /// Whether the mapper imposes the inter-layer layout constraint ⟨Tm,Tr,Tc⟩ of a layer =
  /// ⟨Tn,Ti,Tj⟩ of the next convolution (in-advance data placement), when that is feasible.
  public var interLayerLayout: Bool
  /// The multiplier every layer uses, overriding the trace; nil keeps each layer's own.
  public var multiplierOverride: ApproximationSettings.Multiplier?
  /// Supply voltage of the kernel buffer and kernel local stores in volts, overriding the
  /// trace; nil keeps the trace's setting (nominal when the trace has none).
  public var kernelStorageVolts: Double?
  /// Which dataflow the array runs: FlexFlow's own, or one of the paper's three baselines on
  /// the same D×D PEs and buffers, without PE local stores (docs/flexflow.md, "Baseline
  /// dataflows").
  public var dataflow: Dataflow

  /// The largest array side accepted, so a typo cannot allocate 10^12 PEs.
  public static let maximumSide = 256

  /// A configuration; defaults are the paper's FlexFlow.
  public init(
    side: Int = 16, neuronLocalStoreBytes: Int = 256, kernelLocalStoreBytes: Int = 256,
    neuronBufferBytes: Int = 32 * 1024, kernelBufferBytes: Int = 32 * 1024, neuronBusWordsPerCycle: Int = 1,
    kernelBusWordsPerCycle: Int = 16, wordBits: Int = 16, accumulatorBits: Int = 32, clockMHz: Double = 1000,
    outputLatencyCycles: Int? = nil, interLayerLayout: Bool = false,
    multiplierOverride: ApproximationSettings.Multiplier? = nil, kernelStorageVolts: Double? = nil,
    dataflow: Dataflow = .flexflow
  ) {
    self.side = side
    self.neuronLocalStoreBytes = neuronLocalStoreBytes
    self.kernelLocalStoreBytes = kernelLocalStoreBytes
    self.neuronBufferBytes = neuronBufferBytes
    self.kernelBufferBytes = kernelBufferBytes
    self.neuronBusWordsPerCycle = neuronBusWordsPerCycle
    self.kernelBusWordsPerCycle = kernelBusWordsPerCycle
    self.wordBits = wordBits
    self.accumulatorBits = accumulatorBits
    self.clockMHz = clockMHz
    self.outputLatencyCycles = outputLatencyCycles ?? side + 2
    self.interLayerLayout = interLayerLayout
    self.multiplierOverride = multiplierOverride
    self.kernelStorageVolts = kernelStorageVolts
    self.dataflow = dataflow
  }

  /// PEs in the array, D².
  public var peCount: Int { side * side }

  /// Words a neuron local store holds.
  public var neuronLocalStoreWords: Int { neuronLocalStoreBytes * 8 / wordBits }

  /// Words a kernel local store holds.
  public var kernelLocalStoreWords: Int { kernelLocalStoreBytes * 8 / wordBits }

  /// Words per bank of the kernel buffer (D banks), the depth its energy law sees.
  public var kernelBufferBankWords: Int { max(1, kernelBufferBytes * 8 / wordBits / side) }

  /// Words per bank of each neuron buffer (D banks).
  public var neuronBufferBankWords: Int { max(1, neuronBufferBytes * 8 / wordBits / side) }

  /// Problems with the configuration, phrased for a user (the key and what was expected),
  /// empty when it is valid. A model is never built from a configuration with problems.
  public var problems: [(key: String, message: String)] {
    var found: [(key: String, message: String)] = []
    func integer(_ key: String, _ value: Int, in range: ClosedRange<Int>) {
      if !range.contains(value) {
        found.append((key, "expected an integer in \(range.lowerBound)...\(range.upperBound), found \(value)"))
      }
    }
    integer("side", side, in: 1...FlexFlowConfig.maximumSide)
    integer("wordBits", wordBits, in: 4...16)
    integer("accumulatorBits", accumulatorBits, in: 2 * max(1, min(wordBits, 16))...64)
    integer("neuronLocalStoreBytes", neuronLocalStoreBytes, in: 4...(1 << 20))
    integer("kernelLocalStoreBytes", kernelLocalStoreBytes, in: 4...(1 << 20))
    integer("neuronBufferBytes", neuronBufferBytes, in: 64...(1 << 30))
    integer("kernelBufferBytes", kernelBufferBytes, in: 64...(1 << 30))
    integer("neuronBusWordsPerCycle", neuronBusWordsPerCycle, in: 1...1024)
    integer("kernelBusWordsPerCycle", kernelBusWordsPerCycle, in: 1...1024)
    integer("outputLatencyCycles", outputLatencyCycles, in: 0...100_000)
    if (4...16).contains(wordBits) {
      if neuronLocalStoreBytes * 8 / wordBits < 2 {
        found.append(
          ("neuronLocalStoreBytes", "expected room for at least 2 words of \(wordBits) bits, found \(neuronLocalStoreBytes) B"))
      }
      if kernelLocalStoreBytes * 8 / wordBits < 2 {
        found.append(
          ("kernelLocalStoreBytes", "expected room for at least 2 words of \(wordBits) bits, found \(kernelLocalStoreBytes) B"))
      }
    }
    if !(clockMHz > 0 && clockMHz <= 100_000) {
      found.append(("clockMHz", "expected a number in (0, 100000], found \(clockMHz)"))
    }
    if let volts = kernelStorageVolts, !(volts >= 0.3 && volts <= 1.5) {
      found.append(("kernelStorageVolts", "expected a supply voltage in 0.3...1.5 V, found \(volts)"))
    }
    switch multiplierOverride {
    case .none, .exact?: break
    case .drum(let k)?:
      if !(3...(wordBits - 1)).contains(k) {
        found.append(("drumK", "expected DRUM k in 3...\(wordBits - 1) (k < wordBits), found \(k)"))
      }
    case .canna?, .mantissa?:
      found.append(("multiplier", "FlexFlow's PEs take an exact or a DRUM multiplier only"))
    }
    return found
  }
}
