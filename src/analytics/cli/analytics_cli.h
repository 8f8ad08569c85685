// `viddhana ai ...`: the analytics tools on the command line (backtest, train, forecast, earnings,
// Sentinel evaluation, worker advice), a thin front end over the models. Each prints its result
// and returns an exit code: 0 on success, 2 on bad input (with the reason on stderr).
#pragma once

namespace CLI {
class App;
}

namespace viddhana::analytics::cli {

// Registers the `ai` subcommand and its subcommands. Like the other tools, a subcommand's exit code
// leaves CLI11's parse as a CLI::RuntimeError carrying that code.
void add_analytics_commands(CLI::App& app);

}  // namespace viddhana::analytics::cli
