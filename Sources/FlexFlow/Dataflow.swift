extension FlexFlowConfig {
  /// The dataflow the D×D PE array runs. FlexFlow's own (the default) mixes feature-map,
  /// neuron and synapse parallelism per layer; the other three are the baselines of Lu et al.
  /// (HPCA 2017, Fig. 5, Table 5; docs/sources.md#flexflow2017), each built from the same D×D
  /// multipliers and adders and the same 32 KB + 32 KB buffers, **without PE local stores**.
  /// docs/flexflow.md, "Baseline dataflows", gives each timing model and its assumptions.
  public enum Dataflow: String, CaseIterable, Equatable, Hashable, Sendable {
    /// FlexFlow: the unrolling ⟨Tm,Tn,Tr,Tc,Ti,Tj⟩ chosen per layer, local stores refilled
    /// under compute.
    case flexflow
    /// Systolic (SFSNMS, synapse parallelism ⟨Ti,Tj⟩ = K×K): the array is cut into ⌊D/K⌋²
    /// K×K convolver grids; each grid holds one kernel (one output map × input map pair)
    /// and takes one input neuron per cycle, broadcast to its K×K multipliers, in raster
    /// order; partial sums shift through (W−K)-deep delay FIFOs between kernel rows.
    case systolic
    /// 2D-Mapping (ShiDianNao-like, SFMNSS, neuron parallelism ⟨Tr,Tc⟩ = D×D): each PE holds
    /// one output neuron of a D×D tile of one output map; input neurons shift between
    /// neighbouring PEs; one synapse is broadcast to every PE per cycle.
    case mapping2d
    /// Tiling (DianNao-like, MFSNSS, feature-map parallelism ⟨Tm,Tn⟩ = D×D): Tn input
    /// neurons (one position of Tn input maps) are broadcast to Tm rows of Tn multipliers,
    /// each row reduced by an adder tree into one output map's accumulator.
    case tiling
  }
}

extension FlexFlowConfig.Dataflow {
  /// Whether the PEs have neuron and kernel local stores (FlexFlow's own dataflow only).
  public var hasLocalStores: Bool { self == .flexflow }

  /// The parallelism a baseline exploits on a layer, in FlexFlow's notation
  /// ⟨Tm,Tn,Tr,Tc,Ti,Tj⟩ (for reports; Eq. 1's Tm·Tr·Tc ≤ D, Tn·Ti·Tj ≤ D does not apply to
  /// the baselines): systolic ⟨1,1,1,1,min(K,D),min(K,D)⟩ per grid, 2D-Mapping
  /// ⟨1,1,min(R,D),min(C,D),1,1⟩, Tiling ⟨min(M,D),min(N,D),1,1,1,1⟩. Nil for FlexFlow,
  /// whose unrolling the mapper searches.
  public func baselineParallelism(_ loops: ConvolutionLoops, side: Int) -> Unrolling? {
    switch self {
    case .flexflow: return nil
    case .systolic:
      return Unrolling(tm: 1, tn: 1, tr: 1, tc: 1, ti: min(loops.kernelRows, side), tj: min(loops.kernelCols, side))
    case .mapping2d:
      return Unrolling(tm: 1, tn: 1, tr: min(loops.outputRows, side), tc: min(loops.outputCols, side), ti: 1, tj: 1)
    case .tiling:
      return Unrolling(tm: min(loops.outputMaps, side), tn: min(loops.inputMaps, side), tr: 1, tc: 1, ti: 1, tj: 1)
    }
  }
}
