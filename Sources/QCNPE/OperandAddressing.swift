/// Where the operand words of one group of a GEMM layer live, as the memory hierarchy sees
/// them: every ifmap (input) element and every filter (weight) element has an identity, so the
/// SRAMs can tell a word they hold from one they must fetch (docs/qcnpe.md, "Memory
/// hierarchy").
///
/// ```
///   ifmap id of (GEMM row m, reduction k):  a convolution's input pixel the im2col entry reads,
///        ((b·H + iy)·W + ix)·Cg + c   with iy = oy·sy − padY + ky·dy, ix likewise, and
///        k = (ky·Fw + kx)·Cg + c (channels fastest, SCALE-Sim's order); a tap in the
///        padding reads nothing (no id); a dense layer or GEMM reads m·K + k
///   filter id of (reduction k, neuron n):   n·K + k
/// ```
/// Each group has its own address spaces (its C/G channels, its F/G filters): a grouped layer
/// is G independent products, and SCALE-Sim runs a depthwise layer as one layer per channel.
/// With N:M structured sparsity the array sums over the K' kept reductions only; reduction k'
/// is dense reduction (k' / N)·M + k' mod N.
public struct OperandAddressing: Equatable, Hashable, Sendable {
  /// How a GEMM row and a reduction index name an input element.
  public enum Input: Equatable, Hashable, Sendable {
    /// A matrix of `reductions` columns: element (m, k) is m·K + k.
    case matrix(reductions: Int)
    /// A convolution's input, read through its windows.
    case windows(ConvolutionWindows)
  }

  /// The input's layout.
  public var input: Input
  /// GEMM rows (M) of one group.
  public var gemmRows: Int
  /// Reductions (K) before any structured sparsity.
  public var denseReductions: Int
  /// Neurons (N) of one group.
  public var neurons: Int
  /// The kept (N) and block (M) sizes of N:M structured sparsity the array exploits; nil when
  /// it runs dense.
  public var sparsity: (kept: Int, block: Int)? {
    get { sparsityKept > 0 ? (sparsityKept, sparsityBlock) : nil }
    set {
      sparsityKept = newValue?.kept ?? 0
      sparsityBlock = newValue?.block ?? 0
    }
  }
  private var sparsityKept = 0
  private var sparsityBlock = 0

  /// An addressing.
  public init(input: Input, gemmRows: Int, denseReductions: Int, neurons: Int, sparsity: (kept: Int, block: Int)? = nil) {
    self.input = input
    self.gemmRows = gemmRows
    self.denseReductions = denseReductions
    self.neurons = neurons
    self.sparsity = sparsity
  }

  /// Reductions the array sums over: K, or K' = (K / M)·N + min(K mod M, N) under N:M sparsity.
  public var reductions: Int {
    guard let (kept, block) = sparsity else { return denseReductions }
    return denseReductions / block * kept + min(denseReductions % block, kept)
  }

  /// The dense reduction index of kept reduction `k`.
  @inline(__always)
  public func denseReduction(_ k: Int) -> Int {
    guard sparsityKept > 0 else { return k }
    return k / sparsityKept * sparsityBlock + k % sparsityKept
  }

  /// The number of ifmap ids (one group's input elements).
  public var inputIDCount: Int {
    switch input {
    case .matrix(let reductions): return gemmRows * reductions
    case .windows(let windows): return windows.batch * windows.height * windows.width * windows.channels
    }
  }

  /// The number of filter ids (one group's weights).
  public var filterIDCount: Int { denseReductions * neurons }

  /// The filter id of kept reduction `k` of neuron `n`.
  @inline(__always)
  public func filterID(reduction k: Int, neuron n: Int) -> Int { n * denseReductions + denseReduction(k) }
}

/// A convolution's input and windows, as the memory hierarchy addresses them (one group's
/// channels).
public struct ConvolutionWindows: Equatable, Hashable, Sendable {
  /// Samples in the batch.
  public var batch: Int
  /// Input rows.
  public var height: Int
  /// Input columns.
  public var width: Int
  /// Input channels of the group.
  public var channels: Int
  /// Output rows.
  public var outputHeight: Int
  /// Output columns.
  public var outputWidth: Int
  /// Kernel columns (taps).
  public var kernelWidth: Int
  /// Vertical and horizontal stride.
  public var strideY: Int
  /// Horizontal stride.
  public var strideX: Int
  /// Zero rows above and columns left of the input.
  public var paddingY: Int
  /// Zero columns left of the input.
  public var paddingX: Int
  /// Spacing of kernel taps.
  public var dilationY: Int
  /// Horizontal spacing of kernel taps.
  public var dilationX: Int

