import SimKernel

extension OperandActivity {
  /// Records the toggles `fast` fidelity expects over a GEMM layer, in closed form; each bit
  /// toggles with its process's expected fraction, and the `cycle` fidelity counts the same
  /// transitions of the words it draws (`NCUOperandLayout`, `StationaryArrayStepper`).
  ///
  /// os: every (GEMM row, neuron) pair is one NCU of one fold, which sees K − 1 transitions of
  /// its input row (at the neuron's input bits, and the full word in its register) and of its
  /// neuron's weights. ws and is: every stationary word is one NCU of one fold, which sees the
  /// streamed operand's T − 1 transitions (M inputs in ws, the group's N weights in is) while
  /// its stationary operand holds still; only the streamed register switches.
  func recordExpectedToggles(_ plan: GEMMPlan, wordBits: Int, ledger: inout ActivityLedger) {
    switch plan.dataflow {
    case .outputStationary: ledger.addToggles(outputStationaryToggles(plan, wordBits: wordBits))
    case .weightStationary: ledger.addToggles(weightStationaryToggles(plan, wordBits: wordBits))
    case .inputStationary: ledger.addToggles(inputStationaryToggles(plan, wordBits: wordBits))
    }
  }

  private func outputStationaryToggles(_ plan: GEMMPlan, wordBits: Int) -> FoldToggles {
    let inputFraction = input.expectedToggleFraction
    let weightFraction = weight.expectedToggleFraction
    let transitions = Double(plan.shape.m * max(0, plan.shape.k - 1))
    var multiplierBits = 0.0
    var multiplierToggled = 0.0
    for neuron in 0..<plan.neurons {
      let inputBits = Double(plan.inputBits[neuron])
      let weightBits = Double(plan.weightBits[neuron])
      multiplierBits += inputBits + weightBits
      multiplierToggled += inputFraction * inputBits + weightFraction * weightBits
    }
    let registerBits = transitions * Double(plan.neurons * wordBits)
    return FoldToggles(
      expectedMultiplierToggled: transitions * multiplierToggled, compared: transitions * multiplierBits,
      registerToggled: registerBits * (inputFraction + weightFraction), compared: 2 * registerBits)
  }

  /// ws: each of the K·N weights (all groups) holds still in one NCU while the M inputs of
  /// its reduction index stream past at the neuron's input precision.
  private func weightStationaryToggles(_ plan: GEMMPlan, wordBits: Int) -> FoldToggles {
    let inputFraction = input.expectedToggleFraction
    let transitions = Double(plan.shape.k * max(0, plan.shape.m - 1))
    var multiplierBits = 0.0
    var multiplierToggled = 0.0
    for neuron in 0..<plan.neurons {
      multiplierBits += Double(plan.inputBits[neuron] + plan.weightBits[neuron])
      multiplierToggled += inputFraction * Double(plan.inputBits[neuron])
    }
    let registerBits = transitions * Double(plan.neurons * wordBits)
    return FoldToggles(
      expectedMultiplierToggled: transitions * multiplierToggled, compared: transitions * multiplierBits,
      registerToggled: registerBits * inputFraction, compared: registerBits)
  }

  /// is: each of a group's K·M inputs holds still in one NCU while the group's N weights of
  /// its reduction index stream past, each at its neuron's weight precision. Where two
  /// consecutive neurons' precisions differ, the bits between the two truncations switch as
  /// often as they are set: a non-zero weight's low bits half the time, and half of the
  /// stationary input's (its words are uniform).
  private func inputStationaryToggles(_ plan: GEMMPlan, wordBits: Int) -> FoldToggles {
    let weightFraction = weight.expectedToggleFraction
    let n = plan.shape.n
    let stationaryWords = Double(plan.shape.k * plan.shape.m)
    var multiplierBits = 0.0
    var multiplierToggled = 0.0
    for group in 0..<plan.groups where n > 1 {
      for word in 1..<n {
        let neuron = group * n + word
        multiplierBits += Double(plan.inputBits[neuron] + plan.weightBits[neuron])
        let (bits, previousBits) = (Int(plan.weightBits[neuron]), Int(plan.weightBits[neuron - 1]))
        multiplierToggled += weightFraction * Double(min(bits, previousBits))
        multiplierToggled += (1 - weight.zeroFraction) / 2 * Double(abs(bits - previousBits))
        multiplierToggled += 0.5 * Double(abs(Int(plan.inputBits[neuron]) - Int(plan.inputBits[neuron - 1])))
      }
    }
    let registerBits = stationaryWords * Double(plan.groups * max(0, n - 1) * wordBits)
    return FoldToggles(
      expectedMultiplierToggled: stationaryWords * multiplierToggled, compared: stationaryWords * multiplierBits,
      registerToggled: registerBits * weightFraction, compared: registerBits)
  }
}

extension FoldToggles {
  /// Tallies from expected bit counts: the compared bits are whole numbers by construction
  /// (transitions × widths), the expected toggled bits are rounded to the nearest bit.
  init(
    expectedMultiplierToggled: Double, compared multiplierCompared: Double, registerToggled: Double,
    compared registerCompared: Double
  ) {
    self.init(
      multiplierToggled: Int(expectedMultiplierToggled.rounded()), multiplierCompared: Int(multiplierCompared),
      registerToggled: Int(registerToggled.rounded()), registerCompared: Int(registerCompared))
  }
}

extension ActivityLedger {
  /// Adds switching-activity tallies to the ledger.
  mutating func addToggles(_ toggles: FoldToggles) {
    add(toggles.multiplierToggled, .multiplierToggledBits)
    add(toggles.multiplierCompared, .multiplierComparedBits)
    add(toggles.registerToggled, .operandRegisterToggledBits)
    add(toggles.registerCompared, .operandRegisterComparedBits)
  }
}
