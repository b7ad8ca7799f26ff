import AxJSON
import Foundation
import QCNPE

extension RunConfiguration {
  /// The AxSim config a SCALE-Sim `.cfg` file describes: QCNPE with SCALE-Sim's array, the
  /// bundled 45 nm energy table, and the topology the file names, as a JSON config document
  /// (what `axsim import scale.cfg` writes and what a run of the `.cfg` reads).
  ///
  /// What carries over, what is refused and what has no meaning here: docs/scalesim.md.
  /// - Parameter file: where the text came from, for error messages and to resolve the
  ///   topology path.
  static func scaleSimDocument(text: String, file: String) throws(AxSimError) -> JSONValue {
    let cfg = try ScaleSimConfigFile(text: text, file: file)
    let section = "architecture_presets"
    func refuse(_ section: String, _ key: String, _ message: String) -> AxSimError {
      .input(file: file, message: "line \(cfg.line(section, key)): [\(section)] \(key): \(message)")
    }
    let side = 1...QCNPEConfig.maximumSide
    guard let rows = try cfg.integer(section, "arrayheight", in: side) else {
      throw .input(file: file, message: "[\(section)] ArrayHeight: missing; expected the array's rows")
    }
    guard let cols = try cfg.integer(section, "arraywidth", in: side) else {
      throw .input(file: file, message: "[\(section)] ArrayWidth: missing; expected the array's columns")
    }
    let dataflowName = try cfg.required(section, "dataflow").lowercased()
    guard let dataflow = SystolicDataflow(rawValue: dataflowName) else {
      throw refuse(section, "dataflow", "expected os, ws or is, found \"\(dataflowName)\"")
    }
    // SCALE-Sim's SRAMs hold one-byte words: a kB is 1024 words. All three or none: without
    // them the operands are all on chip, as before SCALE-Sim's memory model.
    let sramKeys = ["ifmapsramszkb", "filtersramszkb", "ofmapsramszkb"]
    let kilobytes = 1...(1 << 24)
    var sramWords: [Int] = []
    for key in sramKeys {
      if let size = try cfg.integer(section, key, in: kilobytes) { sramWords.append(size * 1024) }
    }
    if !sramWords.isEmpty, sramWords.count < sramKeys.count {
      let missing = sramKeys.first { cfg.string(section, $0) == nil } ?? sramKeys[0]
      throw .input(
        file: file, message: "[\(section)] \(missing): missing; the SRAM sizes come as a set of three (or none)")
    }
    // Buffers and offsets SCALE-Sim reads that change no cycle of its own model either
    // (docs/scalesim.md): checked, then unused.
    for key in ["readrequestbuffer", "writerequestbuffer", "memorybanks"] { _ = try cfg.integer(section, key, in: 1...(1 << 30)) }
    for key in ["ifmapoffset", "filteroffset", "ofmapoffset"] { _ = try cfg.integer(section, key, in: 0...Int.max) }
    for key in ["ifmapsrambanknum", "ifmapsrambankport", "filtersrambanknum", "filtersrambankport"] {
      _ = try cfg.integer("layout", key, in: 1...(1 << 20))
    }
    let ifmapBankWords = try cfg.integer("layout", "ifmapsrambankbandwidth", in: 1...(1 << 20))
    let filterBankWords = try cfg.integer("layout", "filtersrambankbandwidth", in: 1...(1 << 20))
    let bandwidths = try cfg.string(section, "bandwidth").map { text throws(AxSimError) -> [Int] in
      let values = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.allSatisfy({ $0.map { (1...(1 << 20)).contains($0) } ?? false }) else {
        throw refuse(section, "bandwidth", "expected words per cycle in 1...1048576 (or a comma list of them), found \"\(text)\"")
      }
      return values.compactMap { $0 }
    }
    var userBandwidth = false
    if let mode = cfg.string("run_presets", "interfacebandwidth") {
      switch mode.uppercased() {
      case "CALC": break
      case "USER":
        guard !sramWords.isEmpty else {
          throw refuse(
            "run_presets", "interfacebandwidth", "USER needs the SRAM sizes (IfmapSramSzkB, FilterSramSzkB, OfmapSramSzkB)")
        }
        guard bandwidths != nil else {
          throw .input(
            file: file, message: "[\(section)] bandwidth: missing; InterfaceBandwidth USER reads the ofmap DRAM bandwidth from it"
          )
        }
        userBandwidth = true
      default: throw refuse("run_presets", "interfacebandwidth", "expected CALC or USER, found \"\(mode)\"")
      }
    }
    if try cfg.boolean("run_presets", "useramulatortrace") == true {
      throw refuse("run_presets", "useramulatortrace", "Ramulator DRAM traces are not modelled; set it to False")
    }
    for key in ["ifmapcustomlayout", "filtercustomlayout"] where try cfg.boolean("layout", key) == true {
      throw refuse("layout", key, "custom SRAM layouts are not modelled; set it to False")
    }
    if try cfg.boolean("sparsity", "sparsitysupport") == true {
      throw refuse(
        "sparsity", "sparsitysupport",
        "SCALE-Sim's sparse mode (compressed filters, metadata reads) is not modelled; set it to false (sparse layers then run dense, as in SCALE-Sim, and the report says so) or use an AxSim config with qcnpe.structuredSparsity"
      )
    }
    var document = JSONObject()
    document["model"] = "qcnpe"
    let runName = cfg.string("general", "run_name") ?? "scale-sim run"
    let memory =
      sramWords.isEmpty
      ? "no memory hierarchy" : userBandwidth ? "SRAMs with USER DRAM bandwidth" : "SRAMs with CALC DRAM bandwidth"
    document["description"] = .string(
      "SCALE-Sim config \(runName) (\(file.split(separator: "/").last.map(String.init) ?? file)): \(rows)x\(cols) \(dataflow.rawValue), \(memory)"
    )
    var qcnpe = JSONObject()
    qcnpe["rows"] = .number(rows)
    qcnpe["cols"] = .number(cols)
    qcnpe["memoryWordsPerCycle"] = "ideal"
    qcnpe["dataflow"] = .string(dataflow.rawValue)
    if sramWords.count == 3 {
      qcnpe["ifmapSRAMWords"] = .number(sramWords[0])
      qcnpe["filterSRAMWords"] = .number(sramWords[1])
      qcnpe["ofmapSRAMWords"] = .number(sramWords[2])
      // SCALE-Sim's USER mode: the ifmap and filter DRAM rates are the [layout] SRAM bank
      // bandwidths (10 when absent, its default), the ofmap's the first Bandwidth value.
      if userBandwidth, let bandwidths {
        qcnpe["ifmapDRAMWordsPerCycle"] = .number(ifmapBankWords ?? 10)
        qcnpe["filterDRAMWordsPerCycle"] = .number(filterBankWords ?? 10)
        qcnpe["ofmapDRAMWordsPerCycle"] = .number(bandwidths[0])
      }
    }
    document["qcnpe"] = .object(qcnpe)
    document["energyTable"] = .string(InputLoader.embeddedPrefix + "configs/energy/qcnpe-45nm.json")
    document["fidelity"] = "fast"
    if let location = cfg.string("network_presets", "topologycsvloc") {
      let unquoted = location.trimmingCharacters(in: ["\"", "'"])
      document["trace"] = .string(InputLoader.resolve(unquoted, relativeTo: file))
    }
    return .object(document)
  }
}
