// `viddhana quarantine list|retry|drop`: the operator's view of the records the store refused
// (ledger/quarantine.h), and the way to store one once its cause is fixed or to drop it for good.
#pragma once
#include <cstdint>
#include <string>

namespace viddhana::app {

// `action` is "list", "retry" or "drop"; `id` names the record for retry and drop.
// Exit code 0, 2 for a refused retry or an unknown id, 1 when the store cannot be opened.
int quarantine_command(const std::string& config_path, const std::string& action, int64_t id);

}  // namespace viddhana::app
