import SimKernel

/// What one layer did on the PE array: where its cycles went and how often each datapath
/// event happened. Both fidelities produce it, `cycle` by stepping and `fast` in closed
/// form; the property tests hold the two equal.
public struct LayerCounts: Equatable, Sendable {
  /// Cycles before the first block could start: its neurons and synapses crossing the buses.
  public var fillCycles = 0
  /// Cycles the PEs stepped (blocks × steps per block), or a pooling pass took.
  public var computeCycles = 0
  /// Cycles every PE waited because the next block's local-store data had not yet arrived.
  public var stallCycles = 0
  /// Cycles after the last step until the last output is in Neuron Buffer 2.
  public var tailCycles = 0
  /// Multiply-accumulates performed (products of real, in-bounds operands).
  public var macs = 0
  /// Words Neuron Buffer 1 read onto the column buses.
  public var neuronWords = 0
  /// Words the kernel buffer read onto the row buses.
  public var kernelWords = 0
  /// Synapse words written into kernel local stores (each broadcast word lands in every row
  /// of its group).
  public var kernelStoreWrites = 0
  /// Row sums accumulated at the rows' ends.
  public var rowAccumulates = 0
  /// Outputs and partial sums written into Neuron Buffer 2.
  public var outputWrites = 0
  /// Partial sums read back from Neuron Buffer 2.
  public var partialReads = 0
  /// Activations applied by the pooling ALUs.
  public var activations = 0

  /// A zero count.
  public init() {}

  /// All cycles of the layer.
  public var totalCycles: Int { fillCycles + computeCycles + stallCycles + tailCycles }

  /// Cycles spent waiting for operands (fill and stall).
  public var waitCycles: Int { fillCycles + stallCycles }

  /// The phases in report order.
  public var phases: [CyclePhase] {
    [
      CyclePhase("fill", fillCycles), CyclePhase("compute", computeCycles), CyclePhase("stall", stallCycles),
      CyclePhase("tail", tailCycles),
    ]
  }
}
