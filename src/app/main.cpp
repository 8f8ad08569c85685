// viddhana: one program, several roles. See README.md for the subcommands.
#include "app/cli.h"

int main(int argc, char** argv) {
    return viddhana::app::run_cli(argc, argv);
}
