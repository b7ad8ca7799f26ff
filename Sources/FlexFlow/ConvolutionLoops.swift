/// One layer as FlexFlow's six-deep loop nest sees it (HPCA 2017, Fig. 4; docs/sources.md#flexflow2017):
/// `O[m][r][c] += W[m][n][i][j] · I[n][r·sy + i][c·sx + j]`, repeated for each sample.
///
/// A dense layer is the S = K = 1 case with the batch as output rows (R = batch, C = 1), so
/// its weights are reused across samples exactly as a convolution's are across positions.
public struct ConvolutionLoops: Equatable, Hashable, Sendable {
  /// Samples run one after another (1 for dense layers, whose batch is R); for a grouped
  /// layer, samples × groups (each group is an independent convolution of its own maps).
  public var samples: Int
  /// M, output feature maps (output neurons of a dense layer).
  public var outputMaps: Int
  /// N, input feature maps (inputs of a dense layer).
  public var inputMaps: Int
  /// R, output rows per map.
  public var outputRows: Int
  /// C, output columns per map.
  public var outputCols: Int
  /// K rows of the kernel.
  public var kernelRows: Int
  /// K columns of the kernel.
  public var kernelCols: Int
  /// Vertical stride.
  public var strideY: Int
  /// Horizontal stride.
  public var strideX: Int

  /// A loop nest.
  public init(
    samples: Int = 1, outputMaps: Int, inputMaps: Int, outputRows: Int, outputCols: Int, kernelRows: Int,
    kernelCols: Int, strideY: Int = 1, strideX: Int = 1
  ) {
    self.samples = samples
    self.outputMaps = outputMaps
    self.inputMaps = inputMaps
    self.outputRows = outputRows
    self.outputCols = outputCols
    self.kernelRows = kernelRows
    self.kernelCols = kernelCols
    self.strideY = strideY
    self.strideX = strideX
  }

  /// Multiply-accumulates of the layer: samples · M · N · R · C · K · K.
  public var macCount: Int { samples * outputMaps * inputMaps * outputRows * outputCols * kernelRows * kernelCols }

  /// Outputs of the layer: samples · M · R · C.
  public var outputCount: Int { samples * outputMaps * outputRows * outputCols }

  /// Rows of the (padded) input map the layer reads: (R − 1)·sy + K.
  public var inputRows: Int { (outputRows - 1) * strideY + kernelRows }

  /// Columns of the (padded) input map the layer reads: (C − 1)·sx + K.
  public var inputCols: Int { (outputCols - 1) * strideX + kernelCols }
}
