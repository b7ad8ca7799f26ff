import AxJSON
import AxSimKit
import SimKernel
import TestSupport
import Testing

@Suite struct RunConfigurationTests {
  @Test func readsEveryKeyAndResolvesPathsAgainstTheConfig() throws {
    let config = try configuration(
      """
      {"model": "qcnpe", "qcnpe": {"rows": 8, "cols": 4, "fifoDepth": 7, "memoryWordsPerCycle": "ideal",
       "clockMHz": 500, "afuDrainOverlap": false}, "energyTable": "energy/qcnpe-45nm.json",
       "trace": "../traces/lenet5.json", "fidelity": "cycle", "precision": {"input_bits": 8, "weight_bits": 6}}
      """)
    guard case .qcnpe(let qcnpe) = config.hardware else {
      Issue.record("expected qcnpe")
      return
    }
    #expect(qcnpe.rows == 8 && qcnpe.cols == 4 && qcnpe.fifoDepth == 7 && qcnpe.memoryWordsPerCycle == nil)
    #expect(qcnpe.clockMHz == 500 && !qcnpe.afuDrainOverlap)
    #expect(config.energyTablePath == RepositoryPaths.path("configs/energy/qcnpe-45nm.json"))
    #expect(config.tracePath == RepositoryPaths.path("traces/lenet5.json"))
    #expect(config.fidelity == .cycle)
    #expect(config.precisionOverride?.weightBits == [6])
  }

  @Test(arguments: [
    (
      #"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"rows": 0}}"#, "qcnpe.rows",
      "expected an integer in 1...2048, found 0"
    ),
    (#"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"cols": -4}}"#, "qcnpe.cols", "found -4"),
    (#"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"rows": 1000000000}}"#, "qcnpe.rows", "found 1000000000"),
    (#"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"fifoDepht": 4}}"#, "qcnpe.fifoDepht", "unknown key"),
    (#"{"model": "qcnpe", "energyTable": "e.json", "tracee": "x.json"}"#, "tracee", "unknown key"),
    (#"{"model": "tpu", "energyTable": "e.json"}"#, "model", "expected one of"),
    (#"{"model": "qcnpe"}"#, "energyTable", "missing required key"),
    (#"{"model": "qcnpe", "energyTable": "e.json", "fidelity": "exact"}"#, "fidelity", "expected one of \"cycle\", \"fast\""),
    (#"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"clockMHz": "fast"}}"#, "qcnpe.clockMHz", "expected a number"),
    (
      #"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"accumulatorBits": 20}}"#, "qcnpe.accumulatorBits", "twice wordBits"
    ),
    (#"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"dataflow": "rs"}}"#, "qcnpe.dataflow", #"expected one of "os""#),
    (
      #"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"ifmapSRAMWords": 99, "filterSRAMWords": 100, "ofmapSRAMWords": 100}}"#,
      "qcnpe.ifmapSRAMWords", "expected an integer in 100..."
    ),
    (
      #"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"ofmapSRAMWords": 4096}}"#, "qcnpe.ifmapSRAMWords",
      "needs all three SRAM sizes"
    ),
    (
      #"{"model": "qcnpe", "energyTable": "e.json", "qcnpe": {"filterDRAMWordsPerCycle": "ideal"}}"#,
      "qcnpe.filterDRAMWordsPerCycle", #"or "calc""#
    ),
  ])
  func badConfigsNameTheKeyAndWhatWasExpected(text: String, path: String, fragment: String) {
    do {
      _ = try configuration(text)
      Issue.record("accepted \(text)")
    } catch let error as JSONDecodeError {
      #expect(error.path == path, "\(error)")
      #expect(error.message.contains(fragment), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test func theReferenceTableListsEveryQCNPEKey() throws {
    let help = try #require(HelpTopics.text(for: "config"))
    for key in [
      "rows", "cols", "fifoDepth", "memoryWordsPerCycle", "clockMHz", "wordBits", "accumulatorBits", "afuDrainOverlap",
      "afuLatencyCycles", "dataflow", "ifmapSRAMWords", "filterSRAMWords", "ofmapSRAMWords", "ifmapDRAMWordsPerCycle",
      "filterDRAMWordsPerCycle", "ofmapDRAMWordsPerCycle", "dramLatencyCycles", "structuredSparsity",
    ] {
      #expect(help.contains("`qcnpe.\(key)`"), "\(key)")
    }
  }
}
