import Arithmetic
import SimKernel
import Trace

/// Z = X · Wᵀ + b under a layer's arithmetic: X holds one row per sample (or per receptive
/// field), W one row per neuron. The exact path is a float matrix product; every approximate
/// path applies its operand model to each product, bit-exactly as `Arithmetic` defines it.
struct ApproximateProduct {
  /// The word width of fixed-point operands (QCNPE's and FlexFlow's datapath).
  static let wordBits = 16

  /// Per-layer state that outlives one forward pass: persistent NTV flip masks and CANNA hit counts.
  struct LayerState: Sendable {
    var persistentMasks: PersistentFlipMasks?
    /// CANNA products this layer ran in approximate mode since the context was made or reset.
    var cannaHits = 0
    /// CANNA products this layer computed since the context was made or reset.
    var cannaProducts = 0
  }

  /// Computes the layer's pre-activations; draws NTV flips from `generator`.
  static func compute(
    inputs: Matrix, weights: Matrix, biases: [Float], arithmetic: LayerArithmetic, state: inout LayerState,
    generator: inout SplitMix64
  ) throws(NeuralEngineError) -> Matrix {
    var storedWeights = weights
    if let storage = arithmetic.weightStorage {
      storedWeights = try corrupt(weights, storage: storage, state: &state, generator: &generator)
    }
    switch arithmetic.multiplier {
    case .exact:
      guard let precision = arithmetic.precision else {
        return Kernels.multiplyTransposed(inputs, storedWeights, bias: biases)
      }
      return try fixedPointProduct(inputs, storedWeights, biases: biases, precision: precision)
    case .drum(let k):
      return try drumProduct(inputs, storedWeights, biases: biases, k: k, precision: arithmetic.precision)
    case .canna(let tuningBits):
      let multiplier: CANNAMultiplier
      do { multiplier = try CANNAMultiplier(tuningBits: tuningBits) } catch { throw .invalidArithmetic(error.description) }
      return cannaProduct(inputs, storedWeights, biases: biases, multiplier: multiplier, state: &state)
    case .mantissa(let bits):
      let multiplier: MantissaMultiplier
      do { multiplier = try MantissaMultiplier(bits: bits) } catch { throw .invalidArithmetic(error.description) }
      return elementwise(inputs, storedWeights, biases: biases) { multiplier.multiply($0, $1) }
    }
  }

  /// A dynamic fixed-point format of `wordBits` covering `matrix`.
  static func format(covering magnitude: Float) throws(NeuralEngineError) -> FixedPointFormat {
    do {
      return try FixedPointFormat.dynamic(wordBits: wordBits, covering: Double(magnitude))
    } catch {
      throw .invalidArithmetic("a tensor holds a non-finite value; training diverged (lower the learning rate)")
    }
  }

  /// Fixed point: each neuron's inputs and weights quantised to 16-bit words and truncated to
  /// its input and weight bits, then multiplied exactly (accumulated in binary32).
  static func fixedPointProduct(_ inputs: Matrix, _ weights: Matrix, biases: [Float], precision: LayerPrecision)
    throws(NeuralEngineError) -> Matrix
  {
    let inputFormat = try format(covering: inputs.maximumMagnitude)
    let weightFormat = try format(covering: weights.maximumMagnitude)
    var quantizedWeights = weights
    for neuron in 0..<weights.rows {
      let bits = min(wordBits, precision.weightBits(ofNeuron: neuron))
      for column in 0..<weights.columns {
        let index = neuron * weights.columns + column
        quantizedWeights.values[index] = Float(weightFormat.round(Double(weights.values[index]), toBits: bits))
      }
    }
    // Neurons sharing an input precision share one quantised copy of the inputs.
    var result = Matrix(rows: inputs.rows, columns: weights.rows)
    var groups: [Int: [Int]] = [:]
    for neuron in 0..<weights.rows { groups[min(wordBits, precision.inputBits(ofNeuron: neuron)), default: []].append(neuron) }
    for bits in groups.keys.sorted() {
      guard let neurons = groups[bits] else { continue }
      var quantizedInputs = inputs
      for index in inputs.values.indices {
        quantizedInputs.values[index] = Float(inputFormat.round(Double(inputs.values[index]), toBits: bits))
      }
      let subset = Matrix(
        rows: neurons.count, columns: weights.columns,
        values: neurons.flatMap { quantizedWeights.values[($0 * weights.columns)..<(($0 + 1) * weights.columns)] })
      let partial = Kernels.multiplyTransposed(quantizedInputs, subset, bias: neurons.map { biases[$0] })
      for row in 0..<inputs.rows {
        for (position, neuron) in neurons.enumerated() {
          result.values[row * result.columns + neuron] = partial.values[row * neurons.count + position]
        }
      }
    }
    return result
  }

