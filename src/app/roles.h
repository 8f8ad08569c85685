// Running roles until the process is told to stop (SIGINT/SIGTERM).
#pragma once
#include <string>
#include <vector>

namespace viddhana::app {

// Roles by name ("stratum", ...). Loads the config, starts the roles and the metrics endpoint,
// waits for a signal, stops gracefully. Returns the process exit code.
int run_roles(const std::string& config_path, const std::vector<std::string>& roles);
// Loads a config and reports the first problem; exit code 0 when it is valid.
int check_config(const std::string& config_path);
// Releases a payment the payout guard held (operator command).
int release_payment(const std::string& config_path, const std::string& payment_id);

}  // namespace viddhana::app
