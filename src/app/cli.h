// The command line: subcommands for each role and for the tools that ship with the pool.
#pragma once

namespace viddhana::app {
int run_cli(int argc, char** argv);
}
