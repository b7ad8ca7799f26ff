// swift-tools-version:6.0
// AxSim: a cycle-level simulator of approximate neural-network hardware.
// No package dependencies: the toolchain alone (Foundation, Dispatch, Swift Testing).
import PackageDescription

/// Debug builds (what `swift test` compiles by default) check data-structure invariants after
/// every mutation; release builds compile those checks away. Like swift-collections'
/// COLLECTIONS_INTERNAL_CHECKS, the flag invalidates the documented performance guarantees.
let internalChecks: [SwiftSetting] = [.define("AXSIM_INTERNAL_CHECKS", .when(configuration: .debug))]

let package = Package(
  name: "AxSim",
  products: [
    .executable(name: "axsim", targets: ["axsim"]),
    .executable(name: "axsim-bench", targets: ["axsim-bench"]),
    .library(name: "AxSimKit", targets: ["AxSimKit"]),
  ],
  targets: [
    // MARK: Lowest layer: no dependencies of ours.
    .target(name: "AxJSON", swiftSettings: internalChecks),
    .target(name: "AxProtobuf", swiftSettings: internalChecks),
    .target(name: "SimKernel", swiftSettings: internalChecks),
    .target(name: "Arithmetic", swiftSettings: internalChecks),
    // The git commit of the build, stamped before each build (reports record it).
    .plugin(name: "BuildInfoPlugin", capability: .buildTool(), path: "Sources/BuildInfoPlugin"),
    .target(name: "BuildInfo", plugins: ["BuildInfoPlugin"]),

    // MARK: Formats.
    .target(name: "Trace", dependencies: ["AxJSON"], swiftSettings: internalChecks),
    .target(name: "Energy", dependencies: ["SimKernel", "AxJSON"], swiftSettings: internalChecks),
    // ONNX models in: a ModelProto read with AxProtobuf, its graph turned into a NetworkTrace.
    .target(name: "ONNXImport", dependencies: ["AxProtobuf", "Trace"], swiftSettings: internalChecks),

    // MARK: Hardware models, one module each.
    .target(name: "QCNPE", dependencies: ["SimKernel", "Energy", "Trace"], swiftSettings: internalChecks),
    .target(name: "GPUCompute", dependencies: ["SimKernel", "Energy", "Trace"], swiftSettings: internalChecks),
    .target(name: "FlexFlow", dependencies: ["SimKernel", "Energy", "Trace"], swiftSettings: internalChecks),

    // MARK: The NN engine: trains and approximates networks, writes traces. Knows no hardware model.
    .target(name: "NeuralEngine", dependencies: ["Arithmetic", "Trace", "SimKernel"], swiftSettings: internalChecks),

    // MARK: The library the executable and tests share; the only file I/O.
    .target(
      name: "AxSimKit",
      dependencies: [
        "AxJSON", "BuildInfo", "SimKernel", "Trace", "ONNXImport", "Energy", "QCNPE", "NeuralEngine", "GPUCompute", "FlexFlow",
      ],
      resources: [.embedInCode("Embedded"), .copy("Datasets")], swiftSettings: internalChecks),
    .executableTarget(name: "axsim", dependencies: ["AxSimKit"]),
    .executableTarget(
      name: "axsim-bench", dependencies: ["AxSimKit", "QCNPE", "FlexFlow", "GPUCompute", "SimKernel", "Trace", "NeuralEngine"]),
    // A libFuzzer target: `swift build -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING` (docs/fuzzing.md);
    // an ordinary build is a replayer of saved inputs.
    .executableTarget(
      name: "axsim-fuzz",
      dependencies: [
        "AxSimKit", "AxJSON", "AxProtobuf", "ONNXImport", "Energy", "QCNPE", "FlexFlow", "GPUCompute", "SimKernel", "Trace",
      ]),

    // MARK: Tests mirror Sources.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "AxJSONTests", dependencies: ["AxJSON"]),
    .testTarget(name: "AxProtobufTests", dependencies: ["AxProtobuf", "TestSupport"]),
    .testTarget(
      name: "ONNXImportTests", dependencies: ["ONNXImport", "AxProtobuf", "AxJSON", "Trace", "TestSupport"], exclude: ["Expected"]),
    .testTarget(name: "SimKernelTests", dependencies: ["SimKernel", "TestSupport"]),
    .testTarget(name: "ArithmeticTests", dependencies: ["Arithmetic"]),
    .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "Arithmetic", "Trace", "SimKernel", "TestSupport"]),
    .testTarget(name: "TraceTests", dependencies: ["Trace", "AxJSON", "TestSupport"]),
    .testTarget(name: "EnergyTests", dependencies: ["Energy", "SimKernel", "AxJSON", "TestSupport"]),
    // Fixtures the tests read from the source tree (RepositoryPaths), not resources.
    .testTarget(
      name: "AxSimKitTests", dependencies: ["AxSimKit", "AxJSON", "Energy", "Trace", "SimKernel", "QCNPE", "TestSupport"],
      exclude: ["ScaleSimReference"]),
    .testTarget(
      name: "EndToEndTests", dependencies: ["AxSimKit", "AxJSON", "QCNPE", "Energy", "Trace", "SimKernel", "TestSupport"],
      exclude: ["BadInputs", "Goldens"]),
    .testTarget(name: "QCNPETests", dependencies: ["QCNPE", "Trace", "SimKernel", "TestSupport"]),
    .testTarget(name: "GPUComputeTests", dependencies: ["GPUCompute", "Energy", "Trace", "SimKernel", "AxJSON"]),
    .testTarget(name: "FlexFlowTests", dependencies: ["FlexFlow", "Energy", "Trace", "SimKernel", "AxJSON"]),
  ]
)
