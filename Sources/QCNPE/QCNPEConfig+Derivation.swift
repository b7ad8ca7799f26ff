import Energy
import Foundation

extension QCNPEConfig {
  /// The technology AxNN's QCNPE was built in: IBM 45 nm (Fig. 4); the supply is not given,
  /// and AxSim takes the node's nominal 1.0 V.
  public static let defaultOperatingPoint = OperatingPoint(nodeNM: 45, supplyVolts: 1.0)

  /// The switching activity the multiplier's and operand registers' energies are
  /// characterised at: random operands, each bit toggling with probability ½ (Horowitz's and
  /// Aladdin's per-operation energies are for random data).
  public static let randomDataActivity = 0.5

  /// Bits of an NCU's precision-control register: enough for precisions 1 … wordBits.
  var precisionRegisterBits: Int {
    var bits = 1
    while (1 << bits) <= wordBits { bits += 1 }
    return bits
  }

  /// The QCNPE energy table built from `primitives` and this configuration's structure (word
  /// and accumulator widths, FIFO depth, array size for leakage instances), at `point`.
  ///
  /// Nothing here is fitted to AxNN's 517.2 mW: that figure is the held-out check of
  /// `axsim energy validate` (docs/energy-tables.md). The NCU is a multiplier, an adder, a
  /// `accumulatorBits` accumulator register, two `wordBits` operand registers that forward
  /// to the neighbours, and a precision register; its clock network draws `clock_share` of
  /// its power, spread over those flip-flops, and the accumulator's share is gated with its
  /// LSB slices.
  public func derivedEnergyTable(primitives library: PrimitiveLibrary, at point: OperatingPoint = defaultOperatingPoint)
    throws(EnergyDerivationError) -> EnergyTable
  {
    let word = Double(wordBits)
    let multiply = try library.energy("int_multiplier", at: word, target: point).labelled("multiplier")
    let add = try library.energy("int_adder", at: Double(accumulatorBits), target: point).labelled("adder")
    let accumulatorRegister = try library.energy("register_bit", at: Double(accumulatorBits), target: point)
    let operandRegister = try library.energy("register_bit", at: word, target: point)
    let precisionRegister = try library.energy("register_bit", at: Double(precisionRegisterBits), target: point)
    let switching = multiply + add + accumulatorRegister + 2 * operandRegister
    let flipFlops = accumulatorBits + 2 * wordBits + precisionRegisterBits
    let clockPerFlop = try library.clockPerFlipFlop(switching: switching, flipFlops: flipFlops)
    let gated = try library.parameter("gated_fraction")
    let comparator = try library.energy("comparator", at: word, target: point)
    let outputRegister = operandRegister + word * clockPerFlop

    var table = EnergyTableBuilder()
    let horowitz = "[horowitz2014] via configs/energy/primitives/horowitz-45nm.json"
    let aladdin = "[accelergy-aladdin] via configs/energy/primitives/aladdin-40nm.json"
    let clock = "[duarte2002] clock_share via configs/energy/primitives/clock.json"
    table.add(
      "ncu.multiplier", "multiply", multiply, law: .multiplier(referenceBitsA: wordBits, referenceBitsB: wordBits),
      validBits: 1...wordBits, referenceActivity: Self.randomDataActivity,
      source:
        "\(horowitz): integer multiplier at \(wordBits) x \(wordBits) bits, random operands (each bit toggles with probability 1/2; [rabaey2003] dynamic energy is proportional to the switching activity)"
    )
    table.add(
      "ncu.accumulator", "accumulate",
      add + accumulatorRegister.labelled("register") + Double(accumulatorBits) * clockPerFlop.labelled("clock"),
      law: .lsbGated(referenceBits: accumulatorBits), validBits: 1...accumulatorBits,
      source:
        "\(horowitz) adder + \(aladdin) register bits + \(clock), for the \(accumulatorBits)-bit accumulator; its LSB slices are clock-gated (AxNN section 5)"
    )
    table.add(
      "ncu.accumulator", "drain", accumulatorRegister.labelled("register"),
      source: "\(aladdin): one \(accumulatorBits)-bit register transfer per sum shifted towards the AFU")
    table.add(
      "ncu.operand_registers", "latch", operandRegister.labelled("register"), law: .register(referenceBits: wordBits),
      validBits: 1...wordBits, referenceActivity: Self.randomDataActivity,
      source:
        "\(aladdin): one \(wordBits)-bit register write per operand word entering an NCU, random words (half the bits toggle; [rabaey2003])"
    )
    table.add(
      "ncu.precision_register", "write", precisionRegister.labelled("register"),
      source: "\(aladdin): a \(precisionRegisterBits)-bit precision register (precisions 1 ... \(wordBits))")
    let clockedFlops = 2 * wordBits + precisionRegisterBits
    table.add(
      "clock.ncu", "active_cycle", Double(clockedFlops) * clockPerFlop.labelled("clock"),
      source: "\(clock): the NCU's operand and precision flip-flops (\(clockedFlops)); the accumulator's are in ncu.accumulator")
    table.add(
      "clock.ncu", "gated_cycle", Double(clockedFlops) * clockPerFlop.labelled("clock"), law: .clockGated,
      source: "as clock.ncu active_cycle, times the table's gated fraction (a gated NCU's clock stub and enable)")
    let fifoAccess = try library.registerFileAccess(widthBits: wordBits, depth: fifoDepth, target: point) + word * clockPerFlop
    for fifo in ["fifo.left", "fifo.top"] {
      for action in ["pop", "push"] {
        table.add(
          fifo, action, fifoAccess.labelled("register file"),
          law: .memory(referenceBits: wordBits, referenceDepth: fifoDepth, depthExponent: 0.78), validBits: 1...wordBits,
          source:
            "\(aladdin) register-file model of Accelergy's Aladdin plug-in (word bits + depth x log2(depth)-bit comparison) for a \(fifoDepth) x \(wordBits)-bit flip-flop FIFO, plus the clock of the one word's flip-flops"
        )
      }
    }
    let sramKilobytes = 64.0
    let lineBits = 256.0
    let wordsPerLine = lineBits / word
    let cacti = "[cacti7] via configs/energy/primitives/cacti7-45nm.json"
    table.add(
      "sram", "read",
      (1 / wordsPerLine) * (try library.energy("sram_read", at: sramKilobytes, widthBits: lineBits, target: point)),
      law: .register(referenceBits: wordBits), validBits: 1...wordBits,
      source:
        "\(cacti): a \(Int(lineBits))-bit line of a 64 KB SRAM shared by its \(Int(wordsPerLine)) words (assumption: the paper's boundary holds no SRAM; AxSim prices one outside it)"
    )
    table.add(
      "sram", "write",
      (1 / wordsPerLine) * (try library.energy("sram_write", at: sramKilobytes, widthBits: lineBits, target: point)),
      law: .register(referenceBits: wordBits), validBits: 1...wordBits, source: "\(cacti): as sram read, a line write")
    try addMemoryHierarchy(to: &table, library: library, point: point, sramKilobytes: sramKilobytes, lineBits: lineBits)
    table.add(
      "afu", "piecewise_linear",
      multiply + (try library.energy("int_adder", at: word, target: point)) + 2 * comparator + outputRegister,
      source: "\(horowitz) multiply and add + \(aladdin) two segment comparisons and the output register + its clock")
    table.add(
      "afu", "rectify", comparator + outputRegister, source: "\(aladdin): one comparison and the output register + its clock")
    table.add("afu", "bypass", outputRegister, source: "\(aladdin): the output register + its clock")
    table.add(
      "afu", "compare", comparator + outputRegister, source: "\(aladdin): one comparison and the output register + its clock")
    table.add(
      "afu", "add", (try library.energy("int_adder", at: word, target: point)) + outputRegister,
      source: "\(horowitz) \(wordBits)-bit add + the output register + its clock")
    table.add(
      "afu", "scale", multiply + outputRegister, source: "\(horowitz) multiply by 1/window + the output register + its clock")

    let leak = "[accelergy-aladdin] leakage via configs/energy/primitives/aladdin-40nm.json"
    table.addLeakage(
      "ncu",
      (try library.leakage("multiplier_leakage", at: word, target: point))
        + (try library.leakage("adder_leakage", at: Double(accumulatorBits), target: point))
        + (try library.leakage("register_leakage", at: Double(flipFlops), target: point)),
      source: "\(leak): the NCU's multiplier, adder and \(flipFlops) flip-flops")
    table.addLeakage(
      "fifo", try library.leakage("register_leakage", at: Double(fifoDepth * wordBits), target: point),
      source: "\(leak): \(fifoDepth) x \(wordBits) flip-flops")
    table.addLeakage(
      "afu",
      (try library.leakage("multiplier_leakage", at: word, target: point))
        + (try library.leakage("adder_leakage", at: word, target: point))
        + (try library.leakage("register_leakage", at: word, target: point)),
      source: "\(leak): the AFU's multiplier, adder and output register")

    return EnergyTable(
      name: "qcnpe-\(Primitive.format(point.nodeNM))nm",
      technology: Technology(nodeNM: Int(point.nodeNM.rounded()), supplyVolts: point.supplyVolts, clockMHz: clockMHz),
      ungatedFraction: gated.value, ungatedFractionSource: gated.source, entries: table.entries, leakage: table.leakage,
      freeParameters: [
        FreeParameter(
          name: "clock_share", value: try library.parameter("clock_share").value,
          source: try library.parameter("clock_share").source),
        FreeParameter(name: "gated_fraction", value: gated.value, source: gated.source),
        FreeParameter(
          name: "supply_volts", value: point.supplyVolts,
          source: "AxNN Fig. 4 gives IBM 45 nm but no supply; the node's nominal 1.0 V (PTM 45 nm)"),
      ])
  }
}

