import AxSimKit
import Foundation

// Argument parsing and exit codes only; everything else lives in AxSimKit.
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
