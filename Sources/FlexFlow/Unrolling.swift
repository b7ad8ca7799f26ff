/// FlexFlow's unrolling factors ⟨Tm, Tn, Tr, Tc, Ti, Tj⟩ (HPCA 2017, Eq. 1; docs/sources.md#flexflow2017):
/// Tm·Tr·Tc distinct output neurons, one per PE row; Tn·Ti·Tj synapses of one output neuron
/// spread along a row's PE columns.
///
/// PE row `(mm·Tr + rr)·Tc + cc` computes output neuron (m0·Tm + mm, r0·Tr + rr, c0·Tc + cc);
/// PE column `(nn·Ti + ii)·Tj + jj` takes input map n0·Tn + nn and kernel offset
/// (i0·Ti + ii, j0·Tj + jj): the paper's element-to-PE placement.
public struct Unrolling: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Output maps in parallel.
  public var tm: Int
  /// Input maps in parallel.
  public var tn: Int
  /// Output rows in parallel.
  public var tr: Int
  /// Output columns in parallel.
  public var tc: Int
  /// Kernel rows in parallel.
  public var ti: Int
  /// Kernel columns in parallel.
  public var tj: Int

  /// Factors ⟨Tm, Tn, Tr, Tc, Ti, Tj⟩, in the paper's order.
  public init(tm: Int, tn: Int, tr: Int, tc: Int, ti: Int, tj: Int) {
    self.tm = tm
    self.tn = tn
    self.tr = tr
    self.tc = tc
    self.ti = ti
    self.tj = tj
  }

  /// PE rows in use, Tm·Tr·Tc.
  public var rowsUsed: Int { tm * tr * tc }

  /// PE columns in use, Tn·Ti·Tj.
  public var colsUsed: Int { tn * ti * tj }

  /// Whether the factors fit a D×D array and the loop bounds (Eq. 1).
  public func fits(_ loops: ConvolutionLoops, side: Int) -> Bool {
    tm >= 1 && tn >= 1 && tr >= 1 && tc >= 1 && ti >= 1 && tj >= 1 && tm <= loops.outputMaps
      && tn <= loops.inputMaps && tr <= loops.outputRows && tc <= loops.outputCols && ti <= loops.kernelRows
      && tj <= loops.kernelCols && rowsUsed <= side && colsUsed <= side
  }

  /// Steps (cycles without stalls) one block of output neurons takes: ⌈K/Ti⌉·⌈K/Tj⌉.
  public func stepsPerBlock(_ loops: ConvolutionLoops) -> Int {
    ceilDiv(loops.kernelRows, ti) * ceilDiv(loops.kernelCols, tj)
  }

  /// Blocks the layer takes: samples·⌈M/Tm⌉·⌈N/Tn⌉·⌈R/Tr⌉·⌈C/Tc⌉.
  public func blockCount(_ loops: ConvolutionLoops) -> Int {
    loops.samples * ceilDiv(loops.outputMaps, tm) * ceilDiv(loops.inputMaps, tn) * ceilDiv(loops.outputRows, tr)
      * ceilDiv(loops.outputCols, tc)
  }

  /// U = U_r·U_c of Eq. 2–3 on a D×D array: the layer's MACs over the PE-cycles of its
  /// stall-free compute steps.
  public func computeUtilization(_ loops: ConvolutionLoops, side: Int) -> Double {
    Double(loops.macCount) / Double(blockCount(loops) * stepsPerBlock(loops) * side * side)
  }

  public var description: String { "<\(tm),\(tn),\(tr),\(tc),\(ti),\(tj)>" }
}

@inline(__always)
func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
