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
    let dataflow = try cfg.required(section, "dataflow").lowercased()
    switch dataflow {
    case "os": break
    case "ws", "is":
      throw refuse(
        section, "dataflow",
        "\(dataflow) is not modelled; AxSim's QCNPE runs the output-stationary dataflow (os) only, so the cycles would not be SCALE-Sim's"
      )
    default: throw refuse(section, "dataflow", "expected os, ws or is, found \"\(dataflow)\"")
    }
    // Sizes and buffers SCALE-Sim's memory model reads: checked, but without a DRAM model
    // here they cannot change a cycle (docs/scalesim.md).
    for key in ["ifmapsramszkb", "filtersramszkb", "ofmapsramszkb", "readrequestbuffer", "writerequestbuffer", "memorybanks"] {
      _ = try cfg.integer(section, key, in: 1...(1 << 30))
    }
    for key in ["ifmapoffset", "filteroffset", "ofmapoffset"] { _ = try cfg.integer(section, key, in: 0...Int.max) }
    _ = try cfg.integer(section, "bandwidth", in: 1...(1 << 30))
    if let mode = cfg.string("run_presets", "interfacebandwidth") {
      switch mode.uppercased() {
      case "CALC": break
      case "USER":
        throw refuse(
          "run_presets", "interfacebandwidth",
          "USER (a DRAM bandwidth limit) is not modelled; AxSim has no DRAM model yet, so use CALC (SCALE-Sim then reports no stalls either)"
        )
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
        "N:M sparsity is not modelled; a sparse layer would run dense and its cycles would not be SCALE-Sim's. Set it to false")
    }
    var document = JSONObject()
    document["model"] = "qcnpe"
    let runName = cfg.string("general", "run_name") ?? "scale-sim run"
    document["description"] = .string(
      "SCALE-Sim config \(runName) (\(file.split(separator: "/").last.map(String.init) ?? file)): \(rows)x\(cols) output-stationary, interface bandwidth CALC"
    )
    document["qcnpe"] = ["rows": .number(rows), "cols": .number(cols), "memoryWordsPerCycle": "ideal"]
    document["energyTable"] = .string(InputLoader.embeddedPrefix + "configs/energy/qcnpe-45nm.json")
    document["fidelity"] = "fast"
    if let location = cfg.string("network_presets", "topologycsvloc") {
      let unquoted = location.trimmingCharacters(in: ["\"", "'"])
      document["trace"] = .string(InputLoader.resolve(unquoted, relativeTo: file))
    }
    return .object(document)
  }
}
