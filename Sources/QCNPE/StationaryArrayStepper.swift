import SimKernel

/// The `cycle` fidelity's NCU array for the weight- and input-stationary dataflows: each NCU
/// holds one stationary word for the fold, the other operand streams along the rows, and
/// partial sums flow down the columns.
///
/// ```
///          top FIFOs: preload, bottom row first (steps R − u … R − 1)
///             ↓         ↓
///  left  →  NCU(0,0) → NCU(0,1) → …        NCU(r, c) holds S[r][c]
///  FIFOs      ↓ psum    ↓ psum             word t of row r passes it at step R + t + r + c
///  (stream) NCU(1,0) → NCU(1,1) → …        and adds S[r][c]·X[r][t] to the partial sum of
///             ↓         ↓                  output t arriving from NCU(r − 1, c)
///          partial sums leave the bottom row: output t of column c after step 2R + t + c − 1
/// ```
/// ws: S = the fold's weights (k, n), X = inputs (streamed over all M rows); is: S = the
/// fold's inputs (k, m), X = weights (streamed over all N neurons). Products use the neuron's
/// precision: the column's in ws; in is the precision tag travels with each weight word.
/// Partial sums of a fold's R reductions are added to the sums of the earlier row folds, the
/// way the ofmap SRAM accumulates them.
///
/// Each output's partial sum is one accumulator here; at step τ NCU(r, c) has added exactly
/// the rows up to r into output τ − R − r − c, so sampling that accumulator after step τ gives
/// NCU(r, c)'s partial-sum register. A whole-fold run adds rows in a tight loop over outputs;
/// a partial run (waveforms) adds the products of its steps one by one.
struct StationaryArrayStepper: NCUStepper {
  static var stepsNCUs: Bool { true }
  let plan: GEMMPlan
  let config: QCNPEConfig
  let layerIndex: Int
  var ledger: ActivityLedger
  /// When set, every output's sum, row-major M × (groups·N) (tests only: O(M·N)).
  var outputs: [Int64]?
  private let operands: SynthesizedOperands
  private let streamLength: Int
  /// The fold's stationary words, array row r's at r·cols, truncated where the truncation does
  /// not depend on the streamed word.
  private var stationary: [Int32]
  /// The streamed words, array row r's T words at r·T.
  private var streamed: [Int32]
  /// Per streamed word t (is: neuron t's input mask) or per column c (ws), the input mask.
  private var inputMasks: [Int32]
  /// Partial sums, column c's T outputs at c·T.
  private var partialSums: [Int64]
  /// Products per neuron of the fold (ws: per column; is: per streamed neuron).
  private var neuronMACs: [Int]
  /// The layer's operand activity: when set, the streamed words follow its process and each
  /// fold's toggles are counted into `foldToggles` (docs/qcnpe.md, "Operand activity").
  private let activity: OperandActivity?
  /// The toggles the NCUs of the current fold see (zero without `activity`).
  private var foldToggles = FoldToggles()
  /// One array row's streamed words as drawn (the registers') and, in is, as the multipliers
  /// see them (each weight at its neuron's precision).
  private var rawStream: [Int16]
  private var maskedStream: [Int16]
  /// Whether a shape-only layer's synthesised streams are kept for its later column folds:
  /// when there are any and the streams of a group (K × T words) fit the operand cache.
  private let cachesStreams: Bool
  /// Per reduction index k of the cached group, its T streamed words (16-bit: words are at
  /// most 16 bits), and whether they are there yet.
  private var streamCache: [Int16]
  private var cachedReductions: [Bool]
  private var cachedGroup = -1
  private var stepsTaken = 0
  private var leftPops = 0
  private var topPops = 0
  private var latches = 0
  private var macs = 0
  private var activeNCUCycles = 0
  private var gatedNCUCycles = 0