extension QCNPEConfig {
  /// The memory hierarchy's entries: the ifmap, filter and ofmap SRAMs priced like the one
  /// on-chip memory (a word's share of a line access of a `sramKilobytes` SRAM) but scaled to
  /// each SRAM's configured size by a depth law, and the DRAM per word moved.
  ///
  /// The depth exponent is CACTI's own slope around the reference size: the log-log slope of
  /// the read energy between a quarter and four times `sramKilobytes` (0.49 at 45 nm), so a
  /// size within that range is priced within a few per cent of CACTI's interpolated figure.
  func addMemoryHierarchy(
    to table: inout EnergyTableBuilder, library: PrimitiveLibrary, point: OperatingPoint, sramKilobytes: Double,
    lineBits: Double
  ) throws(EnergyDerivationError) {
    let cacti = "[cacti7] via configs/energy/primitives/cacti7-45nm.json"
    let wordsPerLine = lineBits / Double(wordBits)
    let quarter = try library.energy("sram_read", at: sramKilobytes / 4, widthBits: lineBits, target: point).value
    let fourfold = try library.energy("sram_read", at: sramKilobytes * 4, widthBits: lineBits, target: point).value
    let exponent = (log(fourfold / quarter) / log(16) * 1000).rounded() / 1000
    let referenceWords = Int(sramKilobytes) * 1024 * 8 / wordBits
    let law = ScalingLaw.memory(referenceBits: wordBits, referenceDepth: referenceWords, depthExponent: exponent)
    let size =
      "a \(Int(sramKilobytes)) KB (\(referenceWords)-word) SRAM, scaled to the configured words by depth^\(exponent) (CACTI's slope between \(Int(sramKilobytes) / 4) and \(Int(sramKilobytes) * 4) KB)"
    for (buffer, role) in [("sram.ifmap", "input"), ("sram.filter", "weight"), ("sram.ofmap", "output")] {
      table.add(
        buffer, "read",
        (1 / wordsPerLine) * (try library.energy("sram_read", at: sramKilobytes, widthBits: lineBits, target: point)),
        law: law, validBits: 1...wordBits,
        source: "\(cacti): one \(role) word's share of a \(Int(lineBits))-bit line read of \(size)")
      table.add(
        buffer, "write",
        (1 / wordsPerLine) * (try library.energy("sram_write", at: sramKilobytes, widthBits: lineBits, target: point)),
        law: law, validBits: 1...wordBits,
        source: "\(cacti): one \(role) word's share of a \(Int(lineBits))-bit line write of \(size)")
    }
    let dram = try library.energy("dram_gddr5_bit", at: Double(wordBits), target: point)
    for (component, action) in [("dram.ifmap", "read"), ("dram.filter", "read"), ("dram.ofmap", "write")] {
      table.add(
        component, action, dram, law: .register(referenceBits: wordBits), validBits: 1...wordBits,
        scalesWithTechnology: false,
        source:
          "[accelergy-cacti-plugin] GDDR5 per bit x \(wordBits) bits of a word, via configs/energy/primitives/offchip.json (off chip: no node scaling)"
      )
    }
  }
}
