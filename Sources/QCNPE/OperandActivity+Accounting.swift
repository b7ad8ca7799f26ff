import SimKernel

extension OperandActivity {
  /// Records the toggles `fast` fidelity expects over a GEMM layer, in closed form: every
  /// (GEMM row, neuron) pair is one NCU of one fold, which sees K − 1 transitions of its input
  /// row (at the neuron's input bits, and the full word in its register) and of its neuron's
  /// weights; each bit toggles with the processes' expected fraction. The `cycle` fidelity
  /// counts the same transitions of the words it draws (`NCUOperandLayout`).
  func recordExpectedToggles(_ plan: GEMMPlan, wordBits: Int, ledger: inout ActivityLedger) {
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
    var toggles = FoldToggles()
    toggles.multiplierCompared = Int(transitions * multiplierBits)
    toggles.multiplierToggled = Int((transitions * multiplierToggled).rounded())
    toggles.registerCompared = Int(2 * registerBits)
    toggles.registerToggled = Int((registerBits * (inputFraction + weightFraction)).rounded())
    ledger.addToggles(toggles)
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
