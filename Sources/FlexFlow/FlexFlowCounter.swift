import SimKernel

/// The activity FlexFlow records, one counter per (component, action). Raw values index the
/// ledger; `schema` gives each its name and meaning.
///
/// Component names group into the power split of FlexFlow's Table 6: `neuron_buffer_in`
/// (P_nein), `neuron_buffer_out` (P_neout), `kernel_buffer` (P_kerin), and everything else
/// (`pe.*`, `row.*`, `pooling_alu`, `decoder`, `clock.pe`) is the computing engine (P_com).
public enum FlexFlowCounter: Int, CaseIterable, Sendable {
  /// A PE multiplies a neuron by a synapse; widths: the operand bits the multiplier
  /// computes with (k × k for DRUM-k, input × weight bits for the exact multiplier).
  case multiply
  /// A DRUM-k multiply's steering logic works: two leading-one detectors, two priority
  /// encoders, the operand muxes and the output barrel shifter (Hashemi et al. 2015).
  case drumSteering
  /// A PE's adder adds its product to the partial sum arriving from the right-hand PE;
  /// width: the accumulator bits.
  case peAdd
  /// A PE's register latches its product; width: the accumulator bits.
  case peRegisterWrite
  /// A PE reads a neuron from its neuron local store; width: the word.
  case neuronLocalStoreRead
  /// A neuron is written into a PE's neuron local store (from its column bus or from the
  /// right-hand PE); width: the word.
  case neuronLocalStoreWrite
  /// A PE reads a synapse from its kernel local store; width: the word.
  case kernelLocalStoreRead
  /// A synapse is written into a PE's kernel local store from its row bus; width: the word.
  case kernelLocalStoreWrite
  /// A row's accumulator at the end of its adder chain adds the row sum of one step; width:
  /// the accumulator bits.
  case rowAccumulate
  /// A PE is clocked for one cycle while it multiplies.
  case peActiveCycle
  /// A PE is clock-gated for one cycle (unused by the mapping, waiting for data, or idle).
  case peGatedCycle
  /// Neuron Buffer 1 reads a word onto the column buses (replicated across the group's
  /// buses, in-place data replication); width: the word.
  case neuronBufferRead
  /// The kernel buffer reads a word onto the row buses (broadcast to the rows of its
  /// group); width: the word.
  case kernelBufferRead
  /// Neuron Buffer 2 stores an output or a partial sum; width: the word.
  case outputBufferWrite
  /// Neuron Buffer 2 reads a partial sum back into a row accumulator; width: the word.
  case outputBufferRead
  /// A pooling ALU applies the activation to an output leaving its row.
  case activate
  /// A pooling ALU compares two values (max pooling).
  case poolCompare
  /// A pooling ALU adds two values (average pooling).
  case poolAdd
  /// A pooling ALU scales a pooled sum by 1/window (average pooling).
  case poolScale
  /// The decoder issues one layer's configuration to the PEs' controllers.
  case decoderConfigure

  /// The component and action names of every counter, in raw-value order.
  public static let schema = LedgerSchema(allCases.map(\.descriptor))

  var descriptor: LedgerSchema.Counter {
    switch self {
    case .multiply:
      return .init(component: "pe.multiplier", action: "multiply", widthArity: 2, description: "products, by operand bits a × b")
    case .drumSteering:
      return .init(
        component: "pe.drum_steering", action: "approximate", widthArity: 0,
        description: "DRUM leading-one detection and shifting, one per approximate product")
    case .peAdd: return .init(component: "pe.adder", action: "add", widthArity: 1, description: "chain additions, by bits")
    case .peRegisterWrite:
      return .init(component: "pe.register", action: "write", widthArity: 1, description: "product latches, by bits")
    case .neuronLocalStoreRead:
      return .init(component: "pe.neuron_local_store", action: "read", widthArity: 1, description: "neuron words read")
    case .neuronLocalStoreWrite:
      return .init(component: "pe.neuron_local_store", action: "write", widthArity: 1, description: "neuron words stored")
    case .kernelLocalStoreRead:
      return .init(component: "pe.kernel_local_store", action: "read", widthArity: 1, description: "synapse words read")
    case .kernelLocalStoreWrite:
      return .init(component: "pe.kernel_local_store", action: "write", widthArity: 1, description: "synapse words stored")
    case .rowAccumulate:
      return .init(component: "row.accumulator", action: "accumulate", widthArity: 1, description: "row sums accumulated")
    case .peActiveCycle:
      return .init(component: "clock.pe", action: "active_cycle", widthArity: 0, description: "PE-cycles clocked")
    case .peGatedCycle: return .init(component: "clock.pe", action: "gated_cycle", widthArity: 0, description: "PE-cycles gated")
    case .neuronBufferRead:
      return .init(component: "neuron_buffer_in", action: "read", widthArity: 1, description: "input neuron words read")
    case .kernelBufferRead:
      return .init(component: "kernel_buffer", action: "read", widthArity: 1, description: "synapse words read")
    case .outputBufferWrite:
      return .init(
        component: "neuron_buffer_out", action: "write", widthArity: 1, description: "outputs and partial sums written")
    case .outputBufferRead:
      return .init(component: "neuron_buffer_out", action: "read", widthArity: 1, description: "partial sums read back")
    case .activate: return .init(component: "pooling_alu", action: "activate", widthArity: 0, description: "activations applied")
    case .poolCompare:
      return .init(component: "pooling_alu", action: "compare", widthArity: 0, description: "max-pool comparisons")
    case .poolAdd: return .init(component: "pooling_alu", action: "add", widthArity: 0, description: "average-pool additions")
    case .poolScale: return .init(component: "pooling_alu", action: "scale", widthArity: 0, description: "average-pool scalings")
    case .decoderConfigure:
      return .init(component: "decoder", action: "configure", widthArity: 0, description: "layer configurations issued")
    }
  }
}

extension ActivityLedger {
  @inlinable @inline(__always)
  mutating func add(_ count: Int, _ counter: FlexFlowCounter, bitsA: Int = 0, bitsB: Int = 0) {
    guard count > 0 else { return }
    add(UInt64(count), to: counter.rawValue, bitsA: bitsA, bitsB: bitsB)
  }
}
