import Energy

extension FlexFlowConfig {
  /// The technology of FlexFlow's implementation: 65 nm (Table 7) at the node's nominal 1.1 V,
  /// the nominal AxTrain scales its near-threshold storage from.
  public static let defaultOperatingPoint = OperatingPoint(nodeNM: 65, supplyVolts: 1.1)

  /// Flip-flops of a PE's controller: a read address for each local store.
  var controllerFlipFlops: Int {
    var bits = 1
    while (1 << bits) < max(neuronLocalStoreWords, kernelLocalStoreWords) { bits += 1 }
    return 2 * bits
  }

  /// The FlexFlow energy table built from `primitives` and this configuration's structure
  /// (word and accumulator widths, local-store and buffer sizes, D banks), at `point`.
  ///
  /// Nothing is fitted to FlexFlow's Table 6: every workload of that table is a held-out
  /// check of `axsim energy validate`. Local stores and buffer banks are CACTI SRAMs (below
  /// CACTI's smallest run, its size law); the PE clock draws `clock_share` of the PE's power.
  /// Not priced: the distribution layer and the buses' wires (docs/energy-tables.md).
  public func derivedEnergyTable(primitives library: PrimitiveLibrary, at point: OperatingPoint = defaultOperatingPoint)
    throws(EnergyDerivationError) -> EnergyTable
  {
    let word = Double(wordBits)
    let accumulator = Double(accumulatorBits)
    let horowitz = "[horowitz2014] via configs/energy/primitives/horowitz-45nm.json"
    let aladdin = "[accelergy-aladdin] via configs/energy/primitives/aladdin-40nm.json"
    let cacti = "[cacti7] via configs/energy/primitives/cacti7-45nm.json"
    let clock = "[duarte2002] clock_share via configs/energy/primitives/clock.json"

    let multiply = try library.energy("int_multiplier", at: word, target: point).labelled("multiplier")
    let add = try library.energy("int_adder", at: accumulator, target: point).labelled("adder")
    let productRegister = try library.energy("register_bit", at: accumulator, target: point).labelled("register")
    func localStore(_ action: String, bytes: Int) throws(EnergyDerivationError) -> DerivedEnergy {
      try library.energy(action, at: Double(bytes) / 1024, widthBits: word, target: point).labelled("SRAM")
    }
    let neuronRead = try localStore("sram_read", bytes: neuronLocalStoreBytes)
    let neuronWrite = try localStore("sram_write", bytes: neuronLocalStoreBytes)
    let kernelRead = try localStore("sram_read", bytes: kernelLocalStoreBytes)
    let kernelWrite = try localStore("sram_write", bytes: kernelLocalStoreBytes)
    // Per MAC a PE multiplies, adds, latches, reads a neuron and a synapse and stores one neuron.
    let switching = multiply + add + productRegister + neuronRead + neuronWrite + kernelRead
    let flipFlops = accumulatorBits + controllerFlipFlops
    let clockPerFlop = try library.clockPerFlipFlop(switching: switching, flipFlops: flipFlops)
    let gated = try library.parameter("gated_fraction")

    var table = EnergyTableBuilder()
    table.add(
      "pe.multiplier", "multiply", multiply, law: .multiplier(referenceBitsA: wordBits, referenceBitsB: wordBits),
      validBits: 1...wordBits,
      source: "\(horowitz): integer multiplier at \(wordBits) x \(wordBits); a DRUM-k product is priced at k x k (its exact core)"
    )
    let steering =
      (try library.energy("shifter", at: 2 * word, target: point)).labelled("shifter")
      + 2 * (try library.energy("comparator", at: word, target: point)).labelled("leading-one detector")
    table.add(
      "pe.drum_steering", "approximate", steering,
      source:
        "\(aladdin): DRUM's output barrel shifter (\(2 * wordBits) bits) and two \(wordBits)-bit leading-one detectors with their encoders, each priced as a comparator of that width [drum2015]"
    )
    table.add(
      "pe.adder", "add", add, law: .adder(referenceBits: accumulatorBits), validBits: 1...64,
      source: "\(horowitz): \(accumulatorBits)-bit adder of the row chain")
    table.add(
      "pe.register", "write", productRegister, law: .register(referenceBits: accumulatorBits), validBits: 1...64,
      source: "\(aladdin): \(accumulatorBits)-bit product register")
    for (component, read, write, bytes, words) in [
      ("pe.neuron_local_store", neuronRead, neuronWrite, neuronLocalStoreBytes, neuronLocalStoreWords),
      ("pe.kernel_local_store", kernelRead, kernelWrite, kernelLocalStoreBytes, kernelLocalStoreWords),
    ] {
      let law = ScalingLaw.memory(referenceBits: wordBits, referenceDepth: words, depthExponent: 0.78)
      let note = component == "pe.kernel_local_store" ? "; scales with (V/1.1)^2 at near-threshold supplies" : ""
      table.add(
        component, "read", read, law: law, validBits: 1...wordBits,
        source: "\(cacti): a \(wordBits)-bit read of a \(bytes)-byte SRAM (size law below CACTI's 2 KB run)\(note)")
      table.add(
        component, "write", write, law: law, validBits: 1...wordBits,
        source: "\(cacti): a \(wordBits)-bit write of a \(bytes)-byte SRAM\(note)")
    }
    table.add(
      "row.accumulator", "accumulate", add + productRegister, law: .adder(referenceBits: accumulatorBits), validBits: 1...64,
      source: "\(horowitz) \(accumulatorBits)-bit add + \(aladdin) \(accumulatorBits)-bit register at the end of a row's chain")
    table.add(
      "clock.pe", "active_cycle", Double(flipFlops) * clockPerFlop.labelled("clock"),
      source:
        "\(clock): the PE's product register and local-store address registers (\(flipFlops) flip-flops) at clock_share of the PE's switching per MAC"
    )
    table.add(
      "clock.pe", "gated_cycle", Double(flipFlops) * clockPerFlop.labelled("clock"), law: .clockGated,
      source: "as clock.pe active_cycle, times the table's gated fraction")
    let bankBytes = Double(neuronBufferBytes) / Double(side)
    let kernelBankBytes = Double(kernelBufferBytes) / Double(side)
    let bankLaw = ScalingLaw.memory(referenceBits: wordBits, referenceDepth: neuronBufferBankWords, depthExponent: 0.78)
    table.add(
      "neuron_buffer_in", "read",
      try library.energy("sram_read", at: bankBytes / 1024, widthBits: word, target: point).labelled("SRAM"), law: bankLaw,
      validBits: 1...wordBits,
      source: "\(cacti): a \(wordBits)-bit read of one of Neuron Buffer 1's \(side) banks (\(Int(bankBytes)) bytes)")
    let outputLaw = bankLaw
    table.add(
      "neuron_buffer_out", "write",
      try library.energy("sram_write", at: bankBytes / 1024, widthBits: word, target: point).labelled("SRAM"), law: outputLaw,
      validBits: 1...wordBits,
      source: "\(cacti): a \(wordBits)-bit write of a Neuron Buffer 2 bank (as large as Neuron Buffer 1's)")
    table.add(
      "neuron_buffer_out", "read",
      try library.energy("sram_read", at: bankBytes / 1024, widthBits: word, target: point).labelled("SRAM"), law: outputLaw,
      validBits: 1...wordBits, source: "\(cacti): a \(wordBits)-bit partial-sum read of a Neuron Buffer 2 bank")
    let rowBusBits = Double(kernelBusWordsPerCycle * wordBits)
    let wordsPerKernelRead = Double(kernelBusWordsPerCycle)
    table.add(
      "kernel_buffer", "read",
      (1 / wordsPerKernelRead)
        * (try library.energy("sram_read", at: kernelBankBytes / 1024, widthBits: rowBusBits, target: point)).labelled("SRAM"),
      law: .memory(referenceBits: wordBits, referenceDepth: kernelBufferBankWords, depthExponent: 0.78), validBits: 1...wordBits,
      source:
        "\(cacti): a \(Int(rowBusBits))-bit read (one row-bus transfer) of a \(Int(kernelBankBytes))-byte kernel-buffer bank shared by its \(kernelBusWordsPerCycle) words; scales with (V/1.1)^2 at near-threshold supplies"
    )
    let comparator = try library.energy("comparator", at: word, target: point)
    let outputRegister = try library.energy("register_bit", at: word, target: point) + word * clockPerFlop
    table.add(
      "pooling_alu", "activate",
      multiply + (try library.energy("int_adder", at: word, target: point)) + 2 * comparator + outputRegister,
      source: "\(horowitz) multiply and add + \(aladdin) two segment comparisons and an output register + its clock")
    table.add("pooling_alu", "compare", comparator, source: "\(aladdin): one \(wordBits)-bit comparison")
    table.add(
      "pooling_alu", "add", try library.energy("int_adder", at: word, target: point), source: "\(horowitz): \(wordBits)-bit add")
    table.add("pooling_alu", "scale", multiply, source: "\(horowitz): a multiply by 1/window")
    table.add(
      "decoder", "configure", try library.energy("register_bit", at: 512, target: point).labelled("register"),
      source: "\(aladdin): one layer configuration (unrolling factors, shapes, base addresses: about 512 register bits)")

    let leak = "[accelergy-aladdin] leakage via configs/energy/primitives/aladdin-40nm.json"
    table.addLeakage(
      "pe",
      (try library.leakage("multiplier_leakage", at: word, target: point))
        + (try library.leakage("adder_leakage", at: accumulator, target: point))
        + (try library.leakage("register_leakage", at: Double(flipFlops), target: point)),
      source: "\(leak): the PE's multiplier, adder and \(flipFlops) flip-flops")
    table.addLeakage(
      "pe.kernel_local_store", DerivedEnergy(0, "no CACTI leakage figure below its 8 KB run: 0"),
      source:
        "\(cacti): a \(kernelLocalStoreBytes)-byte store lies below CACTI's smallest leakage run (8 KB); its leakage is left out (0)"
    )
    for (component, bytes) in [
      ("kernel_buffer", kernelBufferBytes), ("neuron_buffer_in", neuronBufferBytes), ("neuron_buffer_out", neuronBufferBytes),
    ] {
      table.addLeakage(
        component, try library.leakage("sram_leakage_hp", at: Double(bytes) / 1024, target: point).labelled("SRAM"),
        source:
          "\(cacti): a \(bytes / 1024) KB buffer of high-performance cells (CACTI's leakage runs; its low-standby-power cells leak about 0), scales with (V/1.1)^5 at near-threshold supplies"
      )
    }

    return EnergyTable(
      name: "flexflow-\(Primitive.format(point.nodeNM))nm",
      technology: Technology(nodeNM: Int(point.nodeNM.rounded()), supplyVolts: point.supplyVolts, clockMHz: clockMHz),
      ungatedFraction: gated.value, ungatedFractionSource: gated.source, entries: table.entries, leakage: table.leakage,
      freeParameters: [
        FreeParameter(
          name: "clock_share", value: try library.parameter("clock_share").value,
          source: try library.parameter("clock_share").source),
        FreeParameter(name: "gated_fraction", value: gated.value, source: gated.source),
        FreeParameter(
          name: "supply_volts", value: point.supplyVolts,
          source: "FlexFlow gives 65 nm (Table 7) but no supply; the node's nominal 1.1 V (PTM 65 nm), AxTrain's nominal"),
      ])
  }
}
