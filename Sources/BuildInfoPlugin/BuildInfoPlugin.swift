import Foundation
import PackagePlugin

/// Stamps the git commit the build came from into the `BuildInfo` module, so that every report
/// can say exactly which AxSim produced it. Runs `git` before each build (a prebuild command)
/// and rewrites the generated file only when the commit changes, so an unchanged checkout
/// compiles nothing again. Outside a git checkout, or without git, the commit is "unknown".
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
    // GIT_OPTIONAL_LOCKS=0: `git status` must not write the index (a sandboxed build may not).
    let script = """
      mkdir -p "$2" || exit 1
      out="$2/BuildInfo+Commit.swift"
      commit=$(GIT_OPTIONAL_LOCKS=0 git -C "$1" rev-parse HEAD 2>/dev/null) || commit=unknown
      if [ "$commit" != unknown ] && [ -n "$(GIT_OPTIONAL_LOCKS=0 git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        commit="$commit+dirty"
      fi
      text="let generatedCommit = \\"$commit\\""
      if [ ! -f "$out" ] || [ "$(cat "$out")" != "$text" ]; then printf '%s\\n' "$text" > "$out"; fi
      """
    return [
      .prebuildCommand(
        displayName: "Stamping the git commit into BuildInfo",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", script, "buildinfo", context.package.directoryURL.path, output.path],
        outputFilesDirectory: output)
    ]
  }
}
