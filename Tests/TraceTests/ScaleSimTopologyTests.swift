import TestSupport
import Testing
import Trace

@Suite struct ScaleSimTopologyTests {
  @Test func importsConvolutionsWithSCALESimsOutputSize() throws {
    let trace = try ScaleSimTopology.importTrace(
      csv: try RepositoryPaths.text("traces/scalesim/alexnet.csv"), file: "alexnet.csv")
    #expect(trace.topology == .independent)
    // Conv1: 224x224, 11x11, stride 4 -> ceil(213/4) + 1 = 55.
    #expect(trace.layers[0].outputShape == TensorShape(channels: 96, height: 55, width: 55))
    #expect(trace.layers[0].gemm == GEMMShape(m: 3025, n: 96, k: 363))
  }

  @Test func importsGEMMTopologies() throws {
    let trace = try ScaleSimTopology.importTrace(
      csv: "Layer,M,N,K,\nQKT,1024,1024,64,\nLinear1,1024,4800,1600,\n", file: "gpt2.csv")
    #expect(trace.layers.map(\.gemm) == [GEMMShape(m: 1024, n: 1024, k: 64), GEMMShape(m: 1024, n: 4800, k: 1600)])
  }

  @Test func skipsBlankRowsAndExtraColumnsAsSCALESimDoes() throws {
    let csv =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,,,Eh,Ew,e2\n,,,,,,,,,,,,\nConv1,224,224,7,7,3,64,2,,,110,110,12100\n"
    let trace = try ScaleSimTopology.importTrace(csv: csv, file: "r.csv")
    #expect(trace.layers.count == 1)
    #expect(trace.layers[0].outputShape?.height == 110)
  }

  @Test(arguments: [
    ("", 1, "empty"),
    ("a,b,c\n1,2,3\n", 1, "unrecognised header"),
    ("Layer,M,N,K,\nx,0,4,4,\n", 2, "column M"),
    ("Layer,M,N,K,\nx,4,four,4,\n", 2, "column N"),
    ("Layer,M,N,K,\nx,4,4\n", 2, "expected 4 columns"),
    (
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nc,3,3,5,5,1,1,1,\n", 2,
      "larger than"
    ),
    ("Layer,M,N,K,\n", 2, "no layers"),
  ])
  func badFilesNameTheLine(csv: String, line: Int, fragment: String) {
    do {
      _ = try ScaleSimTopology.importTrace(csv: csv, file: "bad.csv")
      Issue.record("accepted \(csv)")
    } catch {
      #expect(error.line == line, "\(error)")
      #expect(error.message.contains(fragment), "\(error)")
    }
  }
}
