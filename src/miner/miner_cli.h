// `viddhana miner`: the CPU miner's command line (options, periodic status line, summary).
#pragma once

namespace CLI {
class App;
}

namespace viddhana::miner {

// Registers the `miner` subcommand. When it runs, its exit code leaves CLI11's parse as a
// CLI::RuntimeError carrying that code (0 after a clean stop), which CLI11_PARSE returns.
void add_miner_command(CLI::App& app);

}  // namespace viddhana::miner