  /// Windows.
  public init(
    batch: Int, height: Int, width: Int, channels: Int, outputHeight: Int, outputWidth: Int, kernelWidth: Int,
    strideY: Int, strideX: Int, paddingY: Int, paddingX: Int, dilationY: Int, dilationX: Int
  ) {
    self.batch = batch
    self.height = height
    self.width = width
    self.channels = channels
    self.outputHeight = outputHeight
    self.outputWidth = outputWidth
    self.kernelWidth = kernelWidth
    self.strideY = strideY
    self.strideX = strideX
    self.paddingY = paddingY
    self.paddingX = paddingX
    self.dilationY = dilationY
    self.dilationX = dilationX
  }
}

/// The ifmap ids of a layer's (GEMM row, reduction) pairs, tabulated so that a lookup is two
/// loads, two compares and a multiply-add: each row's window origin and each reduction's tap
/// offset.
struct InputAddressTable {
  /// Per GEMM row: the window's top row (may be negative in the padding), left column, and
  /// the sample's first input row.
  private var originY: [Int32]
  private var originX: [Int32]
  private var sampleRow: [Int32]
  /// Per kept reduction: the tap's row and column offsets and channel.
  private var tapY: [Int32]
  private var tapX: [Int32]
  private var tapChannel: [Int32]
  private let height: Int32
  private let width: Int32
  private let channels: Int32
  private let matrixReductions: Int
  private let denseIndex: [Int32]

  init(_ addressing: OperandAddressing) {
    let reductions = addressing.reductions
    denseIndex = (0..<reductions).map { Int32(addressing.denseReduction($0)) }
    switch addressing.input {
    case .matrix(let columns):
      matrixReductions = columns
      originY = []
      originX = []
      sampleRow = []
      tapY = []
      tapX = []
      tapChannel = []
      height = 0
      width = 0
      channels = 0
    case .windows(let windows):
      matrixReductions = 0
      height = Int32(windows.height)
      width = Int32(windows.width)
      channels = Int32(windows.channels)
      let positions = windows.outputHeight * windows.outputWidth
      originY = []
      originX = []
      sampleRow = []
      originY.reserveCapacity(addressing.gemmRows)
      for m in 0..<addressing.gemmRows {
        let (sample, position) = m.quotientAndRemainder(dividingBy: positions)
        let (oy, ox) = position.quotientAndRemainder(dividingBy: windows.outputWidth)
        originY.append(Int32(oy * windows.strideY - windows.paddingY))
        originX.append(Int32(ox * windows.strideX - windows.paddingX))
        sampleRow.append(Int32(sample * windows.height))
      }
      tapY = []
      tapX = []
      tapChannel = []
      for dense in denseIndex {
        let (tap, channel) = Int(dense).quotientAndRemainder(dividingBy: windows.channels)
        let (ky, kx) = tap.quotientAndRemainder(dividingBy: windows.kernelWidth)
        tapY.append(Int32(ky * windows.dilationY))
        tapX.append(Int32(kx * windows.dilationX))
        tapChannel.append(Int32(channel))
      }
    }
  }

  /// The ifmap id of GEMM row `m`, kept reduction `k`, or −1 when the tap lies in the padding
  /// (or, in SCALE-Sim's rounded-up windows, past the input's edge).
  @inline(__always)
  func id(row m: Int, reduction k: Int) -> Int {
    if matrixReductions > 0 { return m * matrixReductions + Int(denseIndex[k]) }
    let y = originY[m] &+ tapY[k]
    let x = originX[m] &+ tapX[k]
    guard y >= 0, y < height, x >= 0, x < width else { return -1 }
    return ((Int(sampleRow[m]) + Int(y)) * Int(width) + Int(x)) * Int(channels) + Int(tapChannel[k])
  }
}