  init(plan: GEMMPlan, config: QCNPEConfig, layerIndex: Int, ledger: ActivityLedger, collectOutputs: Bool) {
    self.plan = plan
    self.config = config
    self.layerIndex = layerIndex
    self.ledger = ledger
    outputs = collectOutputs ? Array(repeating: 0, count: plan.shape.m * plan.neurons) : nil
    operands = SynthesizedOperands(seed: config.operandSeed, wordBits: config.wordBits)
    streamLength = plan.streamLength
    stationary = Array(repeating: 0, count: config.rows * config.cols)
    streamed = Array(repeating: 0, count: config.rows * streamLength)
    let isInputStationary = plan.dataflow == .inputStationary
    inputMasks = Array(repeating: -1, count: isInputStationary ? streamLength : config.cols)
    partialSums = Array(repeating: 0, count: config.cols * streamLength)
    neuronMACs = Array(repeating: 0, count: isInputStationary ? streamLength : config.cols)
    activity = plan.activity
    rawStream = Array(repeating: 0, count: activity == nil ? 0 : streamLength)
    maskedStream = Array(repeating: 0, count: activity == nil || !isInputStationary ? 0 : streamLength)
    let (cachedWords, overflow) = plan.shape.k.multipliedReportingOverflow(by: streamLength)
    cachesStreams =
      activity == nil && plan.columnFolds > 1 && !overflow && cachedWords <= NCUOperandLayout.inputCacheWords
    streamCache = Array(repeating: 0, count: cachesStreams ? cachedWords : 0)
    cachedReductions = Array(repeating: false, count: cachesStreams ? plan.shape.k : 0)
  }

  private func mask(bits: UInt8) -> Int32 { NCUOperandLayout.truncationMask(bits: Int(bits), wordBits: config.wordBits) }