  /// DRUM-k on fixed-point words: products of the 16-bit (or `precision`-truncated) words by
  /// DRUM, accumulated exactly in 64 bits, scaled back once per sum.
  static func drumProduct(_ inputs: Matrix, _ weights: Matrix, biases: [Float], k: Int, precision: LayerPrecision?)
    throws(NeuralEngineError) -> Matrix
  {
    let drum: DRUMMultiplier
    do { drum = try DRUMMultiplier(k: k) } catch { throw .invalidArithmetic(error.description) }
    let inputFormat = try format(covering: inputs.maximumMagnitude)
    let weightFormat = try format(covering: weights.maximumMagnitude)
    let inputWords = inputs.values.map { inputFormat.quantize(Double($0)) }
    var weightWords = weights.values.map { weightFormat.quantize(Double($0)) }
    var inputBitsPerNeuron = Array(repeating: wordBits, count: weights.rows)
    if let precision {
      for neuron in 0..<weights.rows {
        inputBitsPerNeuron[neuron] = min(wordBits, precision.inputBits(ofNeuron: neuron))
        let bits = min(wordBits, precision.weightBits(ofNeuron: neuron))
        for column in 0..<weights.columns {
          weightWords[neuron * weights.columns + column] = weightFormat.truncate(weightWords[neuron * weights.columns + column], toBits: bits)
        }
      }
    }
    let scale = Float(inputFormat.resolution * weightFormat.resolution)
    var result = Matrix(rows: inputs.rows, columns: weights.rows)
    let k = weights.columns
    for row in 0..<inputs.rows {
      for neuron in 0..<weights.rows {
        let bits = inputBitsPerNeuron[neuron]
        var sum: Int64 = 0
        for index in 0..<k {
          var input = inputWords[row * k + index]
          if bits < wordBits { input = inputFormat.truncate(input, toBits: bits) }
          sum &+= drum.multiply(input, weightWords[neuron * k + index])
        }
        result.values[row * result.columns + neuron] = Float(sum) * scale + biases[neuron]
      }
    }
    return result
  }

  /// Any per-product float multiplier, accumulated in binary32.
  static func elementwise(_ inputs: Matrix, _ weights: Matrix, biases: [Float], multiply: (Float, Float) -> Float) -> Matrix {
    var result = Matrix(rows: inputs.rows, columns: weights.rows)
    let k = weights.columns
    for row in 0..<inputs.rows {
      for neuron in 0..<weights.rows {
        var sum: Float = 0
        for index in 0..<k { sum += multiply(inputs.values[row * k + index], weights.values[neuron * k + index]) }
        result.values[row * result.columns + neuron] = sum + biases[neuron]
      }
    }
    return result
  }

  /// CANNA's multiplier per product, accumulated in binary32 in the same order as
  /// `elementwise`, counting hits and products into `state` (CANNA's hit rate on real operands).
  static func cannaProduct(
    _ inputs: Matrix, _ weights: Matrix, biases: [Float], multiplier: CANNAMultiplier, state: inout LayerState
  ) -> Matrix {
    precondition(inputs.columns == weights.columns && biases.count == weights.rows, "fan-in or bias count differs")
    var result = Matrix(rows: inputs.rows, columns: weights.rows)
    let k = weights.columns
    let rows = inputs.rows
    let neurons = weights.rows
    var hits = 0
    inputs.values.withUnsafeBufferPointer { x in
      weights.values.withUnsafeBufferPointer { w in
        result.values.withUnsafeMutableBufferPointer { z in
          for row in 0..<rows {
            for neuron in 0..<neurons {
              var sum: Float = 0
              for index in 0..<k {
                let (product, hit) = multiplier.multiply(x[row * k + index], w[neuron * k + index])
                sum += product
                if hit { hits += 1 }
              }
              z[row * neurons + neuron] = sum + biases[neuron]
            }
          }
        }
      }
    }
    state.cannaHits += hits
    state.cannaProducts += inputs.rows * weights.rows * k
    return result
  }

  /// The weights as read from near-threshold SRAM: 16-bit fixed-point words (a format covering
  /// the layer's weights, AxTrain's dynamic fixed point) with bits flipped.
  static func corrupt(_ weights: Matrix, storage: WeightStorage, state: inout LayerState, generator: inout SplitMix64)
    throws(NeuralEngineError) -> Matrix
  {
    let sram: NearThresholdSRAM
    do { sram = try NearThresholdSRAM(volts: storage.volts) } catch { throw .invalidArithmetic(error.description) }
    let format = try format(covering: weights.maximumMagnitude)
    if storage.mode == .persistent, state.persistentMasks == nil {
      state.persistentMasks = PersistentFlipMasks(words: weights.values.count, bits: wordBits, sram: sram, using: &generator)
    }
    var result = weights
    let signBit = UInt32(1) << UInt32(wordBits - 1)
    for index in weights.values.indices {
      let word = UInt32(truncatingIfNeeded: format.quantize(Double(weights.values[index]))) & 0xFFFF
      let read =
        storage.mode == .persistent
        ? (state.persistentMasks?.read(word, at: index) ?? word) : sram.corrupt(word, bits: wordBits, using: &generator)
      // Sign-extend the 16-bit word read back.
      let signed = Int64(read & signBit != 0 ? Int32(bitPattern: read | 0xFFFF_0000) : Int32(bitPattern: read))
      result.values[index] = Float(format.dequantize(signed))
    }
    return result
  }
}
