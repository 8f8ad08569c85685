#include "app/quarantine_command.h"

#include <iostream>

#include "app/config.h"
#include "app/ledger_role.h"
#include "base/clock.h"
#include "ledger/quarantine.h"

namespace viddhana::app {

int quarantine_command(const std::string& config_path, const std::string& action, int64_t id) {
    try {
        Config config = load_config_file(config_path);
        auto store = store::open_store(store_config(config));
        ledger::Quarantine quarantine(*store, config.ledger.payout.scheme);
        const int64_t now = SystemClock::instance().now_ms();
        if (action == "list") {
            int64_t total = store->quarantine().count();
            store::Page page;
            page.limit = 100;
            for (page.offset = 0; page.offset < total; page.offset += page.limit) {
                auto records = store->quarantine().list(page);
                if (!records) {
                    std::cerr << records.error().message << "\n";
                    return 1;
                }
                if (records->empty()) break;
                for (const auto& q : *records) {
                    std::cout << q.id << "\t" << store::to_string(q.kind) << "\t" << q.subject
                              << "\t" << q.time_ms << "\t" << q.reason << "\n";
                }
            }
            std::cout << total << " quarantined record" << (total == 1 ? "" : "s") << "\n";
            return 0;
        }
        auto done = action == "retry" ? quarantine.retry(id, now) : quarantine.drop(id, now);
        if (!done) {
            std::cerr << "quarantine " << action << " " << id << ": " << done.error().message
                      << "\n";
            return 2;
        }
        std::cout << *done << "\n";
        return 0;
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 1;
    }
}

}  // namespace viddhana::app