  mutating func beginFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    let cols = config.cols
    let t = streamLength
    let group = fold.firstInputColumn / max(1, plan.shape.k)
    if plan.dataflow == .weightStationary {
      for c in 0..<fold.colsUsed { inputMasks[c] = mask(bits: plan.inputBits[fold.firstNeuron + c]) }
    } else {
      for word in 0..<t { inputMasks[word] = mask(bits: plan.inputBits[group * plan.shape.n + word]) }
    }
    foldToggles = FoldToggles()
    for r in 0..<fold.rowsUsed {
      let k = fold.firstReduction + r
      for c in 0..<fold.colsUsed {
        if plan.dataflow == .weightStationary {
          let neuron = fold.firstNeuron + c
          stationary[r * cols + c] =
            operands.weight(layer: layerIndex, k: k, neuron: neuron) & mask(bits: plan.weightBits[neuron])
        } else {
          stationary[r * cols + c] = operands.input(layer: layerIndex, row: fold.firstRow + c, k: fold.firstInputColumn + k)
        }
      }
      if let activity {
        drawStream(row: r, reduction: fold.firstInputColumn + k, group: group, activity: activity)
        countToggles(row: r, fold, group: group)
        continue
      }
      synthesizeStream(row: r, reduction: k, fold, group: group)
    }
    for index in 0..<(fold.colsUsed * t) { partialSums[index] = 0 }
    for index in neuronMACs.indices { neuronMACs[index] = 0 }
    stepsTaken = 0
    ledger.add(plan.dataflow == .weightStationary ? fold.rowsUsed * fold.colsUsed : 0, .precisionWrite)
  }

  /// Synthesises array row `r`'s streamed words (reduction index `k` of group `group`): ws,
  /// input k of every GEMM row; is, weight k of every neuron of the group, truncated to its
  /// precision. Every column fold of a row fold streams the same words, so they are kept
  /// per reduction index after the first (`streamCache`).
  private mutating func synthesizeStream(row r: Int, reduction k: Int, _ fold: GEMMPlan.Fold, group: Int) {
    let t = streamLength
    if cachesStreams {
      if cachedGroup != group {
        for index in cachedReductions.indices { cachedReductions[index] = false }
        cachedGroup = group
      }
      if cachedReductions[k] {
        for word in 0..<t { streamed[r * t + word] = Int32(streamCache[k * t + word]) }
        return
      }
    }
    if plan.dataflow == .weightStationary {
      for word in 0..<t { streamed[r * t + word] = operands.input(layer: layerIndex, row: word, k: fold.firstInputColumn + k) }
    } else {
      for word in 0..<t {
        let neuron = group * plan.shape.n + word
        streamed[r * t + word] = operands.weight(layer: layerIndex, k: k, neuron: neuron) & mask(bits: plan.weightBits[neuron])
      }
    }
    guard cachesStreams else { return }
    for word in 0..<t { streamCache[k * t + word] = Int16(truncatingIfNeeded: streamed[r * t + word]) }
    cachedReductions[k] = true
  }

  /// Draws array row `r`'s streamed words from the layer's process: ws, input column
  /// `reduction` along the GEMM rows; is, weight row `reduction` along the group's neurons,
  /// each truncated to its neuron's precision.
  private mutating func drawStream(row r: Int, reduction: Int, group: Int, activity: OperandActivity) {
    let t = streamLength
    let isWeightStationary = plan.dataflow == .weightStationary
    var stream = OperandStream(
      isWeightStationary ? activity.input : activity.weight, wordBits: config.wordBits,
      seed: operands.streamSeed(layer: layerIndex, matrix: isWeightStationary ? 3 : 4, index: reduction, column: 0))
    for word in 0..<t {
      let drawn = stream.next()
      rawStream[word] = drawn
      guard !isWeightStationary else {
        streamed[r * t + word] = Int32(drawn)
        continue
      }
      let value = Int32(drawn) & mask(bits: plan.weightBits[group * plan.shape.n + word])
      streamed[r * t + word] = value
      maskedStream[word] = Int16(truncatingIfNeeded: value)
    }
  }

  /// Adds the toggles array row `r`'s NCUs see over the fold. The stationary word does not
  /// change within a fold, so only the streamed register switches (the stationary one latched
  /// once, at preload); a multiplier sees the streamed word at its precision and, in is, the
  /// stationary input where consecutive neurons' input precisions differ.
  private mutating func countToggles(row r: Int, _ fold: GEMMPlan.Fold, group: Int) {
    let t = streamLength
    guard t > 1 else { return }
    let full = OperandToggleCounter.wordMask(wordBits: config.wordBits)
    var toggles = foldToggles
    toggles.registerToggled += fold.colsUsed * Self.toggles(rawStream, mask: full)
    toggles.registerCompared += fold.colsUsed * (t - 1) * config.wordBits
    if plan.dataflow == .weightStationary {
      let masks = inputMasks
      toggles.multiplierToggled += rawStream.withUnsafeBufferPointer { raw in
        guard let words = raw.baseAddress else { return 0 }
        return OperandToggleCounter.toggles(words, count: t, wordMask: full, columns: fold.colsUsed, columnMask: { masks[$0] })
      }
      for column in 0..<fold.colsUsed {
        let neuron = fold.firstNeuron + column
        toggles.multiplierCompared += (t - 1) * Int(plan.inputBits[neuron] + plan.weightBits[neuron])
      }
    } else {
      toggles.multiplierToggled += fold.colsUsed * Self.toggles(maskedStream, mask: full)
      for word in 1..<t {
        let neuron = group * plan.shape.n + word
        toggles.multiplierCompared += fold.colsUsed * Int(plan.inputBits[neuron] + plan.weightBits[neuron])
        let changed = UInt16(truncatingIfNeeded: inputMasks[word] ^ inputMasks[word - 1]) & full
        guard changed != 0 else { continue }
        for c in 0..<fold.colsUsed {
          toggles.multiplierToggled += (UInt16(truncatingIfNeeded: stationary[r * config.cols + c]) & changed).nonzeroBitCount
        }
      }
    }
    foldToggles = toggles
  }

  /// The bits in `mask` that flip between consecutive words of `words`.
  private static func toggles(_ words: [Int16], mask: UInt16) -> Int {
    words.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      return OperandToggleCounter.toggles(base, count: buffer.count, mask: mask)
    }
  }

  /// The product NCU(r, c) adds for streamed word `word`.
  @inline(__always)
  private func product(_ r: Int, _ c: Int, _ word: Int) -> Int64 {
    let s = stationary[r * config.cols + c]
    let x = streamed[r * streamLength + word]
    if plan.dataflow == .weightStationary { return Int64(x & inputMasks[c]) * Int64(s) }
    return Int64(s & inputMasks[word]) * Int64(x)
  }

  mutating func step(_ steps: Range<Int>, _ fold: GEMMPlan.Fold) {
    guard !steps.isEmpty else { return }
    assert(steps.lowerBound == stepsTaken, "steps must arrive in order")
    stepsTaken = steps.upperBound
    countActivity(steps, fold)
    let rows = config.rows
    let t = streamLength
    if steps == 0..<plan.foldCycles {
      addWholeFold(fold)
      return
    }
    for r in 0..<fold.rowsUsed {
      for c in 0..<fold.colsUsed {
        // NCU(r, c) sees word τ − R − r − c at step τ.
        let first = max(0, steps.lowerBound - rows - r - c)
        let end = min(t, steps.upperBound - rows - r - c)
        guard first < end else { continue }
        for word in first..<end { partialSums[c * t + word] &+= product(r, c, word) }
      }
    }
  }

  /// The whole fold: every NCU adds its product into every output it sees
  /// (`StationaryFoldKernel`).
  private mutating func addWholeFold(_ fold: GEMMPlan.Fold) {
    let kernel = StationaryFoldKernel(
      rowsUsed: fold.rowsUsed, colsUsed: fold.colsUsed, cols: config.cols, streamLength: streamLength,
      isWeightStationary: plan.dataflow == .weightStationary)
    stationary.withUnsafeBufferPointer { held in
      streamed.withUnsafeBufferPointer { passing in
        inputMasks.withUnsafeBufferPointer { masks in
          partialSums.withUnsafeMutableBufferPointer { sums in
            kernel.run(stationary: held, streamed: passing, inputMasks: masks, partialSums: sums)
          }
        }
      }
    }
  }

  /// Counts the activity of `steps`: FIFO pops (row r's left FIFO streams at steps R + r …
  /// R + r + T − 1, the top FIFOs preload at steps R − u … R − 1), operand latches (each
  /// streamed word per NCU, each preloaded word per row it passes), products per neuron,
  /// clocked and gated NCU-cycles.
  private mutating func countActivity(_ steps: Range<Int>, _ fold: GEMMPlan.Fold) {
    let rows = config.rows
    let t = streamLength
    let used = fold.rowsUsed * fold.colsUsed
    activeNCUCycles += used * steps.count
    gatedNCUCycles += (config.ncuCount - used) * steps.count
    for r in 0..<fold.rowsUsed { leftPops += NCUArrayStepper.overlap(steps, rows + r, rows + r + t) }
    let preload = (rows - fold.rowsUsed)..<rows
    topPops += fold.colsUsed * NCUArrayStepper.overlap(steps, preload.lowerBound, preload.upperBound)
    // Preload step τ moves every word released so far one row down.
    let firstPreload = max(steps.lowerBound, preload.lowerBound)
    let endPreload = min(steps.upperBound, preload.upperBound)
    if firstPreload < endPreload {
      for step in firstPreload..<endPreload { latches += fold.colsUsed * (step - preload.lowerBound + 1) }
    }
    if steps == 0..<plan.foldCycles {
      // The whole fold: every used NCU multiplies every streamed word once.
      macs += used * t
      if plan.dataflow == .weightStationary {
        for c in 0..<fold.colsUsed { neuronMACs[c] += fold.rowsUsed * t }
      } else {
        for word in 0..<t { neuronMACs[word] += used }
      }
      return
    }
    for r in 0..<fold.rowsUsed {
      for c in 0..<fold.colsUsed {
        let start = rows + r + c
        let count = NCUArrayStepper.overlap(steps, start, start + t)
        guard count > 0 else { continue }
        macs += count
        if plan.dataflow == .weightStationary {
          neuronMACs[c] += count
        } else {
          let first = max(steps.lowerBound, start) - start
          for word in first..<(first + count) { neuronMACs[word] += 1 }
        }
      }
    }
  }

  func sample(into observer: inout QCNPEObserver, cycle: Int, step: Int, fold: GEMMPlan.Fold) {
    guard let signals = observer.layout else { return }
    let rows = config.rows
    let t = streamLength
    let group = fold.firstInputColumn / max(1, plan.shape.k)
    for r in 0..<rows {
      for c in 0..<config.cols {
        let ncu = r * config.cols + c
        let used = r < fold.rowsUsed && c < fold.colsUsed
        let word = step - rows - r - c
        let valid = used && word >= 0 && word < t
        var input: Int64 = 0
        var weight: Int64 = 0
        var sum: Int64 = 0
        var precision: Int64 = 0
        if valid {
          let s = Int64(stationary[r * config.cols + c])
          let x = Int64(streamed[r * t + word])
          if plan.dataflow == .weightStationary {
            input = x & Int64(inputMasks[c])
            weight = s
          } else {
            input = s & Int64(inputMasks[word])
            weight = x
          }
          sum = partialSums[c * t + word]
        }
        if used {
          let neuron = plan.dataflow == .weightStationary ? fold.firstNeuron + c : group * plan.shape.n + max(0, min(t - 1, word))
          precision = Int64(plan.inputBits[neuron])
        }
        observer.sample(signals.ncuSignal(ncu, .valid), valid ? 1 : 0, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .input), input, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .weight), weight, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .accumulator), sum, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .precision), precision, at: cycle)
        observer.sample(signals.ncuSignal(ncu, .clockEnable), used ? 1 : 0, at: cycle)
      }
    }
  }

  mutating func endFold(_ index: Int, _ fold: GEMMPlan.Fold) {
    assert(stepsTaken == plan.foldCycles, "a fold ended before its last step")
    let word = config.wordBits
    let t = streamLength
    let group = fold.firstInputColumn / max(1, plan.shape.k)
    for (lane, count) in neuronMACs.enumerated() where count > 0 {
      let neuron = plan.dataflow == .weightStationary ? fold.firstNeuron + lane : group * plan.shape.n + lane
      let inputBits = Int(plan.inputBits[neuron])
      let weightBits = Int(plan.weightBits[neuron])
      ledger.add(count, .multiply, bitsA: inputBits, bitsB: weightBits)
      ledger.add(
        count, .accumulate,
        bitsA: FastAccounting.activeAccumulatorBits(inputBits: inputBits, weightBits: weightBits, config: config))
    }
    ledger.add(macs + latches, .operandLatch, bitsA: word)
    if plan.dataflow == .inputStationary { ledger.add(macs, .precisionWrite) }
    let sums = t * fold.colsUsed
    ledger.add(sums, .sumDrain)
    ledger.add(sums, config.memoryHierarchy == nil ? .memoryWrite : .sramOfmapWrite, bitsA: word)
    // The activation applies once a sum has all its K-slices: after the last row fold.
    if fold.rowFold == plan.rowFolds - 1 { ledger.add(sums, FastAccounting.afuCounter(for: plan.activation)) }
    ledger.add(leftPops, .leftFIFOPop, bitsA: word)
    ledger.add(topPops, .topFIFOPop, bitsA: word)
    ledger.add(activeNCUCycles, .ncuActiveCycle)
    ledger.add(gatedNCUCycles, .ncuGatedCycle)
    if activity != nil { ledger.addToggles(foldToggles) }
    leftPops = 0
    topPops = 0
    latches = 0
    macs = 0
    activeNCUCycles = 0
    gatedNCUCycles = 0
    if var collected = outputs {
      outputs = nil
      for c in 0..<fold.colsUsed {
        for output in 0..<t {
          let (row, neuron) =
            plan.dataflow == .weightStationary
            ? (output, fold.firstNeuron + c) : (fold.firstRow + c, group * plan.shape.n + output)
          collected[row * plan.neurons + neuron] &+= partialSums[c * t + output]
        }
      }
      outputs = collected
    }
  }
}
