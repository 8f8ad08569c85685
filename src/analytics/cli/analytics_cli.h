// `viddhana analytics ...`: the analytics tools on the command line (backtest, train, forecast,
// earnings, Sentinel evaluation, worker advice), a thin front end over the models. Each prints its
// result and returns an exit code: 0 on success, 2 on bad input (with the reason on stderr).
#pragma once

namespace CLI {
class App;
}

namespace viddhana::analytics::cli {

// Registers the `analytics` subcommand with its tools as subcommands, and returns it (the caller
// adds --config, which runs the service). Like the other tools, a tool's exit code leaves CLI11's
// parse as a CLI::RuntimeError carrying that code.
CLI::App* add_analytics_commands(CLI::App& app);

}  // namespace viddhana::analytics::cli
