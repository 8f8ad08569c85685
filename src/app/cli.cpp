#include "app/cli.h"

#include <CLI/CLI.hpp>

namespace viddhana::app {

int run_cli(int argc, char** argv) {
    CLI::App app{"Viddhana Pool: a mining pool for Bitcoin-family coins"};
    app.require_subcommand(1);
    CLI11_PARSE(app, argc, argv);
    return 0;
}

}  // namespace viddhana::app
